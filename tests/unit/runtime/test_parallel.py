"""The worker pool: results in item order, the first error in item order, no hang when a worker dies."""

from __future__ import annotations

import os
import time

import pytest

from cheatl10n.errors import SourceError
from cheatl10n.runtime.parallel import SMALL_RUN, map_pages, start_early

ITEMS = list(range(SMALL_RUN * 5))


def slow_square(n: int) -> tuple[int, int]:
    time.sleep(0.001 * (n % 4))  # finish out of order
    return n, os.getpid()


def fail_at_30_and_50(n: int) -> int:
    if n in (30, 50):
        raise SourceError(f"item {n} is broken", f"page{n}.md", n)
    return n


def bug_at_40(n: int) -> int:
    if n == 40:
        return {}[n]  # type: ignore[no-any-return]  # a KeyError, as a bug would raise
    return n


def die_at_20(n: int) -> int:
    if n == 20:
        os._exit(9)  # as a worker killed by the kernel would
    return n


def die_at_the_last(n: int) -> int:
    if n == ITEMS[-1]:  # every item is handed out by then
        os._exit(9)
    return n


def big_result(n: int) -> bytes:
    return bytes([n % 256]) * 200_000  # larger than a pipe holds at once


def test_results_come_in_item_order_from_several_workers() -> None:
    seen: list[int] = []
    results = list(map_pages(slow_square, ITEMS, jobs=3, progress=seen.append))
    assert [n for n, _pid in results] == ITEMS
    assert seen == ITEMS
    workers = {pid for _n, pid in results}
    assert os.getpid() not in workers and len(workers) > 1


def test_the_first_error_in_item_order_is_raised_with_its_place() -> None:
    with pytest.raises(SourceError) as raised:
        list(map_pages(fail_at_30_and_50, ITEMS, jobs=2))
    assert str(raised.value) == "page30.md:30: error: item 30 is broken"


@pytest.mark.parametrize("work", [die_at_20, die_at_the_last])
def test_a_dead_worker_is_an_error_not_a_hang(work: object) -> None:
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="worker process died"):
        list(map_pages(work, ITEMS, jobs=2))  # type: ignore[arg-type]
    assert time.monotonic() - started < 30


def test_results_larger_than_a_pipe_arrive_whole() -> None:
    results = list(map_pages(big_result, ITEMS[:40], jobs=2))
    assert [r[:1] for r in results] == [bytes([n]) for n in range(40)]
    assert all(len(r) == 200_000 for r in results)


def test_a_run_stopped_early_leaves_no_worker_behind() -> None:
    results = map_pages(slow_square, ITEMS, jobs=2)
    _first, pid = next(results)
    results.close()
    with pytest.raises(ChildProcessError):
        os.waitpid(pid, os.WNOHANG)  # reaped already


def test_a_bug_in_a_worker_keeps_its_traceback() -> None:
    with pytest.raises(KeyError) as caught:
        list(map_pages(bug_at_40, ITEMS, jobs=2))
    (note,) = caught.value.__notes__
    assert note.startswith("Raised in a worker process:\nTraceback (most recent call last):")
    assert "in bug_at_40" in note and "return {}[n]" in note


def _children() -> list[int]:
    """This process's children, from /proc (each one's pid)."""
    try:
        tasks = os.listdir(f"/proc/{os.getpid()}/task")
    except OSError:
        pytest.skip("no /proc here")
    found: list[int] = []
    for task in tasks:
        with open(f"/proc/{os.getpid()}/task/{task}/children") as handle:
            found += [int(pid) for pid in handle.read().split()]
    return found


def test_an_early_pool_gives_the_same_results_from_workers_it_forked() -> None:
    start_early(("json",), jobs=2)
    (first,) = _children()
    seen: list[int] = []
    results = list(map_pages(slow_square, ITEMS, jobs=2, progress=seen.append))
    assert [n for n, _pid in results] == ITEMS and seen == ITEMS
    workers = {pid for _n, pid in results}
    assert first in workers and len(workers) == 2  # the early worker, and one it forked
    assert _children() == []


def test_an_early_pool_raises_the_first_error_in_item_order() -> None:
    start_early(("json",), jobs=2)
    with pytest.raises(SourceError) as raised:
        list(map_pages(fail_at_30_and_50, ITEMS, jobs=2))
    assert str(raised.value) == "page30.md:30: error: item 30 is broken"
    assert _children() == []


def test_few_items_go_to_the_early_worker_alone() -> None:
    start_early(("json",), jobs=2)
    (first,) = _children()
    items = ITEMS[: SMALL_RUN - 1]
    results = list(map_pages(slow_square, items, jobs=2))
    assert results == [(n, first) for n in items]
    assert _children() == []


def test_an_early_pool_with_nothing_to_do_is_stopped() -> None:
    start_early(("json",), jobs=2)
    assert len(_children()) == 1
    assert list(map_pages(slow_square, [], jobs=2)) == []
    assert _children() == []


def test_work_that_cannot_be_pickled_is_done_by_workers_forked_then() -> None:
    start_early(("json",), jobs=2)
    (first,) = _children()
    results = list(map_pages(lambda n: (n, os.getpid()), ITEMS, jobs=2))  # a lambda: no pickle
    assert [n for n, _pid in results] == ITEMS
    assert first not in {pid for _n, pid in results}
    assert _children() == []


def _zombie(pid: int) -> bool:
    with open(f"/proc/{pid}/stat") as handle:
        return handle.read().rsplit(")", 1)[1].split()[0] == "Z"


def test_a_pool_whose_early_worker_is_gone_is_forked_anew() -> None:
    start_early(("cheatl10n.no_such_module",), jobs=2)  # the early worker cannot load it and ends
    (first,) = _children()
    deadline = time.monotonic() + 30
    while not _zombie(first) and time.monotonic() < deadline:
        time.sleep(0.01)
    results = list(map_pages(slow_square, ITEMS, jobs=2))
    assert [n for n, _pid in results] == ITEMS
    assert first not in {pid for _n, pid in results}
    assert _children() == []


@pytest.mark.parametrize("work", [die_at_20, die_at_the_last])
def test_a_dead_worker_of_an_early_pool_is_an_error_not_a_hang(work: object) -> None:
    start_early(("json",), jobs=2)
    started = time.monotonic()
    with pytest.raises(RuntimeError, match="worker process died"):
        list(map_pages(work, ITEMS, jobs=2))  # type: ignore[arg-type]
    assert time.monotonic() - started < 30
    assert _children() == []
