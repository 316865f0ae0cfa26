"""Gather what a person's App Home shows, then build it (bot/home/blocks.py)."""

from __future__ import annotations

from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import func, select
from sqlalchemy.orm import Session

from bot.agreement.blocks import build_agreement_summary
from bot.agreement.service import current_agreement
from bot.asks.blocks import build_open_asks
from bot.asks.service import open_asks_of
from bot.calendar.work_calendars import calendar_for, person_hours, set_away, set_personal_hours
from bot.calendar.working_time import WorkCalendar, format_days, parse_clock
from bot.core.deps import Deps
from bot.decisions.service import Viewer, display_number, list_decisions, shown_status
from bot.home.blocks import (
    HOME_AWAY_ACTION,
    HOME_HOURS_ACTION,
    HOME_PAUSE_ACTION,
    HOME_RESUME_ACTION,
    HomeData,
    StandupLine,
    build_away_modal,
    build_hours_modal,
    build_personal_sections,
    fit_view,
    parse_away_modal,
    parse_hours_modal,
)
from bot.home.help import build_home_view
from bot.lint import WorkingHours
from bot.metrics.service import metric_lines, norm_metrics
from bot.nudges.service import PAUSE_LENGTH, paused_rules
from bot.people import settings_store
from bot.people.facts import is_admin_or_manager
from bot.slack.block_kit import modal
from bot.slack.gateway import SlackGateway
from bot.standups import service as standups
from models import EntryStatus, NudgeRecord, Standup, StandupEntry, StandupRun

NUDGE_WEEK = timedelta(days=7)


def home_view(
    *, deps: Deps, gateway: SlackGateway, team_id: str, user_id: str, notice: str | None = None
) -> dict[str, Any]:
    is_admin = is_admin_or_manager(deps=deps, gateway=gateway, team_id=team_id, user_id=user_id)
    channels = gateway.channels_of(user_id)
    now = deps.clock()
    with deps.session_factory.begin() as session:
        workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
        calendar = calendar_for(session=session, workspace=workspace, user_id=user_id)
        profile = settings_store.profile(session=session, team_id=team_id, user_id=user_id)
        hours = person_hours(profile, workspace)
        _, asks_blocks = build_open_asks(
            open_asks_of(session=session, team_id=team_id, user_id=user_id, now=now),
            zone=calendar.zone,
            now=now,
            with_buttons=True,
        )
        paused = (
            profile.nudges_paused_until
            if profile and profile.nudges_paused_until and profile.nudges_paused_until > now
            else None
        )
        away = (
            profile.away_until
            if profile and profile.away_until and profile.away_until >= now.date()
            else None
        )
        data = HomeData(
            zone=calendar.zone,
            asks_blocks=asks_blocks,
            standups=_standup_lines(session, team_id, user_id, calendar, now),
            decisions=_recent_decisions(session, team_id, Viewer(user_id, _known(channels))),
            nudges_this_week=_nudges_since(session, team_id, user_id, now - NUDGE_WEEK),
            tips_paused_until=paused,
            away_until=away,
            hours_text=f"{hours.start:%H:%M}-{hours.end:%H:%M} {format_days(hours.days)}",
            is_admin=is_admin,
            metrics_lines=metric_lines(
                norm_metrics(session=session, team_id=team_id, now=now, days=7)["workspace"]
            )
            if is_admin
            else [],
            channel_modes=[
                (c.channel_id, c.mode.value)
                for c in settings_store.channel_modes(session=session, team_id=team_id)
            ]
            if is_admin
            else [],
        )
    view = build_home_view(sections=build_personal_sections(data), notice=notice)
    view["blocks"] = fit_view(view["blocks"])
    return view


def _standup_lines(
    session: Session, team_id: str, user_id: str, calendar: WorkCalendar, now: datetime
) -> list[StandupLine]:
    lines = []
    for standup in session.scalars(select(Standup).where(Standup.team_id == team_id).order_by(Standup.id)):
        if user_id not in standups.participants_of(standup):
            continue
        plan = standups.plan_of(standup)
        zone = plan.zone_for(calendar.zone)
        next_prompt = None
        if not standup.paused:
            for offset in range(15):
                day = now.astimezone(zone).date() + timedelta(days=offset)
                at = plan.prompt_at(day, zone)
                if day.weekday() in plan.days and at > now and not calendar.is_off(day):
                    next_prompt = at
                    break
        open_entry = session.execute(
            select(StandupEntry.id, StandupRun.run_date)
            .join(StandupRun, StandupRun.id == StandupEntry.run_id)
            .where(
                StandupRun.standup_id == standup.id,
                StandupEntry.user_id == user_id,
                StandupEntry.status == EntryStatus.PROMPTED,
                StandupRun.digest_built_at.is_(None),
            )
            .order_by(StandupRun.run_date.desc())
            .limit(1)
        ).first()
        lines.append(
            StandupLine(
                standup.channel_id,
                next_prompt,
                open_entry[0] if open_entry else None,
                open_entry[1] if open_entry else None,
                standup.name,
            )
        )
    return lines


