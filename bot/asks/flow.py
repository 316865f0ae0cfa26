"""Response tracking for one event: a message opens asks, replies and reactions close them.

Called by handlers/messages.py and handlers/events.py after Bolt has acknowledged the event.
"""

from __future__ import annotations

import logging
import re
from dataclasses import replace
from datetime import datetime, time
from typing import Any

from bot.asks.blocks import (
    TRACK_RECIPIENTS,
    TrackAskForm,
    TrackedMessage,
    build_action_reply,
    build_declined_notice,
    build_escalation,
    build_open_asks,
    build_track_ask_modal,
)
from bot.asks.detection import MAX_GROUP_ASKED, MAX_PEOPLE_ASKED, DetectedAsk, detect_ask
from bot.asks.service import (
    ID_LIMIT,
    RECIPIENT_ACTIONS,
    AskAction,
    AskedMessage,
    Outcome,
    SnoozeFor,
    act_on_ask,
    ask_summary,
    cancel_message_asks,
    open_asks,
    open_asks_of,
    record_reaction,
    record_thread_reply,
    ts_time,
)
from bot.calendar.work_calendars import calendar_for
from bot.core.deps import Deps
from bot.core.errors import FormErrors, Refusal
from bot.lint import Urgency
from bot.lint import urgency as lint_urgency
from bot.nudges.service import IncomingMessage, reason_not_to_read
from bot.people import settings_store
from bot.people.facts import humans_among, person_facts, zone_of
from bot.slack.client import SLACK_CALL_FAILURES, failure_reason
from bot.slack.gateway import SlackGateway
from models import ChannelMode

logger = logging.getLogger(__name__)
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


def track_new_message(*, deps: Deps, gateway: SlackGateway, message: IncomingMessage) -> int:
    """A thread reply answers the replier's asks in that thread; a request mentioning people opens asks."""
    asked_at = ts_time(message.ts)
    if asked_at is None or not _plausible_ids(message):
        return 0
    if message.is_thread_reply and message.thread_ts is not None:
        with deps.session_factory.begin() as session:
            answered = record_thread_reply(
                session=session,
                team_id=message.team_id,
                channel_id=message.channel_id,
                thread_ts=message.thread_ts,
                user_id=message.user_id,
                reply_ts=message.ts,
            )
        if answered:
            logger.info(
                "%d ask(s) answered by a reply in %s (team %s)", answered, message.channel_id, message.team_id
            )
    return _open_for(deps=deps, gateway=gateway, message=message, asked_at=asked_at)


def track_edited_message(*, deps: Deps, gateway: SlackGateway, message: IncomingMessage) -> int:
    """An edit: people no longer asked (or no request at all any more) are released; new people asked."""
    asked_at = ts_time(message.ts)
    if asked_at is None or not _plausible_ids(message):
        return 0
    return _open_for(deps=deps, gateway=gateway, message=message, asked_at=asked_at, keep_others=False)


def _plausible_ids(message: IncomingMessage) -> bool:
    """Slack ids are short; anything else is a malformed event, ignored rather than stored."""
    ids = (message.user_id, message.channel_id, message.thread_ts or message.ts)
    return all(0 < len(value) <= ID_LIMIT for value in ids)


def track_deleted_message(*, deps: Deps, team_id: str, channel_id: str, message_ts: str) -> int:
    with deps.session_factory.begin() as session:
        return cancel_message_asks(
            session=session, team_id=team_id, channel_id=channel_id, message_ts=message_ts, at=deps.clock()
        )


def track_reaction(
    *, deps: Deps, team_id: str, channel_id: str, message_ts: str, user_id: str, reaction: str, at: datetime
) -> int:
    with deps.session_factory.begin() as session:
        workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=deps.clock())
        return record_reaction(
            session=session,
            workspace=workspace,
            channel_id=channel_id,
            message_ts=message_ts,
            user_id=user_id,
            reaction=reaction,
            at=at,
        )


