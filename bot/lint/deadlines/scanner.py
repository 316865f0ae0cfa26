"""Find deadlines in a message: scan for dates and times, combine them, resolve them in the author's zone."""

from __future__ import annotations

import re
from datetime import datetime, timedelta, tzinfo
from functools import lru_cache

from bot.lint.deadlines.dates import _line_start, _scan_dates
from bot.lint.deadlines.patterns import (
    _MARKER_BEFORE,
    _MINUTE_CLOCK_GATE,
    _ORDINAL_WORD_GATE,
    _PAST_CUE,
    _RECURRING_BEFORE,
    _SENTENCE_BREAK,
    _SPELLED_TIME_GATE,
    _TIME_GATES,
    _WEAK_TIMES,
    _Piece,
    _Scan,
)
from bot.lint.deadlines.resolve import _drop_overlaps, _merge_adjacent, _resolve
from bot.lint.deadlines.times import _scan_times
from bot.lint.deadlines.vocabulary import DEFAULT_WORKING_HOURS, MONTHS, WEEKDAYS, Deadline, WorkingHours
from bot.lint.gates import word_set
from bot.lint.text import prepare


def find_deadlines(
    text: str,
    *,
    now: datetime,
    tz: tzinfo,
    working_hours: WorkingHours = DEFAULT_WORKING_HOURS,
    day_first: bool = False,
) -> list[Deadline]:
    """Every future deadline stated in `text` (plain text: code and quotes already removed)."""
    if not may_name_date_or_time(text) and word_set(text).isdisjoint(_HOLIDAY_WORDS):
        return []
    local_now = now.astimezone(tz)
    pieces = _scan_pieces(_Scan(text, local_now, working_hours, day_first))
    pieces.sort(key=lambda piece: (piece.start, -piece.end))
    pieces = _drop_overlaps(pieces)
    merged = _merge_adjacent(pieces, text)
    deadlines: list[Deadline] = []
    for piece in merged:
        if piece.past or piece.weak:
            continue
        when = _resolve(piece, local_now, tz, working_hours)
        if when is None or when < local_now - timedelta(minutes=1):
            continue
        if _RECURRING_BEFORE.search(text[max(0, piece.start - 20) : piece.start]):
            continue  # "every morning", "each Friday": a routine, not a time to meet
        marked = piece.marked or bool(_MARKER_BEFORE.search(text[max(0, piece.start - 30) : piece.start]))
        if not marked and (piece.just_passed or _told_as_background(text, piece.start)):
            continue
        if _FROM_BEFORE.search(text, max(0, piece.start - 6), piece.start) and not _DIGIT.search(
            text, piece.start, piece.end
        ):
            continue  # "the issues from this week": where they come from ("from 6pm to 7pm" is a range)
        deadlines.append(Deadline(when, piece.start, piece.end, text[piece.start : piece.end], marked))
    return deadlines


def _scan_pieces(scan: _Scan) -> list[_Piece]:
    """The dates and times the text names, in no particular order; a weak time ("at 9") only next
    to a date or a part of day."""
    dates = _scan_dates(scan)
    times = _scan_times(scan.text, [family.pattern for family in _TIME_GATES.open_for(scan.text)])
    if dates or any(piece.part for piece in times):
        times += _scan_times(scan.text, (_WEAK_TIMES,))
    return dates + times


def extract_deadline(
    text: str,
    *,
    now: datetime,
    tz: tzinfo,
    working_hours: WorkingHours = DEFAULT_WORKING_HOURS,
    day_first: bool = False,
) -> datetime | None:
    """The deadline the reader must meet: the earliest marked one, else the earliest named; or None."""
    due = the_deadline(
        find_deadlines(
            prepare(text).lintable, now=now, tz=tz, working_hours=working_hours, day_first=day_first
        )
    )
    return due.when if due else None


def the_deadline(deadlines: list[Deadline]) -> Deadline | None:
    """The one the reader must meet: the earliest introduced as a deadline, else the earliest named."""
    marked = [deadline for deadline in deadlines if deadline.marked]
    return min(marked or deadlines, key=lambda deadline: deadline.when, default=None)


def sentence_at(text: str, start: int, end: int) -> str:
    """The sentence (or line) of `text` that holds text[start:end]."""
    after = _SENTENCE_BREAK.search(text, end)
    return text[_line_start(text, start) : after.start() + 1 if after else len(text)]


