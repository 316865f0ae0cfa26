"""The one error path: what a person did wrong, or may not do, is an exception, not a return value.

One Bolt error handler (bot/slack/app.py) answers both kindly: a `Refusal` privately with its text,
`FormErrors` under the form's fields (`response_action: errors`). Anything else is a bug: logged,
and the person is told that something went wrong.
"""

from __future__ import annotations

from collections.abc import Mapping


class Refusal(Exception):
    """The bot will not do what was asked; `text` tells the person why (and what to do instead)."""

    def __init__(self, text: str) -> None:
        super().__init__(text)
        self.text = text


class FormErrors(Exception):
    """A submitted form is not valid: one message per block id, shown under those fields."""

    def __init__(self, by_block: Mapping[str, str]) -> None:
        super().__init__(
            f"form errors in {', '.join(sorted(by_block))}"
        )  # ids only: messages may quote input
        self.by_block = dict(by_block)


class FieldProblem(ValueError):
    """Raised by a form model's validator: `message` belongs under the field whose block id is `block`."""

    def __init__(self, block: str, message: str) -> None:
        super().__init__(message)
        self.block = block
        self.message = message
