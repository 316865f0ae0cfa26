"""Train the request scorer: `python -m tests.support.train_request_model`.

Writes bot/lint/request_model.json.

The weights are fitted to all of the Enron intent data; the probability threshold is the one with
the best F1 under 4-fold cross-validation, so it is chosen on predictions for unseen sentences.
"""

from __future__ import annotations

import json
import random

from bot.lint.request_model import MODEL_PATH, best_threshold, train
from tests.support.lint_corpora import cross_validated_scores, enron_sentences

FOLDS = 4


def main() -> None:
    rows = enron_sentences()
    if not rows:
        raise SystemExit("The Enron intent data (../shared/eval/enron_intent) is not here.")
    random.Random(1).shuffle(rows)
    threshold = best_threshold(cross_validated_scores(rows, folds=FOLDS))
    weights, bias = train(rows)
    MODEL_PATH.write_text(
        json.dumps(
            {
                "bias": round(bias, 4),
                "threshold": round(threshold, 4),
                "weights": dict(sorted(weights.items())),
            }
        )
        + "\n",
        encoding="utf-8",
    )
    print(f"wrote {MODEL_PATH.name}: {len(weights)} weights, threshold {threshold:.3f}")


if __name__ == "__main__":
    main()
