"""`/norms hours …` and `/norms away …`: a person's own working time, which reminders respect."""

from __future__ import annotations

import re
from datetime import date

from bot.calendar.work_calendars import person_hours, set_away, set_personal_hours
from bot.calendar.working_time import format_days, parse_days, parse_time_range, zone_named
from bot.core.deps import Deps
from bot.lint import WorkingHours
from bot.people import settings_store
from bot.slack.surfaces import NORMS_COMMAND

HOURS_USAGE = (
    f"`{NORMS_COMMAND} hours 08:30-16:30 mon-thu` (days optional), or `{NORMS_COMMAND} hours default`"
)
AWAY_USAGE = (
    f"`{NORMS_COMMAND} away until 2026-12-31`, `{NORMS_COMMAND} away 2026-12-20 to 2026-12-31`, "
    f"or `{NORMS_COMMAND} away off`"
)


def parse_hours(argument: str) -> WorkingHours | None:
    """ "08:30-16:30 mon-thu" -> WorkingHours; "default" -> None (the workspace's); else ValueError."""
    words = argument.split()
    if words == ["default"]:
        return None
    if not words:
        raise ValueError("give the hours, and optionally the days")
    days = _days_in(words[-1]) if len(words) > 1 else None  # "9am - 5pm mon-thu": the days come last
    if days is not None:
        words = words[:-1]
    start, end = parse_time_range(" ".join(words))
    return WorkingHours(start=start, end=end, days=days if days is not None else frozenset({0, 1, 2, 3, 4}))


def _days_in(word: str) -> frozenset[int] | None:
    try:
        return parse_days(word)
    except ValueError:
        return None


_AWAY = re.compile(r"^(?:from\s+)?(?:(\d{4}-\d{2}-\d{2})\s+(?:to|until|-)\s+|until\s+)(\d{4}-\d{2}-\d{2})$")


def parse_away(argument: str, *, today: date) -> tuple[date | None, date | None]:
    """(first day or None for "from today", last day) or (None, None) for "off"; ValueError otherwise."""
    text = argument.strip()
    if text in ("off", "clear", "back", "none"):
        return None, None
    match = _AWAY.match(text)
    if match is None:
        raise ValueError("not a date range")
    first = date.fromisoformat(match.group(1)) if match.group(1) else None
    last = date.fromisoformat(match.group(2))
    if last < today:
        raise ValueError(f"{last:%a %d %b %Y} has already passed")
    if first is not None and first > last:
        raise ValueError("the first day comes after the last")
    return first, last


def run_hours_command(argument: str, *, deps: Deps, team_id: str, user_id: str) -> str:
    now = deps.clock()
    with deps.session_factory.begin() as session:
        workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
        if not argument.strip():
            found = settings_store.profile(session=session, team_id=team_id, user_id=user_id)
            current = _describe(person_hours(found, workspace))
            return f"Your working hours: {current}. Change them with {HOURS_USAGE}."
        try:
            hours = parse_hours(argument)
        except ValueError as error:
            return f"I couldn't read `{argument}` as working hours ({error}). Try {HOURS_USAGE}."
        set_personal_hours(session=session, team_id=team_id, user_id=user_id, hours=hours)
        hours_now = hours or person_hours(None, workspace)
        source = "your own" if hours else "the workspace's"
        return (
            f"Done. Reminders reach you only in {source} working hours: {_describe(hours_now)} "
            "(in your Slack time zone)."
        )


def run_away_command(argument: str, *, deps: Deps, team_id: str, user_id: str) -> str:
    now = deps.clock()
    with deps.session_factory.begin() as session:
        found = settings_store.profile(session=session, team_id=team_id, user_id=user_id)
        zone = zone_named(found.tz if found else None)
        today = (now.astimezone(zone) if zone else now).date()
        if not argument.strip():
            if found is None or found.away_until is None or found.away_until < today:
                return f"You're not marked away. Set it with {AWAY_USAGE}."
            return f"You're away until {found.away_until:%a %d %b %Y}. {AWAY_USAGE} changes it."
        try:
            first, last = parse_away(argument, today=today)
        except ValueError as error:
            return f"I couldn't read `{argument}` ({error}). Try {AWAY_USAGE}."
        set_away(session=session, team_id=team_id, user_id=user_id, first=first, last=last)
    if last is None:
        return "Welcome back: you're no longer marked away."
    since = f"from {first:%a %d %b} " if first else ""
    return (
        f"Done. You're away {since}until {last:%a %d %b %Y}: no standup prompts or reminders, "
        "and those days don't count toward anyone's response time."
    )


def _describe(hours: WorkingHours) -> str:
    return f"{hours.start:%H:%M}-{hours.end:%H:%M}, {format_days(hours.days)}"
