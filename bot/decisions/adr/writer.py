"""Decision records as Markdown ADR files that adr-tools, log4brains and MADR readers all read:

    # Title                          <- line 1: adr-tools' title (`adr generate toc`)
    - Status: accepted               <- log4brains' and MADR 2's status list
    - Date: 2026-12-01
    ## Status                        <- adr-tools' section (`adr link`, `adr new -s`), with the links
    Accepted
    ## Context and Problem Statement …

Front matter is written only to keep keys another tool put there (MADR's `parent`, `nav_order`).
An imported record's sections come back in their order, the ones without a field verbatim."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field, replace

import yaml

from bot.decisions.adr.layout import (
    DEFAULT_SECTIONS,
    IMPORTED_AUTHOR,
    SUPERSEDED_BY,
    SUPERSEDES,
    Layout,
    Section,
    file_name,
    heading_title,
    person_label,
    status_word,
)
from models import Decision, DecisionStatus, DecisionStatusChange

_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


@dataclass
class ExportContext:
    """What a record's file needs from the rest of the log: the others' titles (for links) and
    people's names (for ids)."""

    titles: dict[int, str] = field(default_factory=dict)
    files: dict[int, str] = field(default_factory=dict)
    names: dict[str, str] = field(default_factory=dict)

    @classmethod
    def of(cls, records: Sequence[Decision], names: dict[str, str]) -> ExportContext:
        return cls(
            titles={
                record.number: heading_title(record.number, record.title, record.layout) for record in records
            },
            files={record.number: record_file(record) for record in records},
            names=names,
        )

    def link(self, relation: str, number: int) -> str:
        title = self.titles.get(number)
        if title is None:
            return f"{relation} [{number:04d}]({number:04d}.md)"
        return f"{relation} [{_link_text(title)}]({self.files.get(number) or file_name(number, title)})"


def record_file(record: Decision) -> str:
    return file_name(record.number, record.title, record.layout)


def render_record(
    record: Decision,
    *,
    links: Sequence[tuple[str, int]] = (),
    history: Sequence[DecisionStatusChange] = (),
    context: ExportContext | None = None,
) -> str:
    layout = Layout.from_json(record.layout) or Layout()
    context = context or ExportContext()
    if layout.names:  # names the imported file gave, where Slack has told us none
        context = replace(context, names={**layout.names, **context.names})
    parts: list[str] = []
    title = heading_title(record.number, record.title, record.layout)
    if layout.front_matter:
        dumped = yaml.safe_dump(layout.front_matter, sort_keys=False, allow_unicode=True).strip()
        # The blank line keeps the closing "---" a rule to Markdown readers: right under a line of text
        # it would make that line a heading, and log4brains would look no further for the status.
        parts.append(f"---\n{dumped}\n\n---\n# {title}")
    else:
        parts.append(f"# {title}")
    parts.append("\n".join(_header(record, layout, context)))
    if layout.preamble:
        parts.append(layout.preamble)
    link_lines = ([context.link(SUPERSEDES, record.supersedes)] if record.supersedes else []) + [
        context.link(relation, number) for relation, number in links
    ]
    parts.append(_status_section(record, context, [] if layout.links_section else link_lines))
    sections = layout.sections if record.layout else _default_sections(record)
    for section in sections:
        parts.append(_section_text(record, section))
    if layout.links_section and link_lines:
        parts.append(layout.links_section + "\n\n" + "\n".join(f"- {line}" for line in link_lines))
    if record.notes.strip():
        notes = _MENTION.sub(lambda m: person_label(m.group(1), context.names), record.notes.strip())
        parts.append(f"## Notes\n\n{notes}")
    if history:
        parts.append("## History\n\n" + "\n".join(_history_line(change, context) for change in history))
    return "\n\n".join(part for part in parts if part) + "\n"


