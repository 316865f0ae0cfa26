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


@lru_cache(maxsize=4096)
def word_set(text: str) -> frozenset[str]:
    """The lower-cased alphanumeric words of a text ("don't" gives "don" and "t")."""
    return frozenset(_WORD.findall(text.lower()))


@dataclass(frozen=True)
class Gate:
    """A pattern with its trigger: any of `words`, or a match of the small `precheck` pattern."""

    pattern: re.Pattern[str]
    words: frozenset[str]
    precheck: re.Pattern[str] | None = None

    def opens_for(self, text: str) -> bool:
        if not self.words.isdisjoint(word_set(text)):
            return True
        return self.precheck is not None and self.precheck.search(text) is not None

    def search(self, text: str) -> re.Match[str] | None:
        return self.pattern.search(text) if self.opens_for(text) else None

    def finditer(self, text: str) -> list[re.Match[str]]:
        return list(self.pattern.finditer(text)) if self.opens_for(text) else []


def gate(pattern: re.Pattern[str], words: str, precheck: str = "") -> Gate:
    """A gate on any of the space-separated `words`, or on the regular expression `precheck`."""
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
