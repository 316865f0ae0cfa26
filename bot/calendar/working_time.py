"""Working-time arithmetic in one person's zone: business days, due times, when a DM may be sent.

Pure: plain dates, times and zones in, aware datetimes out. Wall-clock times are built with
zoneinfo, so "the end of the working day" stays 17:00 local across DST changes.
"""

from __future__ import annotations

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


def parse_clock(text: str) -> time:
    """ "09:30" or "9:30" or "9" -> time(9, 30); ValueError otherwise."""
    hours, _, minutes = text.strip().partition(":")
    return time(int(hours), int(minutes or 0))


def parse_time_range(text: str) -> tuple[time, time]:
    """ "09:00-17:00" -> (09:00, 17:00); ValueError unless the start comes before the end."""
    start_text, separator, end_text = text.strip().partition("-")
    if not separator:
        raise ValueError(f"{text!r} is not a range like 09:00-17:00")
    start, end = parse_clock(start_text), parse_clock(end_text)
    if start >= end:
        raise ValueError(f"{text!r}: the start must come before the end")
    return start, end


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
