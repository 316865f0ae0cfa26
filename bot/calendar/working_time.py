"""Working-time arithmetic in one person's zone: business days, due times, when a DM may be sent.

Pure: plain dates, times and zones in, aware datetimes out. Wall-clock times are built with
zoneinfo, so "the end of the working day" stays 17:00 local across DST changes.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime, time, timedelta, tzinfo
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.lint import DEFAULT_WORKING_HOURS, WorkingHours

# However odd a calendar (a year of away days), the search for a working day stops here.
SEARCH_LIMIT_DAYS = 400


@dataclass(frozen=True)
class DateRange:
    first: date
    last: date

    def __contains__(self, day: object) -> bool:
        return isinstance(day, date) and self.first <= day <= self.last


@dataclass(frozen=True)
class WorkCalendar:
    """One person's working time: hours and days, zone, holidays, away days and focus blocks."""

    zone: tzinfo
    hours: WorkingHours = DEFAULT_WORKING_HOURS
    holidays: frozenset[date] = frozenset()
    away: tuple[DateRange, ...] = ()
    # Local times of day when nothing is delivered (meetings-free focus time), on every working day.
    focus_blocks: tuple[tuple[time, time], ...] = field(default=())

    def is_working_day(self, day: date) -> bool:
        return self.hours.is_working_day(day) and not self.is_off(day)

    def is_away(self, day: date) -> bool:
        return any(day in span for span in self.away)

    def is_off(self, day: date) -> bool:
        """A holiday, or a day the person marked away (whatever their working days are)."""
        return day in self.holidays or self.is_away(day)

    def day_end(self, day: date) -> datetime:
        return datetime.combine(day, self.hours.end, tzinfo=self.zone)

    def day_start(self, day: date) -> datetime:
        return datetime.combine(day, self.hours.start, tzinfo=self.zone)

    def next_working_day(self, after: date) -> date | None:
        """The first working day strictly after `after`, or None if none comes within the search limit."""
        day = after
        for _ in range(SEARCH_LIMIT_DAYS):
            day += timedelta(days=1)
            if self.is_working_day(day):
                return day
        return None

    def due_after(self, asked_at: datetime, *, business_days: int) -> datetime:
        """When an ask made at `asked_at` is due under a norm of `business_days` (0 = the same working day).

        0: the end of today's working day if it has not ended yet (and today is a working day), else
        the end of the next working day. N >= 1: the end of the N-th working day after the day of the
        ask, so "next business day" for a Friday ask is Monday, whatever time on Friday it came.
        """
        local = asked_at.astimezone(self.zone)
        day: date | None = local.date()
        if business_days <= 0:
            if self.is_working_day(local.date()) and local < self.day_end(local.date()):
                return self.day_end(local.date())
            business_days = 1
        for _ in range(business_days):
            assert day is not None
            day = self.next_working_day(day)
            if day is None:  # nobody works in the next year: fall back to calendar days
                return asked_at + timedelta(days=business_days)
        assert day is not None
        return self.day_end(day)

    def is_working_moment(self, at: datetime) -> bool:
        local = at.astimezone(self.zone)
        day = local.date()
        if not self.is_working_day(day) or not (self.day_start(day) <= local < self.day_end(day)):
            return False
        return self._focus_block_end(local) is None

    def next_working_moment(self, at: datetime) -> datetime:
        """`at` if the person is working then, else when their working time next starts (or focus ends)."""
        local = at.astimezone(self.zone)
        day = local.date()
        for _ in range(SEARCH_LIMIT_DAYS):
            if self.is_working_day(day):
                start, end = self.day_start(day), self.day_end(day)
                candidate = max(local, start)
                while candidate < end:
                    focus_end = self._focus_block_end(candidate)
                    if focus_end is None:
                        return candidate
                    candidate = focus_end
            day += timedelta(days=1)
            local = datetime.combine(day, time(0, 0), tzinfo=self.zone)
        return at

    def _focus_block_end(self, local: datetime) -> datetime | None:
        for start, end in self.focus_blocks:
            block_start = datetime.combine(local.date(), start, tzinfo=self.zone)
            block_end = datetime.combine(local.date(), end, tzinfo=self.zone)
            if block_start <= local < block_end:
                return block_end
        return None


