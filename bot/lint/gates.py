"""Run an expensive pattern only when the text contains a word it could match.

Python's `re` tries every alternative of a large alternation at every position; most chat
messages contain none of the words such a pattern is about, so a set intersection (about a
microsecond) saves the scan. A gate must list, for every alternative of its pattern, a word
that any match of that alternative contains (or a character, for patterns such as "!!!").
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")


# Letters re.IGNORECASE matches with an ASCII letter that str.lower() does not turn into it.
_FOLD_TO_ASCII = str.maketrans({"\u0130": "i", "\u0131": "i", "\u017f": "s"})


def lower_case(text: str) -> str:
    """`text.lower()`, read as re.IGNORECASE reads it: dotted capital and dotless i become "i", long
    s becomes "s" (str.lower keeps the long s and gives the dotted I a combining dot; the Kelvin
    sign it already makes "k")."""
    if text.isascii() or not ("\u0130" in text or "\u0131" in text or "\u017f" in text):
        return text.lower()
    return text.translate(_FOLD_TO_ASCII).lower()


@lru_cache(maxsize=4096)
def word_set(text: str) -> frozenset[str]:
    """The lower-cased alphanumeric words of a text ("don't" gives "don" and "t")."""
    return frozenset(_WORD.findall(lower_case(text)))


@dataclass(frozen=True)
class Gate:
    """A pattern with its trigger: any of `words`, or a match of the small `precheck` pattern."""

    pattern: re.Pattern[str]
    words: frozenset[str]
    precheck: re.Pattern[str] | None = None
    literal: str = ""  # a substring any match contains (lower-cased), for word stems
    requires: frozenset[str] = frozenset()  # and also one of these words ("you" with "need|must")

    def opens_for(self, text: str, words: frozenset[str] | None = None, *, prechecks: bool = True) -> bool:
        """Whether the pattern may match `text`. `words`: its words, where the caller has them;
        `prechecks=False` where the caller knows no precheck can match."""
        if words is None:
            words = word_set(text)
        if not self.words.isdisjoint(words):
            return not self.requires or not self.requires.isdisjoint(words)
        if self.literal:
            return self.literal in text.lower()
        return prechecks and self.precheck is not None and self.precheck.search(text) is not None

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.opens_for(text) else None

    def finditer(self, text: str) -> list[re.Match[str]]:
        return list(self.pattern.finditer(text)) if self.opens_for(text) else []


class GateSet:
    """Gates checked together, in order (the date or time families of the deadline scanner).

    The words of the text are read once, and the small precheck patterns only run when their union
    finds something: in most texts none of them would.
    """

    def __init__(self, gates: Iterable[Gate]) -> None:
        self.gates = tuple(gates)
        prechecks = [one.precheck.pattern for one in self.gates if one.precheck is not None]
        self._any_precheck = (
            re.compile("|".join(f"(?:{p})" for p in prechecks), re.IGNORECASE) if prechecks else None
        )
        self._any_word = frozenset().union(*(one.words for one in self.gates))
        self._literals = tuple(one.literal for one in self.gates if one.literal)

    def open_for(self, text: str) -> list[Gate]:
        """The gates, in order, that open for `text` (as `Gate.opens_for` would say one by one)."""
        words = word_set(text)
        prechecks_may_open = self._any_precheck is not None and self._any_precheck.search(text) is not None
        if self._any_word.isdisjoint(words) and not prechecks_may_open:
            lowered = text.lower() if self._literals else ""
            for literal in self._literals:
                if literal in lowered:
                    break
            else:
                return []  # no gate's word, stem or precheck: the usual case, found in one pass
        opened = []
        for one in self.gates:
            if one.opens_for(text, words, prechecks=prechecks_may_open):
                opened.append(one)
        return opened


def gate(pattern: re.Pattern[str], words: str, precheck: str = "") -> Gate:
    """A gate on any of the space-separated `words`, or on the regular expression `precheck`
    (a plain text precheck, such as "!!!", is looked for as a substring)."""
    if precheck and re.escape(precheck) == precheck:
        return Gate(pattern, frozenset(words.split()), None, precheck.lower())
    return Gate(pattern, frozenset(words.split()), re.compile(precheck, re.IGNORECASE) if precheck else None)


def top_level_alternatives(pattern: str) -> list[str]:
    """Split a regular expression at its top-level "|" (outside groups, classes and escapes)."""
    parts, depth, in_class, escaped, start = [], 0, False, False, 0
    for index, char in enumerate(pattern):
        if escaped:
            escaped = False
        elif char == "\\":
            escaped = True
        elif in_class:
            in_class = char != "]"
        elif char == "[":
            in_class = True
        elif char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
        elif char == "|" and depth == 0:
            parts.append(pattern[start:index])
            start = index + 1
    parts.append(pattern[start:])
    return parts


def _named_alternatives(pattern: re.Pattern[str]) -> list[tuple[str, str]]:
    named = []
    for alternative in top_level_alternatives(pattern.pattern):
        name = re.search(r"\(\?P<(\w+)>", alternative)
        if name is None:
            raise ValueError(f"unnamed alternative {alternative.strip()[:40]!r}")
        named.append((name.group(1), alternative))
    return named


def select_alternatives(pattern: re.Pattern[str], names: Iterable[str]) -> re.Pattern[str]:
    """A pattern of only the named top-level alternatives, in their original order."""
    wanted = set(names)
    return re.compile(
        "|".join(alt for name, alt in _named_alternatives(pattern) if name in wanted), pattern.flags
    )


def gated_families(pattern: re.Pattern[str], gates_by_group: dict[str, tuple[str, str] | None]) -> list[Gate]:
    """One gate per family of a pattern's top-level named alternatives that share the same trigger words.

    `gates_by_group` maps each alternative's group name to (words, precheck), or to None to leave
    it out. Alternatives keep their order inside a family, so ties resolve as in the whole pattern.
    """
    families: dict[tuple[str, str], list[str]] = {}
    for name, alternative in _named_alternatives(pattern):
        if name not in gates_by_group:
            raise ValueError(f"no gate for alternative {name!r}")
        signature = gates_by_group[name]
        if signature is not None:
            families.setdefault(signature, []).append(alternative)
    return [
        gate(re.compile("|".join(alternatives), pattern.flags), words, precheck)
        for (words, precheck), alternatives in families.items()
    ]


_LEADING_ANCHORS = re.compile(
    r"^(?:\\b|\^|\\s\*|\\s\+|\\W\*|\(\?:@person\\W\+\)\*|\(\?:\[A-Za-z\]\[\\w \]\{0,18\}:\\s\+\)\?)+"
)


def leading_words(alternative: str) -> frozenset[str] | None:
    """Words one of which every match of `alternative` contains, read off its leading literal; or None.

    Understands an alternative that starts (after anchors) with a whole plain word ("please\\b...")
    or with a group of whole plain words ("(?:can|could|would)\\s+..."); anything else (a word
    stem, an optional group, a character class) returns None, and the alternative always runs.
    """
    rest = _LEADING_ANCHORS.sub("", alternative)
    if rest.startswith("(?:"):
        end = _closing_parenthesis(rest)
        if end < 0 or not _ends_word(rest[end + 1 :]):
            return None
        items = top_level_alternatives(rest[3:end])
    else:
        lead = re.match(r"[a-z0-9]+(?:'\?[a-z]+)?", rest, re.IGNORECASE)
        if lead is None or not _ends_word(rest[lead.end() :]):
            return None  # a stem such as "unsubscrib" is not a whole token
        items = [lead.group(0)]
    words: set[str] = set()
    for raw_item in items:
        item = raw_item.removeprefix("'")  # "'d like": the token is "d" ("I'd" splits into "i" and "d")
        contraction = re.fullmatch(r"([a-z0-9]+)'\?([a-z]+)(.*)", item, re.IGNORECASE)
        if contraction is not None:
            if contraction.group(3) and not _ends_word(contraction.group(3)):
                return None
            # "let'?s" matches "let's" (tokens "let", "s") and "lets"
            words.update(
                {contraction.group(1).lower(), (contraction.group(1) + contraction.group(2)).lower()}
            )
            continue
        first = re.match(r"[a-z0-9]+", item, re.IGNORECASE)
        if first is None or (item[first.end() :] and not _ends_word(item[first.end() :])):
            return None  # what follows may continue the word ("wonder(?:ing)?", "sign[\\s-]?off")
        words.add(first.group(0).lower())
    return frozenset(words)


# White space, or straight on into a contraction: "(?:i|we)" + WORD_GAP + "(?:need|'d\s+like)" reads
# "I need" and "I'd like" (the gates see the tokens "i", "d").
WORD_GAP = r"(?:\s+|(?='))"

# Words so frequent that a gate on them opens for most sentences: a gate reads the next word instead.
COMMON_WORDS = frozenset(
    {"i", "we", "you", "u", "the", "a", "an", "it", "is", "are", "to", "me", "im", "m", "at", "in", "on"}
    | {"for", "when", "no", "not", "just", "so", "and", "of", "this", "that", "do", "what", "how", "have"}
    | {"if", "can", "will"}
)


def gate_word_groups(alternative: str) -> tuple[frozenset[str], frozenset[str]] | None:
    """The words to gate `alternative` on, as (one of these, and also one of these), or None.

    The first are its leading words. Where those include a very common word ("i", "you") and a
    required word group follows after white space, the gate needs a word of each group ("you" and
    one of "need|must|should"): every match contains both, and the pair is rare where either word
    alone is not. It opens on the group with fewer very common words and then checks the other.
    """
    first = leading_words(alternative)
    if first is None or first.isdisjoint(COMMON_WORDS):
        return (first, frozenset()) if first is not None else None
    rest = _LEADING_ANCHORS.sub("", alternative)
    if rest.startswith("(?:"):
        end = _closing_parenthesis(rest)
        after = rest[end + 1 :]
    else:
        lead = re.match(r"[a-z0-9]+(?:'\?[a-z]+)?", rest, re.IGNORECASE)
        after = rest[lead.end() :] if lead is not None else ""
    follow = re.match(r"\\s\+|" + re.escape(WORD_GAP), after)
    second = leading_words(after[follow.end() :]) if follow is not None else None
    if second is None:
        return first, frozenset()
    # index under the group with fewer very common words; require the other
    if len(second & COMMON_WORDS) < len(first & COMMON_WORDS):
        return second, first
    return first, second


def _closing_parenthesis(text: str) -> int:
    depth = 0
    for index, char in enumerate(text):
        if index and text[index - 1] == "\\":
            continue
        if char == "(":
            depth += 1
        elif char == ")":
            depth -= 1
            if depth == 0:
                return index
    return -1


def _ends_word(after: str) -> bool:
    """Whether what follows a literal ends its word: a boundary, white space, or a fixed apostrophe.

    An empty rest does not: at the end of an alternative the text may go on with more letters.
    """
    if after.startswith("'"):
        return not after.startswith("'?")
    if after.startswith(("\\b", WORD_GAP)):
        return True
    if after.startswith("(?:"):  # a group each of whose options ends the word: "i(?:'m|\\s+am)"
        close = _closing_parenthesis(after)
        if close < 0 or after[close + 1 : close + 2] in ("?", "*", "+", "{"):
            return False
        rest = after[close + 1 :]
        return all(_ends_word(option + rest) for option in top_level_alternatives(after[3:close]))
    for separator in ("\\s", "\\W", " "):
        if after.startswith(separator):
            rest = after[len(separator) :]
            if not rest.startswith(("*", "?")):
                return True
            # "\s*" may be no separator at all ("some\s*time" matches "sometime"): the word ends
            # only if what comes next cannot continue it ("thoughts\s*\?")
            return _NON_WORD_NEXT.match(rest[1:]) is not None
    return False


_NON_WORD_NEXT = re.compile(r"\\[?.!,;:()]|[!,;:]|\\W|\\b|\\s")


def auto_gated(pattern: re.Pattern[str]) -> list[Gate]:
    """Split a pattern into its top-level alternatives, each gated on its leading words when it has them.

    Alternatives without a readable lead are kept together in one gate that always opens. Use only
    where any match of any alternative will do (search), not where match order matters. The pattern
    is read as written: a verbose one (white space and "#" ignored) is refused.
    """
    if pattern.flags & re.VERBOSE:
        raise ValueError("a verbose pattern cannot be split: write it without re.VERBOSE")
    gated: dict[tuple[frozenset[str], frozenset[str]], list[str]] = {}
    ungated: list[str] = []
    for alternative in top_level_alternatives(pattern.pattern):
        groups = gate_word_groups(alternative)
        if groups is None:
            ungated.append(alternative)
        else:
            gated.setdefault(groups, []).append(alternative)
    gates = [
        Gate(re.compile("|".join(alts), pattern.flags), words, requires=requires)
        for (words, requires), alts in gated.items()
    ]
    by_literal: dict[str, list[str]] = {}
    led_by_digit: list[str] = []
    always: list[str] = []
    for alternative in ungated:
        literal = leading_literal(alternative)
        if literal is not None:
            by_literal.setdefault(literal, []).append(alternative)
        elif _LEADING_DIGIT.match(_LEADING_ANCHORS.sub("", alternative)):
            led_by_digit.append(alternative)
        else:
            always.append(alternative)
    for literal, alts in by_literal.items():
        # A word stem ("unsubscrib") or a mark ("$", "<link>"): gated on it as a substring of the
        # lower-cased text (a case-sensitive match of it is in the lower-cased text too).
        gates.append(Gate(re.compile("|".join(alts), pattern.flags), frozenset(), None, literal))
    if led_by_digit:  # "\d+%": only where the text has a digit
        gates.append(Gate(re.compile("|".join(led_by_digit), pattern.flags), frozenset(), ANY_DIGIT))
    if always:
        gates.append(Gate(re.compile("|".join(always), pattern.flags), frozenset(), re.compile("")))
    return gates


# An alternative that starts with a digit ("\d", "[0-9]"), after its anchors.
_LEADING_DIGIT = re.compile(r"\\d|\[0-9\]|\[\\d\]")
ANY_DIGIT = re.compile(r"\d")


# Characters that stand for themselves outside a class (escaped or not), which a literal may hold.
_PLAIN_LEAD = re.compile(r"(?:[a-z0-9@_<>:#%&=~,;\"'!-]|\\[.$@!?*+#&()\[\]{}|^-])+", re.IGNORECASE)
# "\\S+@", "\\w+'s", "\\d+%": one or more of a class, then a literal, which every match therefore holds.
_RUN_BEFORE_LITERAL = re.compile(r"(?:\\S|\\w|\\d)\+")


def leading_literal(alternative: str) -> str | None:
    """The plain text every match of `alternative` starts with ("\\bunsubscrib" -> "unsubscrib",
    "<link>", "\\$\\d" -> "$"), or that follows a leading run of a class ("\\S+@\\S+" -> "@",
    "\\d+%\\s+off" -> "%"),
    lower-cased; None when it starts with anything else (a class, a group) or the text is a short
    piece of a word (two letters say too little)."""
    rest = _LEADING_ANCHORS.sub("", alternative)
    run = _RUN_BEFORE_LITERAL.match(rest)
    if run is not None:
        rest = rest[run.end() :]
    lead = _PLAIN_LEAD.match(rest)
    if lead is None:
        return None
    literal = re.sub(r"\\(.)", r"\1", lead.group(0))
    following = rest[lead.end() : lead.end() + 1]
    if following in ("?", "*", "{") and literal:
        literal = literal[:-1]  # the last character is optional: it cannot be required
    if len(literal) >= 3 or (literal and not literal.isalnum()):
        return literal.lower()
    return None


# Most spellings one alternative's leading word may be spelled out into (see `spell_out_lead`).
MAX_LEAD_SPELLINGS = 64


def spell_out_lead(alternative: str) -> list[str]:
    """The alternative as one alternative per spelling of its leading word, where that word is made of
    plain letters, optional letters and groups: "\\b(?:review|approve)\\s+it" -> "\\breview\\s+it",
    "\\bapprove\\s+it"; "\\bmeet(?:ing)?\\b" -> "\\bmeet\\b", "\\bmeeting\\b"; "\\b(?:mon|tues)day" ->
    "\\bmonday", "\\btuesday". Each can then be gated on its own word. What follows the leading word
    is kept as it is; an alternative with too many spellings is returned whole."""
    anchors = _LEADING_ANCHORS.match(alternative)
    prefix = anchors.group(0) if anchors else ""
    spelled = _lead_spellings(alternative[len(prefix) :])
    if spelled is None:
        return [alternative]
    return [prefix + spelling for spelling in spelled]


def _lead_spellings(fragment: str) -> list[str] | None:
    """Spell out the leading letters and groups of a regular expression fragment; the rest, from the
    first atom that is neither a letter, a digit, an apostrophe, a hyphen nor such a group, follows as
    it is. A group is spelled out when it leads the fragment or when each of its options is only
    letters and groups (then the word may go on after it: "(?:mon|tues)day"). None when a group is
    not closed or the spellings run past MAX_LEAD_SPELLINGS."""
    spellings = [""]
    index = 0
    while index < len(fragment) and len(spellings) <= MAX_LEAD_SPELLINGS:
        if fragment.startswith("(?:", index):
            close = _closing_parenthesis(fragment[index:])
            if close < 0:
                return None
            end = index + close
            quantifier = fragment[end + 1 : end + 2]
            lazy_or_more = quantifier == "?" and fragment[end + 2 : end + 3] in ("?", "+")
            if quantifier in ("*", "+", "{") or lazy_or_more:
                break
            options: list[str] = []
            whole_words = True
            for option in top_level_alternatives(fragment[index + 3 : end]):
                spelled = _lead_spellings(option)
                if spelled is None:
                    return None
                whole_words = whole_words and all(_IS_LEAD_TEXT.fullmatch(one) for one in spelled)
                options.extend(spelled)
            if not whole_words and index > 0:
                break  # "i(?:'m|\s+am)": the gates read such a group where it is
            if quantifier == "?":
                options.append("")
                end += 1
            spellings = [spelling + option for spelling in spellings for option in options]
            index = end + 1
            if not whole_words:
                break  # a leading group of phrases: what follows stays as it is
            continue
        char = fragment[index]
        if not _IS_LEAD_TEXT.fullmatch(char):
            break
        following = fragment[index + 1 : index + 2]
        lazy_or_more = following == "?" and fragment[index + 2 : index + 3] in ("?", "+")
        if following in ("*", "+", "{") or lazy_or_more:
            break
        if following == "?":
            spellings = [spelling + choice for spelling in spellings for choice in (char, "")]
            index += 2
        else:
            spellings = [spelling + char for spelling in spellings]
            index += 1
    if len(spellings) > MAX_LEAD_SPELLINGS:
        return None
    rest = fragment[index:]
    return [spelling + rest for spelling in spellings]


_IS_LEAD_TEXT = re.compile(r"[A-Za-z0-9'-]*")


def lowered_form(alternative: str, flags: int) -> str | None:
    """The alternative rewritten to run case-sensitively on lower-cased text, or None where it can't.

    "\\bcan\\s+you" becomes "can(?<!\\wcan)\\s+you": the same matches (the look-behind after the leading
    letters says what the "\\b" before them said), but `re` can find a pattern that starts with
    plain letters by a fast scan, where "\\b" or re.I make it try every position. Only for
    alternatives that read the same on lower-cased text (`case_in_pattern`).
    """
    body = alternative.removeprefix("\\b")
    if not flags & re.IGNORECASE or body is alternative or case_in_pattern(body) is not None:
        return None
    lead = re.match(r"[a-z0-9]+", body)
    if lead is None:
        return None
    letters = lead.group(0)
    if body[lead.end() : lead.end() + 1] in ("?", "*", "+", "{"):
        letters = letters[:-1]  # the last letter is repeated or optional: not part of the fixed lead
    if not letters:
        return None
    return f"{letters}(?<!\\w{letters}){body[len(letters) :]}"


def case_in_pattern(source: str) -> str | None:
    """What in a regular expression would read differently case-sensitively on lower-cased text
    than case-insensitively on the text: a letter with case other than a-z, written or given by its
    code ("[A-Z]", "\\u0130"), or a character given by its name; None when there is none. Escapes
    such as \\W, \\S and \\B and the names of groups say nothing of the text's case."""
    index = 0
    while index < len(source):
        char = source[index]
        if char == "\\":
            escaped = source[index + 1 : index + 2]
            if escaped == "N":
                return f"a character given by its name: {source[index : index + 12]!r}"
            digits = {"x": 2, "u": 4, "U": 8}.get(escaped, 0)  # a character given by its code
            if digits and _has_case_beyond_a_to_z(chr(int(source[index + 2 : index + 2 + digits], 16))):
                return f"a character given by its code that has case: {source[index : index + 2 + digits]!r}"
            index += 2 + digits
            continue
        if source.startswith(("(?P<", "(?P="), index):  # a group's name says nothing of the text
            index = source.index(">" if source[index + 3] == "<" else ")", index) + 1
            continue
        if _has_case_beyond_a_to_z(char):
            near = source[max(0, index - 10) : index + 10]
            return f"upper case or a letter beyond a-z in the pattern: {near!r}"
        index += 1
    return None


