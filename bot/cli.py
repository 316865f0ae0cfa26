"""The `norms` command line: serve the bot and manage its database."""

from __future__ import annotations

import argparse
import sys
from collections.abc import Sequence

from slack_bolt.error import BoltError
from sqlalchemy.engine import make_url
from sqlalchemy.exc import SQLAlchemyError

from bot.settings import ConfigError, Settings, load_settings

EXIT_CONFIG = 2
EXIT_UNAVAILABLE = 3


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="norms", description="Async Norms: a Slack bot for async teams.")
    commands = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    commands.add_parser("serve", help="start the bot (Socket Mode when SLACK_APP_TOKEN is set, else HTTP)")
    db = commands.add_parser("db", help="database schema")
    db_commands = db.add_subparsers(dest="db_command", required=True, metavar="ACTION")
    db_commands.add_parser("upgrade", help="apply all migrations")
    db_commands.add_parser("current", help="print the schema revision of the database")
    lint = commands.add_parser("lint", help="lint a message, or JSON lines from standard input with --json")
    lint.add_argument("text", nargs="?", help="the message, as Slack mrkdwn")
    lint.add_argument("--tz", default="UTC", help="the author's IANA time zone (default UTC)")
    lint.add_argument("--now", help="the time the message was sent, ISO-8601 (default: now)")
    lint.add_argument(
        "--json", action="store_true", help="read JSON lines from stdin, write one JSON line for each"
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if args.command == "lint":
        from bot.lint_cli import main as lint_main

        return lint_main(args.text, tz_name=args.tz, now=args.now, json_mode=args.json)
    try:
        settings = load_settings()
        if args.command == "serve":
            return _serve(settings)
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


def _serve(settings: Settings) -> int:
    from bot.logging_setup import configure_logging
    from bot.server import serve

    secrets = [
        secret.get_secret_value()
        for secret in (
            settings.slack_bot_token,
            settings.slack_signing_secret,
            settings.slack_app_token,
            settings.slack_client_secret,
        )
        if secret is not None
    ]
    settings.slack_mode()  # configuration errors first, before any logging or connection
    configure_logging(settings.log_level, secrets=secrets)
    try:
        serve(settings)
    except BoltError as error:
        print(
            f"Async Norms cannot start: Slack rejected the app's credentials ({error}). "
            "Check SLACK_BOT_TOKEN (and SLACK_API_URL if you set it), then start again.",
            file=sys.stderr,
        )
        return EXIT_CONFIG
    return 0


def _db(settings: Settings, action: str) -> int:
    from bot.db import create_db_engine
    from bot.migrate import current_revision, head_revision, upgrade_to_head

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


def _safe_url(database_url: str) -> str:
    try:
        return make_url(database_url).render_as_string(hide_password=True)
    except Exception:
        return "DATABASE_URL"


if __name__ == "__main__":
    raise SystemExit(main())
