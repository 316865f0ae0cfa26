"""The durable inbox: the HTTP path stores each Events API delivery and acknowledges; workers do it.

Acknowledging costs one small write, shared: requests that arrive together are stored in one
transaction (a group commit) by one writer thread. On SQLite the inbox is a file of its own next to
the main database, so the acknowledgement never waits for the main database's write lock.

An event is done when a worker ran its listeners without error; it is then recorded in the main
database's processed events and deleted from the inbox. A worker that dies mid-event leaves it in
the inbox, and the next worker does it again: every effect of a listener is idempotent (a message is
decided once, an ask opened once, a tally counted once). Events of one channel are done in order:
a worker holds a lease on a channel while it works through its events.
"""

from __future__ import annotations

import contextlib
import json
import logging
import queue
import threading
from collections import OrderedDict
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import Connection, Engine, delete, func, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError
from sqlalchemy.orm import Session, sessionmaker

from bot.core.db import create_db_engine, create_session_factory, insert_ignoring_duplicates
from bot.core.dedup import delivery_of
from models.inbox import InboxChannel, InboxEvent, create_inbox_tables

logger = logging.getLogger(__name__)

GROUP_COMMIT_MAX = 500  # deliveries stored in one transaction at most
PUT_TIMEOUT_S = 2.0  # Slack wants an answer within 3 s
RECENT_EVENT_IDS = 10_000  # a process-local memory of deliveries already stored, for Slack's retries
ERROR_LIMIT = 200


def inbox_url(database_url: str) -> str:
    """Where the inbox lives: a SQLite file of its own next to the main one, or the same PostgreSQL."""
    url = make_url(database_url)
    if url.get_backend_name() != "sqlite" or not url.database or url.database == ":memory:":
        return database_url
    return url.set(database=f"{url.database.removesuffix('.sqlite3')}.inbox.sqlite3").render_as_string(
        hide_password=False
    )


@dataclass(frozen=True)
class Delivery:
    """One Events API request as stored: who it is for, its id, the channel whose order it keeps."""

    team_id: str
    event_id: str
    channel_key: str
    body: str


def delivery_from(body: dict[str, Any], raw: str) -> Delivery | None:
    """The Events API delivery in a parsed request body, or None when it is not one (its workspace and
    event id read as the de-duplication records them)."""
    found, event = delivery_of(body), body.get("event")
    if found is None or not isinstance(event, dict):
        return None
    team, event_id = found
    where = event.get("channel") or event.get("user") or event.get("type") or ""
    if isinstance(where, dict):  # channel_created and friends carry the channel as an object
        where = where.get("id") or ""
    return Delivery(team, event_id, f"{team}:{str(where)[:40]}", raw)


class InboxUnavailableError(Exception):
    """The inbox could not store a delivery (its database is down, or the backlog is full)."""


@dataclass
class _Pending:
    delivery: Delivery
    done: threading.Event = field(default_factory=threading.Event)
    error: str | None = None


