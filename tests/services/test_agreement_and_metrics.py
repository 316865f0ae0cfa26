"""The working agreement in the database and the norm metrics from a seeded history, on both databases."""

from __future__ import annotations

from datetime import UTC, date, datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session, sessionmaker

from bot.agreement.document import Holiday, WorkingAgreement
from bot.agreement.service import apply_agreement, current_agreement, recent_changes
from bot.decisions.service import DecisionDraft, change_status, record_decision
from bot.metrics.service import count_request, norm_metrics
from bot.people import settings_store
from models import (
    AskState,
    ChannelMode,
    DecisionStatus,
    DueSource,
    EntryStatus,
    NudgeOutcome,
    NudgeRecord,
    Standup,
    StandupEntry,
    StandupRun,
    TrackedAsk,
    WorkspaceHoliday,
)

NOW = datetime(2027, 2, 1, 12, 0, tzinfo=UTC)


def test_a_new_workspace_has_the_default_agreement(session_factory: sessionmaker[Session]) -> None:
    with session_factory.begin() as session:
        assert current_agreement(session=session, team_id="T1", now=NOW) == WorkingAgreement()


def test_applying_an_agreement_changes_what_the_bot_uses_and_records_each_change(
    session_factory: sessionmaker[Session],
) -> None:
    agreement = WorkingAgreement.model_validate({
        "response_norms": {"urgent_days": 0, "normal_days": 2, "complex_days": 4},
        "working_time": {"hours": "08:00-16:00", "days": "sun-thu", "time_zone": "Asia/Jerusalem",
                         "focus_blocks": ["12:00-13:00"]},
        "holidays": [{"day": "2027-04-22", "name": "Passover"}],
        "linter": {"disabled_rules": ["wall-of-text"], "default_channel_mode": "observe", "daily_nudge_cap": 1},
        "acknowledgement_emoji": ["thumbsup"], "managers": ["U0MANAGER1"], "surface_overdue_urgent_asks": True,
    })  # fmt: skip
    with session_factory.begin() as session:
        changed = apply_agreement(
            session=session, team_id="T1", agreement=agreement, changed_by="UADMIN", now=NOW
        )
    assert (
        "response_norms.normal_days" in changed and "holidays" in changed and "working_time.days" in changed
    )
    with session_factory.begin() as session:
        workspace = settings_store.workspace_settings(session=session, team_id="T1", now=NOW)
        assert (workspace.norm_normal_days, workspace.work_start, workspace.work_end) == (2, "08:00", "16:00")
        assert workspace.default_channel_mode is ChannelMode.OBSERVE and workspace.ack_emoji == ["thumbsup"]
        assert workspace.focus_blocks == ["12:00-13:00"] and workspace.surface_overdue_urgent
        days = session.scalars(select(WorkspaceHoliday.day).where(WorkspaceHoliday.team_id == "T1")).all()
        assert days == [date(2027, 4, 22)]
        assert current_agreement(session=session, team_id="T1", now=NOW) == agreement
        config = settings_store.lint_config(workspace, settings_store.channel_settings(
            session=session, team_id="T1", channel_id="C1", now=NOW))  # fmt: skip
        assert config.working_hours.days == frozenset({6, 0, 1, 2, 3})
        log = recent_changes(session=session, team_id="T1")
        assert {change.field for change in log} == set(changed)
        assert all(change.changed_by == "UADMIN" for change in log)
    with session_factory.begin() as session:
        assert (
            apply_agreement(session=session, team_id="T1", agreement=agreement, changed_by="UADMIN", now=NOW)
            == []
        )
        again = agreement.model_copy(
            update={"holidays": [Holiday(day=date(2027, 4, 23), name="Passover II")]}
        )
        assert apply_agreement(session=session, team_id="T1", agreement=again, changed_by="cli", now=NOW) == [
            "holidays"
        ]
        other = current_agreement(session=session, team_id="T2", now=NOW)
    assert other == WorkingAgreement()  # another workspace is untouched


