"""Decision records to Markdown files and back, on real databases: the real ADR folders in
../shared/eval/adr lose no words, statuses or links, a second cycle is byte-identical, and what a
record gathered in Slack (names, notes, author, channel, thread, history) is in its file."""

from __future__ import annotations

import re
from collections import Counter
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy.orm import Session, sessionmaker

from bot.decisions import service as decisions
from bot.decisions.adr.reader import read_folder
from bot.decisions.cli import log_files
from bot.decisions.service import DecisionDraft, NotAllowedError
from bot.people import settings_store
from models import DecisionStatus
from tests.support.adr_readers import eval_adr_folder

NOW = datetime(2026, 12, 1, 10, 0, tzinfo=UTC)
_WORD = re.compile(r"[A-Za-z0-9]+")


def import_folder(sessions: sessionmaker[Session], folder: Path, team: str) -> None:
    read = read_folder(folder)
    assert read.problems == []
    with sessions.begin() as session:
        for record in read.records:
            assert decisions.import_decision(session=session, team_id=team, imported=record, now=NOW)


def export_folder(sessions: sessionmaker[Session], team: str, folder: Path) -> dict[str, str]:
    with sessions() as session:
        files = log_files(session, team)
    folder.mkdir()
    for name, text in files.items():
        (folder / name).write_text(text, encoding="utf-8")
    return files


def words(texts: list[str]) -> Counter[str]:
    return Counter(word.lower() for text in texts for word in _WORD.findall(text))


def statuses_and_links(sessions: sessionmaker[Session], team: str) -> list[tuple[object, ...]]:
    with sessions() as session:
        links = decisions.links_by_record(session=session, team_id=team)
        return [
            (r.number, r.title, r.status, r.status_label, r.supersedes, r.superseded_by, links.get(r.id, []))
            for r in decisions.all_decisions(session=session, team_id=team)
        ]


Expected = dict[int, tuple[DecisionStatus, str | None, int | None, int | None, list[tuple[str, int]]]]
EXPECTED: dict[str, Expected] = {  # what each folder's files say, read by a person
    "madr": {3: (DecisionStatus.PROPOSED, "on hold", None, None, [])},
    "log4brains": {
        4: (DecisionStatus.SUPERSEDED, None, None, 6, []),
        6: (DecisionStatus.ACCEPTED, None, 4, None, []),
    },
    "adr-tools": {
        5: (DecisionStatus.ACCEPTED, None, None, None, [("Amended by", 9)]),
        9: (DecisionStatus.ACCEPTED, None, None, None, [("Amends", 5)]),
    },
}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_a_real_adr_folder_survives_import_and_export(
    session_factory: sessionmaker[Session], tmp_path: Path, name: str
) -> None:
    source = eval_adr_folder(name)
    records = sorted(path for path in source.glob("*.md") if path.name[0].isdigit())
    import_folder(session_factory, source, f"T{name}")
    exported = export_folder(session_factory, f"T{name}", tmp_path / "first")

    before = words([path.read_text(encoding="utf-8") for path in records])
    after = words([text for file, text in exported.items() if file != "index.md"])
    kept = sum(min(count, after[word]) for word, count in before.items())
    assert kept / sum(before.values()) >= 0.99, (before - after).most_common(20)

    found = statuses_and_links(session_factory, f"T{name}")
    assert len(found) == len(records)
    for number, expected in EXPECTED[name].items():
        assert next(row[2:] for row in found if row[0] == number) == expected
    unmarked = [row for row in found if row[0] not in EXPECTED[name]]
    assert all(row[2:] == (DecisionStatus.ACCEPTED, None, None, None, []) for row in unmarked)

    import_folder(session_factory, tmp_path / "first", f"T{name}-again")
    assert statuses_and_links(session_factory, f"T{name}-again") == found
    again = export_folder(session_factory, f"T{name}-again", tmp_path / "second")
    assert again == exported  # byte for byte, file names included


