"""The only writer: atomic file writes, staged as one transaction, under a site lock.

Every output is written to a temp file beside its target; all of them are
synced to disk, then targets are replaced, only when the whole run succeeded, so a page or catalog on
disk is always either its old or its new content. Each target keeps the fingerprint of
what the run read there, and a target changed meanwhile stops the commit (``swap.py``).
A commit a killed run left half done is finished when the next run takes the site lock;
other temp files a killed run left behind are removed the next time a run writes to their folder.
"""

from __future__ import annotations

import contextlib
import errno
import fcntl
import os
from collections.abc import Callable, Iterable, Iterator
from pathlib import Path

from cheatl10n.runtime.record import TEMP_MARK
from cheatl10n.runtime.swap import (
    JOURNAL,
    Fingerprint,
    check_unchanged,
    fingerprint,
    fingerprint_of,
    finish_killed_commit,
    put_in_place,
)

HELD_LOCKS: list[int] = []
"""Descriptors of site locks this process holds; forked workers close their copies."""


SYNC_EACH = 32
"""Up to this many staged files, a commit syncs each one instead of the whole system."""


def sync_file(path: Path) -> None:
    """Flush a file's data to disk."""
    fd = os.open(path, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def write_temp(
    target: Path, data: bytes, sync: bool = False, mode: int | None = None, new: bool = False
) -> Path:
    """Write ``data`` to a temp file beside ``target``; the caller syncs and moves it into place.

    The temp file gets the target's permissions: ``mode`` when the caller has
    them, a new file's (0o666 less the umask) when the caller knows there is no
    target (``new``), or else whatever the target has.
    """
    temp = target.parent / f".{target.name}{TEMP_MARK}{os.getpid()}"
    flags = os.O_WRONLY | os.O_CREAT | os.O_TRUNC
    try:
        fd = os.open(temp, flags, 0o666)
    except FileNotFoundError:  # a new folder: made only then, not stat'ed for every file
        target.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(temp, flags, 0o666)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            if mode is None and not new:
                with contextlib.suppress(FileNotFoundError):
                    mode = target.stat().st_mode & 0o7777
            if mode is not None:
                os.fchmod(handle.fileno(), mode)
            if sync:
                os.fsync(handle.fileno())
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    return temp


def same_bytes(target: Path, data: bytes) -> bool:
    """Whether ``target`` already holds exactly ``data``."""
    return _compare(target, data)[0]


def _compare(target: Path, data: bytes) -> tuple[bool, int | None, Fingerprint | None]:
    """Whether ``target`` holds exactly ``data``, its permissions and its fingerprint (None: no file)."""
    try:
        with open(target, "rb") as handle:
            status = os.fstat(handle.fileno())
            old = handle.read()
    except (FileNotFoundError, NotADirectoryError):
        return False, None, None
    return old == data, status.st_mode & 0o7777, fingerprint_of(status, old)


def _writable(target: Path, mode: int | None) -> None:
    """Refuse to replace a file its owner made read-only (root could, and ``os.replace`` would)."""
    if mode is not None and not mode & 0o200:
        raise PermissionError(errno.EACCES, "file is read-only; not replaced", str(target))


_AS_READ: Fingerprint = (-1, -1, "")
"""For ``prepare``: the fingerprint of the target as ``prepare`` itself reads it."""


def prepare(
    target: Path, data: bytes, dry_run: bool = False, read: Fingerprint | None = _AS_READ
) -> tuple[bool, Path | None, Fingerprint | None]:
    """For a worker: whether ``target`` would change, the temp file holding ``data`` if so,
    and the fingerprint of what the run read at ``target`` (``read``, when the caller read it
    before, else the file as found here).

    Nothing is written when the target already holds ``data`` or in a dry run;
    the run's ``Transaction`` adopts the temp file and commits it.
    """
    same, mode, found = _compare(target, data)
    expected = found if read is _AS_READ else read
    if same or dry_run:
        return not same, None, expected
    _writable(target, mode)
    return True, write_temp(target, data, mode=mode, new=mode is None), expected


def remove_stale_temps(folder: Path) -> int:
    """Delete temp files a killed run left in ``folder``; how many there were."""
    removed = 0
    try:
        names = os.listdir(folder)
    except OSError:
        return 0
    for name in names:
        if name.startswith(".") and TEMP_MARK in name:
            with contextlib.suppress(FileNotFoundError):
                (folder / name).unlink()
                removed += 1
    return removed


def write_atomic(target: Path, data: bytes, always: bool = False) -> bool:
    """Write ``data`` to ``target`` atomically; False (and no write) when it already holds them.

    With ``always``, the file is replaced even then (a new mtime, which ``runtime/record.py`` relies on).
    """
    if not always and same_bytes(target, data):
        return False
    temp = write_temp(target, data, sync=True)
    try:
        os.replace(temp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            temp.unlink()
        raise
    return True


def probe_writable(folder: Path) -> None:
    """Raise the ``OSError`` a write in ``folder`` would meet (full disk, no permission), writing nothing."""
    temp = write_temp(folder / "probe", b"\n")
    temp.unlink()


CACHE_FOLDER = ".cheatl10n"
"""The caches' folder: beside the config for the extract record, in a build's output folder for its cache."""
_CACHE_IGNORE = b"# cheatl10n's caches: what the last runs saw. Never committed.\n*\n"


def make_cache_folder(parent: Path) -> Path:
    """``parent/.cheatl10n``, made with a ``.gitignore`` that keeps it out of git (as pytest's is)."""
    folder = parent / CACHE_FOLDER
    ignore = folder / ".gitignore"
    if not ignore.exists():
        folder.mkdir(parents=True, exist_ok=True)
        write_atomic(ignore, _CACHE_IGNORE)
    return folder


class Transaction:
    """Writes staged as temp files and put in place together by ``commit``."""

    def __init__(self, dry_run: bool = False, root: Path | None = None) -> None:
        self.dry_run = dry_run
        """Only tell whether each target would change; write nothing."""
        self.journal = root / JOURNAL if root is not None else None
        """Where the commit lists its files, so that a run killed during it is finished later."""
        self._staged: dict[Path, Path] = {}
        self._expected: dict[Path, Fingerprint | None] = {}
        self._swept: set[Path] = set()
        self._removed: dict[Path, Fingerprint | None] = {}
        """Files deleted after the staged ones are in place (a move's old file), as read."""

    def stage(self, target: Path, data: bytes) -> bool:
        """Stage ``data`` for ``target``; False when the file already holds exactly that."""
        if self.dry_run:
            return not same_bytes(target, data)
        self.sweep(target.parent)
        same, mode, found = _compare(target, data)
        if same:
            return False
        _writable(target, mode)
        self._expected.setdefault(target, found)
        if target in self._staged:
            self._staged.pop(target).unlink()
        self._staged[target] = write_temp(target, data)
        return True

    def move(self, source: Path, target: Path) -> None:
        """Stage ``source``'s bytes (and permissions) at ``target``, which must not exist, and
        ``source``'s removal: a move, committed with the rest of the run."""
        if self.dry_run:
            return
        self.sweep(target.parent)
        with open(source, "rb") as handle:
            status = os.fstat(handle.fileno())
            data = handle.read()
        self._expected.setdefault(target, None)
        if target in self._staged:
            self._staged.pop(target).unlink()
        self._staged[target] = write_temp(target, data, mode=status.st_mode & 0o7777)
        self._removed[source] = fingerprint_of(status, data)

    def remove(self, target: Path) -> None:
        """Delete ``target`` at commit, once every staged write is in place; a file changed
        since this call stops the commit as a changed target does."""
        if not self.dry_run:
            self._removed[target] = fingerprint(target)

    def adopt(self, target: Path, temp: Path, read: Fingerprint | None) -> None:
        """Take over a temp file a worker process wrote for ``target``, where it read ``read``."""
        if target in self._staged:
            self._staged.pop(target).unlink()
        self._staged[target] = temp
        self._expected.setdefault(target, read)

    def sweep_all(self, root: Path, targets: Iterable[str]) -> None:
        """Remove a killed run's temp files from the folders of ``targets`` (paths under ``root``).

        Called before any new temp file exists, with every target of the run.
        """
        for folder in dict.fromkeys(os.path.dirname(target) for target in targets):
            self.sweep(root / folder)

    def sweep(self, folder: Path) -> None:
        """Remove a killed run's temp files from ``folder`` (once per folder and run)."""
        if folder not in self._swept and not self.dry_run:
            self._swept.add(folder)
            remove_stale_temps(folder)

    def commit(self) -> None:
        """Replace every target by its staged content, once every staged byte is on disk.

        A few files are synced one by one; past ``SYNC_EACH`` of them, one
        ``os.sync`` for the whole run is cheaper than an fsync per file (but it
        also waits for every other program's unwritten data, which is why a
        small run does not use it).
        """
        check_unchanged({**self._expected, **self._removed})  # before the syncs: a conflict costs no wait
        if len(self._staged) > SYNC_EACH:
            os.sync()
        else:
            for temp in self._staged.values():
                sync_file(temp)
        check_unchanged({**self._expected, **self._removed})
        put_in_place(self._staged, self._expected, self.journal)
        self._staged.clear()
        self._expected.clear()
        for target in sorted(self._removed):  # after the writes: a move never loses its file
            with contextlib.suppress(FileNotFoundError):
                target.unlink()
        self._removed.clear()

    def abort(self) -> None:
        """Forget every staged write; the targets keep their old content.

        Temp files that worker processes wrote but never handed over are in the
        swept folders too: under the site lock, every temp file there is this run's.
        """
        for temp in self._staged.values():
            with contextlib.suppress(FileNotFoundError):
                temp.unlink()
        self._staged.clear()
        self._expected.clear()
        self._removed.clear()
        for folder in self._swept:
            remove_stale_temps(folder)

    def __enter__(self) -> Transaction:
        return self

    def __exit__(self, kind: object, value: object, traceback: object) -> None:
        if kind is not None:
            self.abort()
            return
        try:
            self.commit()
        except BaseException:
            self.abort()
            raise


@contextlib.contextmanager
def site_lock(
    config_file: Path, on_wait: Callable[[], None] | None = None, recover: bool = True
) -> Iterator[None]:
    """Hold an exclusive lock on the site (on its config file) while a run writes.

    First of all, with ``recover``, a commit a killed run left half done is finished.
    """
    with open(config_file, "rb") as handle:
        try:
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            if on_wait is not None:
                on_wait()
            fcntl.flock(handle.fileno(), fcntl.LOCK_EX)
        HELD_LOCKS.append(handle.fileno())
        try:
            if recover:
                finish_killed_commit(config_file.parent / JOURNAL)
            yield
        finally:
            HELD_LOCKS.remove(handle.fileno())
            fcntl.flock(handle.fileno(), fcntl.LOCK_UN)
