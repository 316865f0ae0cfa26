"""The scheduler's materialiser for standups: prompts at each person's local time, one reminder,
one digest per run, and answers (late ones and edits too) in the digest's thread.

Every occurrence has a stable key (`standup-<id>-<date>-prompt-<user>` …), so a tick repeated
after a crash, or by a second instance, adds nothing twice.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Sequence
from datetime import date, datetime, timedelta, tzinfo

from sqlalchemy import String, cast, literal, select
from sqlalchemy.orm import Session

from bot.calendar.work_calendars import calendar_for, holidays
from bot.calendar.working_time import WorkCalendar
from bot.core.db import insert_ignoring_duplicates
from bot.people import settings_store
from bot.scheduling.outbox import NewItem, enqueue
from bot.standups.blocks import (
    DigestEntry,
    Naming,
    build_digest,
    build_prompt,
    build_thread_answer,
    read_answers,
)
from bot.standups.service import BLOCKER_REFERENCE, STANDUP_KEY_PREFIX, participants_of, plan_of, questions_of
from bot.standups.timing import PROMPT_WINDOW, REMINDER_MIN_AFTER_PROMPT, StandupPlan
from models import (
    AskState,
    EntryStatus,
    ItemState,
    ScheduledItem,
    Standup,
    StandupEntry,
    StandupRun,
    TrackedAsk,
    UserProfile,
    WorkspaceSettings,
)

DIGEST_GRACE = timedelta(hours=6)
THREAD_WINDOW = timedelta(days=7)  # late answers and edits are posted to digests up to a week old


def standup_work(session: Session, now: datetime) -> int:
    """Prompts, reminders, digests and thread answers due at `now`; returns how many items were added."""
    departed = select(WorkspaceSettings.team_id).where(WorkspaceSettings.uninstalled_at.is_not(None))
    standups = session.scalars(
        select(Standup)
        .where(Standup.paused.is_(False), Standup.team_id.not_in(departed))
        .order_by(Standup.id)
    )
    active = list(standups)
    # One query loads the teams' profiles into the session; held here, so the calendars below find
    # them in its (weak-referencing) identity map instead of querying one person at a time.
    teams = {standup.team_id for standup in active}
    profiles = (
        session.scalars(select(UserProfile).where(UserProfile.team_id.in_(teams))).all() if teams else []
    )
    open_runs, pending_runs = _runs_to_work_on(session, [standup.id for standup in active], now)
    added = 0
    _link_blocker_asks(session, now)
    for standup in active:
        added += _prompt(session, standup, now)
        added += _remind_and_digest(session, standup, open_runs.get(standup.id, []), now)
        added += _post_thread_answers(session, standup, pending_runs.get(standup.id, []), now)
    del profiles
    return added


def _runs_to_work_on(
    session: Session, standup_ids: list[int], now: datetime
) -> tuple[dict[int, list[StandupRun]], dict[int, list[StandupRun]]]:
    """Per standup: runs whose digest is not built yet, and posted runs with answers not yet shown.

    Two queries for all standups, whatever their number, so a quiet tick stays cheap.
    """
    open_runs: dict[int, list[StandupRun]] = defaultdict(list)
    pending: dict[int, list[StandupRun]] = defaultdict(list)
    if not standup_ids:
        return open_runs, pending
    for run in session.scalars(
        select(StandupRun)
        .where(StandupRun.standup_id.in_(standup_ids), StandupRun.digest_built_at.is_(None))
        .with_for_update(skip_locked=True)
    ):
        open_runs[run.standup_id].append(run)
    unshown = (
        select(StandupEntry.run_id)
        .where(StandupEntry.status == EntryStatus.ANSWERED, StandupEntry.version > StandupEntry.shown_version)
        .distinct()
    )
    for run in session.scalars(
        select(StandupRun).where(
            StandupRun.standup_id.in_(standup_ids),
            StandupRun.digest_built_at.is_not(None),
            StandupRun.digest_built_at > now - THREAD_WINDOW,
            StandupRun.id.in_(unshown),
        )
    ):
        pending[run.standup_id].append(run)
    return open_runs, pending


def _item_key(standup: Standup, day: date, what: str) -> str:
    return f"{STANDUP_KEY_PREFIX}{standup.id}-{day.isoformat()}-{what}"


def _prompt(session: Session, standup: Standup, now: datetime) -> int:
    plan = plan_of(standup)
    workspace = settings_store.workspace_settings(session=session, team_id=standup.team_id, now=now)
    days_off = holidays(session=session, team_id=standup.team_id)
    people = participants_of(standup)
    calendars = {
        user: calendar_for(session=session, workspace=workspace, user_id=user, team_holidays=days_off)
        for user in people
    }
    zones = {user: plan.zone_for(calendar.zone) for user, calendar in calendars.items()}
    due = {user: plan.prompt_days_due(now, zones[user]) for user in people}
    asked = _already_entered(session, standup, {day for days in due.values() for day in days})
    added = 0
    for user in people:
        for day in due[user]:
            if (day, user) in asked:
                continue  # prompted (or marked away) on an earlier tick
            run = _run(session, standup, plan, day, zones=list(zones.values()), now=now)
            if run.digest_built_at is not None:
                continue  # the digest is out: too late to ask
            calendar = calendars[user]
            off = calendar.is_off(day)
            if not _new_entry(session, run, user, EntryStatus.AWAY if off else EntryStatus.PROMPTED, now):
                continue
            if off:
                continue
            entry_id = session.scalar(
                select(StandupEntry.id).where(StandupEntry.run_id == run.id, StandupEntry.user_id == user)
            )
            assert entry_id is not None
            prompt_at = plan.prompt_at(day, zones[user])
            text, blocks = build_prompt(
                channel_id=standup.channel_id, run_date=day, entry_id=entry_id,
                questions=questions_of(standup), digest_at=run.digest_due_at.astimezone(calendar.zone),
                standup_name=standup.name,
            )  # fmt: skip
            added += enqueue(
                session=session,
                item=NewItem(
                    team_id=standup.team_id,
                    kind="standup_prompt",
                    occurrence_key=_item_key(standup, day, f"prompt-{user}"),
                    channel_id=user,
                    due_at=_in_working_time(calendar, prompt_at, before=run.digest_due_at) or prompt_at,
                    text=text,
                    blocks=blocks,
                    grace=PROMPT_WINDOW,
                ),
                now=now,
            )
    return added


def _in_working_time(calendar: WorkCalendar, at: datetime, *, before: datetime) -> datetime | None:
    """`at`, or when the person's working time next starts if that is still before `before` (less
    half an hour to answer); None when their working time does not come in time."""
    moment = calendar.next_working_moment(at)
    return moment if moment <= before - REMINDER_MIN_AFTER_PROMPT else None


EARLY_ANSWER_WINDOW = timedelta(hours=18)  # a DM this long before someone's prompt answers it early


def early_entry(session: Session, *, team_id: str, user_id: str, now: datetime) -> StandupEntry | None:
    """The entry of the person's next prompt, made now so a DM the evening before answers it (the
    prompt is then not sent): for the standup of theirs whose next prompt comes soonest, within
    EARLY_ANSWER_WINDOW, that they have no entry for yet. None when no prompt comes that soon."""
    workspace = settings_store.workspace_settings(session=session, team_id=team_id, now=now)
    days_off = holidays(session=session, team_id=team_id)
    mine = [
        standup
        for standup in session.scalars(
            select(Standup).where(Standup.team_id == team_id, Standup.paused.is_(False))
        )
        if user_id in participants_of(standup)
    ]
    calendar = calendar_for(session=session, workspace=workspace, user_id=user_id, team_holidays=days_off)
    upcoming: list[tuple[datetime, Standup, date]] = []
    for standup in mine:
        plan = plan_of(standup)
        zone = plan.zone_for(calendar.zone)
        today = now.astimezone(zone).date()
        for day in (today, today + timedelta(days=1)):
            at = plan.prompt_at(day, zone)
            if (
                day.weekday() in plan.days
                and not calendar.is_off(day)
                and now < at <= now + EARLY_ANSWER_WINDOW
            ):
                upcoming.append((at, standup, day))
    for _, standup, day in sorted(upcoming, key=lambda found: (found[0], found[1].id)):
        plan = plan_of(standup)
        zones = [
            plan.zone_for(
                calendar_for(
                    session=session, workspace=workspace, user_id=person, team_holidays=days_off
                ).zone
            )
            for person in participants_of(standup)
        ]
        run = _run(session, standup, plan, day, zones=zones, now=now)
        if run.digest_built_at is None and _new_entry(session, run, user_id, EntryStatus.PROMPTED, now):
            return session.scalars(
                select(StandupEntry).where(StandupEntry.run_id == run.id, StandupEntry.user_id == user_id)
            ).one()
    return None


def _already_entered(session: Session, standup: Standup, days: set[date]) -> set[tuple[date, str]]:
    """(day, person) pairs that already have an entry, for the days whose prompts are due."""
    if not days:
        return set()
    rows = session.execute(
        select(StandupRun.run_date, StandupEntry.user_id)
        .join(StandupEntry, StandupEntry.run_id == StandupRun.id)
        .where(StandupRun.standup_id == standup.id, StandupRun.run_date.in_(days))
    )
    return {(day, user) for day, user in rows}


def _run(
    session: Session,
    standup: Standup,
    plan: StandupPlan,
    day: date,
    *,
    zones: Sequence[tzinfo],
    now: datetime,
) -> StandupRun:
    """The run for `day`, created once (its digest time fixed from the configuration of that moment)."""
    insert_ignoring_duplicates(
        session,
        StandupRun.__table__,  # type: ignore[arg-type]
        {
            "team_id": standup.team_id,
            "standup_id": standup.id,
            "run_date": day,
            "digest_due_at": plan.digest_at(day, zones),
            "created_at": now,
        },
    )
    run = session.scalar(
        select(StandupRun).where(StandupRun.standup_id == standup.id, StandupRun.run_date == day)
    )
    assert run is not None
    return run


def _new_entry(session: Session, run: StandupRun, user: str, status: EntryStatus, now: datetime) -> bool:
    return insert_ignoring_duplicates(
        session,
        StandupEntry.__table__,  # type: ignore[arg-type]
        {
            "team_id": run.team_id,
            "run_id": run.id,
            "user_id": user,
            "status": status,
            "prompted_at": now if status is EntryStatus.PROMPTED else None,
            "version": 0,
            "shown_version": 0,
        },
    )


def _entries(session: Session, run: StandupRun) -> list[StandupEntry]:
    return list(
        session.scalars(
            select(StandupEntry).where(StandupEntry.run_id == run.id).order_by(StandupEntry.user_id)
        )
    )


def _remind_and_digest(session: Session, standup: Standup, runs: list[StandupRun], now: datetime) -> int:
    added = 0
    workspace = settings_store.workspace_settings(session=session, team_id=standup.team_id, now=now)
    days_off = holidays(session=session, team_id=standup.team_id)
    for run in runs:
        entries = _entries(session, run)
        if now >= run.digest_due_at:
            added += _digest(session, standup, run, entries, now)
            continue
        for entry in entries:
            if entry.status is not EntryStatus.PROMPTED or entry.prompted_at is None:
                continue
            remind_at = StandupPlan.reminder_at(run.digest_due_at, entry.prompted_at)
            if remind_at is None or remind_at > now:
                continue
            calendar = calendar_for(
                session=session, workspace=workspace, user_id=entry.user_id, team_holidays=days_off
            )
            if calendar.is_working_moment(remind_at):  # never after their working day
                added += _remind(
                    session,
                    standup=standup,
                    run=run,
                    entry=entry,
                    remind_at=remind_at,
                    zone=calendar.zone,
                    now=now,
                )
    return added


def _remind(
    session: Session,
    *,
    standup: Standup,
    run: StandupRun,
    entry: StandupEntry,
    remind_at: datetime,
    zone: tzinfo,
    now: datetime,
) -> int:
    text, blocks = build_prompt(
        channel_id=standup.channel_id, run_date=run.run_date, entry_id=entry.id, reminder=True,
        questions=questions_of(standup), digest_at=run.digest_due_at.astimezone(zone),
        standup_name=standup.name,
    )  # fmt: skip
    return enqueue(
        session=session,
        item=NewItem(
            team_id=standup.team_id,
            kind="standup_reminder",
            occurrence_key=_item_key(standup, run.run_date, f"reminder-{entry.user_id}"),
            channel_id=entry.user_id,
            due_at=remind_at,
            text=text,
            blocks=blocks,
            grace=run.digest_due_at - remind_at,
        ),
        now=now,
    )


def _digest(
    session: Session, standup: Standup, run: StandupRun, entries: list[StandupEntry], now: datetime
) -> int:
    by_user = {entry.user_id: entry for entry in entries}
    workspace = settings_store.workspace_settings(session=session, team_id=standup.team_id, now=now)
    digest_entries = []
    for user in dict.fromkeys([*participants_of(standup), *by_user]):
        entry = by_user.get(user)
        if entry is not None and entry.status is EntryStatus.ANSWERED:
            picked = tuple(entry.blocked_on or ())
            digest_entries.append(DigestEntry(user, "answered", read_answers(entry.answers), picked))
        elif (entry is not None and entry.status is EntryStatus.AWAY) or calendar_for(
            session=session, workspace=workspace, user_id=user
        ).is_away(run.run_date):
            digest_entries.append(DigestEntry(user, "away", []))
        else:
            digest_entries.append(DigestEntry(user, "missing", []))
    run.digest_built_at = now
    if not any(entry.status != "away" for entry in digest_entries):
        return 0  # nobody was due that day (a holiday, everyone away): no digest
    text, blocks, shown = build_digest(
        channel_id=standup.channel_id,
        run_date=run.run_date,
        entries=digest_entries,
        in_thread=standup.digest_in_thread,
        naming=_naming(session, standup),
        standup_name=standup.name,
    )
    for entry in entries:
        if entry.user_id in shown:
            entry.shown_version = entry.version  # shown in the digest itself
    return int(
        enqueue(
            session=session,
            item=NewItem(
                team_id=standup.team_id,
                kind="standup_digest",
                occurrence_key=_item_key(standup, run.run_date, "digest"),
                channel_id=standup.channel_id,
                due_at=max(run.digest_due_at, now - DIGEST_GRACE),
                text=text,
                blocks=blocks,
                grace=DIGEST_GRACE,
            ),
            now=now,
        )
    )


def _naming(session: Session, standup: Standup) -> Naming:
    """How the standup's digest names people: its policy, with the names Slack gave us."""
    return Naming(
        standup.mention_policy, settings_store.display_names(session=session, team_id=standup.team_id)
    )


