"""Linter throughput on one core, against dateparser.search_dates on the same messages.

Run: .venv/bin/python benchmarks/lint_speed.py [--seconds 5]

Messages: the labelled set (tests/data) and, when ../shared/eval is present, the Gitter developer
chat, each under 60 words ("typical"). Memoised work is cleared between passes, so every pass
lints every message from scratch. The target is 20,000 messages per second for `lint()`.
"""

from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
import warnings
from datetime import UTC, datetime
from pathlib import Path
from zoneinfo import ZoneInfo

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.lint import clear_caches, lint  # noqa: E402
from bot.lint.native import build_in_use  # noqa: E402
from tests.support.lint_corpora import gitter_messages, labelled_rows  # noqa: E402

TARGET = 20_000
TYPICAL_WORDS = 60


def typical_messages() -> list[tuple[str, datetime, ZoneInfo]]:
    messages = []
    for row in labelled_rows():
        messages.append((row["text"], datetime.fromisoformat(row["now"]), ZoneInfo(row["tz"])))
    gitter_now = datetime(2016, 11, 23, 12, tzinfo=UTC)
    messages += [(text, gitter_now, ZoneInfo("UTC")) for text in gitter_messages()]
    return [message for message in messages if len(message[0].split()) < TYPICAL_WORDS]


def rate(work: list[tuple[str, datetime, ZoneInfo]], seconds: float, *, with_request: bool) -> float:
    """Messages per second: the median over passes of the whole set (each from a cold cache), so a
    pause elsewhere on the machine during one pass does not move the figure."""
    pass_rates: list[float] = []
    started = time.perf_counter()
    while time.perf_counter() - started < seconds or len(pass_rates) < 3:
        clear_caches()
        pass_started = time.perf_counter()
        for text, now, tz in work:
            result = lint(text, now=now, tz=tz)
            if with_request:
                _ = result.is_request
        pass_rates.append(len(work) / (time.perf_counter() - pass_started))
    return statistics.median(pass_rates)


def dateparser_rate(work: list[tuple[str, datetime, ZoneInfo]], seconds: float) -> float:
    from dateparser.search import search_dates

    warnings.filterwarnings("ignore")
    done, started = 0, time.perf_counter()
    for text, _now, _tz in work:
        search_dates(text, languages=["en"])
        done += 1
        if time.perf_counter() - started > seconds:
            break
    return done / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--seconds", type=float, default=5.0, help="how long to measure each side")
    args = parser.parse_args()
    if hasattr(os, "sched_setaffinity"):
        os.sched_setaffinity(0, {min(os.sched_getaffinity(0))})  # one core
    work = typical_messages()
    words = sum(len(text.split()) for text, _, _ in work) / len(work)
    lint(*work[0][:1], now=work[0][1], tz=work[0][2])  # warm up: compile patterns, load the model
    lint_rate = rate(work, args.seconds, with_request=False)
    full_rate = rate(work, args.seconds, with_request=True)
    reference = dateparser_rate(work, args.seconds)
    print(f"linter build: {build_in_use()}")
    print(f"messages: {len(work)} typical (under {TYPICAL_WORDS} words, {words:.1f} on average), one core")
    print(f"lint() findings, deadline, urgency : {lint_rate:10,.0f} messages/s  (target {TARGET:,})")
    print(f"lint() plus is_request (CLI output): {full_rate:10,.0f} messages/s")
    print(f"dateparser.search_dates (reference): {reference:10,.0f} messages/s")
    print(f"ratio lint / dateparser            : {lint_rate / reference:10.1f}x")
    print(f"target met: {'yes' if lint_rate >= TARGET else 'NO'}")


if __name__ == "__main__":
    main()
