"""The decision log: numbered records per workspace, their lifecycle and history, list and search."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import UTC, date, datetime, time
from typing import TYPE_CHECKING

from sqlalchemy import func, or_, select
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from bot.decisions.adr.layout import IMPORTED_AUTHOR, person_id, status_word
from models import Decision, DecisionLink, DecisionStatus, DecisionStatusChange

if TYPE_CHECKING:
    from bot.decisions.adr.reader import ImportedRecord

NUMBERING_ATTEMPTS = 20
_NUMBER = re.compile(r"^(?:adr[-\s]?)?0*(\d{1,6})$", re.IGNORECASE)
_SEARCH_WORD = re.compile(r"[A-Za-z0-9][A-Za-z0-9'\-]*")


class NotAllowedError(Exception):
    """The person may not change this record; the message says why, for them."""


class UnknownDecisionError(Exception):
    """No such record in this workspace (or none the person may see)."""


# How many of the newest records a listing reads to find the ones a viewer may see.
VISIBILITY_SCAN = 500


@dataclass(frozen=True)
class DecisionDraft:
    """A record as submitted, before it has a number."""

    title: str
    status: DecisionStatus
    context: str = ""
    options: str = ""
    outcome: str = ""
    consequences_good: str = ""
    consequences_bad: str = ""
    decision_makers: Sequence[str] = field(default_factory=tuple)
    consulted: Sequence[str] = field(default_factory=tuple)
    informed: Sequence[str] = field(default_factory=tuple)
    decided_on: date | None = None
    review_by: date | None = None
    feedback_by: date | None = None
    channel_id: str | None = None
    thread_ts: str | None = None
    permalink: str | None = None


def display_number(number: int) -> str:
    return f"ADR-{number:04d}"


def parse_number(text: str) -> int | None:
    """ "ADR-7", "adr-0007", "7" → 7."""
    match = _NUMBER.match(text.strip())
    return int(match.group(1)) if match else None


def record_decision(
    *, session: Session, team_id: str, draft: DecisionDraft, author_id: str, now: datetime
) -> Decision:
    """Store a new record with the workspace's next number (unique even when two people submit at once)."""
    for _ in range(NUMBERING_ATTEMPTS):
        number = (
            int(
                session.scalar(
                    select(func.coalesce(func.max(Decision.number), 0)).where(Decision.team_id == team_id)
                )
                or 0
            )
            + 1
        )
        record = _new_record(team_id=team_id, number=number, draft=draft, author_id=author_id, now=now)
        try:
            with session.begin_nested():
                session.add(record)
        except IntegrityError:
            continue  # someone else took this number a moment ago: take the next
        session.add(_history_row(record, None, draft.status, author_id, now))
        return record
    raise RuntimeError(f"could not number a decision for team {team_id} after {NUMBERING_ATTEMPTS} attempts")


@dataclass(frozen=True)
class Viewer:
    """Who is reading the log: a record is theirs to see only if it was made in a channel they are in,
    or (made in a DM, or when their channels are unknown) if they took part in it. When membership
    cannot be checked (`channels` None) the log shows less, never more."""

    user_id: str
    channels: frozenset[str] | None
    # A Slack admin (checked with Slack at that moment): the one who may decide on an imported record
    # that names nobody in Slack.
    is_admin: bool = False

    def can_see(self, record: Decision) -> bool:
        if self.user_id == record.author_id or self.user_id in people_ids(
            [*record.decision_makers, *record.consulted, *record.informed]
        ):
            return True
        channel = record.channel_id
        if channel is None and record.author_id == IMPORTED_AUTHOR:
            return True  # imported from a repository's ADR folder, not from a conversation: the team's
        if not channel or channel.startswith("D") or self.channels is None:
            return False  # a DM's record, or membership unknown: its participants only
        return channel in self.channels


def find(*, session: Session, team_id: str, number: int, viewer: Viewer | None = None) -> Decision:
    """The record; to a `viewer` who may not see it, it does not exist (its existence is not told)."""
    record = session.scalars(
        select(Decision).where(Decision.team_id == team_id, Decision.number == number)
    ).one_or_none()
    if record is None or (viewer is not None and not viewer.can_see(record)):
        raise UnknownDecisionError(
            f"There is no {display_number(number)} in this workspace that you can see."
        )
    return record


