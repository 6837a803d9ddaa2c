"""Spread independent per-page work over processes, results in page order.

Pages never depend on each other, so each is handled by one worker with only
that page and its catalogs in memory. Results come back in the order of the
inputs, whatever order the workers finish in, so output and reports are the
same for any ``--jobs``. The first error (in page order) stops the run.
"""

from __future__ import annotations

import contextlib
import os
import signal
from collections.abc import Callable, Iterator, Sequence
from typing import TYPE_CHECKING, TypeVar

from cheatl10n import fsio

if TYPE_CHECKING:
    from concurrent.futures import Future

Item = TypeVar("Item")
Result = TypeVar("Result")

_PR_SET_PDEATHSIG = 1
SMALL_RUN = 16
"""Below this many pages a pool costs more than it saves: work in the calling process."""


def _worker_start() -> None:
    """In each forked worker: die with the parent, and let go of the parent's site lock.

    A worker shares the lock's open file with its parent; if the parent is killed,
    a worker that lived on would keep the site locked. Closing the copy (never
    unlocking it) leaves the lock to the parent alone.
    """
    for descriptor in fsio.HELD_LOCKS:
        with contextlib.suppress(OSError):
            os.close(descriptor)
    with contextlib.suppress(OSError, AttributeError):
        import ctypes

        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(_PR_SET_PDEATHSIG, signal.SIGKILL)  # Linux: killed when the parent dies
        if os.getppid() == 1:  # the parent died before prctl took effect
            os._exit(1)


def default_jobs() -> int:
    """One worker per core the process may use."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except AttributeError:  # pragma: no cover - not on Linux
        return max(1, os.cpu_count() or 1)


def map_pages(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    jobs: int | None = None,
    progress: Callable[[int], None] | None = None,
) -> Iterator[Result]:
    """``work(item)`` for each item, in item order, over ``jobs`` processes.

    ``work`` must be a module-level function and items picklable. ``progress``
    is called with the number of items done, in order.
    """
    count = default_jobs() if jobs is None else max(1, jobs)
    if count == 1 or len(items) < SMALL_RUN:
        for done, item in enumerate(items):
            if progress:
                progress(done)
            yield work(item)
        return
    import multiprocessing  # loaded only when a pool is used: small runs stay in this process
    from concurrent.futures import ProcessPoolExecutor

    context = multiprocessing.get_context(
        "fork" if "fork" in multiprocessing.get_all_start_methods() else None
    )
    window = count * 4  # bounded look-ahead: results wait in memory only this far
    with ProcessPoolExecutor(max_workers=count, mp_context=context, initializer=_worker_start) as pool:
        pending: list[Future[Result]] = []
        next_item = 0
        try:
            for done in range(len(items)):
                while next_item < len(items) and len(pending) < window:
                    pending.append(pool.submit(work, items[next_item]))
                    next_item += 1
                if progress:
                    progress(done)
                yield pending.pop(0).result()
        finally:
            for future in pending:
                future.cancel()
