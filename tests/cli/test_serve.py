"""``cheatl10n serve``: commands run by a resident process behave exactly as run on their own.

Every test starts a real server process and real CLI processes; a served run's
files, output and exit code are compared with those of the same command run
without a server on an identical copy of the site.
"""

from __future__ import annotations

import fcntl
import os
import shutil
import signal
import socket
import subprocess
import sys
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from cheatl10n.parallel import SMALL_RUN
from cheatl10n.resident import LOCK, SOCKET, changed_files, module_files

from support import numbered_pages, run_cli, tree_digest

pytestmark = pytest.mark.skipif(
    not hasattr(socket, "SO_PEERCRED"), reason="serve needs Linux: Unix sockets with peer credentials"
)

BROKEN_YAML = "---\ntitle: [unclosed\n---\n\n# Broken\n"


class Served:
    """A running ``cheatl10n -v serve``; its log is read once it has stopped."""

    def __init__(self, root: Path, env: dict[str, str] | None = None):
        self.root = root
        self.process = subprocess.Popen(
            [sys.executable, "-m", "cheatl10n", "-v", "serve"],
            cwd=root,
            env={**os.environ, **(env or {})},
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert self.process.stdout is not None
        ready = self.process.stdout.readline()  # printed once it listens
        assert ready.startswith(f"serving {root} on "), (ready, self.process.communicate())

    def stop(self) -> str:
        """Stop it (if it still runs) and return what it printed on stderr."""
        if self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
        _out, err = self.process.communicate(timeout=60)
        return err


@pytest.fixture
def serve() -> Iterator[Callable[..., Served]]:
    started: list[Served] = []

    def start(root: Path, env: dict[str, str] | None = None) -> Served:
        started.append(Served(root, env))
        return started[-1]

    yield start
    for server in started:
        server.stop()


def twin_sites(make_site: Callable[..., Path], files: dict[str, str]) -> tuple[Path, Path]:
    """Two identical sites: the first is served, the second runs on its own.

    Both folders have the same name, which catalogs take as the project's name.
    """
    served = make_site(files)
    alone = served.parent / "alone" / served.name
    shutil.copytree(served, alone)
    return served, alone


def same_run(served: Path, alone: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """Run ``args`` in both sites; assert the same exit code, output and files."""
    here = run_cli(*args, cwd=served)
    there = run_cli(*args, cwd=alone)
    assert (here.returncode, here.stdout, here.stderr) == (there.returncode, there.stdout, there.stderr)
    assert _files(served) == _files(alone)
    return here


def _files(root: Path) -> dict[str, str]:
    return {
        name: digest for name, digest in tree_digest(root).items() if not name.startswith(".cheatl10n/serve")
    }


def test_served_commands_write_and_print_what_they_do_alone(
    make_site: Callable[..., Path], serve: Callable[..., Served]
) -> None:
    assert SMALL_RUN < 20  # enough pages for a pool of workers, forked by the server's fork
    served, alone = twin_sites(make_site, numbered_pages(20))
    server = serve(served)
    assert "20 pages, 60 catalogs, 60 changed" in same_run(served, alone, "extract").stdout
    for root in (served, alone):
        page = root / "docs/builtin/en/page01.md"
        page.write_text(page.read_text() + "\nOne more sentence.\n", encoding="utf-8")
    assert same_run(served, alone, "extract", "--check", "--exit-code").returncode == 3
    assert "3 changed" in same_run(served, alone, "extract").stdout
    assert same_run(served, alone, "build", "--lang", "ru", "--jobs", "2").returncode == 0
    assert same_run(served, alone, "build", "--lang", "de", "--fail-on", "untranslated").returncode == 3
    for root in (served, alone):
        (root / "docs/builtin/en/broken.md").write_text(BROKEN_YAML, encoding="utf-8")
    broken = same_run(served, alone, "extract")
    assert broken.returncode == 1 and "broken.md:2" in broken.stderr
    log = server.stop()
    # the runs that had work to do went to the server; the one with nothing to do never asks it
    assert log.count("running `cheatl10n extract") == 4, log
    assert (
        "running `cheatl10n build --lang ru --jobs 2`" in log and "running `cheatl10n build --lang de" in log
    )


def test_a_served_run_takes_the_callers_folder_and_umask(
    make_site: Callable[..., Path], serve: Callable[..., Served]
) -> None:
    root = make_site(numbered_pages(2))
    server = serve(root)
    inner = root / "docs/builtin"
    result = subprocess.run(
        [sys.executable, "-m", "cheatl10n", "extract"], cwd=inner, umask=0o077, capture_output=True, text=True
    )
    assert result.returncode == 0, result.stderr
    assert "2 pages, 6 catalogs, 6 changed" in result.stdout
    assert (root / "locales/ru/builtin/page01.po").stat().st_mode & 0o777 == 0o600
    assert f"running `cheatl10n extract` in {inner}" in server.stop()


def test_a_large_environment_is_handed_over(
    make_site: Callable[..., Path], serve: Callable[..., Served]
) -> None:
    root = make_site(numbered_pages(1))
    server = serve(root)
    big = {f"BIG_{n}": str(n) * 100_000 for n in range(4)}  # far more than one socket message holds
    result = run_cli("extract", cwd=root, env=big)
    assert result.returncode == 0 and "3 changed" in result.stdout, result.stderr
    assert "running `cheatl10n extract`" in server.stop()


def test_ctrl_c_reaches_the_served_run(make_site: Callable[..., Path], serve: Callable[..., Served]) -> None:
    root = make_site(numbered_pages(2))
    server = serve(root)
    before = _files(root)
    with open(root / "cheatl10n.toml", "rb") as lock:  # hold the site lock: the run waits for it
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
        client = subprocess.Popen(
            [sys.executable, "-m", "cheatl10n", "extract"],
            cwd=root,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        assert client.stderr is not None
        waiting = client.stderr.readline()  # written by the server's fork, on the caller's stderr
        assert "another run holds the site lock" in waiting
        client.send_signal(signal.SIGINT)
        _out, err = client.communicate(timeout=60)
    assert client.returncode == 130
    assert "interrupted; no file was changed" in err
    assert _files(root) == before
    assert "running `cheatl10n extract`" in server.stop()


def test_a_caller_of_another_environment_runs_on_its_own(
    make_site: Callable[..., Path], serve: Callable[..., Served], tmp_path: Path
) -> None:
    root = make_site(numbered_pages(2))
    server = serve(root)
    other = tmp_path / "elsewhere"
    other.mkdir()
    result = run_cli("extract", cwd=root, env={"PYTHONPATH": str(other)})
    assert result.returncode == 0 and "6 changed" in result.stdout, result.stderr
    log = server.stop()
    assert "declined a command: the caller runs another Python, environment or cheatl10n" in log
    assert "running" not in log


def test_a_changed_module_stops_the_server_and_the_caller_runs_on_its_own(
    make_site: Callable[..., Path], serve: Callable[..., Served], tmp_path: Path
) -> None:
    root = make_site(numbered_pages(2))
    probe = tmp_path / "probe"
    probe.mkdir()
    module = probe / "sitecustomize.py"  # loaded by every Python started with this path
    module.write_text("LOADED = 1\n", encoding="utf-8")
    env = {"PYTHONPATH": str(probe)}
    server = serve(root, env)
    assert run_cli("extract", cwd=root, env=env).returncode == 0
    module.write_text("LOADED = 2  # upgraded\n", encoding="utf-8")
    page = root / "docs/builtin/en/page00.md"
    page.write_text(page.read_text() + "\nAdded.\n", encoding="utf-8")
    result = run_cli("extract", cwd=root, env=env)
    assert result.returncode == 0 and "3 changed" in result.stdout, result.stderr
    assert server.process.wait(timeout=60) == 0  # it stopped by itself
    log = server.stop()
    assert f"{module} changed since this server loaded it; stopping" in log
    assert log.count("running `cheatl10n extract`") == 1
    assert not (root / SOCKET).exists()


def test_a_garbled_request_is_dropped_and_the_server_goes_on(
    make_site: Callable[..., Path], serve: Callable[..., Served]
) -> None:
    root = make_site(numbered_pages(1))
    server = serve(root)
    for junk in (b"", b"\x00\x00\x00\x05hello", b"\xff\xff\xff\xff", b"\x00\x00\x00\x02\x00\x00"):
        with socket.socket(socket.AF_UNIX, socket.SOCK_STREAM) as raw:
            raw.connect(str(root / SOCKET))
            raw.sendall(junk)
            raw.shutdown(socket.SHUT_WR)
            assert raw.recv(100) == b""  # no answer: the server dropped it
    result = run_cli("extract", cwd=root)
    assert result.returncode == 0 and "3 changed" in result.stdout, result.stderr
    log = server.stop()
    assert log.count("dropped a request") == 4 and "running `cheatl10n extract`" in log


def test_one_server_per_site_and_stop(make_site: Callable[..., Path], serve: Callable[..., Served]) -> None:
    root = make_site(numbered_pages(1))
    server = serve(root)
    second = run_cli("serve", cwd=root)
    assert second.returncode == 1
    assert second.stderr.strip() == f"{root / LOCK}: error: another `cheatl10n serve` is serving this site"
    stopped = run_cli("serve", "--stop", cwd=root)
    assert stopped.returncode == 0 and stopped.stdout.strip() == f"stopped the server of {root}"
    assert server.process.wait(timeout=60) == 0
    assert not (root / SOCKET).exists()
    again = run_cli("serve", "--stop", cwd=root)
    assert again.returncode == 1 and f"no cheatl10n serve is running for {root}" in again.stderr


def test_a_killed_servers_socket_is_harmless(
    make_site: Callable[..., Path], serve: Callable[..., Served]
) -> None:
    root = make_site(numbered_pages(1))
    first = serve(root)
    first.process.kill()
    first.process.wait(timeout=60)
    assert (root / SOCKET).exists()  # left behind, nobody listening
    result = run_cli("extract", cwd=root)
    assert result.returncode == 0 and "3 changed" in result.stdout, result.stderr
    second = serve(root)  # takes the lock the dead one let go of, and the socket's name
    page = root / "docs/builtin/en/page00.md"
    page.write_text(page.read_text() + "\nAdded.\n", encoding="utf-8")
    assert "3 changed" in run_cli("extract", cwd=root).stdout
    assert "running `cheatl10n extract`" in second.stop()


def test_a_site_deep_in_the_tree_is_served_through_a_relative_address(
    tmp_path: Path, make_site: Callable[..., Path], serve: Callable[..., Served]
) -> None:
    shallow = make_site(numbered_pages(1))
    root = tmp_path / ("deep-folder-" * 6) / "site"
    root.parent.mkdir(parents=True)
    shutil.move(shallow, root)
    assert len(str(root / SOCKET)) > 107  # more than an AF_UNIX address holds
    server = serve(root)
    assert "3 changed" in run_cli("extract", cwd=root).stdout
    assert "running `cheatl10n extract`" in server.stop()


def test_a_server_whose_socket_is_gone_stops(
    make_site: Callable[..., Path], serve: Callable[..., Served]
) -> None:
    root = make_site(numbered_pages(1))
    server = serve(root)
    shutil.rmtree(root / ".cheatl10n")  # as `git clean -fdX` would
    assert server.process.wait(timeout=60) == 0
    assert f"{root / SOCKET} is gone; stopping" in server.stop()


def test_serve_stops_when_idle(make_site: Callable[..., Path]) -> None:
    root = make_site(numbered_pages(1))
    result = run_cli("serve", "--idle", "0.01", cwd=root)
    assert result.returncode == 0
    assert "no command for 0.6 s; stopping" in result.stderr
    assert not (root / SOCKET).exists()


def test_changed_files_sees_a_rewritten_module(tmp_path: Path) -> None:
    module = tmp_path / "serve_probe_module.py"
    module.write_text("VALUE = 1\n", encoding="utf-8")
    sys.path.insert(0, str(tmp_path))
    try:
        import serve_probe_module  # noqa: F401

        snapshot = module_files()
        assert str(module) in snapshot and changed_files(snapshot) == []
        module.write_text("VALUE = 22\n", encoding="utf-8")
        assert changed_files(snapshot) == [str(module)]
        module.unlink()
        assert changed_files(snapshot) == [str(module)]
    finally:
        sys.path.remove(str(tmp_path))
        sys.modules.pop("serve_probe_module", None)
