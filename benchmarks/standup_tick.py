"""The cost of the standup materialiser in a scheduler tick, against the 15 s tick interval.

Run: .venv/bin/python benchmarks/standup_tick.py [--standups 200] [--people 8] [--postgres-url URL]

Sets up N standups of M people spread over four time zones, then times three ticks: one that
prompts a zone's people, one just after (everything already prompted: the common, quiet tick),
and one that posts N digests. Reference: the default tick interval (SCHEDULER_TICK_SECONDS, 15 s);
a tick must take a small fraction of it. PostgreSQL uses --postgres-url or NORMS_TEST_POSTGRES_URL.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import time
from datetime import UTC, datetime
from datetime import time as clock
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.core.db import create_db_engine, create_session_factory  # noqa: E402
from bot.people import settings_store  # noqa: E402
from bot.people.settings_store import PersonFacts  # noqa: E402
from bot.standups import service as standups  # noqa: E402
from bot.standups.blocks import DEFAULT_QUESTIONS, StandupConfig  # noqa: E402
from bot.standups.scheduled import standup_work  # noqa: E402
from tests.support.databases import create_postgres_database, drop_postgres_database, migrate  # noqa: E402

TICK_INTERVAL_S = 15.0
ZONES = ("America/New_York", "Europe/Berlin", "Asia/Tokyo", "Asia/Kolkata")
SETUP_AT = datetime(2027, 1, 1, tzinfo=UTC)
TICKS = (
    ("prompts Berlin (09:31 local)", datetime(2027, 1, 11, 8, 31, tzinfo=UTC)),
    ("quiet: all of them prompted", datetime(2027, 1, 11, 8, 40, tzinfo=UTC)),
    ("digests (3 h after the last prompt)", datetime(2027, 1, 11, 17, 31, tzinfo=UTC)),
)


def run(database_url: str, *, standup_count: int, people: int) -> None:
    migrate(database_url)
    engine = create_db_engine(database_url)
    sessions = create_session_factory(engine)
    try:
        with sessions.begin() as session:
            for number in range(standup_count):
                members = [f"U{number:04d}{person:02d}" for person in range(people)]
                for index, member in enumerate(members):
                    facts = PersonFacts(tz=ZONES[index % len(ZONES)], is_admin=False, is_bot=False)
                    settings_store.remember_facts(
                        session=session, team_id="T1", user_id=member, facts=facts, now=SETUP_AT
                    )
                config = StandupConfig(
                    days=[0, 1, 2, 3, 4],
                    prompt_time=clock(9, 30),
                    participants=members,
                    questions=list(DEFAULT_QUESTIONS),
                    digest_after_hours=3,
                )
                standups.configure(
                    session=session,
                    team_id="T1",
                    channel_id=f"C{number:06d}",
                    config=config,
                    user_id=members[0],
                    now=SETUP_AT,
                )
        # Everyone in the earlier zones is asked first, so the timed ticks see a realistic state.
        for warm_up in (datetime(2027, 1, 11, 0, 31, tzinfo=UTC), datetime(2027, 1, 11, 4, 1, tzinfo=UTC)):
            with sessions.begin() as session:
                standup_work(session, warm_up)
        for label, at in TICKS:
            started = time.perf_counter()
            with sessions.begin() as session:
                added = standup_work(session, at)
            elapsed = time.perf_counter() - started
            print(
                f"  {label:<38} {elapsed * 1000:8.0f} ms, {added:5d} items   "
                f"ratio to the {TICK_INTERVAL_S:.0f} s tick: {elapsed / TICK_INTERVAL_S:.3f}"
            )
    finally:
        engine.dispose()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--standups", type=int, default=200)
    parser.add_argument("--people", type=int, default=8)
    parser.add_argument("--postgres-url", default=os.environ.get("NORMS_TEST_POSTGRES_URL"))
    args = parser.parse_args()
    print(f"{args.standups} standups x {args.people} people, four time zones")
    with tempfile.TemporaryDirectory() as folder:
        print("SQLite")
        run(f"sqlite:///{Path(folder) / 'standups.sqlite3'}", standup_count=args.standups, people=args.people)
    if not args.postgres_url:
        print("PostgreSQL: left out (give --postgres-url or NORMS_TEST_POSTGRES_URL)")
        return
    database_url = create_postgres_database(args.postgres_url)
    try:
        print("PostgreSQL")
        run(database_url, standup_count=args.standups, people=args.people)
    finally:
        drop_postgres_database(args.postgres_url, database_url)


if __name__ == "__main__":
    main()
