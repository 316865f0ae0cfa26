"""The decision log against real databases: numbering under concurrency, lifecycle, search, isolation."""

from __future__ import annotations

import json
from datetime import UTC, date, datetime

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.decisions import service as decisions
from bot.decisions.scheduled import proposal_reminders
from bot.decisions.service import DecisionDraft, NotAllowedError, UnknownDecisionError, parse_number
from models import DecisionStatus, ScheduledItem
from tests.support.concurrency import run_at_once

NOW = datetime(2026, 3, 11, 15, 0, tzinfo=UTC)


def record(
    sessions: sessionmaker[Session],
    title: str,
    *,
    team: str = "T1",
    context: str = "",
    makers: tuple[str, ...] = ("UMAKER",),
    status: DecisionStatus = DecisionStatus.ACCEPTED,
    outcome: str = "chosen",
) -> int:
    draft = DecisionDraft(
        title=title, status=status, context=context, outcome=outcome, decision_makers=makers
    )
    with sessions.begin() as session:
        return decisions.record_decision(
            session=session, team_id=team, draft=draft, author_id="UAUTHOR", now=NOW
        ).number


def test_numbers_count_up_per_workspace(session_factory: sessionmaker[Session]) -> None:
    assert [
        record(session_factory, "a"),
        record(session_factory, "b"),
        record(session_factory, "c", team="T2"),
    ] == [1, 2, 1]


def test_two_people_submitting_at_once_get_different_numbers(session_factory: sessionmaker[Session]) -> None:
    results, errors = run_at_once(lambda: record(session_factory, "race"), threads=6)
    assert errors == []
    assert sorted(results) == [1, 2, 3, 4, 5, 6]


def test_only_decision_makers_or_the_author_change_status_and_history_is_kept(
    session_factory: sessionmaker[Session],
) -> None:
    number = record(session_factory, "Adopt trunk-based development", status=DecisionStatus.PROPOSED)
    with session_factory.begin() as session, pytest.raises(NotAllowedError):
        decisions.change_status(
            session=session, team_id="T1", number=number, to=DecisionStatus.ACCEPTED, by="USTRANGER", now=NOW
        )
    with session_factory.begin() as session:
        decisions.change_status(
            session=session, team_id="T1", number=number, to=DecisionStatus.ACCEPTED, by="UMAKER", now=NOW
        )
        decisions.change_status(
            session=session, team_id="T1", number=number, to=DecisionStatus.DEPRECATED, by="UAUTHOR", now=NOW
        )
    with session_factory() as session:
        found = decisions.find(session=session, team_id="T1", number=number)
        changes = [
            (c.from_status, c.to_status, c.changed_by)
            for c in decisions.history(session=session, team_id="T1", decision_id=found.id)
        ]
    assert changes == [
        (None, DecisionStatus.PROPOSED, "UAUTHOR"),
        (DecisionStatus.PROPOSED, DecisionStatus.ACCEPTED, "UMAKER"),
        (DecisionStatus.ACCEPTED, DecisionStatus.DEPRECATED, "UAUTHOR"),
    ]


def test_supersede_links_both_records(session_factory: sessionmaker[Session]) -> None:
    old, new = record(session_factory, "Use REST"), record(session_factory, "Use gRPC")
    with session_factory.begin() as session:
        decisions.supersede(session=session, team_id="T1", old=old, new=new, by="UMAKER", now=NOW)
    with session_factory() as session:
        replaced, replacement = (decisions.find(session=session, team_id="T1", number=n) for n in (old, new))
        assert (replaced.status, replaced.superseded_by, replacement.supersedes) == (
            DecisionStatus.SUPERSEDED,
            new,
            old,
        )


def test_links_are_kept_on_both_records_once_and_only_by_those_who_decide(
    session_factory: sessionmaker[Session],
) -> None:
    base, change = record(session_factory, "Use REST"), record(session_factory, "Version the REST API")
    with session_factory.begin() as session:
        for _ in range(2):  # linking again changes nothing
            decisions.link(
                session=session, team_id="T1", source=change, relation="amends", target=base, by="UMAKER"
            )
        decisions.link(
            session=session, team_id="T1", source=base, relation="relates to", target=change, by="UMAKER"
        )
    with session_factory.begin() as session, pytest.raises(NotAllowedError):
        decisions.link(
            session=session, team_id="T1", source=change, relation="amends", target=base, by="UOTHER"
        )
    with session_factory.begin() as session, pytest.raises(NotAllowedError):
        decisions.link(
            session=session, team_id="T1", source=base, relation="amends", target=base, by="UMAKER"
        )
    with session_factory() as session:
        by_id = decisions.links_by_record(session=session, team_id="T1")
        first, second = decisions.all_decisions(session=session, team_id="T1")
        assert by_id[first.id] == [("Amended by", change), ("Relates to", change)]
        assert by_id[second.id] == [("Amends", base), ("Relates to", base)]


