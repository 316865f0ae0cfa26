"""Gated patterns must find exactly what the whole pattern finds."""

from __future__ import annotations

import itertools
import random
import re

import pytest

from bot.lint import acts, gates, intent
from bot.lint.gates import (
    MAX_LEAD_SPELLINGS,
    WORD_GAP,
    AnyOf,
    gate_word_groups,
    leading_literal,
    leading_words,
    spell_out_lead,
    top_level_alternatives,
    word_set,
)
from bot.lint.text import prepare
from tests.support.lint_corpora import labelled_rows


@pytest.mark.parametrize(
    ("alternative", "words"),
    [
        (r"\b(?:can|could|would)\s+you\b", {"can", "could", "would"}),
        (r"\bplease\b", {"please"}),
        (r"\blet'?s\s+meet\b", {"let", "lets"}),
        (r"\b(?:want|'d\s+like)\s+to\b", {"want", "d"}),
        (r"\bunsubscrib", None),  # a stem is not a whole token
        (r"\blook(?:ing)?\s+forward", None),
        (r"\b(?:please\s+)?join\b", None),  # an optional group proves nothing
        (r"\bsome\s*time\b", None),  # "\s*" may join two words into one token ("sometime")
        (r"\b(?:thoughts|ideas)\s*\?", {"thoughts", "ideas"}),  # ...but not a word and a "?"
    ],
)
def test_leading_words_are_read_off_plain_literals_only(alternative: str, words: set[str] | None) -> None:
    found = leading_words(alternative)
    assert (set(found) if found is not None else None) == words


@pytest.mark.parametrize(
    ("alternative", "words", "requires"),
    [
        (r"\b(?:i|we)\s+(?:need|want|'d\s+like)\s+you\b", {"need", "want", "d"}, {"i", "we"}),
        # straight on into a contraction: "I need you", "I'd like you"
        (r"\b(?:i|we)" + WORD_GAP + r"(?:need|'d\s+like)\s+you\b", {"need", "d"}, {"i", "we"}),
        (r"\bi\s+(?:was\s+)?wonder", {"i"}, set()),  # the next group is optional: the first word alone
        (r"\b(?:maybe|perhaps)\s+we\b", {"maybe", "perhaps"}, set()),  # not common: kept
        (r"\byou\s+(?:need|must|also\s+(?:try|check))\b", {"need", "must", "also"}, {"you"}),
        (r"\bcan\s+(?:you|u|someone)\b", {"can"}, {"you", "u", "someone"}),  # as common: kept first
    ],
)
def test_a_very_common_first_word_gates_together_with_the_next_required_words(
    alternative: str, words: set[str], requires: set[str]
) -> None:
    assert gate_word_groups(alternative) == (frozenset(words), frozenset(requires))


def test_alternatives_split_only_at_the_top_level() -> None:
    assert top_level_alternatives(r"a(?:b|c)|[|]|d\|e") == ["a(?:b|c)", "[|]", r"d\|e"]


@pytest.mark.parametrize(
    ("alternative", "literal"),
    [
        (r"\bunsubscrib", "unsubscrib"),
        (r"\bsubscri(?:be|ption)\b", "subscri"),
        (r"\bwww\.", "www."),
        (r"\bsupport@", "support@"),
        (r"\bsave?d", "sav"),  # an optional last character is not required
        (r"\bf.y", None),  # an unescaped dot is any character: only "f" is certain, too short
        (r"\b\d+%\s+off\b", "%"),  # a mark after a run of digits
        (r"\bre:", "re:"),
        (r"\bre\b", None),  # two letters say too little
        (r"\$\d", "$"),  # a mark says enough
        (r"(?:a|b)cde", None),
    ],
)
def test_word_stems_are_gated_on_their_leading_text(alternative: str, literal: str | None) -> None:
    assert leading_literal(alternative) == literal


SPLIT_PATTERNS = [
    "_ASK_PHRASE_SEARCH",
    "_SUGGESTION_SEARCH",
    "_PROMOTIONAL_SEARCH",
    "_FYI_SEARCH",
    "_CASUAL_QUESTION_SEARCH",
    "_NO_RUSH_SEARCH",
]


