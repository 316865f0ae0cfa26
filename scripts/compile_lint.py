"""Compile the linter (bot/lint) with mypyc into its native build, or say why not (ADR-0014).

Run: .venv/bin/python scripts/compile_lint.py [--force] [--check] [--quiet] [--strict] [--verbose]

Writes .build/lint/<interpreter tag>/ (ignored by git) with the sources' digest; nothing in the
source tree changes. Does nothing when a build of the current sources exists. When mypyc, setuptools
or a C compiler is missing, or the build fails, it says so and exits 0: the linter then runs as pure
Python, with the same results, only slower (`--strict` exits 1 instead).
"""

from __future__ import annotations

import argparse
import contextlib
import io
import shutil
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from bot.lint import native  # noqa: E402

GROUP = "bot.lint._native"  # the shared library all the compiled modules live in


def _build(target: Path, *, verbose: bool) -> None:
    from mypyc.build import mypycify
    from setuptools import setup

    sources = [str(path.relative_to(ROOT)) for path in native.compiled_sources()]
    with tempfile.TemporaryDirectory(prefix="norms-lint-build-") as scratch:
        log = io.StringIO()
        redirect = contextlib.nullcontext() if verbose else contextlib.redirect_stdout(log)
        with redirect, contextlib.chdir(ROOT):
            extensions = mypycify(sources, opt_level="3", group_name=GROUP, target_dir=f"{scratch}/c")
            setup(
                name="async-norms-lint-native",
                ext_modules=extensions,
                script_args=[
                    "build_ext",
                    "--build-lib",
                    str(target),
                    "--build-temp",
                    f"{scratch}/temp",
                    "-q",
                ],
            )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--force", action="store_true", help="rebuild even when the build is current")
    parser.add_argument("--quiet", action="store_true", help="print only that a build starts, and failures")
    parser.add_argument("--strict", action="store_true", help="exit 1 when the build cannot be made")
    parser.add_argument(
        "--check", action="store_true", help="only say whether the build is current (exit 0) or not (1)"
    )
    parser.add_argument("--verbose", action="store_true", help="show mypyc's and the compiler's output")
    args = parser.parse_args()
    say = (lambda _: None) if args.quiet else print
    target = native.build_dir()
    current = native.usable_build() is not None
    if args.check:
        say(f"native linter: {'current' if current else 'missing or stale'} ({target.relative_to(ROOT)})")
        return 0 if current else 1
    if current and not args.force:
        say(f"native linter: current ({target.relative_to(ROOT)})")
        return 0
    print("==> compiling the linter with mypyc (once per change to bot/lint; about 30 s)", flush=True)
    digest = native.sources_digest()  # of the sources the build is made from
    shutil.rmtree(target, ignore_errors=True)
    try:
        _build(target, verbose=args.verbose)
    except (SystemExit, Exception) as error:  # whatever failed (setup() exits), the linter stays pure Python
        shutil.rmtree(target, ignore_errors=True)
        print(
            f"native linter: not built ({type(error).__name__}: {str(error)[:200]}); the linter runs as pure "
            "Python, with the same results but slower. Rerun with --verbose to see why.",
            file=sys.stderr,
        )
        return 1 if args.strict else 0
    (target / native.DIGEST_FILE).write_text(digest + "\n", encoding="utf-8")
    say(f"native linter: built in {target.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
