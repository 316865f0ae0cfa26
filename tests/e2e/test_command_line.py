"""The run command's contract: clear messages and non-zero exits instead of tracebacks."""

from __future__ import annotations

import subprocess
import sys
from datetime import UTC, datetime
from pathlib import Path

import pytest
from sqlalchemy import Engine, inspect, select

from bot.core.db import create_db_engine, create_session_factory
from bot.core.migrate import head_revision
from tests.support.bot_process import NORMS_SCRIPT, clean_environment, free_port
from tests.support.slack_requests import BOT_TOKEN, SIGNING_SECRET
from tests.support.slack_stand_in import SlackStandIn

pytestmark = pytest.mark.e2e

REPO = Path(__file__).resolve().parents[2]


def run(args: list[str], *, cwd: Path, **env: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        args, cwd=cwd, env=clean_environment(**env), capture_output=True, text=True, timeout=60, check=False
    )


def migrated_database(tmp_path: Path, name: str) -> tuple[str, Engine]:
    """A fresh SQLite database at head revision, and an engine on it (the caller disposes of it)."""
    from tests.support.databases import migrate

    database_url = f"sqlite:///{tmp_path / name}"
    migrate(database_url)
    return database_url, create_db_engine(database_url)


def test_app_py_without_slack_credentials_says_what_to_set(tmp_path: Path) -> None:
    result = run([sys.executable, str(REPO / "app.py")], cwd=tmp_path)
    assert result.returncode == 2
    assert "SLACK_SIGNING_SECRET" in result.stderr
    assert "SLACK_BOT_TOKEN" in result.stderr
    assert "Traceback" not in result.stderr + result.stdout


def test_norms_serve_reads_credentials_from_a_dotenv_file(tmp_path: Path) -> None:
    (tmp_path / ".env").write_text("SLACK_SIGNING_SECRET=abc123abc123\nPORT=99999\n")
    result = run([str(NORMS_SCRIPT), "serve"], cwd=tmp_path)
    assert result.returncode == 2
    assert "PORT" in result.stderr
    assert "Traceback" not in result.stderr


def test_norms_serve_with_a_token_slack_rejects_exits_with_a_clear_message(tmp_path: Path) -> None:
    with SlackStandIn() as slack:
        slack.respond_with("auth.test", lambda _args: {"ok": False, "error": "invalid_auth"})
        result = run(
            [str(NORMS_SCRIPT), "serve"],
            cwd=tmp_path,
            SLACK_BOT_TOKEN=BOT_TOKEN,
            SLACK_SIGNING_SECRET=SIGNING_SECRET,
            SLACK_API_URL=slack.api_url,
            DATABASE_URL=f"sqlite:///{tmp_path / 'db.sqlite3'}",
            PORT=str(free_port()),
        )
    assert result.returncode == 2
    assert "SLACK_BOT_TOKEN" in result.stderr
    assert BOT_TOKEN not in result.stderr + result.stdout
    assert "Traceback" not in result.stderr


def test_norms_serve_with_an_unreachable_database_says_so(tmp_path: Path) -> None:
    result = run(
        [str(NORMS_SCRIPT), "serve"],
        cwd=tmp_path,
        SLACK_BOT_TOKEN=BOT_TOKEN,
        SLACK_SIGNING_SECRET=SIGNING_SECRET,
        DATABASE_URL=f"postgresql://norms:pw-not-shown@127.0.0.1:{free_port()}/none",
    )
    assert result.returncode == 3
    assert "DATABASE_URL" in result.stderr
    assert "pw-not-shown" not in result.stderr
    assert "Traceback" not in result.stderr


