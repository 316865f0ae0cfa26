"""A per-process cache of what belongs to a workspace, kept while the workspace's version of it stays.

The database bumps `workspace_settings.settings_version` (channel settings, holidays, rule feedback)
and `people_version` (profiles) in the same transaction as any change to a row kept here (triggers,
migration 0017), whichever process or code path makes it. A reader reads the versions first (with the
workspace's row, which it reads anyway) and then asks for values at them: a change committed in
between only makes it read again, never use a value older than the version it read. A cached row is
a copy no session holds, so nobody's change leaks into it.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Hashable
from typing import Any, TypeVar

from sqlalchemy import inspect

T = TypeVar("T")
MAX_SCOPES = 2_000
MAX_VALUES_PER_SCOPE = 5_000


class VersionedCache:
    """Values by (scope, key), kept while the scope's version stays; a scope is a workspace's part
    with a counter of its own (its settings, its people)."""

    def __init__(self, *, max_scopes: int = MAX_SCOPES, max_values: int = MAX_VALUES_PER_SCOPE) -> None:
        self._max_scopes, self._max_values = max_scopes, max_values
        self._entries: OrderedDict[str, tuple[int, dict[Hashable, Any]]] = OrderedDict()
        self._lock = threading.Lock()
        self.hits = self.misses = 0

    def get_or_load(self, scope: str, version: int, key: Hashable, load: Callable[[], T]) -> T:
        """The value for `key` at the scope's `version`: kept, or loaded and kept."""
        with self._lock:
            entry = self._entries.get(scope)
            if entry is not None and entry[0] == version and key in entry[1]:
                self._entries.move_to_end(scope)
                self.hits += 1
                return entry[1][key]  # type: ignore[no-any-return]
            self.misses += 1
        value = load()
        with self._lock:
            entry = self._entries.get(scope)
            if entry is None or entry[0] != version:
                entry = (version, {})  # a version identifies the scope's values: the others are gone
            values = entry[1]
            if len(values) >= self._max_values:
                values.clear()  # a scope with more than that many values (people): start again
            values[key] = value
            self._entries[scope] = entry
            self._entries.move_to_end(scope)
            while len(self._entries) > self._max_scopes:
                self._entries.popitem(last=False)
        return value


def detached_copy(row: T) -> T:
    """A copy of an ORM row that belongs to no session (its columns' values; lists copied)."""
    mapper = inspect(type(row))
    copy = type(row)()
    for attribute in mapper.column_attrs:
        value = getattr(row, attribute.key)
        setattr(copy, attribute.key, list(value) if isinstance(value, list) else value)
    return copy
