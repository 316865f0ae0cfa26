"""Logging configuration. Secrets are redacted from every record, whatever its level."""

from __future__ import annotations

import logging
import re
from collections.abc import Iterable

# Slack tokens (bot, user, app-level, refresh, config) look like this.
_SLACK_TOKEN = re.compile(r"\b(?:xox[abpcer]|xoxe\.xox[bp]|xapp)-[A-Za-z0-9-]+")
REDACTED = "[redacted]"


class RedactingFormatter(logging.Formatter):
    """Formats a record, then blanks out Slack tokens and the configured secrets."""

    def __init__(self, fmt: str, secrets: Iterable[str] = ()) -> None:
        super().__init__(fmt)
        self._secrets = sorted({secret for secret in secrets if len(secret) >= 8}, key=len, reverse=True)

    def format(self, record: logging.LogRecord) -> str:
        text = _SLACK_TOKEN.sub(REDACTED, super().format(record))
        for secret in self._secrets:
            text = text.replace(secret, REDACTED)
        return text


def configure_logging(level: str, *, secrets: Iterable[str] = ()) -> None:
    handler = logging.StreamHandler()
    handler.setFormatter(RedactingFormatter("%(asctime)s %(levelname)s %(name)s: %(message)s", secrets))
    root = logging.getLogger()
    root.handlers[:] = [handler]
    root.setLevel(level)
    # Third-party chatter stays at WARNING unless we are debugging.
    quiet = logging.WARNING if level != "DEBUG" else logging.DEBUG
    for name in ("waitress", "apscheduler", "alembic", "slack_sdk", "slack_bolt"):
        logging.getLogger(name).setLevel(max(quiet, logging.getLogger().level))
