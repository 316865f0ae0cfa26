"""Forms: a pydantic ValidationError turned into `response_action: errors`, one way for every modal."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from pydantic import ValidationError

from bot.core.errors import FieldProblem, FormErrors

# Slack shows an error under a field in one short line; longer ones are cut.
ERROR_MESSAGE_LIMIT = 150

Location = tuple[str, ...]


def form_errors(
    error: ValidationError,
    *,
    block_for: Callable[[Location], str],
    message_for: Callable[[str, dict[str, Any]], str | None] = lambda _block, _problem: None,
) -> FormErrors:
    """The errors of a form model, by block id: the first problem of each block wins.

    A validator names its block by raising `FieldProblem`; any other problem is placed by its
    location (`block_for`), and `message_for(block, problem)` may word it for people (None keeps
    pydantic's message).
    """
    by_block: dict[str, str] = {}
    for problem in error.errors():
        raised = (problem.get("ctx") or {}).get("error")
        if isinstance(raised, FieldProblem):
            block, message = raised.block, raised.message
        else:
            block = block_for(tuple(str(part) for part in problem.get("loc") or ()))
            message = message_for(block, dict(problem)) or str(problem.get("msg", "")).removeprefix(
                "Value error, "
            )
        by_block.setdefault(block, message[:ERROR_MESSAGE_LIMIT])
    return FormErrors(by_block)
