"""The real ADR tools, for tests that check our Markdown the way teams' tools read it: Debian's
adr-tools (`adr`) and npm's @log4brains/core (its reader, run by Node.js). scripts/test installs both
(scripts/_adr_readers.sh) and sets NORMS_REQUIRE_ADR_READERS=1, so there a missing tool fails the
test instead of skipping it."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
LOG4BRAINS_DIR = Path(os.environ.get("NORMS_LOG4BRAINS_DIR", ROOT / ".cache" / "adr-readers"))
_READ_WITH_LOG4BRAINS = """
const { Log4brains } = require("@log4brains/core");
(async () => {
  const adrs = await Log4brains.create(process.argv[1]).searchAdrs();
  console.log(JSON.stringify(adrs.map((adr) => ({
    slug: adr.slug, title: adr.title, status: adr.status, supersededBy: adr.supersededBy,
  }))));
})().catch((error) => { console.error(String(error)); process.exit(1); });
"""


def eval_adr_folder(name: str) -> Path:
    """One of the real ADR folders in ../shared/eval/adr (the test skips, saying so, where it is absent)."""
    from tests.support.lint_corpora import EVAL_DIR

    folder = EVAL_DIR / "adr" / name
    if not folder.is_dir():
        pytest.skip(f"{folder} is absent (the shared evaluation data)")
    return folder


def _missing(what: str) -> None:
    message = f"{what} is not installed (scripts/test installs it; see scripts/_adr_readers.sh)"
    if os.environ.get("NORMS_REQUIRE_ADR_READERS") == "1":
        pytest.fail(message)
    pytest.skip(message)


def adr(workdir: Path, *args: str) -> str:
    """Run adr-tools in `workdir`, whose `.adr-dir` names the records' folder."""
    if shutil.which("adr") is None:
        _missing("adr-tools (Debian package adr-tools)")
    env = {**os.environ, "ADR_DATE": "2026-12-01", "EDITOR": "true", "VISUAL": "true"}
    done = subprocess.run(
        ["adr", *args], cwd=workdir, env=env, capture_output=True, text=True, timeout=60, check=False
    )
    assert done.returncode == 0, f"adr {' '.join(args)} failed: {done.stderr}"
    return done.stdout


def log4brains_records(folder: Path) -> list[dict[str, Any]]:
    """The records of `folder` as log4brains' own reader sees them (slug, title, status, supersededBy)."""
    if (
        shutil.which("node") is None
        or not (LOG4BRAINS_DIR / "node_modules" / "@log4brains" / "core").is_dir()
    ):
        _missing("@log4brains/core (npm) with Node.js")
    project = folder.parent
    (project / ".log4brains.yml").write_text(
        f"project:\n  name: test\n  tz: UTC\n  adrFolder: ./{folder.name}\n", encoding="utf-8"
    )
    done = subprocess.run(
        ["node", "-e", _READ_WITH_LOG4BRAINS, str(project)],
        cwd=LOG4BRAINS_DIR,
        env={**os.environ, "NODE_PATH": str(LOG4BRAINS_DIR / "node_modules")},
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, f"log4brains could not read {folder}: {done.stderr[-2000:]}"
    records: list[dict[str, Any]] = json.loads(done.stdout)
    return records
