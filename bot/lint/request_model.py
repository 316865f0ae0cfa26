"""A small logistic-regression scorer for `is_request`: the rules' ask and the dialogue act reader's
answers (act, evidence, addressee; see ADR-0010), cheap signals of the text's shape (how it ends,
whether it may name a date or time, how its first sentence opens) and word uni- and bigrams.

The weights live in request_model.json beside this file, trained by
`python -m tests.support.train_request_model` on the Enron intent data and our own chat messages
(tests/data/request_chat_training.jsonl): the average of four models fitted in 4-fold
cross-validation, with the threshold chosen on their out-of-fold predictions for Enron sentences
(`train_cross_validated`); tests/unit/test_lint_quality.py does the same on one Enron half and
scores the other, and scores the labelled Slack messages. Pure Python: a prediction is a few dozen
dictionary look-ups.
"""

from __future__ import annotations

import json
import math
import random
import re
from collections import Counter
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache
from itertools import pairwise, repeat
from typing import NamedTuple

from bot.lint import acts, deadlines, intent
from bot.lint.gates import word_set
from bot.lint.native import PACKAGE_DIR
from bot.lint.text import PreparedText, is_slack_system_message, prepare

MODEL_PATH = PACKAGE_DIR / "request_model.json"  # (not beside __file__: a native module lives elsewhere)
_TOKEN = re.compile(r"[a-z0-9']+|[?!]")

# Advertising and newsletter style, which the Enron data labels "no request" however it asks ("Do You
# Want To Save?", "FREE SHIPPING TODAY", "Get it now™"). Chat has none of it: Slack sends emoji as
# :codes: (removed by `prepare`) and its acronyms come one at a time ("can you check the JSON?").
# ("\b[A-Z]{4,}\b", with the boundary before the word checked after its first capital: a pattern
# that starts with a class is found by a quick scan, one that starts with "\b" is tried at every
# position)
_SHOUTED_WORD = re.compile(r"[A-Z](?<!\w[A-Z])[A-Z]{3,}\b")
_ADVERTISING_SYMBOL = re.compile(
    "[\u2122\u00ae\u00a9\u2022\u20ac\u00a3\u2605\u2606\u2713\u2714\u2600-\u27bf\U0001f300-\U0001faff]"
)


# "you", "your", "u" as words; the word set is a cheap first look ("YOUR_PATH" has the word set's
# "your" but no word boundary after it, so the pattern decides).
_SECOND_PERSON = frozenset({"you", "your", "u"})
_SECOND_PERSON_WORD = re.compile(r"\b(?:you|your|u)\b", re.I)


# Every byte but the capitals A-Z (deleted to count the capitals of an ASCII text).
_NOT_CAPITALS = bytes(set(range(256)) - set(b"ABCDEFGHIJKLMNOPQRSTUVWXYZ"))


def _reads_as_title_case(text: str, split: list[str]) -> bool:
    """A headline: four or more words, most of them capitalised ("How Many Hours Do You Spend Online?").
    `split`: the text split at white space."""
    if len(split) < 4:
        return False  # fewer than four initials
    if text.isascii() and len(text.encode("ascii").translate(None, _NOT_CAPITALS)) < 3:
        return False  # more than 60% of four or more initials is three capitals at least
    # the first letters of the words that start with one
    initials = "".join(filter(str.isalpha, "".join([word[0] for word in split])))
    return len(initials) >= 4 and sum(map(str.isupper, initials)) > 0.6 * len(initials)


def _second_person(text: str) -> bool:
    return not _SECOND_PERSON.isdisjoint(word_set(text)) and _SECOND_PERSON_WORD.search(text) is not None


# (memoised functions of other modules are called from functions of this one, not listed in _SIGNALS
# themselves: mypyc cannot type a memoised function referred to at import time)
def _marked_fyi(text: str) -> bool:
    return intent.is_fyi(text)


def _may_name_time(text: str) -> bool:
    return deadlines.may_name_date_or_time(text)


