"""`norms metrics --team T [--json]`: the workspace's norm metrics for the last 7 and 30 days."""

from __future__ import annotations

import json
from typing import Any

from bot.db import create_db_engine, create_session_factory
from bot.deps import Clock, utc_now
from bot.response_metrics import ResponseReport, response_report
from bot.settings import Settings

WINDOWS_DAYS = (7, 30)


def metrics_document(settings: Settings, *, team_id: str, clock: Clock = utc_now) -> dict[str, Any]:
    """Everything `norms metrics` reports, as plain JSON-ready values (counts and durations only)."""
    engine = create_db_engine(settings.database_url)
    try:
        with create_session_factory(engine)() as session:
            now = clock()
            reports = [
                response_report(session=session, team_id=team_id, now=now, days=days) for days in WINDOWS_DAYS
            ]
    finally:
        engine.dispose()
    return {
        "team_id": team_id,
        "generated_at": now.isoformat(),
        "windows": {str(report.days): {"responses": _responses(report)} for report in reports},
    }


def _responses(report: ResponseReport) -> dict[str, Any]:
    return {
        "workspace": report.workspace.as_dict(),
        "channels": {channel: metrics.as_dict() for channel, metrics in report.channels.items()},
    }


def print_metrics(settings: Settings, *, team_id: str, as_json: bool) -> int:
    document = metrics_document(settings, team_id=team_id)
    if as_json:
        print(json.dumps(document, indent=2, sort_keys=True))
        return 0
    print(f"Norm metrics for workspace {team_id}")
    for days, window in document["windows"].items():
        responses = window["responses"]
        print(f"\nLast {days} days: response times")
        print(f"  workspace  {_line(responses['workspace'])}")
        for channel, metrics in responses["channels"].items():
            print(f"  {channel:<10} {_line(metrics)}")
    return 0


def _line(metrics: dict[str, Any]) -> str:
    if not metrics["asks"]:
        return "no asks tracked"
    share = metrics["share_within_norm"]
    within = f"{share:.0%} within the norm" if share is not None else "none due yet"
    return (
        f"{metrics['asks']} asks, {metrics['answered']} answered, {within}; first response median "
        f"{_h(metrics['median_response_hours'])}, p90 {_h(metrics['p90_response_hours'])} "
        f"(norm median {_h(metrics['median_norm_hours'])}); {metrics['open_overdue']} open past the norm"
    )


def _h(hours: float | None) -> str:
    return "-" if hours is None else f"{hours:.1f}h"
