"""The layout's import rules (docs/adr/0003-package-by-feature.md), read from the source with ast.

- core, slack, scheduling, calendar, people and lint import no feature;
- lint imports nothing of the project but lint;
- a feature imports another feature only through its `service`; home, the surface that gathers the
  others, may also read their pure Block Kit builders (`blocks`);
- handlers never import models or SQLAlchemy; `bot` never imports `handlers`.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
FOUNDATION = ("core", "slack", "scheduling", "calendar", "people", "lint")
FEATURES = ("nudges", "asks", "decisions", "standups", "agreement", "home", "metrics")


def imported_modules(path: Path) -> Iterator[tuple[int, str]]:
    """Every module a file imports (at any depth: imports inside functions count too)."""
    tree = ast.parse(path.read_text(), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield node.lineno, alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.lineno, node.module
            for alias in node.names:  # `from bot.asks import service` imports bot.asks.service
                yield node.lineno, f"{node.module}.{alias.name}"


def package_of(module: str) -> str | None:
    """`bot.asks.flow` -> "asks"; None for anything outside bot's packages."""
    parts = module.split(".")
    return parts[1] if len(parts) > 2 and parts[0] == "bot" else None


def python_files(folder: str) -> list[Path]:
    return sorted((ROOT / folder).rglob("*.py"))


def violations(folder: str, rule: object) -> list[str]:
    found = []
    for path in python_files(folder):
        for line, module in imported_modules(path):
            problem = rule(path, module)  # type: ignore[operator]
            if problem:
                found.append(f"{path.relative_to(ROOT)}:{line} imports {module}: {problem}")
    return sorted(set(found))


def own_package(path: Path) -> str:
    return path.relative_to(ROOT / "bot").parts[0]


def test_the_foundation_imports_no_feature() -> None:
    def rule(path: Path, module: str) -> str | None:
        if path.parent == ROOT / "bot" or own_package(path) not in FOUNDATION:
            return None
        return "the foundation must not depend on a feature" if package_of(module) in FEATURES else None

    assert violations("bot", rule) == []


def test_the_linter_imports_only_itself() -> None:
    def rule(path: Path, module: str) -> str | None:
        ours = module.split(".", maxsplit=1)[0] in {"bot", "handlers", "models", "migrations", "app"}
        if ours and not (module == "bot.lint" or module.startswith("bot.lint.")):
            return "bot.lint is pure: it imports nothing of the project but itself"
        if module.split(".", maxsplit=1)[0] in {"sqlalchemy", "slack_sdk", "slack_bolt"}:
            return "bot.lint is pure: no database, no Slack"
        return None

    assert violations("bot/lint", rule) == []


def test_a_feature_uses_another_only_through_its_service() -> None:
    def rule(path: Path, module: str) -> str | None:
        if path.parent == ROOT / "bot":
            return None
        mine, theirs = own_package(path), package_of(module)
        if mine not in FEATURES or theirs not in FEATURES or theirs == mine:
            return None
        layer = module.split(".")[2]
        if layer == "service" or (mine == "home" and layer == "blocks"):
            return None
        return f"{mine} may use {theirs} only through bot.{theirs}.service"

    assert violations("bot", rule) == []


def test_handlers_stay_at_the_slack_edge() -> None:
    def rule(path: Path, module: str) -> str | None:
        root = module.split(".", maxsplit=1)[0]
        if root == "models":
            return "handlers hand over to a feature's flow; models belong to services"
        if root == "sqlalchemy":
            return "handlers never touch the database"
        return None

    assert violations("handlers", rule) == []


@pytest.mark.parametrize("folder", ["bot", "models"])
def test_the_product_never_imports_the_slack_edge(folder: str) -> None:
    def rule(path: Path, module: str) -> str | None:
        return (
            "only the composition root (app.py) wires handlers in"
            if module.split(".", maxsplit=1)[0] == "handlers"
            else None
        )

    assert violations(folder, rule) == []


def test_bot_has_no_filename_prefix_families_and_few_top_level_modules() -> None:
    top_level = sorted(path.stem for path in (ROOT / "bot").glob("*.py"))
    assert len(top_level) <= 12, top_level
    prefixes: dict[str, list[str]] = {}
    for path in (ROOT / "bot").rglob("*.py"):
        if path.stem != "__init__" and "_" in path.stem:
            prefixes.setdefault(f"{path.parent.name}/{path.stem.split('_')[0]}", []).append(path.stem)
    families = {prefix: names for prefix, names in prefixes.items() if len(names) >= 3}
    assert families == {}
