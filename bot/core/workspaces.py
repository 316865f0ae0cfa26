"""A workspace leaving: stop its work at once, delete its data after the retention period."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import cast

from slack_sdk.oauth.installation_store import Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import Connection, Table, delete, select, update
from sqlalchemy.orm import Session

from bot.people import settings_store
from bot.scheduling import outbox
from models import (
    AgreementChange,
    ChannelSettings,
    Decision,
    DecisionStatusChange,
    LintTally,
    NudgeRecord,
    ProcessedEvent,
    RuleFeedback,
    ScheduledItem,
    Standup,
    StandupEntry,
    StandupRun,
    TrackedAsk,
    UserProfile,
    WorkspaceHoliday,
    WorkspaceSettings,
)
from models.slack_oauth import bots_table, installations_table

# Every table holding a workspace's data; the order respects foreign keys.
WORKSPACE_TABLES: tuple[Table, ...] = (
    *(
        cast(Table, model.__table__)
        for model in (
            DecisionStatusChange,
            Decision,
            AgreementChange,
            LintTally,
            NudgeRecord,
            RuleFeedback,
            StandupEntry,
            StandupRun,
            Standup,
            TrackedAsk,
            WorkspaceHoliday,
            ChannelSettings,
            UserProfile,
            ScheduledItem,
            ProcessedEvent,
            WorkspaceSettings,
        )
    ),
    bots_table,
    installations_table,
)


def mark_uninstalled(*, session: Session, team_id: str, reason: str, now: datetime) -> int:
    """Record that the workspace left and stop its scheduled work (skipped, never retried)."""
    settings = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
    settings.uninstalled_at = settings.uninstalled_at or now
    return outbox.skip_workspace(session=session, team_id=team_id, reason=reason)


def forget_installation(*, session: Session, team_id: str) -> None:
    """Delete the stored tokens at once (slack_sdk's installation tables)."""
    for table in (bots_table, installations_table):
        session.execute(delete(table).where(table.c.team_id == team_id))


@dataclass(frozen=True)
class PurgeReport:
    team_id: str
    rows: int


def purge_workspace(*, session: Session, team_id: str) -> PurgeReport:
    """Delete every row of the workspace's data, now."""
    removed = 0
    for table in WORKSPACE_TABLES:
        result = session.execute(delete(table).where(table.c.team_id == team_id))
        removed += int(getattr(result, "rowcount", 0) or 0)
    return PurgeReport(team_id, removed)


def purge_expired(*, session: Session, now: datetime, retention: timedelta) -> list[PurgeReport]:
    """Purge every workspace that left more than `retention` ago."""
    expired = session.scalars(
        select(WorkspaceSettings.team_id).where(
            WorkspaceSettings.uninstalled_at.is_not(None), WorkspaceSettings.uninstalled_at < now - retention
        )
    ).all()
    return [purge_workspace(session=session, team_id=team_id) for team_id in expired]


def mark_returned(*, connection: Connection, team_id: str) -> None:
    """A workspace that installs the app again, or sends events, keeps its data."""
    connection.execute(
        update(WorkspaceSettings)
        .where(WorkspaceSettings.team_id == team_id, WorkspaceSettings.uninstalled_at.is_not(None))
        .values(uninstalled_at=None)
    )


class ReturningAwareInstallationStore(SQLAlchemyInstallationStore):
    """slack_sdk's store; saving an installation also cancels a pending purge of that workspace."""

    def save(self, installation: Installation) -> None:
        super().save(installation)
        if installation.team_id:
            with self.engine.begin() as connection:
                mark_returned(connection=connection, team_id=installation.team_id)
