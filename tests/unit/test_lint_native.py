"""The linter's native build (ADR-0014): used only when made from the current sources, and it gives
exactly what the pure-Python modules give."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from bot.lint import native

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT / "tests" / "data"

# Lints the JSON lines on stdin with `norms lint --json`'s own code and says which build ran it.
_LINT_STDIN = """
import sys
from bot.lint.cli import run_json_lines
from bot.lint.native import running_native
print("native" if running_native() else "pure")
run_json_lines(sys.stdin, sys.stdout)
"""


def _lint_in_a_new_process(lines: str, *, pure_python: bool) -> tuple[str, str]:
    env = {**os.environ, native.PURE_PYTHON_SWITCH: "1" if pure_python else ""}
    done = subprocess.run(
        [sys.executable, "-c", _LINT_STDIN],
        input=lines,
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=env,
        check=True,
        timeout=300,
    )
    build, _, output = done.stdout.partition("\n")
    return build, output


def _message_lines() -> str:
    """Every message of the labelled set and the blind batches, as `norms lint --json` input."""
    lines = []
    for path in sorted(DATA.glob("*.jsonl")):
        for row in map(json.loads, path.read_text(encoding="utf-8").splitlines()):
            if isinstance(row, dict) and isinstance(row.get("text"), str):
                now = row.get("now") or "2026-12-07T10:00:00+00:00"  # fixed: both runs see one moment
                lines.append(json.dumps({"text": row["text"], "tz": row.get("tz", "UTC"), "now": now}))
    return "\n".join(lines) + "\n"


def test_the_native_build_lints_exactly_as_the_python_modules_do() -> None:
    if native.usable_build() is None:
        pytest.skip(
            "no native build of the current sources: run scripts/compile_lint.py (./scripts/test does)"
        )
    lines = _message_lines()
    native_build, native_output = _lint_in_a_new_process(lines, pure_python=False)
    pure_build, pure_output = _lint_in_a_new_process(lines, pure_python=True)
    assert (native_build, pure_build) == ("native", "pure")
    assert native_output.count("\n") == lines.count("\n") > 2_000
    assert native_output == pure_output


def _fake_build(root: Path, digest: str) -> None:
    build = root / sys.implementation.cache_tag
    (build / "bot" / "lint").mkdir(parents=True)
    (build / native.DIGEST_FILE).write_text(digest + "\n", encoding="utf-8")


def test_a_build_of_the_current_sources_is_used(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(native, "BUILD_ROOT", tmp_path)
    monkeypatch.delenv(native.PURE_PYTHON_SWITCH, raising=False)
    _fake_build(tmp_path, native.sources_digest())
    assert native.usable_build() == tmp_path / sys.implementation.cache_tag / "bot" / "lint"


def test_a_stale_or_missing_build_or_the_switch_means_pure_python(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(native, "BUILD_ROOT", tmp_path)
    monkeypatch.delenv(native.PURE_PYTHON_SWITCH, raising=False)
    assert native.usable_build() is None  # none made
    _fake_build(tmp_path, "0" * 64)  # made from other sources (an edit since)
    assert native.usable_build() is None
    (tmp_path / sys.implementation.cache_tag / native.DIGEST_FILE).write_text(native.sources_digest())
    assert native.usable_build() is not None
    monkeypatch.setenv(native.PURE_PYTHON_SWITCH, "1")
    assert native.usable_build() is None


def test_every_linter_module_but_the_switch_is_compiled() -> None:
    compiled = {path.relative_to(native.PACKAGE_DIR).as_posix() for path in native.compiled_sources()}
    assert {
        "rules.py",
        "acts.py",
        "request_model.py",
        "deadlines/scanner.py",
        "deadlines/__init__.py",
    } <= compiled
    assert not {"__init__.py", "native.py"} & compiled