def _has_case_beyond_a_to_z(char: str) -> bool:
    return char.lower() != char.upper() and not "a" <= char <= "z"


def for_lower_case(pattern: re.Pattern[str]) -> re.Pattern[str]:
    """A case-insensitive pattern made case-sensitive, to run on `lower_case(text)`: the same matches
    at the same places (lower_case keeps every character where it was), found faster. Under
    re.IGNORECASE the engine lower-cases each character it compares and must enter every branch of
    an alternation; on lower-cased text a branch whose first letter differs fails at once.

    The pattern must read the same on lower-cased text (`case_in_pattern`); one that does not is
    refused. A group it captures holds the lower-cased text.
    """
    if not pattern.flags & re.IGNORECASE:
        raise ValueError("not a case-insensitive pattern")
    case = case_in_pattern(pattern.pattern)
    if case is not None:
        raise ValueError(case)
    made = re.compile(pattern.pattern, pattern.flags & ~re.IGNORECASE)
    _FOR_LOWER_CASE.append((pattern, made))
    return made


# Every pattern made by `for_lower_case`, with the pattern it was made from (for the tests that
# check the two find the same).
_FOR_LOWER_CASE: list[tuple[re.Pattern[str], re.Pattern[str]]] = []


def patterns_for_lower_case() -> tuple[tuple[re.Pattern[str], re.Pattern[str]], ...]:
    """(the case-insensitive pattern, the one made from it for lower-cased text), for each made."""
    return tuple(_FOR_LOWER_CASE)


