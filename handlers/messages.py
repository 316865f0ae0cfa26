"""Message events: new messages are linted for nudges; edits may fix a nudged message."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.deps import Deps
from bot.nudge_flow import handle_edited_message, handle_new_message
from bot.nudges import parse_message_event
from bot.slack_gateway import WebClientGateway

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def handle_message_event(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        team_id = context.team_id or ""
        if event.get("subtype") == "message_changed":
            edited = event.get("message")
            if isinstance(edited, dict):
                message = parse_message_event({**edited, "channel": event.get("channel")}, team_id=team_id)
                if message is not None and message.user_id:
                    handle_edited_message(deps=deps, message=message)
            return
        message = parse_message_event(event, team_id=team_id)
        if message is None:
            logger.warning("message event without a channel or ts in team %s; ignored", team_id)
            return
        handle_new_message(deps=deps, gateway=WebClientGateway(client), message=message)

    app.event("message")(handle_message_event)
