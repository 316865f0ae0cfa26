"""`/decision …`: parse the text, run the log commands, and pre-fill a record from a thread."""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, tzinfo
from enum import StrEnum
from typing import Any

from bot.core.deps import Deps
from bot.decisions import service as decisions
from bot.decisions.blocks import DECISION_HELP, build_decision_list, mention_person, shown_status
from bot.decisions.service import NotAllowedError, UnknownDecisionError, display_number, parse_number
from bot.slack.mrkdwn import escape_mrkdwn
from models import DecisionStatus

_BULLET_ITEM = re.compile(r"^\s*(?:[-*\u2022]|\d+[.)])\s+(.+?)\s*$", re.MULTILINE)
_MENTION = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")


class DecisionAction(StrEnum):
    OPEN = "open"
    HELP = "help"
    LIST = "list"
    SEARCH = "search"
    SHOW = "show"
    STATUS = "status"
    SUPERSEDE = "supersede"
    LOG_CHANNEL = "log-channel"
    LOG_CANVAS = "canvas"
    NOTE = "note"
    LINK = "link"
    INVALID = "invalid"


@dataclass(frozen=True)
class DecisionCommand:
    action: DecisionAction
    text: str = ""
    numbers: tuple[int, ...] = ()
    status: DecisionStatus | None = None


_STATUS_WORDS = {
    "accept": DecisionStatus.ACCEPTED,
    "reject": DecisionStatus.REJECTED,
    "deprecate": DecisionStatus.DEPRECATED,
}


def parse_decision_command(text: str) -> DecisionCommand:
    words = text.split()
    first = words[0].lower() if words else ""
    if not words:
        return DecisionCommand(DecisionAction.OPEN)
    if first == "help":
        return DecisionCommand(DecisionAction.HELP)
    if first == "list" and len(words) <= 2:
        status = words[1].lower() if len(words) == 2 else None
        if status is not None and status not in {s.value for s in DecisionStatus}:
            return DecisionCommand(
                DecisionAction.INVALID,
                f"`{status}` is not a status: use {', '.join(s.value for s in DecisionStatus)}.",
            )
        return DecisionCommand(DecisionAction.LIST, status=DecisionStatus(status) if status else None)
    if first == "search":
        terms = " ".join(words[1:])
        return (
            DecisionCommand(DecisionAction.SEARCH, terms)
            if terms
            else DecisionCommand(
                DecisionAction.INVALID, "Say what to search for: `/decision search caching`."
            )
        )
    if first in ("show", *_STATUS_WORDS) and len(words) == 2:
        number = parse_number(words[1])
        if number is None:
            return DecisionCommand(DecisionAction.INVALID, f"`{words[1]}` is not a record number like ADR-7.")
        if first == "show":
            return DecisionCommand(DecisionAction.SHOW, numbers=(number,))
        return DecisionCommand(DecisionAction.STATUS, numbers=(number,), status=_STATUS_WORDS[first])
    if first in ("show", *_STATUS_WORDS):  # "/decision accept" alone is not a new record titled "accept"
        return DecisionCommand(DecisionAction.INVALID, f"Say which record: `/decision {first} ADR-7`.")
    if first == "supersede":
        if len(words) == 4 and words[2].lower() == "with":
            old, new = parse_number(words[1]), parse_number(words[3])
            if old is not None and new is not None:
                return DecisionCommand(DecisionAction.SUPERSEDE, numbers=(old, new))
        return DecisionCommand(DecisionAction.INVALID, "Use `/decision supersede ADR-3 with ADR-9`.")
    if first == "note":
        number = parse_number(words[1]) if len(words) > 2 else None
        if number is None:
            return DecisionCommand(DecisionAction.INVALID, "Use `/decision note ADR-7 what changed`.")
        return DecisionCommand(DecisionAction.NOTE, " ".join(words[2:]), numbers=(number,))
    if first == "link":
        source = parse_number(words[1]) if len(words) >= 4 else None
        target = parse_number(words[-1]) if len(words) >= 4 else None
        relation = " ".join(words[2:-1]).lower()
        if source is None or target is None or relation not in decisions.LINK_RELATIONS:
            return DecisionCommand(
                DecisionAction.INVALID,
                "Use `/decision link ADR-9 amends ADR-5` or `/decision link ADR-9 relates to ADR-5`.",
            )
        return DecisionCommand(DecisionAction.LINK, relation, numbers=(source, target))
    if first == "canvas" and len(words) == 2 and words[1].lower() in ("on", "off"):
        return DecisionCommand(DecisionAction.LOG_CANVAS, words[1].lower())
    if first == "log-channel" and len(words) == 2 and words[1].lower() in ("here", "off"):
        return DecisionCommand(DecisionAction.LOG_CHANNEL, words[1].lower())
    return DecisionCommand(DecisionAction.OPEN, text.strip())


@dataclass(frozen=True)
class LogAnswer:
    """What to tell the person, and the records whose status changed (their posted copies need updating)."""

    text: str
    changed: tuple[int, ...] = ()


def run_log_command(
    command: DecisionCommand,
    *,
    deps: Deps,
    team_id: str,
    user_id: str,
    viewer: decisions.Viewer,
    zone: tzinfo = UTC,
) -> LogAnswer:
    """Answer list, search, show, note, status and supersede commands (privately). The `viewer` sees
    only the records made in their channels or that they took part in; the rest do not exist for them."""
    try:
        return _run_log_command(
            command, deps=deps, team_id=team_id, user_id=user_id, viewer=viewer, zone=zone
        )
    except (NotAllowedError, UnknownDecisionError) as refusal:
        return LogAnswer(str(refusal))


