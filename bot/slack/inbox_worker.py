"""Inbox workers: take a channel's stored events in order and run their listeners, after the ack.

`norms serve` runs them by default (INBOX_WORKER_THREADS threads); `norms worker` runs them alone,
as many processes as you like. A worker holds a lease on each channel it works on, so a channel's
events are done one at a time and in order, across threads and processes.
"""

from __future__ import annotations

import logging
import threading
import time
import uuid
from concurrent.futures import ThreadPoolExecutor
from datetime import timedelta

from slack_bolt import App, BoltRequest
from sqlalchemy.exc import SQLAlchemyError

from bot.core import telemetry
from bot.core.dedup import note_workspace_activity, record_handled, was_handled
from bot.core.deps import Deps
from bot.core.event_transaction import EventTransaction, Sessions
from bot.core.inbox import Inbox, parsed_body
from models.inbox import InboxEvent

logger = logging.getLogger(__name__)

FROM_INBOX = "from_inbox"  # set in the context of a request a worker dispatches
LISTENER_FAILED = "listener_failed"  # set by the error handler when a listener raised
IDLE_WAIT_S = 0.2
EVENTS_PER_CLAIM = 50
BASE_RETRY = timedelta(seconds=5)
MAX_RETRY = timedelta(minutes=10)
BACKLOG_CHECK_S = 10.0


class InboxWorker:
    def __init__(self, *, deps: Deps, inbox: Inbox, app: App, threads: int, lease: timedelta) -> None:
        self._deps, self._inbox, self._app = deps, inbox, app
        if not isinstance(deps.session_factory, Sessions):
            raise TypeError("inbox workers need deps built by build_deps (its Sessions join events)")
        self._sessions: Sessions = deps.session_factory
        self._threads = max(1, threads)
        self._lease = lease
        self.instance_id = f"worker-{uuid.uuid4().hex[:12]}"
        self._warned_backlog = False
        self._last_backlog_check = 0.0

    def run_forever(self, stop: threading.Event) -> None:
        logger.info("inbox worker %s started (%d threads)", self.instance_id, self._threads)
        with ThreadPoolExecutor(max_workers=self._threads, thread_name_prefix="inbox") as pool:
            while not stop.is_set():
                try:
                    done = self.drain_once(pool)
                except SQLAlchemyError as error:
                    logger.error("inbox unavailable: %s; trying again shortly", type(error).__name__)
                    stop.wait(1.0)
                    continue
                self._watch_backlog()
                if not done:
                    self._inbox.wait_for_work(IDLE_WAIT_S)

    def drain_once(self, pool: ThreadPoolExecutor | None = None) -> int:
        """Work through the channels with due events once; how many events were done."""
        channels = self._inbox.claim_channels(
            instance_id=self.instance_id, lease=self._lease, limit=self._threads * 2
        )
        if not channels:
            return 0
        if pool is None:
            return sum(self._work_channel(channel) for channel in channels)
        return sum(pool.map(self._work_channel, channels))

    def _work_channel(self, channel_key: str) -> int:
        done = 0
        renewed = time.monotonic()
        try:
            for event in self._inbox.due_events(channel_key, limit=EVENTS_PER_CLAIM):
                if time.monotonic() - renewed > self._lease.total_seconds() / 2:
                    if not self._inbox.renew_channel(
                        channel_key, instance_id=self.instance_id, lease=self._lease
                    ):
                        break  # another worker has the channel now
                    renewed = time.monotonic()
                if not self._do(event):
                    break  # the channel's later events wait for this one, to keep their order
                done += 1
        except Exception:  # one channel's trouble must not stop the others
            logger.exception("inbox channel %s could not be worked on", channel_key)
        finally:
            try:
                self._inbox.release_channel(channel_key, instance_id=self.instance_id)
            except SQLAlchemyError as error:
                logger.warning("inbox channel lease not released (it runs out): %s", type(error).__name__)
        return done

    def _do(self, event: InboxEvent) -> bool:
        """Run the event's listeners; True when it is done (now, or before: a crash after its effects).

        The listeners' database work and the record that the event is done commit together, in one
        transaction (committed early only before a call to Slack: bot/core/event_transaction.py)."""
        if was_handled(self._deps, team_id=event.team_id, event_id=event.event_id):
            self._inbox.forget(event)
            return True
        body = parsed_body(event)
        enterprise_id = body.get("enterprise_id") if isinstance(body.get("enterprise_id"), str) else None
        event_type = str((body.get("event") or {}).get("type") or "")
        with EventTransaction(self._sessions) as transaction:
            note_workspace_activity(self._deps, team_id=event.team_id, enterprise_id=enterprise_id)
            request = BoltRequest(
                body=event.body, headers={"content-type": ["application/json"]}, context={FROM_INBOX: True}
            )
            response = self._app.dispatch(request)
            failed = (
                bool(request.context.get(LISTENER_FAILED)) or response.status >= 500 or transaction.failed
            )
            if not failed:
                record_handled(
                    self._deps, team_id=event.team_id, enterprise_id=enterprise_id, event_id=event.event_id
                )
                transaction.commit()
        if not failed:
            self._inbox.forget(event)
            telemetry.count_event(event_type, "done")
            return True
        backoff = min(MAX_RETRY, BASE_RETRY * (2**event.attempts))
        reason = "a listener failed"
        given_up = self._inbox.retry_later(
            event, reason=reason, after=backoff, give_up_after=self._max_attempts
        )
        telemetry.count_event(event_type, "given_up" if given_up else "failed")
        if given_up:
            logger.error(
                "event %s (team %s) given up after %d attempts: %s", event.event_id, event.team_id,
                event.attempts + 1, reason,
            )  # fmt: skip
        else:
            logger.warning(
                "event %s (team %s) will be tried again in %s", event.event_id, event.team_id, backoff
            )
        return False

    @property
    def _max_attempts(self) -> int:
        return self._deps.settings.inbox_max_attempts

    def _watch_backlog(self) -> None:
        """Say once in the log when the backlog passes INBOX_WARN_BACKLOG, and when it is back under."""
        now = self._deps.clock().timestamp()
        if now - self._last_backlog_check < BACKLOG_CHECK_S:
            return
        self._last_backlog_check = now
        waiting, oldest = self._inbox.depth()
        threshold = self._deps.settings.inbox_warn_backlog
        if waiting >= threshold and not self._warned_backlog:
            age = (self._deps.clock() - oldest).total_seconds() if oldest else 0.0
            logger.warning(
                "inbox backlog: %d events waiting, the oldest for %.0f s (workers cannot keep up: add "
                "INBOX_WORKER_THREADS or run `norms worker`)",
                waiting,
                age,
            )
            self._warned_backlog = True
        elif waiting < threshold // 2 and self._warned_backlog:
            logger.info("inbox backlog back to %d events", waiting)
            self._warned_backlog = False
