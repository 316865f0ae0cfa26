"""Event subscriptions whose features build on this foundation.

Slack disables an app's event subscriptions when deliveries keep failing, so every event the
manifest subscribes to is acknowledged here even before a feature acts on it.
"""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App

from bot.deps import Deps

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    app.event("message")(handle_message)
    app.event("member_joined_channel")(handle_member_joined_channel)
    app.event("reaction_added")(handle_reaction_added)
    if not deps.settings.oauth_configured:
        # With OAuth, Bolt's own listeners delete the installation; with one bot token there is
        # nothing to delete, but the operator needs to know.
        app.event("app_uninstalled")(handle_app_uninstalled)
        app.event("tokens_revoked")(handle_app_uninstalled)


def handle_message(event: dict[str, Any]) -> None:
    logger.debug("message event %s in %s", event.get("subtype", "new"), event.get("channel"))


def handle_member_joined_channel(event: dict[str, Any]) -> None:
    logger.debug("member %s joined %s", event.get("user"), event.get("channel"))


def handle_reaction_added(event: dict[str, Any]) -> None:
    logger.debug("reaction %s added", event.get("reaction"))


def handle_app_uninstalled(body: dict[str, Any]) -> None:
    logger.warning(
        "Slack reports the app was uninstalled or its tokens revoked in team %s", body.get("team_id")
    )
