"""Slash commands: /norms, /decision, /standup."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App

from bot.deps import Deps
from bot.help_text import build_help_blocks, build_not_available_text, help_fallback_text
from bot.surfaces import DECISION_COMMAND, NORMS_COMMAND, STANDUP_COMMAND


def register(app: App, deps: Deps) -> None:
    app.command(NORMS_COMMAND)(handle_norms_command)
    app.command(DECISION_COMMAND)(handle_not_yet_available_command)
    app.command(STANDUP_COMMAND)(handle_not_yet_available_command)


def handle_norms_command(ack: Ack, command: dict[str, Any]) -> None:
    text = command.get("text")
    subcommand = text.strip() if isinstance(text, str) else ""
    if subcommand in ("", "help"):
        ack(text=help_fallback_text(), blocks=build_help_blocks(), response_type="ephemeral")
        return
    ack(
        text=help_fallback_text(),
        blocks=build_help_blocks(unknown_subcommand=subcommand),
        response_type="ephemeral",
    )


def handle_not_yet_available_command(ack: Ack, command: dict[str, Any]) -> None:
    name = command.get("command")
    ack(text=build_not_available_text(f"`{name}`" if isinstance(name, str) else "This command"))
