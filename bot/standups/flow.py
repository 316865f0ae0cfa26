"""Standups over Slack: open and save the configuration, open and save an answer. Called by handlers."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime, timedelta
from typing import Any

from slack_sdk import WebClient

from bot.asks.service import AskedMessage, DetectedAsk, ask_summary, open_asks
from bot.calendar.work_calendars import calendar_for
from bot.calendar.working_time import zone_named
from bot.core.deps import Deps
from bot.core.errors import FormErrors, Refusal
from bot.lint import Urgency
from bot.people import settings_store
from bot.people.facts import humans_among, person_facts
from bot.slack.client import SLACK_CALL_FAILURES, failure_reason
from bot.slack.gateway import WebClientGateway
from bot.slack.mrkdwn import escape_mrkdwn
from bot.slack.surfaces import STANDUP_COMMAND
from bot.standups import service as standups
from bot.standups.blocks import (
    DIGEST_TIME,
    NAME,
    SKIP,
    ConfigDefaults,
    ConfigTarget,
    StandupConfig,
    blocker_of,
    build_answer_modal,
    build_config_modal,
    describe_config,
    parse_answer_form,
    people_named,
    read_answers,
    read_dm_answer,
)
from bot.standups.command import may_manage, not_yours
from bot.standups.scheduled import early_entry
from bot.standups.service import BLOCKER_REFERENCE
from models import Standup

logger = logging.getLogger(__name__)
MEMBERS_PAGE = 200
MEMBERS_MAX_PAGES = 5


def config_modal(
    *,
    deps: Deps,
    client: WebClient,
    team_id: str,
    channel_id: str,
    user_id: str,
    bot_user_id: str | None,
    which: str = "",
    name: str = "",
) -> dict[str, Any]:
    """The configuration modal: `/standup` edits the channel's standup (or sets one up), `new` sets up
    another one, `edit NAME` edits the one named. Raises Refusal with what to do instead."""
    with deps.session_factory.begin() as session:
        here = standups.standups_in(session=session, team_id=team_id, channel_id=channel_id)
        chosen: Standup | str | None = None
        if which != "new" and here:
            chosen = standups.choose_standup(
                session=session, team_id=team_id, channel_id=channel_id, name=name
            )
        if isinstance(chosen, str):
            raise Refusal(chosen.replace(f"`{STANDUP_COMMAND} status ", f"`{STANDUP_COMMAND} edit "))
        current = standups.defaults_of(chosen) if chosen is not None else None
        creator = chosen.created_by if chosen is not None else None
    if current is not None and creator is not None:
        if not may_manage(
            deps=deps, gateway=WebClientGateway(client), team_id=team_id, user_id=user_id, creator=creator
        ):
            raise Refusal(not_yours(creator))
        return build_config_modal(channel_id=channel_id, current=current, editing=True)
    members = [member for member in channel_members(client, channel_id) if member != bot_user_id]
    facts = person_facts(deps=deps, gateway=WebClientGateway(client), team_id=team_id, user_id=user_id)
    defaults = ConfigDefaults(
        participants=tuple(members), digest_tz=(facts.tz if facts and facts.tz else "UTC")
    )
    return build_config_modal(channel_id=channel_id, current=defaults, editing=False, name_needed=bool(here))


def check_may_configure(
    *, deps: Deps, client: WebClient, team_id: str, target: ConfigTarget, user_id: str
) -> None:
    """Anyone may set up a standup; changing one is for its creator, admins and managers (raises
    Refusal for anyone else)."""
    with deps.session_factory.begin() as session:
        standup = (
            session.get(Standup, target.standup_id)
            if target.standup_id is not None
            else None
            if target.new
            else standups.find_standup(session=session, team_id=team_id, channel_id=target.channel_id)
        )
        creator = standup.created_by if standup is not None and standup.team_id == team_id else None
    if creator is not None and not may_manage(
        deps=deps, gateway=WebClientGateway(client), team_id=team_id, user_id=user_id, creator=creator
    ):
        raise Refusal(not_yours(creator))


def channel_members(client: WebClient, channel_id: str) -> list[str]:
    """The channel's members (a few pages at most: the modal must open within Slack's 3 seconds)."""
    members: list[str] = []
    cursor = None
    for _ in range(MEMBERS_MAX_PAGES):
        try:
            page = client.conversations_members(channel=channel_id, limit=MEMBERS_PAGE, cursor=cursor)
        except SLACK_CALL_FAILURES as error:
            logger.warning("conversations.members for %s failed: %s", channel_id, failure_reason(error))
            break
        members.extend(member for member in page.get("members") or [] if isinstance(member, str))
        cursor = (page.get("response_metadata") or {}).get("next_cursor")
        if not cursor:
            break
    return members


@dataclass(frozen=True)
class StoredConfig:
    """A standup configuration just stored, before its people are checked and it is announced."""

    team_id: str
    channel_id: str
    user_id: str
    config: StandupConfig
    created: bool
    standup_id: int


def check_digest_after_prompts(*, deps: Deps, team_id: str, config: StandupConfig) -> None:
    """A digest at a set time must come after everyone is asked; raises FormErrors naming who would be
    asked after it, by the zones already known (no Slack call: the form waits for the answer;
    `announce_config` checks again once everyone's zone is fetched)."""
    late = asked_after_digest(deps=deps, team_id=team_id, config=config)
    if late is not None:
        raise FormErrors({DIGEST_TIME: late})


def asked_after_digest(*, deps: Deps, team_id: str, config: StandupConfig) -> str | None:
    """Who would be asked after a set-time digest, said for people ("Dee is asked at 12:30
    America/New_York, after this digest: …"), or None."""
    if config.digest_time is None or config.digest_tz is None:
        return None  # hours after the last prompt: after everyone by construction
    digest_zone = zone_named(config.digest_tz)
    if digest_zone is None:
        return None
    fixed = zone_named(config.fixed_tz)
    now = deps.clock()
    upcoming = (now.date() + timedelta(days=ahead) for ahead in range(7))
    day = next((candidate for candidate in upcoming if candidate.weekday() in config.days), now.date())
    digest_at = datetime.combine(day, config.digest_time, tzinfo=digest_zone)
    late: list[tuple[datetime, str]] = []
    with deps.session_factory() as session:
        workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
        for user in config.participants:
            zone = fixed or calendar_for(session=session, workspace=workspace, user_id=user).zone
            asked = datetime.combine(day, config.prompt_time, tzinfo=zone)
            if asked >= digest_at:
                found = settings_store.profile(session=session, team_id=team_id, user_id=user)
                late.append((asked, found.display_name if found and found.display_name else "Someone"))
    if not late:
        return None
    asked, name = max(late)
    return (
        f"{name} is asked at {asked.astimezone(digest_zone):%H:%M} {config.digest_tz}, after this digest: "
        "pick a later time, or hours after the last prompt."
    )


def store_config(
    *, deps: Deps, team_id: str, target: ConfigTarget, user_id: str, config: StandupConfig
) -> StoredConfig:
    """Store the configuration as submitted, before the form closes (a database error keeps it open);
    raises FormErrors when its name is another standup's here."""
    channel_id = target.channel_id
    taken = FormErrors(
        {NAME: f"This channel has a standup named “{config.name or 'main'}” already: pick another name."}
    )
    with deps.session_factory.begin() as session:
        if target.new and standups.find_standup(
            session=session, team_id=team_id, channel_id=channel_id, name=config.name
        ):
            raise taken
        try:
            standup, created = standups.configure(
                session=session, team_id=team_id, channel_id=channel_id, config=config, user_id=user_id,
                now=deps.clock(), standup_id=target.standup_id,
            )  # fmt: skip
        except standups.NameTakenError:
            raise taken from None
        return StoredConfig(team_id, channel_id, user_id, config, created, standup.id)


def announce_config(*, deps: Deps, client: WebClient, stored: StoredConfig) -> None:
    """After the form closed: keep only the people (not bots) and announce the standup in the channel."""
    team_id, channel_id, user_id = stored.team_id, stored.channel_id, stored.user_id
    people = humans_among(
        deps=deps, gateway=WebClientGateway(client), team_id=team_id, user_ids=stored.config.participants
    )
    with deps.session_factory.begin() as session:
        standup = session.get(Standup, stored.standup_id)
        if standup is None:  # deleted meanwhile
            return
        if people and people != list(standup.participants):
            standup.participants = people
        summary = describe_config(
            days=frozenset(stored.config.days),
            prompt_time=standup.prompt_time,
            fixed_tz=standup.fixed_tz,
            participants=len(people),
            digest=standups.describe_digest(standup),
        )
    late = asked_after_digest(deps=deps, team_id=team_id, config=stored.config)  # zones now fetched
    if late is not None:
        _tell(client, user_id, f"Your standup for <#{channel_id}> is saved, but {late} "
              f"Change it with `{STANDUP_COMMAND}` there.")  # fmt: skip
    verb = "set up" if stored.created else "changed"
    which = f"async standup *{escape_mrkdwn(stored.config.name)}*" if stored.config.name else "async standup"
    text = f"<@{user_id}> {verb} this channel's {which}. {summary} `{STANDUP_COMMAND} help` for more."
    try:
        client.chat_postMessage(channel=channel_id, text=text)
    except SLACK_CALL_FAILURES as error:
        logger.error("standup announcement in %s failed: %s", channel_id, failure_reason(error))
        _tell(
            client,
            user_id,
            f"Your standup for <#{channel_id}> is saved, but I couldn't post there "
            f"({failure_reason(error)}). Invite me with `/invite @Async Norms`.",
        )


def answer_modal(*, deps: Deps, team_id: str, user_id: str, entry_id: int) -> dict[str, Any]:
    """The answer modal for the person's entry; raises Refusal when it cannot open."""
    with deps.session_factory.begin() as session:
        context = standups.entry_context(session=session, team_id=team_id, entry_id=entry_id, user_id=user_id)
        if isinstance(context, standups.AnswerProblem):
            raise Refusal(
                "That standup prompt is for someone else."
                if context is standups.AnswerProblem.NOT_YOURS
                else "I can't find that standup any more; it may have been deleted."
            )
        questions = standups.questions_of(context.standup)
        current = [item.get("a", "") for item in read_answers(context.entry.answers)] or None
        hint = standups.previous_plans(
            session=session, standup=context.standup, user_id=user_id, before=context.run.run_date
        )
        return build_answer_modal(
            entry_id=entry_id,
            channel_name=f"#{context.standup.channel_id}",
            questions=questions,
            current=current,
            progress_hint=hint,
            blocked_on=list(context.entry.blocked_on or []),
        )


def answers_from_form(
    *, deps: Deps, team_id: str, user_id: str, entry_id: int | None, values: object
) -> list[str] | None:
    """The answers in the modal's state, or None when the entry is unknown or not theirs.

    Raises FormErrors when no question is answered.
    """
    if entry_id is None:
        return None
    with deps.session_factory.begin() as session:
        context = standups.entry_context(session=session, team_id=team_id, entry_id=entry_id, user_id=user_id)
        if isinstance(context, standups.AnswerProblem):
            return None
        questions = standups.questions_of(context.standup)
    state = values.get("values") if isinstance(values, dict) else None
    return parse_answer_form(state, questions=questions)


@dataclass(frozen=True)
class StoredAnswer:
    """A standup answer just stored; the people its blocker names get asks after the form closes."""

    team_id: str
    channel_id: str
    user_id: str
    entry_id: int
    named: list[str]
    blocker: str = ""


def store_answer(
    *,
    deps: Deps,
    team_id: str,
    user_id: str,
    entry_id: int,
    answers: list[str],
    blocked_on: Sequence[str] = (),
) -> StoredAnswer | str:
    """Store the answers before the form closes (a database error keeps it open); the stored answer,
    or the problem that stopped it."""
    with deps.session_factory.begin() as session:
        context = standups.entry_context(session=session, team_id=team_id, entry_id=entry_id, user_id=user_id)
        if isinstance(context, standups.AnswerProblem):
            return "That standup is gone or not yours; nothing was saved."
        standups.save_answers(context=context, answers=answers, now=deps.clock(), blocked_on=blocked_on)
        return _stored(context, team_id=team_id, user_id=user_id)


def _stored(context: standups.EntryContext, *, team_id: str, user_id: str) -> StoredAnswer:
    """What the saved answer's blocker asks of whom (tracked once the form or reply is done)."""
    blocker = blocker_of(read_answers(context.entry.answers)) or ""
    picked = list(context.entry.blocked_on or [])
    named = [person for person in dict.fromkeys([*people_named(blocker), *picked]) if person != user_id]
    if picked and not blocker:
        blocker = "Blocked on " + ", ".join(f"<@{person}>" for person in picked)
    return StoredAnswer(team_id, context.standup.channel_id, user_id, context.entry.id, named, blocker)


def track_blockers(*, deps: Deps, client: WebClient, stored: StoredAnswer) -> None:
    """After the form closed: "Waiting on <@U2> for the API key" becomes an ask for U2 (the norm for
    normal asks), one for each person the blocker names."""
    if not stored.named:
        return
    team_id, channel_id, user_id = stored.team_id, stored.channel_id, stored.user_id
    humans = humans_among(deps=deps, gateway=WebClientGateway(client), team_id=team_id, user_ids=stored.named)
    now = deps.clock()
    with deps.session_factory.begin() as session:
        workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
        calendars = {
            person: calendar_for(session=session, workspace=workspace, user_id=person) for person in humans
        }
        reference = f"{BLOCKER_REFERENCE}{stored.entry_id}"  # linked to the digest's thread once posted
        open_asks(
            session=session,
            workspace=workspace,
            message=AskedMessage(
                team_id, channel_id, reference, reference, user_id, now, ask_summary(stored.blocker)
            ),
            detected=DetectedAsk(tuple(humans), Urgency.NORMAL, None, no_rush=False),
            calendars=calendars,
        )


def _tell(client: WebClient, user_id: str, text: str) -> None:
    try:
        client.chat_postMessage(channel=user_id, text=text)
    except SLACK_CALL_FAILURES as error:
        logger.error("could not tell %s: %s", user_id, failure_reason(error))


def answer_by_dm(
    *, deps: Deps, client: WebClient, team_id: str, user_id: str, text: str, at: datetime | None = None
) -> None:
    """A message the person wrote in the bot's DM at `at` (its ts): the answer to their open standup
    prompt, an early answer to their next one, or "skip"; then a reply saying what happened. Nothing
    is stored when no prompt waits."""
    now = at or deps.clock()
    with deps.session_factory.begin() as session:
        context = standups.entry_awaiting_reply(session=session, team_id=team_id, user_id=user_id, now=now)
        early = False
        if context is None:  # the evening before: an answer for the next prompt, which then is not sent
            entry = early_entry(session, team_id=team_id, user_id=user_id, now=now)
            found = (
                standups.entry_context(session=session, team_id=team_id, entry_id=entry.id, user_id=user_id)
                if entry is not None
                else None
            )
            context, early = (found, True) if isinstance(found, standups.EntryContext) else (None, False)
        if context is None:
            reply = (
                "No standup is waiting for your update right now, so I kept nothing of that. I read "
                f"replies here only to a standup prompt; `{STANDUP_COMMAND} help` or `/norms help` for more."
            )
            stored = None
        else:
            where = f"<#{context.standup.channel_id}> ({context.run.run_date:%a %d %b})"
            answers = read_dm_answer(text, standups.questions_of(context.standup))
            if answers == SKIP:
                standups.skip(context=context)
                reply, stored = f"Skipped: the digest for {where} shows you as away today.", None
            else:
                assert isinstance(answers, list)
                standups.save_answers(context=context, answers=answers, now=now)
                stored = _stored(context, team_id=team_id, user_id=user_id)
                reply = (
                    f"Thanks: that is your update for {where}, ahead of its prompt, so I won't ask you "
                    "then. Reply again to replace it."
                    if early
                    else f"Thanks: that is your update for {where}. Reply again to replace it, or use "
                    "*Write my update* on the prompt to edit it per question."
                )
    _tell(client, user_id, reply)
    if stored is not None:
        track_blockers(deps=deps, client=client, stored=stored)