@pytest.mark.parametrize("name", SPLIT_PATTERNS)
def test_split_patterns_agree_with_the_whole_pattern_on_the_labelled_messages(name: str) -> None:
    split: AnyOf = getattr(intent, name)
    whole: re.Pattern[str] = split.pattern
    texts = [str(row["text"]) for row in labelled_rows()]
    texts += ["lets discuss tomorrow", "I'd like to check with someone first", "you can unsubscribe below",
              "Click to UNSUBSCRIBE", "visit www.example.com today", "opt-out here", "20% off today", "$LINK",
              "write to Support@acme.com", "coupon inside", "F.Y.I. the build is green", "heads-up: deploy at 5",
              "Reactivated the account", "subscriptions renew monthly"]  # fmt: skip
    checked = 0
    for text in texts:
        for sentence in intent.sentences(prepare(text).lintable):
            addressed = intent.addressed(sentence)
            assert bool(split.search(addressed)) == bool(whole.search(addressed)), addressed
            checked += 1
    assert checked > 150


@pytest.mark.parametrize(
    ("alternative", "parts"),
    [
        (r"\b(?:review|share\s+the)\b", [r"\breview\b", r"\bshare\s+the\b"]),
        (r"\b(?:can|could)\s+you", [r"\bcan\s+you", r"\bcould\s+you"]),
        (r"\b(?:a|b)?c", [r"\bac", r"\bbc", r"\bc"]),  # an optional group: each spelling, and none
        (r"\b(?:a|[bc]x)d", [r"\bad", r"\b[bc]xd"]),  # an option with more than letters: the rest as is
        (r"\bmeet(?:ing)?\b", [r"\bmeeting\b", r"\bmeet\b"]),
        (r"\bstarts?\s+at", [r"\bstarts\s+at", r"\bstart\s+at"]),
        (r"\be-?mail\b", [r"\be-mail\b", r"\bemail\b"]),
        (r"\b(?:mon|tues)day\b", [r"\bmonday\b", r"\btuesday\b"]),  # the word goes on after the group
        # a group of more than letters after the first word is left where it is (the gates read it)
        (r"\bi(?:'m|\s+am)\s+stuck", [r"\bi(?:'m|\s+am)\s+stuck"]),
        (r"\b(?:i|we)" + WORD_GAP + "need", [r"\bi" + WORD_GAP + "need", r"\bwe" + WORD_GAP + "need"]),
        (r"\b(?:a|b)+c", [r"\b(?:a|b)+c"]),  # a repeated group stays whole
        (
            r"\bx(?:a|b|c|d)(?:a|b|c|d)(?:a|b|c|d)(?:a|b|c|d)",
            [r"\bx(?:a|b|c|d)(?:a|b|c|d)(?:a|b|c|d)(?:a|b|c|d)"],
        ),
    ],
)
def test_the_leading_word_is_spelled_out_one_alternative_per_spelling(
    alternative: str, parts: list[str]
) -> None:
    assert spell_out_lead(alternative) == parts
    assert len(parts) <= MAX_LEAD_SPELLINGS


def test_a_spelled_out_alternative_finds_what_the_whole_one_finds() -> None:
    rng = random.Random(11)
    alternatives = [
        r"\bmeet(?:ing)?\b",
        r"\be-?mail\s+me\b",
        r"\b(?:mon|tues)day\b",
        r"\bplan(?:ning)?\s+to\b",
    ]
    words = ["meet", "meeting", "meetings", "email", "e-mail", "emails", "me", "monday", "tuesday", "mon",
             "plan", "planning", "to", "plans", "x"]  # fmt: skip
    for _ in range(2000):
        text = " ".join(rng.choice(words) for _ in range(rng.randint(1, 5)))
        for alternative in alternatives:
            whole = re.search(alternative, text, re.I) is not None
            spelled = any(re.search(part, text, re.I) for part in spell_out_lead(alternative))
            assert whole == spelled, (alternative, text)


@pytest.mark.parametrize(
    ("alternative", "gated"),
    [
        (r"\b\d+%\s+off\b", "%"),
        (r"\b\d+\s*(?:am|pm)\b", "digit"),
        (r"\S+@\S+\.\w+", "@"),
        (r"\$\d", "$"),
        (r"<link>", "<link>"),
        (r"!", "!"),
    ],
)
def test_alternatives_without_a_leading_word_are_gated_on_a_digit_or_a_mark(
    alternative: str, gated: str
) -> None:
    search = AnyOf(re.compile(alternative, re.I))
    assert search.ungated == ()
    if gated == "digit":
        assert [pattern.pattern for pattern in search._by_digit] == [alternative]
    else:
        assert [literal for literal, _ in search._by_literal] == [gated]


