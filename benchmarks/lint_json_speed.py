"""`norms lint --json` throughput on one core: the whole path (JSON in, lint with is_request,
asks_for_work and act, JSON out), against the same messages through `json.loads`/`json.dumps` alone.

Run: .venv/bin/python benchmarks/lint_json_speed.py [--seconds 5]

Messages: short chat messages (under 60 words) from the labelled set and, when ../shared/eval is
present, the Gitter chat. Memoised work is cleared between passes. The target is 10,000 messages a
second; the ratio printed is that rate over the target. Passes of the reference (each line through
`json.loads` and `json.dumps` of an object of the same shape) alternate with the linter's, so the
cost printed as a multiple of the reference moves less with the machine than the rate does.
"""

from __future__ import annotations

import argparse
import io
import json
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.lint import clear_caches  # noqa: E402
from bot.lint.cli import run_json_lines  # noqa: E402
from bot.lint.native import build_in_use  # noqa: E402
from tests.support.lint_corpora import gitter_messages, labelled_rows  # noqa: E402

TARGET = 10_000
TYPICAL_WORDS = 60


def input_lines() -> list[str]:
    rows = [{"text": row["text"], "tz": row["tz"], "now": row["now"]} for row in labelled_rows()]
    rows += [{"text": text, "now": "2016-11-23T12:00:00+00:00"} for text in gitter_messages()]
    return [json.dumps(row) + "\n" for row in rows if len(str(row["text"]).split()) < TYPICAL_WORDS]


def one_pass(lines: list[str]) -> float:
    clear_caches()
    output = io.StringIO()
    started = time.perf_counter()
    run_json_lines(lines, output)
    return len(lines) / (time.perf_counter() - started)


_REFERENCE_RESULT = {
    "rules": [],
    "findings": [],
    "is_request": False,
    "asks_for_work": False,
    "act": "statement",
    "addressee": "nobody",
    "urgency": "normal",
    "deadline": None,
}


def reference_pass(lines: list[str]) -> float:
    """The JSON alone: each line read, and an object of the output's shape written."""
    output = io.StringIO()
    started = time.perf_counter()
    for line in lines:
        message = json.loads(line)
        output.write(json.dumps({**_REFERENCE_RESULT, "text_length": len(message["text"])}) + "\n")
    return len(lines) / (time.perf_counter() - started)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--seconds", type=float, default=5.0)
    args = parser.parse_args()
    lines = input_lines()
    one_pass(lines[:200])  # warm-up: imports, compiled patterns, the model's weights
    rates: list[float] = []
    references: list[float] = []
    deadline = time.monotonic() + args.seconds
    while time.monotonic() < deadline or len(rates) < 3:
        rates.append(one_pass(lines))
        references.append(reference_pass(lines))
    rate, reference = statistics.median(rates), statistics.median(references)
    print(f"linter build: {build_in_use()}")
    print(f"norms lint --json: {rate:,.0f} messages/s over {len(lines):,} short messages", end="")
    print(f" ({len(rates)} passes)")
    print(f"reference, JSON in and out alone: {reference:,.0f} messages/s", end="")
    print(f" (the linter costs {reference / rate:.1f}x as much)")
    print(f"target {TARGET:,}/s: ratio {rate / TARGET:.2f}")


if __name__ == "__main__":
    main()
