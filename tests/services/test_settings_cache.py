"""Settings kept per process (bot/core/versioned_cache.py), on SQLite and PostgreSQL: the database
bumps a workspace's versions on every change to what is kept, whoever makes it (another process, a
bulk statement), so a worker's next message reads the change, and a message costs few statements."""

from __future__ import annotations

from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from sqlalchemy import Engine, delete, event, inspect, update
from sqlalchemy.orm import Session, sessionmaker

from bot.core.deps import Deps, build_deps
from bot.core.settings import load_settings
from bot.core.versioned_cache import VersionedCache
from bot.nudges.flow import handle_new_message
from bot.nudges.service import IncomingMessage
from bot.people import settings_store
from bot.slack.client import build_web_client
from bot.slack.gateway import WebClientGateway
from models import (
    ChannelMode,
    ChannelSettings,
    NudgeOutcome,
    RuleFeedback,
    UserProfile,
    WorkspaceHoliday,
    WorkspaceSettings,
)
from tests.support.slack_requests import BOT_TOKEN, SIGNING_SECRET
from tests.support.slack_stand_in import SlackStandIn

NOW = datetime(2026, 12, 7, 14, 0, tzinfo=UTC)  # a Monday, 09:00 in New York
VAGUE_ASK = "can you review the doc?"


@pytest.fixture
def deps(engine: Engine, slack: SlackStandIn) -> Deps:
    slack.add_user("U1", tz="America/New_York")
    settings = load_settings(
        _env_file=None, slack_bot_token=BOT_TOKEN, slack_signing_secret=SIGNING_SECRET, slack_api_url=slack.api_url
    )  # fmt: skip
    return build_deps(settings, engine=engine, clock=lambda: NOW)


def send(deps: Deps, ts: str) -> NudgeOutcome | None:
    gateway = WebClientGateway(build_web_client(deps.settings, token=BOT_TOKEN))
    message = IncomingMessage("T1", "C1", "channel", "U1", VAGUE_ASK, ts, None, None, None)
    plan = handle_new_message(deps=deps, gateway=gateway, message=message)
    return None if plan is None else plan.outcome


def versions(sessions: sessionmaker[Session]) -> tuple[int, int]:
    with sessions() as session:
        workspace = session.get_one(WorkspaceSettings, "T1")
        return workspace.settings_version, workspace.people_version


@pytest.fixture
def statements(engine: Engine) -> Iterator[list[str]]:
    seen: list[str] = []

    def note(_connection: object, _cursor: object, statement: str, *_args: object) -> None:
        seen.append(statement)

    event.listen(engine, "before_cursor_execute", note)
    yield seen
    event.remove(engine, "before_cursor_execute", note)


def test_every_change_to_what_is_kept_bumps_its_version(
    deps: Deps, session_factory: sessionmaker[Session]
) -> None:
    with session_factory.begin() as session:
        settings_store.workspace_settings(session=session, team_id="T1", now=NOW)
    start = versions(session_factory)
    with session_factory.begin() as session:
        settings_store.channel_settings(session=session, team_id="T1", channel_id="C1", now=NOW)
    with session_factory.begin() as session:
        session.execute(update(ChannelSettings).values(mode=ChannelMode.OFF))  # a bulk statement too
    with session_factory.begin() as session:
        session.add(WorkspaceHoliday(team_id="T1", day=date(2026, 12, 25), name="Christmas"))
    with session_factory.begin() as session:
        session.add(RuleFeedback(team_id="T1", rule="missing-deadline", counted_since=NOW))
    after_settings = versions(session_factory)
    assert after_settings[0] == start[0] + 4 and after_settings[1] == start[1]
    with session_factory.begin() as session:
        settings_store.set_opted_out(session=session, team_id="T1", user_id="U1", opted_out=True)
    assert versions(session_factory)[1] > after_settings[1]
    assert versions(session_factory)[0] == after_settings[0]  # a profile keeps the channels' copies


