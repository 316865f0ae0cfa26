from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.support.bot_process import BotProcess, start_bot
from tests.support.slack_stand_in import SlackStandIn


@pytest.fixture(scope="module")
def module_slack() -> Iterator[SlackStandIn]:
    with SlackStandIn() as stand_in:
        yield stand_in


@pytest.fixture(scope="module")
def bot_database_url(tmp_path_factory: pytest.TempPathFactory) -> str:
    return f"sqlite:///{tmp_path_factory.mktemp('bot-db') / 'bot.sqlite3'}"


@pytest.fixture(scope="module")
def bot(
    module_slack: SlackStandIn, bot_database_url: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BotProcess]:
    """The real server (`norms serve`) on SQLite, talking to the module's Slack stand-in."""
    process = start_bot(
        workdir=tmp_path_factory.mktemp("bot"), database_url=bot_database_url, api_url=module_slack.api_url
    )
    yield process
    process.stop()


@pytest.fixture
def stand_in(module_slack: SlackStandIn) -> Iterator[SlackStandIn]:
    module_slack.reset()
    yield module_slack
    module_slack.reset()


@pytest.fixture
def workdir(tmp_path: Path) -> Path:
    return tmp_path
