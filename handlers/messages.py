"""Message events: new messages are linted for nudges and may open tracked asks; thread replies
answer asks; edits may fix a nudged message or change who is asked; deletions cancel asks; a message
in the bot's DM answers the person's standup prompt."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.asks.flow import track_deleted_message, track_edited_message, track_new_message
from bot.asks.service import ts_time
from bot.core.deps import Deps
from bot.nudges.flow import handle_edited_message, handle_new_message
from bot.nudges.service import parse_message_event
from bot.slack.gateway import WebClientGateway
from bot.standups.flow import answer_by_dm

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def handle_message_event(
        event: dict[str, Any], body: dict[str, Any], context: BoltContext, client: WebClient
    ) -> None:
        team_id = context.team_id or ""
        shared_externally = body.get("is_ext_shared_channel") is True
        gateway = WebClientGateway(client)
        subtype = event.get("subtype")
        if subtype == "message_changed":
            edited = event.get("message")
            if isinstance(edited, dict):
                message = parse_message_event(
                    {**edited, "channel": event.get("channel")},
                    team_id=team_id,
                    shared_externally=shared_externally,
                )
                if message is not None and message.user_id:
                    handle_edited_message(deps=deps, message=message)
                    track_edited_message(deps=deps, gateway=gateway, message=message)
            return
        if subtype == "message_deleted":
            channel, deleted_ts = event.get("channel"), event.get("deleted_ts")
            if isinstance(channel, str) and isinstance(deleted_ts, str):
                track_deleted_message(deps=deps, team_id=team_id, channel_id=channel, message_ts=deleted_ts)
            return
        if event.get("channel_type") == "im":
            user, text = event.get("user"), event.get("text")
            if (
                subtype is None
                and not event.get("bot_id")
                and isinstance(user, str)
                and isinstance(text, str)
            ):
                written = ts_time(str(event.get("ts") or ""))
                answer_by_dm(deps=deps, client=client, team_id=team_id, user_id=user, text=text, at=written)
            return  # a DM with the bot is read for standup updates only
        message = parse_message_event(event, team_id=team_id, shared_externally=shared_externally)
        if message is None:
            logger.warning("message event without a channel or ts in team %s; ignored", team_id)
            return
        try:
            handle_new_message(deps=deps, gateway=gateway, message=message)
        finally:  # a failed nudge must not lose the ask
            track_new_message(deps=deps, gateway=gateway, message=message)

    app.event("message")(handle_message_event)
