"""Nudge decisions against real databases, with a pinned clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from zoneinfo import ZoneInfo

from sqlalchemy import func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.lint import Rule
from bot.nudges.service import (
    IncomingMessage,
    NudgePlan,
    learn_from_report,
    mark_admins_told,
    paused_rules,
    plan_nudge,
    record_edit,
    record_outcome,
    resume_rule,
    verdict,
)
from bot.people import settings_store
from models import ChannelMode, ChannelSettings, NudgeOutcome, NudgeRecord
from tests.support.concurrency import run_at_once

TOKYO = ZoneInfo("Asia/Tokyo")
NOON_TOKYO = datetime(2026, 3, 11, 12, 0, tzinfo=TOKYO)


def message(ts: str, *, user: str = "U1", team: str = "T1", channel: str = "C1") -> IncomingMessage:
    return IncomingMessage(team, channel, "channel", user, "text", ts, None, None, None)


def decide(
    sessions: sessionmaker[Session], ts: str, rules: list[str], at: datetime, *, mode: ChannelMode = ChannelMode.NUDGE,
    **options: str,
) -> NudgePlan | None:  # fmt: skip
    with sessions.begin() as session:
        return plan_nudge(session=session, message=message(ts, **options), rules=rules, mode=mode, daily_cap=3,
                          now=at, author_tz=TOKYO)  # fmt: skip


def plan(
    sessions: sessionmaker[Session],
    ts: str,
    rules: list[str],
    at: datetime,
    *,
    user: str = "U1",
    team: str = "T1",
) -> NudgeOutcome | None:
    decided = decide(sessions, ts, rules, at, user=user, team=team)
    return decided.outcome if decided is not None else None


def test_the_same_rule_is_not_nudged_twice_within_an_hour(session_factory: sessionmaker[Session]) -> None:
    assert plan(session_factory, "1.1", ["missing-context"], NOON_TOKYO) is NudgeOutcome.NUDGED
    assert (
        plan(session_factory, "1.2", ["missing-context"], NOON_TOKYO + timedelta(minutes=59))
        is NudgeOutcome.SUPPRESSED
    )
    assert (
        plan(session_factory, "1.3", ["missing-context"], NOON_TOKYO + timedelta(minutes=61))
        is NudgeOutcome.NUDGED
    )


def test_a_new_rule_within_the_hour_is_nudged_alone(session_factory: sessionmaker[Session]) -> None:
    plan(session_factory, "1.1", ["missing-context"], NOON_TOKYO)
    decided = decide(session_factory, "1.2", ["missing-context", "false-urgency"], NOON_TOKYO)
    assert decided is not None
    assert decided.rules == ("false-urgency",)


def test_the_daily_cap_counts_the_authors_calendar_day(session_factory: sessionmaker[Session]) -> None:
    rules = ["bare-greeting", "missing-context", "missing-request", "false-urgency"]
    outcomes = [
        plan(session_factory, f"2.{n}", [rule], NOON_TOKYO + timedelta(minutes=n))
        for n, rule in enumerate(rules)
    ]
    assert outcomes == [NudgeOutcome.NUDGED] * 3 + [NudgeOutcome.SUPPRESSED]
    just_after_midnight_in_tokyo = datetime(2026, 3, 12, 0, 5, tzinfo=TOKYO)
    assert plan(session_factory, "2.9", ["wall-of-text"], just_after_midnight_in_tokyo) is NudgeOutcome.NUDGED


def test_a_failed_send_does_not_count_against_the_cap(session_factory: sessionmaker[Session]) -> None:
    plan(session_factory, "3.1", ["bare-greeting"], NOON_TOKYO)
    with session_factory.begin() as session:
        record_outcome(session=session, team_id="T1", channel_id="C1", message_ts="3.1",
                       outcome=NudgeOutcome.SEND_FAILED, now=NOON_TOKYO)  # fmt: skip
    assert plan(session_factory, "3.2", ["bare-greeting"], NOON_TOKYO) is NudgeOutcome.NUDGED


def test_observe_mode_records_and_never_sends(session_factory: sessionmaker[Session]) -> None:
    decided = decide(session_factory, "4.1", ["missing-context"], NOON_TOKYO, mode=ChannelMode.OBSERVE)
    assert decided is not None and not decided.send
    assert decided.outcome is NudgeOutcome.OBSERVED


def test_a_message_is_decided_once(session_factory: sessionmaker[Session]) -> None:
    assert plan(session_factory, "5.1", ["missing-context"], NOON_TOKYO) is NudgeOutcome.NUDGED
    assert plan(session_factory, "5.1", ["missing-context"], NOON_TOKYO) is None


def test_restraint_is_per_person_and_per_workspace(session_factory: sessionmaker[Session]) -> None:
    assert plan(session_factory, "6.1", ["missing-context"], NOON_TOKYO) is NudgeOutcome.NUDGED
    assert plan(session_factory, "6.2", ["missing-context"], NOON_TOKYO, user="U2") is NudgeOutcome.NUDGED
    assert plan(session_factory, "6.3", ["missing-context"], NOON_TOKYO, team="T2") is NudgeOutcome.NUDGED


def test_an_edit_without_findings_marks_the_nudge_fixed(session_factory: sessionmaker[Session]) -> None:
    plan(session_factory, "7.1", ["missing-deadline"], NOON_TOKYO)
    with session_factory.begin() as session:
        assert not record_edit(
            session=session,
            team_id="T1",
            channel_id="C1",
            message_ts="7.1",
            still_flagged=True,
            now=NOON_TOKYO,
        )
        assert record_edit(
            session=session,
            team_id="T1",
            channel_id="C1",
            message_ts="7.1",
            still_flagged=False,
            now=NOON_TOKYO,
        )
        assert not record_edit(
            session=session,
            team_id="T2",
            channel_id="C1",
            message_ts="7.1",
            still_flagged=False,
            now=NOON_TOKYO,
        )
    with session_factory() as session:
        assert session.scalars(select(NudgeRecord.outcome)).one() is NudgeOutcome.FIXED


def test_records_hold_no_message_text(session_factory: sessionmaker[Session]) -> None:
    columns = set(NudgeRecord.__table__.columns.keys())
    assert not {"text", "message", "body"} & columns


def test_a_new_channel_takes_the_workspace_default_mode(session_factory: sessionmaker[Session]) -> None:
    now = datetime(2026, 3, 11, tzinfo=UTC)
    with session_factory.begin() as session:
        settings_store.workspace_settings(
            session=session, team_id="T1", now=now
        ).default_channel_mode = ChannelMode.OBSERVE
    with session_factory.begin() as session:
        assert (
            settings_store.channel_settings(session=session, team_id="T1", channel_id="C9", now=now).mode
            is ChannelMode.OBSERVE
        )
        assert (
            settings_store.channel_settings(session=session, team_id="T2", channel_id="C9", now=now).mode
            is ChannelMode.NUDGE
        )


def test_concurrent_first_events_in_a_channel_create_its_settings_once(
    session_factory: sessionmaker[Session],
) -> None:
    now = datetime(2026, 3, 11, tzinfo=UTC)

    def first_event() -> ChannelMode:
        with session_factory.begin() as session:
            return settings_store.channel_settings(
                session=session, team_id="T1", channel_id="CNEW", now=now
            ).mode

    results, errors = run_at_once(first_event, threads=6)
    assert errors == []
    assert results == [ChannelMode.NUDGE] * 6
    with session_factory() as session:
        assert session.scalar(select(func.count()).select_from(ChannelSettings)) == 1


def test_pause_and_opt_out_stop_nudges_until_resumed(session_factory: sessionmaker[Session]) -> None:
    now = datetime(2026, 3, 11, tzinfo=UTC)
    with session_factory.begin() as session:
        settings_store.pause_nudges(
            session=session, team_id="T1", user_id="U1", until=now + timedelta(days=7)
        )
    with session_factory() as session:
        found = settings_store.profile(session=session, team_id="T1", user_id="U1")
        assert not settings_store.wants_nudges(found, now=now)
        assert settings_store.wants_nudges(found, now=now + timedelta(days=8))
    with session_factory.begin() as session:
        settings_store.set_opted_out(session=session, team_id="T1", user_id="U1", opted_out=True)
    with session_factory() as session:
        assert not settings_store.wants_nudges(
            settings_store.profile(session=session, team_id="T1", user_id="U1"), now=now + timedelta(days=30)
        )
    with session_factory.begin() as session:
        settings_store.resume_nudges(session=session, team_id="T1", user_id="U1")
    with session_factory() as session:
        assert settings_store.wants_nudges(
            settings_store.profile(session=session, team_id="T1", user_id="U1"), now=now
        )


def test_cached_facts_expire(session_factory: sessionmaker[Session]) -> None:
    now = datetime(2026, 3, 11, tzinfo=UTC)
    facts = settings_store.PersonFacts(tz="Asia/Tokyo", is_admin=True, is_bot=False)
    with session_factory.begin() as session:
        settings_store.remember_facts(session=session, team_id="T1", user_id="U1", facts=facts, now=now)
    with session_factory() as session:
        found = settings_store.profile(session=session, team_id="T1", user_id="U1")
        assert settings_store.fresh_facts(found, now=now + timedelta(hours=23)) == facts
        assert settings_store.fresh_facts(found, now=now + settings_store.PROFILE_TTL) is None


def test_the_lint_config_combines_workspace_and_channel_switches(
    session_factory: sessionmaker[Session],
) -> None:
    now = datetime(2026, 3, 11, tzinfo=UTC)
    with session_factory.begin() as session:
        workspace = settings_store.workspace_settings(session=session, team_id="T1", now=now)
        channel = settings_store.channel_settings(session=session, team_id="T1", channel_id="C1", now=now)
        settings_store.switch_rule(workspace, Rule.WALL_OF_TEXT, enabled=False, now=now)
        settings_store.switch_rule(channel, Rule.MISSING_DEADLINE, enabled=False, now=now)
        settings_store.switch_rule(
            channel, Rule.MISSING_DEADLINE, enabled=False, now=now
        )  # twice is harmless
        workspace.broadcast_channel_size = 200
    with session_factory.begin() as session:
        config = settings_store.lint_config(
            settings_store.workspace_settings(session=session, team_id="T1", now=now),
            settings_store.channel_settings(session=session, team_id="T1", channel_id="C1", now=now),
        )
        other = settings_store.lint_config(
            settings_store.workspace_settings(session=session, team_id="T1", now=now),
            settings_store.channel_settings(session=session, team_id="T1", channel_id="C2", now=now),
        )
    assert config.disabled_rules == {Rule.WALL_OF_TEXT, Rule.MISSING_DEADLINE}
    assert config.broadcast_channel_size == 200
    assert other.disabled_rules == {Rule.WALL_OF_TEXT}


# -- learning from "Not helpful" ------------------------------------------------------------------


def nudge_and_maybe_report(
    sessions: sessionmaker[Session], count: int, reported: int, *, start: int = 0
) -> None:
    """`count` missing-deadline nudges to different people, the first `reported` of them reported."""
    for index in range(start, start + count):
        at = NOON_TOKYO + timedelta(minutes=index)
        decided = decide(sessions, f"{index}.0", ["missing-deadline"], at, user=f"U{index}")
        assert decided is not None and decided.send
        if index - start < reported:
            with sessions.begin() as session:
                record_outcome(session=session, team_id="T1", channel_id="C1", message_ts=f"{index}.0",
                               outcome=NudgeOutcome.REPORTED, now=at, reported_rules=["missing-deadline"])  # fmt: skip


def test_a_rule_is_paused_once_enough_people_report_it_and_resumes_with_a_fresh_count(
    session_factory: sessionmaker[Session],
) -> None:
    later = NOON_TOKYO + timedelta(hours=2)
    nudge_and_maybe_report(session_factory, 9, 3)
    with session_factory.begin() as session:  # 3 of 9: too few nudges to judge yet
        assert learn_from_report(session=session, team_id="T1", rules=["missing-deadline"], now=later) == []
    nudge_and_maybe_report(session_factory, 1, 0, start=9)
    with session_factory.begin() as session:  # 3 of 10 = 30%: paused
        (paused,) = learn_from_report(session=session, team_id="T1", rules=["missing-deadline"], now=later)
        assert (paused.rule, paused.nudges, paused.reports) == ("missing-deadline", 10, 3)
        assert set(paused_rules(session=session, team_id="T1")) == {"missing-deadline"}
        assert paused_rules(session=session, team_id="T2") == {}  # per workspace
        assert mark_admins_told(session=session, team_id="T1", rule="missing-deadline", now=later)
        assert not mark_admins_told(session=session, team_id="T1", rule="missing-deadline", now=later)  # once
    with session_factory.begin() as session:
        assert resume_rule(session=session, team_id="T1", rule="missing-deadline", now=later)
        assert paused_rules(session=session, team_id="T1") == {}
        fresh = verdict(session=session, team_id="T1", rule="missing-deadline", now=later)
        assert (fresh.nudges, fresh.reports) == (0, 0)  # counting starts again


def test_a_rule_reported_under_the_share_keeps_being_sent(session_factory: sessionmaker[Session]) -> None:
    nudge_and_maybe_report(session_factory, 12, 3)  # 25%
    with session_factory.begin() as session:
        assert learn_from_report(session=session, team_id="T1", rules=["missing-deadline"],
                                 now=NOON_TOKYO + timedelta(hours=1)) == []  # fmt: skip


def test_only_sendable_rules_are_sent_and_the_rest_is_observed(
    session_factory: sessionmaker[Session],
) -> None:
    with session_factory.begin() as session:
        only_observed = plan_nudge(session=session, message=message("1.0"), rules=["missing-request"],
                                   mode=ChannelMode.NUDGE, daily_cap=3, now=NOON_TOKYO, author_tz=TOKYO,
                                   sendable=frozenset())  # fmt: skip
        mixed = plan_nudge(session=session, message=message("2.0"), rules=["missing-context", "missing-request"],
                           mode=ChannelMode.NUDGE, daily_cap=3, now=NOON_TOKYO, author_tz=TOKYO,
                           sendable=frozenset({"missing-context"}))  # fmt: skip
    assert only_observed is not None and only_observed.outcome is NudgeOutcome.OBSERVED
    assert mixed is not None and (mixed.outcome, mixed.rules) == (NudgeOutcome.NUDGED, ("missing-context",))


def test_a_channel_shared_with_another_organisation_starts_in_observe_unless_someone_chose(
    session_factory: sessionmaker[Session],
) -> None:
    now = datetime(2026, 3, 11, tzinfo=UTC)
    with session_factory.begin() as session:
        shared = settings_store.channel_settings(
            session=session, team_id="T1", channel_id="CSHARED", now=now, shared_externally=True
        )
        assert shared.mode is ChannelMode.OBSERVE
        settings_store.channel_settings(session=session, team_id="T1", channel_id="CLATER", now=now)
        settings_store.set_channel_mode(
            session=session,
            team_id="T1",
            channel_id="CCHOSEN",
            mode=ChannelMode.NUDGE,
            user_id="UADMIN",
            now=now,
        )
    with session_factory.begin() as session:

        def mode_of(channel: str) -> ChannelMode:
            return settings_store.channel_settings(
                session=session, team_id="T1", channel_id=channel, now=now, shared_externally=True
            ).mode

        assert mode_of("CLATER") is ChannelMode.OBSERVE  # shared after the bot first saw it
        assert mode_of("CCHOSEN") is ChannelMode.NUDGE  # a person chose nudge: kept


def test_external_people_are_remembered_and_never_listed_as_admins(
    session_factory: sessionmaker[Session],
) -> None:
    now = datetime(2026, 3, 11, tzinfo=UTC)
    outsider = settings_store.PersonFacts(tz=None, is_admin=True, is_bot=False, is_external=True)
    insider = settings_store.PersonFacts(tz=None, is_admin=True, is_bot=False)
    with session_factory.begin() as session:
        settings_store.remember_facts(session=session, team_id="T1", user_id="UEXT", facts=outsider, now=now)
        settings_store.remember_facts(session=session, team_id="T1", user_id="UIN", facts=insider, now=now)
    with session_factory() as session:
        cached = settings_store.fresh_facts(
            settings_store.profile(session=session, team_id="T1", user_id="UEXT"), now=now
        )
        assert cached is not None and cached.is_external and not cached.holds_admin_rights
        assert settings_store.known_admins(session=session, team_id="T1") == ["UIN"]
