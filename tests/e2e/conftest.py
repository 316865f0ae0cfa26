from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from sqlalchemy import Engine

from bot.core.db import create_db_engine
from tests.support.bot_process import BotProcess, Ticker, start_bot
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


@pytest.fixture(scope="module")
def ticked_database_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("ticked-db") / "bot.sqlite3"


@pytest.fixture(scope="module")
def ticked_bot(
    module_slack: SlackStandIn, ticked_database_file: Path, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[BotProcess]:
    """The server without its own ticking: time moves only when a test runs `norms tick --at`."""
    process = start_bot(
        workdir=tmp_path_factory.mktemp("ticked-bot"),
        database_url=f"sqlite:///{ticked_database_file}",
        api_url=module_slack.api_url,
        extra_env={"SCHEDULER_ENABLED": "false"},
    )
    yield process
    process.stop()


@pytest.fixture(scope="module")
def ticked_engine(ticked_database_file: Path, ticked_bot: BotProcess) -> Iterator[Engine]:
    """Read access to the ticked bot's database, to wait for what its listeners store."""
    engine = create_db_engine(f"sqlite:///{ticked_database_file}")
    yield engine
    engine.dispose()


@pytest.fixture
def tick(
    tmp_path: Path, ticked_database_file: Path, stand_in: SlackStandIn, ticked_bot: BotProcess
) -> Ticker:
    return Ticker(cwd=tmp_path, database_url=f"sqlite:///{ticked_database_file}", slack=stand_in)
