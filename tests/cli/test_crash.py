"""Crash safety: runs killed with SIGKILL at random moments leave every file old or new, never half.

The corpus (English pages and the published Russian ones) is laid out as a site
and each command is run once without interruption to get its "before" and
"after" trees and its normal duration. Then each command is started again from
its "before" tree and killed with SIGKILL: most kills after a seeded random
delay between 0 and the normal duration, some in the middle of the commit (the
run kills itself after a seeded number of the files it puts in place: where a
half-done run would show). A run that finishes before its random delay is run
again with half the delay, and after five tries killed in its commit, so that
every planned kill happens however loaded the machine is. After each kill
every file must be byte-equal to its content before or after the run and every
catalog must parse; after the last kill a normal run must give exactly the
"after" tree and leave no temp file. Two runs started at once must take turns.

Only the main process is killed, as ``kill -9`` would; worker processes that
outlive it are counted (there must be none: they held the site lock), then killed,
so that the file checks never hang on them.
"""

from __future__ import annotations

import contextlib
import hashlib
import os
import random
import re
import shutil
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path

import pytest

from cheatl10n.errors import CatalogError
from cheatl10n.po.read import parse_catalog

from support import CORPUS, SITE_CONFIG, corpus_pages

pytestmark = [pytest.mark.slow, pytest.mark.corpus]

SEED = 20251125
KILLS = {"extract": 9, "build": 9, "import": 9}
WATCHED = 3
"""Of each command's kills, how many wait for the first target to be replaced (the commit)."""
COMMANDS = {"extract": ["extract"], "build": ["build", "--lang", "ru"], "import": ["import", "--lang", "ru"]}
TEMP = re.compile(r"^\.(?P<name>.+)\.cheatl10n-tmp-\d+$")
WAITING = "another run holds the site lock"
CONFIG = SITE_CONFIG.replace('languages = ["ru", "de"]', 'languages = ["ru"]') + 'project = "crash test"\n'
"""Russian only (the corpus's published translations); the project is named because its default,
the site folder's name, would differ between the sites here."""
assert CONFIG != SITE_CONFIG + 'project = "crash test"\n', "SITE_CONFIG changed: update CONFIG"

Tree = dict[str, bytes]


def snapshot(root: Path) -> tuple[Tree, list[str]]:
    """Every file under ``root`` with its bytes, and the temp files apart.

    ``.cheatl10n/extract.record`` is left out: it records the stat signatures of the
    files, which differ between any two runs; ``test_state.py`` tests it. So is the
    journal of a commit a kill cut short (``runtime/swap.py``), which the next run reads.
    """
    files: Tree = {}
    temps = []
    for folder, _dirs, names in os.walk(root):
        for name in names:
            relative = (Path(folder) / name).relative_to(root).as_posix()
            if relative == ".cheatl10n/extract.record" or relative.startswith(".cheatl10n/commit.journal"):
                continue
            if TEMP.match(name):
                temps.append(relative)
            else:
                files[relative] = (Path(folder) / name).read_bytes()
    return files, sorted(temps)


def restore(root: Path, tree: Tree, now: Tree | None = None) -> None:
    """Make ``root`` hold exactly ``tree`` (temp files aside: the next run must remove them).

    ``now`` is what ``root`` holds, when just read.
    """
    if now is None:
        now, _temps = snapshot(root)
    for relative in now.keys() - tree.keys():
        (root / relative).unlink()
    for relative, data in tree.items():
        if now.get(relative) != data:
            (root / relative).parent.mkdir(parents=True, exist_ok=True)
            (root / relative).write_bytes(data)


_KILLED_IN_COMMIT = """
import os, signal, sys
from cheatl10n.runtime import swap
left = int(sys.argv[1])
real_swap, real_replace = swap._renameat2, os.replace
def counted(call):
    def run(*args):
        global left
        left -= 1
        if left < 0:
            os.kill(os.getpid(), signal.SIGKILL)
        return call(*args)
    return run
swap._renameat2, os.replace = counted(real_swap), counted(real_replace)
from cheatl10n.cli.main import main
main(sys.argv[2:])
"""
"""Runs the command line, killing itself (SIGKILL) when about to put the (N+1)th file in place."""


