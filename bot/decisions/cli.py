"""`norms decisions export|import`: the decision log as a folder of Markdown ADRs."""

from __future__ import annotations

import sys
from pathlib import Path

from sqlalchemy import distinct, select
from sqlalchemy.orm import Session

from bot.core.db import create_db_engine, create_session_factory
from bot.core.deps import utc_now
from bot.core.settings import ConfigError, Settings
from bot.decisions import service as decisions
from bot.decisions.markdown import ImportFileError, file_name, read_folder, to_index, to_madr
from models import Decision


def export_log(settings: Settings, *, folder: str, team_id: str | None) -> int:
    target = Path(folder)
    engine = create_db_engine(settings.database_url)
    try:
        with create_session_factory(engine)() as session:
            team = _team(session, team_id)
            records = decisions.all_decisions(session=session, team_id=team)
            target.mkdir(parents=True, exist_ok=True)
            for record in records:
                (target / file_name(record)).write_text(to_madr(record), encoding="utf-8")
            (target / "index.md").write_text(to_index(records), encoding="utf-8")
    finally:
        engine.dispose()
    print(f"Wrote {len(records)} decision records and index.md to {target} (workspace {team}).")
    return 0


def import_log(settings: Settings, *, folder: str, team_id: str | None) -> int:
    source = Path(folder)
    if not source.is_dir():
        raise ConfigError(f"{source} is not a folder of decision records")
    try:
        imported = read_folder(source)
    except ImportFileError as error:
        print(f"Nothing imported: {error}", file=sys.stderr)
        return 2
    engine = create_db_engine(settings.database_url)
    added = skipped = 0
    try:
        with create_session_factory(engine).begin() as session:
            team = team_id or _team(session, None)
            for record in imported:
                stored = decisions.import_decision(
                    session=session, team_id=team, number=record.number, draft=record.draft,
                    supersedes=record.supersedes, superseded_by=record.superseded_by, now=utc_now(),
                )  # fmt: skip
                added, skipped = added + stored, skipped + (not stored)
    finally:
        engine.dispose()
    note = f"; {skipped} skipped because their numbers are taken" if skipped else ""
    print(
        f"Imported {added} decision records into workspace {team}{note}. "
        "New records continue after the highest number."
    )
    return 0


def _team(session: Session, team_id: str | None) -> str:
    if team_id:
        return team_id
    teams = list(session.scalars(select(distinct(Decision.team_id))))
    if len(teams) == 1:
        return teams[0]
    raise ConfigError(
        "Say which workspace with --team TEAM_ID"
        + (
            f" (this database holds {', '.join(sorted(teams))})."
            if teams
            else " (this database has no decision records yet)."
        )
    )
