"""Times said in a message: clock times, parts of the day, and the zone a time is said in."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, datetime, time, timedelta, timezone
from functools import cache

from bot.lint.deadlines.patterns import (
    _LEGACY_ZONE_PREFIXES,
    _MARKER_BEFORE,
    _MINUTES_OFFSET,
    _PLACE_TIME_AFTER,
    _ZONE_AFTER,
    _amount,
    _Piece,
)
from bot.lint.deadlines.vocabulary import (
    END_OF_DAY,
    HOUR_WORDS,
    MINUTE_WORDS,
    NOON,
    WEEKDAYS,
    ZONE_ABBREVIATIONS,
)

# -- times --------------------------------------------------------------------------------------


def _part_named(name: str, text: str, start: int, end: int) -> str | None:
    """The part of the day a word names ("arvo" is the afternoon), or None where it names none: "the
    jobs only run at night" says when things happen, not a time to meet, and "good morning" and
    "Morning team," greet."""
    if name == "night" and text[max(0, start - 3) : start].lower() == "at ":
        return None
    if name in ("night", "evening") and _names_an_event(text, start):
        return None
    if text[max(0, start - 5) : start].lower() == "good ":
        return None
    if (
        name in ("morning", "afternoon", "evening")
        and _ONLY_MENTIONS.fullmatch(text, 0, start)
        and _GREETING_AFTER_PART.match(text, end)
    ):
        return None
    if name.startswith("first"):
        return "first thing"
    return "afternoon" if name == "arvo" else name


_ONLY_MENTIONS = re.compile(r"(?:\s*@person\W*)*\s*")

# The word right before "night" or "evening": "quiz night", "parents evening", "opening night" name
# events, not times; "Friday night", "tomorrow evening", "by the evening", "late night" name times.
_WORD_BEFORE = re.compile(r"([A-Za-z']+)\s+$")
_TIME_BEFORE_PART = frozenset(
    [*WEEKDAYS, *(f"{day}'s" for day in WEEKDAYS), "this", "that", "the", "a", "one", "tomorrow", "tomorrow's",
     "tmrw", "tonight", "today", "today's", "same", "every", "each", "last", "next", "late", "early", "mid", "at",
     "by", "on", "in", "for", "until", "till", "before", "after", "over", "during", "around", "through", "of",
     "weekday", "weeknight", "and", "or", "to", "from", "pm", "am"]
)  # fmt: skip


def _names_an_event(text: str, start: int) -> bool:
    before = _WORD_BEFORE.search(text, max(0, start - 24), start)
    return before is not None and before.group(1).lower() not in _TIME_BEFORE_PART


# What follows a part of the day that opens a message as a greeting ("Morning all", "afternoon folks!")
_GREETING_AFTER_PART = re.compile(
    r"\s*(?:$|[,!.:]|(?:all|team|everyone|everybody|folks|guys|y'all|yall|people|there|friends|@person)\b)",
    re.IGNORECASE,
)


# Where a part of the day said with "early", "mid" or "late" ends sooner than the part itself.
_MODIFIED_PART_CLOCKS = {
    ("mid", "morning"): time(10, 30),
    ("early", "afternoon"): time(14, 0),
    ("mid", "afternoon"): time(15, 0),
}


def _read_part(piece: _Piece, match: re.Match[str], text: str) -> None:
    """The part of the day a `part` match names, with its own deadline where a modifier gives one;
    "tonight" is a date (today) as well as a part."""
    piece.part = _part_named(match.group("part_name").lower(), text, match.start(), match.end())
    if piece.part is not None and match.group("part_mod"):
        piece.part, piece.part_clock = _modified_part(match.group("part_mod").lower(), piece.part)
    if piece.part == "tonight":
        piece.part, piece.kind, piece.day_is_weekday = "night", "date", False


def _modified_part(modifier: str, part: str) -> tuple[str, time | None]:
    """(part, its own deadline) for "early morning" (first thing), "mid-morning" (10:30), "early
    afternoon" (14:00), "mid-afternoon" (15:00); "late morning" and the rest keep the part's deadline."""
    if (modifier, part) == ("early", "morning"):
        return "first thing", None
    return part, _MODIFIED_PART_CLOCKS.get((modifier, part))


