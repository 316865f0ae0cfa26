"""Slack edge: Bolt listeners only. Each module exposes register(app, deps)."""

from __future__ import annotations

from slack_bolt import App

from bot.core.deps import Deps
from handlers import (
    agreement,
    ask_actions,
    commands,
    decisions,
    events,
    home,
    messages,
    middleware,
    nudge_actions,
    standups,
)


def register_all(app: App, deps: Deps) -> None:
    middleware.register(app, deps)  # first: de-duplication guards every listener below
    home.register(app, deps)
    commands.register(app, deps)
    decisions.register(app, deps)
    events.register(app, deps)
    messages.register(app, deps)
    nudge_actions.register(app, deps)
    ask_actions.register(app, deps)
    standups.register(app, deps)
    agreement.register(app, deps)
