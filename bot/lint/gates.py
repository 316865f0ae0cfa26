"""Run an expensive pattern only when the text contains a word it could match.

Python's `re` tries every alternative of a large alternation at every position; most chat
messages contain none of the words such a pattern is about, so a set intersection (about a
microsecond) saves the scan. A gate must list, for every alternative of its pattern, a word
that any match of that alternative contains (or a character, for patterns such as "!!!").
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_WORD = re.compile(r"[a-z0-9]+")


@lru_cache(maxsize=4096)
def word_set(text: str) -> frozenset[str]:
    """The lower-cased alphanumeric words of a text ("don't" gives "don" and "t")."""
    return frozenset(_WORD.findall(text.lower()))


@dataclass(frozen=True)
class Gate:
    pattern: re.Pattern[str]
    words: frozenset[str]
    characters: str = ""

    def opens_for(self, text: str) -> bool:
        return not self.words.isdisjoint(word_set(text)) or any(char in text for char in self.characters)

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.opens_for(text) else None

    def finditer(self, text: str) -> list[re.Match[str]]:
        return list(self.pattern.finditer(text)) if self.opens_for(text) else []


def gate(pattern: re.Pattern[str], words: str, characters: str = "") -> Gate:
    return Gate(pattern, frozenset(words.split()), characters)


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


def gated_families(pattern: re.Pattern[str], gates_by_group: dict[str, tuple[str, str]]) -> list[Gate]:
    """One gate per family of a pattern's top-level named alternatives that share the same trigger words.

    `gates_by_group` maps each alternative's group name to (words, characters). Alternatives keep
    their order inside a family, so ties at one position resolve as in the whole pattern.
    """
    families: dict[tuple[str, str], list[str]] = {}
    for alternative in top_level_alternatives(pattern.pattern):
        name = re.search(r"\(\?P<(\w+)>", alternative)
        if name is None or name.group(1) not in gates_by_group:
            raise ValueError(f"no gate for alternative {alternative.strip()[:40]!r}")
        families.setdefault(gates_by_group[name.group(1)], []).append(alternative)
    return [
        Gate(re.compile("|".join(alternatives), pattern.flags), frozenset(words.split()), characters)
        for (words, characters), alternatives in families.items()
    ]
