"""Readers and scorers for the public evaluation data in ../shared/eval (see its README).

Used by the quality tests and by benchmarks/lint_speed.py. Each reader returns [] when the data
is absent, and callers skip with a clear message.
"""

from __future__ import annotations

import hashlib
import json
import random
import re
from dataclasses import dataclass
from datetime import UTC, date, datetime, time, timedelta, tzinfo
from pathlib import Path
from typing import Any

from bot.lint.deadlines import extract_deadline
from bot.lint.request_model import Scorer, train_cross_validated

EVAL_DIR = Path(__file__).resolve().parents[2].parent / "shared" / "eval"
DATA_DIR = Path(__file__).resolve().parents[1] / "data"
LABELLED = DATA_DIR / "lint_labelled.jsonl"
CHAT_TRAINING = DATA_DIR / "request_chat_training.jsonl"
GITTER_REQUEST_LABELS = DATA_DIR / "gitter_request_labels.jsonl"


def read_jsonl(path: Path) -> list[dict[str, Any]]:
    """The objects of a JSON-lines file, one per non-blank line."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def labelled_rows() -> list[dict[str, Any]]:
    """Our labelled Slack messages (tests/data/lint_labelled.jsonl): text, tz, now, rules, urgency,
    and where given deadline, channel_size and request."""
    return read_jsonl(LABELLED)


@dataclass(frozen=True)
class DeadlineCase:
    phrase: str
    now: datetime
    tz: tzinfo
    expected_day: date
    expected_time: time | None  # None: the corpus gives a day only, so only the date is compared
    source: str


def _eval_rows(path: Path) -> list[dict[str, Any]]:
    """The rows of an evaluation corpus's JSON-lines file; [] when the corpus is absent."""
    return read_jsonl(path) if path.exists() else []


def duckling_deadline_cases() -> list[DeadlineCase]:
    """Duckling phrases that name a future moment (or a "by ..." interval from now), holidays excluded."""
    cases = []
    for row in _eval_rows(EVAL_DIR / "duckling" / "duckling_en_time.jsonl"):
        expected = row.get("expected")
        if not isinstance(expected, dict) or row.get("section") == "negativeCorpus":
            continue
        reference = datetime.fromisoformat(str(row["ref"]))
        tz = reference.tzinfo or UTC
        naive_ref = reference.replace(tzinfo=None)
        kind, grain = expected.get("kind"), expected.get("grain")
        if kind == "datetime" and grain in ("Day", "Hour", "Minute", "Second"):
            value = datetime.fromisoformat(str(expected["value"]))
        elif (
            kind == "datetimeInterval"
            and expected.get("start") == naive_ref.isoformat()
            and expected.get("end")
        ):
            value = datetime.fromisoformat(str(expected["end"]))
            if value.time() == time(0):
                value -= timedelta(days=1)
                grain = "Day"
        else:
            continue
        if value.date() < naive_ref.date() or (grain != "Day" and value < naive_ref):
            continue
        expected_time = None if grain == "Day" else value.time().replace(second=0)
        cases.append(DeadlineCase(str(row["input"]), reference, tz, value.date(), expected_time, "duckling"))
    return cases


def ctparse_deadline_cases() -> list[DeadlineCase]:
    """ctparse's single-moment phrases (travel requests) in the future of their reference time."""
    cases = []
    for row in _eval_rows(EVAL_DIR / "ctparse" / "ctparse_en.jsonl"):
        expected = row.get("expected")
        if not isinstance(expected, dict) or expected.get("kind") != "time":
            continue
        value = expected["value"]
        assert isinstance(value, dict)
        if not value.get("date"):
            continue
        reference = datetime.fromisoformat(str(row["ref"])).replace(tzinfo=UTC)
        expected_day = date.fromisoformat(str(value["date"]))
        if expected_day < reference.date():
            continue
        expected_time = None
        if value.get("hour") is not None:
            expected_time = time(int(str(value["hour"])), int(str(value.get("minute") or 0)))
        cases.append(DeadlineCase(str(row["input"]), reference, UTC, expected_day, expected_time, "ctparse"))
    return cases


@dataclass(frozen=True)
class DeadlineScore:
    correct: int
    total: int
    misses: list[tuple[str, str, str]]

    @property
    def accuracy(self) -> float:
        return self.correct / self.total if self.total else 0.0


def score_deadlines(cases: list[DeadlineCase], *, day_first: bool) -> DeadlineScore:
    correct = 0
    misses: list[tuple[str, str, str]] = []
    for case in cases:
        found = extract_deadline(case.phrase, now=case.now, tz=case.tz, day_first=day_first)
        local = found.astimezone(case.tz) if found is not None else None
        ok = local is not None and local.date() == case.expected_day
        if ok and case.expected_time is not None:
            ok = local is not None and local.time().replace(second=0, microsecond=0) == case.expected_time
        if ok:
            correct += 1
        else:
            expected = f"{case.expected_day} {case.expected_time or ''}".strip()
            misses.append((case.phrase, expected, local.isoformat() if local else "None"))
    return DeadlineScore(correct, len(cases), misses)


