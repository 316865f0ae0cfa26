"""Linter cost in CPU instructions per message, counted by valgrind (repeatable, unlike seconds).

Run: .venv/bin/python benchmarks/lint_instructions.py [--reference-messages 300]

Timings move with whatever else the machine is doing; instruction counts do not (the same code
and inputs give the same count to within a fraction of a percent). This is the measure to compare
two versions of the linter by. It counts one pass of `lint()` over the typical messages of
benchmarks/lint_speed.py (from cold caches), minus the same run that lints nothing; one pass of the
whole `norms lint --json` path (JSON in, is_request, act and addressee included, JSON out) over the
lines of benchmarks/lint_json_speed.py, counted the same way; and `dateparser.search_dates` on the
first few hundred messages as the reference. Needs valgrind (Debian's package); takes a few minutes.
"""

from __future__ import annotations

import argparse
import re
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.lint.native import build_in_use  # noqa: E402  (the counted runs are child processes)

_ONE_PASS = """
import sys, warnings
sys.path.insert(0, {root!r})
sys.path.insert(0, {benchmarks!r})
from lint_speed import typical_messages
from bot.lint import clear_caches, lint
work = typical_messages()[: {limit}]
lint(work[0][0], now=work[0][1], tz=work[0][2])
if {reference}:
    warnings.filterwarnings("ignore")
    from dateparser.search import search_dates
    search_dates("by Friday", languages=["en"])
if {json_path}:
    import io
    from lint_json_speed import input_lines
    from bot.lint.cli import run_json_lines
    work = input_lines()
    run_json_lines(work[:1], io.StringIO())
clear_caches()
if "{mode}" == "run" and {json_path}:
    run_json_lines(work, io.StringIO())
elif "{mode}" == "run":
    for text, now, tz in work:
        if {reference}:
            search_dates(text, languages=["en"])
        else:
            lint(text, now=now, tz=tz)
print(len(work))
"""


def instructions(
    mode: str, *, reference: bool, limit: int | None, json_path: bool = False
) -> tuple[int, int]:
    """(instructions counted, messages) for one run of the script above under callgrind."""
    script = _ONE_PASS.format(
        root=str(ROOT),
        benchmarks=str(ROOT / "benchmarks"),
        limit=limit,
        reference=reference,
        mode=mode,
        json_path=json_path,
    )
    done = subprocess.run(
        ["valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", sys.executable, "-c", script],
        capture_output=True,
        text=True,
        check=True,
    )
    collected = re.search(r"Collected : ([\d,]+)", done.stderr)
    if collected is None:
        raise SystemExit(f"valgrind printed no count:\n{done.stderr[-2000:]}")
    return int(collected.group(1).replace(",", "")), int(done.stdout.strip().splitlines()[-1])


def per_message(*, reference: bool, limit: int | None, json_path: bool = False) -> float:
    counted, messages = instructions("run", reference=reference, limit=limit, json_path=json_path)
    baseline, _ = instructions("none", reference=reference, limit=limit, json_path=json_path)
    return (counted - baseline) / messages


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--reference-messages", type=int, default=300, help="how many messages dateparser reads (it is slow)"
    )
    args = parser.parse_args()
    if shutil.which("valgrind") is None:
        raise SystemExit("valgrind is not installed (Debian: apt-get install valgrind)")
    linted = per_message(reference=False, limit=None)
    whole_path = per_message(reference=False, limit=None, json_path=True)
    reference = per_message(reference=True, limit=args.reference_messages)
    print(f"linter build: {build_in_use()}")
    print(f"lint()                  : {linted:12,.0f} instructions per message")
    print(f"norms lint --json       : {whole_path:12,.0f} instructions per message")
    first = args.reference_messages
    print(f"dateparser.search_dates : {reference:12,.0f} instructions per message (first {first})")
    print(f"ratio dateparser / lint : {reference / linted:12.1f}x")


if __name__ == "__main__":
    main()
