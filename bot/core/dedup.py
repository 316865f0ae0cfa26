"""Event de-duplication: Slack retries deliveries, so each event id takes effect once."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import delete, select
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.core.db import insert_ignoring_duplicates
from bot.core.deps import Deps
from bot.core.workspaces import mark_returned, remember_enterprise
from models import ProcessedEvent, WorkspaceSettings

logger = logging.getLogger(__name__)


def claim_event(
    *,
    session: Session,
    team_id: str,
    event_id: str,
    received_at: datetime,
    enterprise_id: str | None = None,
) -> bool:
    """Record an event id; True for the first delivery, False for a retry or duplicate."""
    return insert_ignoring_duplicates(
        session,
        ProcessedEvent.__table__,  # type: ignore[arg-type]
        {
            "team_id": team_id,
            "enterprise_id": enterprise_id,
            "event_id": event_id,
            "received_at": received_at,
        },
    )


def prune_processed_events(*, session: Session, now: datetime, retention: timedelta) -> int:
    """Delete event ids older than the retention (Slack stops retrying after about an hour)."""
    result = session.execute(delete(ProcessedEvent).where(ProcessedEvent.received_at < now - retention))
    return int(getattr(result, "rowcount", 0) or 0)


def note_workspace_activity(deps: Deps, *, team_id: str, enterprise_id: str | None) -> None:
    """A workspace sends events: it is back if it had left, and its Grid org is remembered (before its
    listeners run: an app_uninstalled event then marks it as left again). Only reads, for a workspace
    that is installed and known: no write lock per event."""
    if not team_id:
        return
    with deps.session_factory.begin() as session:
        workspace = session.get(WorkspaceSettings, team_id)
        if workspace is not None and workspace.uninstalled_at is not None:
            mark_returned(connection=session.connection(), team_id=team_id)
        if enterprise_id and (workspace is None or workspace.enterprise_id is None):
            remember_enterprise(
                session=session, team_id=team_id, enterprise_id=enterprise_id, now=deps.clock()
            )


def record_handled(deps: Deps, *, team_id: str, enterprise_id: str | None, event_id: str) -> bool:
    """Record that the event's listeners ran to the end (False when it was recorded already)."""
    with deps.session_factory.begin() as session:
        return claim_event(
            session=session,
            team_id=team_id,
            enterprise_id=enterprise_id,
            event_id=event_id,
            received_at=deps.clock(),
        )


def claim_delivery(deps: Deps, *, team_id: str, enterprise_id: str | None, event_id: str) -> bool | None:
    """Claim an event delivery before its listeners run (Socket Mode, which has no inbox): True the
    first time, False for a repeat, None when the database is down."""
    try:
        first_delivery = record_handled(deps, team_id=team_id, enterprise_id=enterprise_id, event_id=event_id)
        if first_delivery:
            note_workspace_activity(deps, team_id=team_id, enterprise_id=enterprise_id)
    except SQLAlchemyError as error:
        logger.error("database unavailable, event %s left for redelivery: %s", event_id, type(error).__name__)
        return None
    return first_delivery


def delivery_of(body: dict[str, Any]) -> tuple[str, str] | None:
    """An Events API delivery's workspace and event id (as they are recorded), or None for anything else."""
    event_id = body.get("event_id") if body.get("type") == "event_callback" else None
    if not isinstance(event_id, str) or not event_id:
        return None
    return _team_id_of(body), event_id[:64]


def _team_id_of(body: dict[str, Any]) -> str:
    team_id = body.get("team_id")
    if isinstance(team_id, str) and team_id:
        return team_id[:32]
    authorizations = body.get("authorizations")
    if isinstance(authorizations, list) and authorizations and isinstance(authorizations[0], dict):
        first = authorizations[0].get("team_id")
        if isinstance(first, str):
            return first[:32]
    return ""


def release_delivery(deps: Deps, *, team_id: str, event_id: str) -> None:
    """Forget an event id whose listener failed, so that Slack's retry of it is handled, not dropped as
    already done (its effects are idempotent: a message is decided once, an ask opened once)."""
    try:
        with deps.session_factory.begin() as session:
            session.execute(
                delete(ProcessedEvent).where(
                    ProcessedEvent.team_id == team_id, ProcessedEvent.event_id == event_id
                )
            )
    except SQLAlchemyError as error:
        logger.error("event %s could not be released for redelivery: %s", event_id, type(error).__name__)
        return
    logger.warning("event %s failed in its listener; a redelivery from Slack will be handled", event_id)


def was_handled(deps: Deps, *, team_id: str, event_id: str) -> bool:
    """Whether the event's listeners already ran to the end (its id is recorded)."""
    with deps.session_factory() as session:
        found = session.execute(
            select(ProcessedEvent.id).where(
                ProcessedEvent.team_id == team_id, ProcessedEvent.event_id == event_id
            )
        ).first()
    return found is not None


def first_time(session: Session, *, team_id: str, key: str, now: datetime) -> bool:
    """True the first time `key` is seen in the workspace (an effect that must happen once per message,
    whatever the retries); kept as long as event ids are."""
    return claim_event(session=session, team_id=team_id, event_id=key[:64], received_at=now)
