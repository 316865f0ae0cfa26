"""Decision records over Slack: record a submitted form, change a status from a button, read a thread
for the form, choose the decision-log channel. The one place combining deps, transactions and Slack."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.core.deps import Deps
from bot.decisions import service as decisions
from bot.decisions.blocks import (
    DecisionForm,
    build_log_canvas,
    build_record_message,
    draft_from_form,
    read_metadata,
)
from bot.decisions.service import NotAllowedError, UnknownDecisionError, display_number
from bot.people import settings_store
from bot.people.facts import fetch_person
from bot.slack.client import SLACK_CALL_FAILURES, failure_reason
from bot.slack.gateway import SlackGateway, WebClientGateway
from models import DecisionStatus

logger = logging.getLogger(__name__)
REPLIES_PAGE_LIMIT = 200
REPLIES_MAX_PAGES = 50


def save_record(
    *, deps: Deps, team_id: str, user_id: str, form: DecisionForm, metadata: object
) -> tuple[int, str | None]:
    """Store a submitted record, before the form closes: its number and the decision-log channel.

    When the database cannot take it, the error reaches the listener error handler while the form is
    still open, so the form stays open with the person's text and says so.
    """
    draft = draft_from_form(form, read_metadata(metadata))
    now = deps.clock()
    with deps.session_factory.begin() as session:
        record = decisions.record_decision(
            session=session, team_id=team_id, draft=draft, author_id=user_id, now=now
        )
        log_channel = settings_store.workspace_settings(
            session=session, team_id=team_id, now=now
        ).decision_log_channel
        return record.number, log_channel


def post_record(
    *, deps: Deps, client: WebClient, team_id: str, user_id: str, number: int, log_channel: str | None
) -> None:
    """Post a stored record into its thread (or channel, or the author's DM), and to the decision log."""
    _post_record(deps, client, team_id=team_id, number=number, user_id=user_id, log_channel=log_channel)


def change_status_from_button(
    *,
    deps: Deps,
    client: WebClient,
    team_id: str,
    user_id: str,
    number: int,
    to: DecisionStatus,
    channel_id: object,
    message_ts: object,
) -> str | None:
    """Apply a status button and update the message it was on (and the record's other copies); a
    refusal to tell the person, or None."""
    try:
        with deps.session_factory.begin() as session:
            record = decisions.change_status(
                session=session, team_id=team_id, number=number, to=to, by=user_id, now=deps.clock()
            )
            text, blocks = build_record_message(record)
    except (NotAllowedError, UnknownDecisionError) as refusal:
        return str(refusal)
    if isinstance(channel_id, str) and isinstance(message_ts, str):
        _update(client, number, channel=channel_id, ts=message_ts, text=text, blocks=blocks)
    refresh_posted(deps=deps, client=client, team_id=team_id, numbers=(number,), except_ts=message_ts)
    return None


def refresh_posted(
    *, deps: Deps, client: WebClient, team_id: str, numbers: Sequence[int], except_ts: object = None
) -> None:
    """Update every posted copy of these records (in their thread or channel, and in the decision-log
    channel) after a change, so that no copy shows a stale status or live buttons it should not have."""
    copies: list[tuple[int, str, str, str, list[dict[str, Any]]]] = []
    with deps.session_factory.begin() as session:
        for number in numbers:
            record = decisions.find(session=session, team_id=team_id, number=number)
            text, blocks = build_record_message(record)
            for channel, ts in (
                (record.channel_id, record.posted_ts),
                (record.log_channel_id, record.log_ts),
            ):
                if channel and ts and ts != except_ts:
                    copies.append((number, channel, ts, text, blocks))
    for number, channel, ts, text, blocks in copies:
        _update(client, number, channel=channel, ts=ts, text=text, blocks=blocks)
    refresh_log_canvas(deps=deps, client=client, team_id=team_id)


def refresh_log_canvas(*, deps: Deps, client: WebClient, team_id: str) -> None:
    """Rewrite the decision log's canvas, where the workspace keeps one: the records its channel has
    seen (those posted there since it was the log channel, and those imported from files)."""
    with deps.session_factory() as session:
        settings = settings_store.workspace_settings(session=session, team_id=team_id, now=deps.clock())
        canvas_id, log_channel = settings.decision_log_canvas_id, settings.decision_log_channel
        if not canvas_id:
            return
        shown = [
            record
            for record in decisions.all_decisions(session=session, team_id=team_id)
            if record.log_channel_id == log_channel or record.channel_id is None
        ]
        markdown = build_log_canvas(shown)
    try:
        client.canvases_edit(
            canvas_id=canvas_id,
            changes=[
                {"operation": "replace", "document_content": {"type": "markdown", "markdown": markdown}}
            ],
        )
    except SLACK_CALL_FAILURES as error:
        logger.error("decision log canvas %s (team %s): %s", canvas_id, team_id, failure_reason(error))


def set_log_canvas(deps: Deps, client: WebClient, team_id: str, user_id: str, *, keep: bool) -> str:
    """Admins choose whether the decision-log channel has a canvas of the log; the reply to show."""
    facts = fetch_person(deps, WebClientGateway(client), team_id, user_id, deps.clock())
    if facts is None or not facts.holds_admin_rights:
        return "Only workspace admins can choose whether the decision log has a canvas."
    with deps.session_factory.begin() as session:
        settings = settings_store.workspace_settings(session=session, team_id=team_id, now=deps.clock())
        log_channel, canvas_id = settings.decision_log_channel, settings.decision_log_canvas_id
        if not keep:
            settings.decision_log_canvas_id = None
            return (
                "The decision log's canvas is no longer updated (it stays in the channel; delete it there)."
            )
    if not log_channel:
        return "Choose the decision-log channel first: `/decision log-channel here` in that channel."
    if canvas_id is None:
        created = _create_log_canvas(client, log_channel)
        if isinstance(created, CanvasRefused):
            return created.reason
        with deps.session_factory.begin() as session:
            settings_store.workspace_settings(
                session=session, team_id=team_id, now=deps.clock()
            ).decision_log_canvas_id = created
    refresh_log_canvas(deps=deps, client=client, team_id=team_id)
    return f"The decision log is now a canvas in <#{log_channel}>, updated on every change."


@dataclass(frozen=True)
class CanvasRefused:
    reason: str


def _create_log_canvas(client: WebClient, channel: str) -> str | CanvasRefused:
    """The channel's own canvas; a canvas shared in the channel when it has one already."""
    content = {"type": "markdown", "markdown": "# Decision log\n"}
    try:
        try:
            created = client.conversations_canvases_create(channel_id=channel, document_content=content)
        except SlackApiError as error:
            if error.response.get("error") != "channel_canvas_already_exists":
                raise
            created = client.canvases_create(
                title="Decision log", channel_id=channel, document_content=content
            )
    except SLACK_CALL_FAILURES as error:
        reason = failure_reason(error)
        logger.warning("could not create the decision log canvas in %s: %s", channel, reason)
        fix = _fix_for(
            reason,
            channel,
            otherwise=f"Slack said `{reason}` (canvases need a paid plan, and the app needs the "
            "canvases:write permission: reinstall it if it was installed before this feature)",
        )
        then = ", then try again." if reason in NOT_A_MEMBER else "."
        return CanvasRefused(f"I couldn't create the canvas. {fix}{then}")
    canvas_id = created.get("canvas_id")
    return (
        canvas_id if isinstance(canvas_id, str) else CanvasRefused("Slack did not say which canvas it made.")
    )


def _update(
    client: WebClient, number: int, *, channel: str, ts: str, text: str, blocks: list[dict[str, Any]]
) -> None:
    try:
        client.chat_update(channel=channel, ts=ts, text=text, blocks=blocks)
    except SLACK_CALL_FAILURES as error:
        logger.error("could not update %s in %s: %s", display_number(number), channel, failure_reason(error))


def _post_record(
    deps: Deps, client: WebClient, *, team_id: str, number: int, user_id: str, log_channel: str | None
) -> None:
    """Post the new record into its thread (or channel, or the author's DM), and to the decision log."""
    with deps.session_factory.begin() as session:
        record = decisions.find(session=session, team_id=team_id, number=number)
        text, blocks = build_record_message(record)
        target, thread_ts = record.channel_id or user_id, record.thread_ts
        proposal = record.status is DecisionStatus.PROPOSED and record.feedback_by is not None
        feedback_by = record.feedback_by
    try:
        posted = client.chat_postMessage(channel=target, text=text, blocks=blocks, thread_ts=thread_ts)
        if proposal:
            client.chat_postMessage(
                channel=target, thread_ts=posted.get("ts") if thread_ts is None else thread_ts,
                text=f"Request for comments on {display_number(number)}: please reply in this thread "
                f"by {feedback_by:%a %d %b}.",
            )  # fmt: skip
    except SLACK_CALL_FAILURES as error:
        reason = failure_reason(error)
        logger.error("%s (team %s) not posted to %s: %s", display_number(number), team_id, target, reason)
        _tell_not_posted(client, user_id, number=number, where=target, reason=reason)
        return
    with deps.session_factory.begin() as session:
        decisions.find(session=session, team_id=team_id, number=number).posted_ts = posted.get("ts")
    if log_channel and log_channel != target:
        try:
            copy = client.chat_postMessage(channel=log_channel, text=text, blocks=blocks)
        except SLACK_CALL_FAILURES as error:
            logger.error("decision log channel %s (team %s): %s", log_channel, team_id, failure_reason(error))
            _tell_not_posted(client, user_id, number=number, where=log_channel, reason=failure_reason(error))
            return
        with deps.session_factory.begin() as session:
            stored = decisions.find(session=session, team_id=team_id, number=number)
            stored.log_channel_id, stored.log_ts = log_channel, copy.get("ts")
        refresh_log_canvas(deps=deps, client=client, team_id=team_id)


NOT_A_MEMBER = ("not_in_channel", "channel_not_found", "is_archived")


def _fix_for(reason: str, channel: str, *, otherwise: str) -> str:
    """What to do when Slack refused to post in `channel`: invite the bot, when it is not there."""
    if reason in NOT_A_MEMBER:
        return f"I'm not in <#{channel}>: invite me with `/invite @Async Norms` there"
    return otherwise


def _tell_not_posted(client: WebClient, user_id: str, *, number: int, where: str, reason: str) -> None:
    """The record is saved but Slack refused the post: the person hears it, and how to fix it."""
    name = display_number(number)
    fix = _fix_for(reason, where, otherwise=f"Slack said `{reason}`")
    text = (
        f"{name} is saved, but I couldn't post it in <#{where}>. {fix}, then share it with "
        f"`/decision show {name}`."
    )
    try:
        client.chat_postMessage(channel=user_id, text=text)
    except SLACK_CALL_FAILURES as error:
        logger.warning("could not tell %s that %s was not posted: %s", user_id, name, failure_reason(error))


@dataclass(frozen=True)
class ThreadRead:
    messages: list[dict[str, Any]]
    complete: bool  # False: Slack refused a page (rate limit, error), so later messages are missing


def whole_thread(client: WebClient, channel: str, thread_ts: str) -> ThreadRead:
    """Every message of a thread, following conversations.replies' pages, or those that arrived."""
    messages: list[dict[str, Any]] = []
    cursor: str | None = None
    for _ in range(REPLIES_MAX_PAGES):
        try:
            page = client.conversations_replies(
                channel=channel, ts=thread_ts, cursor=cursor, limit=REPLIES_PAGE_LIMIT
            )
        except SLACK_CALL_FAILURES as error:
            logger.warning(
                "conversations.replies for %s/%s failed: %s", channel, thread_ts, failure_reason(error)
            )
            return ThreadRead(messages, complete=False)
        messages.extend(message for message in page.get("messages") or [] if isinstance(message, dict))
        cursor = (page.get("response_metadata") or {}).get("next_cursor") or None
        if not page.get("has_more") or not cursor:
            return ThreadRead(messages, complete=True)
    return ThreadRead(messages, complete=False)


def permalink(client: WebClient, channel: str, ts: str) -> str | None:
    """The message's permalink, or None when Slack cannot give one."""
    try:
        link = client.chat_getPermalink(channel=channel, message_ts=ts).get("permalink")
    except SLACK_CALL_FAILURES:
        return None
    return link if isinstance(link, str) else None


def set_log_channel(deps: Deps, client: WebClient, team_id: str, user_id: str, channel_id: str | None) -> str:
    """Admins choose where new records are also posted (None: nowhere); the reply to show."""
    facts = fetch_person(deps, WebClientGateway(client), team_id, user_id, deps.clock())  # not the cache
    if facts is None or not facts.holds_admin_rights:
        return "Only workspace admins can choose the decision-log channel."
    with deps.session_factory.begin() as session:
        settings_store.workspace_settings(
            session=session, team_id=team_id, now=deps.clock()
        ).decision_log_channel = channel_id
    return (
        "New decision records will also be posted here."
        if channel_id
        else "No decision-log channel: records stay in their threads."
    )


def viewer_for(gateway: SlackGateway, user_id: str) -> decisions.Viewer:
    """Who is asking, with the channels they are in (None when Slack cannot tell: then they see only
    the records they took part in)."""
    channels = gateway.channels_of(user_id)
    return decisions.Viewer(user_id, frozenset(channels) if channels is not None else None)