def test_norms_db_upgrade_creates_the_schema_in_the_default_data_directory(tmp_path: Path) -> None:
    result = run([str(NORMS_SCRIPT), "db", "upgrade"], cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    database = tmp_path / "data" / "async-norms.sqlite3"
    assert database.exists()
    engine = create_db_engine(f"sqlite:///{database}")
    try:
        assert "processed_events" in inspect(engine).get_table_names()
    finally:
        engine.dispose()
    current = run([str(NORMS_SCRIPT), "db", "current"], cwd=tmp_path)
    assert current.stdout.strip() == head_revision()


def test_norms_decisions_export_and_import(tmp_path: Path) -> None:
    from bot.decisions.service import DecisionDraft, record_decision
    from models import DecisionStatus
    from tests.support.databases import migrate

    database_url = f"sqlite:///{tmp_path / 'log.sqlite3'}"
    migrate(database_url)
    engine = create_db_engine(database_url)
    try:
        with create_session_factory(engine).begin() as session:
            for team in ("T0ONE", "T0TWO"):
                draft = DecisionDraft(
                    title="Use PostgreSQL", status=DecisionStatus.ACCEPTED, outcome="We run it already"
                )
                record_decision(
                    session=session, team_id=team, draft=draft, author_id="U1", now=datetime.now(UTC)
                )
    finally:
        engine.dispose()
    ambiguous = run(
        [str(NORMS_SCRIPT), "decisions", "export", "adr"], cwd=tmp_path, DATABASE_URL=database_url
    )
    assert ambiguous.returncode == 2
    assert "--team" in ambiguous.stderr and "T0ONE" in ambiguous.stderr
    assert "Warning" not in ambiguous.stderr  # SQLAlchemy's SAWarning once showed here
    exported = run(
        [str(NORMS_SCRIPT), "decisions", "export", "adr", "--team", "T0ONE"],
        cwd=tmp_path,
        DATABASE_URL=database_url,
    )
    assert exported.returncode == 0, exported.stderr
    assert sorted(path.name for path in (tmp_path / "adr").iterdir()) == [
        "0001-use-postgresql.md",
        "index.md",
    ]
    assert exported.stderr == ""  # no library warnings on the way
    (tmp_path / "adr" / "0002-broken.md").write_text(
        "---\nstatus: [unclosed\n---\n# Broken\n", encoding="utf-8"
    )
    dry = run(
        [str(NORMS_SCRIPT), "decisions", "import", "adr", "--team", "T0NEW", "--dry-run"],
        cwd=tmp_path,
        DATABASE_URL=database_url,
    )
    assert dry.returncode == 1  # a file could not be read
    assert "Would import 1 decision records into workspace T0NEW" in dry.stdout
    assert "0001-use-postgresql.md -> ADR-0001 'Use PostgreSQL' (accepted)" in dry.stdout
    assert "0002-broken.md: the front matter is not valid YAML" in dry.stderr
    imported = run(
        [str(NORMS_SCRIPT), "decisions", "import", "adr", "--team", "T0NEW"],
        cwd=tmp_path,
        DATABASE_URL=database_url,
    )
    assert imported.returncode == 1, imported.stderr  # the good file imported, the bad one named
    assert "Imported 1 decision records into workspace T0NEW" in imported.stdout
    assert "0002-broken.md" in imported.stderr
    again = run(
        [str(NORMS_SCRIPT), "decisions", "import", "adr", "--team", "T0NEW"],
        cwd=tmp_path,
        DATABASE_URL=database_url,
    )
    assert "Skipped 1 whose numbers are already taken" in again.stdout
    missing = run(
        [str(NORMS_SCRIPT), "decisions", "import", "no-such-folder", "--team", "T0NEW"],
        cwd=tmp_path,
        DATABASE_URL=database_url,
    )
    assert missing.returncode == 2
    assert missing.stderr.strip() == (
        "Nothing imported: no-such-folder is not a folder (give the folder of .md files)."
    )


def test_norms_decisions_export_needs_no_team_when_one_workspace_is_known(tmp_path: Path) -> None:
    from bot.people.settings_store import workspace_settings
    from tests.support.databases import migrate

    database_url = f"sqlite:///{tmp_path / 'one.sqlite3'}"
    migrate(database_url)
    engine = create_db_engine(database_url)
    try:
        with create_session_factory(engine).begin() as session:
            workspace_settings(session=session, team_id="T0ONLY", now=datetime.now(UTC))
    finally:
        engine.dispose()
    exported = run([str(NORMS_SCRIPT), "decisions", "export", "adr"], cwd=tmp_path, DATABASE_URL=database_url)
    assert exported.returncode == 0, exported.stderr
    assert "Wrote 0 decision records and index.md to adr (workspace T0ONLY)." in exported.stdout


def test_norms_decisions_export_git_commits_each_change_by_its_author(tmp_path: Path) -> None:
    import subprocess

    from bot.decisions.service import DecisionDraft, change_status, record_decision
    from bot.people.settings_store import ensure_profile
    from models import DecisionStatus
    from tests.support.databases import migrate

    database_url = f"sqlite:///{tmp_path / 'git.sqlite3'}"
    migrate(database_url)
    repository = tmp_path / "repo"
    subprocess.run(["git", "init", "-q", str(repository)], check=True)
    engine = create_db_engine(database_url)
    sessions = create_session_factory(engine)

    def export() -> str:
        done = run([str(NORMS_SCRIPT), "decisions", "export", "repo/docs/adr", "--git", "--team", "T0GIT"],
                   cwd=tmp_path, DATABASE_URL=database_url)  # fmt: skip
        assert done.returncode == 0, done.stderr
        return done.stdout

    def log() -> list[str]:
        done = subprocess.run(["git", "-C", str(repository), "log", "--format=%an <%ae>|%s"],
                              capture_output=True, text=True, check=True)  # fmt: skip
        return done.stdout.splitlines()

    try:
        with sessions.begin() as session:
            ensure_profile(session=session, team_id="T0GIT", user_id="U0ANA").display_name = "Ana Lima"
            draft = DecisionDraft(title="Use PostgreSQL", status=DecisionStatus.PROPOSED, outcome="PostgreSQL",
                                  decision_makers=("U0BEN",))  # fmt: skip
            record_decision(
                session=session, team_id="T0GIT", draft=draft, author_id="U0ANA", now=datetime.now(UTC)
            )
        assert "Committed 2 change(s) to git." in export()
        assert log() == [
            "Async Norms <async-norms@users.noreply.invalid>|Record the decision log's index",
            "Ana Lima <u0ana@users.slack.invalid>|Record ADR-0001: Use PostgreSQL (proposed)",
        ]
        assert "Nothing changed since the last export: no commit." in export()
        with sessions.begin() as session:
            change_status(session=session, team_id="T0GIT", number=1, to=DecisionStatus.ACCEPTED, by="U0BEN",
                          now=datetime.now(UTC))  # fmt: skip
        assert "Committed 2 change(s) to git." in export()
        assert log()[:2] == [
            "Async Norms <async-norms@users.noreply.invalid>|Update the decision log's index",
            "U0BEN <u0ben@users.slack.invalid>|Update ADR-0001: Use PostgreSQL (accepted)",
        ]
    finally:
        engine.dispose()
    outside = run([str(NORMS_SCRIPT), "decisions", "export", "elsewhere", "--git", "--team", "T0GIT"],
                  cwd=tmp_path, DATABASE_URL=database_url)  # fmt: skip
    assert outside.returncode == 2
    assert "elsewhere is not in a git work tree" in outside.stderr


def test_norms_workspace_purge_deletes_one_workspace(tmp_path: Path) -> None:
    from bot.decisions.service import DecisionDraft, record_decision
    from models import Decision, DecisionStatus
    from tests.support.databases import migrate

    database_url = f"sqlite:///{tmp_path / 'purge.sqlite3'}"
    migrate(database_url)
    engine = create_db_engine(database_url)
    sessions = create_session_factory(engine)
    try:
        with sessions.begin() as session:
            for team in ("T0GONE", "T0STAYS"):
                draft = DecisionDraft(title="Use PostgreSQL", status=DecisionStatus.ACCEPTED)
                record_decision(
                    session=session, team_id=team, draft=draft, author_id="U1", now=datetime.now(UTC)
                )
        purged = run(
            [str(NORMS_SCRIPT), "workspace", "purge", "T0GONE"], cwd=tmp_path, DATABASE_URL=database_url
        )
        assert purged.returncode == 0, purged.stderr
        assert "Deleted 2 rows of workspace T0GONE" in purged.stdout
        with sessions() as session:
            assert session.scalars(select(Decision.team_id)).all() == ["T0STAYS"]
        again = run(
            [str(NORMS_SCRIPT), "workspace", "purge", "T0GONE"], cwd=tmp_path, DATABASE_URL=database_url
        )
        assert again.returncode == 1
        assert "Nothing is stored for workspace T0GONE" in again.stderr
    finally:
        engine.dispose()


def test_norms_metrics_prints_response_times_per_channel_as_text_and_json(tmp_path: Path) -> None:
    import json
    from datetime import timedelta

    from models import AskState, DueSource, TrackedAsk
    from tests.support.databases import migrate

    database_url = f"sqlite:///{tmp_path / 'metrics.sqlite3'}"
    migrate(database_url)
    engine = create_db_engine(database_url)
    asked = datetime.now(UTC) - timedelta(days=2)
    try:
        with create_session_factory(engine).begin() as session:
            for index, (hours, team) in enumerate([(2, "T0ME"), (4, "T0ME"), (30, "T0ME"), (1, "T0OTHER")]):
                session.add(
                    TrackedAsk(
                        team_id=team, channel_id="C0ENG", message_ts=f"{index}.0", thread_ts=f"{index}.0",
                        asker_id="U1", recipient_id="U2", urgency="normal", due_source=DueSource.NORM,
                        norm_due_at=asked + timedelta(hours=24), due_at=asked + timedelta(hours=24), asked_at=asked,
                        first_response_at=asked + timedelta(hours=hours), state=AskState.ANSWERED,
                    )
                )  # fmt: skip
    finally:
        engine.dispose()
    as_json = run(
        [str(NORMS_SCRIPT), "metrics", "--team", "T0ME", "--json"], cwd=tmp_path, DATABASE_URL=database_url
    )
    assert as_json.returncode == 0, as_json.stderr
    week = json.loads(as_json.stdout)["windows"]["7"]
    responses = week["workspace"]["responses"]
    assert responses["asks"] == 3 and responses["median_response_hours"] == 4.0
    assert responses["share_within_norm"] == round(2 / 3, 3)
    assert set(week["channels"]) == {"C0ENG"}
    text = run([str(NORMS_SCRIPT), "metrics", "--team", "T0ME"], cwd=tmp_path, DATABASE_URL=database_url)
    assert "3 asks, 3 answered, 67% within the norm" in text.stdout
    missing = run([str(NORMS_SCRIPT), "metrics"], cwd=tmp_path, DATABASE_URL=database_url)
    assert missing.returncode == 2 and "--team" in missing.stderr


def test_norms_person_erase_forgets_one_person(tmp_path: Path) -> None:
    from bot.people import settings_store
    from models import UserProfile

    database_url, engine = migrated_database(tmp_path, "erase.sqlite3")
    sessions = create_session_factory(engine)
    try:
        with sessions.begin() as session:
            for user in ("U0GONE", "U0STAYS"):
                settings_store.set_opted_out(session=session, team_id="T0ONE", user_id=user, opted_out=True)
        erased = run(
            [str(NORMS_SCRIPT), "person", "erase", "T0ONE", "U0GONE"], cwd=tmp_path, DATABASE_URL=database_url
        )
        assert erased.returncode == 0, erased.stderr
        assert "Erased 1 rows about U0GONE in workspace T0ONE" in erased.stdout
        with sessions() as session:
            assert session.scalars(select(UserProfile.user_id)).all() == ["U0STAYS"]
        again = run(
            [str(NORMS_SCRIPT), "person", "erase", "T0ONE", "U0GONE"], cwd=tmp_path, DATABASE_URL=database_url
        )
        assert again.returncode == 1 and "Nothing is stored about U0GONE" in again.stderr
    finally:
        engine.dispose()


def test_norms_tokens_rotate_moves_stored_tokens_to_the_new_key(tmp_path: Path) -> None:
    from slack_sdk.oauth.installation_store import Bot

    from bot.core.token_cipher import TokenCipher, generate_key
    from bot.core.workspaces import ReturningAwareInstallationStore
    from models.slack_oauth import bots_table

    database_url, engine = migrated_database(tmp_path, "tokens.sqlite3")
    old, new = generate_key(), generate_key()
    try:
        store = ReturningAwareInstallationStore(client_id="111.222", engine=engine, cipher=TokenCipher(old))
        store.save_bot(Bot(app_id="A1", enterprise_id=None, team_id="T0ROT", bot_token="xoxb-rotate-me",
                           bot_id="B1", bot_user_id="U0BOT", bot_scopes="chat:write", installed_at=1.0))  # fmt: skip
        env = {"DATABASE_URL": database_url, "SLACK_CLIENT_ID": "111.222", "SLACK_CLIENT_SECRET": "s3cr3t",
               "SLACK_SIGNING_SECRET": "0123456789abcdef0123456789abcdef"}  # fmt: skip
        rotated = run(
            [str(NORMS_SCRIPT), "tokens", "rotate"], cwd=tmp_path, TOKEN_ENCRYPTION_KEY=f"{new},{old}", **env
        )
        assert rotated.returncode == 0, rotated.stderr
        assert "Re-encrypted the tokens of 1 stored" in rotated.stdout
        with engine.connect() as connection:
            (stored,) = connection.execute(select(bots_table.c.bot_token)).scalars()
        assert TokenCipher(new).decrypt(stored) == "xoxb-rotate-me"
        too_early = run(
            [str(NORMS_SCRIPT), "tokens", "rotate"], cwd=tmp_path, TOKEN_ENCRYPTION_KEY=generate_key(), **env
        )
        assert too_early.returncode == 2 and "Keep the old key" in too_early.stderr
        missing = run([str(NORMS_SCRIPT), "tokens", "rotate"], cwd=tmp_path, **env)
        assert missing.returncode == 2 and "TOKEN_ENCRYPTION_KEY is not set" in missing.stderr
    finally:
        engine.dispose()
