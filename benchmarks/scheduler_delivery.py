"""Scheduler delivery throughput and tick cost, on SQLite and PostgreSQL.

Run: .venv/bin/python benchmarks/scheduler_delivery.py [--items 10000] [--channels 500] [--postgres-url URL]

For each database: 10,000 due items across 500 channels are delivered to a local Slack Web API
stand-in by in-process ticks with the production pacing (about one message per second per channel,
channels in parallel); then 100,000 pending items due tomorrow are added and one tick is timed.
References: the pacing ceiling (channels x 1 message/s) for throughput, and the 15 s tick interval
for the tick. PostgreSQL uses --postgres-url, else NORMS_TEST_POSTGRES_URL (./scripts/test starts
one); without either it is left out, with a message.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime, timedelta
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from sqlalchemy import insert  # noqa: E402

from bot.core.db import create_db_engine  # noqa: E402
from bot.core.deps import build_deps  # noqa: E402
from bot.core.settings import load_settings  # noqa: E402
from bot.scheduling.scheduler import Scheduler  # noqa: E402
from bot.slack.tokens import SingleWorkspaceTokens  # noqa: E402
from models import ItemState, ScheduledItem  # noqa: E402
from tests.support.databases import create_postgres_database, drop_postgres_database, migrate  # noqa: E402
from tests.support.slack_requests import BOT_TOKEN, SIGNING_SECRET  # noqa: E402
from tests.support.slack_stand_in import SlackStandIn  # noqa: E402

TICK_INTERVAL_S = 15.0


def rows(count: int, *, channels: int, due: datetime, prefix: str) -> list[dict[str, object]]:
    fixed = {"team_id": "T0BENCH01", "kind": "bench", "due_at": due, "available_at": due,
             "grace_seconds": 86_400, "state": ItemState.PENDING, "attempts": 0,
             "created_at": due}  # fmt: skip
    return [
        {**fixed, "occurrence_key": f"{prefix}-{index}", "channel_id": f"C{index % channels:05d}",
         "payload": f'{{"text": "{prefix} {index}"}}'}
        for index in range(count)
    ]  # fmt: skip


def measure(name: str, database_url: str, args: argparse.Namespace) -> None:
    migrate(database_url)
    engine = create_db_engine(database_url)
    now = datetime.now(UTC)
    with SlackStandIn() as slack, engine.begin() as connection:
        connection.execute(
            insert(ScheduledItem), rows(args.items, channels=args.channels, due=now, prefix="due")
        )
    with SlackStandIn() as slack:
        settings = load_settings(
            _env_file=None, slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET,
            slack_api_url=slack.api_url, scheduler_batch_size=args.batch, scheduler_workers=args.workers,
        )  # fmt: skip
        scheduler = Scheduler(build_deps(settings, engine=engine), tokens=SingleWorkspaceTokens(BOT_TOKEN))
        started = time.perf_counter()
        sent = 0
        while sent < args.items:
            result = scheduler.tick()
            sent += result.report.sent
            if result.claimed == 0:
                time.sleep(0.05)
        elapsed = time.perf_counter() - started
        with engine.begin() as connection:
            connection.execute(
                insert(ScheduledItem),
                rows(100_000, channels=args.channels, due=now + timedelta(days=1), prefix="future"),
            )
        tick_started = time.perf_counter()
        idle = scheduler.tick()
        tick_ms = (time.perf_counter() - tick_started) * 1000
    engine.dispose()
    ceiling = float(args.channels)  # one message per second per channel
    rate = args.items / elapsed
    print(f"{name}: delivered {args.items} items to {args.channels} channels in {elapsed:.1f} s "
          f"= {rate:,.0f} items/s")  # fmt: skip
    print(f"{name}:   ratio to the pacing ceiling ({args.channels} channels x 1/s): {rate / ceiling:.2f}")
    print(f"{name}: one tick with 100,000 pending future items: {tick_ms:.1f} ms ({idle.claimed} claimed); "
          f"ratio to the {TICK_INTERVAL_S:.0f} s tick interval: "
          f"{tick_ms / 1000 / TICK_INTERVAL_S:.4f}")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--items", type=int, default=10_000)
    parser.add_argument("--channels", type=int, default=500)
    parser.add_argument("--batch", type=int, default=1000, help="items claimed per tick")
    parser.add_argument("--workers", type=int, default=32, help="channels delivered in parallel")
    parser.add_argument("--postgres-url", default=os.environ.get("NORMS_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir:
        measure("SQLite", f"sqlite:///{workdir}/bench.sqlite3", args)
    if not args.postgres_url:
        print("PostgreSQL: left out (give --postgres-url, or run with NORMS_TEST_POSTGRES_URL set)")
        return
    database_url = create_postgres_database(args.postgres_url)
    try:
        measure("PostgreSQL", database_url, args)
    finally:
        drop_postgres_database(args.postgres_url, database_url)


if __name__ == "__main__":
    main()
