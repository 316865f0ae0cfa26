"""Each person's working calendar, from the workspace's agreement and their own settings."""

from __future__ import annotations

from datetime import date, time
from zoneinfo import ZoneInfo

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.calendar.working_time import (
    DateRange,
    WorkCalendar,
    format_days,
    parse_time_range,
    zone_named,
)
from bot.lint import Urgency, WorkingHours
from bot.people import settings_store
from bot.people.settings_store import hours_from, workspace_hours
from models import UserProfile, WorkspaceHoliday, WorkspaceSettings

UTC_ZONE = ZoneInfo("UTC")


def person_hours(found: UserProfile | None, workspace: WorkspaceSettings) -> WorkingHours:
    """Personal working hours where the person set them, the workspace's otherwise."""
    default = workspace_hours(workspace)
    if found is None or not (found.work_start and found.work_end and found.work_days):
        return default
    try:
        return hours_from(found.work_start, found.work_end, found.work_days)
    except ValueError:
        return default


def focus_blocks(workspace: WorkspaceSettings) -> tuple[tuple[time, time], ...]:
    blocks = []
    for part in workspace.focus_blocks:
        if part.strip():
            try:
                blocks.append(parse_time_range(part))
            except ValueError:
                continue
    return tuple(blocks)


def holidays(*, session: Session, team_id: str) -> frozenset[date]:
    query = select(WorkspaceHoliday.day).where(WorkspaceHoliday.team_id == team_id)
    return frozenset(session.scalars(query))


def calendar_for(
    *,
    session: Session,
    workspace: WorkspaceSettings,
    user_id: str,
    team_holidays: frozenset[date] | None = None,
) -> WorkCalendar:
    """A person's calendar: their zone (else the workspace's, else UTC), hours, holidays, away days."""
    found = settings_store.profile(session=session, team_id=workspace.team_id, user_id=user_id)
    zone = zone_named(found.tz if found else None) or zone_named(workspace.default_tz) or UTC_ZONE
    away: tuple[DateRange, ...] = ()
    if found is not None and found.away_until is not None:
        away = (DateRange(found.away_from or date.min, found.away_until),)
    return WorkCalendar(
        zone=zone,
        hours=person_hours(found, workspace),
        holidays=team_holidays
        if team_holidays is not None
        else holidays(session=session, team_id=workspace.team_id),
        away=away,
        focus_blocks=focus_blocks(workspace),
    )


def norm_business_days(workspace: WorkspaceSettings, urgency: Urgency) -> int:
    """The response norm for an urgency level, in business days (0 = the same working day)."""
    return {
        Urgency.URGENT: workspace.norm_urgent_days,
        Urgency.COMPLEX: workspace.norm_complex_days,
    }.get(urgency, workspace.norm_normal_days)


def set_personal_hours(
    *, session: Session, team_id: str, user_id: str, hours: WorkingHours | None
) -> UserProfile:
    """Set (or with None, clear) a person's own working hours and days."""
    found = settings_store.ensure_profile(session=session, team_id=team_id, user_id=user_id)
    if hours is None:
        found.work_start = found.work_end = found.work_days = None
    else:
        found.work_start, found.work_end = f"{hours.start:%H:%M}", f"{hours.end:%H:%M}"
        found.work_days = format_days(hours.days)
    return found


def set_away(
    *, session: Session, team_id: str, user_id: str, first: date | None, last: date | None
) -> UserProfile:
    """Away from `first` (None: from now) until `last` inclusive; `last` None clears it."""
    found = settings_store.ensure_profile(session=session, team_id=team_id, user_id=user_id)
    found.away_from, found.away_until = (first, last) if last is not None else (None, None)
    return found