def render_index(records: Sequence[Decision]) -> str:
    """index.md: one table row per record (log4brains and adr-tools leave index.md alone)."""
    lines = ["# Decision log", "", "| Number | Title | Status | Date |", "|---|---|---|---|"]
    for record in sorted(records, key=lambda r: r.number):
        title = _link_text(record.title).replace("|", "\\|")
        day = record.decided_on.isoformat() if record.decided_on else ""
        status = status_word(record.status, record.status_label).replace("|", "\\|")
        link = f"[{title}]({record_file(record)})"
        lines.append(f"| {record.number:04d} | {link} | {status} | {day} |")
    return "\n".join(lines) + "\n"


def _header(record: Decision, layout: Layout, context: ExportContext) -> list[str]:
    if record.status is DecisionStatus.SUPERSEDED and record.superseded_by:
        status = context.link(SUPERSEDED_BY, record.superseded_by)
        status = status[:1].lower() + status[1:]  # log4brains reads "superseded by …"
    else:
        status = status_word(record.status, record.status_label)
    lines = [f"- Status: {status}"]
    if record.decided_on:
        lines.append(f"- Date: {record.decided_on.isoformat()}")
    for label, people in (
        ("Deciders", record.decision_makers),
        ("Consulted", record.consulted),
        ("Informed", record.informed),
    ):
        if people:
            lines.append(f"- {label}: " + ", ".join(person_label(entry, context.names) for entry in people))
    for label, day in (("Review by", record.review_by), ("Feedback by", record.feedback_by)):
        if day:
            lines.append(f"- {label}: {day.isoformat()}")
    if record.author_id and record.author_id != IMPORTED_AUTHOR:
        lines.append(f"- Recorded by: {person_label(record.author_id, context.names)}")
    if record.channel_id:
        lines.append(f"- Slack channel: {record.channel_id}")
    if record.permalink:
        lines.append(f"- Slack thread: <{record.permalink}>")
    return lines + layout.header


def _status_section(record: Decision, context: ExportContext, link_lines: list[str]) -> str:
    if record.status is DecisionStatus.SUPERSEDED and record.superseded_by:
        first = context.link(SUPERSEDED_BY, record.superseded_by)  # as `adr new -s` leaves it
    else:
        word = status_word(record.status, record.status_label)
        first = word[:1].upper() + word[1:]
    return "\n\n".join(["## Status", first, *link_lines])


def _default_sections(record: Decision) -> list[Section]:
    """A record made in Slack: its sections in MADR's order, the empty ones left out (context stays)."""
    present = {
        "context": True,
        "options": bool(record.options.strip()),
        "outcome": bool(record.outcome.strip()),
        "consequences": bool(record.consequences_good.strip() or record.consequences_bad.strip()),
    }
    return [section for section in DEFAULT_SECTIONS if present[section.field or ""]]


def _section_text(record: Decision, section: Section) -> str:
    if section.field is None:
        return section.text
    if section.field == "options":
        body = "\n".join(f"* {line.strip()}" for line in record.options.splitlines() if line.strip())
    elif section.field == "consequences":
        body = "\n".join(
            [
                f"* Good, because {line.strip()}"
                for line in record.consequences_good.splitlines()
                if line.strip()
            ]
            + [
                f"* Bad, because {line.strip()}"
                for line in record.consequences_bad.splitlines()
                if line.strip()
            ]
        )
    else:
        body = (record.context if section.field == "context" else record.outcome).strip("\n").rstrip()
    return f"{section.heading}\n\n{body}" if body else section.heading


def _history_line(change: DecisionStatusChange, context: ExportContext) -> str:
    by = person_label(change.changed_by, context.names)
    day = change.changed_at.date().isoformat()
    if change.from_status is None:
        return f"- {day}: recorded as {change.to_status.value}, by {by}"
    return f"- {day}: {change.to_status.value} (was {change.from_status.value}), by {by}"


def _link_text(title: str) -> str:
    """A title inside [ ] of a Markdown link: brackets escaped."""
    return title.replace("\\", "\\\\").replace("[", "\\[").replace("]", "\\]")
