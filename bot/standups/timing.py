"""When a standup prompts each person and when its digest goes out. Pure: dates, times and zones.

A run is one standup day: the local date each participant answers for. Someone in Tokyo and
someone in New York both answer Monday's run at 09:30 their time, hours apart in UTC, and the run
has one digest.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo

# A prompt is made within this long after its time (a tick late after downtime still prompts);
# older ones are left out rather than sent hours late.
PROMPT_WINDOW = timedelta(hours=3)
REMINDER_LEAD = timedelta(hours=1)  # the one reminder goes this long before the digest
REMINDER_MIN_AFTER_PROMPT = timedelta(minutes=30)


@dataclass(frozen=True)
class StandupPlan:
    days: frozenset[int]
    prompt_time: time
    fixed_zone: tzinfo | None = None  # None: each participant's own zone
    digest_time: time | None = None  # a local time in digest_zone...
    digest_zone: tzinfo | None = None
    digest_after_hours: int | None = None  # ...or this many hours after the last prompt

    def zone_for(self, person_zone: tzinfo) -> tzinfo:
        return self.fixed_zone or person_zone

    def prompt_at(self, day: date, zone: tzinfo) -> datetime:
        """The prompt's instant on `day` at the local prompt time (zoneinfo keeps it local across DST)."""
        return datetime.combine(day, self.prompt_time, tzinfo=zone)

    def prompt_days_due(self, now: datetime, zone: tzinfo) -> list[date]:
        """The configured days whose prompt time, in `zone`, has come within the prompt window."""
        today = now.astimezone(zone).date()
        due = []
        for day in (today - timedelta(days=1), today):
            if day.weekday() in self.days and timedelta(0) <= now - self.prompt_at(day, zone) < PROMPT_WINDOW:
                due.append(day)
        return due

    def digest_at(self, day: date, zones: Iterable[tzinfo]) -> datetime:
        """The digest's instant for the run of `day`: the set local time, or hours after the last prompt."""
        if self.digest_time is not None and self.digest_zone is not None:
            return datetime.combine(day, self.digest_time, tzinfo=self.digest_zone)
        prompts = [self.prompt_at(day, zone) for zone in zones] or [
            self.prompt_at(day, self.fixed_zone or UTC)
        ]
        return max(prompts) + timedelta(hours=self.digest_after_hours or 0)

    @staticmethod
    def reminder_at(digest_at: datetime, prompted_at: datetime) -> datetime | None:
        """When to remind someone who has not answered, or None when the digest comes too soon after."""
        at = digest_at - REMINDER_LEAD
        return at if at >= prompted_at + REMINDER_MIN_AFTER_PROMPT else None
