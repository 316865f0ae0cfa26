"""Other event subscriptions: people and the bot joining or leaving channels, acknowledgement reactions,
uninstalls."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import App, BoltContext
from slack_sdk import WebClient

from bot.asks.flow import track_reaction
from bot.asks.service import ts_time
from bot.core.deps import Deps
from bot.core.workspaces import erase_person, forget_installation, mark_uninstalled
from bot.nudges.flow import introduce_in_channel
from bot.people.facts import person_facts
from bot.slack.gateway import WebClientGateway
from bot.standups.service import member_joined, member_left

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def handle_member_joined_channel(event: dict[str, Any], context: BoltContext, client: WebClient) -> None:
        channel, user = event.get("channel"), event.get("user")
        if not isinstance(channel, str) or not isinstance(user, str):
            return
        team_id = context.team_id or ""
        if user != context.bot_user_id:
            with deps.session_factory.begin() as session:
                joined = member_joined(session=session, team_id=team_id, channel_id=channel, user_id=user)
            if joined:  # learn their time zone now: the scheduler asks them at their local time
                person_facts(deps=deps, gateway=WebClientGateway(client), team_id=team_id, user_id=user)
            return
        introduce_in_channel(
            deps=deps, gateway=WebClientGateway(client), team_id=context.team_id or "", channel_id=channel
        )

    def handle_workspace_leaving(body: dict[str, Any], event: dict[str, Any]) -> None:
        team_id = body.get("team_id")
        if not isinstance(team_id, str):
            return
        if event.get("type") == "tokens_revoked" and not (event.get("tokens") or {}).get("bot"):
            return  # only user tokens, which the bot does not use
        reason = "app uninstalled" if event.get("type") == "app_uninstalled" else "bot token revoked"
        with deps.session_factory.begin() as session:
            skipped = mark_uninstalled(session=session, team_id=team_id, reason=reason, now=deps.clock())
            forget_installation(session=session, team_id=team_id)
        logger.warning(
            "workspace %s: %s; %d scheduled items skipped, its data will be deleted after %d days",
            team_id, reason, skipped, deps.settings.workspace_retention_days,
        )  # fmt: skip

    def handle_member_left_channel(event: dict[str, Any], context: BoltContext) -> None:
        """Someone who leaves a channel leaves its standup: they are not prompted any more."""
        channel, user = event.get("channel"), event.get("user")
        if isinstance(channel, str) and isinstance(user, str):
            with deps.session_factory.begin() as session:
                member_left(session=session, team_id=context.team_id or "", channel_id=channel, user_id=user)

    def handle_user_change(event: dict[str, Any], context: BoltContext) -> None:
        user = event.get("user")
        if (
            not isinstance(user, dict)
            or user.get("deleted") is not True
            or not isinstance(user.get("id"), str)
        ):
            return  # a profile change: nothing to do
        team_id = context.team_id or ""
        with deps.session_factory.begin() as session:
            report = erase_person(session=session, team_id=team_id, user_id=user["id"][:32])
        logger.info(
            "account %s deleted in Slack: erased %d rows in team %s", user["id"][:32], report.rows, team_id
        )

    app.event("member_joined_channel")(handle_member_joined_channel)
    app.event("user_change")(handle_user_change)
    app.event("member_left_channel")(handle_member_left_channel)

    def handle_reaction_added(event: dict[str, Any], context: BoltContext) -> None:
        """An acknowledgement emoji from the asked person answers their ask."""
        item, user, reaction = event.get("item"), event.get("user"), event.get("reaction")
        if not (isinstance(item, dict) and isinstance(user, str) and isinstance(reaction, str)):
            return
        channel, ts = item.get("channel"), item.get("ts")
        at = ts_time(str(event.get("event_ts") or "")) or deps.clock()
        if item.get("type") == "message" and isinstance(channel, str) and isinstance(ts, str):
            track_reaction(
                deps=deps,
                team_id=context.team_id or "",
                channel_id=channel,
                message_ts=ts,
                user_id=user,
                reaction=reaction,
                at=at,
            )

    app.event("reaction_added")(handle_reaction_added)
    app.event("app_uninstalled")(handle_workspace_leaving)
    app.event("tokens_revoked")(handle_workspace_leaving)
