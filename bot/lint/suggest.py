"""A better version of the author's message: their words, plus what was missing."""

from __future__ import annotations

import re
from datetime import datetime

from bot.lint.config import Rule
from bot.lint.deadlines import DEFAULT_WORKING_HOURS, WorkingHours
from bot.lint.rules import format_deadline, suggested_deadline

MAX_QUOTED = 400
_BROADCAST = re.compile(r"<!(?:channel|here|everyone)(?:\|[^>]*)?>|@(?:channel|here|everyone)\b")
_TRAILING_QUESTION = re.compile(r"\s*\?+\s*$")


def suggest_rewrite(
    text: str,
    rules: list[str],
    *,
    now: datetime,
    working_hours: WorkingHours = DEFAULT_WORKING_HOURS,
) -> str:
    """Their message with the missing parts added as fill-ins, e.g. "… by *Thu 12 Mar, 17:00* because …".

    `now` is in the author's zone; the suggested deadline is their next working day's end.
    """
    wanted = set(rules)
    if Rule.WALL_OF_TEXT in wanted:
        first_sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
        return f"*Ask:* {_shorten(first_sentence, 200)}\n*By:* <when>\n*Context:*\n• <point>\n• <point>"
    if Rule.BARE_GREETING in wanted:
        opening = _TRAILING_QUESTION.sub("", text.strip()).rstrip(",.!") or "Hi"
        due = format_deadline(suggested_deadline(now, working_hours))
        return f"{_shorten(opening, 80)}, could you <what you need> by *{due}*? <why it matters>"
    body = (
        _BROADCAST.sub("<@who needs to act>", text.strip())
        if Rule.BROADCAST_MENTION in wanted
        else text.strip()
    )
    body = _shorten(body, MAX_QUOTED)
    asked = body.endswith("?")
    core = _TRAILING_QUESTION.sub("", body) if asked else body.rstrip(".")
    if Rule.MISSING_REQUEST in wanted:
        core = f"{core}. Could you <what you need>"
        asked = True
    additions = []
    if Rule.MISSING_DEADLINE in wanted or Rule.MISSING_REQUEST in wanted:
        additions.append(f"by *{format_deadline(suggested_deadline(now, working_hours))}*")
    if Rule.MISSING_CONTEXT in wanted or Rule.FALSE_URGENCY in wanted:
        additions.append("because <why it matters / what it unblocks>")
    suggestion = " ".join([core, *additions])
    return suggestion + ("?" if asked else ".")


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
