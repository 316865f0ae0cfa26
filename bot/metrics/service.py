"""The team's norm metrics, per workspace and channel, from counts only (never message text).

- requests: how many requests were linted, and the share that was complete (ask, deadline, context);
- nudges: tips sent, the share fixed after one, and "Not helpful" reports per rule;
- responses: time to first response against the norm (bot/metrics/responses.py);
- decisions: records made, by status;
- standups: participation (answered of those asked; away people are not counted).
"""

from __future__ import annotations

from collections import Counter, defaultdict
from datetime import date, datetime, timedelta
from typing import Any

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.db import add_to_counts
from bot.metrics.responses import response_report
from models import (
    Decision,
    EntryStatus,
    LintTally,
    NudgeOutcome,
    NudgeRecord,
    Standup,
    StandupEntry,
    StandupRun,
)

WINDOWS_DAYS = (7, 30)
INCOMPLETE_RULES = frozenset({"missing-request", "missing-deadline", "missing-context"})
WORKSPACE = "workspace"


def count_request(*, session: Session, team_id: str, channel_id: str, day: date, complete: bool) -> None:
    """Tally one linted request for the day (an upsert: concurrent events never lose a count)."""
    add_to_counts(
        session,
        LintTally.__table__,  # type: ignore[arg-type]
        {"team_id": team_id, "channel_id": channel_id, "day": day},
        {"requests": 1, "complete": int(complete)},
    )


def _share(part: int, whole: int) -> float | None:
    return round(part / whole, 3) if whole else None


def norm_metrics(*, session: Session, team_id: str, now: datetime, days: int) -> dict[str, Any]:
    """{"workspace": {...}, "channels": {channel: {...}}} for the last `days` days."""
    since = now - timedelta(days=days)
    sections: dict[str, dict[str, Any]] = defaultdict(dict)

    requests: dict[str, Counter[str]] = defaultdict(Counter)
    for tally in session.scalars(
        select(LintTally).where(
            LintTally.team_id == team_id, LintTally.day >= since.date(), LintTally.day <= now.date()
        )
    ):
        for key in (WORKSPACE, tally.channel_id):
            requests[key]["requests"] += tally.requests
            requests[key]["complete"] += tally.complete
    for key, counts in requests.items():
        sections[key]["requests"] = {
            "linted": counts["requests"], "complete": counts["complete"],
            "share_complete": _share(counts["complete"], counts["requests"]),
        }  # fmt: skip

    nudges: dict[str, Counter[str]] = defaultdict(Counter)
    reports: dict[str, Counter[str]] = defaultdict(Counter)
    for record in session.scalars(
        select(NudgeRecord).where(NudgeRecord.team_id == team_id, NudgeRecord.created_at >= since)
    ):
        for key in (WORKSPACE, record.channel_id):
            if record.nudged_at is not None:
                nudges[key]["sent"] += 1
                nudges[key]["fixed"] += record.outcome is NudgeOutcome.FIXED
            for rule in record.reported_rule_ids or []:
                reports[key][rule] += 1
    for key in set(nudges) | set(reports):
        sent, fixed = nudges[key]["sent"], nudges[key]["fixed"]
        sections[key]["nudges"] = {
            "sent": sent, "fixed": fixed, "share_fixed": _share(fixed, sent),
            "not_helpful_reports": dict(sorted(reports[key].items())),
        }  # fmt: skip

    report = response_report(session=session, team_id=team_id, now=now, days=days)
    sections[WORKSPACE]["responses"] = report.workspace.as_dict()
    for channel, metrics in report.channels.items():
        sections[channel]["responses"] = metrics.as_dict()

    decisions: dict[str, Counter[str]] = defaultdict(Counter)
    for decision_status, decision_channel in session.execute(
        select(Decision.status, Decision.channel_id).where(
            Decision.team_id == team_id, Decision.created_at >= since
        )
    ):
        for key in (WORKSPACE, decision_channel) if decision_channel else (WORKSPACE,):
            decisions[key][decision_status.value] += 1
    for key, counts in decisions.items():
        sections[key]["decisions"] = {
            "recorded": sum(counts.values()),
            "by_status": dict(sorted(counts.items())),
        }

    standups: dict[str, Counter[str]] = defaultdict(Counter)
    for entry_status, channel in session.execute(
        select(StandupEntry.status, Standup.channel_id)
        .join(StandupRun, StandupRun.id == StandupEntry.run_id)
        .join(Standup, Standup.id == StandupRun.standup_id)
        .where(StandupEntry.team_id == team_id, StandupRun.run_date >= since.date())
    ):
        for key in (WORKSPACE, channel):
            standups[key][entry_status.value] += 1
    for key, counts in standups.items():
        asked = counts[EntryStatus.ANSWERED.value] + counts[EntryStatus.PROMPTED.value]
        answered = counts[EntryStatus.ANSWERED.value]
        sections[key]["standups"] = {
            "asked": asked, "answered": answered, "away": counts[EntryStatus.AWAY.value],
            "participation": _share(answered, asked),
        }  # fmt: skip

    workspace = sections.pop(WORKSPACE, {})
    return {"workspace": workspace, "channels": dict(sorted(sections.items()))}


def metrics_windows(*, session: Session, team_id: str, now: datetime) -> dict[str, Any]:
    return {
        str(days): norm_metrics(session=session, team_id=team_id, now=now, days=days) for days in WINDOWS_DAYS
    }


def metric_lines(sections: dict[str, Any]) -> list[str]:
    """One readable line per kind of metric present (also used by App Home)."""
    lines = []
    if requests := sections.get("requests"):
        lines.append(
            f"requests: {requests['linted']} linted, {_percent(requests['share_complete'])} complete"
        )
    if nudges := sections.get("nudges"):
        reports = (
            ", ".join(f"{rule} {count}" for rule, count in nudges["not_helpful_reports"].items()) or "none"
        )
        lines.append(
            f"tips: {nudges['sent']} sent, {_percent(nudges['share_fixed'])} fixed after one; "
            f"'not helpful' reports: {reports}"
        )
    if responses := sections.get("responses"):
        if responses["asks"]:
            median, p90 = _hours(responses["median_response_hours"]), _hours(responses["p90_response_hours"])
            lines.append(
                f"responses: {responses['asks']} asks, {responses['answered']} answered, "
                f"{_percent(responses['share_within_norm'])} within the norm; "
                f"first response median {median}, "
                f"p90 {p90} (norm median {_hours(responses['median_norm_hours'])}); "
                f"{responses['open_overdue']} open past the norm"
            )
        else:
            lines.append("responses: no asks tracked")
    if decisions := sections.get("decisions"):
        statuses = ", ".join(f"{count} {status}" for status, count in decisions["by_status"].items())
        lines.append(f"decisions: {decisions['recorded']} recorded ({statuses})")
    if standups := sections.get("standups"):
        lines.append(
            f"standups: {standups['answered']} of {standups['asked']} asked answered "
            f"({_percent(standups['participation'])}), {standups['away']} away"
        )
    return lines


def _percent(share: float | None) -> str:
    return "-" if share is None else f"{share:.0%}"


def _hours(hours: float | None) -> str:
    return "-" if hours is None else f"{hours:.1f}h"
