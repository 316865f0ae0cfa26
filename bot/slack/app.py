"""Build the Bolt app. Nothing happens at import time: the composition root calls create_app."""

from __future__ import annotations

import json
import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, BoltRequest, BoltResponse
from slack_bolt.listener.listener_error_handler import ListenerErrorHandler
from slack_bolt.logger.messages import warning_client_prioritized_and_token_skipped
from slack_bolt.oauth.oauth_settings import OAuthSettings
from slack_sdk.oauth.state_store.sqlalchemy import SQLAlchemyOAuthStateStore
from sqlalchemy import Engine
from sqlalchemy.exc import SQLAlchemyError

from bot.core.dedup import delivery_of, release_delivery
from bot.core.deps import Deps
from bot.core.errors import FormErrors, Refusal
from bot.core.settings import Settings, SlackMode
from bot.core.workspaces import ReturningAwareInstallationStore
from bot.slack.block_kit import modal, section
from bot.slack.client import LISTENER_RATE_LIMIT_WAIT_S, build_web_client, failure_reason, metered
from bot.slack.inbox_worker import FROM_INBOX, LISTENER_FAILED
from bot.slack.surfaces import BOT_SCOPES

OAUTH_STATE_EXPIRATION_S = 600
logger = logging.getLogger(__name__)


def create_app(deps: Deps, *, register: Callable[[App, Deps], None], for_inbox: bool = False) -> App:
    """Compose the Bolt app for the configured mode; `register` adds every feature's listeners.

    `for_inbox`: the app an inbox worker dispatches stored events to: it runs the listeners in the
    worker's thread before it returns (so the worker knows they finished), and does not verify
    signatures (they were verified when the event was received).

    Raises ConfigError when the Slack credentials are incomplete, and slack_bolt's BoltError when
    Slack rejects the bot token (checked with auth.test at start-up in single-workspace mode).
    """
    settings, engine = deps.settings, deps.engine
    mode = settings.slack_mode()
    signing_secret = settings.signing_secret_text
    app_logger = logging.getLogger("bot.slack.app")
    app_logger.addFilter(_drop_token_skipped_warning)
    inbox_options: dict[str, Any] = (
        {"process_before_response": True, "request_verification_enabled": False} if for_inbox else {}
    )
    if mode is SlackMode.HTTP_OAUTH:
        app = App(
            signing_secret=signing_secret,
            client=build_web_client(settings, max_rate_limit_wait_s=LISTENER_RATE_LIMIT_WAIT_S),
            oauth_settings=_oauth_settings(settings, engine),
            logger=app_logger,
            **inbox_options,
        )
    else:
        assert settings.slack_bot_token is not None  # slack_mode() guarantees it
        app = App(
            signing_secret=signing_secret,
            client=build_web_client(
                settings,
                token=settings.slack_bot_token.get_secret_value(),
                max_rate_limit_wait_s=LISTENER_RATE_LIMIT_WAIT_S,
            ),
            logger=app_logger,
            **{"request_verification_enabled": mode is not SlackMode.SOCKET, **inbox_options},
        )
    # Not app.error(): Bolt's kwargs builder, which it uses for custom handlers, fails on some
    # malformed payloads; the middleware keeps Bolt's default handler.
    app._listener_runner.listener_error_handler = AnswerKindly(deps)
    app.use(_keep_the_acknowledgement)
    app.use(_count_slack_calls)
    register(app, deps)
    return app


def _drop_token_skipped_warning(record: logging.LogRecord) -> bool:
    """Bolt reads SLACK_BOT_TOKEN from the environment itself and warns that our client wins; it should."""
    return record.getMessage() != warning_client_prioritized_and_token_skipped()


def _oauth_settings(settings: Settings, engine: Engine) -> OAuthSettings:
    assert settings.slack_client_id is not None and settings.slack_client_secret is not None
    return OAuthSettings(
        client_id=settings.slack_client_id,
        client_secret=settings.slack_client_secret.get_secret_value(),
        scopes=list(BOT_SCOPES),
        authorization_url=settings.oauth_authorize_url,
        installation_store=ReturningAwareInstallationStore(
            client_id=settings.slack_client_id, engine=engine, cipher=settings.token_cipher()
        ),
        state_store=SQLAlchemyOAuthStateStore(expiration_seconds=OAUTH_STATE_EXPIRATION_S, engine=engine),
    )


SOMETHING_WENT_WRONG = (
    "Sorry, something went wrong on my side (it is in the log for whoever runs the bot). "
    "Please try again in a minute."
)


DATABASE_DID_NOT_ANSWER = (
    "Sorry, my database did not answer just now, so nothing was changed. Please try again in a minute."
)
FORM_NOT_SAVED = (
    "This could not be saved just now (the bot's database did not answer). What you entered is still "
    "here: submit again in a minute."
)


