"""The linter's configuration: a plain, immutable object the Slack side builds per workspace and channel."""

from __future__ import annotations

from dataclasses import dataclass, field, replace
from datetime import date
from enum import StrEnum

from bot.lint.deadlines import DEFAULT_WORKING_HOURS, WorkingHours


class Rule(StrEnum):
    BARE_GREETING = "bare-greeting"
    MISSING_CONTEXT = "missing-context"
    MISSING_DEADLINE = "missing-deadline"
    MISSING_REQUEST = "missing-request"
    FALSE_URGENCY = "false-urgency"
    BROADCAST_MENTION = "broadcast-mention"
    WALL_OF_TEXT = "wall-of-text"


class Severity(StrEnum):
    NUDGE = "nudge"  # worth a private nudge to the author
    NOTE = "note"  # recorded for metrics, never sent


@dataclass(frozen=True)
class LintConfig:
    """Rules on or off, their severities and thresholds, working hours, and the numeric-date locale."""

    disabled_rules: frozenset[Rule] = frozenset()
    severity_overrides: tuple[tuple[Rule, Severity], ...] = ()
    wall_of_text_words: int = 120
    broadcast_channel_size: int = 25  # broadcasts are fine in channels up to this many members
    long_message_words: int = 80  # a proposal or report this long should say what it needs
    working_hours: WorkingHours = field(default_factory=lambda: DEFAULT_WORKING_HOURS)
    day_first: bool = False  # numeric dates: 3/13 (US, default) or 13/3
    holidays: frozenset[date] = frozenset()  # never suggested as a by-when
    # Findings at or above this confidence are sent as nudges; the rest are only observed. Calibrated
    # on the Gitter labels (docs/linter.md, "Measured quality").
    nudge_threshold: float = 0.7

    def enabled(self, rule: Rule) -> bool:
        return rule not in self.disabled_rules

    def severity(self, rule: Rule) -> Severity:
        for overridden, severity in self.severity_overrides:
            if overridden == rule:
                return severity
        return Severity.NUDGE

    def without(self, *rules: Rule) -> LintConfig:
        return replace(self, disabled_rules=self.disabled_rules | frozenset(rules))


DEFAULT_CONFIG = LintConfig()
