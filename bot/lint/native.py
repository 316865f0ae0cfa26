"""The linter's optional native build: its modules compiled to C extensions by mypyc (ADR-0014).

The build is a cache, never the source: `scripts/compile_lint.py` writes it to
`.build/lint/<interpreter tag>/` with the digest of the sources it was made from, and
`bot/lint/__init__.py` puts it first on the package's path only when that digest matches the
sources as they are now. An edited module, another Python, a missing compiler or
NORMS_LINT_PURE_PYTHON=1 all mean the pure-Python modules run, with the same results.

This module is never compiled itself: it decides which build the others come from.
"""

from __future__ import annotations

import hashlib
import os
import sys
from pathlib import Path

PACKAGE_DIR = Path(__file__).resolve().parent
ROOT = PACKAGE_DIR.parents[1]
BUILD_ROOT = ROOT / ".build" / "lint"
PURE_PYTHON_SWITCH = "NORMS_LINT_PURE_PYTHON"
DIGEST_FILE = "sources.sha256"
# Not compiled: the package's own __init__ (it makes the switch) and this module.
_NOT_COMPILED = {PACKAGE_DIR / "__init__.py", PACKAGE_DIR / "native.py"}


def compiled_sources() -> list[Path]:
    """The modules the native build is made of, in a stable order."""
    return sorted(path for path in PACKAGE_DIR.rglob("*.py") if path not in _NOT_COMPILED)


def build_dir() -> Path:
    """Where the native build for the running interpreter lives (cpython-313, …)."""
    return BUILD_ROOT / sys.implementation.cache_tag


def sources_digest() -> str:
    """The digest of the compiled modules' sources (names and bytes) and the interpreter's version."""
    digest = hashlib.sha256(sys.version.encode())
    for path in compiled_sources():
        digest.update(path.relative_to(PACKAGE_DIR).as_posix().encode() + b"\0")
        digest.update(path.read_bytes() + b"\0")
    return digest.hexdigest()


def pure_python_asked() -> bool:
    """Whether NORMS_LINT_PURE_PYTHON asks for the Python modules whatever is built."""
    return os.environ.get(PURE_PYTHON_SWITCH, "") not in ("", "0")


def usable_build() -> Path | None:
    """The directory of the `bot.lint` package's native modules, if a build made from these very
    sources exists for this interpreter and the pure-Python switch is off; else None."""
    if pure_python_asked():
        return None
    build = build_dir()
    try:
        recorded = (build / DIGEST_FILE).read_text(encoding="utf-8").strip()
    except OSError:
        return None
    if recorded != sources_digest():
        return None  # made from other sources: stale, and ignored until rebuilt
    return build / "bot" / "lint"


def running_native() -> bool:
    """Whether the linter's modules were loaded from the native build."""
    from bot.lint import rules

    return not str(rules.__file__).endswith(".py")


def build_in_use() -> str:
    """Which build the linter runs as, and how to get the other, for benchmarks and logs."""
    if running_native():
        return f"native (mypyc; {PURE_PYTHON_SWITCH}=1 runs the pure-Python modules)"
    if pure_python_asked():
        return f"pure Python ({PURE_PYTHON_SWITCH} is set)"
    return "pure Python (no native build of these sources: scripts/compile_lint.py makes one)"
