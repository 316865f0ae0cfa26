"""Reading Markdown ADR files: the formats teams keep, and the files that broke the old reader."""

from __future__ import annotations

from datetime import date
from pathlib import Path

from bot.decisions.adr.layout import person_id, slug
from bot.decisions.adr.reader import read_folder, read_record
from models import DecisionStatus


def write(folder: Path, name: str, text: str) -> None:
    (folder / name).write_text(text, encoding="utf-8")


def test_madr_4_front_matter_with_a_bom_and_a_dashed_value() -> None:
    text = (
        "\ufeff---\nstatus: on hold\ndate: 2024-05-02\ndecision-makers: [Ana Lima, Ben Ode]\n"
        "parent: Decisions\nsummary: |\n  before\n  ---\n  after\n---\n# Use Postgres\n\n"
        "## Context and Problem Statement\n\nWe need a database.\n"
    )
    imported = read_record("0004-use-postgres.md", text, 4)
    assert imported.draft.title == "Use Postgres"
    assert (imported.draft.status, imported.status_label) == (DecisionStatus.PROPOSED, "on hold")
    assert imported.draft.decided_on == date(2024, 5, 2)
    assert imported.draft.decision_makers == ("Ana Lima", "Ben Ode")
    assert imported.layout.front_matter == {"parent": "Decisions", "summary": "before\n---\nafter\n"}
    assert imported.draft.context == "We need a database."


def test_madr_2_status_list_and_technical_story_kept() -> None:
    text = (
        "# Use Markdown\n\n* Status: accepted\n* Deciders: Oliver, Olaf\n* Date: 2017-12-01\n\n"
        "Technical Story: make ADRs easy\n\n## Context and Problem Statement\n\nWhy.\n\n"
        "## Decision Drivers\n\n* readable\n* diffable\n"
    )
    imported = read_record("0001-use-markdown.md", text, 1)
    assert imported.draft.status is DecisionStatus.ACCEPTED
    assert imported.draft.decision_makers == ("Oliver", "Olaf")
    assert imported.layout.preamble == "Technical Story: make ADRs easy"
    assert [section.text for section in imported.layout.sections if section.field is None] == [
        "## Decision Drivers\n\n* readable\n* diffable"
    ]


def test_adr_tools_superceded_spelling_and_amends_links(tmp_path: Path) -> None:
    write(tmp_path, "0001-first.md", "# 1. First\n\nDate: 2016-02-12\n\n## Status\n\nSuperceded by [2. Second](0002-second.md)\n\n## Context\n\nx\n")  # fmt: skip
    write(tmp_path, "0002-second.md", "# 2. Second\n\nDate: 2016-02-13\n\n## Status\n\nAccepted\n\nSupercedes [1. First](0001-first.md)\n\nAmends [3. Third](0003-third.md)\n\n## Context\n\ny\n")  # fmt: skip
    write(tmp_path, "0003-third.md", "# 3. Third\n\n## Status\n\nAccepted\n\nAmended by [2. Second](0002-second.md)\n")  # fmt: skip
    first, second, third = read_folder(tmp_path).records
    assert (first.draft.status, first.superseded_by) == (DecisionStatus.SUPERSEDED, 2)
    assert (second.draft.status, second.supersedes, second.links) == (
        DecisionStatus.ACCEPTED,
        1,
        [("Amends", 3)],
    )
    assert third.links == [("Amended by", 2)]
    assert first.draft.title == "First" and first.layout.numbered_title


def test_log4brains_date_named_files_are_numbered_and_linked_by_name(tmp_path: Path) -> None:
    write(tmp_path, "0001-numbered.md", "# Numbered\n")
    write(tmp_path, "20200926-old.md", "# Old\n\n- Status: superseded by [20201016-new](20201016-new.md)\n- Date: 2020-09-26\n")  # fmt: skip
    write(tmp_path, "20201016-new.md", "# New\n\n- Status: accepted\n- Date: 2020-10-16\n\n## Links\n\n- Supersedes [20200926-old](20200926-old.md)\n")  # fmt: skip
    write(tmp_path, "template.md", "# Title\n")
    write(tmp_path, "README.md", "# ADRs\n")
    read = read_folder(tmp_path)
    assert read.problems == []
    _, old, new = read.records
    assert [record.number for record in read.records] == [1, 2, 3]
    assert (old.draft.status, old.superseded_by, old.draft.decided_on) == (
        DecisionStatus.SUPERSEDED,
        3,
        date(2020, 9, 26),
    )
    assert (new.supersedes, new.layout.links_section) == (2, "## Links")


def test_a_bad_file_is_reported_by_name_and_the_rest_import(tmp_path: Path) -> None:
    write(tmp_path, "0001-good.md", "# Good\n")
    write(tmp_path, "0002-bad-yaml.md", "---\nstatus: [unclosed\n---\n# Bad\n")
    write(tmp_path, "0003-not-a-mapping.md", "---\n- a list\n---\n# Bad\n")
    write(tmp_path, "notes.md", "# Not a record\n")
    read = read_folder(tmp_path)
    assert [record.number for record in read.records] == [1]
    assert [problem.split(":")[0] for problem in read.problems] == [
        "0002-bad-yaml.md",
        "0003-not-a-mapping.md",
        "notes.md",
    ]


def test_a_second_level_title_a_list_item_over_two_lines_and_no_date() -> None:
    text = "## Pick a queue\n\n## Considered Options\n\n* Kafka, which\n  we know\n* SQS\n"
    imported = read_record("0007-pick-a-queue.md", text, 7)
    assert imported.draft.title == "Pick a queue"
    assert imported.draft.decided_on is None  # not the day of the import
    assert imported.draft.options == ""  # kept verbatim instead: no line is lost
    assert [section.text for section in imported.layout.sections] == [
        "## Considered Options\n\n* Kafka, which\n  we know\n* SQS"
    ]


def test_headings_inside_code_are_not_sections() -> None:
    text = "# Format\n\n## Context\n\nLike this:\n\n```markdown\n## Status\n\nRejected\n```\n"
    imported = read_record("0001-format.md", text, 1)
    assert imported.draft.status is DecisionStatus.ACCEPTED
    assert imported.draft.context == "Like this:\n\n```markdown\n## Status\n\nRejected\n```"


def test_a_status_list_and_a_status_section_that_disagree_are_reported() -> None:
    text = "# X\n\n- Status: proposed\n\n## Status\n\nAccepted\n"
    imported = read_record("0001-x.md", text, 1)
    assert imported.draft.status is DecisionStatus.PROPOSED
    assert imported.warnings and "0001-x.md" in imported.warnings[0]


def test_people_ids_and_slugs() -> None:
    assert person_id("Ana Lima (U01ANA)") == "U01ANA"
    assert person_id("U01ANA") == "U01ANA"
    assert person_id("Oliver Kopp") is None
    assert slug("Packaging and distribution in other version control repositories") == (
        "packaging-and-distribution-in-other-version-control"
    )
