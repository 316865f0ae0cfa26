"""Multi-workspace install through Slack's OAuth v2 flow, with installations in our own tables."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, datetime, timedelta
from pathlib import Path
from urllib.parse import parse_qs, urlparse

import pytest
from sqlalchemy import select

from bot.core.db import create_db_engine, create_session_factory
from bot.scheduling import outbox
from bot.scheduling.outbox import NewItem
from models import ItemState, ScheduledItem, WorkspaceSettings
from models.slack_oauth import bots_table, installations_table
from tests.support.bot_process import BotProcess, start_bot
from tests.support.slack_requests import (
    SIGNING_SECRET,
    TOKEN_KEY,
    HttpResult,
    event_request,
    http_request,
    post_signed,
    unique_id,
)
from tests.support.slack_stand_in import INSTALLED_BOT_TOKEN, INSTALLED_TEAM_ID, SlackStandIn
from tests.support.waiting import wait_until

pytestmark = pytest.mark.e2e

CLIENT_ID = "1111111111.2222222222"


@pytest.fixture
def oauth_bot(slack: SlackStandIn, tmp_path: Path) -> Iterator[tuple[BotProcess, str]]:
    database_url = f"sqlite:///{tmp_path / 'oauth.sqlite3'}"
    process = start_bot(
        workdir=tmp_path,
        database_url=database_url,
        api_url=slack.api_url,
        credentials={
            "SLACK_CLIENT_ID": CLIENT_ID,
            "SLACK_CLIENT_SECRET": "client-secret-for-tests",
            "SLACK_SIGNING_SECRET": SIGNING_SECRET,
            "TOKEN_ENCRYPTION_KEY": TOKEN_KEY,
        },
    )
    yield process, database_url
    process.stop()


def begin_install(bot: BotProcess) -> tuple[str, str]:
    """GET /slack/install; return the state in the authorize link and the state cookie."""
    page = http_request(bot.base_url + "/slack/install")
    assert page.status == 200
    link = re.search(r'href="([^"]*oauth/v2/authorize[^"]*)"', page.body)
    assert link is not None
    authorize = urlparse(link.group(1).replace("&amp;", "&"))
    assert authorize.path.endswith("/oauth/v2/authorize")
    query = parse_qs(authorize.query)
    assert query["client_id"] == [CLIENT_ID]
    assert "chat:write" in query["scope"][0]
    cookie = page.headers.get("Set-Cookie", "").split(";", 1)[0]
    return query["state"][0], cookie


def oauth_callback(bot: BotProcess, *, state: str, cookie: str) -> HttpResult:
    return http_request(
        f"{bot.base_url}/slack/oauth_redirect?code=good-code&state={state}", headers={"Cookie": cookie}
    )


def test_install_stores_the_workspace_and_its_events_use_its_token(
    oauth_bot: tuple[BotProcess, str], slack: SlackStandIn
) -> None:
    bot, database_url = oauth_bot
    state, cookie = begin_install(bot)
    callback = oauth_callback(bot, state=state, cookie=cookie)
    assert callback.status == 200, callback.body
    assert [call.args.get("code") for call in slack.calls("oauth.v2.access")] == ["good-code"]

    engine = create_db_engine(database_url)
    try:
        with engine.connect() as connection:
            teams = connection.execute(select(bots_table.c.team_id)).scalars().all()
            stored = [
                *connection.execute(select(bots_table.c.bot_token)).scalars(),
                *connection.execute(select(installations_table.c.bot_token)).scalars(),
            ]
    finally:
        engine.dispose()
    assert teams == [INSTALLED_TEAM_ID]
    assert stored and all(
        token.startswith("enc:v1:") and INSTALLED_BOT_TOKEN not in token for token in stored
    )
    assert INSTALLED_BOT_TOKEN not in Path(database_url.removeprefix("sqlite:///")).read_bytes().decode(
        errors="replace"
    )

    user = unique_id("UINSTALLED")
    event = event_request({"type": "app_home_opened", "user": user, "tab": "home"}, team_id=INSTALLED_TEAM_ID)
    assert post_signed(bot.base_url, event).status == 200
    published = slack.wait_for("views.publish", timeout_s=5)
    assert [(call.args.get("user_id"), call.token) for call in published] == [(user, INSTALLED_BOT_TOKEN)]


def test_a_callback_with_a_forged_state_fails_politely_and_installs_nothing(
    oauth_bot: tuple[BotProcess, str], slack: SlackStandIn
) -> None:
    bot, _database_url = oauth_bot
    _state, cookie = begin_install(bot)
    callback = oauth_callback(bot, state="forged-state", cookie=cookie)
    assert callback.status == 400
    assert "<html" in callback.body.lower()
    assert slack.calls("oauth.v2.access") == []


def test_events_from_a_workspace_that_never_installed_are_not_processed(
    oauth_bot: tuple[BotProcess, str], slack: SlackStandIn
) -> None:
    bot, _ = oauth_bot
    event = event_request(
        {"type": "app_home_opened", "user": "U0STRANGER", "tab": "home"}, team_id="T0UNKNOWN"
    )
    assert post_signed(bot.base_url, event).status in (200, 401)
    assert slack.calls("views.publish") == []


def test_uninstalling_forgets_the_tokens_stops_scheduled_work_and_a_reinstall_keeps_the_data(
    oauth_bot: tuple[BotProcess, str], slack: SlackStandIn
) -> None:
    bot, database_url = oauth_bot
    state, cookie = begin_install(bot)
    assert oauth_callback(bot, state=state, cookie=cookie).status == 200
    engine = create_db_engine(database_url)
    sessions = create_session_factory(engine)
    try:
        with sessions.begin() as session:
            outbox.enqueue(
                session=session,
                item=NewItem(
                    team_id=INSTALLED_TEAM_ID, kind="test", occurrence_key="after-uninstall", channel_id="C1",
                    due_at=datetime.now(UTC) + timedelta(hours=1), text="never sent",
                ),
                now=datetime.now(UTC),
            )  # fmt: skip

        def installed() -> bool:
            with engine.connect() as connection:
                return connection.execute(select(bots_table.c.team_id)).first() is not None

        def departed_at() -> datetime | None:
            with sessions() as session:
                found = session.get(WorkspaceSettings, INSTALLED_TEAM_ID)
                return found.uninstalled_at if found is not None else None

        uninstalled = event_request({"type": "app_uninstalled"}, team_id=INSTALLED_TEAM_ID)
        assert post_signed(bot.base_url, uninstalled).status == 200
        assert wait_until(lambda: not installed())
        assert departed_at() is not None
        with sessions() as session:
            item = session.scalars(select(ScheduledItem)).one()
            assert (item.state, item.last_error) == (ItemState.SKIPPED, "app uninstalled")
        assert wait_until(lambda: "will be deleted after 30 days" in bot.log())

        state, cookie = begin_install(bot)
        assert oauth_callback(bot, state=state, cookie=cookie).status == 200
        assert installed()
        assert departed_at() is None
    finally:
        engine.dispose()