_TIME_WORDS = frozenset(
    " ".join(WEEKDAYS).split()
    + " ".join(MONTHS).split()
    + [
        "today",
        "tonight",
        "tmrw",
        "tmr",
        "tmw",
        "2moro",
        "2morrow",
        "tomorrow",
        "tomorrows",
        "tomorow",
        "tommorow",
        "tommorrow",
        "eod",
        "cob",
        "eow",
        "eom",
        "eoq",
        "eoy",
        "eob",
        "end",
        "close",
        "week",
        "weeks",
        "day",
        "days",
        "month",
        "months",
        "year",
        "years",
        "noon",
        "midday",
        "mid",
        "midnight",
        "lunch",
        "lunchtime",
        "morning",
        "midmorning",
        "afternoon",
        "midafternoon",
        "arvo",
        "evening",
        "night",
        "min",
        "mins",
        "minute",
        "minutes",
        "hour",
        "hours",
        "hr",
        "hrs",
        "fortnight",
        "hence",
        "weekend",
        "quarter",  # "this quarter"
        "log",  # "before you log off"
        "leave",
    ]
    + [f"{name}s" for name in WEEKDAYS]
)


# Holidays named in one word ("by Christmas"; the others end in "day", "eve" or a weekday). Read by
# the scanner, but not part of `may_name_date_or_time`, the request scorer's cue (trained without them).
_HOLIDAY_WORDS = frozenset({"christmas", "xmas", "easter", "halloween", "thanksgiving", "eve"})

_ANY_DIGIT = re.compile(r"\d")


# A word each of the gates in `may_name_date_or_time` needs (of its rarer word group), and "thing"
_RARER_TIME_WORDS = (
    _SPELLED_TIME_GATE.requires | _MINUTE_CLOCK_GATE.requires | _ORDINAL_WORD_GATE.words | {"thing"}
)


@lru_cache(maxsize=4096)
def may_name_date_or_time(text: str) -> bool:
    """A first look: whether the text has a digit or a word the scanner reads dates and times from
    ("Friday", "tomorrow", "noon", "first thing"). Most messages have neither, and then name none.
    (Memoised: the scanner and the request scorer both ask it of the same text.)"""
    if _ANY_DIGIT.search(text) is not None:
        return True
    words = word_set(text)
    if not _TIME_WORDS.isdisjoint(words):
        return True
    if _RARER_TIME_WORDS.isdisjoint(words):
        return False  # none of the gates below can open: the usual case, in one look-up
    return (
        _SPELLED_TIME_GATE.opens_for(text, words)
        or _MINUTE_CLOCK_GATE.opens_for(text, words)
        or _ORDINAL_WORD_GATE.opens_for(text, words)
        or ("thing" in words and "first" in words)
    )


# A sentence that describes a routine ("we cut a branch every Tuesday, QA tests on Wednesday"): the
# days it names after that are the routine's, not times to meet.
_ROUTINE_CUE = re.compile(
    r"\b(?:every|each)\s+(?:other\s+)?(?:day|week|weekday|sprint|release|month|morning|evening|night"
    r"|mon|tues|wednes|thurs|fri|satur|sun)\w*",
    re.IGNORECASE,
)


_FROM_BEFORE = re.compile(r"\bfrom\s+$", re.IGNORECASE)
_DIGIT = re.compile(r"\d")


def _told_as_background(text: str, position: int) -> bool:
    """Whether an unmarked date at `position` sits in a sentence told in the past ("we shipped it on
    Monday") or describing a routine: background, not a time the reader must meet."""
    sentence_start = _line_start(text, position)
    if _ROUTINE_CUE.search(text, sentence_start, position):
        return True
    cues = list(_PAST_CUE.finditer(text, sentence_start, position))
    if not cues:
        return False
    # "scan the returns from last week before the count on Saturday": a time word that dates a thing
    # ("last week", "yesterday", "two days ago"), then a deadline's marker before the date. A verb told
    # in the past ("we shipped it before the freeze on Monday") keeps the date in the past.
    if all(cue.group(0).lower() in _PAST_TIME_WORDS for cue in cues):
        return _DEADLINE_MARKER.search(text, cues[-1].end(), position) is None
    return True


# Past cues that date a thing rather than tell an event ("the returns from last week").
_PAST_TIME_WORDS = frozenset({"last", "ago", "yesterday"})
_DEADLINE_MARKER = re.compile(
    r"\b(?:by|before|until|till|ahead\s+of|prior\s+to|in\s+time\s+for)\b", re.IGNORECASE
)
