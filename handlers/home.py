"""App Home: publish the home tab when someone opens it, and after they act on it."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.ask_flow import asks_overview
from bot.deps import Deps
from bot.help_text import build_home_view
from bot.slack_client import SLACK_CALL_FAILURES, failure_reason

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def handle_app_home_opened(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        user_id = event.get("user")
        if not isinstance(user_id, str):
            logger.warning("app_home_opened without a user id; nothing published")
            return
        publish_home(deps=deps, client=client, team_id=context.team_id or "", user_id=user_id)

    app.event("app_home_opened")(handle_app_home_opened)


def publish_home(
    *, deps: Deps, client: WebClient, team_id: str, user_id: str, notice: str | None = None
) -> None:
    """Build this person's Home (their open asks, then the guide) and publish it."""
    _, asks_blocks = asks_overview(deps=deps, team_id=team_id, user_id=user_id, with_buttons=True)
    try:
        client.views_publish(user_id=user_id, view=build_home_view(sections=asks_blocks, notice=notice))
    except SLACK_CALL_FAILURES as error:
        logger.error("views.publish for %s failed: %s", user_id, failure_reason(error))
