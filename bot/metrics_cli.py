"""`norms metrics --team T [--json]`: the workspace's norm metrics for the last 7 and 30 days."""

from __future__ import annotations

import json
from typing import Any

from bot.db import create_db_engine, create_session_factory
from bot.deps import Clock, utc_now
from bot.norm_metrics import metrics_windows
from bot.settings import Settings


def metrics_document(settings: Settings, *, team_id: str, clock: Clock = utc_now) -> dict[str, Any]:
    """Everything `norms metrics` reports, as plain JSON-ready values (counts and durations only)."""
    engine = create_db_engine(settings.database_url)
    try:
        with create_session_factory(engine)() as session:
            now = clock()
            windows = metrics_windows(session=session, team_id=team_id, now=now)
    finally:
        engine.dispose()
    return {"team_id": team_id, "generated_at": now.isoformat(), "windows": windows}


def print_metrics(settings: Settings, *, team_id: str, as_json: bool) -> int:
    document = metrics_document(settings, team_id=team_id)
    if as_json:
        print(json.dumps(document, indent=2, sort_keys=True))
        return 0
    print(f"Norm metrics for workspace {team_id}")
    for days, window in document["windows"].items():
        print(f"\nLast {days} days")
        for line in metric_lines(window["workspace"]):
            print(f"  {line}")
        for channel, sections in window["channels"].items():
            print(f"  {channel}")
            for line in metric_lines(sections):
                print(f"    {line}")
    return 0


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
