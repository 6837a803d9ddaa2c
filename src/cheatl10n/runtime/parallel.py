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
import struct
import sys
from collections.abc import Callable, Iterator, Sequence
from typing import TypeVar

from cheatl10n.runtime import fsio

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

    ``work`` must be a module-level function and its results and errors picklable.
    ``progress`` is called with the number of items done, in order.
    """
    count = default_jobs() if jobs is None else max(1, jobs)
    if count == 1 or len(items) < SMALL_RUN or not hasattr(os, "fork"):
        for done, item in enumerate(items):
            if progress:
                progress(done)
            yield work(item)
        return
    yield from _forked(work, items, min(count, len(items)), progress)


def _forked(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    count: int,
    progress: Callable[[int], None] | None,
) -> Iterator[Result]:
    """The pool: ``count`` forked workers, which already hold ``items`` in their memory.

    The parent writes item numbers to one pipe that every worker reads from (each
    4-byte number is one atomic read, so each item goes to exactly one worker), at
    most ``_AHEAD`` per worker beyond the first result not yet yielded; each worker
    writes its results, pickled and numbered, to a pipe of its own. Nothing but
    numbers and results crosses a pipe, and no thread is started.
    """
    import pickle
    import selectors

    with contextlib.suppress(ImportError):  # for _worker_start: loaded once here, not in each worker
        import ctypes  # noqa: F401 - the commit (runtime/swap.py) loads it in this process anyway

    sys.stdout.flush()
    sys.stderr.flush()
    tasks_read, tasks_write = os.pipe()
    workers: dict[int, int] = {}  # result pipe -> pid
    try:
        for _ in range(count):
            result_read, result_write = os.pipe()
            pid = os.fork()
            if pid == 0:  # the worker: never returns
                os.close(tasks_write)
                os.close(result_read)
                for other in workers:
                    os.close(other)
                _work_from(work, items, tasks_read, result_write)
            os.close(result_write)
            workers[result_read] = pid
        os.close(tasks_read)
        tasks_read = -1
        results: dict[int, tuple[bool, object]] = {}
        buffers = {fd: bytearray() for fd in workers}
        selector = selectors.DefaultSelector()
        for fd in workers:
            selector.register(fd, selectors.EVENT_READ)
        sent = 0
        window = count * _AHEAD
        for done in range(len(items)):
            if sent < len(items) and sent < done + window:
                upto = min(len(items), done + window)
                os.write(tasks_write, b"".join(_NUMBER.pack(n) for n in range(sent, upto)))
                sent = upto
                if sent == len(items):
                    os.close(tasks_write)  # the workers stop when the pipe is empty
                    tasks_write = -1
            while done not in results:
                if not selector.get_map():
                    raise RuntimeError("a worker process died before finishing its pages")
                for key, _events in selector.select():
                    fd = int(key.fd)
                    chunk = os.read(fd, 1 << 16)
                    if not chunk:  # a worker ended: normal only once every item was handed out
                        selector.unregister(fd)
                        if tasks_write >= 0:
                            raise RuntimeError("a worker process died before finishing its pages")
                        continue
                    buffer = buffers[fd]
                    buffer += chunk
                    while len(buffer) >= _HEADER.size:
                        number, size = _HEADER.unpack_from(buffer)
                        if len(buffer) < _HEADER.size + size:
                            break
                        results[number] = pickle.loads(buffer[_HEADER.size : _HEADER.size + size])
                        del buffer[: _HEADER.size + size]
            if progress:
                progress(done)
            ok, value = results.pop(done)
            if not ok:
                assert isinstance(value, BaseException)
                raise value
            yield value  # type: ignore[misc]
    finally:
        for fd in (tasks_read, tasks_write):
            if fd >= 0:
                os.close(fd)
        for fd, pid in workers.items():
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)  # all done, or stopping early: either way they go
            os.close(fd)
        for pid in workers.values():
            with contextlib.suppress(ChildProcessError):
                os.waitpid(pid, 0)


_AHEAD = 4
"""Items handed out per worker beyond the first result not yet yielded: results wait in
memory only this far."""
_NUMBER = struct.Struct("<I")
_HEADER = struct.Struct("<II")  # item number, size of the pickled result


def _work_from(work: Callable[[Item], object], items: Sequence[Item], tasks: int, results: int) -> None:
    """A worker's life: take item numbers until the pipe is empty, send back each result or error."""
    import pickle

    code = 0
    try:
        _worker_start()
        while True:
            number_bytes = os.read(tasks, _NUMBER.size)
            if not number_bytes:
                break
            (number,) = _NUMBER.unpack(number_bytes)
            try:
                outcome: tuple[bool, object] = (True, work(items[number]))
            except Exception as exc:  # sent to the parent, which raises it in item order
                _note_traceback(exc)
                outcome = (False, exc)
            try:
                data = pickle.dumps(outcome, pickle.HIGHEST_PROTOCOL)
            except Exception as exc:  # an error that cannot be pickled is told by its text
                data = pickle.dumps((False, RuntimeError(f"{type(exc).__name__}: {exc}")))
            view = memoryview(_HEADER.pack(number, len(data)) + data)
            while view:
                view = view[os.write(results, view) :]
    except BaseException:  # interrupted, or a broken pipe: the parent sees the pipe close
        code = 1
    finally:
        os._exit(code)


def _note_traceback(exc: Exception) -> None:
    """Keep the worker's traceback with an error that is a bug, for ``--debug`` in the parent.

    The traceback itself does not cross the pipe; a note (Python 3.11) does, and
    Python prints notes under the parent's traceback. Errors that report bad input
    (``Cheatl10nError``) are one line for the user and need none.
    """
    from cheatl10n.errors import Cheatl10nError

    if not isinstance(exc, Cheatl10nError):
        import traceback

        exc.add_note("Raised in a worker process:\n" + "".join(traceback.format_exception(exc)).rstrip())
