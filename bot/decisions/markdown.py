"""Decision records as MADR Markdown files (export), and MADR or adr-tools files back in (import)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from pathlib import Path

import yaml

from bot.decisions.service import DecisionDraft
from models import Decision, DecisionStatus

_FILE_NAME = re.compile(r"^(\d{1,6})-[\w\-]*\.md$")
_SECTION = re.compile(r"^##+\s+(.+?)\s*$", re.MULTILINE)
_ADR_TOOLS_TITLE = re.compile(r"^#\s+\d+\.\s+(.+?)\s*$", re.MULTILINE)
_TITLE = re.compile(r"^#\s+(.+?)\s*$", re.MULTILINE)
_ITEM = re.compile(r"^\s*[*-]\s+(.+?)\s*$", re.MULTILINE)


def slug(title: str) -> str:
    words = re.findall(r"[a-z0-9]+", title.lower())
    return "-".join(words)[:60] or "decision"


def file_name(record: Decision) -> str:
    return f"{record.number:04d}-{slug(record.title)}.md"


def to_madr(record: Decision) -> str:
    """One record as MADR 4: front matter, then the sections."""
    front: dict[str, object] = {"status": record.status.value, "date": record.decided_on.isoformat()}
    for key, value in (
        ("decision-makers", record.decision_makers),
        ("consulted", record.consulted),
        ("informed", record.informed),
    ):
        if value:
            front[key] = list(value)
    for key, day in (("review-by", record.review_by), ("feedback-by", record.feedback_by)):
        if day:
            front[key] = day.isoformat()
    if record.supersedes:
        front["supersedes"] = f"{record.supersedes:04d}"
    if record.superseded_by:
        front["superseded-by"] = f"{record.superseded_by:04d}"
    if record.permalink:
        front["discussion"] = record.permalink
    parts = ["---", yaml.safe_dump(front, sort_keys=False).strip(), "---", "", f"# {record.title}", ""]
    parts += ["## Context and Problem Statement", "", record.context.strip(), ""]
    options = [line.strip() for line in record.options.splitlines() if line.strip()]
    if options:
        parts += ["## Considered Options", "", *(f"* {option}" for option in options), ""]
    parts += ["## Decision Outcome", "", record.outcome.strip(), ""]
    consequences = [
        f"* Good, because {line.strip()}" for line in record.consequences_good.splitlines() if line.strip()
    ]
    consequences += [
        f"* Bad, because {line.strip()}" for line in record.consequences_bad.splitlines() if line.strip()
    ]
    if consequences:
        parts += ["### Consequences", "", *consequences, ""]
    return "\n".join(parts).rstrip() + "\n"


def to_index(records: list[Decision]) -> str:
    lines = ["# Decision log", "", "| Number | Title | Status | Links |", "|---|---|---|---|"]
    for record in sorted(records, key=lambda r: r.number):
        links = []
        if record.supersedes:
            links.append(f"supersedes [{record.supersedes:04d}]({_linked(records, record.supersedes)})")
        if record.superseded_by:
            links.append(
                f"superseded by [{record.superseded_by:04d}]({_linked(records, record.superseded_by)})"
            )
        lines.append(
            f"| {record.number:04d} | [{record.title}]({file_name(record)}) | {record.status.value} "
            f"| {', '.join(links)} |"
        )
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class ImportedRecord:
    number: int
    draft: DecisionDraft
    supersedes: int | None
    superseded_by: int | None


class ImportFileError(ValueError):
    """A file that is not a decision record; the message names the file and the problem."""


def read_record(path: Path) -> ImportedRecord:
    """A MADR (front matter) or adr-tools ("## Status") file as a record draft with its number."""
    match = _FILE_NAME.match(path.name)
    if match is None:
        raise ImportFileError(
            f"{path.name}: the name must start with the record number, like 0007-use-postgres.md"
        )
    text = path.read_text(encoding="utf-8")
    front: dict[str, object] = {}
    if text.startswith("---"):
        _, raw_front, text = text.split("---", 2)
        loaded = yaml.safe_load(raw_front) or {}
        if not isinstance(loaded, dict):
            raise ImportFileError(f"{path.name}: the front matter is not a YAML mapping")
        front = loaded
    sections = _sections(text)
    title_match = _ADR_TOOLS_TITLE.search(text) or _TITLE.search(text)
    if title_match is None:
        raise ImportFileError(f"{path.name}: no '# Title' line")
    status_text = str(front.get("status") or sections.get("status", "accepted")).strip().split()[0].lower()
    status = (
        DecisionStatus(status_text)
        if status_text in {s.value for s in DecisionStatus}
        else DecisionStatus.ACCEPTED
    )
    consequences = sections.get("consequences", "")
    good = [
        item.removeprefix("Good, because ").strip()
        for item in _ITEM.findall(consequences)
        if item.startswith("Good")
    ]
    bad = [
        item.removeprefix("Bad, because ").strip()
        for item in _ITEM.findall(consequences)
        if item.startswith("Bad")
    ]
    if not good and not bad and consequences:
        good = [consequences.strip()]  # adr-tools: free text
    draft = DecisionDraft(
        title=title_match.group(1)[:150],
        status=status,
        context=sections.get("context and problem statement", sections.get("context", "")).strip(),
        options="\n".join(_ITEM.findall(sections.get("considered options", ""))),
        outcome=sections.get("decision outcome", sections.get("decision", "")).strip(),
        consequences_good="\n".join(good),
        consequences_bad="\n".join(bad),
        decision_makers=_people(front.get("decision-makers")),
        consulted=_people(front.get("consulted")),
        informed=_people(front.get("informed")),
        decided_on=_day(front.get("date")) or _day(sections.get("date") or _adr_tools_date(text)),
        review_by=_day(front.get("review-by")),
        feedback_by=_day(front.get("feedback-by")),
        permalink=str(front["discussion"]) if front.get("discussion") else None,
    )
    return ImportedRecord(
        int(match.group(1)), draft, _number(front.get("supersedes")), _number(front.get("superseded-by"))
    )


def read_folder(folder: Path) -> list[ImportedRecord]:
    """Every record file of a folder (index.md and other files are left alone), by number."""
    records = [read_record(path) for path in sorted(folder.glob("*.md")) if _FILE_NAME.match(path.name)]
    numbers = [record.number for record in records]
    duplicates = sorted({number for number in numbers if numbers.count(number) > 1})
    if duplicates:
        raise ImportFileError(f"{folder}: more than one file for record number(s) {duplicates}")
    return sorted(records, key=lambda record: record.number)


def _sections(text: str) -> dict[str, str]:
    found: dict[str, str] = {}
    matches = list(_SECTION.finditer(text))
    for index, match in enumerate(matches):
        end = matches[index + 1].start() if index + 1 < len(matches) else len(text)
        found.setdefault(match.group(1).strip().lower(), text[match.end() : end].strip())
    return found


def _adr_tools_date(text: str) -> str | None:
    match = re.search(r"^Date:\s*(\d{4}-\d{2}-\d{2})", text, re.MULTILINE)
    return match.group(1) if match else None


def _people(value: object) -> tuple[str, ...]:
    if isinstance(value, list):
        return tuple(str(item) for item in value)
    if isinstance(value, str):
        return tuple(part.strip() for part in value.split(",") if part.strip())
    return ()


def _day(value: object) -> date | None:
    if isinstance(value, date):
        return value
    if isinstance(value, str):
        try:
            return date.fromisoformat(value.strip()[:10])
        except ValueError:
            return None
    return None


def _number(value: object) -> int | None:
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() else None


def _linked(records: list[Decision], number: int) -> str:
    target = next((record for record in records if record.number == number), None)
    return file_name(target) if target is not None else f"{number:04d}.md"
