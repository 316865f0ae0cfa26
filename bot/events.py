"""Event de-duplication: Slack retries deliveries, so each event id takes effect once."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import delete
from sqlalchemy.orm import Session

from bot.db import insert_ignoring_duplicates
from models import ProcessedEvent


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
