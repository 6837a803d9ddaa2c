"""Spread independent per-page work over processes, results in page order.

Pages never depend on each other, so each is handled by one worker with only
that page and its catalogs in memory. Results come back in the order of the
inputs, whatever order the workers finish in, so output and reports are the
same for any ``--jobs``. The first error (in page order) stops the run.

``extract`` and ``build`` start the pool's first worker with ``start_early``
(``cli/main.py``) before loading their command line: that worker loads the
libraries the pages need while the command loads click and its config, then forks
the other workers, which find them loaded.
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
"""Below this many pages a pool costs more than it saves: work in the calling process
(or in a worker started early, alone)."""


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


def _before_fork() -> None:
    """Flush this process's output (a worker must not write it again) and load ctypes, which
    ``_worker_start`` needs: once here, not in each worker (the commit, ``runtime/swap.py``,
    loads it in this process anyway)."""
    with contextlib.suppress(ImportError):
        import ctypes  # noqa: F401
    sys.stdout.flush()
    sys.stderr.flush()


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
    early = _EARLY.pop() if _EARLY else None
    if early is not None:
        # Few items go to the early worker alone: it has loaded what they need meanwhile.
        wanted = min(count, len(items), early.count) if len(items) >= SMALL_RUN else 1
        if items and early.hand_over(work, items, wanted):
            workers = dict.fromkeys(early.results[:wanted], early.pid)
            yield from _gathered(items, wanted, progress, early.tasks, workers)
            return
        early.dismiss()
    if count == 1 or len(items) < SMALL_RUN or not hasattr(os, "fork"):
        for done, item in enumerate(items):
            if progress:
                progress(done)
            yield work(item)
        return
    yield from _forked(work, items, min(count, len(items)), progress)


class _Early:
    """A pool's first worker, started before its work was known (``start_early``)."""

    __slots__ = ("count", "payload", "pid", "results", "tasks")

    def __init__(self, count: int, pid: int, payload: int, tasks: int, results: list[int]) -> None:
        self.count = count
        self.pid = pid
        self.payload = payload
        """Write end of the pipe that carries the pickled work and items to the worker."""
        self.tasks = tasks
        self.results = results
        """Read ends of every worker's result pipe, the first worker's first."""

    def hand_over(self, work: Callable[[Item], object], items: Sequence[Item], count: int) -> bool:
        """Send the work, the items and how many workers share them (this one and ``count - 1``
        it forks); False (the pool is then dismissed) if they cannot go."""
        import pickle

        try:
            data = pickle.dumps((work, items, count), pickle.HIGHEST_PROTOCOL)
        except Exception:  # something in the items cannot be pickled: the workers are forked now
            return False
        try:
            view = memoryview(data)
            while view:
                view = view[os.write(self.payload, view) :]
        except OSError:  # the worker is gone
            return False
        os.close(self.payload)
        for fd in self.results[count:]:  # the workers not needed
            os.close(fd)
        return True

    def dismiss(self) -> None:
        """Stop the worker: the command works in this process, or forks its workers itself."""
        with contextlib.suppress(ProcessLookupError):
            os.kill(self.pid, signal.SIGKILL)
        for fd in (self.payload, self.tasks, *self.results):
            with contextlib.suppress(OSError):
                os.close(fd)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(self.pid, 0)


_EARLY: list[_Early] = []
"""The pool started by ``start_early``, until ``map_pages`` takes it."""


def start_early(modules: Sequence[str], jobs: int | None = None) -> None:
    """Start the first worker of the next ``map_pages`` pool now, before its work is known.

    It imports ``modules`` (what the work needs and this process has not loaded yet),
    then waits. ``map_pages`` sends it the work and the items, and it forks the
    pool's other workers, which share what it loaded; fewer than ``SMALL_RUN`` items
    it does alone (this process has not loaded those modules: the worker is the
    quicker way). If this process ends first, the worker sees its pipe close and ends.
    """
    count = default_jobs() if jobs is None else jobs
    if count < 2 or _EARLY or not hasattr(os, "fork"):
        return
    _before_fork()
    payload_read, payload_write = os.pipe()
    tasks_read, tasks_write = os.pipe()
    pipes = [os.pipe() for _ in range(count)]
    pid = os.fork()
    if pid == 0:  # the first worker: never returns
        for fd in (payload_write, tasks_write, *(read for read, _write in pipes)):
            os.close(fd)
        _first_worker(modules, payload_read, tasks_read, [write for _read, write in pipes])
    for fd in (payload_read, tasks_read, *(write for _read, write in pipes)):
        os.close(fd)
    _EARLY.append(_Early(count, pid, payload_write, tasks_write, [read for read, _write in pipes]))


