"""`norms lint`: the linter on the command line (a contract other tools rely on; keep it stable)."""

from __future__ import annotations

import json
import os
import sys
from collections.abc import Iterable
from datetime import UTC, datetime, tzinfo
from typing import Any, TextIO
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from bot.lint import LintResult, format_deadline, lint

USAGE = 'usage: norms lint "TEXT" [--tz ZONE] [--now ISO-8601]  or  norms lint --json < messages.jsonl'


class LintInputError(ValueError):
    """A line or argument the linter cannot use; the message says why."""


def parse_zone(name: str) -> tzinfo:
    try:
        return ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError) as error:
        raise LintInputError(f"unknown time zone {name!r} (use an IANA name like Europe/Berlin)") from error


def parse_now(value: str | None, tz: tzinfo) -> datetime:
    """An ISO-8601 time; one without an offset is read in the author's zone."""
    if value is None:
        return datetime.now(UTC)
    try:
        parsed = datetime.fromisoformat(value)
    except ValueError as error:
        raise LintInputError(f"'now' is not an ISO-8601 time: {value!r}") from error
    return parsed if parsed.tzinfo is not None else parsed.replace(tzinfo=tz)


def result_as_json(result: LintResult) -> dict[str, Any]:
    return {
        "rules": result.rules,
        "findings": [
            {
                "rule": finding.rule.value,
                "severity": finding.severity.value,
                "message": finding.message,
                "suggestion": finding.suggestion,
                "confidence": finding.confidence,
            }
            for finding in result.findings
        ],
        "is_request": result.is_request,
        "asks_for_work": result.asks_for_work,
        "act": result.act.value,
        "addressee": result.addressee.value,
        "urgency": result.urgency.value,
        "deadline": result.deadline.isoformat() if result.deadline is not None else None,
    }


def lint_json_line(line: str) -> dict[str, Any]:
    """One input line of `norms lint --json` to its output object (an error object for bad input)."""
    if not line.strip():
        return {"error": "empty line: expected a JSON object with a 'text' field"}
    try:
        message = json.loads(line)
    except json.JSONDecodeError as error:
        return {"error": f"not JSON: {error.msg} at column {error.colno}"}
    if not isinstance(message, dict):
        return {"error": "each line must be a JSON object with a 'text' field"}
    text = message.get("text")
    if not isinstance(text, str):
        return {"error": "'text' must be a string"}
    try:
        tz_name = message.get("tz", "UTC")
        if not isinstance(tz_name, str):
            raise LintInputError("'tz' must be an IANA time-zone name")
        tz = parse_zone(tz_name)
        now_value = message.get("now")
        if now_value is not None and not isinstance(now_value, str):
            raise LintInputError("'now' must be an ISO-8601 string")
        now = parse_now(now_value, tz)
    except LintInputError as error:
        return {"error": str(error)}
    return result_as_json(lint(text, now=now, tz=tz))


# One encoder for every line (json.dumps with options builds a new one per call).
_LINE_ENCODER = json.JSONEncoder(ensure_ascii=False)


def run_json_lines(lines: Iterable[str], output: TextIO) -> None:
    for line in lines:
        output.write(_LINE_ENCODER.encode(lint_json_line(line.rstrip("\n"))) + "\n")
        output.flush()


def describe(result: LintResult, tz: tzinfo) -> str:
    lines = []
    if not result.findings:
        lines.append("No findings: nothing is missing.")
    for finding in result.findings:
        lines.append(f"{finding.rule.value} ({finding.severity.value}): {finding.message}")
        lines.append(f"  suggestion: {finding.suggestion}")
        lines.append(f"  confidence: {finding.confidence:.2f}")
    if result.deadline is not None:
        local = result.deadline.astimezone(tz)
        lines.append(f"deadline: {format_deadline(local)} {local:%Z} ({local.isoformat()})")
    else:
        lines.append("deadline: none stated" + (" (says there is no rush)" if result.no_rush else ""))
    lines.append(f"request: {'yes' if result.is_request else 'no'}; urgency: {result.urgency.value}")
    lines.append(
        f"act: {result.act.value}; asks for work: {'yes' if result.asks_for_work else 'no'}; "
        f"addressed to: {result.addressee.value}"
    )
    return "\n".join(lines)


def main(text: str | None, *, tz_name: str, now: str | None, json_mode: bool) -> int:
    try:
        return _run(text, tz_name=tz_name, now=now, json_mode=json_mode)
    except BrokenPipeError:
        # the reader went away (`norms lint --json < big.jsonl | head`): stop quietly, and keep Python's
        # own flush at exit from failing on the closed pipe too
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0


def _run(text: str | None, *, tz_name: str, now: str | None, json_mode: bool) -> int:
    if json_mode:
        run_json_lines(sys.stdin, sys.stdout)
        return 0
    if text is None:
        print(USAGE, file=sys.stderr)
        return 2
    try:
        tz = parse_zone(tz_name)
        result = lint(text, now=parse_now(now, tz), tz=tz)
    except LintInputError as error:
        print(f"norms lint: {error}", file=sys.stderr)
        return 2
    print(describe(result, tz))
    return 0
