"""What the bot tells people about itself: the /norms help and the App Home welcome."""

from __future__ import annotations

from collections.abc import Sequence
from difflib import get_close_matches
from typing import Any

from bot.nudges.blocks import RULE_NAMES
from bot.slack.block_kit import header, section
from bot.slack.mrkdwn import escape_mrkdwn
from bot.slack.surfaces import DECISION_COMMAND, NORMS_COMMAND, STANDUP_COMMAND

ASYNC_NORMS_SUMMARY = (
    "Async Norms helps your team work without waiting on each other: complete requests "
    "(what is asked, by when, and why), written standups instead of status meetings, "
    "decision records instead of lost threads, and response expectations everyone can see."
)

RESPONSE_NORMS = (
    "*Urgent*: answered the same working day",
    "*Normal*: answered by the end of the next business day",
    "*Complex* (reviews, proposals, decisions): two to three business days",
)

COMMAND_HELP = (
    (f"{NORMS_COMMAND} help", "this overview"),
    (f"{NORMS_COMMAND} agreement", "the team's working agreement (admins and managers: `agreement edit`)"),
    (f"{NORMS_COMMAND} asks", "asks waiting on you, and asks you are waiting on"),
    (f"{NORMS_COMMAND} hours 08:30-16:30 mon-fri", "your own working hours: reminders reach you only then"),
    (f"{NORMS_COMMAND} away until 2026-12-31", "mark yourself away (`away off` when you are back)"),
    (f"{NORMS_COMMAND} channel [nudge|observe|off]", "show or change how I work in this channel"),
    (f"{NORMS_COMMAND} channel threads on|off", "whether thread replies get tips too"),
    (f"{NORMS_COMMAND} nudges pause|resume|off|on", "your own tips: pause for a week, or turn off"),
    (f"{NORMS_COMMAND} default nudge|observe|off", "admins: the mode of channels I join"),
    (f"{NORMS_COMMAND} permissions anyone|admins", "admins: who may change channel modes"),
    (f"{NORMS_COMMAND} external on|off", "admins: tips and tracked asks for people from other organisations"),
    (f"{NORMS_COMMAND} rule RULE on|off", "admins: switch a check off (or on) across the workspace"),
    (f"{NORMS_COMMAND} channel rule RULE on|off", "switch a check off (or on) in this channel"),
    (
        DECISION_COMMAND,
        "record a decision (or use *Record as decision* on a message); `/decision help` for the log",
    ),
    (STANDUP_COMMAND, "set up (or edit) this channel's async standup; `/standup help` for the rest"),
)


def build_help_blocks() -> list[dict[str, Any]]:
    """Block Kit for `/norms help`."""
    norms = "\n".join(f"• {norm}" for norm in RESPONSE_NORMS)
    return [
        section(ASYNC_NORMS_SUMMARY),
        section("*Commands*\n" + "\n".join(f"• `{usage}`: {what}" for usage, what in COMMAND_HELP)),
        section(f"*Response norms* (the defaults; `/norms agreement` shows your team's)\n{norms}"),
    ]


def build_unknown_command_answer(text: str) -> tuple[str, list[dict[str, Any]]]:
    """The answer to a `/norms` command that is not one: the few lines that help (the rule names for a
    rule command; the commands that start alike, or look alike), not the whole help."""
    words = text.lower().split()
    rule_words = (
        words[1:] if words[:1] == ["rule"] else words[2:] if words[:2] == ["channel", "rule"] else None
    )
    if rule_words is not None:
        named = rule_words[0] if rule_words else ""
        intro = (
            f"I don't know the rule `{escape_mrkdwn(_shorten(named, 40))}`."
            if named and named not in RULE_NAMES
            else f"Say which rule, and on or off: `{NORMS_COMMAND} rule missing-deadline off`."
        )
        rules = "\n".join(f"• `{rule}`: {meaning}" for rule, meaning in RULE_NAMES.items())
        answer = (
            f"{intro} The rules:\n{rules}\n`{NORMS_COMMAND} rule RULE on|off` switches one across the "
            f"workspace (admins); `{NORMS_COMMAND} channel rule RULE on|off` in this channel."
        )
        return intro, [section(answer)]
    first_words = {usage.split()[1] for usage, _ in COMMAND_HELP if usage.startswith(NORMS_COMMAND + " ")}
    wanted = set(get_close_matches(words[0], sorted(first_words), n=2, cutoff=0.6)) if words else set()
    related = [
        (usage, what)
        for usage, what in COMMAND_HELP
        if usage.startswith(NORMS_COMMAND + " ") and usage.split()[1] in wanted
    ]
    intro = f"I don't know `{NORMS_COMMAND} {escape_mrkdwn(_shorten(text.strip(), 40))}`."
    lines = "".join(f"\n• `{usage}`: {what}" for usage, what in related[:4])
    suggestion = f" Did you mean:{lines}" if related else ""
    answer = f"{intro}{suggestion}\n`{NORMS_COMMAND} help` lists everything I can do."
    return intro, [section(answer)]


def help_fallback_text() -> str:
    return f"Async Norms: {ASYNC_NORMS_SUMMARY}"


def build_home_view(*, sections: Sequence[dict[str, Any]] = (), notice: str | None = None) -> dict[str, Any]:
    """The App Home tab: a notice (the result of a button), the person's sections, then the guide."""
    top: list[dict[str, Any]] = [header("Async Norms")]
    if notice:
        top.append({"type": "context", "elements": [{"type": "mrkdwn", "text": notice[:2000]}]})
    divider = [{"type": "divider"}] if sections else []
    return {"type": "home", "blocks": [*top, *sections, *divider, *build_help_blocks()]}


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"
