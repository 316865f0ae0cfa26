"""Standup services: configuration, membership, answers and history, against the database."""

from __future__ import annotations

import enum
import json
from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, datetime, timedelta

from sqlalchemy import delete, func, or_, select
from sqlalchemy.orm import Session

from bot.calendar.working_time import format_days, parse_clock, parse_days, zone_named
from bot.scheduling import outbox
from bot.slack.surfaces import STANDUP_COMMAND
from bot.standups.blocks import ConfigDefaults, StandupConfig, pair, read_answers, roles
from bot.standups.timing import StandupPlan
from models import EntryStatus, Standup, StandupEntry, StandupRun

# Every scheduled item of a standup has an occurrence key "standup-<id>-…" (see scheduled.py).
STANDUP_KEY_PREFIX = "standup-"


def find_standup(*, session: Session, team_id: str, channel_id: str, name: str = "") -> Standup | None:
    """The channel's standup called `name` (any case; "" is the channel's unnamed one)."""
    return session.scalar(
        select(Standup).where(
            Standup.team_id == team_id,
            Standup.channel_id == channel_id,
            func.lower(Standup.name) == name.lower(),
        )
    )


def standups_in(*, session: Session, team_id: str, channel_id: str) -> list[Standup]:
    query = select(Standup).where(Standup.team_id == team_id, Standup.channel_id == channel_id)
    return list(session.scalars(query.order_by(Standup.id)))


def choose_standup(*, session: Session, team_id: str, channel_id: str, name: str) -> Standup | str:
    """The standup a command means: the one named, else the channel's only one; otherwise what to
    tell the person (none here, or which names to choose from)."""
    here = standups_in(session=session, team_id=team_id, channel_id=channel_id)
    if name:
        found = next((standup for standup in here if label_of(standup).lower() == name.lower()), None)
        if found is not None:
            return found
    elif len(here) == 1:
        return here[0]
    if not here:
        return f"This channel has no standup yet. `{STANDUP_COMMAND}` sets one up."
    names = ", ".join(f"`{label_of(standup)}`" for standup in here)
    lead = f"No standup here is called `{name}`" if name else "This channel has several standups"
    return f"{lead}: {names}. Say which, like `{STANDUP_COMMAND} status {label_of(here[-1])}`."


def label_of(standup: Standup) -> str:
    """How people name a standup: its name, or "the channel's" for the unnamed first one."""
    return standup.name or "main"


class NameTakenError(ValueError):
    """Another standup in the channel already has this name."""


def configure(
    *,
    session: Session,
    team_id: str,
    channel_id: str,
    config: StandupConfig,
    user_id: str,
    now: datetime,
    standup_id: int | None = None,
) -> tuple[Standup, bool]:
    """Create a standup in the channel or change one (taking effect from its next occurrence); True if
    new. `standup_id` is the one being edited; without it, the one of the same name is. Raises
    NameTakenError when an edit takes another standup's name."""
    standup = session.get(Standup, standup_id) if standup_id is not None else None
    if standup is not None and (standup.team_id, standup.channel_id) != (team_id, channel_id):
        standup = None
    same_name = find_standup(session=session, team_id=team_id, channel_id=channel_id, name=config.name)
    if standup is None:
        standup = same_name
    elif same_name is not None and same_name.id != standup.id:
        raise NameTakenError(config.name)
    created = standup is None
    if standup is None:
        standup = Standup(team_id=team_id, channel_id=channel_id, created_by=user_id, paused=False,
                          follows_channel=True)  # fmt: skip
        session.add(standup)
    standup.name = config.name
    standup.days = format_days(frozenset(config.days))
    standup.prompt_time = f"{config.prompt_time:%H:%M}"
    standup.fixed_tz = config.fixed_tz
    standup.participants = list(dict.fromkeys(config.participants))
    standup.questions = json.dumps(config.questions)
    standup.digest_time = f"{config.digest_time:%H:%M}" if config.digest_time else None
    standup.digest_tz = config.digest_tz
    standup.digest_after_hours = config.digest_after_hours
    standup.digest_in_thread = config.digest_in_thread
    standup.mention_policy = config.mention_policy
    standup.updated_by, standup.updated_at = user_id, now
    session.flush()
    return standup, created


