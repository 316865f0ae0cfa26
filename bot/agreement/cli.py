"""`norms agreement export --team T > agreement.yml` and `norms agreement import agreement.yml --team T`."""

from __future__ import annotations

import sys
from pathlib import Path

from bot.agreement.document import AgreementFileError, from_yaml, to_yaml
from bot.agreement.service import apply_agreement, current_agreement
from bot.core.db import create_db_engine, create_session_factory
from bot.core.deps import utc_now
from bot.core.settings import ConfigError, Settings

EXIT_INVALID_FILE = 1


def export_agreement(settings: Settings, *, team_id: str) -> int:
    engine = create_db_engine(settings.database_url)
    try:
        with create_session_factory(engine).begin() as session:
            agreement = current_agreement(session=session, team_id=team_id, now=utc_now())
    finally:
        engine.dispose()
    sys.stdout.write(to_yaml(agreement, team_id=team_id))
    return 0


def import_agreement(settings: Settings, *, path: str, team_id: str) -> int:
    """Validate the whole file first; a bad file changes nothing and names the line of each problem."""
    source = Path(path)
    if not source.is_file():
        raise ConfigError(f"{source} is not a file")
    try:
        agreement = from_yaml(source.read_text(encoding="utf-8"), source=source.name)
    except (AgreementFileError, UnicodeDecodeError) as error:
        print(f"Nothing changed. {source} has problems:\n{error}", file=sys.stderr)
        return EXIT_INVALID_FILE
    engine = create_db_engine(settings.database_url)
    try:
        with create_session_factory(engine).begin() as session:
            changed = apply_agreement(
                session=session, team_id=team_id, agreement=agreement, changed_by="cli", now=utc_now()
            )
    finally:
        engine.dispose()
    if changed:
        print(f"Updated the working agreement of {team_id}: {', '.join(changed)}.")
    else:
        print(f"The working agreement of {team_id} already says exactly this; nothing changed.")
    return 0
