"""Message shortcuts: "Record as decision"."""

from __future__ import annotations

import logging

from slack_bolt import Ack, App, Respond

from bot.deps import Deps
from bot.help_text import build_not_available_text
from bot.surfaces import RECORD_DECISION_SHORTCUT

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    app.shortcut(RECORD_DECISION_SHORTCUT)(handle_record_decision_shortcut)


def handle_record_decision_shortcut(ack: Ack, respond: Respond) -> None:
    ack()
    try:
        respond(text=build_not_available_text("*Record as decision*"), response_type="ephemeral")
    except Exception as error:  # a missing or expired response_url must not break the listener
        logger.warning("could not answer the shortcut: %s", type(error).__name__)
