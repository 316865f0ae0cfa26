"""Global middleware: drop retried or duplicated event deliveries before any listener runs."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import App, BoltRequest, BoltResponse

from bot.core.dedup import claim_delivery, delivery_of
from bot.core.deps import Deps
from bot.slack.inbox_worker import FROM_INBOX

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    app.use(build_event_deduplication(deps))


def build_event_deduplication(deps: Deps) -> Callable[..., BoltResponse | None]:
    def deduplicate_events(
        req: BoltRequest,
        body: dict[str, Any],
        next: Callable[[], None],
    ) -> BoltResponse | None:
        delivery = delivery_of(body)
        if delivery is None or req.context.get(FROM_INBOX):  # the inbox worker records it when done
            next()
            return None
        team_id, event_id = delivery
        enterprise_id = body.get("enterprise_id")
        first_delivery = claim_delivery(
            deps,
            team_id=team_id,
            enterprise_id=enterprise_id if isinstance(enterprise_id, str) else None,
            event_id=event_id,
        )
        if first_delivery is None:
            # Not acknowledged, so Slack delivers it again once the database is back.
            return BoltResponse(status=503, body="database unavailable")
        if not first_delivery:
            retry = req.headers.get("x-slack-retry-num", ["0"])[0]
            logger.info("event %s already handled; ignoring redelivery (retry %s)", event_id, retry)
            return BoltResponse(status=200, body="")
        next()
        return None

    return deduplicate_events
