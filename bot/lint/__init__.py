"""The message linter: pure Python, no Slack and no database. See rules.lint for the entry point.

Its modules load from the native build (`bot.lint.native`, ADR-0014) when one made from these very
sources exists, and from the Python files otherwise; the results are the same.
"""

from bot.lint import native

_NATIVE_MODULES = native.usable_build()
if _NATIVE_MODULES is not None:
    __path__.insert(0, str(_NATIVE_MODULES))  # the compiled modules come first; this file stays Python

from bot.lint.acts import Act, Addressee
from bot.lint.config import DEFAULT_CONFIG, LintConfig, Rule, Severity
from bot.lint.deadlines import DEFAULT_WORKING_HOURS, WorkingHours, extract_deadline
from bot.lint.intent import Urgency
from bot.lint.rules import Finding, LintResult, format_deadline, is_request, lint, suggested_deadline, urgency


def clear_caches() -> None:
    """Forget memoised per-text work (for benchmarks that must not measure cache hits)."""
    from bot.lint import acts, gates, intent, text
    from bot.lint.deadlines import scanner

    memoised = (
        text.prepare,
        gates.word_set,
        intent.sentences,
        intent._cut_vocative,
        intent.is_bare_greeting,
        intent.strongest_ask,
        intent.ask_kind,
        intent.is_fyi,
        intent._urgency_markers,
        intent.states_impact,
        acts.read_message,
        acts.ask_evidence,
        acts.message_act,
        acts.addressee,
        acts.sentences_of,
        acts._ask_of,
        scanner.may_name_date_or_time,
    )
    for cached in memoised:
        cached.cache_clear()


__all__ = [
    "DEFAULT_CONFIG",
    "DEFAULT_WORKING_HOURS",
    "Act",
    "Addressee",
    "Finding",
    "LintConfig",
    "LintResult",
    "Rule",
    "Severity",
    "Urgency",
    "WorkingHours",
    "clear_caches",
    "extract_deadline",
    "format_deadline",
    "is_request",
    "lint",
    "suggested_deadline",
    "urgency",
]