def start(
    root: Path, args: list[str], output: bool = True, kill_after: int | None = None
) -> subprocess.Popen[bytes]:
    """Start a run in its own process group, so that workers it leaves behind can be found.

    A run to be killed gets no pipes (``output=False``): its workers would inherit
    them and keep them open after the kill. With ``kill_after``, the run kills
    itself in its commit, after putting that many files in place.
    """
    stream = subprocess.PIPE if output else subprocess.DEVNULL
    program = ["-m", "cheatl10n"] if kill_after is None else ["-c", _KILLED_IN_COMMIT, str(kill_after)]
    return subprocess.Popen(
        [sys.executable, *program, *args],
        cwd=root,
        env={**os.environ, "NO_COLOR": "1"},
        stdout=stream,
        stderr=stream,
        start_new_session=True,
    )


def group_members(group: int) -> list[int]:
    """Live (not zombie) processes of a process group, from /proc."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            stat = (entry / "stat").read_text()
        except OSError:
            continue
        fields = stat[stat.rindex(")") + 2 :].split()
        if int(fields[2]) == group and fields[0] != "Z":
            found.append(int(entry.name))
    return found


def kill_group(group: int) -> None:
    for pid in group_members(group):
        with contextlib.suppress(ProcessLookupError):
            os.kill(pid, signal.SIGKILL)
    deadline = time.monotonic() + 5
    while group_members(group) and time.monotonic() < deadline:
        time.sleep(0.01)


def run(root: Path, args: list[str], timeout: float = 120) -> tuple[int, float, str]:
    """Run a command to its end: exit code, seconds taken, stderr."""
    began = time.monotonic()
    process = start(root, args)
    try:
        _out, err = process.communicate(timeout=timeout)
    finally:
        kill_group(process.pid)
    return process.returncode, time.monotonic() - began, err.decode()


@dataclass
class Command:
    name: str
    args: list[str]
    before: Tree
    after: Tree
    duration: float
    code: int


@dataclass
class Tally:
    kills: int = 0
    finished_first: int = 0
    mid_commit: int = 0
    orphans: int = 0
    corrupt: list[str] = field(default_factory=list)
    unparsable: list[str] = field(default_factory=list)
    stray_temps: list[str] = field(default_factory=list)


def lay_out(root: Path) -> None:
    for page in [*corpus_pages("en"), *corpus_pages("ru")]:
        target = root / "docs" / page.parent.parent.name / page.parent.name / page.name
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    (root / "cheatl10n.toml").write_text(CONFIG, encoding="utf-8")


def edit_sources(root: Path) -> None:
    """Edit every English page: a new paragraph at the end, and every other page a reworded sentence."""
    for number, page in enumerate(sorted(root.glob("docs/*/en/*.md"))):
        text = page.read_text(encoding="utf-8") + f"\nA paragraph the crash test added to page {number}.\n"
        if number % 2:
            text = text.replace(" the ", " a ", 1)
        page.write_text(text, encoding="utf-8")


@pytest.fixture(scope="module")
def commands(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Command]:
    """Each command's tree before and after an uninterrupted run, and how long that run took."""
    if not corpus_pages("en"):
        pytest.skip(f"shared corpus not found at {CORPUS}")
    work = tmp_path_factory.mktemp("reference")
    lay_out(work)
    fresh, _ = snapshot(work)
    code, _seconds, err = run(work, COMMANDS["extract"])
    assert code == 0, err
    extracted, _ = snapshot(work)

    found = {}
    code, seconds, err = run(work, COMMANDS["import"])
    assert code in (0, 3), err
    found["import"] = Command("import", COMMANDS["import"], extracted, snapshot(work)[0], seconds, code)
    imported = found["import"].after

    restore(work, extracted)
    code, seconds, err = run(work, COMMANDS["build"])
    assert code == 0, err
    found["build"] = Command("build", COMMANDS["build"], extracted, snapshot(work)[0], seconds, code)

    restore(work, imported)
    edit_sources(work)
    edited, _ = snapshot(work)
    code, seconds, err = run(work, COMMANDS["extract"])
    assert code == 0, err
    found["extract"] = Command("extract", COMMANDS["extract"], edited, snapshot(work)[0], seconds, code)
    found["fresh"] = Command("extract", COMMANDS["extract"], fresh, extracted, 0.0, 0)
    for command in found.values():
        changed = [
            p
            for p in command.before.keys() | command.after.keys()
            if command.before.get(p) != command.after.get(p)
        ]
        assert len(changed) > 100, f"{command.name} changes only {len(changed)} files: nothing to interrupt"
    return found


