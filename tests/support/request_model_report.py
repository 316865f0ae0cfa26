"""Measure the request scorer more ways than the test does: `python -m tests.support.request_model_report`.

Prints precision, recall and F1 on the held-out Enron half (the number tests/unit/test_lint_quality.py
checks), the same with the halves swapped, and k-fold cross-validation over all 3,655 sentences
(k = 2, 4, 8), each fold's model and threshold fitted by `train_cross_validated` on the rest. One fixed
split moves by about 0.01 with the threshold its inner cross-validation picks, so compare changes on
all of these, not on one. Takes a few minutes.
"""

from __future__ import annotations

import random

from tests.support.lint_corpora import (
    BinaryScore,
    binary_score,
    enron_sentences,
    fit_and_judge,
    score_on_the_other_half,
)

Rows = list[tuple[str, bool]]


def k_fold(rows: Rows, folds: int) -> BinaryScore:
    shuffled = list(rows)
    random.Random(1).shuffle(shuffled)
    parts = [shuffled[index::folds] for index in range(folds)]
    judged: list[tuple[bool, bool]] = []
    for held in range(folds):
        training = [row for fold, part in enumerate(parts) if fold != held for row in part]
        judged.extend(fit_and_judge(training, parts[held]))
    return binary_score(judged)


def main() -> None:
    rows = enron_sentences()
    if not rows:
        raise SystemExit("The Enron intent data (../shared/eval/enron_intent) is not here.")
    for name, score in (
        (
            "held-out half (trained on the development half)",
            score_on_the_other_half(rows, train_on_development=True),
        ),
        (
            "development half (trained on the held-out half)",
            score_on_the_other_half(rows, train_on_development=False),
        ),
        *((f"{folds}-fold over all {len(rows)} sentences", k_fold(rows, folds)) for folds in (2, 4, 8)),
    ):
        print(f"{name:52} precision {score.precision:.3f}  recall {score.recall:.3f}  F1 {score.f1:.3f}")


if __name__ == "__main__":
    main()
