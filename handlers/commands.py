"""The /norms slash command (/decision and /standup live in their own modules)."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot.agreement.flow import agreement_editor, agreement_reply
from bot.asks.flow import asks_overview
from bot.core.deps import Deps
from bot.home.help import build_help_blocks, build_unknown_command_answer, help_fallback_text
from bot.nudges.command import (
    NormsAction,
    parse_norms_command,
    run_channel_command,
    run_nudges_command,
    run_workspace_command,
)
from bot.people.command import run_away_command, run_hours_command
from bot.slack.gateway import WebClientGateway
from bot.slack.surfaces import NORMS_COMMAND
from handlers.home import publish_home
from handlers.replies import open_modal, reply_privately


def register(app: App, deps: Deps) -> None:
    def handle_norms_command(ack: Ack, command: dict[str, Any], respond: Respond, client: WebClient) -> None:
        text = command.get("text")
        parsed = parse_norms_command(text if isinstance(text, str) else "")
        if parsed.action is NormsAction.HELP:
            ack(text=help_fallback_text(), blocks=build_help_blocks(), response_type="ephemeral")
            return
        if parsed.action is NormsAction.UNKNOWN:
            intro, answer = build_unknown_command_answer(parsed.argument)
            ack(text=intro, blocks=answer, response_type="ephemeral")
            return
        ack()  # settings changes answer through response_url, so the 3 s ack never waits on the database
        team_id, channel_id, user_id = (
            str(command.get(key) or "") for key in ("team_id", "channel_id", "user_id")
        )
        gateway = WebClientGateway(client)
        blocks: list[dict[str, Any]] | None = None
        if parsed.action is NormsAction.AGREEMENT and parsed.argument == "edit":
            view = agreement_editor(
                deps=deps, gateway=gateway, team_id=team_id, user_id=user_id, origin_channel=channel_id
            )
            open_modal(client, command.get("trigger_id"), view, respond, form="the agreement editor")
            return
        elif parsed.action is NormsAction.AGREEMENT:
            reply, blocks = agreement_reply(deps=deps, gateway=gateway, team_id=team_id, user_id=user_id)
        elif parsed.action is NormsAction.ASKS:
            reply, blocks = asks_overview(deps=deps, team_id=team_id, user_id=user_id)
        elif parsed.action is NormsAction.HOURS:
            reply = run_hours_command(parsed.argument, deps=deps, team_id=team_id, user_id=user_id)
        elif parsed.action is NormsAction.AWAY:
            reply = run_away_command(parsed.argument, deps=deps, team_id=team_id, user_id=user_id)
        elif parsed.action is NormsAction.NUDGES:
            reply = run_nudges_command(parsed, deps=deps, team_id=team_id, user_id=user_id)
        elif parsed.action in (
            NormsAction.WORKSPACE_DEFAULT,
            NormsAction.PERMISSIONS,
            NormsAction.WORKSPACE_RULE,
            NormsAction.EXTERNAL_PEOPLE,
        ):
            reply = run_workspace_command(
                parsed, deps=deps, gateway=gateway, team_id=team_id, user_id=user_id
            )
        else:
            reply = run_channel_command(
                parsed, deps=deps, gateway=gateway, team_id=team_id, channel_id=channel_id,
                user_id=user_id,
            )  # fmt: skip
        if parsed.action in (NormsAction.HOURS, NormsAction.AWAY, NormsAction.NUDGES) and parsed.argument:
            publish_home(deps=deps, client=client, team_id=team_id, user_id=user_id)  # Home shows these
        reply_privately(respond, reply, blocks)

    app.command(NORMS_COMMAND)(handle_norms_command)
