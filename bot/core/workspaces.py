"""A workspace leaving: stop its work at once, delete its data after the retention period."""

from __future__ import annotations

import copy
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any, TypeVar, cast

from slack_sdk.oauth.installation_store import Bot, Installation
from slack_sdk.oauth.installation_store.sqlalchemy import SQLAlchemyInstallationStore
from sqlalchemy import Connection, Engine, Table, delete, select, update
from sqlalchemy.orm import Session

from bot.core.token_cipher import PREFIX, TOKEN_FIELDS, TokenCipher
from bot.people import settings_store
from bot.scheduling import outbox
from models import (
    AgreementChange,
    ChannelPace,
    ChannelSettings,
    Decision,
    DecisionLink,
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

_Entity = TypeVar("_Entity", Installation, Bot)

# Every table holding a workspace's data; the order respects foreign keys.
WORKSPACE_TABLES: tuple[Table, ...] = (
    *(
        cast(Table, model.__table__)
        for model in (
            DecisionStatusChange,
            DecisionLink,
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
            ChannelPace,
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


@dataclass(frozen=True)
class ErasureReport:
    team_id: str
    user_id: str
    rows: int


# What is erased with a person, and what is kept: their profile and settings, their nudge records,
# the asks they made or were asked, their standup answers and their place in standups, DMs the bot
# still has to send them, their place among the agreement's managers; the agreement's change log
# keeps the change but not their name. Decision records stay: they are the team's log (an admin
# edits or deletes them through the ADR export).
ERASED = "erased-user"


def erase_person(*, session: Session, team_id: str, user_id: str) -> ErasureReport:
    """Delete what is stored about one person in one workspace (a request to be forgotten, or Slack
    telling us the account was deleted)."""
    removed = 0
    for statement in (
        delete(UserProfile).where(UserProfile.team_id == team_id, UserProfile.user_id == user_id),
        delete(NudgeRecord).where(NudgeRecord.team_id == team_id, NudgeRecord.user_id == user_id),
        delete(TrackedAsk).where(
            TrackedAsk.team_id == team_id,
            (TrackedAsk.asker_id == user_id) | (TrackedAsk.recipient_id == user_id),
        ),
        delete(StandupEntry).where(StandupEntry.team_id == team_id, StandupEntry.user_id == user_id),
        delete(ScheduledItem).where(ScheduledItem.team_id == team_id, ScheduledItem.channel_id == user_id),
        delete(ChannelPace).where(ChannelPace.team_id == team_id, ChannelPace.channel_id == user_id),
        update(AgreementChange)
        .where(AgreementChange.team_id == team_id, AgreementChange.changed_by == user_id)
        .values(changed_by=ERASED),
    ):
        result = session.execute(statement)
        removed += int(getattr(result, "rowcount", 0) or 0)
    for standup in session.scalars(select(Standup).where(Standup.team_id == team_id)):
        if user_id in standup.participants:
            standup.participants = [person for person in standup.participants if person != user_id]
            removed += 1
    workspace = session.get(WorkspaceSettings, team_id)
    if workspace is not None and user_id in workspace.managers:
        workspace.managers = [person for person in workspace.managers if person != user_id]
        removed += 1
    return ErasureReport(team_id, user_id, removed)


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


def remember_enterprise(*, session: Session, team_id: str, enterprise_id: str, now: datetime) -> None:
    """The Enterprise Grid org a workspace's events come from (written once, when it is not known; the
    workspace's settings are created for it when this is its first event)."""
    workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
    if workspace.enterprise_id is None:
        workspace.enterprise_id = enterprise_id[:32]


class ReturningAwareInstallationStore(SQLAlchemyInstallationStore):
    """slack_sdk's store, with the tokens encrypted at rest (bot/core/token_cipher.py); saving an
    installation also cancels a pending purge of that workspace."""

    def __init__(self, *, client_id: str, engine: Engine, cipher: TokenCipher) -> None:
        super().__init__(client_id=client_id, engine=engine)
        self._cipher = cipher

    def save(self, installation: Installation) -> None:
        super().save(self._sealed(installation))
        if installation.team_id:
            with self.engine.begin() as connection:
                mark_returned(connection=connection, team_id=installation.team_id)

    def save_bot(self, bot: Bot) -> None:
        super().save_bot(self._sealed(bot))

    def build_installation_entity(self, row: Any) -> Installation:  # type: ignore[override]
        return super().build_installation_entity(self._opened(row))

    def build_bot_entity(self, row: Any) -> Bot:  # type: ignore[override]
        return super().build_bot_entity(self._opened(row))

    def _sealed(self, entity: _Entity) -> _Entity:
        sealed = copy.copy(entity)
        for name in TOKEN_FIELDS:
            if hasattr(sealed, name):
                setattr(sealed, name, self._cipher.encrypt(getattr(sealed, name)))
        return sealed

    def _opened(self, row: Any) -> dict[str, Any]:
        opened = dict(row)
        for name in TOKEN_FIELDS:
            if name in opened:
                opened[name] = self._cipher.decrypt(opened[name])
        return opened


def reencrypt_tokens(*, engine: Engine, cipher: TokenCipher, plaintext_only: bool = False) -> int:
    """Re-encrypt every stored token under the first key, and encrypt plaintext ones (only those, with
    `plaintext_only`: what a start-up does once for tokens an older version stored); rows changed."""
    changed = 0
    with engine.begin() as connection:
        for table in (installations_table, bots_table):
            columns = [table.c[name] for name in TOKEN_FIELDS if name in table.c]
            for row in connection.execute(select(table.c.id, *columns)).mappings():
                stored = {name: str(row[name]) for name in TOKEN_FIELDS if row.get(name)}
                if plaintext_only:
                    values = {
                        name: cipher.encrypt(value)
                        for name, value in stored.items()
                        if not value.startswith(PREFIX)
                    }
                else:
                    values = {name: cipher.rotate(value) for name, value in stored.items()}
                if values:
                    connection.execute(update(table).where(table.c.id == row["id"]).values(**values))
                    changed += 1
    return changed
