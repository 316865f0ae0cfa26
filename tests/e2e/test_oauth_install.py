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
        extra_env={"SCHEDULER_TICK_SECONDS": "0.3", "SCHEDULER_CHANNEL_INTERVAL_SECONDS": "0"},
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


GRID_ORG = "E0GRIDORG1"


def install(bot: BotProcess, slack: SlackStandIn, **answer: object) -> None:
    """Install through the OAuth flow, with oauth.v2.access answering `answer` over its defaults."""
    slack.install_answer = dict(answer)
    state, cookie = begin_install(bot)
    callback = oauth_callback(bot, state=state, cookie=cookie)
    assert callback.status == 200, callback.body


def post_due_now(database_url: str, team_id: str, text: str) -> None:
    """A scheduled post for the workspace, due now (as a standup prompt or a reminder would be)."""
    engine = create_db_engine(database_url)
    try:
        with create_session_factory(engine).begin() as session:
            now = datetime.now(UTC)
            outbox.enqueue(
                session=session,
                item=NewItem(team_id=team_id, kind="test", occurrence_key=text, channel_id="C0GRID01",
                             due_at=now, text=text),
                now=now,
            )  # fmt: skip
    finally:
        engine.dispose()


def tokens_used(slack: SlackStandIn, method: str, **args: str) -> list[str | None]:
    return [
        call.token
        for call in slack.calls(method)
        if all(call.args.get(name) == value for name, value in args.items())
    ]


def test_a_workspace_of_an_enterprise_grid_org_gets_its_events_and_scheduled_work_with_its_token(
    oauth_bot: tuple[BotProcess, str], slack: SlackStandIn
) -> None:
    bot, database_url = oauth_bot
    token = "xoxb-1-GRIDWORKSPACETOKEN"
    workspace = "T0GRIDWS01"
    install(bot, slack, team={"id": workspace, "name": "Grid workspace"},
            enterprise={"id": GRID_ORG, "name": "Grid org"}, access_token=token)  # fmt: skip
    user = unique_id("UGRID")
    event = event_request(
        {"type": "app_home_opened", "user": user, "tab": "home"}, team_id=workspace, enterprise_id=GRID_ORG
    )
    assert post_signed(bot.base_url, event).status == 200
    assert wait_until(lambda: tokens_used(slack, "views.publish", user_id=user) == [token])
    post_due_now(database_url, workspace, "grid workspace prompt")
    assert wait_until(lambda: tokens_used(slack, "chat.postMessage", text="grid workspace prompt") == [token])
    assert "no installation or token" not in bot.log()


def served_with_the_org_token(
    bot: BotProcess, slack: SlackStandIn, database_url: str, *, workspace: str, org: str, token: str
) -> None:
    """A workspace of the org: its events and its scheduled posts use the org-wide install's token."""
    user = unique_id("UORG")
    event = event_request(
        {"type": "app_home_opened", "user": user, "tab": "home"},
        team_id=workspace,
        enterprise_id=org,
        org_wide_install=True,
    )
    assert post_signed(bot.base_url, event).status == 200
    assert wait_until(lambda: tokens_used(slack, "views.publish", user_id=user) == [token])
    prompt = f"{workspace} prompt"
    post_due_now(database_url, workspace, prompt)
    assert wait_until(lambda: tokens_used(slack, "chat.postMessage", text=prompt) == [token])


def test_an_org_wide_install_serves_every_workspace_of_the_org(
    oauth_bot: tuple[BotProcess, str], slack: SlackStandIn
) -> None:
    bot, database_url = oauth_bot
    token, org = "xoxb-1-ORGWIDEINSTALLTOKEN", "E0ORGWIDE1"
    install(bot, slack, team=None, enterprise={"id": org, "name": "Whole org"}, is_enterprise_install=True,
            access_token=token)  # fmt: skip
    engine = create_db_engine(database_url)
    try:
        with engine.connect() as connection:
            stored = connection.execute(
                select(bots_table.c.enterprise_id, bots_table.c.team_id, bots_table.c.is_enterprise_install)
            ).all()
    finally:
        engine.dispose()
    assert [tuple(row) for row in stored] == [(org, None, True)]
    for workspace in ("T0ORGWS001", "T0ORGWS002"):
        served_with_the_org_token(bot, slack, database_url, workspace=workspace, org=org, token=token)
    assert "no installation or token" not in bot.log()