def shown_status(record: Decision) -> str:
    """The status as people read it: ours, or the one an imported file wrote ("on hold")."""
    return status_word(record.status, record.status_label)


def may_change(record: Decision, user_id: str) -> bool:
    return user_id == record.author_id or user_id in people_ids(record.decision_makers)


def people_ids(entries: Sequence[str]) -> set[str]:
    """The Slack user ids among a record's people (an imported record may name people without one)."""
    return {found for entry in entries if (found := person_id(entry)) is not None}


# The lifecycle: a proposal is accepted or rejected; an accepted record is deprecated, or superseded
# by another accepted record. Rejected, deprecated and superseded records stay as they are (a new
# record is the way to revisit a decision), so the log never rewrites what was decided.
TRANSITIONS: dict[DecisionStatus, frozenset[DecisionStatus]] = {
    DecisionStatus.PROPOSED: frozenset({DecisionStatus.ACCEPTED, DecisionStatus.REJECTED}),
    DecisionStatus.ACCEPTED: frozenset({DecisionStatus.DEPRECATED, DecisionStatus.SUPERSEDED}),
    DecisionStatus.REJECTED: frozenset(),
    DecisionStatus.DEPRECATED: frozenset(),
    DecisionStatus.SUPERSEDED: frozenset(),
}


def change_status(
    *,
    session: Session,
    team_id: str,
    number: int,
    to: DecisionStatus,
    by: str,
    now: datetime,
    admin: bool = False,
) -> Decision:
    """Accept, reject or deprecate a record; only its decision-makers or its author may, and only along
    the lifecycle (TRANSITIONS); accepting needs an outcome."""
    record = find(session=session, team_id=team_id, number=number)
    _require_permission(record, by, admin=admin)
    if record.status is to:
        return record
    _require_transition(record, to)
    if to is DecisionStatus.ACCEPTED and not record.outcome.strip():
        raise NotAllowedError(
            f"{display_number(record.number)} has no outcome yet, so it cannot be accepted: edit it in "
            "its thread with the outcome, or record it again with the outcome filled in."
        )
    _set_status(session, record, to, by, now)
    return record


def _require_transition(record: Decision, to: DecisionStatus) -> None:
    if to in TRANSITIONS[record.status]:
        return
    name = display_number(record.number)
    if record.status is DecisionStatus.PROPOSED:
        raise NotAllowedError(f"{name} is still a proposal: accept or reject it first.")
    if record.status is DecisionStatus.ACCEPTED:
        raise NotAllowedError(
            f"{name} is accepted: it can be deprecated or superseded by a newer record, not {to.value}."
        )
    raise NotAllowedError(
        f"{name} is {record.status.value} and stays so; to revisit it, record a new decision "
        f"(and supersede an accepted one with it)."
    )


def supersede(
    *, session: Session, team_id: str, old: int, new: int, by: str, now: datetime, admin: bool = False
) -> tuple[Decision, Decision]:
    """`old` is superseded by `new`; both records link to each other."""
    if old == new:
        raise NotAllowedError("A record cannot supersede itself.")
    replaced, replacement = (
        find(session=session, team_id=team_id, number=old),
        find(session=session, team_id=team_id, number=new),
    )
    _require_permission(replaced, by, admin=admin)
    _require_permission(replacement, by, admin=admin)  # it changes both records
    if replacement.status is not DecisionStatus.ACCEPTED:
        raise NotAllowedError(
            f"{display_number(new)} is {replacement.status.value}: only an accepted record can supersede "
            f"another. Accept it first."
        )
    _require_transition(replaced, DecisionStatus.SUPERSEDED)
    replaced.superseded_by, replacement.supersedes = new, old
    _set_status(session, replaced, DecisionStatus.SUPERSEDED, by, now)
    return replaced, replacement


def append_note(
    *, session: Session, team_id: str, number: int, note: str, by: str, now: datetime
) -> Decision:
    """Records are immutable, but anyone may append a dated note (a correction, a follow-up)."""
    record = find(session=session, team_id=team_id, number=number)
    line = f"{now:%Y-%m-%d} <@{by}>: {note.strip()[:1000]}"
    record.notes = f"{record.notes}\n{line}".strip()
    return record


