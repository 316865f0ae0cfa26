"""Print the nudge quality numbers docs/linter.md reports: `python -m tests.support.nudge_quality_report`.

Flag precision and recall on the Gitter labels (unsure left out), the project's labelled Slack set
and the blind batches, at the shipped confidence threshold and, for Gitter, along the curve.
"""

from __future__ import annotations

from bot.lint import DEFAULT_CONFIG, Rule
from tests.support.lint_corpora import LABELLED
from tests.support.nudge_quality import (
    BLIND_BATCHES,
    FlagScore,
    gitter_blind_messages,
    gitter_messages,
    precision_recall_curve,
    score,
    slack_messages,
)


def _line(name: str, result: FlagScore) -> str:
    return (
        f"{name:34} precision {result.precision:.3f}  recall {result.recall:.3f}  "
        f"(right {result.right}, wrong {result.wrong}, missed {result.missed}; "
        f"{result.false_flag_share:.1%} of {result.messages} messages wrongly flagged)"
    )


def main() -> None:
    threshold = DEFAULT_CONFIG.nudge_threshold
    sets = {
        "Gitter labels (unsure left out)": gitter_messages(),
        "Gitter, our blind labels": gitter_blind_messages(),
        "labelled Slack set": slack_messages([LABELLED]),
        **{f"blind: {path.stem}": slack_messages([path]) for path in BLIND_BATCHES},
    }
    print(f"Flags nudged (confidence >= {threshold}):")
    for name, messages in sets.items():
        print("  " + _line(name, score(messages, threshold=threshold)))
    print("All findings (observed too):")
    for name, messages in sets.items():
        print("  " + _line(name, score(messages, threshold=None)))
    gitter = sets["Gitter labels (unsure left out)"]
    if gitter:
        at_threshold = score(gitter, threshold=threshold)
        print("Gitter by rule, nudged:")
        for rule in Rule:
            right, wrong, missed = at_threshold.by_rule[rule.value]
            print(f"  {rule.value:20} right {right:3}  wrong {wrong:3}  missed {missed:3}")
        print("Gitter precision/recall curve (threshold: precision, recall, flags):")
        for value, result in precision_recall_curve(
            gitter, [0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8, 0.85, 0.9, 0.95]
        ):
            print(
                f"  {value:.2f}: {result.precision:.3f}  {result.recall:.3f}  {result.right + result.wrong}"
            )


if __name__ == "__main__":
    main()
