"""Flag precision and recall of the linter's rules on labelled messages, as nudges would be sent.

A flag is one rule on one message. "Nudged" flags are findings at or above the confidence threshold
(what a person would receive); "all" flags include the ones only observed. Rules a labeller marked
`unsure` on a message count neither way. Used by tests/unit/test_lint_quality.py and by
`python -m tests.support.nudge_quality_report`.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

from bot.lint import DEFAULT_CONFIG, Finding, lint
from tests.support.lint_corpora import DATA_DIR, EVAL_DIR, gitter_room_lines, read_jsonl

GITTER_LABELS = EVAL_DIR / "gitter" / "labels.jsonl"
# Gitter messages outside labels.jsonl, labelled blind by us (room and line only: the text is
# read from ../shared/eval, where it stays).
GITTER_BLIND_LABELS = DATA_DIR / "blind_gitter_unlabelled_batch.jsonl"
BLIND_BATCHES = (
    DATA_DIR / "blind_workplace_batch.jsonl",
    DATA_DIR / "blind_community_batch.jsonl",
    DATA_DIR / "blind_operations_batch.jsonl",
    DATA_DIR / "blind_agency_batch.jsonl",
    DATA_DIR / "blind_lab_batch.jsonl",
    DATA_DIR / "blind_user_community_batch.jsonl",
    DATA_DIR / "blind_casual_startup_batch.jsonl",
    DATA_DIR / "blind_formal_batch.jsonl",
    DATA_DIR / "blind_international_batch.jsonl",
    DATA_DIR / "blind_esl_second_batch.jsonl",
    DATA_DIR / "blind_sales_batch.jsonl",
    DATA_DIR / "blind_oncall_batch.jsonl",
    DATA_DIR / "blind_esl_third_batch.jsonl",
    DATA_DIR / "blind_people_teams_batch.jsonl",
    DATA_DIR / "blind_product_engineering_batch.jsonl",
    DATA_DIR / "blind_esl_fourth_batch.jsonl",
    DATA_DIR / "blind_ordinary_conversation_batch.jsonl",
    DATA_DIR / "blind_managers_batch.jsonl",
    DATA_DIR / "blind_frontline_batch.jsonl",
    DATA_DIR / "blind_thread_replies_batch.jsonl",
    DATA_DIR / "blind_openers_batch.jsonl",
    DATA_DIR / "blind_esl_fifth_batch.jsonl",
    DATA_DIR / "blind_it_helpdesk_batch.jsonl",
    DATA_DIR / "blind_long_messages_batch.jsonl",
    DATA_DIR / "blind_marketing_batch.jsonl",
    DATA_DIR / "blind_final_mixed_batch.jsonl",  # left unmended: see docs/linter.md
    DATA_DIR / "blind_new_writers_batch.jsonl",
    DATA_DIR / "blind_remote_async_batch.jsonl",
    DATA_DIR / "blind_esl_sixth_batch.jsonl",
    DATA_DIR / "blind_everyday_batch.jsonl",
    DATA_DIR / "blind_shared_channels_batch.jsonl",
    DATA_DIR / "blind_esl_seventh_batch.jsonl",
    DATA_DIR / "blind_community_slack_batch.jsonl",
    DATA_DIR / "blind_esl_eighth_batch.jsonl",
)
# Gitter rows carry no time: a Wednesday afternoon, in UTC.
GITTER_NOW = datetime(2026, 3, 11, 15, 0, tzinfo=UTC)


@dataclass(frozen=True)
class LabelledMessage:
    text: str
    now: datetime
    tz: ZoneInfo
    flags: frozenset[str]
    unsure: frozenset[str] = frozenset()
    channel_size: int | None = None


@dataclass
class FlagScore:
    right: int = 0
    wrong: int = 0
    missed: int = 0
    by_rule: dict[str, list[int]] = field(default_factory=lambda: defaultdict(lambda: [0, 0, 0]))
    messages: int = 0
    messages_wrongly_flagged: int = 0  # messages with at least one wrong flag

    @property
    def false_flag_share(self) -> float:
        """The share of messages that get a flag a careful reader disagrees with."""
        return self.messages_wrongly_flagged / self.messages if self.messages else 0.0

    @property
    def precision(self) -> float:
        return self.right / (self.right + self.wrong) if self.right + self.wrong else 1.0

    @property
    def recall(self) -> float:
        return self.right / (self.right + self.missed) if self.right + self.missed else 1.0

    def rule_precision(self, rule: str) -> float:
        right, wrong, _ = self.by_rule[rule]
        return right / (right + wrong) if right + wrong else 1.0

    def rule_recall(self, rule: str) -> float:
        right, _, missed = self.by_rule[rule]
        return right / (right + missed) if right + missed else 1.0


def gitter_messages() -> list[LabelledMessage]:
    """The 519 labelled Gitter messages (empty when ../shared/eval is absent)."""
    if not GITTER_LABELS.exists():
        return []
    return [
        LabelledMessage(
            str(row["text"]), GITTER_NOW, ZoneInfo("UTC"), frozenset(row["flag"]), frozenset(row["unsure"])
        )
        for row in read_jsonl(GITTER_LABELS)
    ]


def gitter_blind_messages() -> list[LabelledMessage]:
    """Our blind labels for Gitter messages outside labels.jsonl (empty when ../shared/eval is absent)."""
    lines = gitter_room_lines()
    if not lines:
        return []
    return [
        LabelledMessage(
            lines[(str(row["room"]), int(row["line"]))],
            GITTER_NOW,
            ZoneInfo("UTC"),
            frozenset(row["flag"]),
            frozenset(row["unsure"]),
        )
        for row in read_jsonl(GITTER_BLIND_LABELS)
    ]


def slack_messages(paths: Iterable[Path]) -> list[LabelledMessage]:
    """Rows of the project's labelled Slack files (text, tz, now, rules[, channel_size])."""
    return [_slack_row(row) for path in paths for row in read_jsonl(path)]


def _slack_row(row: dict[str, Any]) -> LabelledMessage:
    return LabelledMessage(
        str(row["text"]),
        datetime.fromisoformat(str(row["now"])),
        ZoneInfo(str(row["tz"])),
        frozenset(row["rules"]),
        frozenset(row.get("unsure", ())),
        channel_size=row.get("channel_size"),
    )


def findings_of(message: LabelledMessage) -> tuple[Finding, ...]:
    return lint(message.text, now=message.now, tz=message.tz, channel_size=message.channel_size).findings


def score(
    messages: Sequence[LabelledMessage], *, threshold: float | None = DEFAULT_CONFIG.nudge_threshold
) -> FlagScore:
    """Flags at or above `threshold` (None: every finding) against the labels."""
    result = FlagScore()
    for message in messages:
        found = {
            finding.rule.value
            for finding in findings_of(message)
            if threshold is None or finding.confidence >= threshold
        }
        result.messages += 1
        result.messages_wrongly_flagged += bool(found - message.flags - message.unsure)
        for rule in (found | message.flags) - message.unsure:
            kind = 0 if rule in found and rule in message.flags else 1 if rule in found else 2
            result.by_rule[rule][kind] += 1
            if kind == 0:
                result.right += 1
            elif kind == 1:
                result.wrong += 1
            else:
                result.missed += 1
    return result


def precision_recall_curve(
    messages: Sequence[LabelledMessage], thresholds: Sequence[float]
) -> list[tuple[float, FlagScore]]:
    return [(threshold, score(messages, threshold=threshold)) for threshold in thresholds]
