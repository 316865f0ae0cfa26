"""A workspace leaving: its work stops at once, its data goes after the retention period, on both databases."""

from __future__ import annotations

from datetime import UTC, datetime, time, timedelta

from slack_sdk.oauth.installation_store import Installation
from sqlalchemy import Engine, Table, func, select
from sqlalchemy.orm import Session, sessionmaker

from bot.agreement.document import Holiday, WorkingAgreement
from bot.agreement.service import apply_agreement
from bot.asks.detection import DetectedAsk
from bot.asks.service import AskedMessage, open_asks
from bot.calendar.working_time import WorkCalendar
from bot.core.dedup import claim_event
from bot.core.deps import build_deps
from bot.core.settings import load_settings
from bot.core.token_cipher import TokenCipher
from bot.core.workspaces import (
    WORKSPACE_TABLES,
    ReturningAwareInstallationStore,
    erase_person,
    forget_installation,
    mark_uninstalled,
    purge_expired,
    purge_workspace,
)
from bot.decisions.service import DecisionDraft, change_status, record_decision
from bot.lint import Urgency
from bot.metrics.service import count_request
from bot.nudges.service import verdict
from bot.people import settings_store
from bot.scheduling import outbox
from bot.scheduling.jobs import run_workspace_purge
from bot.scheduling.outbox import NewItem
from bot.standups import service as standups
from bot.standups.blocks import StandupConfig
from bot.standups.scheduled import standup_work
from models import (
    Decision,
    DecisionLink,
    DecisionStatus,
    ItemState,
    NudgeOutcome,
    NudgeRecord,
    ScheduledItem,
    Standup,
    WorkspaceHoliday,
    WorkspaceSettings,
)
from tests.support.slack_requests import BOT_TOKEN, SIGNING_SECRET, TOKEN_KEY

NOW = datetime(2026, 5, 4, 9, 0, tzinfo=UTC)
RETENTION = timedelta(days=30)


def install(engine: Engine, team_id: str) -> None:
    store = ReturningAwareInstallationStore(client_id="111.222", engine=engine, cipher=TokenCipher(TOKEN_KEY))
    store.save(
        Installation(
            app_id="A1", team_id=team_id, user_id="UINSTALLER", bot_token=f"xoxb-{team_id}", bot_id="B1",
            bot_user_id="UBOT", installed_at=NOW.timestamp(),
        )
    )  # fmt: skip


def populate(engine: Engine, sessions: sessionmaker[Session], team_id: str) -> None:
    """One row in every table that holds a workspace's data."""
    install(engine, team_id)
    with sessions.begin() as session:
        settings_store.workspace_settings(session=session, team_id=team_id, now=NOW)
        settings_store.channel_settings(session=session, team_id=team_id, channel_id="C1", now=NOW)
        settings_store.set_opted_out(session=session, team_id=team_id, user_id="U1", opted_out=True)
        record_decision(
            session=session, team_id=team_id, author_id="U1", now=NOW,
            draft=DecisionDraft(title="Use Postgres", status=DecisionStatus.PROPOSED, outcome="Postgres", decision_makers=("U1",)),
        )  # fmt: skip
        change_status(
            session=session, team_id=team_id, number=1, to=DecisionStatus.ACCEPTED, by="U1", now=NOW
        )
        session.add(DecisionLink(team_id=team_id, decision_id=session.scalars(select(Decision.id)
                    .where(Decision.team_id == team_id)).one(), relation="Relates to", target_number=1))  # fmt: skip
        session.add(
            NudgeRecord(
                team_id=team_id, channel_id="C1", message_ts="1.0", user_id="U1", rule_ids=["no_deadline"],
                outcome=NudgeOutcome.NUDGED, nudged_at=NOW, created_at=NOW, updated_at=NOW,
            )
        )  # fmt: skip
        claim_event(session=session, team_id=team_id, event_id="Ev1", received_at=NOW)
        outbox.reserve_slot(
            session=session, team_id=team_id, channel_id="C1", now=NOW, interval=timedelta(seconds=1),
            max_wait=timedelta(seconds=1),
        )  # fmt: skip
        verdict(session=session, team_id=team_id, rule="missing-deadline", now=NOW)  # its feedback row
    with sessions.begin() as session:
        session.add(WorkspaceHoliday(team_id=team_id, day=NOW.date(), name="Founders' day"))
        standups.configure(
            session=session, team_id=team_id, channel_id="C1", user_id="U1", now=NOW,
            config=StandupConfig(days=[0], prompt_time=time(9, 30), participants=["U1"], questions=["Progress"],
                                 digest_after_hours=2),
        )  # fmt: skip
        open_asks(
            session=session,
            workspace=settings_store.workspace_settings(session=session, team_id=team_id, now=NOW),
            message=AskedMessage(team_id, "C1", "2.0", "2.0", "U1", NOW),
            detected=DetectedAsk(("U2",), Urgency.NORMAL, None, no_rush=False),
            calendars={"U2": WorkCalendar(zone=UTC)},
        )
        outbox.enqueue(
            session=session,
            item=NewItem(
                team_id=team_id, kind="test", occurrence_key="k", channel_id="C1", due_at=NOW, text="hi"
            ),
            now=NOW,
        )
    with sessions.begin() as session:
        count_request(session=session, team_id=team_id, channel_id="C1", day=NOW.date(), complete=True)
        apply_agreement(session=session, team_id=team_id, changed_by="U1", now=NOW,
                        agreement=WorkingAgreement(managers=["U0MANAGER1"],
                                                   holidays=[Holiday(day=NOW.date(), name="Founders' day")]))  # fmt: skip
    with sessions.begin() as session:
        standup_work(session, NOW.replace(hour=9, minute=31))  # a run and an (away: a holiday) entry