def changed_files(command: Command) -> int:
    return sum(command.before.get(p) != command.after[p] for p in command.after)


def kill_once(root: Path, command: Command, delay: float | None, tally: Tally, in_commit: int = 0) -> bool:
    """Start ``command`` and SIGKILL it after ``delay`` seconds, or (None) in its commit after
    ``in_commit`` files were put in place.

    False when the run finished before the kill: the caller restores the tree and tries again.
    """
    process = start(root, command.args, output=False, kill_after=in_commit if delay is None else None)
    if delay is not None:
        time.sleep(delay)
        if process.poll() is None:
            os.kill(process.pid, signal.SIGKILL)
    process.wait()
    killed = process.returncode == -signal.SIGKILL
    if killed:
        tally.kills += 1
    else:
        tally.finished_first += 1
    time.sleep(0.05)
    if group_members(process.pid):
        tally.orphans += 1
    kill_group(process.pid)
    return killed


def check_tree(root: Path, command: Command, tally: Tally, parsed: dict[str, bool]) -> Tree:
    """Every file old or new, every catalog readable; count a state with both as mid-commit."""
    now, temps = snapshot(root)
    old = new = 0
    for relative in now.keys() | command.before.keys() | command.after.keys():
        data, before, after = now.get(relative), command.before.get(relative), command.after.get(relative)
        if data != before and data != after:
            tally.corrupt.append(f"{command.name}: {relative}")
            continue
        if before != after:
            old += data == before
            new += data == after
        if data is not None and relative.endswith(".po"):
            digest = hashlib.sha256(data).hexdigest()
            if digest not in parsed:
                try:
                    parse_catalog(data, Path(relative))
                    parsed[digest] = True
                except CatalogError:
                    parsed[digest] = False
            if not parsed[digest]:
                tally.unparsable.append(f"{command.name}: {relative}")
    if old and new:
        tally.mid_commit += 1
    for temp in temps:
        name = TEMP.match(Path(temp).name)
        assert name is not None
        target = (Path(temp).parent / name.group("name")).as_posix()
        assert target in command.after or target in command.before, f"temp file for no target: {temp}"
    return now


def kill_plan(rng: random.Random, command: Command, count: int) -> Iterator[tuple[float | None, int]]:
    """(None, n) for a kill in the commit after n files, else (an upper bound of a random delay, n)."""
    for number in range(count):
        in_commit = rng.randrange(1, changed_files(command))
        yield (None if number < WATCHED else command.duration), in_commit


