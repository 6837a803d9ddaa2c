"""``Transaction.move`` and ``remove``: committed with the writes, never losing a file."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from cheatl10n.errors import ConflictError
from cheatl10n.runtime.fsio import Transaction


def test_a_move_keeps_bytes_and_permissions_and_happens_at_commit(tmp_path: Path) -> None:
    source = tmp_path / "old" / "abs.po"
    source.parent.mkdir()
    source.write_bytes(b'msgid "x"\nmsgstr "y"\n')
    os.chmod(source, 0o640)
    target = tmp_path / "new" / "absolute.po"
    with Transaction(root=tmp_path) as transaction:
        transaction.move(source, target)
        assert source.is_file() and not target.exists()  # nothing moves before the commit
    assert not source.exists()
    assert target.read_bytes() == b'msgid "x"\nmsgstr "y"\n'
    assert target.stat().st_mode & 0o777 == 0o640


def test_a_failed_run_moves_nothing(tmp_path: Path) -> None:
    source = tmp_path / "abs.po"
    source.write_bytes(b"kept")
    target = tmp_path / "absolute.po"
    with pytest.raises(RuntimeError), Transaction(root=tmp_path) as transaction:
        transaction.move(source, target)
        transaction.remove(tmp_path / "abs.po")
        raise RuntimeError("a page failed")
    assert source.read_bytes() == b"kept"
    assert not target.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["abs.po"]  # no temp file left


def test_a_file_edited_after_it_was_staged_for_removal_stops_the_commit(tmp_path: Path) -> None:
    doomed = tmp_path / "leftover.md"
    doomed.write_bytes(b"built")
    written = tmp_path / "other.po"
    with pytest.raises(ConflictError), Transaction(root=tmp_path) as transaction:
        transaction.remove(doomed)
        transaction.stage(written, b"new")
        doomed.write_bytes(b"edited by hand meanwhile")
    assert doomed.read_bytes() == b"edited by hand meanwhile"
    assert not written.exists()
