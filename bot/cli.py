"""The `norms` command line: serve the bot and manage its database."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from slack_bolt.error import BoltError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.core.settings import ConfigError, Settings, load_settings
from bot.core.wiring import Wiring

EXIT_CONFIG = 2
EXIT_UNAVAILABLE = 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="norms", description="Async Norms: a Slack bot for async teams.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("serve", help="start the bot (Socket Mode when SLACK_APP_TOKEN is set, else HTTP)")
    commands.add_parser("worker", help="only do the events `norms serve` stored (HTTP mode; any number)")
    db = commands.add_parser("db", help="database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_commands.add_parser("upgrade", help="apply all migrations")
    db_commands.add_parser("current", help="print the schema revision of the database")
    tick = commands.add_parser(
        "tick", help="run one scheduler tick now and exit (for cron, serverless, dry runs)"
    )
    tick.add_argument("--at", help="pretend it is this time (ISO-8601 with offset): deliver what is due then")
    jobs = commands.add_parser("jobs", help="list scheduled work that is pending, failed or skipped")
    jobs.add_argument("--failed", action="store_true", help="only what failed or was skipped, with reasons")
    jobs.add_argument("--team", help="only this workspace (team id)")
    decisions = commands.add_parser(
        "decisions", help="export the decision log as Markdown ADRs, or import one"
    )
    decision_commands = decisions.add_subparsers(dest="decisions_command", required=True, metavar="ACTION")
    export = decision_commands.add_parser(
        "export",
        help="write one Markdown ADR per record (read by adr-tools, log4brains, MADR), plus index.md",
    )
    export.add_argument("folder")
    export.add_argument("--team", help="the workspace (team id); needed when the database holds several")
    export.add_argument(
        "--git",
        action="store_true",
        help="commit each changed record into the git repository that holds the folder",
    )
    load = decision_commands.add_parser(
        "import", help="read a folder of ADRs (MADR, adr-tools, log4brains, Nygard) into the log"
    )
    load.add_argument("folder")
    load.add_argument("--team", help="the workspace (team id); needed when the database holds several")
    load.add_argument(
        "--dry-run",
        action="store_true",
        help="read the folder and say what would be imported; change nothing",
    )
    workspace = commands.add_parser("workspace", help="a workspace's data")
    workspace_commands = workspace.add_subparsers(dest="workspace_command", required=True, metavar="ACTION")
    purge = workspace_commands.add_parser("purge", help="delete all of a workspace's data now")
    purge.add_argument("team_id")
    tokens = commands.add_parser("tokens", help="the Slack tokens a multi-workspace install stores")
    tokens_commands = tokens.add_subparsers(dest="tokens_command", required=True, metavar="ACTION")
    tokens_commands.add_parser(
        "rotate",
        help="re-encrypt every stored token under the first TOKEN_ENCRYPTION_KEY (and plaintext ones)",
    )
    person = commands.add_parser("person", help="one person's data")
    person_commands = person.add_subparsers(dest="person_command", required=True, metavar="ACTION")
    erase = person_commands.add_parser(
        "erase", help="delete what is stored about one person in one workspace (decision records stay)"
    )
    erase.add_argument("team_id")
    erase.add_argument("user_id")
    agreement = commands.add_parser("agreement", help="the working agreement as YAML, to keep it in git")
    agreement_commands = agreement.add_subparsers(dest="agreement_command", required=True, metavar="ACTION")
    agreement_export = agreement_commands.add_parser("export", help="print the agreement as YAML")
    agreement_export.add_argument("--team", required=True, help="the workspace (team id)")
    agreement_import = agreement_commands.add_parser(
        "import", help="validate a YAML file and make it the agreement"
    )
    agreement_import.add_argument("file")
    agreement_import.add_argument("--team", required=True, help="the workspace (team id)")
    metrics = commands.add_parser("metrics", help="a workspace's norm metrics for the last 7 and 30 days")
    metrics.add_argument("--team", required=True, help="the workspace (team id)")
    metrics.add_argument("--json", action="store_true", help="machine-readable output")
    lint = commands.add_parser("lint", help="lint a message, or JSON lines from standard input with --json")
    lint.add_argument("text", nargs="?", help="the message, as Slack mrkdwn")
    lint.add_argument("--tz", default="UTC", help="the author's IANA time zone (default UTC)")
    lint.add_argument("--now", help="the time the message was sent, ISO-8601 (default: now)")
    lint.add_argument(
        "--json", action="store_true", help="read JSON lines from stdin, write one JSON line for each"
    )
    return parser


def main(argv: Sequence[str] | None = None, *, wiring: Wiring) -> int:
    """Run one `norms` command; `wiring` (from the composition root, app.py) brings the features."""
    args = build_parser().parse_args(argv)
    if args.command == "lint":
        from bot.lint.cli import main as lint_main

        return lint_main(args.text, tz_name=args.tz, now=args.now, json_mode=args.json)
    try:
        settings = load_settings()
        if args.command in ("serve", "worker"):
            return _serve(settings, wiring, worker_only=args.command == "worker")
        if args.command == "tick":
            return _tick(settings, args.at, wiring)
        if args.command == "jobs":
            return _jobs(settings, failed_only=args.failed, team_id=args.team)
        if args.command == "agreement":
            from bot.agreement.cli import export_agreement, import_agreement

            if args.agreement_command == "export":
                return export_agreement(settings, team_id=args.team)
            return import_agreement(settings, path=args.file, team_id=args.team)
        if args.command == "metrics":
            from bot.metrics.cli import print_metrics

            return print_metrics(settings, team_id=args.team, as_json=args.json)
        if args.command == "workspace":
            return _purge(settings, args.team_id)
        if args.command == "tokens":
            return _rotate_tokens(settings)
        if args.command == "person":
            return _erase(settings, args.team_id, args.user_id)
        if args.command == "decisions":
            from bot.decisions.cli import EXIT_NOTHING_DONE, LogCommandError, export_log, import_log

            try:
                if args.decisions_command == "export":
                    return export_log(settings, folder=args.folder, team_id=args.team, git=args.git)
                return import_log(settings, folder=args.folder, team_id=args.team, dry_run=args.dry_run)
            except LogCommandError as error:
                print(error, file=sys.stderr)
                return EXIT_NOTHING_DONE
        return _db(settings, args.db_command)
    except ConfigError as error:
        print(f"Async Norms cannot start: {error}", file=sys.stderr)
        return EXIT_CONFIG
    except SQLAlchemyError as error:
        print(
            f"Async Norms cannot reach its database ({_safe_url(settings.database_url)}): "
            f"{type(error).__name__}. Check DATABASE_URL and that the database server is running.",
            file=sys.stderr,
        )
        return EXIT_UNAVAILABLE


def _serve(settings: Settings, wiring: Wiring, *, worker_only: bool = False) -> int:
    from bot.core.logging_setup import configure_logging
    from bot.core.telemetry import forget_shared, share_between_processes
    from bot.slack.server import run_inbox_worker, serve

    settings.slack_mode()  # configuration errors first, before any logging or connection
    configure_logging(
        settings.log_level, secrets=_secrets(settings), json_lines=settings.log_format == "json"
    )
    # Counts for /metrics, shared with the worker process `norms serve` starts.
    shared = None if worker_only else share_between_processes()
    try:
        (run_inbox_worker if worker_only else serve)(settings, wiring=wiring)
    except BoltError as error:
        print(
            f"Async Norms cannot start: Slack rejected the app's credentials ({error}). "
            "Check SLACK_BOT_TOKEN (and SLACK_API_URL if you set it), then start again.",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    finally:
        if shared is not None:
            forget_shared(shared)
    return 0


def _tick(settings: Settings, at: str | None, wiring: Wiring) -> int:
    from datetime import datetime

    from bot.core.db import create_db_engine
    from bot.core.deps import build_deps, utc_now
    from bot.core.logging_setup import configure_logging
    from bot.scheduling.scheduler import SchedulerLock
    from bot.slack.tokens import token_source

    settings.slack_mode()  # scheduled work is sent to Slack: the credentials must be there
    clock = utc_now
    if at is not None:
        try:
            pinned = datetime.fromisoformat(at)
        except ValueError:
            raise ConfigError(
                f"--at {at!r} is not an ISO-8601 time (e.g. 2026-03-11T09:30:00-05:00)"
            ) from None
        if pinned.tzinfo is None:
            raise ConfigError(f"--at {at!r} needs a UTC offset (e.g. 2026-03-11T09:30:00-05:00)")

        def clock() -> datetime:
            return pinned

    configure_logging(settings.log_level, secrets=_secrets(settings))
    lock = SchedulerLock(settings.database_url)
    lock.acquire()
    engine = create_db_engine(settings.database_url)
    try:
        deps = build_deps(settings, engine=engine, clock=clock)
        result = wiring.create_scheduler(deps, token_source(settings, engine)).tick()
    finally:
        engine.dispose()
        lock.release()
    report = result.report
    print(
        f"tick at {clock().isoformat()}: {result.claimed} due, {report.sent} sent, "
        f"{report.retried} to retry, "
        f"{report.failed} failed, {report.skipped} skipped"
    )
    return 0


def _jobs(settings: Settings, *, failed_only: bool, team_id: str | None) -> int:
    from bot.core.db import create_db_engine, create_session_factory
    from bot.scheduling.outbox import unsent

    engine = create_db_engine(settings.database_url)
    try:
        with create_session_factory(engine)() as session:
            rows, total = unsent(session=session, failed_only=failed_only, team_id=team_id)
    finally:
        engine.dispose()
    if not rows:
        print("No failed or skipped work." if failed_only else "No scheduled work waiting.")
        return 0
    print(f"{'due (UTC)':17} {'state':8} {'team':11} {'kind':14} {'channel':12} {'tries':>5}  key / reason")
    for row in rows:
        reason = f"  ({row.last_error})" if row.last_error else ""
        print(
            f"{row.due_at:%Y-%m-%d %H:%M} {row.state.value:8} {row.team_id:11} {row.kind:14} "
            f"{row.channel_id:12} "
            f"{row.attempts:>5}  {row.occurrence_key}{reason}"
        )
    if total > len(rows):
        print(f"... and {total - len(rows)} more")
    return 0


def _purge(settings: Settings, team_id: str) -> int:
    from bot.core.db import create_db_engine, create_session_factory
    from bot.core.workspaces import purge_workspace

    engine = create_db_engine(settings.database_url)
    try:
        with create_session_factory(engine).begin() as session:
            report = purge_workspace(session=session, team_id=team_id)
    finally:
        engine.dispose()
    if report.rows == 0:
        print(
            f"Nothing is stored for workspace {team_id}; check the team id (it looks like T0123ABCD).",
            file=sys.stderr,
        )
        return 1
    print(f"Deleted {report.rows} rows of workspace {team_id}: settings, records, scheduled work and tokens.")
    return 0


def _rotate_tokens(settings: Settings) -> int:
    from bot.core.db import create_db_engine
    from bot.core.token_cipher import TokenKeyError
    from bot.core.workspaces import reencrypt_tokens

    cipher = settings.token_cipher()
    engine = create_db_engine(settings.database_url)
    try:
        changed = reencrypt_tokens(engine=engine, cipher=cipher)
    except TokenKeyError as error:
        print(
            f"Not rotated: {error}. Keep the old key in TOKEN_ENCRYPTION_KEY, after the new one, until "
            "every token is re-encrypted.",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    finally:
        engine.dispose()
    print(f"Re-encrypted the tokens of {changed} stored installations and bots under the first key.")
    return 0


def _erase(settings: Settings, team_id: str, user_id: str) -> int:
    from bot.core.db import create_db_engine, create_session_factory
    from bot.core.workspaces import erase_person

    engine = create_db_engine(settings.database_url)
    try:
        with create_session_factory(engine).begin() as session:
            report = erase_person(session=session, team_id=team_id, user_id=user_id)
    finally:
        engine.dispose()
    if report.rows == 0:
        print(
            f"Nothing is stored about {user_id} in workspace {team_id}; check both ids "
            "(a team id looks like T0123ABCD, a user id like U0123ABCD).",
            file=sys.stderr,
        )
        return 1
    print(
        f"Erased {report.rows} rows about {user_id} in workspace {team_id}: profile and settings, tips, "
        "asks, standup answers and places, pending DMs. Decision records stay (they are the team's log)."
    )
    return 0


def _db(settings: Settings, action: str) -> int:
    from bot.core.db import create_db_engine
    from bot.core.migrate import current_revision, head_revision, upgrade_to_head

    engine = create_db_engine(settings.database_url)
    try:
        if action == "upgrade":
            upgrade_to_head(engine)
            print(f"Database {_safe_url(settings.database_url)} is at revision {head_revision()}.")
        else:
            print(current_revision(engine) or "empty (run `norms db upgrade`)")
    finally:
        engine.dispose()
    return 0


def _secrets(settings: Settings) -> list[str]:
    values = (
        settings.slack_bot_token,
        settings.slack_signing_secret,
        settings.slack_app_token,
        settings.slack_client_secret,
        settings.token_encryption_key,
    )
    return [secret.get_secret_value() for secret in values if secret is not None]


def _safe_url(database_url: str) -> str:
    try:
        return make_url(database_url).render_as_string(hide_password=True)
    except Exception:
        return "DATABASE_URL"
