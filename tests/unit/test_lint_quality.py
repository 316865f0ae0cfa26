"""Quality of the linter, measured: our labelled set, and the public corpora in ../shared/eval.

Each test prints what it measured (shown in the test output), and fails below its floor. The
floors guard against regressions; the numbers themselves are reported in docs/linter.md.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any
from zoneinfo import ZoneInfo

import pytest

from bot.lint import LintResult, Rule, Severity, Urgency, is_request, lint, request_model
from bot.lint.text import prepare
from tests.support import nudge_quality
from tests.support.lint_corpora import (
    EVAL_DIR,
    LABELLED,
    binary_score,
    chat_training_rows,
    ctparse_deadline_cases,
    duckling_deadline_cases,
    enron_sentences,
    gitter_messages,
    judge_the_other_half,
    labelled_gitter_requests,
    labelled_rows,
    score_deadlines,
)

NOW = datetime(2026, 3, 11, 15, 0, tzinfo=UTC)


def report(capsys: pytest.CaptureFixture[str], text: str) -> None:
    with capsys.disabled():
        print(f"\n{text}")


def require(rows: Sequence[object], corpus: str) -> None:
    if not rows:
        pytest.skip(
            f"{EVAL_DIR / corpus} is not present; the shared evaluation data is needed for this measurement"
        )


def lint_row(row: dict[str, Any]) -> LintResult:
    """A labelled row linted as its author wrote it: at its `now`, in its zone, in its channel."""
    return lint(
        str(row["text"]),
        now=datetime.fromisoformat(str(row["now"])),
        tz=ZoneInfo(str(row["tz"])),
        channel_size=row.get("channel_size"),
    )


def test_the_labelled_set_is_large_and_covers_every_rule_both_ways() -> None:
    rows = labelled_rows()
    assert len(rows) >= 150
    flagged = Counter(rule for row in rows for rule in row["rules"])
    for rule in Rule:
        assert flagged[rule.value] >= 2, rule
        assert sum(1 for row in rows if rule.value not in row["rules"]) >= 2
    assert len({row["tz"] for row in rows}) >= 5


def test_every_rule_reaches_090_precision_and_recall_on_the_labelled_set(
    capsys: pytest.CaptureFixture[str],
) -> None:
    results = [(set(lint_row(row).rules), set(row["rules"])) for row in labelled_rows()]
    lines = ["rule                 precision  recall  (labelled set)"]
    failures = []
    for rule in Rule:
        score = binary_score([(rule.value in found, rule.value in expected) for found, expected in results])
        lines.append(f"{rule.value:20} {score.precision:9.2f} {score.recall:7.2f}")
        if score.precision < 0.9 or score.recall < 0.9:
            failures.append(rule.value)
    report(capsys, "\n".join(lines))
    assert not failures, f"below 0.9: {failures}"


def test_urgency_reaches_090_precision_and_recall_per_level_on_the_labelled_set(
    capsys: pytest.CaptureFixture[str],
) -> None:
    rows = labelled_rows()
    pairs = [(lint_row(row).urgency.value, str(row["urgency"])) for row in rows]
    lines = ["urgency   precision  recall  labelled"]
    failures = []
    for level in Urgency:
        labelled = sum(1 for _, want in pairs if want == level.value)
        assert labelled >= 10, f"too few {level.value} rows"
        score = binary_score([(got == level.value, want == level.value) for got, want in pairs])
        lines.append(f"{level.value:9} {score.precision:9.2f} {score.recall:7.2f} {labelled:9d}")
        if score.precision < 0.9 or score.recall < 0.9:
            failures.append(level.value)
    report(capsys, "\n".join(lines))
    assert not failures, f"below 0.9: {failures}"


def test_deadlines_in_the_labelled_set_resolve_to_the_minute() -> None:
    wrong = []
    rows = [row for row in labelled_rows() if "deadline" in row]
    assert len(rows) >= 40
    for row in rows:
        result = lint_row(row)
        expected = datetime.fromisoformat(str(row["deadline"])) if row["deadline"] else None
        if result.deadline != expected:
            wrong.append((row["text"], expected, result.deadline))
    assert not wrong


def test_deadline_resolution_on_duckling_and_ctparse(capsys: pytest.CaptureFixture[str]) -> None:
    duckling, ctparse = duckling_deadline_cases(), ctparse_deadline_cases()
    require(list(duckling), "duckling")
    require(list(ctparse), "ctparse")
    duckling_score = score_deadlines(duckling, day_first=False)
    ctparse_score = score_deadlines(ctparse, day_first=True)  # the ctparse corpus writes dates day first
    report(
        capsys,
        f"deadline accuracy: Duckling {duckling_score.accuracy:.3f} ({duckling_score.correct}/{duckling_score.total}), "
        f"ctparse {ctparse_score.accuracy:.3f} ({ctparse_score.correct}/{ctparse_score.total})",
    )
    assert duckling_score.accuracy >= 0.74
    assert ctparse_score.accuracy >= 0.83


def test_request_detection_on_the_enron_half_it_was_not_trained_on(
    capsys: pytest.CaptureFixture[str],
) -> None:
    """Each fixed half scored by a scorer fitted to the other. One half alone moves by about 0.01
    with the threshold its inner cross-validation picks, so the floor is on both halves' predictions
    together."""
    rows = enron_sentences()
    require(list(rows), "enron_intent")
    held_out = judge_the_other_half(rows, train_on_development=True)
    development = judge_the_other_half(rows, train_on_development=False)
    for name, judged in (("held-out half", held_out), ("development half", development)):
        score = binary_score(judged)
        report(
            capsys,
            f"is_request on the Enron {name} ({len(judged)} sentences, trained on the other): precision "
            f"{score.precision:.3f}, recall {score.recall:.3f}, F1 {score.f1:.3f} (target 0.80)",
        )
    both = binary_score(held_out + development)
    report(capsys, f"is_request on both Enron halves together: F1 {both.f1:.3f}")
    assert both.f1 >= 0.78


def test_request_detection_on_the_labelled_slack_messages(capsys: pytest.CaptureFixture[str]) -> None:
    """`is_request` on Slack messages the scorer never trained on: the labelled set's rows carrying a
    "request" label (greetings that ask whether someone is around, and event announcements, which
    the Enron definition counts and chat readers may not, are left unlabelled). The chat messages
    the scorer trains on are a separate file, checked here not to share a message with this set."""
    rows = [row for row in labelled_rows() if "request" in row]
    training = {prepare(text).lintable.strip().lower() for text, _ in chat_training_rows()}
    assert not [row["text"] for row in rows if prepare(str(row["text"])).lintable.strip().lower() in training]
    score = binary_score([(is_request(str(row["text"])), bool(row["request"])) for row in rows])
    asks = binary_score([(lint_row(row).asks, bool(row["request"])) for row in rows])
    report(
        capsys,
        f"is_request on {len(rows)} labelled Slack messages: precision {score.precision:.3f}, recall "
        f"{score.recall:.3f}, F1 {score.f1:.3f} (the rule-based ask: precision {asks.precision:.3f}, "
        f"recall {asks.recall:.3f})",
    )
    assert len(rows) >= 300
    assert score.precision >= 0.85
    assert score.recall >= 0.9


def test_request_detection_on_labelled_gitter_messages(capsys: pytest.CaptureFixture[str]) -> None:
    """Developer chat neither the scorer nor the rules were tuned on, labelled blind: a question that
    wants an answer and advice to the reader ("you need to add some path mappings") are requests."""
    rows = labelled_gitter_requests()
    require(list(rows), "gitter")
    score = binary_score([(is_request(text), label) for text, label in rows])
    report(
        capsys,
        f"is_request on {len(rows)} labelled Gitter messages: precision {score.precision:.3f}, recall "
        f"{score.recall:.3f}, F1 {score.f1:.3f}",
    )
    assert len(rows) == 141
    assert score.f1 >= 0.72


def test_the_shipped_is_request_is_the_scorers_decision_alone() -> None:
    """What the held-out test measures is what `is_request` (and the CLI's "is_request") answers: an
    earlier version OR-ed in the rule-based ask, which measured 0.73 where the scorer alone is 0.80."""
    rows = enron_sentences()
    require(list(rows), "enron_intent")
    sample = rows[::15]
    for text, _ in sample:
        expected = request_model.is_request(text)
        assert is_request(text) is expected, text
        assert lint(text).is_request is expected, text
    assert len(sample) > 200


def test_ordinary_developer_chat_is_rarely_nudged(capsys: pytest.CaptureFixture[str]) -> None:
    messages = gitter_messages()
    require(list(messages), "gitter")
    now = datetime(2016, 11, 23, 12, tzinfo=UTC)
    nudged = Counter[str]()
    nudged_messages = 0
    for message in messages:
        findings = lint(message, now=now).at_severity(Severity.NUDGE)
        nudged_messages += bool(findings)
        nudged.update(finding.rule.value for finding in findings)
    share = nudged_messages / len(messages)
    report(
        capsys, f"Gitter: {share:.1%} of {len(messages)} messages would be nudged; by rule: {dict(nudged)}"
    )
    assert share < 0.10


# -- nudges on real conversation (tests/support/nudge_quality.py) ------------------------------------


def test_nudges_on_real_gitter_chat_are_right_nine_times_in_ten(capsys: pytest.CaptureFixture[str]) -> None:
    messages = nudge_quality.gitter_messages()
    require(messages, "gitter/labels.jsonl")
    result = nudge_quality.score(messages)
    report(
        capsys,
        f"Gitter labels, nudged flags: precision {result.precision:.3f}, recall {result.recall:.3f}, "
        f"missing-deadline precision {result.rule_precision('missing-deadline'):.3f}",
    )
    # Floors a little under what this build reaches (0.984 / 0.954; missing-deadline 1 right, 0 wrong).
    assert result.precision >= 0.95
    assert result.recall >= 0.92
    assert result.rule_precision("missing-deadline") >= 0.9


def test_nudges_on_gitter_messages_outside_the_labels(capsys: pytest.CaptureFixture[str]) -> None:
    """Our blind labels for 730 Gitter messages that labels.jsonl does not hold: 220 short ones with a
    greeting, help or attention word (first run 0.778 / 0.280, which the typed names and vague help
    asks of docs/linter.md mended), 160 of 13 words or more (first run, after those mends: no wrong
    flag, 1 right, 2 missed), 200 short ones without those words (no flag; none found) and 150 more of
    13 words or more (first run, after the day's other mends: no wrong flag, 1 missed)."""
    messages = nudge_quality.gitter_blind_messages()
    require(messages, "gitter")
    result = nudge_quality.score(messages)
    report(capsys, f"Gitter, our blind labels: precision {result.precision:.3f}, recall {result.recall:.3f}")
    # Floors a little under what this build reaches (0.926 / 0.862).
    assert result.precision >= 0.88
    assert result.recall >= 0.8


def test_the_labelled_set_and_the_blind_batches_keep_their_recall_and_precision(
    capsys: pytest.CaptureFixture[str],
) -> None:
    labelled = nudge_quality.score(nudge_quality.slack_messages([LABELLED]), threshold=None)
    blind = nudge_quality.score(nudge_quality.slack_messages(nudge_quality.BLIND_BATCHES), threshold=None)
    report(
        capsys,
        f"labelled set (all findings): precision {labelled.precision:.3f}, recall {labelled.recall:.3f}; "
        f"blind batches: precision {blind.precision:.3f}, recall {blind.recall:.3f}",
    )
    assert labelled.precision >= 0.99 and labelled.recall >= 0.99
    # (0.927 / 0.927 over the twenty-six batches, the last left unmended; each new register lowered recall before its mends: see
    # docs/linter.md, also for where their labels and the labelled set's conventions differ)
    assert blind.precision >= 0.9 and blind.recall >= 0.92


def test_a_question_for_information_is_no_ask_for_work_and_an_ask_for_work_is() -> None:
    for question in (
        "Is there a way to run only the integration tests?",
        "Has anyone seen this error before?",
        "could you send me an example?",
        "How often do we update the versions of the native packages?",
        "Should I grab it from the pre-release site to give it a test?",
    ):
        result = lint(question, now=NOW)
        assert "missing-deadline" not in result.rules, question
        assert not result.asks_for_work and result.act == "question", question
        assert result.is_request, question  # a question still expects an answer
    work = lint("<@U2> can you update the pricing page with the new tier?", now=NOW)
    assert work.asks_for_work and work.act == "ask-action" and work.rules == ["missing-deadline"]