class AnyOf:
    """Search a pattern split into gated alternatives: only the ones whose trigger words the text has.

    Alternatives are indexed by trigger word, so a search costs one look-up per word of the text
    instead of one gate check per alternative; an alternative's leading word is spelled out into one
    alternative per spelling (`spell_out_lead`). A match is only good for its truth: it may be a
    match in the lower-cased text, and which of several alternatives is found first follows set
    order. Where the match itself is read, search the whole pattern once this says there is one.
    """

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern  # the whole pattern, for callers that need it (sub, tests)
        self._always: list[re.Pattern[str]] = []
        self._by_literal: list[tuple[str, re.Pattern[str]]] = []
        self._by_digit: list[re.Pattern[str]] = []  # alternatives that start with a digit
        # trigger word -> (pattern, whether it runs on lower-cased text, words of which the text
        # must also have one)
        entries: dict[str, list[tuple[re.Pattern[str], bool, frozenset[str]]]] = {}
        expanded = "|".join(
            part for whole in top_level_alternatives(pattern.pattern) for part in spell_out_lead(whole)
        )
        for one in auto_gated(re.compile(expanded, pattern.flags)):
            if one.literal:
                self._by_literal.append((one.literal, one.pattern))
                continue
            if one.precheck is ANY_DIGIT:
                self._by_digit.append(one.pattern)
                continue
            if not one.words:
                self._always.append(one.pattern)
                continue
            # alternatives that can run on lower-cased text, and the others, as two patterns
            alternatives = top_level_alternatives(one.pattern.pattern)
            lowered_forms = [lowered_form(alt, pattern.flags) for alt in alternatives]
            fast = [form for form in lowered_forms if form is not None]
            slow = [alt for alt, form in zip(alternatives, lowered_forms, strict=True) if form is None]
            added: list[tuple[re.Pattern[str], bool, frozenset[str]]] = []
            if fast:
                added.append((re.compile("|".join(fast), pattern.flags & ~re.IGNORECASE), True, one.requires))
            if slow:
                added.append((re.compile("|".join(slow), pattern.flags), False, one.requires))
            for word in one.words:
                entries.setdefault(word, []).extend(added)
        self._entries = {word: tuple(found) for word, found in entries.items()}
        self._trigger_words = frozenset(self._entries)

    @property
    def ungated(self) -> tuple[str, ...]:
        """The alternatives that run on every text: no trigger word or literal could be read off them
        (a lookahead in a leading group is enough to lose it)."""
        return tuple(pattern.pattern for pattern in self._always)

    def search(self, text: str, words: frozenset[str] | None = None) -> re.Match[str] | None:
        """The first match found, or None. `words` may stand in for the text's own words (any set
        that contains them, such as the words of the whole message the text is part of)."""
        if self._always:
            for always in self._always:
                found = always.search(text)
                if found is not None:
                    return found
        lowered = ""
        if self._by_literal:
            lowered = lower_case(text)
            for literal, stem_pattern in self._by_literal:
                if literal in lowered:
                    found = stem_pattern.search(text)
                    if found is not None:
                        return found
        if self._by_digit and ANY_DIGIT.search(text) is not None:
            for led_by_digit in self._by_digit:
                found = led_by_digit.search(text)
                if found is not None:
                    return found
        if words is None:
            words = word_set(text)
        if self._trigger_words.isdisjoint(words):
            return None  # the usual case: no set is built
        # (an alternative filed under two words the text has may run twice: cheaper than keeping count)
        for word in self._trigger_words.intersection(words):
            for candidate, on_lowered, requires in self._entries[word]:
                if requires and requires.isdisjoint(words):
                    continue
                if on_lowered:
                    lowered = lowered or lower_case(text)
                    found = candidate.search(lowered)
                else:
                    found = candidate.search(text)
                if found is not None:
                    return found
        return None


def split_and_gate(pattern: re.Pattern[str]) -> AnyOf:
    return AnyOf(pattern)
