"""What import and export of Markdown ADRs share: file names, the sections that map to a record's
fields, link lines, people's names, and the layout kept from an imported file (docs/decision-records.md
describes the format; ADR-0007 why it is so)."""

from __future__ import annotations

import json
import re
from dataclasses import asdict, dataclass, field
from typing import Any

from models import DecisionStatus

# Section headings (lower-cased, trailing ":" dropped) that are a record's fields.
FIELD_HEADINGS = {
    "context": "context",
    "context and problem statement": "context",
    "context and problem": "context",
    "considered options": "options",
    "decision outcome": "outcome",
    "decision": "outcome",
    "outcome": "outcome",
    "consequences": "consequences",
}
# Sections the export writes itself, from the record (read back on import, never kept as layout).
STATUS_HEADING, LINKS_HEADING, NOTES_HEADING, HISTORY_HEADING = "status", "links", "notes", "history"

# A link to another record, as adr-tools writes it in "## Status" and log4brains in "## Links":
# "Amends [5. Help comments](0005-help-comments.md)", "- Supersedes [slug](slug.md)".
LINK_LINE = re.compile(
    r"^\s*(?:[-*+]\s+)?(?P<relation>[A-Za-z][A-Za-z \-]{0,58}?)\s*:?\s+\[(?P<text>(?:\\.|[^\]\\\n])*)\]"
    r"\((?P<target>[^)\s]+)\)\s*\.?\s*$"
)
IMPORTED_AUTHOR = "import"  # the author of a record read from a file that does not name one
SUPERSEDED_BY = "Superseded by"
SUPERSEDES = "Supersedes"
# adr-tools wrote "Superceded by" for years; both spellings mean the same.
_RELATION_SPELLINGS = {"superceded by": SUPERSEDED_BY, "supercedes": SUPERSEDES}

_PERSON_ID = re.compile(r"^(?:.*\(\s*)?([UW][A-Z0-9]{2,})\s*\)?$")


def relation_name(text: str) -> str:
    """A link's relation as written, with adr-tools' old spelling of "superseded" mended."""
    cleaned = " ".join(text.split())
    return _RELATION_SPELLINGS.get(cleaned.lower(), cleaned[:1].upper() + cleaned[1:])


def slug(title: str) -> str:
    """The title's words, lower case, joined by "-", cut between words at 60 characters."""
    joined = ""
    for word in re.findall(r"[a-z0-9]+", title.lower()):
        if joined and len(joined) + 1 + len(word) > 60:
            break
        joined = f"{joined}-{word}" if joined else word[:60]
    return joined or "decision"


def file_name(number: int, title: str, layout_json: str | None = None) -> str:
    """A record's file: the name it was imported from, else "0007-use-postgres.md"."""
    layout = Layout.from_json(layout_json)
    return layout.file if layout is not None and layout.file else f"{number:04d}-{slug(title)}.md"


def person_name(entry: str) -> str | None:
    """The name in an exported people entry ("Ana Lima" of "Ana Lima (U01ANA)")."""
    name, _, rest = entry.strip().rpartition(" (")
    return name.strip() if name.strip() and rest.endswith(")") else None


def person_id(entry: str) -> str | None:
    """The Slack user id of a people entry: "U01ANA", or "Ana Lima (U01ANA)" as exported; None for a
    name from another tool ("Oliver Kopp")."""
    match = _PERSON_ID.match(entry.strip())
    return match.group(1) if match else None


def person_label(entry: str, names: dict[str, str]) -> str:
    """A people entry as exported: an id with the person's name where it is known ("Ana Lima (U01ANA)"),
    anything else as it is."""
    name = names.get(entry)
    return f"{name} ({entry})" if name else entry


def heading_title(number: int, title: str, layout_json: str | None) -> str:
    """The title as the file's first line writes it: adr-tools' records keep their "9. " in front."""
    layout = Layout.from_json(layout_json)
    return f"{number}. {title}" if layout is not None and layout.numbered_title else title


def status_word(status: DecisionStatus, label: str | None) -> str:
    return label or status.value


@dataclass
class Section:
    """One section of an imported file, in its place: a field's (`field` set; `heading` is its heading
    line as written, the body comes from the record) or one kept verbatim (`text`, heading included)."""

    heading: str
    field: str | None = None
    text: str = ""


@dataclass
class Layout:
    """What an imported file had beyond the record's fields, so an export writes it back: front matter
    keys, header list items and text before the first section, and the sections in their order."""

    front_matter: dict[str, Any] = field(default_factory=dict)
    header: list[str] = field(default_factory=list)
    preamble: str = ""
    sections: list[Section] = field(default_factory=list)
    links_section: str | None = None  # the heading of a "## Links" section, where links are written
    file: str | None = None  # the file's name, kept by the export
    numbered_title: bool = False  # adr-tools' "# 9. Help scripts"
    names: dict[str, str] = field(default_factory=dict)  # names the file gave Slack users (author)

    def to_json(self) -> str:
        return json.dumps(asdict(self), ensure_ascii=False, default=str)

    @classmethod
    def from_json(cls, text: str | None) -> Layout | None:
        if not text:
            return None
        data = json.loads(text)
        return cls(
            front_matter=dict(data.get("front_matter") or {}),
            header=list(data.get("header") or []),
            preamble=str(data.get("preamble") or ""),
            sections=[Section(**section) for section in data.get("sections") or []],
            links_section=data.get("links_section"),
            file=data.get("file"),
            numbered_title=bool(data.get("numbered_title")),
            names=dict(data.get("names") or {}),
        )


DEFAULT_SECTIONS = (
    Section("## Context and Problem Statement", "context"),
    Section("## Considered Options", "options"),
    Section("## Decision Outcome", "outcome"),
    Section("### Consequences", "consequences"),
)