def defaults_of(standup: Standup) -> ConfigDefaults:
    """The modal's initial values from a stored configuration."""
    return ConfigDefaults(
        days=parse_days(standup.days),
        prompt_time=standup.prompt_time,
        fixed_tz=standup.fixed_tz,
        participants=tuple(participants_of(standup)),
        questions=tuple(questions_of(standup)),
        digest_time=standup.digest_time,
        digest_tz=standup.digest_tz or "UTC",
        digest_after_hours=standup.digest_after_hours,
        digest_in_thread=standup.digest_in_thread,
        mention_policy=standup.mention_policy,
        name=standup.name,
        standup_id=standup.id,
    )


def participants_of(standup: Standup) -> list[str]:
    return list(standup.participants)


def questions_of(standup: Standup) -> list[str]:
    try:
        questions = json.loads(standup.questions)
    except ValueError:
        return []
    return [str(question) for question in questions] if isinstance(questions, list) else []


def plan_of(standup: Standup) -> StandupPlan:
    return StandupPlan(
        days=parse_days(standup.days),
        prompt_time=parse_clock(standup.prompt_time),
        fixed_zone=zone_named(standup.fixed_tz),
        digest_time=parse_clock(standup.digest_time) if standup.digest_time else None,
        digest_zone=zone_named(standup.digest_tz),
        digest_after_hours=standup.digest_after_hours,
    )


def describe_digest(standup: Standup) -> str:
    if standup.digest_after_hours:
        return f"{standup.digest_after_hours} hours after the last person is asked"
    return f"at {standup.digest_time} {standup.digest_tz}"


def set_paused(*, standup: Standup, paused: bool, user_id: str, now: datetime) -> Standup:
    standup.paused, standup.updated_by, standup.updated_at = paused, user_id, now
    return standup


def delete_standup(*, session: Session, standup: Standup) -> bool:
    """Remove the standup with its runs and answers."""
    team_id = standup.team_id
    runs = select(StandupRun.id).where(StandupRun.standup_id == standup.id)
    session.execute(delete(StandupEntry).where(StandupEntry.run_id.in_(runs)))
    session.execute(delete(StandupRun).where(StandupRun.standup_id == standup.id))
    # its prompts, digests and thread answers too, sent or not (they carry the answers)
    outbox.delete_keyed(session=session, team_id=team_id, key_prefix=f"{STANDUP_KEY_PREFIX}{standup.id}-")
    session.delete(standup)
    return True


def member_left(*, session: Session, team_id: str, channel_id: str, user_id: str) -> bool:
    """Someone left the channel: they are no longer a participant of its standups (no more prompts)."""
    changed = False
    for standup in standups_in(session=session, team_id=team_id, channel_id=channel_id):
        if user_id in participants_of(standup):
            standup.participants = [user for user in participants_of(standup) if user != user_id]
            changed = True
    return changed


def member_joined(*, session: Session, team_id: str, channel_id: str, user_id: str) -> bool:
    """Someone joined the channel: its standups that follow the channel's members add them."""
    changed = False
    for standup in standups_in(session=session, team_id=team_id, channel_id=channel_id):
        if standup.follows_channel and user_id not in participants_of(standup):
            standup.participants = [*participants_of(standup), user_id]
            changed = True
    return changed


class AnswerProblem(enum.StrEnum):
    UNKNOWN = "unknown"
    NOT_YOURS = "not_yours"


@dataclass(frozen=True)
class EntryContext:
    entry: StandupEntry
    run: StandupRun
    standup: Standup


def entry_context(
    *, session: Session, team_id: str, entry_id: int, user_id: str
) -> EntryContext | AnswerProblem:
    entry = session.get(StandupEntry, entry_id)
    if entry is None or entry.team_id != team_id:
        return AnswerProblem.UNKNOWN
    if entry.user_id != user_id:
        return AnswerProblem.NOT_YOURS
    run = session.get(StandupRun, entry.run_id)
    standup = session.get(Standup, run.standup_id) if run is not None else None
    if run is None or standup is None:
        return AnswerProblem.UNKNOWN
    return EntryContext(entry, run, standup)