def _digest_ts(session: Session, standup: Standup, run: StandupRun) -> str | None:
    """The ts of the run's digest once it is posted (its thread holds answers and blocker asks)."""
    return session.scalar(
        select(ScheduledItem.message_ts).where(
            ScheduledItem.team_id == standup.team_id,
            ScheduledItem.occurrence_key == _item_key(standup, run.run_date, "digest"),
            ScheduledItem.state == ItemState.SENT,
        )
    )


LINK_BATCH = 500  # blocker asks looked at per tick


def _link_blocker_asks(session: Session, now: datetime) -> None:
    """Asks opened from blockers point at their digest's thread once it is posted: their reminders
    link to it, and a reply there from the person asked answers them. Only runs whose digest was
    built within THREAD_WINDOW are looked at, so a tick's work stays bounded."""
    reference = literal(BLOCKER_REFERENCE) + cast(StandupEntry.id, String)
    rows = session.execute(
        select(TrackedAsk, StandupRun)
        .join(StandupEntry, TrackedAsk.message_ts == reference)
        .join(StandupRun, StandupRun.id == StandupEntry.run_id)
        .where(
            TrackedAsk.thread_ts == TrackedAsk.message_ts,
            TrackedAsk.state == AskState.OPEN,
            StandupRun.digest_built_at.is_not(None),
            StandupRun.digest_built_at > now - THREAD_WINDOW,
        )
        .limit(LINK_BATCH)
    ).all()
    digests: dict[int, str | None] = {}
    for ask, run in rows:
        if run.id not in digests:
            standup = session.get(Standup, run.standup_id)
            digests[run.id] = _digest_ts(session, standup, run) if standup is not None else None
        digest_ts = digests[run.id]
        if digest_ts is not None and run.team_id == ask.team_id:
            ask.thread_ts = digest_ts


