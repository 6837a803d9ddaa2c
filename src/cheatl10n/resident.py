"""``cheatl10n serve``: a resident process that runs commands with everything already loaded.

Most of a pre-commit ``extract`` after an edit is spent loading Python modules
(markdown-it-py, PyYAML, polib, babel, click), not parsing the edited page.
``cheatl10n serve`` loads them once and waits on a Unix socket,
``.cheatl10n/serve.sock`` at the site root. While it runs, ``cheatl10n`` started
anywhere in that site connects to it and hands over its command line, working
folder, environment, umask and its standard input, output and error (the open
descriptors themselves, passed with ``SCM_RIGHTS``). The server forks; the
fork takes on all of these and runs the command line exactly as ``quick.main``
would in a fresh process, writing straight to the caller's terminal or pipes,
and sends back the exit code. The server never runs a command itself, so every
fork starts from the same freshly loaded state.

The caller falls back to running the command itself, silently, whenever the
server cannot take it: no socket, nobody listening, another Python or
cheatl10n version, or a module file changed on disk since the server loaded it
(an upgrade or an edit; the server then stops, so stale code never runs). A
Ctrl-C or ``kill`` of the caller is passed on to the fork, which stops as a
local run would (``guarded`` in ``console.py``: exit 130, nothing half-written).

Only the server's own user may connect (the socket is mode 0600, and the
server checks the peer's credentials). The exchange on one connection::

    caller -> server   4-byte length, marshalled request; descriptors 0, 1, 2
    server -> caller   b"P" + fork's pid (4 bytes)  |  b"N" + why it declines
    caller -> server   b"G" (go: the caller waits for the result)
    server -> caller   b"X" + exit code (1 byte)

Until the caller says go, the fork runs nothing: a caller that gave up waiting
runs the command itself, never twice. The caller-side half of this module
imports only built-in modules, as ``quick.py`` does.
"""

from __future__ import annotations

import os
import sys

TYPE_CHECKING = False  # typing is not imported at run time: the caller's half must load fast
if TYPE_CHECKING:
    import _socket
    import socket as socketlib
    from collections.abc import Callable, Sequence
    from io import TextIOWrapper
    from typing import Any

SOCKET = os.path.join(".cheatl10n", "serve.sock")
LOCK = os.path.join(".cheatl10n", "serve.lock")
_PATH_MAX = 100
"""An AF_UNIX address holds 107 bytes on Linux; a longer path is given relative to the folder."""
_ANSWER_WAIT = 5.0
"""Seconds the caller waits for the server's first answer before running the command itself."""
_REQUEST_MAX = 1 << 22
_CHECK_EVERY = 5.0
"""Seconds between a waiting server's checks that its socket is still there."""
_SERVING = False
"""True in a fork of the server: its command must not be handed on again."""


# --------------------------------------------------------------------------- the caller's half


def site_root(args: Sequence[str]) -> str | None:
    """The folder of the config file this command line uses, as ``cli.py`` finds it."""
    config = os.environ.get("CHEATL10N_CONFIG")
    position = 0
    while position < len(args) and args[position].startswith("-"):
        option = args[position]
        if option == "--config" and position + 1 < len(args):
            config = args[position + 1]
            position += 1
        elif option.startswith("--config="):
            config = option[len("--config=") :]
        elif option in ("--help", "-h", "--version"):
            return None
        position += 1
    if position < len(args) and args[position] == "serve":
        return None
    if config is None:
        from cheatl10n.state import find_config_file

        config = find_config_file(os.getcwd())
        if config is None:
            return None
    return os.path.dirname(os.path.abspath(config))


def _address(root: str) -> str | None:
    """The socket's path as the caller should connect to it; None if no server has one."""
    path = os.path.join(root, SOCKET)
    if len(path.encode()) <= _PATH_MAX:
        return path if os.path.exists(path) else None
    relative = os.path.relpath(path)
    if len(relative.encode()) <= _PATH_MAX and os.path.exists(relative):
        return relative
    return None


def delegate(args: Sequence[str], config_file: str | None = None) -> int | None:
    """Run ``args`` in the site's server; its exit code, or None to run it here.

    The site is the one of ``config_file`` if given, else the one ``args`` use.
    """
    if _SERVING or not hasattr(os, "fork"):
        return None
    root = site_root(args) if config_file is None else os.path.dirname(os.path.abspath(config_file))
    connection = _connect(root) if root is not None else None
    if connection is None:
        return None
    import _socket

    try:
        request = _request(args)
        header = len(request).to_bytes(4, "big")
        connection.sendmsg([header], [(_socket.SOL_SOCKET, _socket.SCM_RIGHTS, _descriptors())])
        connection.sendall(request)  # a large environment may not fit in one message
        answer = _receive(connection, 5)
        if answer[:1] != b"P" or len(answer) != 5:
            raise ValueError("declined")
        connection.sendall(b"G")
    except (OSError, ValueError):
        connection.close()
        return None  # no server, a dead one, or one that declined: run the command here
    return _await_exit(connection, int.from_bytes(answer[1:], "big"))