def test_another_workspaces_record_is_unknown_here(session_factory: sessionmaker[Session]) -> None:
    record(session_factory, "Theirs", team="TOTHER")
    with session_factory() as session, pytest.raises(UnknownDecisionError):
        decisions.find(session=session, team_id="T1", number=1)
    with session_factory() as session:
        assert decisions.list_decisions(session=session, team_id="T1") == []
        assert decisions.search(session=session, team_id="T1", words="Theirs") == []


def test_search_is_ranked_and_finds_words_of_the_context(session_factory: sessionmaker[Session]) -> None:
    record(session_factory, "Cache the pricing API", context="The pricing endpoint is slow under load")
    record(
        session_factory, "Retire the old billing service", context="It calls the pricing endpoint once a day"
    )
    record(session_factory, "Pick a logo", context="Marketing wants a new one")
    with session_factory() as session:
        found = [r.title for r in decisions.search(session=session, team_id="T1", words="pricing endpoint")]
        assert found == ["Cache the pricing API", "Retire the old billing service"]
        assert decisions.search(session=session, team_id="T1", words="100%_ off") == []


def test_list_by_status_newest_first(session_factory: sessionmaker[Session]) -> None:
    record(session_factory, "one")
    record(session_factory, "two", status=DecisionStatus.PROPOSED)
    record(session_factory, "three")
    with session_factory() as session:
        assert [
            r.title
            for r in decisions.list_decisions(session=session, team_id="T1", status=DecisionStatus.ACCEPTED)
        ] == ["three", "one"]


@pytest.mark.parametrize(
    ("text", "number"), [("ADR-7", 7), ("adr-0007", 7), ("7", 7), ("ADR 12", 12), ("ADR-x", None), ("", None)]
)
def test_record_numbers_parse(text: str, number: int | None) -> None:
    assert parse_number(text) == number


def test_a_draft_without_a_date_takes_today(session_factory: sessionmaker[Session]) -> None:
    record(session_factory, "dated")
    with session_factory() as session:
        assert decisions.find(session=session, team_id="T1", number=1).decided_on == date(2026, 3, 11)


def test_a_proposal_past_its_feedback_date_reminds_its_decision_makers_once(
    session_factory: sessionmaker[Session],
) -> None:
    draft = DecisionDraft(title="Adopt trunk-based development", status=DecisionStatus.PROPOSED, decision_makers=("UANA", "UBEN"),
                          feedback_by=date(2026, 3, 10), channel_id="CENG", thread_ts="100.1")  # fmt: skip
    with session_factory.begin() as session:
        decisions.record_decision(session=session, team_id="T1", draft=draft, author_id="UAUTHOR", now=NOW)
    on_the_day = datetime(2026, 3, 10, 23, 0, tzinfo=UTC)
    with session_factory.begin() as session:
        assert proposal_reminders(session, on_the_day) == 0
        assert proposal_reminders(session, NOW) == 1
        assert proposal_reminders(session, NOW) == 0  # the same occurrence is not produced twice
    with session_factory() as session:
        (item,) = session.scalars(select(ScheduledItem)).all()
    assert (item.team_id, item.channel_id, item.kind) == ("T1", "CENG", "proposal_reminder")
    payload = json.loads(item.payload)
    assert payload["thread_ts"] == "100.1"
    assert payload["text"].startswith("<@UANA> <@UBEN>: comments on ADR-0001")


