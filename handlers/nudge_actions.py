"""The nudge's buttons: Got it, Not helpful, Pause nudges for a week."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, Respond

from bot import nudge_settings as settings
from bot.deps import Deps
from bot.nudge_blocks import (
    NUDGE_GOT_IT_ACTION,
    NUDGE_NOT_HELPFUL_ACTION,
    NUDGE_PAUSE_ACTION,
    build_nudge_thanks,
    parse_nudge_button_value,
)
from bot.nudges import PAUSE_LENGTH, record_outcome
from models import NudgeOutcome

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def handle_got_it(ack: Ack, respond: Respond) -> None:
        ack()
        _respond(respond, delete_original=True)

    def handle_not_helpful(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        found = _button(body)
        if found is None:
            return
        team_id, _user_id, (channel_id, message_ts, rules) = found
        with deps.session_factory.begin() as session:
            record_outcome(
                session=session,
                team_id=team_id,
                channel_id=channel_id,
                message_ts=message_ts,
                outcome=NudgeOutcome.REPORTED,
                now=deps.clock(),
                reported_rules=rules,
            )
        _respond(respond, replace_original=True, text=build_nudge_thanks(NUDGE_NOT_HELPFUL_ACTION))

    def handle_pause(ack: Ack, body: dict[str, Any], respond: Respond) -> None:
        ack()
        found = _button(body)
        if found is None:
            return
        team_id, user_id, (channel_id, message_ts, _rules) = found
        now = deps.clock()
        with deps.session_factory.begin() as session:
            settings.pause_nudges(session=session, team_id=team_id, user_id=user_id, until=now + PAUSE_LENGTH)
            record_outcome(
                session=session,
                team_id=team_id,
                channel_id=channel_id,
                message_ts=message_ts,
                outcome=NudgeOutcome.PAUSED,
                now=now,
            )
        text = build_nudge_thanks(NUDGE_PAUSE_ACTION, paused_until=now + PAUSE_LENGTH)
        _respond(respond, replace_original=True, text=text)

    app.action(NUDGE_GOT_IT_ACTION)(handle_got_it)
    app.action(NUDGE_NOT_HELPFUL_ACTION)(handle_not_helpful)
    app.action(NUDGE_PAUSE_ACTION)(handle_pause)


def _button(body: dict[str, Any]) -> tuple[str, str, tuple[str, str, list[str]]] | None:
    """(team, user, (channel, message ts, rules)) of a clicked nudge button, or None if malformed."""
    team, user, actions = body.get("team"), body.get("user"), body.get("actions")
    team_id = team.get("id") if isinstance(team, dict) else None
    user_id = user.get("id") if isinstance(user, dict) else None
    action = actions[0] if isinstance(actions, list) and actions and isinstance(actions[0], dict) else {}
    value = parse_nudge_button_value(action.get("value"))
    if not isinstance(team_id, str) or not isinstance(user_id, str) or value is None:
        logger.warning("nudge button with a malformed payload ignored")
        return None
    return team_id, user_id, value


def _respond(respond: Respond, **message: Any) -> None:
    try:
        respond(**message)
    except Exception as error:  # an expired response_url must not break the listener
        logger.warning("could not update the nudge: %s", type(error).__name__)
