"""Response metrics from tracked asks: time to first response against the norm. Counts only, no text."""

from __future__ import annotations

import math
from collections import defaultdict
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from datetime import datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from models import AskState, TrackedAsk


def percentile(values: Sequence[float], share: float) -> float | None:
    """The nearest-rank percentile (share in 0..1) of the values, or None when there are none."""
    if not values:
        return None
    ordered = sorted(values)
    return ordered[max(0, math.ceil(share * len(ordered)) - 1)]


@dataclass(frozen=True)
class ResponseMetrics:
    asks: int
    answered: int
    answered_within_norm: int
    open_overdue: int
    median_response_hours: float | None
    p90_response_hours: float | None
    median_norm_hours: float | None  # the time the norm allowed those asks, for comparison

    @property
    def share_within_norm(self) -> float | None:
        """Of the asks whose norm has run out (or that were answered), the share answered in time."""
        decided = self.answered + self.open_overdue
        return round(self.answered_within_norm / decided, 3) if decided else None

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "share_within_norm": self.share_within_norm}


def _hours(span: timedelta) -> float:
    return round(span.total_seconds() / 3600, 2)


def summarise(asks: Sequence[TrackedAsk], *, now: datetime) -> ResponseMetrics:
    responses = [_hours(a.first_response_at - a.asked_at) for a in asks if a.first_response_at is not None]
    allowed = [_hours(a.norm_due_at - a.asked_at) for a in asks]
    return ResponseMetrics(
        asks=len(asks),
        answered=len(responses),
        answered_within_norm=sum(
            1 for a in asks if a.first_response_at is not None and a.first_response_at <= a.norm_due_at
        ),
        open_overdue=sum(
            1
            for a in asks
            if a.first_response_at is None and a.state is AskState.OPEN and a.norm_due_at < now
        ),
        median_response_hours=percentile(responses, 0.5),
        p90_response_hours=percentile(responses, 0.9),
        median_norm_hours=percentile(allowed, 0.5),
    )


@dataclass(frozen=True)
class ResponseReport:
    days: int
    workspace: ResponseMetrics
    channels: dict[str, ResponseMetrics]


def response_report(*, session: Session, team_id: str, now: datetime, days: int) -> ResponseReport:
    """Asks made in the last `days` days, for the workspace and per channel (cancelled asks left out)."""
    asks = list(
        session.scalars(
            select(TrackedAsk).where(
                TrackedAsk.team_id == team_id,
                TrackedAsk.asked_at >= now - timedelta(days=days),
                TrackedAsk.asked_at <= now,
                TrackedAsk.state != AskState.CANCELLED,
            )
        )
    )
    by_channel: dict[str, list[TrackedAsk]] = defaultdict(list)
    for ask in asks:
        by_channel[ask.channel_id].append(ask)
    return ResponseReport(
        days=days,
        workspace=summarise(asks, now=now),
        channels={channel: summarise(items, now=now) for channel, items in sorted(by_channel.items())},
    )
