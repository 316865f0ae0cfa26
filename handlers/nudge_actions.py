"""The nudge's buttons: Got it, Not helpful, Pause nudges for a week."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.core.deps import Deps
from bot.nudges.blocks import (
    NUDGE_GOT_IT_ACTION,
    NUDGE_NOT_HELPFUL_ACTION,
    NUDGE_PAUSE_ACTION,
    build_nudge_thanks,
    parse_nudge_button_value,
)
from bot.nudges.flow import not_helpful
from bot.nudges.service import NudgeClick, pause_from_nudge
from bot.slack.gateway import WebClientGateway
from handlers.replies import clicked_action, respond_safely

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def handle_got_it(ack: Ack, respond: Respond) -> None:
        ack()
        respond_safely(respond, delete_original=True)

    def handle_not_helpful(ack: Ack, body: dict[str, Any], respond: Respond, client: WebClient) -> None:
        ack()
        click = _click(body)
        if click is not None:
            not_helpful(deps=deps, gateway=WebClientGateway(client), click=click)
            respond_safely(respond, replace_original=True, text=build_nudge_thanks(NUDGE_NOT_HELPFUL_ACTION))

    def handle_pause(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        click = _click(body)
        if click is not None:
            with deps.session_factory.begin() as session:
                until = pause_from_nudge(session=session, click=click, now=deps.clock())
            respond_safely(
                respond,
                replace_original=True,
                text=build_nudge_thanks(NUDGE_PAUSE_ACTION, paused_until=until),
            )

    app.action(NUDGE_GOT_IT_ACTION)(handle_got_it)
    app.action(NUDGE_NOT_HELPFUL_ACTION)(handle_not_helpful)
    app.action(NUDGE_PAUSE_ACTION)(handle_pause)


def _click(body: dict[str, Any]) -> NudgeClick | None:
    """The clicked nudge button, or None (logged) for a malformed payload."""
    team, user, action = body.get("team"), body.get("user"), clicked_action(body)
    team_id = team.get("id") if isinstance(team, dict) else None
    user_id = user.get("id") if isinstance(user, dict) else None
    value = parse_nudge_button_value(action.get("value"))
    if not isinstance(team_id, str) or not isinstance(user_id, str) or value is None:
        logger.warning("nudge button with a malformed payload ignored")
        return None
    channel_id, message_ts, rules = value
    return NudgeClick(team_id, user_id, channel_id, message_ts, tuple(rules))
