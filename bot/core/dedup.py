"""Event de-duplication: Slack retries deliveries, so each event id takes effect once."""

from __future__ import annotations

import logging
from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session

from bot.core.db import insert_ignoring_duplicates
from bot.core.deps import Deps
from bot.core.workspaces import mark_returned, remember_enterprise
from models import ProcessedEvent

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


def claim_delivery(deps: Deps, *, team_id: str, enterprise_id: str | None, event_id: str) -> bool | None:
    """Claim an event delivery: True the first time, False for a repeat, None when the database is down.

    A workspace's first event after an uninstall marks it as returned, in the same transaction.
    """
    try:
        with deps.session_factory.begin() as session:
            first_delivery = claim_event(
                session=session,
                team_id=team_id,
                enterprise_id=enterprise_id,
                event_id=event_id,
                received_at=deps.clock(),
            )
            if first_delivery and team_id:
                mark_returned(connection=session.connection(), team_id=team_id)
                if enterprise_id:  # an Enterprise Grid workspace: scheduled work finds its org's install
                    remember_enterprise(
                        session=session, team_id=team_id, enterprise_id=enterprise_id, now=deps.clock()
                    )
    except SQLAlchemyError as error:
        logger.error("database unavailable, event %s left for redelivery: %s", event_id, type(error).__name__)
        return None
    return first_delivery