# -- request detection (Enron intent) -----------------------------------------------------------------


def enron_sentences() -> list[tuple[str, bool]]:
    rows: list[tuple[str, bool]] = []
    for name, label in (("intent_pos", True), ("intent_neg", False)):
        path = EVAL_DIR / "enron_intent" / name
        if path.exists():
            rows.extend(
                (line.strip(), label)
                for line in path.read_text(encoding="utf-8").splitlines()
                if line.strip()
            )
    return rows


def chat_training_rows() -> list[tuple[str, bool]]:
    """Our own Slack-style messages labelled request or not (tests/data/request_chat_training.jsonl),
    trained on beside the Enron sentences so that chat phrasing is read as chat. Separate from the
    labelled set the quality tests score `is_request` on."""
    return [(str(row["text"]), bool(row["request"])) for row in read_jsonl(CHAT_TRAINING)]


def split_half(rows: list[tuple[str, bool]], *, development: bool) -> list[tuple[str, bool]]:
    """A fixed split by hash: rules are tuned on the development half, scored on the other."""
    return [row for row in rows if (hashlib.sha256(row[0].encode()).digest()[0] % 2 == 0) == development]


@dataclass(frozen=True)
class BinaryScore:
    precision: float
    recall: float

    @property
    def f1(self) -> float:
        total = self.precision + self.recall
        return 2 * self.precision * self.recall / total if total else 0.0


def binary_score(predictions: list[tuple[bool, bool]]) -> BinaryScore:
    """Precision and recall of (predicted, actual) pairs."""
    true_positive = sum(1 for predicted, actual in predictions if predicted and actual)
    predicted_positive = sum(1 for predicted, _ in predictions if predicted)
    actual_positive = sum(1 for _, actual in predictions if actual)
    return BinaryScore(
        true_positive / predicted_positive if predicted_positive else 1.0,
        true_positive / actual_positive if actual_positive else 1.0,
    )


def fit_and_judge(
    training: list[tuple[str, bool]], unseen: list[tuple[str, bool]]
) -> list[tuple[bool, bool]]:
    """(predicted, label) for each unseen row, by a request scorer fitted to `training` and the chat
    rows, as the shipped one is fitted (`train_cross_validated`)."""
    fitted = train_cross_validated(training, folds=4, always_train=chat_training_rows())
    scorer = Scorer(fitted.weights, fitted.bias)
    return [(scorer.probability(text) >= fitted.threshold, label) for text, label in unseen]


def judge_the_other_half(
    rows: list[tuple[str, bool]], *, train_on_development: bool
) -> list[tuple[bool, bool]]:
    """(predicted, label) for each sentence of one fixed half, by the request scorer fitted to the
    other half (shuffled, so folds mix)."""
    training = split_half(rows, development=train_on_development)
    random.Random(1).shuffle(training)
    return fit_and_judge(training, split_half(rows, development=not train_on_development))


def score_on_the_other_half(rows: list[tuple[str, bool]], *, train_on_development: bool) -> BinaryScore:
    """The request scorer fitted to one fixed half and scored on the other."""
    return binary_score(judge_the_other_half(rows, train_on_development=train_on_development))


# -- ordinary chat (Gitter) ------------------------------------------------------------------------

_GITTER_LINE = re.compile(r"^(?:\d+\s+)?\[[^\]]+\]\s+<[^>]+>\s?(?P<text>.*)$")


def labelled_gitter_requests() -> list[tuple[str, bool]]:
    """Gitter messages labelled request or not (tests/data/gitter_request_labels.jsonl): 141 of a
    random sample of 150, labelled without the scorer's answers in view (9 left out as unclear). The
    file names each message by the first 16 hex digits of its text's SHA-256, so it holds no copy of
    the corpus; [] when the corpus is absent."""
    by_digest = {hashlib.sha256(text.encode()).hexdigest()[:16]: text for text in gitter_messages()}
    if not by_digest:
        return []
    return [
        (by_digest[str(row["sha256"])], bool(row["request"])) for row in read_jsonl(GITTER_REQUEST_LABELS)
    ]


def gitter_messages() -> list[str]:
    return list(gitter_room_lines().values())


def gitter_room_lines() -> dict[tuple[str, int], str]:
    """The Gitter messages by room ("angular" for manual_angular.txt) and line number (from 1), as
    labels.jsonl numbers them; empty when ../shared/eval is absent."""
    messages = {}
    for path in sorted((EVAL_DIR / "gitter").glob("manual_*.txt")):
        room = path.stem.removeprefix("manual_")
        for number, line in enumerate(
            path.read_text(encoding="utf-8", errors="replace").splitlines(), start=1
        ):
            match = _GITTER_LINE.match(line)
            if match and match.group("text").strip():
                messages[(room, number)] = match.group("text").strip()
    return messages