def test_a_slack_record_exports_names_notes_author_thread_and_history(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    with session_factory.begin() as session:
        for user, name in (("U01ANA", "Ana Lima"), ("U02BEN", "Ben Ode")):
            settings_store.ensure_profile(session=session, team_id="T1", user_id=user).display_name = name
        draft = DecisionDraft(
            title="Ship | weekly", status=DecisionStatus.PROPOSED, context="Releases pile up.",
            outcome="Every Tuesday.", decision_makers=("U01ANA", "U02BEN"), channel_id="C0REL",
            permalink="https://acme.slack.com/archives/C0REL/p1700000000000100",
        )  # fmt: skip
        record = decisions.record_decision(
            session=session, team_id="T1", draft=draft, author_id="U01ANA", now=NOW
        )
        decisions.append_note(
            session=session, team_id="T1", number=1, note="Try it for a month", by="U02BEN", now=NOW
        )
        decisions.change_status(
            session=session, team_id="T1", number=record.number, to=DecisionStatus.ACCEPTED, by="U02BEN", now=NOW
        )  # fmt: skip
    files = export_folder(session_factory, "T1", tmp_path / "log")
    text = files["0001-ship-weekly.md"]
    assert "- Deciders: Ana Lima (U01ANA), Ben Ode (U02BEN)" in text
    assert "- Recorded by: Ana Lima (U01ANA)" in text
    assert "- Slack channel: C0REL" in text
    assert "- Slack thread: <https://acme.slack.com/archives/C0REL/p1700000000000100>" in text
    assert "## Notes\n\n2026-12-01 Ben Ode (U02BEN): Try it for a month" in text
    assert "- 2026-12-01: recorded as proposed, by Ana Lima (U01ANA)" in text
    assert "- 2026-12-01: accepted (was proposed), by Ben Ode (U02BEN)" in text
    assert "[Ship \\| weekly](0001-ship-weekly.md)" in files["index.md"]

    import_folder(session_factory, tmp_path / "log", "T2")
    with session_factory() as session:
        copy = decisions.find(session=session, team_id="T2", number=1)
        assert decisions.may_change(copy, "U02BEN")  # the named decision-makers still decide
        assert (copy.author_id, copy.channel_id, copy.status) == ("U01ANA", "C0REL", DecisionStatus.ACCEPTED)
        assert len(decisions.history(session=session, team_id="T2", decision_id=copy.id)) == 2
    again = export_folder(session_factory, "T2", tmp_path / "again")
    assert again == files


def test_an_imported_status_gives_way_to_the_lifecycle(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    (tmp_path / "0001-cache.md").write_text(
        "# Cache\n\n- Status: on hold\n\n## Decision Outcome\n\nRedis.\n", encoding="utf-8"
    )
    import_folder(session_factory, tmp_path, "T1")
    with session_factory.begin() as session:
        record = decisions.find(session=session, team_id="T1", number=1)
        assert (record.status, record.status_label) == (DecisionStatus.PROPOSED, "on hold")
        # from the team's repository, not a conversation: everyone in the workspace may read it
        assert decisions.Viewer("USOMEONE", frozenset()).can_see(record)
        # The file names nobody in Slack: nobody's to decide on but a workspace admin's.
        with pytest.raises(NotAllowedError, match="a workspace admin can"):
            decisions.change_status(
                session=session, team_id="T1", number=1, to=DecisionStatus.ACCEPTED, by="UANYONE", now=NOW
            )
        decisions.change_status(
            session=session,
            team_id="T1",
            number=1,
            to=DecisionStatus.ACCEPTED,
            by="UADMIN",
            now=NOW,
            admin=True,
        )
        assert (record.status, record.status_label) == (DecisionStatus.ACCEPTED, None)


ODD_FILES = {  # shapes real folders have that the three in shared/ do not
    "0001-nygard.md": "# 1. Use Kafka for events\n\nWe talked at length. Kafka wins: the team knows it.\n",
    "0002-crlf.md": "# Use CRLF files\r\n\r\n* Status: proposed\r\n* Deciders: Ana\r\n\r\n## Decision Outcome\r\n\r\n"
    "Chosen option: x.\r\n\r\n### Positive Consequences\r\n\r\n* good thing\r\n",
    "0003-setext.md": "Text above the title.\n\nUse setext headings\n===\n\nStatus ##\n---\n\nRejected\n\n"
    "## Context ##\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Consequences\n\n* Neutral, because who knows\n",
    "0004-madr3.md": "---\nstatus: accepted\ndate: 2022-11-23\ndeciders: [Ana, Ben]\ninformed:\n---\n# Use MADR 3\n\n"
    "## Decision Outcome\n\nChosen: A.\n\n### Confirmation\n\nWe review it.\n\n## More Information\n\n"
    "See [the first](0001-nygard.md).\n",
}


def test_other_shapes_of_files_keep_their_words_and_settle_after_one_cycle(
    session_factory: sessionmaker[Session], tmp_path: Path
) -> None:
    source = tmp_path / "source"
    source.mkdir()
    for name, text in ODD_FILES.items():
        (source / name).write_bytes(text.encode("utf-8"))
    import_folder(session_factory, source, "T1")
    exported = export_folder(session_factory, "T1", tmp_path / "first")
    for name, text in ODD_FILES.items():
        missing = words([text]) - words([exported[name]])
        assert set(missing) <= {"informed"}, (name, missing)  # an empty front-matter key says nothing
    statuses = [row[2] for row in statuses_and_links(session_factory, "T1")]
    assert statuses == [
        DecisionStatus.ACCEPTED,
        DecisionStatus.PROPOSED,
        DecisionStatus.REJECTED,
        DecisionStatus.ACCEPTED,
    ]
    import_folder(session_factory, tmp_path / "first", "T2")
    assert export_folder(session_factory, "T2", tmp_path / "second") == exported