# The rule signals read off the whole text (and, in `_read`, those read off its words: short, long,
# title case).
_SIGNALS: tuple[tuple[str, Callable[[str], bool]], ...] = (
    ("rule:asks", intent.asks),
    ("rule:future_event", intent.announces_future_event),
    ("rule:promotional", intent.sounds_promotional),
    ("rule:fyi", _marked_fyi),
    ("rule:ends_with_question", lambda text: text.rstrip().endswith("?")),
    ("rule:question_inside", lambda text: "?" in text),
    ("rule:casual_question", intent.is_casual_question),
    ("rule:second_person", _second_person),
    ("rule:may_name_time", _may_name_time),
    ("rule:shouting", lambda text: len(_SHOUTED_WORD.findall(text)) >= 2),
    # (the symbols are all outside ASCII; whether a text is ASCII is known without reading it)
    ("rule:symbols", lambda text: not text.isascii() and _ADVERTISING_SYMBOL.search(text) is not None),
)
# The one-of-several features by the answer they name (built once, not per message).
_ASK_FEATURES = {
    intent.NO_ASK: "ask:none",
    intent.SUGGESTION_ONLY: "ask:suggestion",
    intent.EXPLICIT_ASK: "ask:explicit",
}
_ACT_FEATURES = {act: f"act:{act.value}" for act in acts.Act}
_EVIDENCE_FEATURES: dict[acts.Evidence | None, str] = {
    **{evidence: f"evidence:{evidence.value}" for evidence in acts.Evidence},
    None: "evidence:none",
}
_ADDRESSEE_FEATURES = {addressee: f"addressee:{addressee.value}" for addressee in acts.Addressee}


class _Reading(NamedTuple):
    """A text as the scorer reads it: the names of its rule and act features, its words, its word
    pairs (with "$" after the last word) and the word it opens with (see `_opening_word`)."""

    named: list[str]
    words: set[str]
    pairs: set[tuple[str, str]]
    opening: str


def _read(text: str) -> _Reading:
    """The features of a lintable text. The dialogue act, the ask's evidence and kind and the
    addressee are the rules' and the act reader's own answers (memoised per text: `lint` and the
    JSON output read them too), so the scorer adds little reading of its own."""
    named = [name for name, signal in _SIGNALS if signal(text)]
    split = text.split()
    if len(split) <= 6:
        named.append("rule:short")
    if len(split) >= 30:
        named.append("rule:long")
    if _reads_as_title_case(text, split):
        named.append("rule:title_case")
    named += [
        f"rule:ends_with:{_ending(text)}",
        _ACT_FEATURES[acts.message_act(text)],
        _EVIDENCE_FEATURES[acts.ask_evidence(text)],
        _ASK_FEATURES[intent.strongest_ask(text)],
        _ADDRESSEE_FEATURES[acts.addressee(text)],
    ]
    said = intent.sentences(text)
    first = intent.addressed(said[0]) if said else ""
    if said and first != said[0]:
        named.append("rule:opening:addressed")  # "Hi Ana, …", "@ana …"
    if intent.starts_imperative(first):
        named.append("rule:opening:imperative")
    if intent.opens_as_question(first):
        named.append("rule:opening:question")
    tokens = _tokens(text)
    return _Reading(named, set(tokens), set(pairwise([*tokens, "$"])), _opening_word(first))


def features(raw_text: str) -> list[str]:
    """The names of the features present in a message (binary features), read from its mrkdwn."""
    return _features_of(prepare(raw_text).lintable)


def _features_of(text: str) -> list[str]:
    reading = _read(text)
    present = list(reading.named)
    present.extend(f"w:{token}" for token in reading.words)
    present.extend(f"b:{first} {second}" for first, second in reading.pairs)
    present.append(f"b:^ {reading.opening}")
    return present


def _tokens(text: str) -> list[str]:
    """The text's lower-cased words, "?" and "!", numbers folded to "0" ("at 10", "at 3" and "at 0"
    share a weight)."""
    lowered = text.lower()
    # (a text that may name no date or time has no digit: the scanner's memoised first look says so)
    return _TOKEN.findall(_fold_numbers(lowered) if deadlines.may_name_date_or_time(text) else lowered)


def _fold_numbers(text: str) -> str:
    """Each run of digits as "0" (a token holds ASCII digits only, and a run never crosses its edge)."""
    return _ASCII_DIGITS.sub("0", text)


_ASCII_DIGITS = re.compile(r"[0-9]+")


def _opening_word(first_body: str) -> str:
    """The first word after the greeting, names or label ("Christy, can we send…" -> "can"): how the
    sentence itself opens, which is what tells "can we…" from "Adam can…"; "$" when there is none.
    `first_body`: the first sentence without its greeting."""
    first = _TOKEN.search(first_body.lower())
    if first is None:
        return "$"
    return first.group(0) if first.group(0).isalpha() else _fold_numbers(first.group(0))


