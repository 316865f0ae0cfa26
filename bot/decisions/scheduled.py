"""Proposals: once a proposal's feedback-by date has passed, remind its decision-makers to decide."""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.decisions.adr.layout import IMPORTED_AUTHOR
from bot.decisions.service import display_number, people_ids
from bot.scheduling.outbox import NewItem, enqueue
from models import Decision, DecisionStatus

REMINDER_GRACE = timedelta(days=2)


def proposal_reminders(session: Session, now: datetime) -> int:
    """A scheduler materialiser: one reminder per proposal and feedback-by date, in the record's thread."""
    due = select(Decision).where(
        Decision.status == DecisionStatus.PROPOSED,
        Decision.feedback_by.is_not(None),
        Decision.feedback_by < now.date(),
    )
    added = 0
    for record in session.scalars(due):
        people = sorted(people_ids(record.decision_makers)) or (
            [record.author_id] if record.author_id != IMPORTED_AUTHOR else []
        )
        if not people or not (record.channel_id or record.author_id != IMPORTED_AUTHOR):
            continue  # imported from a file, with nobody in Slack to remind and nowhere to say it
        makers = " ".join(f"<@{user}>" for user in people)
        number = display_number(record.number)
        text = (
            f"{makers}: comments on {number} ({record.title}) closed on {record.feedback_by:%a %d %b}. "
            f"Time to decide: `/decision accept {number}` or `/decision reject {number}`."
        )
        item = NewItem(
            team_id=record.team_id,
            kind="proposal_reminder",
            occurrence_key=f"proposal-{record.number}-{record.feedback_by}",
            channel_id=record.channel_id or record.author_id,
            thread_ts=record.thread_ts or record.posted_ts,
            due_at=now,
            text=text,
            grace=REMINDER_GRACE,
        )
        added += enqueue(session=session, item=item, now=now)
    return added
