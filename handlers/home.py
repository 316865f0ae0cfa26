"""App Home: publish the home tab when someone opens it, and its buttons and settings modals."""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.core.deps import Deps
from bot.home.blocks import HOME_ACTIONS, HOME_AWAY_CALLBACK, HOME_HOURS_CALLBACK
from bot.home.flow import TIPS_ACTIONS, home_view, save_away, save_hours, settings_modal, switch_tips
from bot.slack.client import SLACK_CALL_FAILURES, failure_reason
from bot.slack.gateway import WebClientGateway
from handlers.replies import acting_user_id, clicked_action, open_modal

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def handle_app_home_opened(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        if event.get("tab", "home") != "home":
            return
        user_id = event.get("user")
        if not isinstance(user_id, str):
            logger.warning("app_home_opened without a user id; nothing published")
            return
        publish_home(deps=deps, client=client, team_id=context.team_id or "", user_id=user_id)

    def handle_home_button(
        ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        team_id, user_id = context.team_id or "", acting_user_id(body)
        action_id = str(clicked_action(body).get("action_id") or "")
        if action_id in TIPS_ACTIONS:
            notice = switch_tips(deps=deps, team_id=team_id, user_id=user_id, action_id=action_id)
            publish_home(deps=deps, client=client, team_id=team_id, user_id=user_id, notice=notice)
            return
        view = settings_modal(deps=deps, team_id=team_id, user_id=user_id, action_id=action_id)
        open_modal(client, body.get("trigger_id"), view, respond, form="the Home settings form")

    def modal_handler(save: Callable[..., str]) -> Callable[..., None]:
        def handle_submission(
            ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext, client: WebClient
        ) -> None:
            team_id, user_id = context.team_id or "", acting_user_id(body)
            notice = save(
                deps=deps, team_id=team_id, user_id=user_id, values=(view.get("state") or {}).get("values")
            )
            ack()
            publish_home(deps=deps, client=client, team_id=team_id, user_id=user_id, notice=notice)

        return handle_submission

    app.event("app_home_opened")(handle_app_home_opened)
    for action_id in HOME_ACTIONS:
        app.action(action_id)(handle_home_button)
    app.view(HOME_HOURS_CALLBACK)(modal_handler(save_hours))
    app.view(HOME_AWAY_CALLBACK)(modal_handler(save_away))


def publish_home(
    *, deps: Deps, client: WebClient, team_id: str, user_id: str, notice: str | None = None
) -> None:
    """Build this person's Home and publish it."""
    view = home_view(
        deps=deps, gateway=WebClientGateway(client), team_id=team_id, user_id=user_id, notice=notice
    )
    try:
        client.views_publish(user_id=user_id, view=view)
    except SLACK_CALL_FAILURES as error:
        logger.error("views.publish for %s failed: %s", user_id, failure_reason(error))


def _user(body: dict[str, Any]) -> str:
    user = body.get("user")
    return str(user.get("id") or "") if isinstance(user, dict) else ""