def _post_thread_answers(session: Session, standup: Standup, runs: list[StandupRun], now: datetime) -> int:
    """Answers not yet shown (thread style, late answers, edits) go to the posted digest's thread."""
    added = 0
    naming = _naming(session, standup) if runs else None
    for run in runs:
        digest_ts = _digest_ts(session, standup, run)
        if not digest_ts:
            continue  # not posted yet: next tick
        for entry in _entries(session, run):
            if entry.status is not EntryStatus.ANSWERED or entry.version <= entry.shown_version:
                continue
            kind = "edited" if entry.shown_version > 0 else ("late" if entry.answered_late else "answer")
            text, blocks = build_thread_answer(
                user_id=entry.user_id,
                answers=read_answers(entry.answers),
                kind=kind,
                naming=naming,
            )
            entry.shown_version = entry.version
            added += enqueue(
                session=session,
                item=NewItem(
                    team_id=standup.team_id,
                    kind="standup_answer",
                    occurrence_key=_item_key(
                        standup, run.run_date, f"answer-{entry.user_id}-v{entry.version}"
                    ),
                    channel_id=standup.channel_id,
                    thread_ts=digest_ts,
                    due_at=now,
                    text=text,
                    blocks=blocks,
                    grace=THREAD_WINDOW,
                ),
                now=now,
            )
    return added
