"""`norms metrics --team T [--json]`: the workspace's norm metrics for the last 7 and 30 days."""

from __future__ import annotations

import json
from typing import Any

from bot.core.db import create_db_engine, create_session_factory
from bot.core.deps import Clock, utc_now
from bot.core.settings import Settings
from bot.metrics.service import metric_lines, metrics_windows


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
