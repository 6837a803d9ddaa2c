"""Putting staged files in place without losing what a person saved meanwhile.

A run reads a file, works for a while, then replaces it. An editor may save the
file in between (Poedit, a Weblate pull, a text editor), by renaming a new file
over it or by rewriting it in place. So every target carries the *fingerprint*
of what the run read (size, mtime, content digest), and a commit:

1. checks every target against its fingerprint: one that changed stops the run
   (``ConflictError``) before anything is replaced;
2. writes a journal (``.cheatl10n/commit.journal``) naming every staged file;
3. swaps each staged file with its target (Linux ``renameat2(RENAME_EXCHANGE)``),
   so that the old file stays at the staged name, and checks the old file once
   more: a save that landed between the check and the swap is swapped back, with
   every target already swapped, and the run stops;
4. removes the old files and the journal.

A run killed during a commit leaves the journal: the next run first finishes
that commit (the staged files were synced before the journal was written), so
a page's catalogs and its template are never left half updated.

Where the file system cannot exchange, targets are replaced after the check
(step 1) alone.
"""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
from pathlib import Path
from typing import TYPE_CHECKING

from cheatl10n.errors import ConflictError

if TYPE_CHECKING:
    import ctypes

Fingerprint = tuple[int, int, str]
"""A file's size, mtime (ns) and SHA-256: what a run read there."""

JOURNAL = os.path.join(".cheatl10n", "commit.journal")
_AT_FDCWD = -100
_RENAME_NOREPLACE, _RENAME_EXCHANGE = 1, 2
_LIBC: list[ctypes.CDLL | None] = []
"""libc, loaded (with ``ctypes``) by the first commit that moves a file."""


def fingerprint(path: Path) -> Fingerprint | None:
    """The fingerprint of the file at ``path``; None when there is none."""
    try:
        with open(path, "rb") as handle:
            status = os.fstat(handle.fileno())
            return fingerprint_of(status, handle.read())
    except (FileNotFoundError, NotADirectoryError):
        return None


def fingerprint_of(status: os.stat_result, data: bytes) -> Fingerprint:
    """The fingerprint of a file read as ``data`` after ``status`` was taken."""
    return (status.st_size, status.st_mtime_ns, hashlib.sha256(data).hexdigest())


def _same(path: Path, expected: Fingerprint | None) -> bool:
    """Whether ``path`` still holds what the run read (a stat first, the digest only if that agrees)."""
    try:
        status = os.stat(path)
    except (FileNotFoundError, NotADirectoryError):
        return expected is None
    if expected is None or (status.st_size, status.st_mtime_ns) != expected[:2]:
        return False
    return fingerprint(path) == expected


def _renameat2(source: Path, target: Path, flags: int) -> bool:
    """``renameat2``; False when this system or file system has no such call."""
    import ctypes

    if not _LIBC:
        try:
            loaded = ctypes.CDLL(None, use_errno=True)
            loaded.renameat2  # noqa: B018 - glibc before 2.28 has none
            _LIBC.append(loaded)
        except (OSError, AttributeError):
            _LIBC.append(None)
    libc = _LIBC[0]
    if libc is None:
        return False
    if libc.renameat2(_AT_FDCWD, os.fsencode(source), _AT_FDCWD, os.fsencode(target), flags) == 0:
        return True
    code = ctypes.get_errno()
    if code in (errno.EINVAL, errno.ENOSYS, errno.ENOTSUP):
        return False
    raise OSError(code, os.strerror(code), str(target))


def conflict(target: Path) -> ConflictError:
    return ConflictError(
        "changed on disk during the run (saved by an editor?); nothing was written, run again", target
    )


def check_unchanged(expected: dict[Path, Fingerprint | None]) -> None:
    """Raise ``ConflictError`` for the first target that no longer holds what the run read."""
    for target in sorted(expected):
        if not _same(target, expected[target]):
            raise conflict(target)


def put_in_place(
    staged: dict[Path, Path], expected: dict[Path, Fingerprint | None], journal: Path | None
) -> None:
    """Move every staged file over its target (targets checked by ``check_unchanged`` just before).

    On a late conflict every target already moved gets its old file back.
    """
    if journal is not None:
        _write_journal(journal, staged, expected)
    done: list[tuple[Path, bool]] = []  # (target, whether its old file is at the staged name)
    try:
        for target in sorted(staged):
            temp, old = staged[target], expected[target]
            if old is None:
                if not _renameat2(temp, target, _RENAME_NOREPLACE):
                    if os.path.lexists(target):
                        raise conflict(target)
                    os.replace(temp, target)
                done.append((target, False))
            elif _renameat2(temp, target, _RENAME_EXCHANGE):
                done.append((target, True))
                if not _same(temp, old):
                    raise conflict(target)  # saved between the check and the swap: undone below
            else:
                os.replace(temp, target)  # no exchange here: the check just before must do
    except FileExistsError:
        _undo(staged, done, journal)
        raise conflict(target) from None
    except BaseException:
        _undo(staged, done, journal)
        raise
    for target, exchanged in done:
        if exchanged:
            with contextlib.suppress(FileNotFoundError):
                staged[target].unlink()  # the old file, now at the staged name
    if journal is not None:
        journal.unlink(missing_ok=True)


def _undo(staged: dict[Path, Path], done: list[tuple[Path, bool]], journal: Path | None) -> None:
    """Give every target in ``done`` its old file (or none) back, last first."""
    for target, exchanged in reversed(done):
        with contextlib.suppress(OSError):
            if exchanged:
                _renameat2(staged[target], target, _RENAME_EXCHANGE)
            else:
                os.rename(target, staged[target])
    if journal is not None:
        journal.unlink(missing_ok=True)


def _write_journal(journal: Path, staged: dict[Path, Path], expected: dict[Path, Fingerprint | None]) -> None:
    entries = [[str(target), str(staged[target]), expected[target]] for target in sorted(staged)]
    data = json.dumps({"version": 1, "entries": entries}).encode("ascii")
    journal.parent.mkdir(parents=True, exist_ok=True)
    temp = journal.with_name(journal.name + ".new")
    with open(temp, "wb") as handle:
        handle.write(data)
        handle.flush()
        os.fsync(handle.fileno())
    os.replace(temp, journal)


def finish_killed_commit(journal: Path) -> list[Path]:
    """Finish the commit a killed run left in ``journal``; the targets it could not finish.

    A staged file still there holds new content that was synced before the
    journal was written. It is moved into place when its target still holds
    what that run read (or, swapped already, it is that run's old file and is
    removed); a target a person changed since is left as it is, and returned.
    """
    try:
        entries = json.loads(journal.read_bytes())["entries"]
    except FileNotFoundError:
        return []
    except (OSError, ValueError, KeyError, TypeError):
        journal.unlink(missing_ok=True)
        return []  # a journal that was never finished: no file had been moved yet
    left = []
    for target_text, temp_text, old in entries:
        target, temp = Path(target_text), Path(temp_text)
        expected: Fingerprint | None = (int(old[0]), int(old[1]), str(old[2])) if old is not None else None
        if not temp.exists():
            continue
        if _same(target, expected):
            os.replace(temp, target)
        elif expected is not None and _same(temp, expected):
            temp.unlink()  # swapped already: the staged name holds the old file
        else:
            temp.unlink()
            left.append(target)
    journal.unlink(missing_ok=True)
    return left
