"""Our Markdown ADRs as the teams' own tools read and write them: Debian's adr-tools (`adr new -s`,
`adr link`, `adr generate toc`) and log4brains' reader (npm @log4brains/core), for real."""

from __future__ import annotations

from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.decisions import service as decisions
from bot.decisions.adr.layout import heading_title
from bot.decisions.service import DecisionDraft
from models import DecisionStatus
from tests.services.test_adr_files import EXPECTED, export_folder, import_folder, statuses_and_links
from tests.support.adr_readers import adr, eval_adr_folder, log4brains_records

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)


def make_log(sessions: sessionmaker[Session], team: str) -> None:
    """Records made in Slack: accepted, proposed, rejected, an accepted one superseded by another, and
    a title with characters Markdown and tables care about."""
    titles = [
        ("Use PostgreSQL", DecisionStatus.ACCEPTED),
        ("Try trunk-based development", DecisionStatus.PROPOSED),
        ("Adopt GraphQL", DecisionStatus.PROPOSED),
        ("Run CI on every push", DecisionStatus.ACCEPTED),
        ("Run CI on merge requests | nightly", DecisionStatus.ACCEPTED),
    ]
    with sessions.begin() as session:
        for title, status in titles:
            draft = DecisionDraft(
                title=title, status=status, context="Why.", outcome="What.", decision_makers=("U1",)
            )
            decisions.record_decision(session=session, team_id=team, draft=draft, author_id="U1", now=NOW)
        decisions.change_status(
            session=session, team_id=team, number=3, to=DecisionStatus.REJECTED, by="U1", now=NOW
        )
        decisions.supersede(session=session, team_id=team, old=4, new=5, by="U1", now=NOW)


def expected_log4brains(sessions: sessionmaker[Session], team: str) -> list[tuple[str, str]]:
    with sessions() as session:
        return [(r.title, r.status.value) for r in decisions.all_decisions(session=session, team_id=team)]


def test_adr_tools_reads_our_export_and_we_read_what_it_writes(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    make_log(session_factory, "T1")
    export_folder(session_factory, "T1", tmp_path / "adr")
    (tmp_path / ".adr-dir").write_text("adr", encoding="utf-8")

    toc = adr(tmp_path, "generate", "toc")
    assert [line for line in toc.splitlines() if line.startswith("* ")] == [
        "* [Use PostgreSQL](0001-use-postgresql.md)",
        "* [Try trunk-based development](0002-try-trunk-based-development.md)",
        "* [Adopt GraphQL](0003-adopt-graphql.md)",
        "* [Run CI on every push](0004-run-ci-on-every-push.md)",
        "* [Run CI on merge requests | nightly](0005-run-ci-on-merge-requests-nightly.md)",
    ]
    adr(tmp_path, "link", "2", "Relates to", "1", "Relates to")
    adr(tmp_path, "new", "-s", "1", "Use", "SQLite")  # supersedes ADR 1 the adr-tools way

    import_folder(session_factory, tmp_path / "adr", "T2")
    rows = {row[0]: row[1:] for row in statuses_and_links(session_factory, "T2")}
    assert rows[1] == ("Use PostgreSQL", DecisionStatus.SUPERSEDED, None, None, 6, [("Relates to", 2)])
    assert rows[2] == (
        "Try trunk-based development",
        DecisionStatus.PROPOSED,
        None,
        None,
        None,
        [("Relates to", 1)],
    )
    assert rows[3][1] is DecisionStatus.REJECTED
    assert rows[4][1:5] == (DecisionStatus.SUPERSEDED, None, None, 5)
    assert rows[5][1:5] == (DecisionStatus.ACCEPTED, None, 4, None)
    assert rows[6] == ("Use SQLite", DecisionStatus.ACCEPTED, None, 1, None, [])


def test_log4brains_reads_the_statuses_and_titles_we_write(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    make_log(session_factory, "T1")
    export_folder(session_factory, "T1", tmp_path / "adr")
    seen = [(record["title"], record["status"]) for record in log4brains_records(tmp_path / "adr")]
    assert sorted(seen) == sorted(expected_log4brains(session_factory, "T1"))
    superseded = next(
        record for record in log4brains_records(tmp_path / "adr") if record["status"] == "superseded"
    )
    assert superseded["supersededBy"] == "Run CI on merge requests | nightly"


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_log4brains_reads_an_imported_real_folder_as_we_do(
    session_factory: sessionmaker[Session], tmp_path: Path, name: str
) -> None:
    source = eval_adr_folder(name)
    import_folder(session_factory, source, "T1")
    export_folder(session_factory, "T1", tmp_path / "adr")
    seen = {record["title"]: record["status"] for record in log4brains_records(tmp_path / "adr")}
    with session_factory() as session:
        records = decisions.all_decisions(session=session, team_id="T1")
    assert len(seen) == len(records)
    for record in records:
        # a status log4brains does not know ("on hold") it shows as a draft
        expected = "draft" if record.status_label else record.status.value
        assert seen[heading_title(record.number, record.title, record.layout)] == expected, record.title