def _all_split_patterns() -> list[AnyOf]:
    """Every split pattern of the rules and the act reader."""
    return [found for module in (intent, acts) for found in vars(module).values() if isinstance(found, AnyOf)]


def test_split_patterns_agree_with_the_whole_pattern_on_awkward_text() -> None:
    """Word boundaries next to "_", digits, apostrophes, accented letters and "İ", any case: the
    lower-cased fast path and the gates must find what the whole pattern finds."""
    patterns = _all_split_patterns()
    vocabulary = sorted({word for split in patterns for word in re.findall(r"[a-z]+", split.pattern.pattern)})
    vocabulary += ["@person", "<link>", "$LINK", "İ", "I'd", "let's", "can't", "LET'S", "Could"]
    separators = [
        " ",
        "  ",
        ", ",
        "_",
        "-",
        "'",
        "é",
        "\u00a0",
        "?",
        "!",
        ".",
        "3",
        "%",
        "",
        "\n",
        "\u017f",  # long s: re.IGNORECASE reads it as "s"
        "\u0130",  # dotted capital I
        "\u0131",  # dotless i
        "\u212a",  # Kelvin sign: "k"
    ]
    imperative_start = re.compile(intent._IMPERATIVE_START.pattern, re.I)  # as written, on any case
    rng = random.Random(3)
    checked = 0
    for _ in range(4000):
        text = "".join(rng.choice(vocabulary) + rng.choice(separators) for _ in range(rng.randint(1, 6)))
        text = rng.choice([text, text.upper(), text.capitalize()])
        for split in patterns:  # (the gated patterns run on lower-cased text)
            assert bool(split.search(text)) == bool(split.pattern.search(text)), (
                split.pattern.pattern[:40],
                text,
            )
            checked += 1
        assert intent.starts_imperative(text) == bool(imperative_start.match(text)), text
    assert checked == 4000 * len(patterns) and len(patterns) > 12


def test_what_the_greeting_cut_leaves_has_only_words_of_the_sentence() -> None:
    """Sentences are gated on their message's words: cutting "Hi Ana, " must never split a word."""
    rng = random.Random(5)
    openers = [
        "Hi",
        "hey",
        "Ana",
        "Ana Lee",
        "@person",
        "@personal",
        "@everyone",
        "team",
        "Re",
        "Q",
        "good morning",
    ]
    joins = [", ", ": ", "! ", " - ", "", " ", ",", "-"]
    rests = ["can you review it?", "will you", "please send", "can we ship", "thoughts?", "I'd like you to"]
    for _ in range(2000):
        sentence = "".join(rng.choice(openers) + rng.choice(joins) for _ in range(rng.randint(1, 3)))
        sentence += rng.choice(rests)
        assert intent.addressed(sentence) == intent._VOCATIVE.sub("", sentence, count=1), sentence
        assert word_set(intent.addressed(sentence)) <= word_set(sentence), sentence
        assert intent.ask_kind(sentence, word_set("and more words " + sentence)) == intent.ask_kind(sentence)


@pytest.mark.parametrize(
    ("module", "name"),
    [
        (intent, "_ASK_PHRASE_SEARCH"),
        (intent, "_SUGGESTION_SEARCH"),
        (intent, "_FYI_SEARCH"),
        (intent, "_NO_RUSH_SEARCH"),
        (intent, "_CASUAL_QUESTION_SEARCH"),
        (intent, "_PROMOTIONAL_SEARCH"),
        (intent, "_CONTEXT_SEARCH"),
        (intent, "_FUTURE_TIME_SEARCH"),
        (intent, "_EVENT_SEARCH"),
        (intent, "_PAST_SEARCH"),
        (acts, "_REVIEW_WANTED_SEARCH"),
        (acts, "_SOMEONE"),
        (acts, "_YOU"),
    ],
)
def test_the_ask_patterns_every_message_meets_are_fully_gated(module: object, name: str) -> None:
    """An alternative that loses its trigger word (a lookahead inside a leading group did once) runs
    on every message: 10% of the linter's time, found only by the benchmark."""
    assert getattr(module, name).ungated == ()