def seed_history(sessions: sessionmaker[Session]) -> None:
    """A week in channel CA: 4 requests (3 complete), 2 tips (1 fixed, 1 reported), 2 asks, decisions, a standup."""
    day = (NOW - timedelta(days=1)).date()
    with sessions.begin() as session:
        for complete in (True, True, True, False):
            count_request(session=session, team_id="T1", channel_id="CA", day=day, complete=complete)
        count_request(
            session=session,
            team_id="T1",
            channel_id="CA",
            day=(NOW - timedelta(days=20)).date(),
            complete=False,
        )
        for ts, outcome, reported in (
            ("1.0", NudgeOutcome.FIXED, None),
            ("2.0", NudgeOutcome.REPORTED, ["missing-deadline"]),
        ):
            session.add(NudgeRecord(
                team_id="T1", channel_id="CA", message_ts=ts, user_id="U1", rule_ids=["missing-deadline"],
                outcome=outcome, reported_rule_ids=reported, nudged_at=NOW - timedelta(days=1),
                created_at=NOW - timedelta(days=1), updated_at=NOW,
            ))  # fmt: skip
        asked = NOW - timedelta(days=2)
        for ts, hours in (("3.0", 2), ("4.0", 30)):
            session.add(TrackedAsk(
                team_id="T1", channel_id="CA", message_ts=ts, thread_ts=ts, asker_id="U1", recipient_id="U2",
                urgency="normal", due_source=DueSource.NORM, norm_due_at=asked + timedelta(hours=24),
                due_at=asked + timedelta(hours=24), asked_at=asked, first_response_at=asked + timedelta(hours=hours),
                state=AskState.ANSWERED,
            ))  # fmt: skip
        for title in ("Use Postgres", "Adopt ruff"):
            record_decision(session=session, team_id="T1", author_id="U1", now=NOW - timedelta(days=1),
                            draft=DecisionDraft(title=title, status=DecisionStatus.PROPOSED, outcome="Yes", decision_makers=("U1",)))  # fmt: skip
        change_status(session=session, team_id="T1", number=1, to=DecisionStatus.ACCEPTED, by="U1", now=NOW)
        standup = Standup(team_id="T1", channel_id="CA", days="mon-fri", prompt_time="09:30", participants=["U1", "U2", "U3"],
                          follows_channel=True, questions="[]", digest_after_hours=2, digest_in_thread=True,
                          paused=False, created_by="U1", updated_by="U1", updated_at=NOW)  # fmt: skip
        session.add(standup)
        session.flush()
        run = StandupRun(team_id="T1", standup_id=standup.id, run_date=day, digest_due_at=NOW, created_at=NOW)
        session.add(run)
        session.flush()
        for user, status in (
            ("U1", EntryStatus.ANSWERED),
            ("U2", EntryStatus.PROMPTED),
            ("U3", EntryStatus.AWAY),
        ):
            session.add(StandupEntry(team_id="T1", run_id=run.id, user_id=user, status=status, version=1,
                                     shown_version=0, answered_late=False))  # fmt: skip


def test_metrics_are_computed_from_a_seeded_history(session_factory: sessionmaker[Session]) -> None:
    seed_history(session_factory)
    with session_factory() as session:
        week = norm_metrics(session=session, team_id="T1", now=NOW, days=7)
        month = norm_metrics(session=session, team_id="T1", now=NOW, days=30)
        other = norm_metrics(session=session, team_id="T2", now=NOW, days=30)
    workspace = week["workspace"]
    assert workspace["requests"] == {"linted": 4, "complete": 3, "share_complete": 0.75}
    assert workspace["nudges"] == {
        "sent": 2,
        "fixed": 1,
        "share_fixed": 0.5,
        "not_helpful_reports": {"missing-deadline": 1},
    }
    assert workspace["responses"]["asks"] == 2 and workspace["responses"]["share_within_norm"] == 0.5
    assert (
        workspace["responses"]["median_response_hours"] == 2.0
        and workspace["responses"]["p90_response_hours"] == 30.0
    )
    assert workspace["decisions"] == {"recorded": 2, "by_status": {"accepted": 1, "proposed": 1}}
    assert workspace["standups"] == {"asked": 2, "answered": 1, "away": 1, "participation": 0.5}
    assert week["channels"]["CA"]["requests"]["linted"] == 4
    assert month["workspace"]["requests"]["linted"] == 5
    assert other == {"workspace": {"responses": other["workspace"]["responses"]}, "channels": {}}
    assert other["workspace"]["responses"]["asks"] == 0