def _open_for(
    *,
    deps: Deps,
    gateway: SlackGateway,
    message: IncomingMessage,
    asked_at: datetime,
    keep_others: bool = True,
) -> int:
    if keep_others and "<@" not in message.text and "<!subteam^" not in message.text:
        return 0  # a new message that mentions nobody asks nobody (most messages: no database work)
    now = deps.clock()
    with deps.session_factory.begin() as session:
        channel = settings_store.channel_settings(
            session=session,
            team_id=message.team_id,
            channel_id=message.channel_id,
            now=now,
            shared_externally=message.shared_externally,
        )
        reason = reason_not_to_read(message, mode=channel.mode)
        workspace = settings_store.workspace_settings(session=session, team_id=message.team_id, now=now)
        config = settings_store.lint_config(workspace, channel)
        include_external = workspace.include_external_people
    if reason is not None:
        return 0
    author = person_facts(deps=deps, gateway=gateway, team_id=message.team_id, user_id=message.user_id)
    if author is not None and (author.is_bot or (author.is_external and not include_external)):
        return 0
    detected = detect_ask(
        message.text,
        author_id=message.user_id,
        asked_at=asked_at,
        author_tz=zone_of(author.tz if author else None),
        config=config,
    )
    if detected is not None and detected.groups:
        detected = replace(
            detected, recipients=_with_group_members(gateway, detected, author=message.user_id)
        )
    people = humans_among(
        deps=deps,
        gateway=gateway,
        team_id=message.team_id,
        user_ids=detected.recipients if detected else (),
        include_external=include_external,
    )
    with deps.session_factory.begin() as session:
        if not keep_others:
            cancel_message_asks(
                session=session,
                team_id=message.team_id,
                channel_id=message.channel_id,
                message_ts=message.ts,
                at=now,
                keep=people,
            )
        if detected is None or not people:
            return 0
        workspace = settings_store.workspace_settings(session=session, team_id=message.team_id, now=now)
        calendars = {
            user_id: calendar_for(session=session, workspace=workspace, user_id=user_id) for user_id in people
        }
        opened = open_asks(
            session=session,
            workspace=workspace,
            message=AskedMessage(
                team_id=message.team_id,
                channel_id=message.channel_id,
                message_ts=message.ts,
                thread_ts=message.thread_ts or message.ts,
                asker_id=message.user_id,
                asked_at=asked_at,
                summary=ask_summary(message.text),
            ),
            detected=detected,
            calendars=calendars,
        )
    if opened:
        logger.info("%d ask(s) tracked in %s (team %s)", opened, message.channel_id, message.team_id)
    return opened


def _with_group_members(gateway: SlackGateway, detected: DetectedAsk, *, author: str) -> tuple[str, ...]:
    """The people asked, with the members of each small user group mentioned (a group of more than
    MAX_GROUP_ASKED, or one Slack cannot list, asks nobody in particular)."""
    people = list(detected.recipients)
    for group in detected.groups[:MAX_GROUPS_LOOKED_UP]:
        members = gateway.group_members(group)
        if members is not None and len(members) <= MAX_GROUP_ASKED:
            people.extend(members)
    return tuple(person for person in dict.fromkeys(people) if person != author)[:MAX_PEOPLE_ASKED]


MAX_GROUPS_LOOKED_UP = 3  # per message: each is one usergroups.users.list call


def asks_overview(*, deps: Deps, team_id: str, user_id: str) -> tuple[str, list[dict[str, Any]]]:
    """The person's open asks both ways, due times in their zone, as text (for /norms asks).

    App Home builds the same lists with buttons inside its own transaction (bot/home/flow.py).
    """
    now = deps.clock()
    with deps.session_factory.begin() as session:
        workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
        zone = calendar_for(session=session, workspace=workspace, user_id=user_id).zone
        found = open_asks_of(session=session, team_id=team_id, user_id=user_id, now=now)
        return build_open_asks(found, zone=zone, now=now, with_buttons=False)


def apply_ask_action(
    *,
    deps: Deps,
    gateway: SlackGateway,
    team_id: str,
    user_id: str,
    ask_id: int,
    action: AskAction,
    snooze: SnoozeFor = SnoozeFor.TOMORROW,
) -> str:
    """A button on a reminder, a notice or App Home; the answer to show the person who clicked."""
    now = deps.clock()
    with deps.session_factory.begin() as session:
        result = act_on_ask(
            session=session, team_id=team_id, ask_id=ask_id, user_id=user_id, action=action, now=now,
            snooze=snooze,
        )  # fmt: skip
        ask = result.ask
        if result.outcome is Outcome.UNKNOWN or ask is None:
            return "I can't find that ask any more. `/norms asks` shows what is open."
        if result.outcome is Outcome.NOT_YOURS:
            who = "the person asked" if action in RECIPIENT_ACTIONS else f"<@{ask.asker_id}>, who asked"
            return f"Only {who} can do that."
        if result.outcome is Outcome.ALREADY_CLOSED:
            return f"That ask is already closed ({ask.state.value})."
        workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
        zone = calendar_for(session=session, workspace=workspace, user_id=user_id).zone
        reply = build_action_reply(action, ask, until=result.until, zone=zone)
        channel_id, thread_ts, escalation = ask.channel_id, ask.thread_ts, build_escalation(ask, urgent=False)
        asker, declined_notice = ask.asker_id, build_declined_notice(ask)
    if action is AskAction.NOT_FOR_ME:  # the asker hears it, instead of the ask vanishing
        try:
            gateway.post_message(channel_id=asker, text=declined_notice, blocks=[])
        except SLACK_CALL_FAILURES as error:
            logger.warning(
                "telling %s their ask %s was declined failed: %s", asker, ask_id, failure_reason(error)
            )
    if action is AskAction.ESCALATE:
        try:
            gateway.post_message(channel_id=channel_id, text=escalation, blocks=[], thread_ts=thread_ts)
        except SLACK_CALL_FAILURES as error:
            logger.error("escalating ask %s in %s failed: %s", ask_id, channel_id, failure_reason(error))
            reason = failure_reason(error)
            return f"I couldn't post in <#{channel_id}> ({reason}). Is the app still in that channel?"
    return reply


