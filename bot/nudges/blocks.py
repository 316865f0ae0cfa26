"""Block Kit for nudges and the channel intro: pure builders, within Slack's limits."""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from bot.lint import Finding
from bot.slack.block_kit import BUTTON_VALUE_LIMIT, SECTION_TEXT_LIMIT, section
from bot.slack.mrkdwn import escape_mrkdwn
from bot.slack.surfaces import NORMS_COMMAND

NUDGE_GOT_IT_ACTION = "nudge_got_it"
NUDGE_NOT_HELPFUL_ACTION = "nudge_not_helpful"
NUDGE_PAUSE_ACTION = "nudge_pause_week"
NUDGE_ACTIONS_BLOCK = "nudge_actions"
NUDGE_ACTIONS = (NUDGE_GOT_IT_ACTION, NUDGE_NOT_HELPFUL_ACTION, NUDGE_PAUSE_ACTION)


def nudge_button_value(*, channel_id: str, message_ts: str, rules: list[str]) -> str:
    value = json.dumps({"c": channel_id, "ts": message_ts, "r": rules}, separators=(",", ":"))
    return value[:BUTTON_VALUE_LIMIT]


def parse_nudge_button_value(value: object) -> tuple[str, str, list[str]] | None:
    """(channel, message ts, rule ids) from a nudge button's value, or None for anything malformed."""
    if not isinstance(value, str):
        return None
    try:
        data = json.loads(value)
    except ValueError:
        return None
    if not isinstance(data, dict):
        return None
    channel, ts, rules = data.get("c"), data.get("ts"), data.get("r")
    if not (isinstance(channel, str) and isinstance(ts, str) and isinstance(rules, list)):
        return None
    return channel, ts, [rule for rule in rules if isinstance(rule, str)]


def build_nudge(
    *, findings: tuple[Finding, ...], rewrite: str, channel_id: str, message_ts: str, daily_cap: int
) -> tuple[str, list[dict[str, Any]]]:
    """(fallback text, blocks) for the ephemeral nudge: what is missing, a better version, three buttons."""
    rules = [finding.rule.value for finding in findings]
    missing = "\n".join(f"• {finding.message}" for finding in findings)
    quoted = "\n".join(f">{line}" for line in rewrite.splitlines() or [rewrite])
    blocks: list[dict[str, Any]] = [
        section(
            _limit(
                f"A quick tip for your message in <#{channel_id}>, so people can act on it "
                f"without a follow-up:\n{missing}"
            )
        ),
        section(_limit(f"*Try something like:*\n{quoted}")),
        {
            "type": "actions",
            "block_id": NUDGE_ACTIONS_BLOCK,
            "elements": [
                _button("Got it", NUDGE_GOT_IT_ACTION, channel_id, message_ts, rules, style="primary"),
                _button("Not helpful", NUDGE_NOT_HELPFUL_ACTION, channel_id, message_ts, rules),
                _button("Pause nudges for a week", NUDGE_PAUSE_ACTION, channel_id, message_ts, rules),
            ],
        },
        {
            "type": "context",
            "elements": [
                {
                    "type": "mrkdwn",
                    "text": f"Only you can see this. At most {daily_cap} tips a day; "
                    f"`{NORMS_COMMAND} nudges pause` stops them.",
                }
            ],
        },
    ]
    fallback = "Async Norms tip: " + "; ".join(finding.message for finding in findings)
    return _limit(fallback), blocks


def build_nudge_thanks(kind: str, *, paused_until: datetime | None = None) -> str:
    if kind == NUDGE_NOT_HELPFUL_ACTION:
        return "Thanks, noted: this helps us tune the tips. This one won't come back for an hour."
    until = f" until {paused_until:%a %d %b}" if paused_until is not None else ""
    return f"Nudges paused{until}. Resume any time with `{NORMS_COMMAND} nudges resume`."


RULE_NAMES = {
    "bare-greeting": "greetings on their own",
    "missing-context": "missing context",
    "missing-deadline": "missing by-whens",
    "missing-request": "mentions without an ask",
    "false-urgency": "urgency without a reason",
    "broadcast-mention": "@channel and @here",
    "wall-of-text": "long unstructured messages",
}


def build_rule_paused_notice(*, rule: str, reports: int, nudges: int) -> tuple[str, list[dict[str, Any]]]:
    """The admins' DM when people's "Not helpful" reports pause a rule's tips in the workspace."""
    name = RULE_NAMES.get(rule, rule)
    share = reports / nudges if nudges else 0.0
    text = (
        f"I've paused tips about *{name}* (`{rule}`) in this workspace: people marked "
        f"{reports} of the last {nudges} as not helpful ({share:.0%}). "
        "I keep noticing these messages (they still count in the norm metrics) but send nothing. "
        f"To turn the tips back on: `{NORMS_COMMAND} rule {rule} on`, or the working agreement "
        f"(`{NORMS_COMMAND} agreement`)."
    )
    return f"Tips about {name} are paused after feedback", [section(text)]


def build_channel_intro(*, mode: str) -> tuple[str, list[dict[str, Any]]]:
    text = (
        "Hi! I'm *Async Norms*. When a message here asks for something but leaves out what is needed, "
        "by when, or why, I send its author a private tip with a better version. Nobody else sees it, "
        f"and I keep it to a few a day. This channel is in *{escape_mrkdwn(mode)}* mode. "
        f"`{NORMS_COMMAND} channel observe` records without sending; "
        f"`{NORMS_COMMAND} channel off` turns me off here."
    )
    return "Async Norms joined this channel", [section(text)]


def _button(
    text: str, action_id: str, channel_id: str, message_ts: str, rules: list[str], *, style: str | None = None
) -> dict[str, Any]:
    button: dict[str, Any] = {
        "type": "button",
        "text": {"type": "plain_text", "text": text},
        "action_id": action_id,
        "value": nudge_button_value(channel_id=channel_id, message_ts=message_ts, rules=rules),
    }
    if style:
        button["style"] = style
    return button


def _limit(text: str) -> str:
    return text if len(text) <= SECTION_TEXT_LIMIT else text[: SECTION_TEXT_LIMIT - 1] + "…"