def _first_input_block(body: dict[str, Any]) -> str | None:
    """The block id of a submitted form's first input, where an error shows next to the person's text."""
    view = body.get("view")
    if not isinstance(view, dict):
        return None
    blocks = view.get("blocks")
    for block in blocks if isinstance(blocks, list) else []:
        block_id = block.get("block_id") if isinstance(block, dict) else None
        if isinstance(block_id, str) and block.get("type") == "input":
            return block_id
    state = view.get("state")
    values = state.get("values") if isinstance(state, dict) else None
    return next(iter(values), None) if isinstance(values, dict) else None  # the submitted inputs


class AnswerKindly(ListenerErrorHandler):
    """The one error handler: refusals and form errors are answered, anything else is logged.

    A form's errors answer the submission itself (`response_action: errors`); a refusal is told to
    the person privately (through response_url, else by DM); a database that does not answer keeps a
    submitted form open with the person's text and says so (nothing is stored until it answers); an
    unexpected error is logged by type, never with the payload, and the person hears that something
    went wrong. It reads the request
    itself: Bolt's own kwargs builder fails on some malformed payloads.
    """

    def __init__(self, deps: Deps) -> None:
        self._deps = deps

    def handle(self, error: Exception, request: BoltRequest, response: BoltResponse | None) -> None:
        body = request.body if isinstance(request.body, dict) else {}
        delivery = delivery_of(body)
        if not isinstance(error, Refusal | FormErrors):
            request.context[LISTENER_FAILED] = True  # an inbox worker tries the event again later
            if delivery is not None and not request.context.get(FROM_INBOX):
                # Slack's retry of an event whose work failed is not dropped as already done.
                release_delivery(self._deps, team_id=delivery[0], event_id=delivery[1])
        kind = "slash command" if "command" in body else str(body.get("type") or "request")
        if isinstance(error, FormErrors):
            _answer(response, {"response_action": "errors", "errors": error.by_block})
            return
        if isinstance(error, Refusal):
            text = error.text
        elif isinstance(error, SQLAlchemyError):  # logged by type: statements carry no parameters
            logger.error(
                "listener for a %s failed, the database did not answer: %s", kind, type(error).__name__
            )
            text = DATABASE_DID_NOT_ANSWER
            block_id = _first_input_block(body)
            if kind == "view_submission" and response is not None and block_id is not None:
                _answer(response, {"response_action": "errors", "errors": {block_id: FORM_NOT_SAVED}})
                return  # the form stays open with what the person typed
        else:
            logger.error("listener for a %s failed: %s", kind, type(error).__name__, exc_info=error)
            text = SOMETHING_WENT_WRONG
        if kind == "view_submission" and response is not None:  # the form is still open: answer on it
            view = modal("Async Norms", [section(text)], submit=None)
            _answer(response, {"response_action": "update", "view": view})
            return
        _tell_privately(request.context, body, text)


class _AnsweredOnce(Ack):
    """An acknowledgement that stays given.

    When a listener raises after ack(), Bolt's thread runner sets `ack.response` back to None while
    the request thread may still be about to read it, and Slack then gets a 404. A refusal raised
    after the acknowledgement is ordinary here, so the answer, once given, is kept.
    """

    @property
    def response(self) -> BoltResponse | None:
        return getattr(self, "_response", None)

    @response.setter
    def response(self, value: BoltResponse | None) -> None:
        if value is not None or self.response is None:
            self._response = value


def _keep_the_acknowledgement(context: BoltContext, next: Callable[[], None]) -> None:
    context["ack"] = _AnsweredOnce()  # type: ignore[no-untyped-call]
    next()


def _count_slack_calls(context: BoltContext, next: Callable[[], None]) -> None:
    if context.client is not None:
        context["client"] = metered(context.client)
    next()


def _answer(response: BoltResponse | None, payload: dict[str, Any]) -> None:
    """Turn the pending (500) answer into this JSON; None when the request was acknowledged already."""
    if response is None:
        logger.warning("a form answer came after the acknowledgement and was dropped")
        return
    response.status = 200
    response.body = json.dumps(payload)
    response.headers = {"content-type": ["application/json;charset=utf-8"]}


def _tell_privately(context: BoltContext, body: dict[str, Any], text: str) -> None:
    """Through response_url when the surface has one (commands, message buttons), else by DM."""
    user = body.get("user")
    user_id = body.get("user_id") or (user.get("id") if isinstance(user, dict) else None)
    try:
        if context.respond is not None and body.get("response_url"):
            context.respond(text=text, response_type="ephemeral", replace_original=False)
        elif isinstance(user_id, str) and user_id and context.client is not None:
            context.client.chat_postMessage(channel=user_id, text=text)
    except Exception as failure:  # the answer is a courtesy: it must never raise from the error handler
        logger.warning("could not tell the person: %s", failure_reason(failure))