def _scan_times(text: str, families: Iterable[re.Pattern[str]]) -> list[_Piece]:
    pieces: list[_Piece] = []
    for match in (found for family in families for found in family.finditer(text)):
        start, end = match.span()
        kind = match.lastgroup
        piece = _Piece("time", start, end)
        if kind == "clock":
            piece.clock = _twelve_hour(
                int(match.group("cl_h")), int(match.group("cl_m") or 0), match.group("cl_ampm")
            )
        elif kind == "h24":
            piece.clock, piece.clock_guessed_pm = _h24_clock(match)
        elif kind == "hfmt":
            piece.clock = time(int(match.group("hf_h")), int(match.group("hf_m") or 0))
        elif kind == "oclock":
            if match.group("oc_ampm"):  # "3 o'clock am"
                piece.clock = _twelve_hour(int(match.group("oc_h")), 0, match.group("oc_ampm"))
            else:
                piece.clock, piece.clock_guessed_pm = _working_hour(int(match.group("oc_h")), 0)
        elif kind == "named":
            word = match.group("named").lower()
            piece.clock = END_OF_DAY if word.endswith("midnight") else NOON  # ("12 midnight")
            # "lunch is here" is no deadline; "by lunch" and "Friday lunchtime" are
            piece.weak = word.startswith("lunch") and not _MARKER_BEFORE.search(
                text[max(0, start - 30) : start]
            )
        elif kind in ("at", "until", "offset_clock"):
            # "at 3", "before 4" (as "by 4" reads), "half past three" (its offset is applied below)
            prefix = {"at": "at", "until": "un"}.get(kind, "ofc")
            piece.start = match.start(f"{prefix}_h")
            piece.clock, piece.clock_guessed_pm = _clock_said(match, prefix)
        elif kind == "minute_clock":
            piece.start = match.start("mc_h")
            piece.clock, piece.clock_guessed_pm = _clock_said(match, "mc")
            if not _minutes_applied(piece, text, half=bool(match.group("mc_half"))):
                continue  # "from 10 to 5" is a range
        elif kind == "dotted":
            piece.clock, piece.weak = time(int(match.group("dd_h")), int(match.group("dd_m"))), True
        elif kind == "compact":
            piece.clock, piece.weak = time(int(match.group("cp_h")), int(match.group("cp_m"))), True
        elif kind == "bare":
            piece.clock, piece.clock_guessed_pm = _working_hour(int(match.group("bare_h")), 0)
            piece.weak = True
        elif kind == "spelled":
            piece.clock, piece.clock_guessed_pm = _spelled_clock(match)
            piece.start = match.start("sp_h")
        elif kind == "spelled_weak":  # "at eight" next to "tonight" or "tomorrow"; "eight tonight"
            hour = "sw_h" if match.group("sw_h") else "sw_before_part"
            piece.clock, piece.clock_guessed_pm = _working_hour(HOUR_WORDS[match.group(hour).lower()], 0)
            piece.start, piece.weak = match.start(hour), True
        elif kind == "part":
            _read_part(piece, match, text)
        if piece.clock is None and piece.part is None:
            continue
        if piece.clock is not None:
            _apply_minutes_offset(piece, text)
            _apply_zone(piece, text)
        pieces.append(piece)
    return pieces


def _clock_said(match: re.Match[str], prefix: str) -> tuple[time | None, bool]:
    """(clock, guessed pm) from a match's `{prefix}_h` group (digits or an hour word) and its optional
    `_m`, `_compact` and `_ampm` groups: "at 3", "by 5:30", "at 1030", "around 4pm", "until 3:30",
    the "three" of "half past three"."""
    groups = match.groupdict()
    hour_text, compact = groups[f"{prefix}_h"].lower(), groups.get(f"{prefix}_compact")
    hour = int(hour_text) if hour_text.isdigit() else HOUR_WORDS[hour_text]
    minutes = int(groups.get(f"{prefix}_m") or compact or 0)
    if groups.get(f"{prefix}_ampm"):
        return _twelve_hour(hour, minutes, groups[f"{prefix}_ampm"]), False
    if compact and hour <= 23 and len(hour_text) == 2:
        return time(hour, minutes), False  # "at 1030"
    return _working_hour(hour, minutes)


def _h24_clock(match: re.Match[str]) -> tuple[time, bool]:
    """(clock, guessed pm) for "15:30", "09:00", and "3:30", which at work is half past three in
    the afternoon."""
    hour, minute = int(match.group("h24_h")), int(match.group("h24_m"))
    if match.group("h24_h").startswith("0") or hour > 7:
        return time(hour, minute), False
    return time(hour + 12, minute), True


def _spelled_clock(match: re.Match[str]) -> tuple[time | None, bool]:
    """(clock, guessed pm) for "three pm", "ten thirty am", "eight o'clock", "at ten thirty"; no
    clock for an hour word with nothing that makes it a time ("one of them", "by two people")."""
    hour = HOUR_WORDS[match.group("sp_h").lower()]
    minute_text = match.group("sp_m")
    minutes = MINUTE_WORDS[re.sub(r"[\s-]+", "-", minute_text.lower())] if minute_text else 0
    if match.group("sp_ampm"):
        return _twelve_hour(hour, minutes, match.group("sp_ampm")), False
    if match.group("sp_oclock") or (match.group("sp_lead") and minute_text):
        return _working_hour(hour, minutes)
    return None, False