def _request(args: Sequence[str]) -> bytes:
    import marshal

    umask = os.umask(0o022)
    os.umask(umask)
    standard = (sys.stdin, sys.stdout, sys.stderr)
    streams = [(stream.encoding, stream.errors) if stream else None for stream in standard]
    return marshal.dumps(
        {
            "kind": "run",
            "python": _interpreter(),
            "args": list(args),
            "cwd": os.getcwd(),
            "environ": dict(os.environ),
            "umask": umask,
            "streams": streams,
        }
    )


def _interpreter() -> tuple[object, ...]:
    """What must match for a server's loaded modules to be the ones the caller would load."""
    import cheatl10n

    return (sys.version, sys.prefix, cheatl10n.__file__, cheatl10n.__version__, sys.path[1:])


def _descriptors() -> bytes:
    """Descriptors 0, 1 and 2 as ``SCM_RIGHTS`` data; OSError if one is closed."""
    for descriptor in (0, 1, 2):
        os.fstat(descriptor)
    return b"".join(descriptor.to_bytes(4, sys.byteorder) for descriptor in (0, 1, 2))  # C ints


def _receive(connection: _socket.socket, size: int) -> bytes:
    """Up to ``size`` bytes: fewer only if the other side closed."""
    data = b""
    while len(data) < size:
        chunk = connection.recv(size - len(data))
        if not chunk:
            break
        data += chunk
    return data


def _await_exit(connection: _socket.socket, pid: int) -> int:
    """Wait for the fork's exit code, passing on Ctrl-C and ``kill`` to it."""
    import _signal  # type: ignore[import-not-found]  # signal.py would load enum for nothing

    def pass_on(number: int, frame: object) -> None:
        _kill(pid, number)  # then end as the signal would have ended a local run
        _signal.signal(number, _signal.SIG_DFL)
        os.kill(os.getpid(), number)

    for number in (_signal.SIGTERM, _signal.SIGHUP):
        _signal.signal(number, pass_on)
    connection.settimeout(None)
    try:
        while True:
            try:
                answer = _receive(connection, 2)
                break
            except KeyboardInterrupt:
                _kill(pid, _signal.SIGINT)
    finally:
        connection.close()
    if answer[:1] == b"X" and len(answer) == 2:
        return answer[1]
    sys.stderr.write(
        "cheatl10n: the serving process ended without an exit code; see `cheatl10n serve`'s output\n"
    )
    return 4  # console.EXIT_INTERNAL


def _kill(pid: int, number: int) -> None:
    try:  # noqa: SIM105  (contextlib is one more module to load for the caller)
        os.kill(pid, number)
    except OSError:
        pass  # it has already finished


def _connect(root: str) -> _socket.socket | None:
    """A connection to the server of the site at ``root``; None when nobody listens there."""
    address = _address(root)
    if address is None:
        return None
    import _socket  # the C module: socket.py would load enum and selectors for nothing

    connection = _socket.socket(_socket.AF_UNIX, _socket.SOCK_STREAM)
    try:
        connection.settimeout(_ANSWER_WAIT)
        connection.connect(address)
    except OSError:
        connection.close()
        return None
    return connection


def stop(root: str) -> bool:
    """Ask the server of the site at ``root`` to stop; False if none was serving."""
    connection = _connect(root)
    if connection is None:
        return False
    import marshal

    try:
        request = marshal.dumps({"kind": "stop"})
        connection.sendall(len(request).to_bytes(4, "big") + request)
        return _receive(connection, 1) == b"S"
    except OSError:
        return False
    finally:
        connection.close()


# --------------------------------------------------------------------------- the server's half


def module_files() -> dict[str, tuple[int, int, int]]:
    """Every loaded module's file with its (size, mtime, inode): what an upgrade changes."""
    found = {}
    for module in list(sys.modules.values()):
        path = getattr(module, "__file__", None)
        if not path:
            continue
        try:
            status = os.stat(path)
        except OSError:
            continue
        found[path] = (status.st_size, status.st_mtime_ns, status.st_ino)
    return found


def changed_files(snapshot: dict[str, tuple[int, int, int]]) -> list[str]:
    """The files of ``snapshot`` that are no longer as they were."""
    changed = []
    for path, before in snapshot.items():
        try:
            status = os.stat(path)
        except OSError:
            changed.append(path)
            continue
        if (status.st_size, status.st_mtime_ns, status.st_ino) != before:
            changed.append(path)
    return changed