def test_a_verbose_pattern_is_refused_rather_than_split_wrongly() -> None:
    """In a verbose pattern white space and "#" mean something else: the splitter reads patterns as written."""
    with pytest.raises(ValueError, match="verbose"):
        AnyOf(re.compile(r"\b(?:can | could) \s+ you  # an ask", re.VERBOSE))


def test_a_one_sentence_message_is_read_as_the_sentence_splitter_reads_it() -> None:
    """`acts.sentences_of` skips the splitter when the text has no sentence end, and its splitter is a
    quicker form of the plain one below: both must give what the plain one gives."""
    plain = re.compile(r"[^\n]+?(?:[.!?]+(?=\s|$)|$)", re.MULTILINE)
    pieces = ["ok", " ", "  ", "\t", "can you", "é", "@person", ",", ".", "!", "?", "\n", "i.e", "1.5", "..."]
    rng = random.Random(11)
    texts = ["".join(rng.choice(pieces) for _ in range(rng.randint(0, 8))) for _ in range(20000)]
    texts += ["".join(marks) for length in range(6) for marks in itertools.product("a.! \n", repeat=length)]
    for text in texts:
        assert acts._SENTENCE.findall(text) == plain.findall(text), repr(text)
        split = tuple(part.strip() for part in plain.findall(text) if part.strip(" .!?"))
        assert acts.sentences_of.__wrapped__(text) == split, repr(text)


def test_patterns_for_lower_case_text_find_what_the_case_insensitive_ones_find() -> None:
    """`for_lower_case`: on `lower_case(text)` the same matches, at the same places, as the
    case-insensitive pattern on the text, whatever the case, "İ", dotless i, long s or Kelvin sign."""
    made = gates.patterns_for_lower_case()
    assert len(made) >= 19  # the act reader's and the rules' sentence patterns
    vocabulary = sorted({word for whole, _ in made for word in re.findall(r"[a-z]+", whole.pattern)})
    vocabulary += ["@person", "İ", "\u0131", "\u017f", "\u212a", "I'd", "can't", "Y'ALL", "ok"]
    separators = [" ", "  ", ", ", "_", "-", "'", "\u00e9", "?", "!", ".", "3", "", "\n", ": "]
    rng = random.Random(13)
    texts = [
        "".join(rng.choice(vocabulary) + rng.choice(separators) for _ in range(rng.randint(1, 7)))
        for _ in range(3000)
    ]
    # real sentences, with letters swapped for the ones re.IGNORECASE reads as them
    awkward = str.maketrans({"i": "\u0131", "s": "\u017f", "k": "\u212a", "I": "\u0130"})
    for row in labelled_rows():
        lintable = prepare(row["text"]).lintable
        texts += [lintable, lintable.translate(awkward)]
    for written in texts:
        text = rng.choice([written, written.upper(), written.capitalize(), written.title()])
        lowered = gates.lower_case(text)
        assert len(lowered) == len(text)
        for whole, for_lower in made:
            for find in ("match", "search"):
                expected = getattr(whole, find)(text)
                found = getattr(for_lower, find)(lowered)
                assert (expected and expected.regs) == (found and found.regs), (whole.pattern[:40], text)


def test_a_pattern_that_says_something_upper_case_is_not_made_for_lower_case_text() -> None:
    with pytest.raises(ValueError, match="upper case"):
        gates.for_lower_case(re.compile(r"\b[A-Z]{2,}\b", re.I))
    with pytest.raises(ValueError, match="by its code"):
        gates.for_lower_case(re.compile(r"\u0130", re.I))
    with pytest.raises(ValueError, match="not a case-insensitive"):
        gates.for_lower_case(re.compile(r"abc"))
    made = gates.for_lower_case(re.compile(r"(?P<verb>send|fix)\W+\S", re.I))  # a group's name is no text
    assert gates.case_in_pattern("\u017f") is not None  # a lower-case letter beyond a-z: re.I folds it
    assert gates.case_in_pattern(r"\N{DASH}") is not None
    assert gates.case_in_pattern(r"status\s*[:\u2013-]") is None  # a coded dash has no case
    assert gates.lowered_form(r"\bfoo\W+[A-Z]", re.I) is None  # AnyOf's fast path asks the same
    assert made.match("fix it") and not made.flags & re.I
