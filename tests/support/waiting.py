"""Polling for an effect that another process or thread produces."""

from __future__ import annotations

import time
from collections.abc import Callable


def wait_until(condition: Callable[[], bool], *, timeout_s: float = 5, interval_s: float = 0.05) -> bool:
    """Poll `condition` until it holds or `timeout_s` passes; return its last value."""
    deadline = time.monotonic() + timeout_s
    while not condition() and time.monotonic() < deadline:
        time.sleep(interval_s)
    return condition()
