"""`norms decisions export|import`: the decision log as a folder of Markdown ADRs."""

from __future__ import annotations

import sys
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import select
from sqlalchemy.orm import Session

from bot.core.db import create_db_engine, create_session_factory
from bot.core.deps import utc_now
from bot.core.settings import Settings
from bot.decisions import service as decisions
from bot.decisions.adr.commits import (
    BOT_AUTHOR,
    FileChange,
    NotAWorkTreeError,
    commit_changes,
    require_work_tree,
)
from bot.decisions.adr.layout import IMPORTED_AUTHOR, person_id, person_name, status_word
from bot.decisions.adr.reader import FolderRead, read_folder
from bot.decisions.adr.writer import ExportContext, record_file, render_index, render_record
from bot.people import settings_store
from models import Decision, DecisionStatusChange, WorkspaceSettings

EXIT_SOME_FILES_FAILED = 1
EXIT_NOTHING_DONE = 2


class LogCommandError(Exception):
    """What stops an export or import before it starts, said to the person (no traceback)."""


def export_log(settings: Settings, *, folder: str, team_id: str | None, git: bool = False) -> int:
    target = Path(folder)
    if target.exists() and not target.is_dir():
        raise LogCommandError(f"Nothing exported: {target} is a file, not a folder to write records into.")
    if git:
        try:
            require_work_tree(target)
        except NotAWorkTreeError as error:
            raise LogCommandError(str(error)) from error
    engine = create_db_engine(settings.database_url)
    try:
        with create_session_factory(engine)() as session:
            team = _team(session, team_id)
            log = DecisionLog.load(session, team)
    finally:
        engine.dispose()
    files = log.files()
    target.mkdir(parents=True, exist_ok=True)
    for name, text in files.items():
        (target / name).write_text(text, encoding="utf-8")
    print(f"Wrote {len(files) - 1} decision records and index.md to {target} (workspace {team}).")
    if git:
        try:
            made = commit_changes(target, log.changes())
        except NotAWorkTreeError as error:
            raise LogCommandError(str(error)) from error
        print(
            f"Committed {made} change(s) to git."
            if made
            else "Nothing changed since the last export: no commit."
        )
    return 0


@dataclass(frozen=True)
class DecisionLog:
    """A workspace's decision log as read once for an export: its records, their links and history,
    and people's names."""

    records: list[Decision]
    links: dict[int, list[tuple[str, int]]]
    history: dict[int, list[DecisionStatusChange]]
    names: dict[str, str]

    @classmethod
    def load(cls, session: Session, team_id: str) -> DecisionLog:
        return cls(
            records=decisions.all_decisions(session=session, team_id=team_id),
            links=decisions.links_by_record(session=session, team_id=team_id),
            history=decisions.history_by_record(session=session, team_id=team_id),
            names=settings_store.display_names(session=session, team_id=team_id),
        )

    def files(self) -> dict[str, str]:
        """The log as files (name -> Markdown), index.md last."""
        context = ExportContext.of(self.records, self.names)
        files = {
            record_file(record): render_record(
                record, links=self.links.get(record.id, ()), history=self.history.get(record.id, ()),
                context=context,
            )
            for record in self.records
        }  # fmt: skip
        files["index.md"] = render_index(self.records)
        return files

    def changes(self) -> list[FileChange]:
        """One commit per record (by whoever changed it last, at that time), then index.md by the bot."""
        changes = []
        for record in self.records:
            history = self.history.get(record.id)
            who = history[-1].changed_by if history else record.author_id
            when = history[-1].changed_at if history else record.created_at
            number, status = decisions.display_number(record.number), decisions.shown_status(record)
            subject = f"{number}: {record.title} ({status})"
            changes.append(FileChange(record_file(record), subject, _git_author(who, self.names), when))
        changes.append(FileChange("index.md", "the decision log's index", BOT_AUTHOR, None))
        return changes


def log_files(session: Session, team_id: str) -> dict[str, str]:
    """The workspace's decision log as files (name -> Markdown), index.md last."""
    return DecisionLog.load(session, team_id).files()


def _git_author(entry: str, names: dict[str, str]) -> tuple[str, str]:
    """A git author for a record's person: their Slack name and an address made of their id."""
    if entry == IMPORTED_AUTHOR:
        return BOT_AUTHOR
    user = person_id(entry)
    if user is None:
        return entry, BOT_AUTHOR[1]
    return names.get(user) or person_name(entry) or user, f"{user.lower()}@users.slack.invalid"


def import_log(settings: Settings, *, folder: str, team_id: str | None, dry_run: bool = False) -> int:
    source = Path(folder)
    if not source.is_dir():
        raise LogCommandError(f"Nothing imported: {source} is not a folder (give the folder of .md files).")
    read = read_folder(source)
    engine = create_db_engine(settings.database_url)
    added: list[str] = []
    taken: list[str] = []
    try:
        with create_session_factory(engine).begin() as session:
            team = _team(session, team_id)
            for record in read.records:
                stored = decisions.import_decision(
                    session=session, team_id=team, imported=record, now=utc_now()
                )
                line = (
                    f"  {record.source} -> {decisions.display_number(record.number)} {record.draft.title!r} "
                    f"({status_word(record.draft.status, record.status_label)})"
                )
                (added if stored else taken).append(line)
            if dry_run:
                session.rollback()
    finally:
        engine.dispose()
    _report(read, team, added, taken, dry_run=dry_run)
    return EXIT_SOME_FILES_FAILED if read.problems else 0


def _report(read: FolderRead, team: str, added: list[str], taken: list[str], *, dry_run: bool) -> None:
    verb = "Would import" if dry_run else "Imported"
    print(f"{verb} {len(added)} decision records into workspace {team}" + (":" if added else "."))
    for line in added:
        print(line)
    if taken:
        print(f"{'Would skip' if dry_run else 'Skipped'} {len(taken)} whose numbers are already taken:")
        for line in taken:
            print(line)
    for record in read.records:
        for warning in record.warnings:
            print(f"Note: {warning}")
    if read.problems:
        print(f"{len(read.problems)} files not imported:", file=sys.stderr)
        for problem in read.problems:
            print(f"  {problem}", file=sys.stderr)
    if not dry_run and added:
        print("New records continue after the highest number.")


def _team(session: Session, team_id: str | None) -> str:
    """The workspace: --team, else the only one this database knows (installed or with records)."""
    if team_id:
        return team_id
    teams = set(session.scalars(select(Decision.team_id).distinct()))
    teams |= set(session.scalars(select(WorkspaceSettings.team_id)))
    if len(teams) == 1:
        return next(iter(teams))
    raise LogCommandError(
        "Say which workspace with --team TEAM_ID"
        + (
            f" (this database holds {', '.join(sorted(teams))})."
            if teams
            else " (no workspace has used Async Norms with this database yet: install the app, or "
            "find the team id in Slack under your workspace's name > Settings > About this workspace)."
        )
    )
