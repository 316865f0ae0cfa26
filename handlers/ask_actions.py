"""Buttons on tracked asks (reminder DMs, the asker's notice, App Home): ack, apply, answer."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.asks.blocks import ACTION_FOR_ID, ASK_ACTION_IDS
from bot.asks.flow import apply_ask_action
from bot.core.deps import Deps
from bot.slack.gateway import WebClientGateway
from handlers.home import publish_home
from handlers.replies import clicked_action, reply_privately

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
        action_id, ask_id, user_id = click
        team_id = context.team_id or ""
        reply = apply_ask_action(
            deps=deps,
            gateway=WebClientGateway(client),
            team_id=team_id,
            user_id=user_id,
            ask_id=ask_id,
            action=ACTION_FOR_ID[action_id],
        )
        view = body.get("view")
        if isinstance(view, dict) and view.get("type") == "home":
            publish_home(deps=deps, client=client, team_id=team_id, user_id=user_id, notice=reply)
            return
        reply_privately(respond, reply)

    for action_id in ASK_ACTION_IDS.values():
        app.action(action_id)(handle_ask_button)


def _click(body: dict[str, Any]) -> tuple[str, int, str] | None:
    """(action id, ask id, user id) of the clicked button, or None when the payload is malformed."""
    user, action = body.get("user"), clicked_action(body)
    user_id = user.get("id") if isinstance(user, dict) else None
    action_id, value = action.get("action_id"), action.get("value")
    if not isinstance(user_id, str) or action_id not in ACTION_FOR_ID or not isinstance(value, str):
        return None
    if not value.isdigit() or len(value) > 18:
        return None
    return str(action_id), int(value), user_id