def _run_log_command(
    command: DecisionCommand,
    *,
    deps: Deps,
    team_id: str,
    user_id: str,
    viewer: decisions.Viewer,
    zone: tzinfo,
) -> LogAnswer:
    now = deps.clock()
    with deps.session_factory.begin() as session:
        for number in command.numbers:  # a record they may not see is not theirs to change either
            decisions.find(session=session, team_id=team_id, number=number, viewer=viewer)
        if command.action is DecisionAction.LIST:
            records = decisions.list_decisions(
                session=session, team_id=team_id, status=command.status, viewer=viewer
            )
            heading = (
                f"{command.status.value.capitalize()} decisions" if command.status else "Recent decisions"
            )
            return LogAnswer(build_decision_list(records, heading=heading))
        if command.action is DecisionAction.SEARCH:
            found = decisions.search(session=session, team_id=team_id, words=command.text, viewer=viewer)
            return LogAnswer(
                build_decision_list(found, heading=f"Decisions matching “{escape_mrkdwn(command.text)}”")
            )
        if command.action is DecisionAction.SHOW:
            record = decisions.find(
                session=session, team_id=team_id, number=command.numbers[0], viewer=viewer
            )
            changes = decisions.history(session=session, team_id=team_id, decision_id=record.id)
            links = decisions.links_of(session=session, team_id=team_id, decision_id=record.id)
            return LogAnswer(_describe(record, changes, links, zone=zone))
        if command.action is DecisionAction.NOTE:
            record = decisions.append_note(
                session=session,
                team_id=team_id,
                number=command.numbers[0],
                note=command.text,
                by=user_id,
                now=now,
            )
            return LogAnswer(f"Note added to {display_number(record.number)}.")
        if command.action is DecisionAction.STATUS and command.status is not None:
            record = decisions.change_status(
                session=session,
                team_id=team_id,
                number=command.numbers[0],
                to=command.status,
                by=user_id,
                now=now,
                admin=viewer.is_admin,
            )
            return LogAnswer(
                f"{display_number(record.number)} is now *{record.status.value}*.", (record.number,)
            )
        if command.action is DecisionAction.SUPERSEDE:
            old, new = decisions.supersede(
                session=session,
                team_id=team_id,
                old=command.numbers[0],
                new=command.numbers[1],
                by=user_id,
                now=now,
                admin=viewer.is_admin,
            )
            return LogAnswer(
                f"{display_number(old.number)} is superseded by {display_number(new.number)}; "
                "both records link to each other.",
                (old.number, new.number),
            )
        if command.action is DecisionAction.LINK:
            forward = decisions.link(
                session=session,
                team_id=team_id,
                source=command.numbers[0],
                relation=command.text,
                target=command.numbers[1],
                by=user_id,
                admin=viewer.is_admin,
            )
            source, target = (display_number(number) for number in command.numbers)
            return LogAnswer(
                f"{source} {forward.lower()} {target}; both records show the link "
                "(`/decision show`, and in exported files)."
            )
    if command.action is DecisionAction.INVALID:
        return LogAnswer(f"{command.text}\n\n{DECISION_HELP}")
    return LogAnswer(DECISION_HELP)


@dataclass(frozen=True)
class ThreadPrefill:
    title: str
    context: str
    options: str
    participants: list[str] = field(default_factory=list)


def prefill_from_thread(messages: list[dict[str, Any]]) -> ThreadPrefill:
    """Title and context from the root message, options from bullet or numbered items, its people."""
    people: list[str] = []
    options: list[str] = []
    for message in messages:
        user = message.get("user")
        if isinstance(user, str) and not message.get("bot_id") and user not in people:
            people.append(user)
        text = message.get("text")
        if isinstance(text, str):
            options.extend(item for item in _BULLET_ITEM.findall(text) if item not in options)
    root = messages[0].get("text") if messages and isinstance(messages[0].get("text"), str) else ""
    root = str(root)
    first_line = next((line.strip(" *_#>") for line in root.splitlines() if line.strip()), "")
    title = _MENTION.sub("", first_line).strip(" ,:")[:150]
    return ThreadPrefill(
        title=title, context=root[:2900], options="\n".join(options)[:2900], participants=people[:20]
    )


def _describe(record: Any, changes: list[Any], links: list[tuple[str, int]], *, zone: tzinfo) -> str:
    lines = [f"*{display_number(record.number)}: {escape_mrkdwn(record.title)}* ({shown_status(record)})"]
    if record.outcome:
        lines.append(f"Outcome: {escape_mrkdwn(record.outcome[:500])}")
    if record.supersedes:
        lines.append(f"Supersedes {display_number(record.supersedes)}.")
    if record.superseded_by:
        lines.append(f"Superseded by {display_number(record.superseded_by)}.")
    for relation, number in links:
        lines.append(f"{escape_mrkdwn(relation)} {display_number(number)}.")
    if record.permalink:
        lines.append(f"<{record.permalink}|The discussion>")
    when = "UTC" if zone is UTC else "your time"
    for change in changes:
        before = change.from_status.value if change.from_status else "new"
        when_changed = f"{change.changed_at.astimezone(zone):%a %d %b %Y %H:%M} ({when})"
        lines.append(
            f"• {when_changed} {mention_person(change.changed_by)}: {before} → {change.to_status.value}"
        )
    if record.notes:
        lines.append("*Notes*\n" + escape_mrkdwn(record.notes[-1500:]))
    return "\n".join(lines)[:2900]