def history(*, session: Session, team_id: str, decision_id: int) -> list[DecisionStatusChange]:
    query = (
        select(DecisionStatusChange)
        .where(DecisionStatusChange.team_id == team_id, DecisionStatusChange.decision_id == decision_id)
        .order_by(DecisionStatusChange.changed_at, DecisionStatusChange.id)
    )
    return list(session.scalars(query))


def list_decisions(
    *,
    session: Session,
    team_id: str,
    status: DecisionStatus | None = None,
    limit: int = 20,
    viewer: Viewer | None = None,
) -> list[Decision]:
    """Newest first; with a `viewer`, only the records they may see."""
    query = select(Decision).where(Decision.team_id == team_id)
    if status is not None:
        query = query.where(Decision.status == status)
    if viewer is None:
        return list(session.scalars(query.order_by(Decision.number.desc()).limit(limit)))
    visible = []
    for record in session.scalars(query.order_by(Decision.number.desc()).limit(VISIBILITY_SCAN)):
        if viewer.can_see(record):
            visible.append(record)
            if len(visible) == limit:
                break
    return visible


def search(
    *, session: Session, team_id: str, words: str, limit: int = 10, viewer: Viewer | None = None
) -> list[Decision]:
    """Records that contain any of the words, best first: a title match counts three times the text's.

    The same query and ranking on SQLite and PostgreSQL: the database narrows to the workspace's
    records containing a word; the ranking is computed here.
    """
    terms = [term.lower() for term in _SEARCH_WORD.findall(words)][:10]
    if not terms:
        return []
    searchable = (
        Decision.title,
        Decision.context,
        Decision.outcome,
        Decision.options,
        Decision.consequences_good,
        Decision.consequences_bad,
    )
    matches_any = or_(
        *(func.lower(column).contains(term, autoescape=True) for term in terms for column in searchable)
    )
    candidates = session.scalars(select(Decision).where(Decision.team_id == team_id, matches_any).limit(500))
    scored = []
    for record in candidates:
        if viewer is not None and not viewer.can_see(record):
            continue
        title = record.title.lower()
        body = " ".join(
            (
                record.context,
                record.outcome,
                record.options,
                record.consequences_good,
                record.consequences_bad,
            )
        ).lower()
        score = sum(3 * title.count(term) + body.count(term) for term in terms) + sum(
            1 for term in terms if term in title + body
        )
        scored.append((score, record.number, record))
    scored.sort(key=lambda entry: (-entry[0], -entry[1]))
    return [record for _, _, record in scored[:limit]]


def _require_permission(record: Decision, user_id: str, *, admin: bool = False) -> None:
    if may_change(record, user_id) or (admin and _names_nobody_in_slack(record)):
        return
    raise NotAllowedError(
        f"Only {display_number(record.number)}'s decision-makers or its author can change its status. "
        "Ask one of them, or add a note in its thread."
        + (
            " (It came from a file that names nobody in Slack: a workspace admin can.)"
            if _names_nobody_in_slack(record)
            else ""
        )
    )


def _names_nobody_in_slack(record: Decision) -> bool:
    """An imported record with no author or decision-maker in Slack: only an admin can decide on it."""
    return record.author_id == IMPORTED_AUTHOR and not people_ids(record.decision_makers)


def _set_status(session: Session, record: Decision, to: DecisionStatus, by: str, now: datetime) -> None:
    session.add(_history_row(record, record.status, to, by, now))
    record.status = to
    record.status_label = None  # a status another tool wrote ("on hold") gives way to ours


def _history_row(
    record: Decision, was: DecisionStatus | None, to: DecisionStatus, by: str, at: datetime
) -> DecisionStatusChange:
    return DecisionStatusChange(
        team_id=record.team_id,
        decision_id=record.id,
        from_status=was,
        to_status=to,
        changed_by=by,
        changed_at=at,
    )


def all_decisions(*, session: Session, team_id: str) -> list[Decision]:
    return list(
        session.scalars(select(Decision).where(Decision.team_id == team_id).order_by(Decision.number))
    )


