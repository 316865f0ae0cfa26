"""Send claimed items to Slack: paced per channel, channels in parallel, errors classified."""

from __future__ import annotations

import http.client
import logging
import time
import urllib.error
from collections import defaultdict, deque
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError
from sqlalchemy.orm import Session, sessionmaker

from bot.scheduling import outbox
from bot.scheduling.earlier_post import Found, Unfound, find_earlier_post, post_metadata
from bot.scheduling.outbox import ClaimedItem
from bot.slack.client import failure_reason, retry_after
from bot.slack.tokens import TokenSource

logger = logging.getLogger(__name__)

# Errors that cannot succeed however often we try: fail the item with the reason.
PERMANENT_ERRORS = frozenset(
    {
        "channel_not_found", "not_in_channel", "is_archived", "user_not_found", "account_inactive",
        "token_revoked", "invalid_auth", "not_authed", "missing_scope", "no_permission", "msg_too_long",
        "no_text", "invalid_blocks", "invalid_arguments", "restricted_action", "team_access_not_granted",
        "cannot_dm_bot", "user_disabled",
    }
)  # fmt: skip
# The request may have reached Slack and been posted; sending again could post it twice.
UNKNOWN_OUTCOME_ERRORS = (TimeoutError, http.client.RemoteDisconnected, http.client.IncompleteRead)
OUTCOME_UNKNOWN = "Slack did not answer; the message may have been posted"
BASE_BACKOFF = timedelta(seconds=30)
MAX_BACKOFF = timedelta(hours=1)


@dataclass(frozen=True)
class DeliveryPolicy:
    lease: timedelta
    channel_interval_s: float  # about one message per second per channel
    workers: int
    max_attempts: int


@dataclass
class DeliveryReport:
    sent: int = 0
    failed: int = 0
    retried: int = 0
    skipped: int = 0


