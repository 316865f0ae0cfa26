"""Combine a date and a time said together into one moment, and resolve a piece to an aware datetime."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, tzinfo

from bot.lint.deadlines.patterns import _FOR, _GAP_JOINABLE, _RANGE_SEPARATOR, _Piece
from bot.lint.deadlines.times import _apply_zone
from bot.lint.deadlines.vocabulary import (
    END_OF_DAY,
    EVENING_DEADLINE,
    MORNING_DEADLINE,
    NIGHT_DEADLINE,
    WorkingHours,
)

# -- combining and resolving -------------------------------------------------------------------------


def _drop_overlaps(pieces: list[_Piece]) -> list[_Piece]:
    kept: list[_Piece] = []
    for piece in pieces:
        if kept and piece.start < kept[-1].end:
            continue
        kept.append(piece)
    return kept


def _merge_adjacent(pieces: list[_Piece], text: str) -> list[_Piece]:
    """Join the parts of one moment said together ("Thursday 14th December at 3pm", "Friday EOD").
    A time range ("Friday 2-4pm", "10am to 12pm") is one moment: its start, when the reader must be
    there, in the half of the day its end names."""
    merged: list[_Piece] = []
    for piece in pieces:
        previous = merged[-1] if merged else None
        if (
            previous is not None
            and previous.clock is not None
            and piece.clock is not None
            and piece.day is None
            and _RANGE_SEPARATOR.match(text, previous.end, piece.start)
        ):
            merged[-1] = replace(
                previous,
                end=piece.end,
                clock=_range_start(previous.clock, previous.clock_guessed_pm, piece.clock),
                zone=previous.zone or piece.zone,  # "10:00-12:00 UTC": the zone said after the range
                marked=previous.marked or piece.marked,
                weak=previous.weak and piece.weak,
            )
            continue
        if previous is not None and _joinable(text[previous.end : piece.start], piece):
            combined = _combine(previous, piece)
            if combined is not None:
                if combined.clock is not None and combined.zone is None:
                    _apply_zone(combined, text)  # "9am Monday London time": the zone said after the day
                merged[-1] = combined
                continue
        merged.append(piece)
    return merged


def _joinable(gap: str, piece: _Piece) -> bool:
    """What stands between a piece and the one before lets them be one moment; "for" only before a
    definite time ("on Saturday for 9am", but "Friday for 2 hours" names no time)."""
    return _GAP_JOINABLE.match(gap) is not None and not (piece.weak and _FOR.search(gap))


def _range_start(start: time, guessed_pm: bool, end: time) -> time:
    """ "8-9pm" starts at 20:00 and "2-4am" at 02:00, whatever the working-hours guess made of the 8 or the 2."""
    if start.hour < 12 <= end.hour and start.hour + 12 <= end.hour:
        return start.replace(hour=start.hour + 12)
    if guessed_pm and end.hour < 12 and start.hour - 12 <= end.hour:
        return start.replace(hour=start.hour - 12)
    return start


def _combine(first: _Piece, second: _Piece) -> _Piece | None:
    """One piece for two compatible ones, or None when they name different moments."""
    if first.instant is not None or second.instant is not None:
        return None
    day, day_is_weekday, end_of_day = first.day, first.day_is_weekday, first.end_of_day
    if second.day is not None:
        if day is None:
            day, day_is_weekday, end_of_day = second.day, second.day_is_weekday, second.end_of_day
        elif first.end_of_day != second.end_of_day and not (first.clock or second.clock):
            # "tomorrow EOD", "EOD Friday": the named day, at its end.
            named = second if first.end_of_day else first
            day, day_is_weekday, end_of_day = named.day, named.day_is_weekday, True
        elif day_is_weekday and not second.day_is_weekday:
            day, day_is_weekday = second.day, False  # "Thursday 14th December": the calendar date wins
        elif (second.day_is_weekday and not day_is_weekday) or day == second.day:
            pass
        else:
            return None
    elif (first.weak or second.weak) and day is None and not (first.part or second.part):
        return None  # a bare number and a time make no moment; "8 this evening" does
    if first.clock is not None and second.clock is not None:
        return None
    part = first.part or second.part
    part_clock = first.part_clock or second.part_clock
    if first.part is not None and second.part is not None and first.part != second.part:
        if {first.part, second.part} != {"first thing", "morning"}:
            return None
        part = "first thing"  # "first thing in the morning"
    week_start = first.week_start or second.week_start
    if part == "first thing" and week_start is not None:
        day = week_start  # "first thing next week": as that week's first working day starts
    clock = first.clock or second.clock
    guessed_pm = first.clock_guessed_pm if first.clock is not None else second.clock_guessed_pm
    clock = _clock_for_part(clock, guessed_pm, part)
    return _Piece(
        "date" if day is not None else "time",
        first.start,
        second.end,
        marked=first.marked or second.marked,
        day=day,
        day_is_weekday=day_is_weekday,
        clock=clock,
        clock_guessed_pm=guessed_pm and part is None,
        part=part,
        part_clock=part_clock if clock is None else None,
        zone=first.zone or second.zone,
        end_of_day=end_of_day and clock is None,
        past=first.past or second.past,
        weak=False,
    )


def _clock_for_part(clock: time | None, guessed_pm: bool, part: str | None) -> time | None:
    """ "8 tonight" is 20:00 and "3 in the morning" is 03:00, whatever the working-hours guess said."""
    if clock is None or part is None:
        return clock
    if part == "morning" and guessed_pm:
        return clock.replace(hour=clock.hour - 12)
    if part in ("evening", "night", "afternoon") and clock.hour < 12 and clock != END_OF_DAY:
        return clock.replace(hour=clock.hour + 12)
    return clock


def _resolve(piece: _Piece, now: datetime, tz: tzinfo, hours: WorkingHours) -> datetime | None:
    if piece.instant is not None:
        return piece.instant.astimezone(tz)
    if piece.kind == "time":
        clock = piece.clock or piece.part_clock or _part_deadline(piece.part, hours)
        if clock is None:
            return None
        zone = piece.zone or tz
        today_there = now.astimezone(zone).date()
        when = _at(today_there, clock, zone)
        if when < now:
            when = _at(today_there + timedelta(days=1), clock, zone)
        return when.astimezone(tz)
    if piece.day is None:
        return None
    if piece.clock is not None:
        return _at(piece.day, piece.clock, piece.zone or tz).astimezone(tz)
    if piece.part is not None:
        clock = piece.part_clock or _part_deadline(piece.part, hours)
        return _at(piece.day, clock or hours.end, tz)
    zone = piece.zone or tz  # "EOD PT": the working day's end there
    when = _at(piece.day, hours.end, zone)
    if piece.end_of_day and when < now and piece.day == now.astimezone(zone).date():
        return _at(piece.day, END_OF_DAY, zone).astimezone(tz)
    return when.astimezone(tz)


def _part_deadline(part: str | None, hours: WorkingHours) -> time | None:
    return {
        "first thing": hours.start,  # "first thing tomorrow": as the working day starts
        "morning": MORNING_DEADLINE,
        "afternoon": hours.end,
        "evening": EVENING_DEADLINE,
        "night": NIGHT_DEADLINE,
    }.get(part or "")


def _at(day: date, clock: time, tz: tzinfo) -> datetime:
    """Wall-clock time on a day in a zone (zoneinfo picks the right offset on DST days)."""
    return datetime.combine(day, clock, tzinfo=tz)