@pytest.fixture(scope="module")
def tally(commands: dict[str, Command], tmp_path_factory: pytest.TempPathFactory) -> Tally:
    """Kill every command many times; what was found."""
    rng = random.Random(SEED)
    found = Tally()
    began = time.monotonic()
    parsed: dict[str, bool] = {}
    for name, count in KILLS.items():
        command = commands[name]
        root = tmp_path_factory.mktemp(f"killed-{name}")
        restore(root, command.before)
        for number, (bound, in_commit) in enumerate(kill_plan(rng, command, count + 1)):
            delay = None if bound is None else rng.uniform(0, bound)
            for attempt in range(6):  # a run that finished first is run again, killed sooner
                if attempt == 5:
                    delay = None  # a loaded machine: killed in its commit, which always comes
                killed = kill_once(root, command, delay, found, in_commit)
                now: Tree | None = check_tree(root, command, found, parsed)
                if killed:
                    break
                restore(root, command.before, now)
                now = None  # restored: the tree is read again before the next restore
                delay = None if delay is None else delay / 2
            if number < count:
                restore(root, command.before, now)
        # The last kill's leftovers stay: a normal run must clean them up and finish the work.
        code, _seconds, err = run(root, command.args)
        assert code == command.code, err
        after, temps = snapshot(root)
        found.stray_temps.extend(temps)
        assert after == command.after, f"{name}: a normal run after a kill does not give the same files"
    print(
        f"\ncrash test: {found.kills} kills ({found.finished_first} runs finished first), "
        f"{found.mid_commit} mid-commit, {found.orphans} with workers left alive, "
        f"{len(found.corrupt)} corrupt files, {len(found.unparsable)} unparsable catalogs; "
        f"normal durations {', '.join(f'{n} {c.duration:.1f}s' for n, c in commands.items() if c.duration)}, "
        f"{time.monotonic() - began:.0f}s of kills"
    )
    return found


def test_killed_runs_leave_every_file_old_or_new(tally: Tally) -> None:
    assert tally.kills == sum(KILLS.values()) + len(KILLS), f"only {tally.kills} runs were killed"
    assert tally.corrupt == []


def test_killed_runs_leave_no_process_behind(tally: Tally) -> None:
    """Workers of a killed run used to live on, holding the site lock (inherited): every later run waited."""
    assert tally.orphans == 0


def test_killed_runs_leave_every_catalog_readable(tally: Tally) -> None:
    assert tally.unparsable == []


def test_some_kills_land_in_the_commit(tally: Tally) -> None:
    """The watched kills must catch runs half committed, or the test proves little."""
    assert tally.mid_commit >= 1


def test_normal_run_after_a_kill_leaves_no_temp_file(tally: Tally) -> None:
    assert tally.stray_temps == []


def test_two_runs_at_once_take_turns(commands: dict[str, Command], tmp_path: Path) -> None:
    fresh = commands["fresh"]
    restore(tmp_path, fresh.before)
    first, second = start(tmp_path, fresh.args), start(tmp_path, fresh.args)
    try:
        results = [process.communicate(timeout=120) for process in (first, second)]
    finally:
        kill_group(first.pid)
        kill_group(second.pid)
    assert (first.returncode, second.returncode) == (0, 0), [err.decode() for _out, err in results]
    assert sum(WAITING in err.decode() for _out, err in results) == 1, "the runs did not overlap"
    after, temps = snapshot(tmp_path)
    assert temps == []
    assert after == fresh.after


def test_killed_run_leaves_no_process_holding_the_lock(commands: dict[str, Command], tmp_path: Path) -> None:
    fresh = commands["fresh"]
    restore(tmp_path, fresh.before)
    process = start(tmp_path, fresh.args, output=False)
    try:
        began = time.monotonic()
        while not any(TEMP.match(p.name) for p in tmp_path.rglob(".*")) and time.monotonic() - began < 60:
            time.sleep(0.005)  # the workers are writing their pages' catalogs
        os.kill(process.pid, signal.SIGKILL)
        process.wait()
        time.sleep(0.5)
        left = group_members(process.pid)
        follower = start(tmp_path, fresh.args, output=False)
        try:
            follower.wait(timeout=max(10.0, 3 * commands["extract"].duration))
            finished = True
        except subprocess.TimeoutExpired:
            finished = False
        finally:
            kill_group(follower.pid)
    finally:
        kill_group(process.pid)
    assert left == [], f"{len(left)} processes of the killed run are still alive"
    assert finished, "the next run waited for the site lock"