BLOCKER_REFERENCE = "standup-"  # the "message" of an ask a blocker opened: "standup-<entry id>"
DM_ANSWER_WINDOW = timedelta(hours=24)  # a DM reply answers a prompt at most this old


def entry_awaiting_reply(
    *, session: Session, team_id: str, user_id: str, now: datetime
) -> EntryContext | None:
    """The person's newest prompt of the last day that a DM reply answers: one not answered yet (after
    its digest, a late answer), or one answered whose digest is not out (a new reply replaces the
    answer). None when nothing waits (a reply after an answered digest may be early for the next)."""
    entry = session.scalars(
        select(StandupEntry)
        .join(StandupRun, StandupRun.id == StandupEntry.run_id)
        .where(
            StandupEntry.team_id == team_id,
            StandupEntry.user_id == user_id,
            StandupEntry.prompted_at >= now - DM_ANSWER_WINDOW,
            or_(
                StandupEntry.status == EntryStatus.PROMPTED,
                (StandupEntry.status == EntryStatus.ANSWERED) & StandupRun.digest_built_at.is_(None),
            ),
        )
        .order_by(StandupEntry.prompted_at.desc(), StandupEntry.id.desc())
        .limit(1)
    ).first()
    if entry is None:
        return None
    context = entry_context(session=session, team_id=team_id, entry_id=entry.id, user_id=user_id)
    return context if isinstance(context, EntryContext) else None


def skip(*, context: EntryContext) -> None:
    """The person skips this day: shown as away in its digest, not as missing."""
    context.entry.status = EntryStatus.AWAY


def save_answers(
    *, context: EntryContext, answers: list[str], now: datetime, blocked_on: Sequence[str] | None = None
) -> bool:
    """Store (or replace) the answers (and, from the form, whom the person is blocked on); True when
    the digest is already out (a late answer or edit)."""
    entry = context.entry
    if blocked_on is not None:
        entry.blocked_on = [person for person in dict.fromkeys(blocked_on) if person != entry.user_id]
    late = context.run.digest_built_at is not None
    if entry.version == 0:
        entry.answered_late = late
    entry.answers = json.dumps(pair(questions_of(context.standup), answers))
    entry.status, entry.answered_at, entry.version = EntryStatus.ANSWERED, now, entry.version + 1
    return late


def previous_plans(*, session: Session, standup: Standup, user_id: str, before: date) -> str | None:
    """What the person said they would do last time: today's Progress starts from it."""
    query = (
        select(StandupEntry.answers)
        .join(StandupRun, StandupRun.id == StandupEntry.run_id)
        .where(
            StandupRun.standup_id == standup.id,
            StandupRun.run_date < before,
            StandupEntry.user_id == user_id,
            StandupEntry.status == EntryStatus.ANSWERED,
        )
        .order_by(StandupRun.run_date.desc())
        .limit(1)
    )
    answers = read_answers(session.scalar(query))
    _, plans, _ = roles([item.get("q", "") for item in answers])
    return answers[plans].get("a") or None if plans is not None and plans < len(answers) else None


def history(
    *, session: Session, standup: Standup, since: date, user_id: str | None
) -> list[tuple[date, str, list[dict[str, str]]]]:
    query = (
        select(StandupRun.run_date, StandupEntry.user_id, StandupEntry.answers)
        .join(StandupRun, StandupRun.id == StandupEntry.run_id)
        .where(
            StandupRun.standup_id == standup.id,
            StandupRun.run_date >= since,
            StandupEntry.status == EntryStatus.ANSWERED,
        )
        .order_by(StandupRun.run_date.desc(), StandupEntry.user_id)
    )
    if user_id:
        query = query.where(StandupEntry.user_id == user_id)
    return [(day, user, read_answers(answers)) for day, user, answers in session.execute(query)]
