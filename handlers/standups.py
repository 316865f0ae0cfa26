"""Standups: /standup, the configuration modal, the prompt's button and the answer modal."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.core.deps import Deps
from bot.slack.gateway import WebClientGateway
from bot.slack.surfaces import STANDUP_COMMAND
from bot.standups.blocks import (
    STANDUP_ANSWER_CALLBACK,
    STANDUP_CONFIG_CALLBACK,
    STANDUP_OPEN_ANSWER_ACTION,
    parse_blocked_on,
    parse_config_form,
    read_config_metadata,
)
from bot.standups.command import StandupAction, parse_standup_command, run_standup_command
from bot.standups.flow import (
    announce_config,
    answer_modal,
    answers_from_form,
    check_digest_after_prompts,
    check_may_configure,
    config_modal,
    store_answer,
    store_config,
    track_blockers,
)
from handlers.home import publish_home
from handlers.replies import acting_user_id, clicked_action, open_modal, reply_privately

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def handle_standup_command(
        ack: Ack, command: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        parsed = parse_standup_command(str(command.get("text") or ""))
        team_id, channel_id, user_id = (
            str(command.get(key) or "") for key in ("team_id", "channel_id", "user_id")
        )
        ack()
        if parsed.action is not StandupAction.CONFIGURE:
            text, blocks = run_standup_command(
                parsed,
                deps=deps,
                gateway=WebClientGateway(client),
                team_id=team_id,
                channel_id=channel_id,
                user_id=user_id,
            )
            reply_privately(respond, text, blocks)
            return
        if not channel_id or channel_id.startswith("D"):
            reply_privately(
                respond, f"Run `{STANDUP_COMMAND}` in the channel whose standup you want to set up."
            )
            return
        view = config_modal(
            deps=deps,
            client=client,
            team_id=team_id,
            channel_id=channel_id,
            user_id=user_id,
            bot_user_id=context.bot_user_id,
            which=parsed.argument,
            name=parsed.name,
        )
        open_modal(client, command.get("trigger_id"), view, respond, form="the standup form")

    def handle_config_submission(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        config = parse_config_form((view.get("state") or {}).get("values"))
        target = read_config_metadata(view.get("private_metadata"))
        team_id, user_id = context.team_id or "", acting_user_id(body)
        if not target.channel_id:
            ack()
            logger.warning("standup configuration without its channel ignored")
            return
        # Refused (someone else's standup) or stored before the form closes: a database error keeps it open.
        check_may_configure(deps=deps, client=client, team_id=team_id, target=target, user_id=user_id)
        check_digest_after_prompts(deps=deps, team_id=team_id, config=config)
        stored = store_config(deps=deps, config=config, team_id=team_id, target=target, user_id=user_id)
        ack()
        announce_config(deps=deps, client=client, stored=stored)

    def handle_open_answer(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        entry_id = _entry_id(clicked_action(body).get("value"))
        if entry_id is None:
            logger.warning("standup button with a malformed payload ignored")
            return
        user_id = acting_user_id(body)
        view = answer_modal(deps=deps, team_id=context.team_id or "", user_id=user_id, entry_id=entry_id)
        open_modal(client, body.get("trigger_id"), view, respond, form="your standup update")

    def handle_answer_submission(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        entry_id = _entry_id(view.get("private_metadata"))
        team_id, user_id = context.team_id or "", acting_user_id(body)
        answers = answers_from_form(
            deps=deps, team_id=team_id, user_id=user_id, entry_id=entry_id, values=view.get("state")
        )
        if answers is None or entry_id is None:
            ack()
            logger.warning("standup answer for an unknown entry, or someone else's, ignored")
            return
        blocked_on = parse_blocked_on((view.get("state") or {}).get("values"))
        stored = store_answer(deps=deps, team_id=team_id, user_id=user_id, entry_id=entry_id, answers=answers,
                              blocked_on=blocked_on)  # fmt: skip
        ack()
        if isinstance(stored, str):
            logger.warning("standup answer from %s not saved: %s", user_id, stored)
            return
        track_blockers(deps=deps, client=client, stored=stored)
        publish_home(deps=deps, client=client, team_id=team_id, user_id=user_id)  # the open update is done

    app.command(STANDUP_COMMAND)(handle_standup_command)
    app.view(STANDUP_CONFIG_CALLBACK)(handle_config_submission)
    app.action(STANDUP_OPEN_ANSWER_ACTION)(handle_open_answer)
    app.view(STANDUP_ANSWER_CALLBACK)(handle_answer_submission)


def _entry_id(value: object) -> int | None:
    """The standup entry a button or modal refers to, or None when it is not a plausible id."""
    text = str(value or "")
    return int(text) if text.isdigit() and len(text) <= 18 else None
