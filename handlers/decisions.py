"""Decision records: /decision, the "Record as decision" shortcut, the modal, and status buttons."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot import decisions
from bot import nudge_settings as settings
from bot.decision_blocks import (
    DECISION_HELP,
    DECISION_MODAL_CALLBACK,
    STATUS_ACTIONS,
    build_decision_modal,
    build_record_message,
    draft_from_form,
    modal_metadata,
    parse_decision_form,
    read_metadata,
)
from bot.decision_command import DecisionAction, parse_decision_command, prefill_from_thread, run_log_command
from bot.decisions import NotAllowedError, UnknownDecisionError, display_number
from bot.deps import Deps
from bot.nudge_flow import person_facts
from bot.slack_client import SLACK_CALL_FAILURES, failure_reason
from bot.slack_gateway import WebClientGateway
from bot.surfaces import DECISION_COMMAND, RECORD_DECISION_SHORTCUT
from handlers.replies import acting_user_id, clicked_action, open_modal, reply_privately
from models import DecisionStatus

logger = logging.getLogger(__name__)
REPLIES_PAGE_LIMIT = 200
REPLIES_MAX_PAGES = 50


def register(app: App, deps: Deps) -> None:
    app.command(DECISION_COMMAND)(_handle_decision_command(deps))
    app.shortcut(RECORD_DECISION_SHORTCUT)(_handle_record_shortcut(deps))
    app.view(DECISION_MODAL_CALLBACK)(_handle_decision_submission(deps))
    for action_id in STATUS_ACTIONS:
        app.action(action_id)(_handle_status_button(deps))


def _handle_decision_command(deps: Deps) -> Callable[..., None]:
    def handle_decision_command(
        ack: Ack, command: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        parsed = parse_decision_command(str(command.get("text") or ""))
        team_id, channel_id, user_id = (
            str(command.get(key) or "") for key in ("team_id", "channel_id", "user_id")
        )
        if parsed.action is DecisionAction.HELP:
            ack(text=DECISION_HELP, response_type="ephemeral")
            return
        ack()
        if parsed.action is DecisionAction.OPEN:
            view = build_decision_modal(
                today=deps.clock().date(), title=parsed.text,
                metadata=modal_metadata(channel_id=channel_id or None, thread_ts=None, permalink=None),
            )  # fmt: skip
            open_modal(client, command.get("trigger_id"), view, respond, form="the decision form")
            return
        if parsed.action is DecisionAction.LOG_CHANNEL:
            reply = _set_log_channel(
                deps, client, team_id, user_id, channel_id if parsed.text == "here" else None
            )
        else:
            reply = run_log_command(parsed, deps=deps, team_id=team_id, user_id=user_id)
        reply_privately(respond, reply)

    return handle_decision_command


def _handle_record_shortcut(deps: Deps) -> Callable[..., None]:
    def handle_record_shortcut(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        channel = (body.get("channel") or {}).get("id")
        message = body.get("message") or {}
        thread_ts = message.get("thread_ts") or message.get("ts")
        if not isinstance(channel, str) or not isinstance(thread_ts, str):
            reply_privately(
                respond, "I could not tell which message this was. Try again from the message's menu."
            )
            return
        messages = _whole_thread(client, channel, thread_ts) or [message]
        prefill = prefill_from_thread(messages)
        permalink = _permalink(client, channel, thread_ts)
        view = build_decision_modal(
            today=deps.clock().date(), title=prefill.title, context=prefill.context, options=prefill.options,
            makers=prefill.participants,
            metadata=modal_metadata(channel_id=channel, thread_ts=thread_ts, permalink=permalink),
        )  # fmt: skip
        open_modal(client, body.get("trigger_id"), view, respond, form="the decision form")

    return handle_record_shortcut


def _handle_decision_submission(deps: Deps) -> Callable[..., None]:
    def handle_decision_submission(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        form = parse_decision_form((view.get("state") or {}).get("values"), today=deps.clock().date())
        if isinstance(form, dict):
            ack(response_action="errors", errors=form)
            return
        ack()
        team_id = context.team_id or ""
        user_id = acting_user_id(body)
        draft = draft_from_form(form, read_metadata(view.get("private_metadata")))
        now = deps.clock()
        with deps.session_factory.begin() as session:
            record = decisions.record_decision(
                session=session, team_id=team_id, draft=draft, author_id=user_id, now=now
            )
            log_channel = settings.workspace_settings(
                session=session, team_id=team_id, now=now
            ).decision_log_channel
            number = record.number
        _post_record(deps, client, team_id=team_id, number=number, user_id=user_id, log_channel=log_channel)

    return handle_decision_submission


def _handle_status_button(deps: Deps) -> Callable[..., None]:
    def handle_status_button(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        action = clicked_action(body)
        to = STATUS_ACTIONS.get(str(action.get("action_id")))
        number = decisions.parse_number(str(action.get("value") or ""))
        user_id = acting_user_id(body)
        if to is None or number is None:
            logger.warning("decision button with a malformed payload ignored")
            return
        try:
            with deps.session_factory.begin() as session:
                record = decisions.change_status(
                    session=session,
                    team_id=context.team_id or "",
                    number=number,
                    to=to,
                    by=user_id,
                    now=deps.clock(),
                )
                text, blocks = build_record_message(record)
        except (NotAllowedError, UnknownDecisionError) as refusal:
            reply_privately(respond, str(refusal))
            return
        container = body.get("container") or {}
        channel, ts = container.get("channel_id"), container.get("message_ts")
        if isinstance(channel, str) and isinstance(ts, str):
            try:
                client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
            except SLACK_CALL_FAILURES as error:
                logger.error(
                    "could not update %s in %s: %s",
                    display_number(number),
                    channel,
                    failure_reason(error),
                )

    return handle_status_button


def _post_record(
    deps: Deps, client: WebClient, *, team_id: str, number: int, user_id: str, log_channel: str | None
) -> None:
    """Post the new record into its thread (or channel, or the author's DM), and to the decision log."""
    with deps.session_factory.begin() as session:
        record = decisions.find(session=session, team_id=team_id, number=number)
        text, blocks = build_record_message(record)
        target, thread_ts = record.channel_id or user_id, record.thread_ts
        proposal = record.status is DecisionStatus.PROPOSED and record.feedback_by is not None
        feedback_by = record.feedback_by
    try:
        posted = client.chat_postMessage(channel=target, text=text, blocks=blocks, thread_ts=thread_ts)
        if proposal:
            client.chat_postMessage(
                channel=target, thread_ts=posted.get("ts") if thread_ts is None else thread_ts,
                text=f"Request for comments on {display_number(number)}: please reply in this thread "
                f"by {feedback_by:%a %d %b}.",
            )  # fmt: skip
    except SLACK_CALL_FAILURES as error:
        logger.error(
            "%s (team %s) not posted to %s: %s",
            display_number(number),
            team_id,
            target,
            failure_reason(error),
        )
        return
    with deps.session_factory.begin() as session:
        decisions.find(session=session, team_id=team_id, number=number).posted_ts = posted.get("ts")
    if log_channel and log_channel != target:
        try:
            client.chat_postMessage(channel=log_channel, text=text, blocks=blocks)
        except SLACK_CALL_FAILURES as error:
            logger.error("decision log channel %s (team %s): %s", log_channel, team_id, failure_reason(error))


def _whole_thread(client: WebClient, channel: str, thread_ts: str) -> list[dict[str, Any]]:
    """Every message of a thread, following conversations.replies' pages."""
    messages: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(REPLIES_MAX_PAGES):
        try:
            page = client.conversations_replies(
                channel=channel, ts=thread_ts, cursor=cursor, limit=REPLIES_PAGE_LIMIT
            )
        except SLACK_CALL_FAILURES as error:
            logger.warning(
                "conversations.replies for %s/%s failed: %s", channel, thread_ts, failure_reason(error)
            )
            return messages
        messages.extend(message for message in page.get("messages") or [] if isinstance(message, dict))
        cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
        if not page.get("has_more") or not cursor:
            return messages
    return messages


def _permalink(client: WebClient, channel: str, ts: str) -> str | None:
    try:
        link = client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink")
    except SLACK_CALL_FAILURES:
        return None
    return link if isinstance(link, str) else None


def _set_log_channel(
    deps: Deps, client: WebClient, team_id: str, user_id: str, channel_id: str | None
) -> str:
    facts = person_facts(deps=deps, gateway=WebClientGateway(client), team_id=team_id, user_id=user_id)
    if facts is None or not facts.is_admin:
        return "Only workspace admins can choose the decision-log channel."
    with deps.session_factory.begin() as session:
        settings.workspace_settings(
            session=session, team_id=team_id, now=deps.clock()
        ).decision_log_channel = channel_id
    return (
        "New decision records will also be posted here."
        if channel_id
        else "No decision-log channel: records stay in their threads."
    )
