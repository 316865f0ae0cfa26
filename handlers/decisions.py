"""Decision records: /decision, the "Record as decision" shortcut, the modal, and status buttons."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from slack_bolt import Ack, App, BoltContext, Respond
from slack_sdk import WebClient

from bot.core.deps import Deps
from bot.decisions import service as decisions
from bot.decisions.blocks import (
    DECISION_HELP,
    DECISION_MODAL_CALLBACK,
    STATUS_ACTIONS,
    build_decision_modal,
    modal_metadata,
    parse_decision_form,
)
from bot.decisions.command import DecisionAction, parse_decision_command, prefill_from_thread, run_log_command
from bot.decisions.flow import (
    change_status_from_button,
    permalink,
    post_record,
    refresh_posted,
    save_record,
    set_log_canvas,
    set_log_channel,
    viewer_for,
    whole_thread,
)
from bot.people.facts import fetch_person, person_facts, zone_of
from bot.slack.gateway import WebClientGateway
from bot.slack.surfaces import DECISION_COMMAND, RECORD_DECISION_SHORTCUT
from handlers.replies import acting_user_id, clicked_action, fill_in_form, open_modal, reply_privately

logger = logging.getLogger(__name__)
# The commands that change a record (an admin may, for an imported one that names nobody in Slack).
CHANGES = frozenset({DecisionAction.STATUS, DecisionAction.SUPERSEDE, DecisionAction.LINK})


def register(app: App, deps: Deps) -> None:
    app.command(DECISION_COMMAND)(_handle_decision_command(deps))
    app.shortcut(RECORD_DECISION_SHORTCUT)(_handle_record_shortcut(deps))
    app.view(DECISION_MODAL_CALLBACK)(_handle_decision_submission(deps))
    for action_id in STATUS_ACTIONS:
        app.action(action_id)(_handle_status_button(deps))


def _handle_decision_command(deps: Deps) -> Callable[..., None]:
    def handle_decision_command(
        ack: Ack, command: dict[str, Any], client: WebClient, respond: Respond
    ) -> None:
        parsed = parse_decision_command(str(command.get("text") or ""))
        team_id, channel_id, user_id = (
            str(command.get(key) or "") for key in ("team_id", "channel_id", "user_id")
        )
        if parsed.action is DecisionAction.HELP:
            ack(text=DECISION_HELP, response_type="ephemeral")
            return
        ack()
        if parsed.action is DecisionAction.OPEN:
            view = build_decision_modal(
                today=deps.clock().date(), title=parsed.text,
                metadata=modal_metadata(channel_id=channel_id or None, thread_ts=None, permalink=None),
            )  # fmt: skip
            open_modal(client, command.get("trigger_id"), view, respond, form="the decision form")
            return
        if parsed.action is DecisionAction.LOG_CHANNEL:
            reply = set_log_channel(
                deps, client, team_id, user_id, channel_id if parsed.text == "here" else None
            )
        elif parsed.action is DecisionAction.LOG_CANVAS:
            reply = set_log_canvas(deps, client, team_id, user_id, keep=parsed.text == "on")
        else:
            gateway = WebClientGateway(client)
            viewer = viewer_for(gateway, user_id)
            reader = person_facts(deps=deps, gateway=gateway, team_id=team_id, user_id=user_id)
            if parsed.action in CHANGES:  # admin rights decide on imported records: checked with Slack now
                fresh = fetch_person(deps, gateway, team_id, user_id, deps.clock())
                viewer = replace(viewer, is_admin=fresh is not None and fresh.holds_admin_rights)
            answer = run_log_command(
                parsed, deps=deps, team_id=team_id, user_id=user_id, viewer=viewer,
                zone=zone_of(reader.tz if reader else None),
            )  # fmt: skip
            reply = answer.text
            if answer.changed:  # the posted copies show the new status, and only its buttons
                refresh_posted(deps=deps, client=client, team_id=team_id, numbers=answer.changed)
        reply_privately(respond, reply)

    return handle_decision_command


def _handle_record_shortcut(deps: Deps) -> Callable[..., None]:
    def handle_record_shortcut(ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond) -> None:
        ack()
        channel = (body.get("channel") or {}).get("id")
        message = body.get("message") or {}
        thread_ts = message.get("thread_ts") or message.get("ts")
        if not isinstance(channel, str) or not isinstance(thread_ts, str):
            reply_privately(
                respond, "I could not tell which message this was. Try again from the message's menu."
            )
            return

        # The trigger lives 3 seconds and Slack paces conversations.replies: open the form from the
        # message itself first, then fill it in from the whole thread if the person has not typed yet.
        def form_from(messages: list[dict[str, Any]], link: str | None, notice: str = "") -> dict[str, Any]:
            prefill = prefill_from_thread(messages)
            return build_decision_modal(
                today=deps.clock().date(), title=prefill.title, context=prefill.context,
                options=prefill.options, makers=prefill.participants, notice=notice,
                metadata=modal_metadata(channel_id=channel, thread_ts=thread_ts, permalink=link),
            )  # fmt: skip

        opened = open_modal(client, body.get("trigger_id"), form_from([message], None), respond,
                            form="the decision form")  # fmt: skip
        if opened is None:
            return
        thread = whole_thread(client, channel, thread_ts)
        link = permalink(client, channel, thread_ts)
        notice = (
            ""
            if thread.complete
            else f"Slack let me read only {len(thread.messages) or 1} message(s) of this thread just now, "
            "so the form has what arrived: add what is missing from the thread."
        )
        if len(thread.messages) > 1 or link or notice:
            fill_in_form(client, opened, form_from(thread.messages or [message], link, notice))

    return handle_record_shortcut


def _handle_decision_submission(deps: Deps) -> Callable[..., None]:
    def handle_decision_submission(
        ack: Ack, body: dict[str, Any], view: dict[str, Any], client: WebClient, context: BoltContext
    ) -> None:
        form = parse_decision_form((view.get("state") or {}).get("values"), today=deps.clock().date())
        team_id, user_id = context.team_id or "", acting_user_id(body)
        number, log_channel = save_record(
            deps=deps, team_id=team_id, user_id=user_id, form=form, metadata=view.get("private_metadata")
        )  # before the form closes: a failure keeps the person's text on it
        ack()
        post_record(
            deps=deps, client=client, team_id=team_id, user_id=user_id, number=number, log_channel=log_channel
        )

    return handle_decision_submission


def _handle_status_button(deps: Deps) -> Callable[..., None]:
    def handle_status_button(
        ack: Ack, body: dict[str, Any], client: WebClient, respond: Respond, context: BoltContext
    ) -> None:
        ack()
        action = clicked_action(body)
        to = STATUS_ACTIONS.get(str(action.get("action_id")))
        number = decisions.parse_number(str(action.get("value") or ""))
        user_id = acting_user_id(body)
        if to is None or number is None:
            logger.warning("decision button with a malformed payload ignored")
            return
        container = body.get("container") or {}
        reply = change_status_from_button(
            deps=deps,
            client=client,
            team_id=context.team_id or "",
            user_id=user_id,
            number=number,
            to=to,
            channel_id=container.get("channel_id"),
            message_ts=container.get("message_ts"),
        )
        if reply:
            reply_privately(respond, reply)

    return handle_status_button
