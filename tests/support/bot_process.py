"""Run the real bot (`norms serve`) as a child process on loopback, for end-to-end tests."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from dataclasses import dataclass
from datetime import datetime
from pathlib import Path

from tests.support.slack_requests import BOT_TOKEN, SIGNING_SECRET, http_request
from tests.support.slack_stand_in import SlackStandIn

NORMS_SCRIPT = Path(sys.executable).parent / "norms"
_OUR_VARIABLES = (
    "SLACK_",
    "DATABASE_URL",
    "PORT",
    "HOST",
    "LOG_LEVEL",
    "DATA_DIR",
    "AUTO_MIGRATE",
    "HTTP_THREADS",
    "PROCESSED_EVENT_RETENTION_HOURS",
)


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def clean_environment(**settings: str) -> dict[str, str]:
    """The parent's environment without any of our settings, plus the given ones."""
    env = {key: value for key, value in os.environ.items() if not key.upper().startswith(_OUR_VARIABLES)}
    env.update(settings)
    return env


@dataclass
class BotProcess:
    base_url: str
    process: subprocess.Popen[bytes]
    log_path: Path
    database_url: str = ""

    def log(self) -> str:
        return self.log_path.read_text(errors="replace")

    def stop(self) -> int:
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        return int(self.process.returncode)


def start_bot(
    *,
    workdir: Path,
    database_url: str,
    api_url: str,
    extra_env: dict[str, str] | None = None,
    credentials: dict[str, str] | None = None,
    startup_timeout_s: float = 30.0,
    argv: list[str] | None = None,
) -> BotProcess:
    """Start `norms serve` in `workdir` (so no developer .env is read) and wait for /healthz.

    `credentials` replaces the default single-workspace bot token and signing secret; `argv` runs
    another server (a benchmark's reference app) with the same environment instead.
    """
    port = free_port()
    env = clean_environment(
        **(credentials or {"SLACK_BOT_TOKEN": BOT_TOKEN, "SLACK_SIGNING_SECRET": SIGNING_SECRET}),
        SLACK_API_URL=api_url,
        DATABASE_URL=database_url,
        HOST="127.0.0.1",
        PORT=str(port),
        **{"LOG_LEVEL": "DEBUG", **(extra_env or {})},
    )
    log_path = workdir / f"bot-{port}.log"
    with log_path.open("wb") as log_file:
        process = subprocess.Popen(
            argv or [str(NORMS_SCRIPT), "serve"],
            cwd=workdir,
            env=env,
            stdout=log_file,
            stderr=subprocess.STDOUT,
        )
    bot = BotProcess(f"http://127.0.0.1:{port}", process, log_path, database_url)
    deadline = time.monotonic() + startup_timeout_s
    while time.monotonic() < deadline:
        if process.poll() is not None:
            raise RuntimeError(f"the bot exited with {process.returncode} during start-up:\n{bot.log()}")
        try:
            if http_request(bot.base_url + "/healthz", timeout_s=1).status == 200:
                return bot
        except OSError:
            pass
        time.sleep(0.1)
    bot.stop()
    raise RuntimeError(f"the bot did not become healthy in {startup_timeout_s}s:\n{bot.log()}")


def run_norms(*args: str, cwd: Path, database_url: str, api_url: str) -> subprocess.CompletedProcess[str]:
    """Run one `norms` command (tick, jobs, workspace purge…) against the database, as an operator would."""
    env = clean_environment(SLACK_BOT_TOKEN=BOT_TOKEN, SLACK_SIGNING_SECRET=SIGNING_SECRET, SLACK_API_URL=api_url,
                            DATABASE_URL=database_url, SCHEDULER_CHANNEL_INTERVAL_SECONDS="0")  # fmt: skip
    return subprocess.run(
        [str(NORMS_SCRIPT), *args], cwd=cwd, env=env, capture_output=True, text=True, timeout=60, check=False
    )


@dataclass
class Ticker:
    """`norms tick --at WHEN` against one database: moves a test's clock, one tick at a time."""

    cwd: Path
    database_url: str
    slack: SlackStandIn

    def __call__(self, at: datetime) -> str:
        result = run_norms("tick", "--at", at.isoformat(), cwd=self.cwd, database_url=self.database_url,
                           api_url=self.slack.api_url)  # fmt: skip
        assert result.returncode == 0, result.stderr
        return result.stdout
