"""Load: one instance at a steady event rate, then throughput at saturation against a reference.

Run: .venv/bin/python benchmarks/load.py [--rate 50] [--seconds 60] [--saturation-seconds 10] [--rounds 3]
     bash -c 'source scripts/_postgres.sh && start_test_postgres && \
              .venv/bin/python benchmarks/load.py --postgres; stop_test_postgres'   (PostgreSQL)

Starts the real server (`norms serve`, SQLite) against a local Slack Web API stand-in and sends
signed requests with distinct event ids at `--rate` per second for `--seconds` (open loop): a mix of
messages that get a nudge, complete asks, chatter and `/norms help`. Reports errors, lost events
(event ids the server acknowledged but never recorded), acknowledgement latency p50/p99 against the
300 ms target, and the resident memory of the server and of its inbox worker process at start (after
a 500-request warm-up) and end. Then, in `--rounds` alternating rounds, it drives our server and
the reference, a minimal Bolt app that only acknowledges (benchmarks/reference_bolt_app.py) under the
same server, as fast as they answer, and prints our throughput as a ratio to the reference's (each
round's and the median), and how fast the worker process completed each round's work (events done
per second, from the round's first request to its last event done).
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.support.bot_process import BotProcess, start_bot  # noqa: E402
from tests.support.load_driver import (  # noqa: E402
    LoadReport,
    child_pids,
    drive_at_rate,
    drive_flat_out,
    lost_events,
    mixed_request,
    rss_mib,
    seconds_until_done,
)
from tests.support.slack_stand_in import SlackStandIn  # noqa: E402

P99_TARGET_MS = 300.0
SATURATION_CLIENTS = 16


def saturate(bot: BotProcess, seconds: float) -> tuple[LoadReport, LoadReport]:
    """The warm-up second's report, then the measured one's."""
    warm_up = drive_flat_out(bot.base_url, clients=SATURATION_CLIENTS, seconds=1, make=mixed_request)
    return warm_up, drive_flat_out(
        bot.base_url, clients=SATURATION_CLIENTS, seconds=seconds, make=mixed_request
    )


def print_work_completed(reports: list[LoadReport], drained_after: float | None, *, indent: str = "") -> None:
    """How fast the worker process did the events of `reports` (sent back to back), to the last one."""
    events = sum(len(report.event_ids) for report in reports)
    if drained_after is None:
        print(f"{indent}work: {events} events not all done within 10 minutes")
        return
    busy_s = sum(report.elapsed_s for report in reports) + drained_after
    print(
        f"{indent}work completed: {events} events done {drained_after:.1f} s after the last ack, "
        f"{events / busy_s:.0f} events/s sustained"
    )


def throwaway_postgres() -> str:
    from tests.support.databases import create_postgres_database, migrate, postgres_admin_url

    admin_url = postgres_admin_url()
    if admin_url is None:
        raise SystemExit("--postgres needs NORMS_TEST_POSTGRES_URL (see the Run line above)")
    url = create_postgres_database(admin_url)
    migrate(url)
    return url


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--rate", type=float, default=50)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--saturation-seconds", type=float, default=10)
    parser.add_argument("--rounds", type=int, default=3, help="saturation rounds, each ours then reference")
    parser.add_argument(
        "--postgres", action="store_true", help="a throwaway database on NORMS_TEST_POSTGRES_URL's server"
    )
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as workdir, SlackStandIn() as slack:
        for index in range(97):
            slack.add_user(f"ULOAD{index:04d}")
        database_url = throwaway_postgres() if args.postgres else f"sqlite:///{workdir}/load.sqlite3"
        bot = start_bot(
            workdir=Path(workdir),
            database_url=database_url,
            api_url=slack.api_url,
            extra_env={"LOG_LEVEL": "WARNING"},
        )
        reference_bot = start_bot(
            workdir=Path(workdir),
            database_url=database_url,
            api_url=slack.api_url,
            argv=[sys.executable, str(ROOT / "benchmarks/reference_bolt_app.py")],
        )
        try:
            # Warm up until the worker process has seen every person and channel of the mix once.
            warm = drive_at_rate(bot.base_url, per_second=100, seconds=5, make=mixed_request)
            lost_events(database_url, warm, wait_s=60)
            workers = child_pids(bot.process.pid)
            rss_start = rss_mib(bot.process.pid)
            worker_rss_start = sum(rss_mib(pid) for pid in workers)
            steady = drive_at_rate(
                bot.base_url, per_second=args.rate, seconds=args.seconds, make=mixed_request
            )
            lost = lost_events(database_url, steady)
            rss_end = rss_mib(bot.process.pid)
            worker_rss_end = sum(rss_mib(pid) for pid in workers)
            rounds = []
            for _ in range(args.rounds):  # alternating, each after the worker finished the last one's work
                warm_up, ours = saturate(bot, args.saturation_seconds)
                drained_after = seconds_until_done(database_url, ours)
                rounds.append(
                    (warm_up, ours, drained_after, saturate(reference_bot, args.saturation_seconds)[1])
                )
        finally:
            bot.stop()
            reference_bot.stop()
    p50, p99 = steady.percentile(0.50), steady.percentile(0.99)
    backend = "PostgreSQL" if args.postgres else "SQLite"
    print(
        f"steady load ({backend}): {steady.sent} signed requests at {args.rate:g}/s for {args.seconds:g} s,"
        " one instance"
    )
    print(f"errors: {steady.errors}; lost events: {lost} of {len(steady.event_ids)}")
    print(f"ack latency p50 {p50:.1f} ms, p99 {p99:.1f} ms, max {max(steady.latencies_ms):.1f} ms")
    print(f"ratio p99 / 300 ms target: {p99 / P99_TARGET_MS:.3f}")
    print(
        f"memory (RSS): server {rss_start:.1f} MiB at start, {rss_end:.1f} MiB at end "
        f"({rss_end - rss_start:+.1f}); inbox worker process {worker_rss_start:.1f} -> "
        f"{worker_rss_end:.1f} MiB ({worker_rss_end - worker_rss_start:+.1f})"
    )
    print(
        f"saturation, {SATURATION_CLIENTS} clients for {args.saturation_seconds:g} s, {args.rounds} rounds:"
    )
    for number, (warm_up, ours, drained_after, reference) in enumerate(rounds, start=1):
        print(
            f"  round {number}: ours {ours.throughput:.0f} req/s ({ours.errors} errors), reference "
            f"{reference.throughput:.0f} req/s ({reference.errors} errors): ratio "
            f"{ours.throughput / reference.throughput:.2f}; ack p99 ours {ours.percentile(0.99):.1f} ms, "
            f"reference {reference.percentile(0.99):.1f} ms"
        )
        print_work_completed([warm_up, ours], drained_after, indent="    ")
    ratios = [ours.throughput / reference.throughput for _, ours, _, reference in rounds]
    p99_ratios = [ours.percentile(0.99) / reference.percentile(0.99) for _, ours, _, reference in rounds]
    print(
        f"ratio ours / reference (the reference: a Bolt app that only acks), median of {args.rounds}: "
        f"{statistics.median(ratios):.2f}"
    )
    print(f"ack p99 ratio ours / reference, median: {statistics.median(p99_ratios):.2f} (target at most 2)")


if __name__ == "__main__":
    main()
