"""Buttons on tracked asks (reminder DMs, the asker's notice, App Home): ack, apply, answer; and the
"Track as ask" message shortcut with its form."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.asks.blocks import (
    ACTION_FOR_ID,
    ASK_ACTION_IDS,
    TRACK_ASK_CALLBACK,
    TrackedMessage,
    parse_track_ask_form,
)
from bot.asks.flow import apply_ask_action, track_form, track_message
from bot.asks.service import SnoozeFor
from bot.core.deps import Deps
from bot.slack.client import SLACK_CALL_FAILURES, failure_reason
from bot.slack.gateway import WebClientGateway
from bot.slack.surfaces import TRACK_ASK_SHORTCUT
from handlers.home import publish_home
from handlers.replies import acting_user_id, clicked_action, open_modal, reply_privately

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def handle_ask_button(
        ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond, client: WebClient
    ) -> None:
        ack()
        click = _click(body)
        if click is None:
            logger.warning("ask button with a malformed payload ignored")
            return
        action_id, ask_id, user_id, snooze = click
        team_id = context.team_id or ""
        reply = apply_ask_action(
            deps=deps,
            gateway=WebClientGateway(client),
            team_id=team_id,
            user_id=user_id,
            ask_id=ask_id,
            action=ACTION_FOR_ID[action_id],
            snooze=snooze,
        )
        view = body.get("view")
        if isinstance(view, dict) and view.get("type") == "home":
            publish_home(deps=deps, client=client, team_id=team_id, user_id=user_id, notice=reply)
            return
        reply_privately(respond, reply)

    def handle_track_shortcut(
        ack: Ack, body: dict[str, Any], context: BoltContext, respond: Respond, client: WebClient
    ) -> None:
        ack()
        channel, message = body.get("channel") or {}, body.get("message") or {}
        channel_id = channel.get("id") if isinstance(channel, dict) else None
        if not isinstance(channel_id, str) or not isinstance(message, dict):
            reply_privately(respond, "I could not tell which message this was. Try again from its menu.")
            return
        view = track_form(
            deps=deps,
            team_id=context.team_id or "",
            clicker=acting_user_id(body),
            channel_id=channel_id,
            message=message,
        )  # fmt: skip  (raises Refusal, told privately)
        open_modal(client, body.get("trigger_id"), view, respond, form="the Track as ask form")

    def handle_track_submission(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext, client: WebClient
    ) -> None:
        message = TrackedMessage.from_metadata(view.get("private_metadata"))
        if message is None:
            ack()
            logger.warning("Track as ask form without its message ignored")
            return
        form = parse_track_ask_form((view.get("state") or {}).get("values"))  # FormErrors: shown on the form
        clicker = acting_user_id(body)
        notice = track_message(
            deps=deps, gateway=WebClientGateway(client), team_id=context.team_id or "", clicker=clicker,
            message=message, form=form,
        )  # fmt: skip
        ack()
        try:
            client.chat_postMessage(channel=clicker, text=notice)
        except SLACK_CALL_FAILURES as error:
            logger.warning("telling %s about a tracked ask failed: %s", clicker, failure_reason(error))

    for action_id in ASK_ACTION_IDS.values():
        app.action(action_id)(handle_ask_button)
    app.shortcut(TRACK_ASK_SHORTCUT)(handle_track_shortcut)
    app.view(TRACK_ASK_CALLBACK)(handle_track_submission)


def _click(body: dict[str, Any]) -> tuple[str, int, str, SnoozeFor] | None:
    """(action id, ask id, user id, how long to snooze) of the clicked button or chosen Snooze option,
    or None when the payload is malformed."""
    user, action = body.get("user"), clicked_action(body)
    user_id = user.get("id") if isinstance(user, dict) else None
    action_id, value = action.get("action_id"), action.get("value")
    selected = action.get("selected_option")
    if isinstance(selected, dict):  # the Snooze menu: "<ask id>:<how long>"
        value, _, choice = str(selected.get("value") or "").partition(":")
    else:
        choice = SnoozeFor.TOMORROW.value
    if not isinstance(user_id, str) or action_id not in ACTION_FOR_ID or not isinstance(value, str):
        return None
    if not value.isdigit() or len(value) > 18 or choice not in {option.value for option in SnoozeFor}:
        return None
    return str(action_id), int(value), user_id, SnoozeFor(choice)