class Inbox:
    """Stores deliveries (group commit) and hands them to workers (channel leases)."""

    def __init__(
        self, engine: Engine, *, clock: Callable[[], datetime], max_backlog: int, warn_backlog: int = 1_000
    ) -> None:
        self.engine = engine
        self.warn_backlog = warn_backlog
        self._sessions: sessionmaker[Session] = create_session_factory(engine)
        self._clock = clock
        self._max_backlog = max_backlog
        self._queue: queue.Queue[_Pending] = queue.Queue()
        self._recent: OrderedDict[tuple[str, str], None] = OrderedDict()
        self._recent_lock = threading.Lock()
        self._stored = threading.Condition()
        self._writer: threading.Thread | None = None
        self._connection: Connection | None = None
        self._depth_estimate = 0
        dialect = postgresql if engine.dialect.name == "postgresql" else sqlite
        self._insert = dialect.insert(InboxEvent.__table__).on_conflict_do_nothing()  # repeats: ignored

    @classmethod
    def open(
        cls, database_url: str, *, clock: Callable[[], datetime], max_backlog: int, warn_backlog: int = 1_000
    ) -> Inbox:
        engine = create_db_engine(inbox_url(database_url))
        create_inbox_tables(engine)
        inbox = cls(engine, clock=clock, max_backlog=max_backlog, warn_backlog=warn_backlog)
        inbox.depth()  # what earlier runs left, for the backlog limit
        return inbox

    def close(self) -> None:
        self._drop_connection()
        self.engine.dispose()

    # -- the acknowledgement path ----------------------------------------------------------------

    def seen_recently(self, delivery: Delivery) -> bool:
        """Whether this process stored the delivery already (Slack's retries, without a database trip)."""
        with self._recent_lock:
            return (delivery.team_id, delivery.event_id) in self._recent

    def put(self, delivery: Delivery) -> None:
        """Store the delivery durably before returning (raises InboxUnavailableError when it cannot)."""
        if self._depth_estimate >= self._max_backlog:
            raise InboxUnavailableError(f"the inbox holds {self._depth_estimate} events, its limit")
        self._start_writer()
        pending = _Pending(delivery)
        self._queue.put(pending)
        if not pending.done.wait(PUT_TIMEOUT_S):
            raise InboxUnavailableError("the inbox did not store the delivery in time")
        if pending.error is not None:
            raise InboxUnavailableError(pending.error)
        with self._recent_lock:
            self._recent[(delivery.team_id, delivery.event_id)] = None
            while len(self._recent) > RECENT_EVENT_IDS:
                self._recent.popitem(last=False)

    def _start_writer(self) -> None:
        if self._writer is None:
            with self._recent_lock:
                if self._writer is None:
                    self._writer = threading.Thread(
                        target=self._write_forever, name="inbox-writer", daemon=True
                    )
                    self._writer.start()

    def _write_forever(self) -> None:
        while True:
            batch = [self._queue.get()]
            while len(batch) < GROUP_COMMIT_MAX:
                try:
                    batch.append(self._queue.get_nowait())
                except queue.Empty:
                    break
            error = self._store(batch)
            for pending in batch:
                pending.error = error
                pending.done.set()
            if error is None:
                with self._stored:
                    self._stored.notify_all()

    def _store(self, batch: list[_Pending]) -> str | None:
        now = self._clock()
        rows = [
            {
                "team_id": pending.delivery.team_id, "event_id": pending.delivery.event_id,
                "channel_key": pending.delivery.channel_key, "body": pending.delivery.body,
                "received_at": now, "available_at": now, "attempts": 0,
            }
            for pending in batch
        ]  # fmt: skip
        try:
            if self._connection is None:  # the writer keeps one connection: no pool checkout per batch
                self._connection = self.engine.connect()
            with self._connection.begin():  # one statement, many rows: the group commit
                self._connection.execute(self._insert, rows)
            # Repeats counted too (drivers disagree on rowcount for many rows); depth() corrects it.
            self._depth_estimate += len(rows)
        except SQLAlchemyError as error:
            self._drop_connection()
            logger.error("inbox unavailable, %d deliveries left for Slack to retry: %s", len(batch),
                         type(error).__name__)  # fmt: skip
            return type(error).__name__
        return None

    def _drop_connection(self) -> None:
        if self._connection is not None:
            with contextlib.suppress(SQLAlchemyError):
                self._connection.close()
            self._connection = None

    def wait_for_work(self, timeout_s: float) -> None:
        """Block until this process stores something, or `timeout_s` passes (other processes: polling)."""
        with self._stored:
            self._stored.wait(timeout_s)

    # -- the workers' side -----------------------------------------------------------------------

    def claim_channels(self, *, instance_id: str, lease: timedelta, limit: int) -> list[str]:
        """Take the lease on up to `limit` channels with due events, oldest first."""
        now = self._clock()
        with self._sessions.begin() as session:
            waiting = session.execute(
                select(InboxEvent.channel_key)
                .where(InboxEvent.dead_at.is_(None), InboxEvent.available_at <= now)
                .group_by(InboxEvent.channel_key)
                .order_by(func.min(InboxEvent.id))
                .limit(limit * 3)
            ).scalars()
            candidates = list(waiting)
        taken: list[str] = []
        for channel_key in candidates:
            if len(taken) >= limit:
                break
            if self._take_lease(channel_key, instance_id=instance_id, now=now, lease=lease):
                taken.append(channel_key)
        return taken

    def _take_lease(self, channel_key: str, *, instance_id: str, now: datetime, lease: timedelta) -> bool:
        with self._sessions.begin() as session:
            values = {"channel_key": channel_key, "claimed_by": instance_id, "lease_until": now + lease}
            if insert_ignoring_duplicates(session, InboxChannel.__table__, values):  # type: ignore[arg-type]
                return True
            result = session.execute(
                update(InboxChannel)
                .where(InboxChannel.channel_key == channel_key, InboxChannel.lease_until < now)
                .values(claimed_by=instance_id, lease_until=now + lease)
            )
            return bool(getattr(result, "rowcount", 0))

    def renew_channel(self, channel_key: str, *, instance_id: str, lease: timedelta) -> bool:
        """Keep the lease while working through a long run of events; False when it was lost."""
        with self._sessions.begin() as session:
            result = session.execute(
                update(InboxChannel)
                .where(InboxChannel.channel_key == channel_key, InboxChannel.claimed_by == instance_id)
                .values(lease_until=self._clock() + lease)
            )
        return bool(getattr(result, "rowcount", 0))

    def release_channel(self, channel_key: str, *, instance_id: str) -> None:
        with self._sessions.begin() as session:
            session.execute(
                delete(InboxChannel).where(
                    InboxChannel.channel_key == channel_key, InboxChannel.claimed_by == instance_id
                )
            )

    def due_events(self, channel_key: str, *, limit: int) -> list[InboxEvent]:
        """The channel's events in the order they arrived, up to its first one that is not due yet."""
        now = self._clock()
        with self._sessions() as session:
            rows = list(
                session.scalars(
                    select(InboxEvent)
                    .where(InboxEvent.channel_key == channel_key, InboxEvent.dead_at.is_(None))
                    .order_by(InboxEvent.id)
                    .limit(limit)
                )
            )
        due = []
        for row in rows:
            if row.available_at > now:
                break  # a later event waits for the earlier one's retry
            due.append(row)
        return due

    def forget(self, event: InboxEvent) -> None:
        """The event is done: delete it."""
        with self._sessions.begin() as session:
            session.execute(delete(InboxEvent).where(InboxEvent.id == event.id))
        self._depth_estimate = max(0, self._depth_estimate - 1)

    def retry_later(self, event: InboxEvent, *, reason: str, after: timedelta, give_up_after: int) -> bool:
        """The event failed: try again after a while, or give up on it (True) after too many attempts."""
        attempts = event.attempts + 1
        now = self._clock()
        dead = attempts >= give_up_after
        with self._sessions.begin() as session:
            session.execute(
                update(InboxEvent)
                .where(InboxEvent.id == event.id)
                .values(attempts=attempts, available_at=now + after, last_error=reason[:ERROR_LIMIT],
                        dead_at=now if dead else None)
            )  # fmt: skip
        return dead

    def depth(self) -> tuple[int, datetime | None]:
        """How many events wait (dead ones left out), and when the oldest arrived."""
        with self._sessions() as session:
            count, oldest = session.execute(
                select(func.count(), func.min(InboxEvent.received_at)).where(InboxEvent.dead_at.is_(None))
            ).one()
        self._depth_estimate = int(count)
        return int(count), oldest

    def prune_dead(self, *, older_than: datetime) -> int:
        """Delete events given up on before `older_than` (their bodies hold message text)."""
        with self._sessions.begin() as session:
            result = session.execute(
                delete(InboxEvent).where(InboxEvent.dead_at.is_not(None), InboxEvent.dead_at < older_than)
            )
        return int(getattr(result, "rowcount", 0) or 0)


def parsed_body(event: InboxEvent) -> dict[str, Any]:
    body = json.loads(event.body)
    return body if isinstance(body, dict) else {}
