"""What the composition root (app.py) hands to the server and the command line: the features.

The core, Slack and scheduling layers never import a feature; they receive the Bolt app's
listeners and the scheduler's materialisers through this one object.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from slack_bolt import App

    from bot.core.deps import Deps
    from bot.scheduling.scheduler import Scheduler
    from bot.slack.tokens import TokenSource


@dataclass(frozen=True)
class Wiring:
    # The Bolt app with every feature's listeners registered.
    create_app: Callable[[Deps], App]
    # The same listeners, for an inbox worker: run before dispatch returns, no signature check.
    create_worker_app: Callable[[Deps], App]
    # The scheduler with every feature's materialiser; tokens default to the configured source.
    create_scheduler: Callable[[Deps, TokenSource | None], Scheduler]