def test_a_viewer_sees_the_records_of_their_channels_and_those_they_took_part_in(
    session_factory: sessionmaker[Session],
) -> None:
    made_in = {"public": "C0PUBLIC01", "private": "G0PRIVATE1", "dm": "D0DIRECT01", "nowhere": None}
    with session_factory.begin() as session:
        for title, channel in made_in.items():
            draft = DecisionDraft(title=title, status=DecisionStatus.ACCEPTED, outcome="x", channel_id=channel,
                                  informed=("UINFORMED",))  # fmt: skip
            decisions.record_decision(
                session=session, team_id="T1", draft=draft, author_id="UAUTHOR", now=NOW
            )

    def seen(viewer: decisions.Viewer) -> list[str]:
        with session_factory() as session:
            listed = [r.title for r in decisions.list_decisions(session=session, team_id="T1", viewer=viewer)]
            found = [
                r.title for r in decisions.search(session=session, team_id="T1", words="x", viewer=viewer)
            ]
            assert sorted(found) == sorted(listed) or not found
            return sorted(listed)

    assert seen(decisions.Viewer("UMEMBER", frozenset({"C0PUBLIC01", "G0PRIVATE1"}))) == ["private", "public"]
    assert seen(decisions.Viewer("UOTHER", frozenset({"C0ELSEWHERE"}))) == []
    assert seen(decisions.Viewer("UMEMBER", None)) == []  # membership unknown: show less, never more
    assert seen(decisions.Viewer("UAUTHOR", None)) == ["dm", "nowhere", "private", "public"]
    assert seen(decisions.Viewer("UINFORMED", frozenset())) == ["dm", "nowhere", "private", "public"]
    with session_factory() as session, pytest.raises(UnknownDecisionError):
        decisions.find(
            session=session, team_id="T1", number=2, viewer=decisions.Viewer("UOTHER", frozenset())
        )


def test_superseding_needs_the_right_to_change_both_records(session_factory: sessionmaker[Session]) -> None:
    mine = record(session_factory, "Use REST", makers=("UANA",))
    theirs = record(session_factory, "Use gRPC", makers=("UBEN",))
    with session_factory.begin() as session, pytest.raises(NotAllowedError):
        decisions.supersede(session=session, team_id="T1", old=mine, new=theirs, by="UANA", now=NOW)
    with session_factory() as session:
        untouched = decisions.find(session=session, team_id="T1", number=theirs)
        assert untouched.supersedes is None


def change(sessions: sessionmaker[Session], number: int, to: DecisionStatus) -> None:
    with sessions.begin() as session:
        decisions.change_status(session=session, team_id="T1", number=number, to=to, by="UMAKER", now=NOW)


def test_the_lifecycle_allows_only_its_transitions(session_factory: sessionmaker[Session]) -> None:
    proposal = record(session_factory, "Adopt Kotlin", status=DecisionStatus.PROPOSED)
    with pytest.raises(NotAllowedError, match="still a proposal"):
        change(session_factory, proposal, DecisionStatus.DEPRECATED)
    change(session_factory, proposal, DecisionStatus.ACCEPTED)
    with pytest.raises(NotAllowedError, match="is accepted"):
        change(session_factory, proposal, DecisionStatus.REJECTED)  # Reject on an accepted record
    change(session_factory, proposal, DecisionStatus.DEPRECATED)
    with pytest.raises(NotAllowedError, match="stays so"):
        change(session_factory, proposal, DecisionStatus.ACCEPTED)
    rejected = record(session_factory, "Adopt Scala", status=DecisionStatus.PROPOSED)
    change(session_factory, rejected, DecisionStatus.REJECTED)
    with pytest.raises(NotAllowedError, match="stays so"):
        change(session_factory, rejected, DecisionStatus.ACCEPTED)
    change(session_factory, rejected, DecisionStatus.REJECTED)  # asking for what it is changes nothing


def test_a_record_without_an_outcome_cannot_be_accepted(session_factory: sessionmaker[Session]) -> None:
    empty = record(session_factory, "Pick a CI", status=DecisionStatus.PROPOSED, outcome="  ")
    with pytest.raises(NotAllowedError, match="no outcome"):
        change(session_factory, empty, DecisionStatus.ACCEPTED)
    with session_factory() as session:
        assert decisions.find(session=session, team_id="T1", number=empty).status is DecisionStatus.PROPOSED


def test_only_an_accepted_record_supersedes_and_only_an_accepted_one(
    session_factory: sessionmaker[Session],
) -> None:
    current = record(session_factory, "Use REST")
    proposal = record(session_factory, "Use gRPC", status=DecisionStatus.PROPOSED)
    with session_factory.begin() as session, pytest.raises(NotAllowedError, match="Accept it first"):
        decisions.supersede(session=session, team_id="T1", old=current, new=proposal, by="UMAKER", now=NOW)
    with session_factory.begin() as session, pytest.raises(NotAllowedError, match="still a proposal"):
        decisions.supersede(session=session, team_id="T1", old=proposal, new=current, by="UMAKER", now=NOW)
    with session_factory() as session:
        assert decisions.find(session=session, team_id="T1", number=current).status is DecisionStatus.ACCEPTED