def _first_worker(modules: Sequence[str], payload: int, tasks: int, results: list[int]) -> None:
    """The early worker's life: load ``modules``, wait for the work, fork the other workers, work."""
    import importlib
    import pickle

    code = 1
    try:
        _worker_start()
        for name in modules:
            importlib.import_module(name)
        chunks = []
        while chunk := os.read(payload, 1 << 16):
            chunks.append(chunk)
        os.close(payload)
        if not chunks:  # dismissed, or the command ended before handing out work
            code = 0
            return
        work, items, count = pickle.loads(b"".join(chunks))
        others = []
        for index in range(1, count):
            pid = os.fork()
            if pid == 0:  # never returns
                for other in results[:index] + results[index + 1 :]:
                    os.close(other)
                _work_from(work, items, tasks, results[index])
            others.append(pid)
        for fd in results[1:]:
            os.close(fd)
        code = _serve(work, items, tasks, results[0])
        for pid in others:  # the others die with this process: it waits for them
            os.waitpid(pid, 0)
    except BaseException:  # interrupted, or a broken pipe: the parent sees the pipes close
        code = 1
    finally:
        os._exit(code)


def _forked(
    work: Callable[[Item], Result],
    items: Sequence[Item],
    count: int,
    progress: Callable[[int], None] | None,
) -> Iterator[Result]:
    """The pool: ``count`` workers forked now, which already hold ``items`` in their memory."""
    _before_fork()
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
    except BaseException:
        _stop(tasks_write, workers)
        raise
    finally:
        os.close(tasks_read)
    yield from _gathered(items, count, progress, tasks_write, workers)


def _gathered(
    items: Sequence[Item],
    count: int,
    progress: Callable[[int], None] | None,
    tasks_write: int,
    workers: dict[int, int],
) -> Iterator[Result]:
    """The results of the workers ``workers`` (result pipe -> pid), in item order.

    This process writes item numbers to one pipe that every worker reads from (each
    4-byte number is one atomic read, so each item goes to exactly one worker), at
    most ``_AHEAD`` per worker beyond the first result not yet yielded; each worker
    writes its results, pickled and numbered, to a pipe of its own. Nothing but
    numbers and results crosses a pipe, and no thread is started.
    """
    import pickle
    import selectors

    finished = False
    try:
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
        finished = True
    finally:
        _stop(tasks_write, workers, kill=not finished)


def _stop(tasks_write: int, workers: dict[int, int], kill: bool = True) -> None:
    """Close the pipes and end the workers: killed when stopping early, else waited for.

    Done, each worker ends as soon as it finds the task pipe empty; waiting for it
    (and an early worker for those it forked) counts their CPU time in this process's
    children's, as ``time`` and the bench read it.
    """
    if tasks_write >= 0:
        with contextlib.suppress(OSError):  # closed already when every item was handed out
            os.close(tasks_write)
    for fd in workers:
        os.close(fd)
    for pid in set(workers.values()):
        if kill:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)
        with contextlib.suppress(ChildProcessError):
            os.waitpid(pid, 0)


_AHEAD = 4
"""Items handed out per worker beyond the first result not yet yielded: results wait in
memory only this far."""
_NUMBER = struct.Struct("<I")
_HEADER = struct.Struct("<II")  # item number, size of the pickled result


def _work_from(work: Callable[[Item], object], items: Sequence[Item], tasks: int, results: int) -> None:
    """A forked worker's life: ``_serve``, then exit."""
    code = 1
    try:
        _worker_start()
        code = _serve(work, items, tasks, results)
    finally:
        os._exit(code)


def _serve(work: Callable[[Item], object], items: Sequence[Item], tasks: int, results: int) -> int:
    """Take item numbers until the pipe is empty, send back each result or error; the exit code."""
    import pickle

    try:
        while True:
            number_bytes = os.read(tasks, _NUMBER.size)
            if not number_bytes:
                return 0
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
        return 1


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