NOT_YOUR_ASK = "Track asks you made or asks made of you: include yourself, or ask the author."


def track_form(
    *, deps: Deps, team_id: str, clicker: str, channel_id: str, message: dict[str, Any]
) -> dict[str, Any]:
    """The "Track as ask" form for a message: the people it mentions (or the person who clicked, when
    someone else wrote it) and the urgency the linter reads; raises Refusal when it cannot be tracked."""
    author, ts, text = message.get("user"), message.get("ts"), str(message.get("text") or "")
    if not isinstance(author, str) or not isinstance(ts, str) or message.get("bot_id"):
        raise Refusal("Only a person's message can be tracked as an ask.")
    with deps.session_factory.begin() as session:
        mode = settings_store.channel_settings(
            session=session, team_id=team_id, channel_id=channel_id, now=deps.clock()
        ).mode
    if mode is ChannelMode.OFF:
        raise Refusal(f"Async Norms is off in <#{channel_id}>, so it tracks no asks there.")
    mentioned = [user for user in dict.fromkeys(_MENTION.findall(text)) if user != author]
    recipients = mentioned or ([clicker] if clicker != author else [])
    tracked = TrackedMessage(
        channel_id, ts, str(message.get("thread_ts") or ts), author, ask_summary(text) if text else None
    )
    return build_track_ask_modal(
        tracked, recipients=recipients, urgency=lint_urgency(text) if text else Urgency.NORMAL
    )


def track_message(
    *,
    deps: Deps,
    gateway: SlackGateway,
    team_id: str,
    clicker: str,
    message: TrackedMessage,
    form: TrackAskForm,
) -> str:
    """Track the message as an ask of the people chosen; the notice for the person who clicked.
    Raises FormErrors when they may not (only the asker or a person asked tracks an ask)."""
    chosen = [user for user in dict.fromkeys(form.recipients) if user != message.author_id]
    if clicker != message.author_id and clicker not in chosen:
        raise FormErrors({TRACK_RECIPIENTS: NOT_YOUR_ASK})
    people = humans_among(deps=deps, gateway=gateway, team_id=team_id, user_ids=chosen)
    if not people:
        raise FormErrors({TRACK_RECIPIENTS: "Pick people (not the author, not apps) the message asks."})
    asked_at = ts_time(message.ts) or deps.clock()
    now = deps.clock()
    with deps.session_factory.begin() as session:
        workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
        calendars = {
            user: calendar_for(session=session, workspace=workspace, user_id=user) for user in people
        }
        zone = calendar_for(session=session, workspace=workspace, user_id=clicker).zone
        stated = None
        if form.due_date is not None:
            stated = datetime.combine(form.due_date, form.due_time or time(17, 0), tzinfo=zone)
        opened = open_asks(
            session=session,
            workspace=workspace,
            message=AskedMessage(
                team_id=team_id, channel_id=message.channel_id, message_ts=message.ts,
                thread_ts=message.thread_ts, asker_id=message.author_id, asked_at=asked_at,
                summary=message.summary,
            ),
            detected=DetectedAsk(tuple(people), form.urgency, stated, no_rush=False),
            calendars=calendars,
        )  # fmt: skip
    whom = ", ".join(f"<@{user}>" for user in people)
    if not opened:
        return f"That ask of {whom} is already tracked: `/norms asks` shows it."
    return (
        f"Tracking <@{message.author_id}>'s ask of {whom} in <#{message.channel_id}> "
        f"({form.urgency.value}): reminders follow the team's norms."
    )