def _ending(text: str) -> str:
    """How the text ends: its last punctuation mark (".", ":", ")", "!"...), "" when empty, and
    for a text that ends on a word, how it starts. A list introduction ("as follows:") reads
    differently from a statement. In email a capitalised line without a closing mark is mostly a
    clipped line, a header or an advertisement ("word"); in chat most messages start in lower case
    and end without a mark ("can you rerun the job", "@person any update"), and read as any other
    sentence would ("word_after_lowercase_start"). One feature for both taught the scorer that
    unpunctuated chat asks are not requests."""
    stripped = text.rstrip()
    if not stripped:
        return ""
    last = stripped[-1]
    if not last.isalnum():
        return last
    return "word" if stripped.lstrip()[0].isupper() else "word_after_lowercase_start"


class Scorer:
    """A fitted model's weights filed for scoring: rule and act weights by name, word weights by word,
    pair weights by pair, so that a score is a few look-ups per word and no feature names are built."""

    def __init__(self, weights: dict[str, float], bias: float) -> None:
        self.bias = bias
        self._named: dict[str, float] = {}
        self._words: dict[str, float] = {}
        self._pairs: dict[tuple[str, str], float] = {}
        for name, weight in weights.items():
            if name.startswith("w:"):
                self._words[name[2:]] = weight
            elif name.startswith("b:"):
                first, _, second = name[2:].partition(" ")  # tokens hold no spaces
                self._pairs[(first, second)] = weight
            else:
                self._named[name] = weight

    def probability(self, raw_text: str) -> float:
        """The probability that a message is a request; 0 for a message that plainly asks nothing
        (`_plainly_asks_nothing`), whatever its words suggest."""
        prepared = prepare(raw_text)
        text = prepared.lintable
        if _plainly_asks_nothing(prepared):
            return 0.0
        if _shouts_an_ask(text):
            return 1.0
        reading = _read(text)
        score = (
            self.bias
            + sum(map(self._named.get, reading.named, repeat(0.0)))
            + sum(map(self._words.get, reading.words, repeat(0.0)))
            + sum(map(self._pairs.get, reading.pairs, repeat(0.0)))
            + self._pairs.get(("^", reading.opening), 0.0)
        )
        return 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score))))


@cache
def _model() -> tuple[Scorer, float]:
    data = json.loads(MODEL_PATH.read_text(encoding="utf-8"))
    return Scorer(data["weights"], float(data["bias"])), float(data["threshold"])


def request_probability(text: str) -> float:
    return _model()[0].probability(text)


def _plainly_asks_nothing(prepared: PreparedText) -> bool:
    """A message its author marked FYI (or "no response needed") that asks nothing outright ("FYI:
    the office is closed on Monday"), a reply made only of acknowledgements ("ok will do", "on it"),
    or a bare greeting that neither asks nor questions ("hey", "morning team", "@ana :wave:"): the
    question is still to come. A greeting that asks whether the reader is there ("you around?") is
    left to the scorer: the Enron data counts "Are you available?" as a request."""
    text = prepared.lintable
    if is_slack_system_message(prepared.raw):
        return True  # "<@U1> has joined the channel": Slack's own words
    if intent.is_fyi(text) and intent.strongest_ask(text) != intent.EXPLICIT_ASK:
        return True
    if intent.is_acknowledgement(text):
        return True
    return "?" not in text and intent.is_bare_greeting(prepared) and not intent.asks(text)


def _shouts_an_ask(text: str) -> bool:
    """An outright ask pressed with an urgency word and "!!" ("need the logo files asap!!!", "urgent!!!
    please review"): a demand, whatever the email-trained words say (in the Enron data "!!" mostly
    ends jokes and advertising, "someone please help me!!!", and no sentence there has all three)."""
    return (
        "!!" in text
        and intent.strongest_ask(text) == intent.EXPLICIT_ASK
        and any(marker.group(0).strip("!") for marker in intent.urgency_words(text, asking=True))
    )


def is_request(text: str) -> bool:
    """A message that calls for the reader's action: an ask, or a proposed or announced future event.

    This follows the Enron intent definition (asks for an action, proposes a meeting or an event
    in the future, or asks a non-casual question): the rule signals of `intent` weighed together
    with the words used. The nudge rules use the narrower, rule-only `intent.asks`.
    """
    return request_probability(text) >= _model()[1]


