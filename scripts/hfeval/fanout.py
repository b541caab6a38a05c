"""Many models at once: a bounded thread pool where one model's failure is that model's answer.

`trending`, `collect` and `batch` each do the same few Hub requests for a hundred models.
The requests wait on the network, not the CPU, so threads overlap the waiting; the bound
(`--concurrency`) keeps us polite to the Hub, and the gateway (`HubClient`) already
retries 429s and 5xx with `Retry-After` honoured. What this module adds is the rule that a
model whose work raises is reported as that model's failure and never stops the run.
"""

from __future__ import annotations

import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, ThreadPoolExecutor, wait
from dataclasses import dataclass
from typing import Generic, TypeVar

from .errors import EvalToolError
from .redact import redact

T = TypeVar("T")
R = TypeVar("R")

DEFAULT_CONCURRENCY = 16
MAX_CONCURRENCY = 32


@dataclass
class Done(Generic[T, R]):
    """One item's answer: its value, or the one-line error that stood in for it."""

    index: int  # position in the input
    item: T
    value: R | None = None
    error: str | None = None
    error_type: str | None = None  # the EvalToolError class name, for statuses (never its text)

    @property
    def ok(self) -> bool:
        return self.error is None


def as_completed_bounded(
    func: Callable[[T], R],
    items: Iterable[T],
    *,
    concurrency: int = DEFAULT_CONCURRENCY,
    stop: threading.Event | None = None,
) -> Iterator[Done[T, R]]:
    """`func(item)` for every item, at most `concurrency` at a time, yielded as each finishes.

    At most `concurrency` items are in flight (not submitted all at once), so a caller that
    stops early (Ctrl-C, `stop` set, a `--max-prs` reached) leaves nothing started behind
    it but the items already running, which finish before this returns.
    """
    concurrency = max(1, min(int(concurrency), MAX_CONCURRENCY))
    pending = list(enumerate(items))
    pending.reverse()
    running: dict[Future, tuple[int, T]] = {}
    with ThreadPoolExecutor(max_workers=concurrency, thread_name_prefix="hfeval") as pool:
        try:
            while pending or running:
                while pending and len(running) < concurrency and not (stop and stop.is_set()):
                    index, item = pending.pop()
                    running[pool.submit(func, item)] = (index, item)
                if not running:
                    break
                finished, _ = wait(running, return_when=FIRST_COMPLETED)
                for future in finished:
                    index, item = running.pop(future)
                    yield _done(index, item, future)
        finally:
            for future in running:
                future.cancel()


def map_bounded(
    func: Callable[[T], R], items: Iterable[T], *, concurrency: int = DEFAULT_CONCURRENCY
) -> list[Done[T, R]]:
    """Every item's `Done`, in input order."""
    return sorted(as_completed_bounded(func, items, concurrency=concurrency), key=lambda d: d.index)


def _done(index: int, item: T, future: Future) -> Done:
    try:
        return Done(index, item, value=future.result())
    except EvalToolError as error:
        return Done(index, item, error=redact(error.message), error_type=type(error).__name__)
    except Exception as error:  # noqa: BLE001 - one model's bug must not stop a hundred
        line = (f"unexpected {type(error).__name__}: {error}".splitlines() or ["?"])[0]
        return Done(index, item, error=redact(line), error_type=type(error).__name__)
