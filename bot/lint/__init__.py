"""The message linter: pure Python, no Slack and no database. See rules.lint for the entry point."""

from bot.lint.config import DEFAULT_CONFIG, LintConfig, Rule, Severity
from bot.lint.deadlines import DEFAULT_WORKING_HOURS, WorkingHours, extract_deadline
from bot.lint.intent import Urgency
from bot.lint.rules import Finding, LintResult, format_deadline, is_request, lint, suggested_deadline, urgency

__all__ = [
    "DEFAULT_CONFIG",
    "DEFAULT_WORKING_HOURS",
    "Finding",
    "LintConfig",
    "LintResult",
    "Rule",
    "Severity",
    "Urgency",
    "WorkingHours",
    "extract_deadline",
    "format_deadline",
    "is_request",
    "lint",
    "suggested_deadline",
    "urgency",
]