# -- training (a development tool; the bot only reads the weights) ---------------------------------


def train(
    examples: list[tuple[str, bool]],
    *,
    epochs: int = 8,
    learning_rate: float = 0.2,
    l2: float = 0.0,
    word_l2: float = 3e-3,
    word_rate: float = 0.5,
    min_count: int = 1,
) -> tuple[dict[str, float], float]:
    """L2-regularised logistic regression by Adagrad over binary features.

    Features named "rule:" learn at the full rate. The others (words, bigrams and the act reader's
    one-of-several features, "act:", "evidence:", "ask:", "addressee:") learn at `word_rate` of it
    and are regularised harder (`word_l2`): with a few thousand sentences a word seen twice should
    not outvote "can you". On the held-out Enron half this lifted F1 from 0.766 to about 0.79.
    """
    featurised = [(features(text), label) for text, label in examples]
    counts = Counter(name for names, _ in featurised for name in set(names))
    kept = {name for name, count in counts.items() if count >= min_count or name.startswith("rule:")}
    weights: dict[str, float] = dict.fromkeys(kept, 0.0)
    rule_names = {name for name in kept if name.startswith("rule:")}
    squared: dict[str, float] = dict.fromkeys(kept, 1e-8)
    bias, bias_squared = 0.0, 1e-8
    rng = random.Random(7)
    order = list(range(len(featurised)))
    for _ in range(epochs):
        rng.shuffle(order)
        for index in order:
            names, label = featurised[index]
            active = [name for name in names if name in weights]
            score = bias + sum(weights[name] for name in active)
            gradient = 1.0 / (1.0 + math.exp(-max(-30.0, min(30.0, score)))) - (1.0 if label else 0.0)
            for name in active:
                rule = name in rule_names
                step = gradient + (l2 if rule else word_l2) * weights[name]
                squared[name] += step * step
                weights[name] -= (
                    learning_rate * (1.0 if rule else word_rate) * step / math.sqrt(squared[name])
                )
            bias_squared += gradient * gradient
            bias -= learning_rate * gradient / math.sqrt(bias_squared)
    return {name: round(weight, 4) for name, weight in weights.items() if abs(weight) >= 1e-3}, bias


@dataclass(frozen=True)
class FittedScorer:
    weights: dict[str, float]
    bias: float
    threshold: float


def train_cross_validated(
    examples: list[tuple[str, bool]],
    *,
    folds: int = 4,
    always_train: Sequence[tuple[str, bool]] = (),
) -> FittedScorer:
    """One model per fold, each trained without its fold; the threshold with the best F1 on their
    predictions for the sentences they did not see; and, as the scorer, their average (one linear
    model: the mean of their weights). The threshold is so chosen for the very models that score,
    not for a refit on everything, whose probabilities run higher. Over 30 random half splits of the
    Enron data this gained 0.003 F1 on the unseen half (21 wins, 9 losses).

    `always_train` rows (the chat messages) join every fold's training and are never held out, so
    the threshold is chosen on `examples` alone, the sentences the scorer is measured on."""
    parts = [examples[index::folds] for index in range(folds)]
    models: list[tuple[dict[str, float], float]] = []
    scored: list[tuple[float, bool]] = []
    for held in range(folds):
        weights, bias = train(
            [row for fold, part in enumerate(parts) if fold != held for row in part] + list(always_train)
        )
        models.append((weights, bias))
        scorer = Scorer(weights, bias)
        scored.extend((scorer.probability(text), label) for text, label in parts[held])
    names = set().union(*(weights for weights, _ in models))
    averaged = {name: round(sum(model.get(name, 0.0) for model, _ in models) / folds, 4) for name in names}
    return FittedScorer(
        weights={name: weight for name, weight in sorted(averaged.items()) if abs(weight) >= 1e-3},
        bias=sum(bias for _, bias in models) / folds,
        threshold=best_threshold(scored),
    )


def best_threshold(
    scored: Iterable[tuple[float, bool]],
) -> float:
    """The probability threshold with the best F1 on the given (probability, label) pairs."""
    pairs = sorted(scored, reverse=True)
    positives = sum(1 for _, label in pairs if label)
    best, best_f1, true_positives = 0.5, -1.0, 0
    for rank, (probability, label) in enumerate(pairs, start=1):
        true_positives += label
        precision, recall = true_positives / rank, true_positives / positives if positives else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        if f1 > best_f1:
            best, best_f1 = probability, f1
    return best
