"""Logging configuration. Secrets are redacted from every record, whatever its level."""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable
from datetime import UTC, datetime

# Slack tokens (bot, user, app-level, refresh, config) look like this.
_SLACK_TOKEN = re.compile(r"\b(?:xox[abpcer]|xoxe\.xox[bp]|xapp)-[A-Za-z0-9-]+")
REDACTED = "[redacted]"


class RedactingFormatter(logging.Formatter):
    """Formats a record, then blanks out Slack tokens and the configured secrets."""

    def __init__(self, fmt: str, secrets: Iterable[str] = ()) -> None:
        super().__init__(fmt)
        self._secrets = sorted({secret for secret in secrets if len(secret) >= 8}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        return self._redact(super().format(record))

    def _redact(self, text: str) -> str:
        text = _SLACK_TOKEN.sub(REDACTED, text)
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text


class JsonLinesFormatter(RedactingFormatter):
    """One JSON object per record (time, level, logger, message, and the traceback if any), redacted
    like the text format."""

    def __init__(self, secrets: Iterable[str] = ()) -> None:
        super().__init__("%(message)s", secrets)

    def format(self, record: logging.LogRecord) -> str:
        entry = {
            "time": datetime.fromtimestamp(record.created, UTC).isoformat(timespec="milliseconds"),
            "level": record.levelname,
            "logger": record.name,
            "message": record.getMessage(),
        }
        if record.exc_info:
            entry["exception"] = self.formatException(record.exc_info)
        return self._redact(json.dumps(entry, ensure_ascii=False))


def configure_logging(level: str, *, secrets: Iterable[str] = (), json_lines: bool = False) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(
        JsonLinesFormatter(secrets)
        if json_lines
        else RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets)
    )
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Third-party chatter stays at WARNING unless we are debugging.
    quiet = logging.WARNING if level != "DEBUG" else logging.DEBUG
    for name in ("waitress", "apscheduler", "alembic", "slack_sdk", "slack_bolt"):
        logging.getLogger(name).setLevel(max(quiet, logging.getLogger().level))