_CLOCK = re.compile(r"^(\d{1,2})(?:[:.h](\d{2})?)?\s*(am|pm|a\.m\.|p\.m\.|a|p)?$")
_RANGE_SEPARATOR = re.compile("\\s*(?:-|\u2013|\u2014|to|until|till)\\s*")  # hyphen, en and em dash, words
TIME_EXAMPLE = "09:00-17:00 (or 9am-5pm)"


def parse_clock(text: str) -> time:
    """ "09:30", "9:30", "9", "9am", "5.30pm", "17h" -> a time; ValueError with an example otherwise."""
    clock, meridiem = _read_clock(text)
    hour, minute = clock
    if meridiem is not None:
        hour = hour % 12 + (12 if meridiem == "pm" else 0)
    return _checked(hour, minute, text)


def parse_time_range(text: str) -> tuple[time, time]:
    """ "09:00-17:00", "9am-5pm", "9-5", an en dash, "9 to 5" -> (start, end); ValueError (with an
    example) unless the start comes before the end. A morning start with an end before it, written
    without am/pm or a leading zero, ends in the afternoon ("9-5" is 09:00-17:00)."""
    parts = _RANGE_SEPARATOR.split(text.strip().lower(), maxsplit=1)
    if len(parts) != 2 or not all(parts):
        raise ValueError(f"“{text.strip()}” is not a time range: write it like {TIME_EXAMPLE}")
    start, end = parse_clock(parts[0]), parse_clock(parts[1])
    (end_hour, end_minute), end_meridiem = _read_clock(parts[1])
    casual_end = end_meridiem is None and not parts[1].startswith("0") and end_hour < 12
    if casual_end and end <= start < time(12):
        end = _checked(end_hour + 12, end_minute, parts[1])  # "9-5": the end is afternoon
    if start >= end:
        raise ValueError(f"“{text.strip()}”: the start must come before the end, like {TIME_EXAMPLE}")
    return start, end


def _read_clock(text: str) -> tuple[tuple[int, int], str | None]:
    match = _CLOCK.match(text.strip().lower())
    if match is None:
        raise ValueError(f"“{text.strip()}” is not a time: write it like 09:00 or 9am")
    meridiem = match.group(3)
    return (int(match.group(1)), int(match.group(2) or 0)), (meridiem[0] + "m" if meridiem else None)


def _checked(hour: int, minute: int, text: str) -> time:
    if not (0 <= hour <= 23 and 0 <= minute <= 59):
        raise ValueError(f"“{text.strip()}” is not a time of day: write it like 09:00 or 9am")
    return time(hour, minute)


def format_time_range(span: tuple[time, time]) -> str:
    return f"{span[0]:%H:%M}-{span[1]:%H:%M}"


DAY_NAMES = ("mon", "tue", "wed", "thu", "fri", "sat", "sun")


def parse_days(text: str) -> frozenset[int]:
    """ "mon-fri", "mon,tue,thu", "sun-thu" -> weekday numbers (Monday is 0); ValueError otherwise."""
    days: set[int] = set()
    for part in text.lower().replace(" ", "").split(","):
        first, separator, last = part.partition("-")
        if first[:3] not in DAY_NAMES or (separator and last[:3] not in DAY_NAMES):
            raise ValueError(f"{part!r} is not a day or a range of days like mon-fri")
        start = DAY_NAMES.index(first[:3])
        stop = DAY_NAMES.index(last[:3]) if separator else start
        day = start
        while True:
            days.add(day)
            if day == stop:
                break
            day = (day + 1) % 7
    return frozenset(days)


def format_days(days: frozenset[int]) -> str:
    ordered = sorted(days)
    if ordered and ordered == list(range(ordered[0], ordered[-1] + 1)) and len(ordered) > 2:
        return f"{DAY_NAMES[ordered[0]]}-{DAY_NAMES[ordered[-1]]}"
    return ",".join(DAY_NAMES[day] for day in ordered)


def zone_named(name: str | None) -> ZoneInfo | None:
    """The IANA zone of that name, or None when it is empty or unknown."""
    if not name:
        return None
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        return None