def _a_range_start(offset: re.Match[str], before: str) -> bool:
    """ "from 2 to 4pm", "2 to 4pm": a range's start, not "2 minutes to 4"; "10 to 5" stays 4:50."""
    number = offset.group("minutes")
    if not number or not number.isdigit() or "min" in offset.group(0).lower():
        return False
    return int(number) % 5 != 0 or bool(re.search(r"\bfrom\s+$", before[: offset.start()]))


def _minutes_applied(piece: _Piece, text: str, *, half: bool) -> bool:
    """Move a clock said with its minutes in words: "half three" (British) is 3:30; "ten to five"
    4:50 (the offset read before the hour). False where there was no offset to apply."""
    if piece.clock is None:
        return False
    if half:
        piece.clock = piece.clock.replace(minute=30)
        return True
    start = piece.start
    _apply_minutes_offset(piece, text)
    return piece.start != start


def _apply_minutes_offset(piece: _Piece, text: str) -> None:
    """ "a quarter past 3pm", "20 to noon": move the clock and widen the span."""
    before = text[max(0, piece.start - 30) : piece.start]
    offset = _MINUTES_OFFSET.search(before)
    if offset is None or piece.clock is None or _a_range_start(offset, before):
        return
    if offset.group("quarter"):
        minutes = 15
    elif offset.group("half"):
        minutes = 30
    else:
        minutes = int(_amount(offset.group("minutes")))
    if offset.group("direction").lower() in ("to", "till", "before"):
        minutes = -minutes
    moved = datetime.combine(date(2000, 1, 3), piece.clock) + timedelta(minutes=minutes)
    piece.clock = moved.time()
    piece.start -= len(offset.group(0))
    piece.weak = False


def _apply_zone(piece: _Piece, text: str) -> None:
    if piece.end >= len(text):
        return
    zone = _ZONE_AFTER.match(text, piece.end)
    if zone is None:
        _apply_place_zone(piece, text)
        return
    name = zone.group("zone").lower()
    if name in ("ct", "mt", "pt", "et") and zone.group("zone").islower():
        return  # lower-case "et", "pt" are too often other words
    value = ZONE_ABBREVIATIONS.get(name)
    if isinstance(value, int):
        piece.zone = timezone(timedelta(minutes=value))
    elif isinstance(value, str):
        from zoneinfo import ZoneInfo

        piece.zone = ZoneInfo(value)
    piece.end = zone.end()


def _apply_place_zone(piece: _Piece, text: str) -> None:
    named = _PLACE_TIME_AFTER.match(text, piece.end)
    if named is None:
        return
    zone_name = _zones_by_place().get(named.group("place").lower())
    if zone_name is None:
        return  # "3pm Standup time": no place
    from zoneinfo import ZoneInfo

    piece.zone = ZoneInfo(zone_name)
    piece.end = named.end()


@cache
def _zones_by_place() -> dict[str, str]:
    """IANA zone names by their last part, lower case with spaces ("new york" -> "America/New_York").
    A region's zone wins over an alias of the same place ("Asia/Singapore" over "Singapore"); the US
    aliases name the American zones by region ("pacific" -> "US/Pacific", before "Canada/Pacific")."""
    from zoneinfo import available_timezones

    def rank(name: str) -> tuple[int, str]:
        legacy = "/" not in name or name.startswith(_LEGACY_ZONE_PREFIXES)
        return (2 if legacy else 1 if name.startswith("US/") else 0, name)

    places: dict[str, str] = {}
    for name in sorted(available_timezones(), key=rank):
        places.setdefault(name.rsplit("/", 1)[-1].replace("_", " ").lower(), name)
    return places


def _twelve_hour(hour: int, minute: int, suffix: str) -> time | None:
    if 13 <= hour <= 23 and suffix.lower().startswith("p"):
        return time(hour, minute)  # "1515pm"
    if not 1 <= hour <= 12:
        return None
    is_pm = suffix.lower().startswith("p")
    if hour == 12:
        hour = 12 if is_pm else 0
    elif is_pm:
        hour += 12
    return time(hour, minute)


def _working_hour(hour: int, minute: int) -> tuple[time | None, bool]:
    """A bare hour ("at 3") in a working context: 1 to 7 are afternoon hours. Returns (clock, guessed_pm)."""
    if hour > 23 or minute > 59:
        return None, False
    if 1 <= hour <= 7:
        return time(hour + 12, minute), True
    return time(hour, minute), False