def _known(channels: list[str] | None) -> frozenset[str] | None:
    return frozenset(channels) if channels is not None else None


def _recent_decisions(session: Session, team_id: str, viewer: Viewer) -> list[tuple[str, str, str]]:
    """The newest decisions the person may see: made in their channels, or ones they took part in
    (only those when their channels cannot be read)."""
    records = list_decisions(session=session, team_id=team_id, limit=5, viewer=viewer)
    return [(display_number(record.number), record.title, shown_status(record)) for record in records]


def _nudges_since(session: Session, team_id: str, user_id: str, since: datetime) -> int:
    query = select(func.count()).where(
        NudgeRecord.team_id == team_id, NudgeRecord.user_id == user_id, NudgeRecord.nudged_at >= since
    )
    return int(session.scalar(query) or 0)


# Home buttons that change a setting at once (the others open a modal).
TIPS_ACTIONS = (HOME_PAUSE_ACTION, HOME_RESUME_ACTION)


def switch_tips(*, deps: Deps, team_id: str, user_id: str, action_id: str) -> str:
    """Pause or resume tips from Home; the notice to show there."""
    with deps.session_factory.begin() as session:
        if action_id == HOME_PAUSE_ACTION:
            settings_store.pause_nudges(
                session=session, team_id=team_id, user_id=user_id, until=deps.clock() + PAUSE_LENGTH
            )
            return "Tips paused for a week."
        settings_store.resume_nudges(session=session, team_id=team_id, user_id=user_id)
        return "Tips are on again."


def settings_modal(*, deps: Deps, team_id: str, user_id: str, action_id: str) -> dict[str, Any]:
    """The modal a Home settings button opens: hours, away dates, or the working agreement."""
    now = deps.clock()
    with deps.session_factory.begin() as session:
        workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
        profile = settings_store.profile(session=session, team_id=team_id, user_id=user_id)
        if action_id == HOME_HOURS_ACTION:
            hours = person_hours(profile, workspace)
            return build_hours_modal(
                start=f"{hours.start:%H:%M}",
                end=f"{hours.end:%H:%M}",
                days=hours.days,
                personal=bool(profile and profile.work_start),
            )
        if action_id == HOME_AWAY_ACTION:
            return build_away_modal(
                first=profile.away_from if profile else None, last=profile.away_until if profile else None
            )
        agreement = current_agreement(session=session, team_id=team_id, now=now)
        paused = sorted(paused_rules(session=session, team_id=team_id))
    _, blocks = build_agreement_summary(
        agreement, can_edit=False, shareable=False, paused_after_feedback=paused
    )
    return modal("Working agreement", blocks, submit=None)


def save_hours(*, deps: Deps, team_id: str, user_id: str, values: object) -> str:
    """The hours modal: the notice for Home; raises FormErrors when the form is not valid."""
    parsed = parse_hours_modal(values)
    hours = (
        None
        if parsed is None
        else WorkingHours(start=parse_clock(parsed[0]), end=parse_clock(parsed[1]), days=parsed[2])
    )
    with deps.session_factory.begin() as session:
        set_personal_hours(session=session, team_id=team_id, user_id=user_id, hours=hours)
    return "Saved your working hours." if hours else "You now follow the workspace's working hours."


def save_away(*, deps: Deps, team_id: str, user_id: str, values: object) -> str:
    """The away modal: the notice for Home; raises FormErrors when the form is not valid."""
    now = deps.clock()
    with deps.session_factory.begin() as session:
        workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
        today = now.astimezone(
            calendar_for(session=session, workspace=workspace, user_id=user_id).zone
        ).date()
        parsed = parse_away_modal(values, today=today)
        set_away(session=session, team_id=team_id, user_id=user_id, first=parsed[0], last=parsed[1])
    return f"You're away until {parsed[1]:%a %d %b}." if parsed[1] else "You're no longer marked away."
