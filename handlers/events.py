"""Other event subscriptions: the bot joining a channel, reactions, uninstalls."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.deps import Deps
from bot.nudge_flow import introduce_in_channel
from bot.slack_gateway import WebClientGateway

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def handle_member_joined_channel(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        channel = event.get("channel")
        if event.get("user") != context.bot_user_id or not isinstance(channel, str):
            return  # a person joined; response tracking and standups read membership when they need it
        introduce_in_channel(
            deps=deps, gateway=WebClientGateway(client), team_id=context.team_id or "", channel_id=channel
        )

    app.event("member_joined_channel")(handle_member_joined_channel)
    app.event("reaction_added")(handle_reaction_added)
    if not deps.settings.oauth_configured:
        # With OAuth, Bolt's own listeners delete the installation; with one bot token there is
        # nothing to delete, but the operator needs to know.
        app.event("app_uninstalled")(handle_app_uninstalled)
        app.event("tokens_revoked")(handle_app_uninstalled)


def handle_reaction_added(event: dict[str, Any]) -> None:
    # Acknowledgement reactions close tracked asks once response tracking lands (issue 8).
    logger.debug("reaction %s added", event.get("reaction"))


def handle_app_uninstalled(body: dict[str, Any]) -> None:
    logger.warning(
        "Slack reports the app was uninstalled or its tokens revoked in team %s", body.get("team_id")
    )
