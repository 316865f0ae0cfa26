"""`norms lint`: the command-line contract other tools rely on."""

from __future__ import annotations

import io
import json
import subprocess

import pytest

from bot.lint.cli import lint_json_line, run_json_lines
from tests.support.bot_process import NORMS_SCRIPT, clean_environment


def run_norms(*args: str, stdin: str = "") -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(NORMS_SCRIPT), "lint", *args],
        check=False,
        input=stdin,
        capture_output=True,
        text=True,
        env=clean_environment(),
        timeout=60,
    )


def test_json_output_has_exactly_the_contract_fields() -> None:
    line = json.dumps({"text": "thoughts?", "tz": "America/New_York", "now": "2026-03-11T10:00:00-04:00"})
    result = lint_json_line(line)
    assert set(result) == {
        "rules", "findings", "is_request", "urgency", "deadline", "asks_for_work", "act", "addressee"
    }  # fmt: skip
    assert result["rules"] == ["missing-context", "missing-deadline"]
    assert set(result["findings"][0]) == {"rule", "severity", "message", "suggestion", "confidence"}
    assert 0 < result["findings"][0]["confidence"] <= 1
    assert result["is_request"] is True
    assert result["asks_for_work"] is True and result["act"] == "ask-review"
    assert result["addressee"] == "nobody"
    assert result["urgency"] == "normal"
    assert result["deadline"] is None


def test_json_deadline_is_iso_8601_with_the_authors_offset() -> None:
    line = json.dumps({"text": "can you send the deck by Thursday 3pm? the board meets Friday", "tz": "Asia/Tokyo",
                       "now": "2026-03-09T09:00:00+09:00"})  # fmt: skip
    assert lint_json_line(line)["deadline"] == "2026-03-12T15:00:00+09:00"


def test_defaults_are_utc_and_the_current_time() -> None:
    result = lint_json_line(json.dumps({"text": "by 5pm please review the doc"}))
    assert result["deadline"] is not None
    assert result["deadline"].endswith("+00:00")


@pytest.mark.parametrize(
    ("line", "problem"),
    [
        ("not json", "not JSON"),
        ("[1, 2]", "JSON object"),
        ('{"tz": "UTC"}', "'text' must be a string"),
        ('{"text": 5}', "'text' must be a string"),
        ('{"text": "hi", "tz": "Mars/Base"}', "unknown time zone"),
        ('{"text": "hi", "now": "yesterday-ish"}', "ISO-8601"),
        ("", "empty line"),
    ],
)
def test_malformed_lines_get_an_error_object(line: str, problem: str) -> None:
    result = lint_json_line(line)
    assert list(result) == ["error"]
    assert problem in result["error"]


def test_processing_continues_after_a_bad_line_and_keeps_the_order() -> None:
    lines = ['{"text": "hi"}', "garbage", '{"text": "lgtm"}']
    output = io.StringIO()
    run_json_lines(iter(line + "\n" for line in lines), output)
    results = [json.loads(line) for line in output.getvalue().splitlines()]
    assert len(results) == 3
    assert results[0]["rules"] == ["bare-greeting"]
    assert "error" in results[1]
    assert results[2]["rules"] == []


def test_the_installed_command_reads_json_lines_from_stdin() -> None:
    completed = run_norms("--json", stdin='{"text": "ping"}\n{"text": "ok thanks"}\n')
    assert completed.returncode == 0, completed.stderr
    assert [json.loads(line)["rules"] for line in completed.stdout.splitlines()] == [["bare-greeting"], []]


def test_the_human_readable_form_names_findings_and_the_deadline() -> None:
    completed = run_norms(
        "<@U2> can you review the RFC by Friday?",
        "--tz",
        "Europe/Berlin",
        "--now",
        "2026-03-11T10:00:00+01:00",
    )
    assert completed.returncode == 0, completed.stderr
    assert "missing-context (nudge)" in completed.stdout
    assert "deadline: Fri 13 Mar, 17:00 CET (2026-03-13T17:00:00+01:00)" in completed.stdout
    assert "request: yes" in completed.stdout


def test_a_bad_zone_on_the_command_line_is_a_clear_error() -> None:
    completed = run_norms("hello", "--tz", "Nowhere/Land")
    assert completed.returncode == 2
    assert "unknown time zone" in completed.stderr
    assert "Traceback" not in completed.stderr


def test_a_reader_that_stops_early_ends_the_run_quietly() -> None:
    """`norms lint --json < big.jsonl | head -1`: the closed pipe ends the run without a traceback."""
    # (input small enough for the pipe's buffer, output far larger than it)
    lines = "".join(json.dumps({"text": f"can you review deck {index}?"}) + "\n" for index in range(1000))
    process = subprocess.Popen(
        [str(NORMS_SCRIPT), "lint", "--json"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        env=clean_environment(),
    )
    assert process.stdin is not None and process.stdout is not None and process.stderr is not None
    process.stdin.write(lines.encode())
    process.stdin.close()
    first = process.stdout.readline()
    process.stdout.close()  # the reader goes away after one line
    errors = process.stderr.read().decode()
    assert process.wait(timeout=60) == 0
    assert json.loads(first)["rules"]
    assert "Traceback" not in errors and "BrokenPipe" not in errors