def import_decision(*, session: Session, team_id: str, imported: ImportedRecord, now: datetime) -> bool:
    """Store a record read from a Markdown file under its own number, with its links, history and the
    layout its export writes back; False when that number is taken."""
    if (
        session.scalars(
            select(Decision.id).where(Decision.team_id == team_id, Decision.number == imported.number)
        ).first()
        is not None
    ):
        return False
    record = _new_record(
        team_id=team_id,
        number=imported.number,
        draft=imported.draft,
        author_id=imported.author_id,
        now=now,
        supersedes=imported.supersedes,
        superseded_by=imported.superseded_by,
        dated=False,
    )
    record.status_label = imported.status_label
    record.notes = imported.notes
    record.layout = imported.layout.to_json()
    session.add(record)
    session.flush()
    for relation, target in imported.links:
        session.add(
            DecisionLink(team_id=team_id, decision_id=record.id, relation=relation, target_number=target)
        )
    for entry in imported.history:
        at = datetime.combine(entry.day, time(), UTC)
        session.add(_history_row(record, entry.from_status, entry.to_status, entry.by, at))
    return True


# Links a person can make in Slack: the relation as said in the command -> (its link, the reverse).
LINK_RELATIONS = {"amends": ("Amends", "Amended by"), "relates to": ("Relates to", "Relates to")}


def link(
    *, session: Session, team_id: str, source: int, relation: str, target: int, by: str, admin: bool = False
) -> str:
    """`source` amends or relates to `target`; both records keep the link. Those who may change
    `source` may link it (once; linking again changes nothing). Returns the relation as written."""
    if source == target:
        raise NotAllowedError("A record cannot link to itself.")
    forward, backward = LINK_RELATIONS[relation]
    linking, linked = (
        find(session=session, team_id=team_id, number=source),
        find(session=session, team_id=team_id, number=target),
    )
    _require_permission(linking, by, admin=admin)
    for record, name, other in ((linking, forward, target), (linked, backward, source)):
        if (name, other) not in links_of(session=session, team_id=team_id, decision_id=record.id):
            session.add(
                DecisionLink(team_id=team_id, decision_id=record.id, relation=name, target_number=other)
            )
    return forward


def links_of(*, session: Session, team_id: str, decision_id: int) -> list[tuple[str, int]]:
    """A record's links other than superseding, as (relation, target number)."""
    query = (
        select(DecisionLink.relation, DecisionLink.target_number)
        .where(DecisionLink.team_id == team_id, DecisionLink.decision_id == decision_id)
        .order_by(DecisionLink.id)
    )
    return [(relation, number) for relation, number in session.execute(query)]


def links_by_record(*, session: Session, team_id: str) -> dict[int, list[tuple[str, int]]]:
    """Each record's links other than superseding (record id -> [(relation, target number)])."""
    found: dict[int, list[tuple[str, int]]] = {}
    query = select(DecisionLink).where(DecisionLink.team_id == team_id).order_by(DecisionLink.id)
    for link in session.scalars(query):
        found.setdefault(link.decision_id, []).append((link.relation, link.target_number))
    return found


def history_by_record(*, session: Session, team_id: str) -> dict[int, list[DecisionStatusChange]]:
    found: dict[int, list[DecisionStatusChange]] = {}
    query = (
        select(DecisionStatusChange)
        .where(DecisionStatusChange.team_id == team_id)
        .order_by(DecisionStatusChange.changed_at, DecisionStatusChange.id)
    )
    for change in session.scalars(query):
        found.setdefault(change.decision_id, []).append(change)
    return found


def _new_record(
    *,
    team_id: str,
    number: int,
    draft: DecisionDraft,
    author_id: str,
    now: datetime,
    supersedes: int | None = None,
    superseded_by: int | None = None,
    dated: bool = True,
) -> Decision:
    return Decision(
        team_id=team_id,
        number=number,
        title=draft.title,
        status=draft.status,
        context=draft.context,
        options=draft.options,
        outcome=draft.outcome,
        consequences_good=draft.consequences_good,
        consequences_bad=draft.consequences_bad,
        decision_makers=list(draft.decision_makers),
        consulted=list(draft.consulted),
        informed=list(draft.informed),
        decided_on=draft.decided_on or (now.date() if dated else None),
        review_by=draft.review_by,
        feedback_by=draft.feedback_by,
        author_id=author_id,
        channel_id=draft.channel_id,
        thread_ts=draft.thread_ts,
        permalink=draft.permalink,
        supersedes=supersedes,
        superseded_by=superseded_by,
        notes="",
        created_at=now,
    )
