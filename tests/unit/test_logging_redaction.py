from __future__ import annotations

import logging

from bot.core.logging_setup import REDACTED, RedactingFormatter


def format_message(message: str, *args: object, secrets: tuple[str, ...] = ()) -> str:
    record = logging.LogRecord("test", logging.DEBUG, __file__, 1, message, args, None)
    return RedactingFormatter("%(message)s", secrets).format(record)


def test_slack_tokens_of_every_kind_are_redacted() -> None:
    for token in ("xoxb-1-2-abc", "xoxp-9-8-def", "xapp-1-A1-xyz", "xoxe.xoxb-1-abc", "xoxe-1-refresh"):
        text = format_message("calling with %s now", token)
        assert token not in text
        assert REDACTED in text


def test_configured_secrets_are_redacted_anywhere_in_the_line() -> None:
    secret = "8f742231b10e8888abcd"
    text = format_message("signature computed with %s", secret, secrets=(secret,))
    assert secret not in text


def test_ordinary_text_is_left_alone() -> None:
    assert format_message("published home for %s", "U123") == "published home for U123"
