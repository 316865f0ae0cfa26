"""Composition root: settings -> engine -> ONE Deps -> the Bolt app with every handler, the scheduler
with every feature's materialiser. `norms` (the console script) and `python app.py` start here.

This is the only module that knows every feature: `bot` never imports `handlers`, and the core,
Slack and scheduling layers receive the features through `Wiring`.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence

from slack_bolt import App

from bot import cli
from bot.asks.scheduled import ask_reminders
from bot.core.deps import Deps
from bot.core.wiring import Wiring
from bot.decisions.scheduled import proposal_reminders
from bot.scheduling.scheduler import Materializer, Scheduler
from bot.slack.app import create_app
from bot.slack.tokens import TokenSource, token_source
from bot.standups.scheduled import standup_work
from handlers import register_all

# Each feature's materialiser: what it schedules becomes due work in the outbox.
MATERIALIZERS: tuple[Materializer, ...] = (proposal_reminders, ask_reminders, standup_work)


def create_bolt_app(deps: Deps) -> App:
    """The Bolt app with every feature's listeners (and the one error handler)."""
    return create_app(deps, register=register_all)


def create_worker_bolt_app(deps: Deps) -> App:
    """The same listeners, for inbox workers (bot/slack/inbox_worker.py)."""
    return create_app(deps, register=register_all, for_inbox=True)


def create_scheduler(deps: Deps, tokens: TokenSource | None = None) -> Scheduler:
    """The durable scheduler with every feature's materialiser."""
    return Scheduler(
        deps, tokens=tokens or token_source(deps.settings, deps.engine), materializers=MATERIALIZERS
    )


WIRING = Wiring(
    create_app=create_bolt_app, create_worker_app=create_worker_bolt_app, create_scheduler=create_scheduler
)


def main(argv: Sequence[str] | None = None) -> int:
    """The `norms` command line."""
    return cli.main(argv, wiring=WIRING)


if __name__ == "__main__":
    raise SystemExit(main(["serve", *sys.argv[1:]]))
