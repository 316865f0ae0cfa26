"""The working agreement in the database: read it from, and write it to, the workspace's settings.

Every feature reads the settings this writes (norms, hours, holidays, focus blocks, linter rules,
channel mode, decision log, acknowledgement emoji), so the agreement is the one source of truth.
Every change is kept: who, when, which field, from what to what.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from bot.agreement.document import Holiday, LinterSettings, ResponseNorms, WorkingAgreement, WorkingTime
from bot.people import settings_store
from models import AgreementChange, ChannelMode, WorkspaceHoliday

VALUE_LIMIT = 2000


def current_agreement(*, session: Session, team_id: str, now: datetime) -> WorkingAgreement:
    workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
    holidays = session.scalars(
        select(WorkspaceHoliday).where(WorkspaceHoliday.team_id == team_id).order_by(WorkspaceHoliday.day)
    )
    return WorkingAgreement.model_construct(
        response_norms=ResponseNorms(
            urgent_days=workspace.norm_urgent_days,
            normal_days=workspace.norm_normal_days,
            complex_days=workspace.norm_complex_days,
        ),
        working_time=WorkingTime.model_construct(
            hours=f"{workspace.work_start}-{workspace.work_end}",
            days=workspace.work_days,
            time_zone=workspace.default_tz,
            core_hours=workspace.core_hours,
            focus_blocks=list(workspace.focus_blocks),
        ),
        holidays=[Holiday(day=holiday.day, name=holiday.name) for holiday in holidays],
        linter=LinterSettings(
            disabled_rules=sorted(settings_store.rules_in(workspace.disabled_rules)),
            wall_of_text_words=workspace.wall_of_text_words,
            broadcast_channel_size=workspace.broadcast_channel_size,
            daily_nudge_cap=workspace.daily_nudge_cap,
            default_channel_mode=workspace.default_channel_mode.value,
        ),
        decision_log_channel=workspace.decision_log_channel,
        acknowledgement_emoji=list(workspace.ack_emoji),
        surface_overdue_urgent_asks=workspace.surface_overdue_urgent,
        managers=settings_store.managers_of(workspace),
    )


def apply_agreement(
    *, session: Session, team_id: str, agreement: WorkingAgreement, changed_by: str, now: datetime
) -> list[str]:
    """Make `agreement` the workspace's; returns the fields that changed (each one recorded)."""
    before = _flat(current_agreement(session=session, team_id=team_id, now=now).model_dump(mode="json"))
    after = _flat(agreement.model_dump(mode="json"))
    changed = [field for field in after if before.get(field) != after[field]]
    if not changed:
        return []
    workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
    norms, time, linter = agreement.response_norms, agreement.working_time, agreement.linter
    workspace.norm_urgent_days, workspace.norm_normal_days = norms.urgent_days, norms.normal_days
    workspace.norm_complex_days = norms.complex_days
    workspace.work_start, _, workspace.work_end = (part.strip() for part in time.hours.partition("-"))
    workspace.work_days, workspace.default_tz, workspace.core_hours = (
        time.days,
        time.time_zone,
        time.core_hours,
    )
    workspace.focus_blocks = list(time.focus_blocks)
    workspace.disabled_rules = sorted(rule.value for rule in linter.disabled_rules)
    workspace.wall_of_text_words, workspace.broadcast_channel_size = (
        linter.wall_of_text_words,
        linter.broadcast_channel_size,
    )
    workspace.daily_nudge_cap = linter.daily_nudge_cap
    workspace.default_channel_mode = ChannelMode(linter.default_channel_mode)
    workspace.decision_log_channel = agreement.decision_log_channel
    workspace.ack_emoji = list(agreement.acknowledgement_emoji)
    workspace.surface_overdue_urgent = agreement.surface_overdue_urgent_asks
    workspace.managers = list(agreement.managers)
    workspace.updated_at = now
    session.execute(delete(WorkspaceHoliday).where(WorkspaceHoliday.team_id == team_id))
    for holiday in {holiday.day: holiday for holiday in agreement.holidays}.values():
        session.add(WorkspaceHoliday(team_id=team_id, day=holiday.day, name=holiday.name))
    for field in changed:
        session.add(
            AgreementChange(
                team_id=team_id, changed_by=changed_by, changed_at=now, field=field,
                old_value=_text(before.get(field)), new_value=_text(after[field]),
            )
        )  # fmt: skip
    return changed


def recent_changes(*, session: Session, team_id: str, limit: int = 20) -> list[AgreementChange]:
    query = (
        select(AgreementChange)
        .where(AgreementChange.team_id == team_id)
        .order_by(AgreementChange.changed_at.desc(), AgreementChange.id.desc())
        .limit(limit)
    )
    return list(session.scalars(query))


def _flat(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """{"a": {"b": 1}} -> {"a.b": 1}; lists stay whole (holidays, emoji: one change each)."""
    flat: dict[str, Any] = {}
    for key, value in data.items():
        if isinstance(value, dict):
            flat.update(_flat(value, f"{prefix}{key}."))
        else:
            flat[f"{prefix}{key}"] = value
    return flat


def _text(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False)[:VALUE_LIMIT]
