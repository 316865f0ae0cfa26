"""Train the request scorer: `python -m tests.support.train_request_model`.

Writes bot/lint/request_model.json.

The scorer is the average of four models fitted to all of the Enron intent data in 4-fold
cross-validation, each also trained on our chat messages (tests/data/request_chat_training.jsonl);
the probability threshold is the one with the best F1 on their predictions for the Enron sentences
each did not see (`request_model.train_cross_validated`).
"""

from __future__ import annotations

import json
import random

from bot.lint.request_model import MODEL_PATH, train_cross_validated
from tests.support.lint_corpora import chat_training_rows, enron_sentences

FOLDS = 4


def main() -> None:
    rows = enron_sentences()
    if not rows:
        raise SystemExit("The Enron intent data (../shared/eval/enron_intent) is not here.")
    random.Random(1).shuffle(rows)
    fitted = train_cross_validated(rows, folds=FOLDS, always_train=chat_training_rows())
    MODEL_PATH.write_text(
        json.dumps(
            {
                "bias": round(fitted.bias, 4),
                "threshold": round(fitted.threshold, 4),
                "weights": fitted.weights,
            }
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {MODEL_PATH.name}: {len(fitted.weights)} weights, threshold {fitted.threshold:.3f}")


if __name__ == "__main__":
    main()