class Deliverer:
    """Delivers one tick's claimed items; `client_for(token)` builds a Web API client with retry handlers."""

    def __init__(
        self,
        *,
        session_factory: sessionmaker[Session],
        tokens: TokenSource,
        client_for: Callable[[str], WebClient],
        policy: DeliveryPolicy,
        clock: Callable[[], datetime],
    ) -> None:
        self._sessions = session_factory
        self._tokens = tokens
        self._client_for = client_for
        self._policy = policy
        self._clock = clock

    def deliver(self, items: list[ClaimedItem], report: DeliveryReport) -> None:
        """Send in waves: the k-th item of every channel together, waves one pacing interval apart.

        So each channel gets about one message per interval, and all channels go in parallel.
        """
        queues: dict[tuple[str, str], deque[ClaimedItem]] = defaultdict(deque)
        for item in items:
            queues[(item.team_id, item.channel_id)].append(item)
        with ThreadPoolExecutor(
            max_workers=max(1, self._policy.workers), thread_name_prefix="deliver"
        ) as pool:
            while queues:
                wave_started = time.monotonic()
                wave = [queue.popleft() for queue in queues.values()]
                queues = {key: queue for key, queue in queues.items() if queue}
                for outcome in pool.map(self._deliver_safely, wave):
                    if outcome is not None:
                        setattr(report, outcome, getattr(report, outcome) + 1)
                if queues and self._policy.channel_interval_s:
                    time.sleep(max(0.0, self._policy.channel_interval_s - (time.monotonic() - wave_started)))

    def _deliver_safely(self, item: ClaimedItem) -> str | None:
        try:
            return self._deliver_one(item)
        except Exception:  # a bug or a database error must not stop the other items
            logger.exception("delivering item %s (%s) failed unexpectedly", item.id, item.occurrence_key)
            return None

    def _deliver_one(self, item: ClaimedItem) -> str:
        now = self._clock()
        with self._sessions.begin() as session:
            still_ours = outbox.mark_sending(session=session, item=item, now=now, lease=self._policy.lease)
        if not still_ours:
            logger.warning(
                "scheduled %s %s not sent: this instance's claim ran out (another instance may have it)",
                item.kind,
                item.occurrence_key,
            )
            return "skipped"
        token = self._tokens.token_for(item.team_id)
        if token is None:
            return self._fail(item, "no installation or token for this workspace")
        client = self._client_for(token)
        if item.unsure_since is not None:  # an earlier send may have reached Slack: look before sending
            earlier = find_earlier_post(
                client,
                item_id=item.id,
                channel=item.channel_id,
                thread_ts=item.payload.get("thread_ts") or None,
                since=item.unsure_since,
            )
            if isinstance(earlier, Found):
                return self._record_sent(item, earlier.ts)
            if earlier is Unfound.CANNOT_TELL:
                return self._fail(item, f"{OUTCOME_UNKNOWN}, and Slack could not be searched for it")
        if not self._wait_for_the_channel(item):
            return "retried"
        try:
            response = client.chat_postMessage(
                channel=item.channel_id, metadata=post_metadata(item.id), **_message_arguments(item.payload)
            )
        except SlackApiError as error:
            code = failure_reason(error)
            if code in PERMANENT_ERRORS:
                return self._fail(item, code)
            rate_limited = error.response.status_code == 429
            if rate_limited:  # every instance holds back from this channel until Slack's Retry-After
                self._hold_channel(item, seconds=retry_after(error.response))
            return self._retry_or_fail(
                item, code, not_before=retry_after(error.response) if rate_limited else 0.0
            )
        except Exception as error:  # connection errors after the client's own retries
            if _outcome_unknown(error):
                return self._check_later(item, f"{OUTCOME_UNKNOWN} ({type(error).__name__})")
            return self._retry_or_fail(item, type(error).__name__)
        return self._record_sent(item, response.get("ts"))

    def _wait_for_the_channel(self, item: ClaimedItem) -> bool:
        """Keep the channel's pace across instances: wait for this post's slot, or (when the wait would
        hold the claim too long) put the item back until then. False when it was put back."""
        interval = timedelta(seconds=self._policy.channel_interval_s)
        if not interval:
            return True
        now = self._clock()
        with self._sessions.begin() as session:
            slot, reserved = outbox.reserve_slot(
                session=session, team_id=item.team_id, channel_id=item.channel_id, now=now,
                interval=interval, max_wait=self._policy.lease / 4,
            )  # fmt: skip
            if not reserved:
                outbox.put_back(session=session, item=item, at=slot, reason="paced: the channel is busy")
                return False
        wait = (slot - now).total_seconds()
        if wait > 0:
            time.sleep(wait)
        return True

    def _hold_channel(self, item: ClaimedItem, *, seconds: float) -> None:
        with self._sessions.begin() as session:
            outbox.hold_channel(
                session=session, team_id=item.team_id, channel_id=item.channel_id,
                until=self._clock() + timedelta(seconds=seconds),
            )  # fmt: skip

    def _record_sent(self, item: ClaimedItem, message_ts: str | None) -> str:
        with self._sessions.begin() as session:
            recorded = outbox.mark_sent(session=session, item=item, now=self._clock(), message_ts=message_ts)
        if not recorded:
            logger.error("scheduled %s %s was sent after its claim ran out", item.kind, item.occurrence_key)
        return "sent"

    def _check_later(self, item: ClaimedItem, reason: str) -> str:
        """Slack did not answer: after a while, the channel is searched for the post before any resend."""
        check_after = self._policy.lease  # Slack has long finished a post it did not answer by then
        logger.warning(
            "scheduled %s %s: %s; looking for it in %s", item.kind, item.occurrence_key, reason, check_after
        )
        with self._sessions.begin() as session:
            outbox.check_later(session=session, item=item, at=self._clock() + check_after, reason=reason)
        return "retried"

    def _fail(self, item: ClaimedItem, reason: str) -> str:
        logger.error(
            "scheduled %s for team %s, channel %s failed: %s",
            item.kind,
            item.team_id,
            item.channel_id,
            reason,
        )
        with self._sessions.begin() as session:
            outbox.mark_failed(session=session, item=item, reason=reason)
        return "failed"

    def _retry_or_fail(self, item: ClaimedItem, reason: str, not_before: float = 0.0) -> str:
        """Back off (30 s, doubling, at most an hour); after a rate limit, exactly Slack's Retry-After."""
        attempts = item.attempts + 1
        if attempts >= self._policy.max_attempts:
            return self._fail(item, f"gave up after {attempts} attempts: {reason}")
        backoff = (
            timedelta(seconds=not_before)
            if not_before > 0
            else min(MAX_BACKOFF, BASE_BACKOFF * (2 ** (attempts - 1)))
        )
        logger.warning(
            "scheduled %s %s will be retried in %s: %s", item.kind, item.occurrence_key, backoff, reason
        )
        with self._sessions.begin() as session:
            outbox.retry_later(session=session, item=item, at=self._clock() + backoff, reason=reason)
        return "retried"


def _outcome_unknown(error: BaseException) -> bool:
    """A timeout or a dropped connection after the request was sent: posted or not, nobody can tell.

    A refused connection or a failed name lookup never reached Slack, so those are retried.
    """
    if isinstance(error, urllib.error.URLError) and isinstance(error.reason, BaseException):
        error = error.reason
    return isinstance(error, UNKNOWN_OUTCOME_ERRORS)


def _message_arguments(payload: dict[str, Any]) -> dict[str, Any]:
    arguments: dict[str, Any] = {"text": payload.get("text") or ""}
    if payload.get("blocks"):
        arguments["blocks"] = payload["blocks"]
    if payload.get("thread_ts"):
        arguments["thread_ts"] = payload["thread_ts"]
    return arguments