def preload() -> None:
    """Load every module a command may need, then keep the collector off them for good."""
    import gc
    import importlib
    import pkgutil

    import cheatl10n

    gc.disable()
    try:
        for module in sorted(pkgutil.iter_modules(cheatl10n.__path__), key=lambda found: found.name):
            if module.name != "__main__":
                importlib.import_module(f"cheatl10n.{module.name}")
        import tomllib  # noqa: F401  (config.py loads it when it reads the config)
    finally:
        gc.freeze()
        gc.enable()


class Server:
    """Serves one site: accepts callers on its socket and runs each in a fork.

    Its methods import what they use: this module's caller half must load fast.
    """

    def __init__(self, root: str, log: Callable[[str], None], verbose: bool = False):
        self.root = os.path.abspath(root)
        self.log = log
        self.verbose = verbose
        self.snapshot: dict[str, tuple[int, int, int]] = {}
        self.listener: socketlib.socket | None = None
        self.socket_inode = 0
        self.lock_descriptor: int | None = None
        self.running = True
        self.children: set[int] = set()

    def open(self) -> None:
        """Take the site's serve lock and listen; Cheatl10nError if another server has it."""
        import fcntl
        import socket as socketlib
        from pathlib import Path

        from cheatl10n.errors import Cheatl10nError
        from cheatl10n.fsio import make_cache_folder

        os.chdir(self.root)  # the socket's address stays short whatever the site's path
        make_cache_folder(Path(self.root))
        descriptor = os.open(LOCK, os.O_RDWR | os.O_CREAT | os.O_CLOEXEC, 0o600)
        try:
            fcntl.flock(descriptor, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            os.close(descriptor)
            raise Cheatl10nError(
                "another `cheatl10n serve` is serving this site", os.path.join(self.root, LOCK)
            ) from None
        self.lock_descriptor = descriptor
        preload()
        self.snapshot = module_files()
        if os.path.lexists(SOCKET):
            os.unlink(SOCKET)  # left by a server that was killed: its lock is free, so it is gone
        listener = socketlib.socket(socketlib.AF_UNIX, socketlib.SOCK_STREAM)
        umask = os.umask(0o177)
        try:
            listener.bind(SOCKET)
        finally:
            os.umask(umask)
        listener.listen(16)
        self.listener = listener
        self.socket_inode = os.stat(SOCKET).st_ino

    def close(self) -> None:
        import contextlib

        if self.listener is not None:
            self.listener.close()
            self.listener = None
            with contextlib.suppress(OSError):
                os.unlink(SOCKET)
        if self.lock_descriptor is not None:
            os.close(self.lock_descriptor)
            self.lock_descriptor = None

    def serve(self, idle: float | None = None) -> None:
        """Answer callers until stopped, or until ``idle`` seconds pass without one.

        It also stops when its socket is gone (``git clean`` removed ``.cheatl10n/``,
        the site was moved or deleted): nobody could reach it any more.
        """
        import select
        import time

        assert self.listener is not None
        last = time.monotonic()
        while self.running:
            wait = (
                _CHECK_EVERY if idle is None else max(0.0, min(_CHECK_EVERY, last + idle - time.monotonic()))
            )
            ready, _, _ = select.select([self.listener], [], [], wait)
            self._reap()
            if not ready:
                if idle is not None and time.monotonic() - last >= idle:
                    self.log(f"no command for {idle:g} s; stopping")
                    return
                if not self._reachable():
                    self.log(f"{os.path.join(self.root, SOCKET)} is gone; stopping")
                    return
                continue
            last = time.monotonic()
            connection, _ = self.listener.accept()
            try:
                self._answer(connection)
            except Exception as exc:  # one caller's bad or broken request never stops the server
                self.log(f"dropped a request: {type(exc).__name__}: {exc}")
            finally:
                connection.close()

    def _reachable(self) -> bool:
        """Whether callers still find this server's socket at the site's address."""
        assert self.listener is not None
        try:
            return os.stat(os.path.join(self.root, SOCKET)).st_ino == self.socket_inode
        except OSError:
            return False

    def _reap(self) -> None:
        for pid in list(self.children):
            try:
                done, _ = os.waitpid(pid, os.WNOHANG)
            except ChildProcessError:
                done = pid
            if done:
                self.children.discard(pid)

    def _answer(self, connection: socketlib.socket) -> None:
        import marshal
        import socket as socketlib
        import struct

        credentials = connection.getsockopt(
            socketlib.SOL_SOCKET, socketlib.SO_PEERCRED, struct.calcsize("3i")
        )
        _, uid, _ = struct.unpack("3i", credentials)
        if uid != os.getuid():
            self.log(f"refused a caller of user {uid}")
            return
        connection.settimeout(_ANSWER_WAIT)
        head, descriptors, _, _ = socketlib.recv_fds(connection, 4096, 3)
        try:
            length = int.from_bytes(head[:4], "big")
            body = head[4:]
            if length > _REQUEST_MAX:
                raise ValueError("request too long")
            while len(body) < length:
                chunk = connection.recv(length - len(body))
                if not chunk:
                    raise ValueError("request cut short")
                body += chunk
            request = marshal.loads(body)
            if request.get("kind") == "stop":
                self.running = False
                connection.sendall(b"S")
                self.log("stopped by `cheatl10n serve --stop`")
                return
            why = self._decline(request)
            if why is not None or len(descriptors) != 3:
                connection.sendall(b"N" + (why or "descriptors missing").encode())
                self.log(f"declined a command: {why}")
                return
            pid = os.fork()
            if pid == 0:
                self._run_forked(connection, descriptors, request)  # never returns
            self.children.add(pid)
            if self.verbose:
                self.log(f"running `cheatl10n {' '.join(request['args'])}` in {request['cwd']} (pid {pid})")
        finally:
            for descriptor in descriptors:
                os.close(descriptor)

    def _decline(self, request: dict[str, object]) -> str | None:
        """Why this server must not run the request; None when it may."""
        if request.get("kind") != "run":
            return "unknown request"
        if request.get("python") != _interpreter():
            return "the caller runs another Python, environment or cheatl10n"
        changed = changed_files(self.snapshot)
        if changed:
            self.running = False
            self.log(
                f"{changed[0]} changed since this server loaded it; stopping, so that no stale code runs"
            )
            return "stale modules"
        return None

    def _run_forked(
        self, connection: socketlib.socket, descriptors: list[int], request: dict[str, Any]
    ) -> None:
        """In the fork: become the caller's process, wait for its go, run its command."""
        import contextlib
        import signal

        try:
            os.setsid()  # the caller's terminal signals reach us through the caller, not the server's
            assert self.listener is not None and self.lock_descriptor is not None
            self.listener.close()
            os.close(self.lock_descriptor)
            signal.signal(signal.SIGINT, signal.default_int_handler)
            signal.signal(signal.SIGTERM, signal.SIG_DFL)
            for target, descriptor in enumerate(descriptors):
                os.dup2(descriptor, target)
            for descriptor in descriptors:
                os.close(descriptor)
            _adopt(request)
            connection.sendall(b"P" + os.getpid().to_bytes(4, "big"))
            connection.settimeout(None)
            go = connection.recv(1) == b"G"
        except Exception as exc:  # the caller runs the command itself
            with contextlib.suppress(OSError):
                connection.sendall(b"N" + f"could not take on the caller: {exc}".encode())
            os._exit(0)
        if not go:
            os._exit(0)  # the caller gave up waiting and runs the command itself
        code = 4
        try:
            code = run_here(request["args"])
        finally:  # whatever happened, the fork must never return into the server's loop
            with contextlib.suppress(BaseException):
                connection.sendall(b"X" + bytes([code & 0xFF]))
            os._exit(code & 0xFF)


def _adopt(request: dict[str, Any]) -> None:
    """Take on the caller's folder, environment, umask and stream encodings."""
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["environ"])
    os.umask(request["umask"])
    stdin, stdout, stderr = request["streams"]
    if stdin is not None:
        sys.stdin = open(0, encoding=stdin[0], errors=stdin[1], closefd=False)  # noqa: SIM115
    if stdout is not None:
        sys.stdout = _output(1, stdout)
    if stderr is not None:
        sys.stderr = _output(2, stderr)


def _output(descriptor: int, encoding: tuple[str, str]) -> TextIOWrapper:
    """A text stream on ``descriptor`` as Python makes one: line-buffered on a terminal (stderr always)."""
    stream = open(descriptor, "w", encoding=encoding[0], errors=encoding[1], closefd=False)  # noqa: SIM115
    stream.reconfigure(line_buffering=descriptor == 2 or os.isatty(descriptor))
    return stream


def run_here(args: Sequence[str]) -> int:
    """Run a command line as ``quick.main`` does in a process of its own; its exit code."""
    global _SERVING
    _SERVING = True
    import contextlib

    from cheatl10n.quick import main

    code: object = 0
    try:
        main(list(args))
    except SystemExit as exc:
        code = exc.code
    except BaseException as exc:  # what Python itself does with an exception nothing caught
        import traceback

        traceback.print_exc()
        code = 130 if isinstance(exc, KeyboardInterrupt) else 1
    finally:
        for stream in (sys.stdout, sys.stderr):
            if stream is not None:
                with contextlib.suppress(OSError):
                    stream.flush()
    if code is None:
        return 0
    if isinstance(code, int):
        return code
    sys.stderr.write(f"{code}\n")
    return 1
