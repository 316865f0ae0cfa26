"""`/standup …`: parse the text; pause, resume, delete, away and history."""

from __future__ import annotations

import enum
import re
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from bot.calendar.working_time import parse_days
from bot.core.deps import Deps
from bot.people.command import run_away_command
from bot.people.facts import is_admin_or_manager
from bot.slack.gateway import SlackGateway
from bot.slack.surfaces import STANDUP_COMMAND
from bot.standups import service as standups
from bot.standups.blocks import build_history, describe_config
from models import Standup

HISTORY_DEFAULT_DAYS = 7
HISTORY_MAX_DAYS = 90
_PERSON = re.compile(r"^<@([UW][A-Z0-9]+)(?:\|[^>]*)?>$")

STANDUP_HELP = (
    f"*Async standups*\n"
    f"• `{STANDUP_COMMAND}`: set up this channel's standup, or edit it; `{STANDUP_COMMAND} new`: another "
    f"one in the same channel (named); `{STANDUP_COMMAND} edit NAME`\n"
    f"• `{STANDUP_COMMAND} pause` / `resume` / `delete` [NAME] (for whoever set it up, admins and managers)\n"
    f"• `{STANDUP_COMMAND} away until 2026-12-31` (or `away off`): no prompts while you're away\n"
    f"• `{STANDUP_COMMAND} history [@person] [DAYS]`: past answers in this channel (default "
    f"{HISTORY_DEFAULT_DAYS} days)\n"
    f"• `{STANDUP_COMMAND} status`: how this channel's standups are set up"
)


class StandupAction(enum.StrEnum):
    CONFIGURE = "configure"  # argument: "" (the channel's standup), "new", or the name of one to edit
    PAUSE = "pause"
    RESUME = "resume"
    DELETE = "delete"
    AWAY = "away"
    HISTORY = "history"
    STATUS = "status"
    HELP = "help"
    UNKNOWN = "unknown"


@dataclass(frozen=True)
class StandupCommand:
    action: StandupAction
    argument: str = ""
    person: str | None = None
    days: int = HISTORY_DEFAULT_DAYS
    name: str = ""  # which standup of the channel ("" when it has one)
    confirmed: bool = False  # "delete … confirm"


def parse_standup_command(text: str) -> StandupCommand:
    words = text.split()
    if not words:
        return StandupCommand(StandupAction.CONFIGURE)
    first = words[0].lower()
    if first == "help" and len(words) == 1:
        return StandupCommand(StandupAction.HELP)
    if first == "new" and len(words) == 1:
        return StandupCommand(StandupAction.CONFIGURE, "new")
    if first == "edit" and len(words) > 1:
        return StandupCommand(StandupAction.CONFIGURE, "edit", name=" ".join(words[1:]))
    if first in ("pause", "resume", "status"):
        return StandupCommand(StandupAction(first), name=" ".join(words[1:]))
    if first == "delete":
        confirmed = words[-1].lower() == "confirm" and len(words) > 1
        rest = words[1:-1] if confirmed else words[1:]
        return StandupCommand(StandupAction.DELETE, name=" ".join(rest), confirmed=confirmed)
    if first == "away":
        return StandupCommand(StandupAction.AWAY, " ".join(words[1:]).lower())
    if first == "history" and len(words) <= 4:
        person, days, name = None, HISTORY_DEFAULT_DAYS, ""
        for word in words[1:]:
            mention = _PERSON.match(word)
            if mention:
                person = mention.group(1)
            elif word.isdigit() and 1 <= int(word) <= HISTORY_MAX_DAYS:
                days = int(word)
            elif not name and not word.isdigit():
                name = word  # which standup, when the channel has several
            else:
                return StandupCommand(StandupAction.UNKNOWN, text.strip())
        return StandupCommand(StandupAction.HISTORY, person=person, days=days, name=name)
    return StandupCommand(StandupAction.UNKNOWN, text.strip())


def run_standup_command(
    command: StandupCommand,
    *,
    deps: Deps,
    gateway: SlackGateway,
    team_id: str,
    channel_id: str,
    user_id: str,
) -> tuple[str, list[dict[str, Any]] | None]:
    """Everything but CONFIGURE (which opens a modal): the private reply, as text and maybe blocks.
    Pausing, resuming and deleting are for the standup's creator, workspace admins and managers."""
    if command.action is StandupAction.AWAY:
        return run_away_command(command.argument, deps=deps, team_id=team_id, user_id=user_id), None
    if command.action in (StandupAction.HELP, StandupAction.UNKNOWN):
        lead = f"I don't know `{STANDUP_COMMAND} {command.argument[:40]}`.\n" if command.argument else ""
        return lead + STANDUP_HELP, None
    now = deps.clock()
    with deps.session_factory.begin() as session:
        if command.action is StandupAction.STATUS and not command.name:
            here = standups.standups_in(session=session, team_id=team_id, channel_id=channel_id)
            if len(here) > 1:
                return "\n".join(_status(standup) for standup in here), None
        standup = standups.choose_standup(
            session=session, team_id=team_id, channel_id=channel_id, name=command.name
        )
        if isinstance(standup, str):
            return standup, None
        if command.action is StandupAction.STATUS:
            return _status(standup), None
        if command.action is StandupAction.HISTORY:
            since = now.date() - timedelta(days=command.days)
            rows = standups.history(session=session, standup=standup, since=since, user_id=command.person)
            return build_history(rows=rows, days=command.days, person=command.person)
        creator, standup_id = standup.created_by, standup.id
        which = f" {standups.label_of(standup)}" if command.name else ""
    if not may_manage(deps=deps, gateway=gateway, team_id=team_id, user_id=user_id, creator=creator):
        return not_yours(creator), None
    with deps.session_factory.begin() as session:
        chosen = session.get(Standup, standup_id)
        if chosen is None:
            return "That standup was deleted a moment ago.", None
        if command.action is StandupAction.DELETE:
            if not command.confirmed:
                return (
                    "This deletes the standup *and everyone's answers*; it cannot be undone. To go "
                    f"ahead: `{STANDUP_COMMAND} delete{which} confirm` (or `{STANDUP_COMMAND} pause{which}` "
                    "to stop asking for now).",
                    None,
                )
            standups.delete_standup(session=session, standup=chosen)
            return "Deleted the standup and its answers. Nobody will be asked for it any more.", None
        paused = command.action is StandupAction.PAUSE
        standups.set_paused(standup=chosen, paused=paused, user_id=user_id, now=now)
        if paused:
            return f"Paused: nobody is asked until `{STANDUP_COMMAND} resume{which}`.", None
        return "Resumed: " + _status(chosen), None


def _status(standup: Standup) -> str:
    return (f"*{standup.name}*: " if standup.name else "") + describe_config(
        days=parse_days(standup.days),
        prompt_time=standup.prompt_time,
        fixed_tz=standup.fixed_tz,
        participants=len(standups.participants_of(standup)),
        digest=standups.describe_digest(standup),
        paused=standup.paused,
    )


def may_manage(*, deps: Deps, gateway: SlackGateway, team_id: str, user_id: str, creator: str) -> bool:
    """Who may change, pause or delete a standup: who set it up, workspace admins and managers."""
    return user_id == creator or is_admin_or_manager(
        deps=deps, gateway=gateway, team_id=team_id, user_id=user_id, fresh=True
    )


def not_yours(creator: str) -> str:
    return (
        f"Only <@{creator}>, who set up this channel's standup, workspace admins and the working agreement's "
        f"managers can change, pause or delete it. `{STANDUP_COMMAND} status` shows how it is set up."
    )
