"""One event, one transaction: an inbox worker runs an event's listeners inside an EventTransaction.

Every `deps.session_factory.begin()` block a listener opens on the worker's thread joins the event's
transaction instead of committing on its own, and the worker records the event as done in that same
transaction: the claim and the effects commit together. A call to Slack's Web API commits what came
before it first (bot/slack/client.py), so no transaction is held open across a network call (on
SQLite that would hold the write lock while Slack answers); a crash between that commit and the end
of the event leaves the event in the inbox, and doing it again changes nothing, because every effect
committed early is once-only by a unique key (ADR-0006).

A block that raises rolls back the event's uncommitted work and marks the transaction failed, so the
worker tries the whole event again even if a listener caught the error.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import AbstractContextManager, contextmanager
from contextvars import ContextVar
from typing import Any

from sqlalchemy import event
from sqlalchemy.orm import Session, sessionmaker

KEPT = "rows_kept_for_the_event"
_current: ContextVar[EventTransaction | None] = ContextVar("event_transaction", default=None)


class Sessions(sessionmaker[Session]):
    """The session factory every service uses (`deps.session_factory`): `begin()` joins the event
    transaction running on this thread for this factory, if there is one."""

    def __init__(self, **options: Any) -> None:
        super().__init__(**options)
        event.listen(self, "loaded_as_persistent", _keep_for_the_event)

    def begin(self) -> AbstractContextManager[Session]:
        current = _current.get()
        if current is not None and current.sessions is self:
            return current.block()
        return super().begin()


class EventTransaction:
    """The database work of one event, as one transaction (see the module's docstring)."""

    def __init__(self, sessions: Sessions) -> None:
        self.sessions = sessions
        self.failed = False
        self.commits = 0
        self._session: Session | None = None

    def __enter__(self) -> EventTransaction:
        self._token = _current.set(self)
        return self

    def __exit__(self, error_type: Any, error: Any, traceback: Any) -> None:
        _current.reset(self._token)
        self.rollback()  # whatever was not committed by commit() is not done

    @contextmanager
    def block(self) -> Iterator[Session]:
        """A listener's `session_factory.begin()` block: its work is flushed, not committed."""
        if self._session is None:
            self._session = self.sessions(info={KEPT: []})
        try:
            yield self._session
            self._session.flush()
        except BaseException:
            self.failed = True
            self.rollback()
            raise

    def commit(self) -> None:
        """Commit the work so far (the event's end, or just before a call to Slack)."""
        if self._session is not None:
            self.commits += int(self._session.in_transaction())
            self._session.commit()

    def rollback(self) -> None:
        if self._session is not None:
            self._session.close()  # rolls back what was not committed
            self._session = None


def _keep_for_the_event(session: Session, instance: object) -> None:
    """A row an event's block loaded stays in the session's identity map for the event's next blocks
    (the map only holds rows weakly): the workspace's settings are read once per event, not per block."""
    kept = session.info.get(KEPT)
    if kept is not None:
        kept.append(instance)


def commit_before_outside_call() -> None:
    """Called before a Slack Web API call: commit the running event's work, if any, so that no
    database transaction (nor SQLite's write lock) is held while Slack answers."""
    current = _current.get()
    if current is not None:
        current.commit()
