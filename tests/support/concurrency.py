"""Run one callable from several threads released at the same moment."""

from __future__ import annotations

import threading
from collections.abc import Callable
from typing import TypeVar

T = TypeVar("T")


def run_at_once(work: Callable[[], T], *, threads: int) -> tuple[list[T], list[BaseException]]:
    """Results and errors of `work` run by `threads` threads that all start together."""
    results: list[T] = []
    errors: list[BaseException] = []
    lock = threading.Lock()
    start = threading.Barrier(threads)

    def run() -> None:
        start.wait()
        try:
            outcome = work()
        except BaseException as error:  # collected for the test to assert on
            with lock:
                errors.append(error)
            return
        with lock:
            results.append(outcome)

    workers = [threading.Thread(target=run) for _ in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    return results, errors