def rows_of(sessions: sessionmaker[Session], team_id: str) -> dict[str, int]:
    with sessions() as session:
        return {
            table.name: int(session.scalar(select(func.count()).select_from(table).where(table.c.team_id == team_id)) or 0)
            for table in WORKSPACE_TABLES
        }  # fmt: skip


def leave(sessions: sessionmaker[Session], team_id: str, at: datetime) -> int:
    with sessions.begin() as session:
        skipped = mark_uninstalled(session=session, team_id=team_id, reason="app uninstalled", now=at)
        forget_installation(session=session, team_id=team_id)
    return skipped


def test_leaving_stops_scheduled_work_and_forgets_tokens_but_keeps_the_rest(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    populate(engine, session_factory, "TGONE")
    assert leave(session_factory, "TGONE", NOW) == 1
    rows = rows_of(session_factory, "TGONE")
    assert rows["slack_installations"] == rows["slack_bots"] == 0
    assert rows["decisions"] == rows["nudge_records"] == rows["workspace_settings"] == 1
    with session_factory() as session:
        item = session.scalars(select(ScheduledItem)).one()
        assert (item.state, item.last_error) == (ItemState.SKIPPED, "app uninstalled")
        assert session.get(WorkspaceSettings, "TGONE").uninstalled_at == NOW  # type: ignore[union-attr]


def test_purging_deletes_every_row_of_that_workspace_and_no_other(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    populate(engine, session_factory, "TGONE")
    populate(engine, session_factory, "TSTAYS")
    before = rows_of(session_factory, "TSTAYS")
    assert all(count >= 1 for count in before.values()), before
    with session_factory.begin() as session:
        report = purge_workspace(session=session, team_id="TGONE")
    assert report.rows == sum(before.values())
    assert set(rows_of(session_factory, "TGONE").values()) == {0}
    assert rows_of(session_factory, "TSTAYS") == before


def test_expired_workspaces_are_purged_after_the_retention_period_only(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    populate(engine, session_factory, "TLONGAGO")
    populate(engine, session_factory, "TRECENT")
    populate(engine, session_factory, "TSTAYS")
    leave(session_factory, "TLONGAGO", NOW - RETENTION - timedelta(hours=1))
    leave(session_factory, "TRECENT", NOW - RETENTION + timedelta(hours=1))
    with session_factory.begin() as session:
        reports = purge_expired(session=session, now=NOW, retention=RETENTION)
    assert [report.team_id for report in reports] == ["TLONGAGO"]
    assert rows_of(session_factory, "TRECENT")["decisions"] == 1
    assert rows_of(session_factory, "TSTAYS")["slack_installations"] == 1


def test_installing_again_cancels_the_pending_purge(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    populate(engine, session_factory, "TBACK")
    leave(session_factory, "TBACK", NOW - RETENTION - timedelta(days=1))
    install(engine, "TBACK")
    with session_factory.begin() as session:
        assert purge_expired(session=session, now=NOW, retention=RETENTION) == []
    rows = rows_of(session_factory, "TBACK")
    assert rows["decisions"] == 1 and rows["slack_installations"] == 1


def test_the_table_list_covers_every_table_with_a_team_id(engine: Engine) -> None:
    from models import Base, slack_oauth_metadata

    with_team: set[str] = {
        table.name
        for metadata in (Base.metadata, slack_oauth_metadata)
        for table in metadata.tables.values()
        if isinstance(table, Table) and "team_id" in table.c
    }
    assert with_team == {table.name for table in WORKSPACE_TABLES}


def test_the_background_job_purges_with_the_configured_retention(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    populate(engine, session_factory, "TOLD")
    leave(session_factory, "TOLD", NOW - timedelta(days=8))
    settings = load_settings(
        _env_file=None,
        slack_bot_token=BOT_TOKEN,
        slack_signing_secret=SIGNING_SECRET,
        workspace_retention_days=7,
    )
    deps = build_deps(settings, engine=engine, clock=lambda: NOW)
    assert run_workspace_purge(deps=deps) == 1
    assert set(rows_of(session_factory, "TOLD").values()) == {0}
    assert run_workspace_purge(deps=deps) == 0


def test_erasing_a_person_removes_what_is_about_them_and_keeps_the_rest(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    populate(engine, session_factory, "TERASE")
    before = rows_of(session_factory, "TERASE")
    with session_factory.begin() as session:
        report = erase_person(session=session, team_id="TERASE", user_id="U1")
        again = erase_person(session=session, team_id="TERASE", user_id="U1")
    assert report.rows > 0 and again.rows == 0
    after = rows_of(session_factory, "TERASE")
    assert after["user_profiles"] == after["nudge_records"] == after["tracked_asks"] == 0
    assert after["standup_entries"] == 0
    assert after["decisions"] == before["decisions"]  # the team's log stays
    with session_factory() as session:
        standup = session.scalars(select(Standup).where(Standup.team_id == "TERASE")).one()
        assert "U1" not in standup.participants
        manager_report = erase_person(session=session, team_id="TERASE", user_id="U0MANAGER1")
        assert manager_report.rows >= 1
        assert "U0MANAGER1" not in session.get_one(WorkspaceSettings, "TERASE").managers


def test_finished_scheduled_items_are_pruned_after_the_retention_and_a_deleted_standup_takes_its_own(
    engine: Engine, session_factory: sessionmaker[Session]
) -> None:
    populate(engine, session_factory, "TPRUNE")
    with session_factory.begin() as session:
        items = session.scalars(select(ScheduledItem).where(ScheduledItem.team_id == "TPRUNE")).all()
        for item in items:
            item.state = ItemState.SENT
    with session_factory.begin() as session:
        assert outbox.prune_finished(session=session, now=NOW, retention=timedelta(days=30)) == 0  # recent
        pruned = outbox.prune_finished(
            session=session, now=NOW + timedelta(days=31), retention=timedelta(days=30)
        )
    assert pruned == len(items)
    with session_factory.begin() as session:
        outbox.enqueue(session=session, now=NOW, item=NewItem(team_id="TPRUNE", kind="standup-prompt",
                       occurrence_key="standup-999999-2027-01-11-prompt-U1", channel_id="U1", due_at=NOW, text="hi"))  # fmt: skip
        outbox.enqueue(session=session, now=NOW, item=NewItem(team_id="TPRUNE", kind="other",
                       occurrence_key="standup-9999990-x", channel_id="U1", due_at=NOW, text="hi"))  # fmt: skip
        assert outbox.delete_keyed(session=session, team_id="TPRUNE", key_prefix="standup-999999-") == 1
