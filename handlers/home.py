"""App Home: publish the home tab when someone opens it."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App
from slack_sdk import WebClient

from bot.deps import Deps
from bot.help_text import build_home_view
from bot.slack_client import SLACK_CALL_FAILURES, failure_reason

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    app.event("app_home_opened")(handle_app_home_opened)


def handle_app_home_opened(event: dict[str, Any], client: WebClient) -> None:
    if event.get("tab", "home") != "home":
        return
    user_id = event.get("user")
    if not isinstance(user_id, str):
        logger.warning("app_home_opened without a user id; nothing published")
        return
    try:
        client.views_publish(user_id=user_id, view=build_home_view())
    except SLACK_CALL_FAILURES as error:
        logger.error("views.publish for %s failed: %s", user_id, failure_reason(error))
