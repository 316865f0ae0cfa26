"""Due work in the database: enqueue occurrences, claim them with a lease, and record each outcome.

On PostgreSQL, claiming uses `FOR UPDATE SKIP LOCKED` so any number of instances can tick; an item
whose lease ran out (its instance died) is claimed again. SQLite runs one ticking instance (see
bot/scheduling/scheduler.py), and the same queries work there without the row locks.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import ColumnElement, and_, delete, func, or_, select, update
from sqlalchemy.orm import Session

from bot.core.db import insert_ignoring_duplicates
from models import ChannelPace, ItemState, ScheduledItem

DEFAULT_GRACE = timedelta(hours=1)
ERROR_LIMIT = 500


@dataclass(frozen=True)
class NewItem:
    """One occurrence of scheduled work. The (team, occurrence key) pair makes enqueueing idempotent."""

    team_id: str
    kind: str
    occurrence_key: str
    channel_id: str
    due_at: datetime
    text: str
    blocks: list[dict[str, Any]] = field(default_factory=list)
    thread_ts: str | None = None
    grace: timedelta = DEFAULT_GRACE


@dataclass(frozen=True)
class ClaimedItem:
    id: int
    team_id: str
    kind: str
    occurrence_key: str
    channel_id: str
    payload: dict[str, Any]
    due_at: datetime
    grace_seconds: int
    attempts: int
    claimed_by: str
    # Set when an earlier send of this item may have reached Slack (it was sending when its instance
    # died, or Slack did not answer): when that send began.
    unsure_since: datetime | None = None


def enqueue(*, session: Session, item: NewItem, now: datetime) -> bool:
    """Add an occurrence unless it exists already; True when this call added it."""
    payload = {"text": item.text, "blocks": item.blocks, "thread_ts": item.thread_ts}
    return insert_ignoring_duplicates(
        session,
        ScheduledItem.__table__,  # type: ignore[arg-type]
        {
            "team_id": item.team_id,
            "kind": item.kind,
            "occurrence_key": item.occurrence_key,
            "channel_id": item.channel_id,
            "payload": json.dumps(payload),
            "due_at": item.due_at,
            "available_at": item.due_at,
            "grace_seconds": int(item.grace.total_seconds()),
            "state": ItemState.PENDING,
            "attempts": 0,
            "created_at": now,
        },
    )


def claim_due(
    *, session: Session, now: datetime, instance_id: str, lease: timedelta, limit: int
) -> list[ClaimedItem]:
    """Claim up to `limit` due items for this instance: pending ones, and any whose lease has run out."""
    claimable = (
        select(ScheduledItem.id)
        .where(
            ScheduledItem.state.in_((ItemState.PENDING, ItemState.SENDING)),
            ScheduledItem.available_at <= now,
            or_(ScheduledItem.lease_until.is_(None), ScheduledItem.lease_until < now),
        )
        .order_by(ScheduledItem.available_at, ScheduledItem.id)
        .limit(limit)
        .with_for_update(skip_locked=True)
    )
    ids = list(session.scalars(claimable))
    if not ids:
        return []
    session.execute(
        update(ScheduledItem)
        .where(ScheduledItem.id.in_(ids))
        .values(claimed_by=instance_id, lease_until=now + lease)
    )
    rows = session.scalars(
        select(ScheduledItem).where(ScheduledItem.id.in_(ids)).order_by(ScheduledItem.available_at)
    )
    return [
        ClaimedItem(
            id=row.id,
            team_id=row.team_id,
            kind=row.kind,
            occurrence_key=row.occurrence_key,
            channel_id=row.channel_id,
            payload=json.loads(row.payload),
            due_at=row.due_at,
            grace_seconds=row.grace_seconds,
            attempts=row.attempts,
            claimed_by=instance_id,
            unsure_since=row.sending_since if row.state is ItemState.SENDING else None,
        )
        for row in rows
    ]


def release(*, session: Session, ids: Sequence[int], instance_id: str) -> None:
    """Give claimed items back so the next tick (of any instance) can take them."""
    if ids:
        session.execute(
            update(ScheduledItem)
            .where(ScheduledItem.id.in_(ids), ScheduledItem.claimed_by == instance_id)
            .values(claimed_by=None, lease_until=None)
        )


def mark_sending(*, session: Session, item: ClaimedItem, now: datetime, lease: timedelta) -> bool:
    """Before the Slack call, renew the lease if the claim is still this instance's and unexpired.

    False means another instance may own the item now: do not send it. If the process dies after this,
    the item is claimed again after its lease.
    """
    result = session.execute(
        update(ScheduledItem)
        .where(
            ScheduledItem.id == item.id,
            ScheduledItem.claimed_by == item.claimed_by,
            ScheduledItem.lease_until >= now,
            ScheduledItem.state.in_((ItemState.PENDING, ItemState.SENDING)),
        )
        .values(
            state=ItemState.SENDING,
            attempts=ScheduledItem.attempts + 1,
            lease_until=now + lease,
            sending_since=func.coalesce(ScheduledItem.sending_since, now),
        )
    )
    return bool(getattr(result, "rowcount", 0))


def mark_sent(*, session: Session, item: ClaimedItem, now: datetime, message_ts: str | None) -> bool:
    return _release(
        session,
        item,
        state=ItemState.SENT,
        sent_at=now,
        message_ts=message_ts,
        last_error=None,
        sending_since=None,
    )


def mark_failed(*, session: Session, item: ClaimedItem, reason: str) -> bool:
    return _finish(session, item, ItemState.FAILED, reason)


def mark_skipped(*, session: Session, item: ClaimedItem, reason: str) -> bool:
    return _finish(session, item, ItemState.SKIPPED, reason)


def _finish(session: Session, item: ClaimedItem, state: ItemState, reason: str) -> bool:
    """A final state with its reason: the item is not tried again."""
    return _release(session, item, state=state, last_error=reason[:ERROR_LIMIT])


def retry_later(*, session: Session, item: ClaimedItem, at: datetime, reason: str) -> bool:
    """Slack said no (the post did not happen): try again at `at`."""
    return _release(
        session,
        item,
        state=ItemState.PENDING,
        available_at=at,
        last_error=reason[:ERROR_LIMIT],
        sending_since=None,
    )


def put_back(*, session: Session, item: ClaimedItem, at: datetime, reason: str) -> bool:
    """Not sent, and not tried (waiting for the channel's pace): back in the queue until `at`, with
    the attempt `mark_sending` counted taken back."""
    return _release(
        session, item, state=ItemState.PENDING, available_at=at, last_error=reason[:ERROR_LIMIT],
        sending_since=None, attempts=ScheduledItem.attempts - 1,
    )  # fmt: skip


def check_later(*, session: Session, item: ClaimedItem, at: datetime, reason: str) -> bool:
    """Slack did not answer (the post may have happened): at `at`, look for it before sending again."""
    return _release(session, item, state=ItemState.SENDING, available_at=at, last_error=reason[:ERROR_LIMIT])


def _release(session: Session, item: ClaimedItem, **values: object) -> bool:
    """Give up this instance's claim on the item (claim and lease cleared) and set `values`.

    Only while the claim is still this instance's: an instance whose lease ran out must not overwrite
    the state another instance has since recorded. False when the claim was lost.
    """
    result = session.execute(
        update(ScheduledItem)
        .where(ScheduledItem.id == item.id, ScheduledItem.claimed_by == item.claimed_by)
        .values(claimed_by=None, lease_until=None, **values)
    )
    return bool(getattr(result, "rowcount", 0))


def skip_workspace(*, session: Session, team_id: str, reason: str) -> int:
    """Stop all unsent work of a workspace (uninstalled, tokens revoked): skipped, never retried."""
    result = session.execute(
        update(ScheduledItem)
        .where(
            ScheduledItem.team_id == team_id, ScheduledItem.state.in_((ItemState.PENDING, ItemState.SENDING))
        )
        .values(state=ItemState.SKIPPED, last_error=reason[:ERROR_LIMIT], claimed_by=None, lease_until=None)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def unsent(
    *, session: Session, failed_only: bool, team_id: str | None = None, limit: int = 200
) -> tuple[list[ScheduledItem], int]:
    """Work that is not sent (or only what failed or was skipped), soonest first, and how many in all.

    An operator's view across workspaces unless `team_id` narrows it.
    """
    states = (
        (ItemState.FAILED, ItemState.SKIPPED)
        if failed_only
        else tuple(s for s in ItemState if s is not ItemState.SENT)
    )
    condition: ColumnElement[bool] = ScheduledItem.state.in_(states)
    if team_id is not None:
        condition = and_(condition, ScheduledItem.team_id == team_id)
    total = int(session.scalar(select(func.count()).select_from(ScheduledItem).where(condition)) or 0)
    rows = session.scalars(select(ScheduledItem).where(condition).order_by(ScheduledItem.due_at).limit(limit))
    return list(rows), total


FINISHED = (ItemState.SENT, ItemState.FAILED, ItemState.SKIPPED)


def prune_finished(*, session: Session, now: datetime, retention: timedelta) -> int:
    """Delete items sent, failed or skipped more than `retention` ago (their payloads may hold
    standup answers); pending work is never touched."""
    result = session.execute(
        delete(ScheduledItem).where(ScheduledItem.state.in_(FINISHED), ScheduledItem.due_at < now - retention)
    )
    return int(getattr(result, "rowcount", 0) or 0)


def delete_keyed(*, session: Session, team_id: str, key_prefix: str) -> int:
    """Delete a workspace's items whose occurrence key starts with `key_prefix` (a deleted standup's)."""
    result = session.execute(
        delete(ScheduledItem).where(
            ScheduledItem.team_id == team_id,
            ScheduledItem.occurrence_key.startswith(key_prefix, autoescape=True),
        )
    )
    return int(getattr(result, "rowcount", 0) or 0)


def reserve_slot(
    *,
    session: Session,
    team_id: str,
    channel_id: str,
    now: datetime,
    interval: timedelta,
    max_wait: timedelta,
) -> tuple[datetime, bool]:
    """The time this post may go to the channel (now, or one interval after the last reservation of
    any instance), and whether it is reserved: a slot further than `max_wait` away is not taken, so
    posts put back for later do not push the channel's pace further out. The insert comes first so
    that, on SQLite too, the transaction holds the write lock before it reads (PostgreSQL locks the
    row)."""
    _ensure_pace(session, team_id=team_id, channel_id=channel_id, next_at=now)
    where = (ChannelPace.team_id == team_id, ChannelPace.channel_id == channel_id)
    current = session.execute(select(ChannelPace.next_at).where(*where).with_for_update()).scalar_one()
    slot = max(now, current)
    if slot - now > max_wait:
        return slot, False
    session.execute(update(ChannelPace).where(*where).values(next_at=slot + interval))
    return slot, True


def hold_channel(*, session: Session, team_id: str, channel_id: str, until: datetime) -> None:
    """No instance posts to the channel before `until` (Slack's Retry-After for it)."""
    _ensure_pace(session, team_id=team_id, channel_id=channel_id, next_at=until)
    session.execute(
        update(ChannelPace)
        .where(
            ChannelPace.team_id == team_id, ChannelPace.channel_id == channel_id, ChannelPace.next_at < until
        )
        .values(next_at=until)
    )


def _ensure_pace(session: Session, *, team_id: str, channel_id: str, next_at: datetime) -> None:
    """The channel's pace row, created with `next_at` unless it exists."""
    insert_ignoring_duplicates(
        session,
        ChannelPace.__table__,  # type: ignore[arg-type]
        {"team_id": team_id, "channel_id": channel_id, "next_at": next_at},
    )
