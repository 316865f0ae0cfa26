"""Markdown ADR files into decision records, losing nothing: MADR 2, 3 and 4 (front matter or
"* Status:" lists), adr-tools ("## Status" sections, "Superceded by", "Amends"), log4brains (date-named
files, "- Date:"), Nygard's free form and our own export. What has no field is kept in the record's
layout (see layout.Layout) and written back by the export."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, date, datetime
from pathlib import Path
from typing import Any
from urllib.parse import unquote

import yaml
from frontmatter.default_handlers import YAMLHandler
from markdown_it import MarkdownIt
from markdown_it.token import Token

from bot.decisions.adr.layout import (
    FIELD_HEADINGS,
    HISTORY_HEADING,
    IMPORTED_AUTHOR,
    LINK_LINE,
    LINKS_HEADING,
    NOTES_HEADING,
    STATUS_HEADING,
    SUPERSEDED_BY,
    SUPERSEDES,
    Layout,
    Section,
    person_id,
    person_name,
    relation_name,
)
from bot.decisions.service import DecisionDraft
from models import DecisionStatus

_RECORD_FILE = re.compile(r"^(\d{1,8})-.+\.md$", re.IGNORECASE)
# Files other tools keep beside the records (log4brains reserves these names; adr-tools has README.md).
_NOT_RECORDS = {"readme.md", "index.md", "template.md", "backlog.md"}
_KEY_VALUE = re.compile(r"^\s*[-*+]\s+(?P<key>[A-Za-z][\w ()/\-]{0,40}?)\s*:\s*(?P<value>.*)$", re.DOTALL)
_ADR_TOOLS_DATE = re.compile(r"^Date:\s*(?P<value>\S.*)$")
_TITLE_NUMBER = re.compile(r"^(\d+)\.\s+")
_OPTION_ITEM = re.compile(r"^[-*+]\s+(?P<text>\S.*)$")  # one line, not nested
_CONSEQUENCE = re.compile(r"^\s*[-*+]\s+(?P<kind>Good|Bad), because (?P<text>\S.*)$")
_HISTORY_LINE = re.compile(
    r"^- (?P<day>\d{4}-\d{2}-\d{2}): (?:recorded as (?P<first>\w+)|(?P<to>\w+) \(was (?P<from>\w+)\))"
    r", by (?P<by>.+)$"
)
_STATUS_WORDS = {status.value: status for status in DecisionStatus}
# Header list keys ("- Deciders: …", normalised: lower case, "-" as " ") and front-matter keys, by field.
_HEADER_FIELDS = {
    "status": "status", "date": "date", "deciders": "decision_makers", "decision makers": "decision_makers",
    "consulted": "consulted", "informed": "informed", "review by": "review_by", "feedback by": "feedback_by",
    "recorded by": "author", "slack channel": "channel", "slack thread": "permalink",
}  # fmt: skip
_FRONT_MATTER_FIELDS = {
    "status": "status", "date": "date", "decision-makers": "decision_makers", "deciders": "decision_makers",
    "consulted": "consulted", "informed": "informed", "review-by": "review_by", "feedback-by": "feedback_by",
    "discussion": "permalink",
}  # fmt: skip
_MARKDOWN = MarkdownIt("commonmark")


class ImportFileError(ValueError):
    """A file that cannot be read as a decision record; the message names the file and the problem."""


@dataclass(frozen=True)
class HistoryEntry:
    day: date
    from_status: DecisionStatus | None
    to_status: DecisionStatus
    by: str


@dataclass
class ImportedRecord:
    number: int
    source: str  # the file name
    draft: DecisionDraft
    status_label: str | None = None
    supersedes: int | None = None
    superseded_by: int | None = None
    links: list[tuple[str, int]] = field(default_factory=list)  # (relation, target number)
    history: list[HistoryEntry] = field(default_factory=list)
    notes: str = ""
    author_id: str = IMPORTED_AUTHOR
    layout: Layout = field(default_factory=Layout)
    warnings: list[str] = field(default_factory=list)


@dataclass
class FolderRead:
    records: list[ImportedRecord]
    problems: list[str]  # files not imported, each with its name and why


def read_folder(folder: Path) -> FolderRead:
    """Every record file of a folder, by number. A file that cannot be read is reported by name and
    the others still import. Date-named files (log4brains' "20201016-….md") are numbered after the
    numbered ones, in name order; links between files are followed by file name."""
    numbered: list[tuple[int, Path]] = []
    dated: list[Path] = []
    problems: list[str] = []
    for path in sorted(folder.glob("*.md")):
        match = _RECORD_FILE.match(path.name)
        if match is None:
            if path.name.lower() not in _NOT_RECORDS:
                problems.append(f"{path.name}: skipped, its name does not start with a number or a date")
            continue
        number = _file_number(path.name)
        if number is None:
            dated.append(path)
        else:
            numbered.append((number, path))
    next_number = max((number for number, _ in numbered), default=0) + 1
    numbered += [(next_number + offset, path) for offset, path in enumerate(dated)]
    by_file: dict[str, int] = {}
    taken: dict[int, str] = {}
    kept: list[tuple[int, Path]] = []
    for number, path in numbered:
        if number in taken:
            problems.append(f"{path.name}: skipped, {taken[number]} already has number {number}")
            continue
        taken[number] = path.name
        by_file[path.name.lower()] = number
        kept.append((number, path))

    def resolve(target: str) -> int | None:
        name = unquote(target.split("#", 1)[0]).rsplit("/", 1)[-1].lower()
        if not name.endswith(".md"):
            name += ".md"
        return by_file[name] if name in by_file else _file_number(name)

    records: list[ImportedRecord] = []
    for number, path in kept:
        try:
            text = path.read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError) as error:
            problems.append(f"{path.name}: not readable as UTF-8 text ({type(error).__name__})")
            continue
        try:
            records.append(read_record(path.name, text, number, resolve))
        except ImportFileError as error:
            problems.append(str(error))
    return FolderRead(sorted(records, key=lambda record: record.number), sorted(problems))


def read_record(
    name: str, text: str, number: int, resolve: Callable[[str], int | None] = lambda _: None
) -> ImportedRecord:
    """One file's text as a record with its number; `resolve` turns a link target into a number."""
    return _Reader(name, text, number, resolve).read()


class _Reader:
    def __init__(self, name: str, text: str, number: int, resolve: Callable[[str], int | None]) -> None:
        self.name, self.number, self.resolve = name, number, resolve
        self.text = text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n")
        self.record = ImportedRecord(
            number=number, source=name, draft=DecisionDraft("", DecisionStatus.ACCEPTED)
        )
        if _file_number(name) == number:
            self.record.layout.file = name  # the export keeps the name: links and git history hold
        self.fields: dict[str, str] = {}
        self.status_text: str | None = None  # from front matter or the header list
        self.section_status: str | None = None  # from a "## Status" section
        self.superseded_by: set[int] = set()
        self.supersedes: list[int] = []

    def read(self) -> ImportedRecord:
        front, body = self._front_matter()
        lines = body.split("\n")
        tokens = [token for token in _MARKDOWN.parse(body) if token.level == 0 and token.map]
        headings = [token for token in tokens if token.type == "heading_open"]
        title_token = next(
            (token for token in headings if token.tag == "h1"), headings[0] if headings else None
        )  # no "# Title": the first heading is the title
        title = self._title(lines, title_token)
        title_end = title_token.map[1] if title_token is not None and title_token.map else 0
        sections = [
            token
            for token in headings
            if token is not title_token
            and token.tag in {"h1", "h2", "h3"}
            and (token.map or [0])[0] >= title_end
        ]
        header_end = (sections[0].map or [len(lines)])[0] if sections else len(lines)
        self._header(lines, tokens, title_end, header_end)
        title_start = title_token.map[0] if title_token is not None and title_token.map else 0
        before_title = _squeeze_blank_lines(lines[:title_start])
        if before_title:  # text above the title: kept, after it
            preamble = self.record.layout.preamble
            self.record.layout.preamble = f"{before_title}\n\n{preamble}" if preamble else before_title
        for index, token in enumerate(sections):
            start, heading_end = token.map or [0, 0]
            end = (sections[index + 1].map or [len(lines)])[0] if index + 1 < len(sections) else len(lines)
            self._section(_inline_text(lines, token), lines[start:heading_end], lines[heading_end:end])
        self._apply_front_matter(front)
        return self._finish(title)

    # -- the parts of a file -------------------------------------------------------------------

    def _front_matter(self) -> tuple[dict[str, Any], str]:
        handler = YAMLHandler()
        if not handler.detect(self.text):
            return {}, self.text
        try:
            raw, body = handler.split(self.text)
            loaded = yaml.safe_load(raw) if raw.strip() else {}
        except (ValueError, yaml.YAMLError) as error:
            problem = str(error).splitlines()[0] if str(error) else type(error).__name__
            raise ImportFileError(f"{self.name}: the front matter is not valid YAML ({problem})") from error
        if loaded is None:
            loaded = {}
        if not isinstance(loaded, dict):
            raise ImportFileError(f"{self.name}: the front matter is not a YAML mapping of keys to values")
        return {str(key): value for key, value in loaded.items()}, body.lstrip("\n")

    def _title(self, lines: list[str], token: Token | None) -> str:
        if token is None:
            stem = re.sub(r"^\d+-", "", self.name.rsplit(".", 1)[0]).replace("-", " ").strip()
            return (stem[:1].upper() + stem[1:]) or f"Decision {self.number}"
        title = _inline_text(lines, token)
        numbered = _TITLE_NUMBER.match(title)
        if numbered and int(numbered.group(1)) == self.number:
            title = title[numbered.end() :]  # adr-tools: "# 9. Help scripts"
            self.record.layout.numbered_title = True
        return title.strip()

    def _header(self, lines: list[str], tokens: list[Token], start: int, end: int) -> None:
        """Between the title and the first section: the metadata list ("- Status: accepted"), adr-tools'
        "Date:" line, and any other text (kept as the preamble)."""
        used: set[int] = set()
        for token in tokens:
            if token.map is None or not (start <= token.map[0] < end):
                continue
            first, last = token.map
            if token.type == "bullet_list_open":
                items = _list_items(lines, token)
                if items and all(_KEY_VALUE.match(item) for item in items):
                    for item in items:
                        self._header_item(item)
                    used.update(range(first, last))
            elif token.type == "paragraph_open" and last - first == 1:
                dated = _ADR_TOOLS_DATE.match(lines[first].strip())
                if dated and "date" not in self.fields:
                    self.fields["date"] = dated.group("value")
                    used.add(first)
        preamble = [line for index, line in enumerate(lines[start:end], start) if index not in used]
        self.record.layout.preamble = _squeeze_blank_lines(preamble)

    def _header_item(self, item: str) -> None:
        match = _KEY_VALUE.match(item)
        assert match is not None
        key, value = (
            " ".join(match.group("key").lower().replace("-", " ").split()),
            match.group("value").strip(),
        )
        name = _HEADER_FIELDS.get(key)
        if name is None or name in self.fields or (name == "status" and self.status_text is not None):
            marker = re.match(r"^\s*[-*+]", item)
            self.record.layout.header.append("-" + item[marker.end() :] if marker else item)
        elif name == "status":
            self.status_text = value
        else:
            self.fields[name] = value

    def _section(self, heading: str, heading_lines: list[str], body_lines: list[str]) -> None:
        key = " ".join(heading.lower().rstrip(" #:").split())
        key = _TITLE_NUMBER.sub("", key)
        heading_text = "\n".join(heading_lines).strip()
        body = _squeeze_blank_lines(body_lines)
        layout = self.record.layout
        verbatim = Section(heading_text, None, _squeeze_blank_lines(heading_lines + body_lines))
        if key == STATUS_HEADING and self.section_status is None:
            if self._status_section(body):
                return
        elif key == LINKS_HEADING and layout.links_section is None:
            if body and self._links(body.split("\n")):
                layout.links_section = heading_text
                return
        elif key == NOTES_HEADING and not self.record.notes:
            self.record.notes = body
            return
        elif key == HISTORY_HEADING and not self.record.history:
            entries = [_HISTORY_LINE.match(line) for line in body.split("\n") if line.strip()]
            if entries and all(entries):
                self.record.history = [_history_entry(match) for match in entries if match]
                return
        elif key in FIELD_HEADINGS and FIELD_HEADINGS[key] not in {s.field for s in layout.sections}:
            slot = FIELD_HEADINGS[key]
            if self._field_section(slot, body):
                layout.sections.append(Section(heading_text, slot))
                return
        layout.sections.append(verbatim)

    def _status_section(self, body: str) -> bool:
        """adr-tools' "## Status": the status on its own line, then links. True when it was read whole
        (the export writes it anew); False keeps it verbatim too (it has more than a status and links)."""
        plain = [line.strip() for line in body.split("\n") if line.strip() and not self._links([line])]
        self.section_status = plain[0] if plain else ""
        return len(plain) <= 1

    def _links(self, lines: list[str]) -> bool:
        """Read link lines; True when every non-blank line is a link to a record of the folder."""
        found = []
        for line in lines:
            if not line.strip():
                continue
            match = LINK_LINE.match(line)
            target = self.resolve(match.group("target")) if match else None
            if match is None or target is None:
                return False
            found.append((relation_name(match.group("relation")), target))
        for relation, target in found:
            if relation == SUPERSEDED_BY:
                self.superseded_by.add(target)
            elif relation == SUPERSEDES and not self.supersedes:
                self.supersedes.append(target)
            elif (relation, target) not in self.record.links:
                self.record.links.append((relation, target))
        return bool(found)

    def _field_section(self, slot: str, body: str) -> bool:
        """A section that is one of the record's fields; False when its text does not fit the field
        (a list item over two lines, consequences that are not "Good, because …"): kept verbatim."""
        if slot in {"context", "outcome"}:
            self.fields[slot] = body
            return True
        rows = [line for line in body.split("\n") if line.strip()]
        if slot == "options":
            items = [_OPTION_ITEM.match(line) for line in rows]
            if not all(items):
                return False
            self.fields["options"] = "\n".join(match.group("text").strip() for match in items if match)
            return True
        consequences = [_CONSEQUENCE.match(line) for line in rows]
        if not all(consequences):
            return False
        for kind in ("Good", "Bad"):
            self.fields[f"consequences_{kind.lower()}"] = "\n".join(
                match.group("text").strip() for match in consequences if match and match.group("kind") == kind
            )
        return True

    def _apply_front_matter(self, front: dict[str, Any]) -> None:
        for key, value in front.items():
            name = _FRONT_MATTER_FIELDS.get(key.lower())
            number = _number(value) if key.lower() in {"supersedes", "superseded-by"} else None
            if number is not None:
                if key.lower() == "supersedes":
                    self.supersedes[:0] = [number]
                else:
                    self.superseded_by.add(number)
            elif name == "status" and value is not None:
                self.status_text = str(value)
            elif name is not None and value is not None and name not in self.fields:
                self.fields[name] = (
                    ", ".join(str(item) for item in value) if isinstance(value, list) else str(value)
                )
            elif name is None:
                self.record.layout.front_matter[key] = value
            # (a field's key left empty, "informed:", says nothing and is not written back)

    def _finish(self, title: str) -> ImportedRecord:
        record = self.record
        status, label, target = self._status()
        if target is not None:
            self.superseded_by.add(target)
        if self.superseded_by and status is DecisionStatus.ACCEPTED and label is None:
            status = DecisionStatus.SUPERSEDED
        record.status_label = label
        record.superseded_by = min(self.superseded_by) if self.superseded_by else None
        record.supersedes = self.supersedes[0] if self.supersedes else None
        record.links += [(SUPERSEDES, number) for number in self.supersedes[1:]]
        record.links += [(SUPERSEDED_BY, number) for number in sorted(self.superseded_by)[1:]]
        author = person_id(self.fields.get("author", ""))
        record.author_id = author or IMPORTED_AUTHOR
        author_name = person_name(self.fields.get("author", ""))
        if author and author_name:
            record.layout.names[author] = author_name
        decided_on = _as_date(self.fields.get("date", ""))
        if self.fields.get("date") and decided_on is None:
            record.warnings.append(f"{self.name}: the date {self.fields['date']!r} is not a date; left out")
        record.draft = DecisionDraft(
            title=title[:150],
            status=status,
            context=self.fields.get("context", ""),
            options=self.fields.get("options", ""),
            outcome=self.fields.get("outcome", ""),
            consequences_good=self.fields.get("consequences_good", ""),
            consequences_bad=self.fields.get("consequences_bad", ""),
            decision_makers=_people(self.fields.get("decision_makers", "")),
            consulted=_people(self.fields.get("consulted", "")),
            informed=_people(self.fields.get("informed", "")),
            decided_on=decided_on,
            review_by=_as_date(self.fields.get("review_by", "")),
            feedback_by=_as_date(self.fields.get("feedback_by", "")),
            channel_id=self.fields.get("channel") or None,
            permalink=_unbracket(self.fields.get("permalink", "")) or None,
        )
        return record

    def _status(self) -> tuple[DecisionStatus, str | None, int | None]:
        """The status, a label when it is none of ours, and the record named by "superseded by …".

        The list item (or front matter) and adr-tools' section both say it in our export; adr-tools'
        `adr new -s` changes only the section, so a section that says superseded wins."""
        listed = self._read_status(self.status_text) if self.status_text is not None else None
        sectioned = self._read_status(self.section_status) if self.section_status else None
        chosen = listed or sectioned or (DecisionStatus.ACCEPTED, None, None)
        if sectioned and sectioned[0] is DecisionStatus.SUPERSEDED:
            chosen = sectioned
        if listed and sectioned and _said(listed) != _said(sectioned):
            self.record.warnings.append(
                f"{self.name}: its status list says {self.status_text!r} and its Status section "
                f"{self.section_status!r}; took {chosen[1] or chosen[0].value!r}"
            )
        return chosen

    def _read_status(self, text: str) -> tuple[DecisionStatus, str | None, int | None]:
        cleaned = " ".join(text.split())
        link = LINK_LINE.match(cleaned)
        if link and relation_name(link.group("relation")) == SUPERSEDED_BY:
            return DecisionStatus.SUPERSEDED, None, self.resolve(link.group("target"))
        lowered = cleaned.lower().rstrip(".")
        if lowered.startswith(("superseded by", "superceded by")):
            rest = cleaned[len("superseded by") :].strip(" :")
            return DecisionStatus.SUPERSEDED, None, self.resolve(rest) if rest else None
        if lowered in _STATUS_WORDS:
            return _STATUS_WORDS[lowered], None, None
        if not lowered:
            return DecisionStatus.ACCEPTED, None, None
        return DecisionStatus.PROPOSED, cleaned[:60], None  # "on hold", "draft": kept as written


def _said(status: tuple[DecisionStatus, str | None, int | None]) -> tuple[DecisionStatus, str]:
    return status[0], (status[1] or "").lower()


def _inline_text(lines: list[str], token: Token) -> str:
    """A heading's text as written (the inline token after the heading_open token)."""
    start, end = token.map or [0, 0]
    parsed = _MARKDOWN.parse("\n".join(lines[start:end]))
    inline = next((found for found in parsed if found.type == "inline"), None)
    return inline.content.strip() if inline is not None else ""


def _list_items(lines: list[str], list_token: Token) -> list[str]:
    """The items of a top-level list, each as its source lines (trailing blank lines dropped)."""
    start, end = list_token.map or [0, 0]
    block = "\n".join(lines[start:end])
    items = [token for token in _MARKDOWN.parse(block) if token.type == "list_item_open" and token.level == 1]
    texts = []
    for item in items:
        first, last = item.map or [0, 0]
        texts.append(_squeeze_blank_lines(lines[start + first : start + last]))
    return texts


def _squeeze_blank_lines(lines: list[str]) -> str:
    """Lines joined, without blank lines at either end and with trailing spaces on blank lines gone."""
    joined = "\n".join(line if line.strip() else "" for line in lines)
    return joined.strip("\n").rstrip()


def _history_entry(match: re.Match[str]) -> HistoryEntry:
    day = date.fromisoformat(match.group("day"))
    first = match.group("first")
    to = _STATUS_WORDS.get((first or match.group("to")).lower(), DecisionStatus.PROPOSED)
    was = None if first else _STATUS_WORDS.get(match.group("from").lower())
    return HistoryEntry(day, was, to, match.group("by").strip()[:100])


def _people(value: str) -> tuple[str, ...]:
    return tuple(part.strip() for part in value.split(",") if part.strip())


def _unbracket(value: str) -> str:
    return value.strip().removeprefix("<").removesuffix(">").strip()


def _as_date(value: object) -> date | None:
    if isinstance(value, datetime):
        return value.astimezone(UTC).date() if value.tzinfo else value.date()
    if isinstance(value, date):
        return value
    text = unicodedata.normalize("NFKC", str(value or "")).strip()
    for candidate in (text[:10], text):  # "2020-10-16", "2020-10-16 10:00", and "20201016" (ISO basic)
        try:
            return date.fromisoformat(candidate)
        except ValueError:
            continue
    return None


def _file_number(name: str) -> int | None:
    """A record file's number ("0007-use-postgres.md"); None for a date-named one (log4brains'
    "20201016-use-slugs.md") or a name that is no record's."""
    match = _RECORD_FILE.match(name)
    if match is None or (len(match.group(1)) == 8 and _as_date(match.group(1)) is not None):
        return None
    return int(match.group(1))


def _number(value: object) -> int | None:
    text = str(value).strip() if value is not None else ""
    return int(text) if text.isdigit() else None
