"""A better version of the author's message: their words, plus what was missing."""

from __future__ import annotations

import re
from datetime import date, datetime

from bot.lint.acts import asks_for_work
from bot.lint.config import Rule
from bot.lint.deadlines import DEFAULT_WORKING_HOURS, WorkingHours
from bot.lint.intent import question_announced
from bot.lint.rules import format_deadline, question_asked_outright, suggested_deadline
from bot.lint.text import prepare

MAX_QUOTED = 400
_BROADCAST = re.compile(r"<!(?:channel|here|everyone)(?:\|[^>]*)?>|@(?:channel|here|everyone)\b")
_TRAILING_QUESTION = re.compile(r"\s*\?+\s*$")


def suggest_rewrite(
    text: str,
    rules: list[str],
    *,
    now: datetime,
    working_hours: WorkingHours = DEFAULT_WORKING_HOURS,
    holidays: frozenset[date] = frozenset(),
) -> str:
    """Their message with the missing parts added as fill-ins, e.g. "… by *Thu 12 Mar, 17:00* because …".

    `now` is in the author's zone; the suggested deadline is their next working day's end.
    """
    wanted = set(rules)
    due = format_deadline(suggested_deadline(now, working_hours, holidays))
    if Rule.WALL_OF_TEXT in wanted:
        first_sentence = re.split(r"(?<=[.!?])\s", text.strip(), maxsplit=1)[0]
        return f"*Ask:* {_shorten(first_sentence, 200)}\n*By:* _[when]_\n*Context:*\n• _[point]_\n• _[point]_"
    if Rule.BARE_GREETING in wanted:
        said = _shorten(text.strip(), 160)
        announced = question_announced(said)  # "Hi, I have a question about X"
        if announced is not None:
            return question_asked_outright(said, announced)
        opening = _TRAILING_QUESTION.sub("", text.strip()).rstrip(",.!") or "Hi"
        if not prepare(text).mentioned_users:  # said to the channel: no ask to invent
            return f"{_shorten(opening, 80)}! _[if you need something, say what in this same message]_"
        return f"{_shorten(opening, 80)}, could you _[what you need]_ by *{due}*? _[why it matters]_"
    body = (
        _BROADCAST.sub("_[@who needs to act]_", text.strip())
        if Rule.BROADCAST_MENTION in wanted
        else text.strip()
    )
    body = _shorten(body, MAX_QUOTED)
    additions = []
    if Rule.MISSING_REQUEST in wanted:
        additions.append("Could you _[what you need]_")
    if Rule.MISSING_DEADLINE in wanted or Rule.MISSING_REQUEST in wanted:
        additions.append(f"by *{due}*")
    if Rule.MISSING_CONTEXT in wanted or Rule.FALSE_URGENCY in wanted:
        additions.append("because _[why it matters / what it unblocks]_")
    if not additions:
        return body if body.endswith((".", "!", "?")) else f"{body}."
    return _insert_after_the_ask(body, " ".join(additions), asking=Rule.MISSING_REQUEST not in wanted)


# A sentence of the author's prose: up to . ! ? followed by white space, or a line's end.
_PROSE_SENTENCE = re.compile(r"[^\n]+?(?:[.!?]+(?=\s|$)|$)", re.MULTILINE)
_CODE_BLOCK = re.compile(r"```.*?(?:```|$)", re.DOTALL)


def _insert_after_the_ask(body: str, addition: str, *, asking: bool) -> str:
    """The fill-ins go at the end of the sentence that asks (before its "?" or "."), never after a
    code block; with no asking sentence, after the last sentence of prose."""
    code = [(match.start(), match.end()) for match in _CODE_BLOCK.finditer(body)]
    sentences = [
        match
        for match in _PROSE_SENTENCE.finditer(body)
        if match.group(0).strip() and not any(start <= match.start() < end for start, end in code)
    ]
    if not sentences:
        return f"{body}\n{addition}"
    target = sentences[-1]
    if asking:
        target = next(
            (match for match in sentences if asks_for_work(prepare(match.group(0)).lintable)), target
        )
    sentence = target.group(0).rstrip()
    core = sentence.rstrip(".!?:")
    if not asking:  # "@ana the build is red. Could you … by …?"
        joined = f"{sentence if sentence.endswith(('.', '!', '?')) else sentence + '.'} {addition}?"
    else:
        ending = sentence[len(core) :] or "."
        joined = f"{core} {addition}{'?' if '?' in ending else ending}"
    return body[: target.start()] + joined + body[target.start() + len(sentence) :]


def _shorten(text: str, limit: int) -> str:
    return text if len(text) <= limit else text[: limit - 1].rstrip() + "…"
