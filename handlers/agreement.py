"""The working agreement: the Share and Edit buttons, and the edit modal's submission."""

from __future__ import annotations

import logging
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.agreement.blocks import (
    AGREEMENT_EDIT_ACTION,
    AGREEMENT_MODAL_CALLBACK,
    AGREEMENT_RESUME_RULE_ACTION,
    AGREEMENT_SHARE_ACTION,
    describe_saved,
    parse_agreement_form,
)
from bot.agreement.flow import agreement_editor, resume_paused_rule, save_agreement, shared_agreement
from bot.core.deps import Deps
from bot.slack.block_kit import section
from bot.slack.client import SLACK_CALL_FAILURES, failure_reason
from bot.slack.gateway import WebClientGateway
from handlers.home import publish_home
from handlers.replies import acting_user_id, clicked_action, open_modal, reply_privately, respond_safely

logger = logging.getLogger(__name__)


def register(app: App, deps: Deps) -> None:
    def handle_share(ack: Ack, context: BoltContext, respond: Respond) -> None:
        ack()
        text, blocks = shared_agreement(deps=deps, team_id=context.team_id or "")
        respond_safely(respond, text=text, blocks=blocks, response_type="in_channel", replace_original=False)

    def handle_edit(
        ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        user_id = acting_user_id(body)
        channel = body.get("channel")
        channel = channel if isinstance(channel, dict) else {}
        view = agreement_editor(
            deps=deps, gateway=WebClientGateway(client), team_id=context.team_id or "", user_id=user_id,
            origin_channel=str(channel.get("id") or ""),  # the summary's channel; none from App Home
        )  # fmt: skip
        open_modal(client, body.get("trigger_id"), view, respond, form="the agreement editor")

    def handle_submission(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext, client: WebClient
    ) -> None:
        agreement = parse_agreement_form((view.get("state") or {}).get("values"))
        team_id, user_id = context.team_id or "", acting_user_id(body)
        result = save_agreement(
            deps=deps, gateway=WebClientGateway(client), team_id=team_id, user_id=user_id, agreement=agreement
        )
        ack()
        notice = describe_saved(result)
        origin = str(view.get("private_metadata") or "")
        if origin:  # opened from a channel: the confirmation goes there, where the person acted
            try:
                WebClientGateway(client).post_ephemeral(
                    channel_id=origin, user_id=user_id, text=notice, blocks=[section(notice)]
                )
            except SLACK_CALL_FAILURES as error:  # App Home still shows it
                logger.warning("agreement confirmation not posted in %s: %s", origin, failure_reason(error))
        publish_home(deps=deps, client=client, team_id=team_id, user_id=user_id, notice=notice)

    def handle_resume_rule(
        ack: Ack, body: dict[str, Any], context: BoltContext, client: WebClient, respond: Respond
    ) -> None:
        ack()
        rule = str(clicked_action(body).get("value") or "")
        team_id, user_id = context.team_id or "", acting_user_id(body)
        reply = resume_paused_rule(
            deps=deps, gateway=WebClientGateway(client), team_id=team_id, user_id=user_id, rule=rule[:40]
        )
        if body.get("response_url"):
            reply_privately(respond, reply)
        else:  # the button on App Home
            publish_home(deps=deps, client=client, team_id=team_id, user_id=user_id, notice=reply)

    app.action(AGREEMENT_SHARE_ACTION)(handle_share)
    app.action(AGREEMENT_RESUME_RULE_ACTION)(handle_resume_rule)
    app.action(AGREEMENT_EDIT_ACTION)(handle_edit)
    app.view(AGREEMENT_MODAL_CALLBACK)(handle_submission)