def test_a_worker_sees_another_processs_change_at_its_next_message(
    deps: Deps, engine: Engine, slack: SlackStandIn
) -> None:
    assert send(deps, "1.0001") is NudgeOutcome.NUDGED
    send(deps, "1.0002")  # the first message created the channel's settings and the author's profile
    assert send(deps, "1.0003") is not None  # linted again, its settings from the cache
    assert deps.cache.hits >= 4
    other_process = build_deps(deps.settings, engine=engine, clock=lambda: NOW)  # its own cache
    with other_process.session_factory.begin() as session:
        settings_store.set_channel_mode(
            session=session, team_id="T1", channel_id="C1", mode=ChannelMode.OFF, user_id="UADMIN", now=NOW
        )
    assert send(deps, "1.0013") is None  # the channel is off: not linted, not recorded
    with other_process.session_factory.begin() as session:
        settings_store.set_channel_mode(
            session=session, team_id="T1", channel_id="C1", mode=ChannelMode.NUDGE, user_id="UADMIN", now=NOW
        )
    assert send(deps, "1.0004") is not None
    with other_process.session_factory.begin() as session:
        settings_store.set_opted_out(session=session, team_id="T1", user_id="U1", opted_out=True)
    assert send(deps, "1.0005") is None  # the author opted out a moment ago


def test_a_message_in_a_known_channel_reads_only_its_workspace_row_of_settings(
    deps: Deps, statements: list[str]
) -> None:
    send(deps, "1.0001")
    send(deps, "1.0002")
    statements.clear()
    send(deps, "1.0003")
    settings_reads = [
        statement
        for statement in statements
        if statement.lstrip().startswith("SELECT")
        and any(
            table in statement
            for table in ("FROM channel_settings", "FROM user_profiles", "FROM workspace_holidays")
        )
    ]
    assert settings_reads == []
    assert sum("FROM workspace_settings" in statement for statement in statements) == 1


def test_the_cache_forgets_a_scope_when_its_version_moves_on() -> None:
    cache = VersionedCache(max_scopes=2)
    assert cache.get_or_load("T1", 1, "k", lambda: "old") == "old"
    assert cache.get_or_load("T1", 1, "k", lambda: "unused") == "old"
    assert cache.get_or_load("T1", 2, "k", lambda: "new") == "new"
    assert cache.get_or_load("T1", 1, "k", lambda: "read at another version") == "read at another version"
    assert cache.get_or_load("T1", 2, "k", lambda: "new again") == "new again"  # one version at a time
    cache.get_or_load("T2", 1, "k", lambda: 2)
    cache.get_or_load("T3", 1, "k", lambda: 3)  # past max_scopes: the least recently used goes
    assert cache.get_or_load("T1", 2, "k", lambda: "again") == "again"


def test_a_workspace_installed_again_does_not_take_up_its_old_counters(
    session_factory: sessionmaker[Session],
) -> None:
    with session_factory.begin() as session:
        settings_store.workspace_settings(session=session, team_id="T1", now=NOW)
    first = versions(session_factory)
    with session_factory.begin() as session:
        session.execute(delete(WorkspaceSettings))  # removed (the purge), then installed again
    with session_factory.begin() as session:
        settings_store.workspace_settings(session=session, team_id="T1", now=NOW + timedelta(days=40))
    assert versions(session_factory) != first


def test_a_kept_row_belongs_to_no_session(deps: Deps, session_factory: sessionmaker[Session]) -> None:
    send(deps, "1.0001")  # fetches the author's profile from Slack
    send(deps, "1.0002")  # keeps it
    with session_factory() as session:
        version = session.get_one(WorkspaceSettings, "T1").people_version
    kept = deps.cache.get_or_load("T1/people", version, "U1", lambda: None)
    assert isinstance(kept, UserProfile) and kept.tz == "America/New_York"
    assert inspect(kept).session is None
