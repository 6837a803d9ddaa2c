"""Faults and abuse: links out of the site, overlapping patterns, a full disk, no permission, long names.

Each case runs the real command line and asserts exit 1, a one-line
``path: error:`` message, nothing written outside the site and nothing half
written inside it (every file as before, no temp file left).
"""

from __future__ import annotations

import contextlib
import os
import subprocess
import sys
import tempfile
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from support import SITE_CONFIG, run_cli, tree_digest

PAGE = "# Title\n\nSome text.\n"
SECRET = "password: hunter2 (a secret line outside the site)\n"


def _no_temps(root: Path) -> None:
    assert [p for p in root.rglob("*") if ".cheatl10n-tmp-" in p.name or p.name == "commit.journal"] == []


def _refused(result: subprocess.CompletedProcess[str], *words: str) -> None:
    assert result.returncode == 1, result.stderr
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and ": error: " in lines[0], result.stderr
    assert "internal error" not in result.stderr
    for word in words:
        assert word in result.stderr, result.stderr


@pytest.fixture
def outside(tmp_path: Path) -> Path:
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "secret.txt").write_text(SECRET)
    return folder


def test_catalog_folder_linked_outside(make_site: Callable[..., Path], outside: Path) -> None:
    root = make_site({"docs/builtin/en/a.md": PAGE})
    (root / "locales").mkdir()
    (root / "locales/ru").symlink_to(outside)
    before = tree_digest(root)
    _refused(run_cli("extract", cwd=root), "outside the site")
    assert sorted(p.name for p in outside.iterdir()) == ["secret.txt"]
    assert tree_digest(root) == before
    _no_temps(root)


def test_catalog_linked_to_a_secret(make_site: Callable[..., Path], outside: Path) -> None:
    root = make_site({"docs/builtin/en/a.md": PAGE})
    (root / "locales/ru/builtin").mkdir(parents=True)
    (root / "locales/ru/builtin/a.po").symlink_to(outside / "secret.txt")
    for command in (["extract"], ["build", "--lang", "ru"], ["import", "--lang", "ru"], ["check"]):
        result = run_cli(*command, cwd=root)
        _refused(result, "a.po")
        assert "hunter2" not in result.stderr + result.stdout
    assert (outside / "secret.txt").read_text() == SECRET


def test_translated_page_linked_to_a_secret(make_site: Callable[..., Path], outside: Path) -> None:
    root = make_site({"docs/builtin/en/a.md": PAGE})
    (root / "docs/builtin/ru").mkdir(parents=True)
    (root / "docs/builtin/ru/a.md").symlink_to(outside / "secret.txt")
    result = run_cli("import", "--lang", "ru", cwd=root)
    _refused(result, "translated page")
    assert "hunter2" not in result.stderr + result.stdout
    assert not (root / "locales").exists()
    build = run_cli("build", "--lang", "ru", cwd=root)
    _refused(build, "translated page")
    assert build.stderr.startswith("docs/builtin/ru/a.md: error: translated page leads outside")  # as shown
    assert (outside / "secret.txt").read_text() == SECRET


def test_output_folder_linked_outside(make_site: Callable[..., Path], outside: Path, tmp_path: Path) -> None:
    root = make_site({"docs/builtin/en/a.md": PAGE})
    assert run_cli("extract", cwd=root).returncode == 0
    (root / "docs/builtin/ru").symlink_to(outside)
    _refused(run_cli("build", "--lang", "ru", cwd=root), "outside the site")
    out = tmp_path / "out"
    (out / "docs/builtin").mkdir(parents=True)
    (out / "docs/builtin/ru").symlink_to(outside)
    _refused(run_cli("build", "--lang", "ru", "--out", str(out), cwd=root), "outside its folder")
    assert sorted(p.name for p in outside.iterdir()) == ["secret.txt"]
    _no_temps(root)


@pytest.mark.parametrize(
    ("setting", "words"),
    [
        ('templates = "docs/{section}/en/{name}.md"\n', ["templates", "pages"]),
        ('templates = "docs/{section}/{name}/x.pot"\n', []),
        ('catalogs = "docs/{section}/{lang}/{name}.md"\n', ["catalogs"]),
        ('languages = ["ru", "de", "ru"]\n', ["listed twice"]),
        ('languages = ["pt-BR", "pt_BR"]\n', ["listed twice"]),
    ],
)
def test_config_inputs_and_outputs_apart(
    make_site: Callable[..., Path], setting: str, words: list[str]
) -> None:
    key = setting.split(" ", 1)[0]
    lines = [line for line in SITE_CONFIG.splitlines(keepends=True) if not line.startswith(key + " ")]
    root = make_site(
        {"docs/builtin/en/a.md": PAGE, "docs/builtin/en/x.pot": "keep"}, "".join(lines) + setting
    )
    before = tree_digest(root)
    result = run_cli("extract", cwd=root)
    if not words:  # a pattern apart from every input: accepted
        assert result.returncode == 0, result.stderr
        return
    _refused(result, "cheatl10n.toml", *words)
    assert tree_digest(root) == before
    _no_temps(root)


def test_long_file_name(make_site: Callable[..., Path]) -> None:
    name = "n" * 240
    root = make_site({f"docs/builtin/en/{name}.md": PAGE})
    before = tree_digest(root)
    result = run_cli("extract", cwd=root)
    _refused(result, "File name too long")
    assert len(result.stderr) < 400
    assert tree_digest(root) == before
    _no_temps(root)


def test_undecodable_file_name(make_site: Callable[..., Path]) -> None:
    root = make_site({"docs/builtin/en/a.md": PAGE})
    (root / "docs/builtin/en").joinpath(os.fsdecode(b"b\xff.md")).write_text(PAGE)
    before = tree_digest(root)
    _refused(run_cli("extract", cwd=root), "not valid UTF-8", "b\\xff.md")
    assert tree_digest(root) == before


def test_read_only_catalog_and_catalog_folder_and_loop(make_site: Callable[..., Path]) -> None:
    root = make_site({"docs/builtin/en/a.md": PAGE, "docs/builtin/en/b.md": PAGE})
    assert run_cli("extract", cwd=root).returncode == 0
    for page in ("a", "b"):
        (root / f"docs/builtin/en/{page}.md").write_text(PAGE + "\nMore.\n")
    (root / "locales/de/builtin/a.po").chmod(0o444)
    before = tree_digest(root)
    _refused(run_cli("extract", cwd=root), "a.po", "read-only")
    assert tree_digest(root) == before
    (root / "locales/de/builtin/a.po").chmod(0o644)
    (root / "locales/de/builtin/a.po").unlink()
    (root / "locales/de/builtin/a.po").mkdir()
    _refused(run_cli("extract", cwd=root), "a.po")
    (root / "locales/de/builtin/a.po").rmdir()
    (root / "locales/de/builtin/a.po").symlink_to("a.po")
    _refused(run_cli("extract", cwd=root), "a.po")
    _no_temps(root)


@pytest.fixture
def small_disk(tmp_path: Path) -> Iterator[Path]:
    """A 1 MB tmpfs (root only); skipped where it cannot be mounted."""
    mount = tmp_path / "disk"
    mount.mkdir()
    done = subprocess.run(
        ["mount", "-t", "tmpfs", "-o", "size=1m", "tmpfs", str(mount)], capture_output=True, check=False
    )
    if done.returncode != 0:
        pytest.skip(f"cannot mount a tmpfs here: {done.stderr.decode().strip()}")
    yield mount
    subprocess.run(["umount", "-l", str(mount)], check=False)


def test_full_disk(small_disk: Path) -> None:
    root = small_disk / "site"
    pages = root / "docs/builtin/en"
    pages.mkdir(parents=True)
    (root / "cheatl10n.toml").write_text(SITE_CONFIG)
    for number in range(20):
        (pages / f"p{number}.md").write_text(f"# Page {number}\n\n" + "A sentence of prose. " * 400 + "\n")
    filler = root / "filler"
    with contextlib.suppress(OSError), open(filler, "wb") as handle:  # fill the disk
        while True:
            handle.write(b"\0" * 4096)
            handle.flush()
    os.truncate(filler, filler.stat().st_size - 100_000)  # room for a few catalogs, not all
    before = tree_digest(root)
    _refused(run_cli("extract", cwd=root), "No space left on device")
    assert tree_digest(root) == before
    _no_temps(root)


_AS_NOBODY = """
import os, sys
from cheatl10n.cli.main import main
import cheatl10n.cli.commands, cheatl10n.jobs.extract, cheatl10n.pages.segment
import cheatl10n.po.merge, cheatl10n.po.write, cheatl10n.po.read
import babel.core, babel.messages.plurals, polib, tomllib, json, hashlib, difflib, ctypes, encodings.idna
import importlib.util, subprocess
os.setgid(65534)
os.setuid(65534)  # the interpreter's own files may be root's alone: everything is imported first
main(sys.argv[1:])
"""


def _as_nobody(root: Path, *args: str) -> subprocess.CompletedProcess[str]:
    if os.geteuid() != 0:
        pytest.skip("needs root, to run the command line as the user nobody")
    return subprocess.run(
        [sys.executable, "-c", _AS_NOBODY, *args],
        cwd=root,
        env={**os.environ, "NO_COLOR": "1"},
        capture_output=True,
        text=True,
        check=False,
    )


def _give_to_nobody(root: Path) -> None:
    for folder, dirs, files in os.walk(root):
        for name in [folder, *(os.path.join(folder, n) for n in dirs + files)]:
            os.chown(name, 65534, 65534)


@pytest.mark.parametrize("folder", ["locales/de/builtin", ".cheatl10n"])
def test_unwritable_folder(folder: str) -> None:
    with tempfile.TemporaryDirectory() as where:  # pytest's folders are root's alone
        root = Path(where) / "site"
        (root / "docs/builtin/en").mkdir(parents=True)
        (root / "docs/builtin/en/a.md").write_text(PAGE)
        (root / "cheatl10n.toml").write_text(SITE_CONFIG)
        Path(where).chmod(0o755)
        _unwritable(root, folder)


def _unwritable(root: Path, folder: str) -> None:
    assert run_cli("extract", cwd=root).returncode == 0
    (root / "docs/builtin/en/a.md").write_text(PAGE + "\nMore.\n")
    _give_to_nobody(root)
    os.chown(root / folder, 0, 0)  # root's, mode 755: nobody may not write there
    before = tree_digest(root)
    probe = _as_nobody(root, "--version")  # this machine lets nobody run the command line at all
    if probe.returncode != 0:
        pytest.skip(f"cannot run as nobody here: {probe.stderr.strip()[-200:]}")
    result = _as_nobody(root, "extract")  # from here on, a crash is a failure, not a skip
    _refused(result, "Permission denied", folder.split("/")[-1])
    assert tree_digest(root) == before
    _no_temps(root)


@pytest.mark.parametrize(
    ("msgstr", "words"),
    [(b'"\xff"', ["a.po:", "not valid UTF-8"]), (b'"a\x00b"', ["a.po:", "U+0000"])],
)
def test_extract_reads_the_lines_translators_own(
    make_site: Callable[..., Path], msgstr: bytes, words: list[str]
) -> None:
    """A catalog the digests call current is still checked line by line, the pre-commit hook's way too."""
    root = make_site({"docs/builtin/en/a.md": PAGE})
    assert run_cli("extract", cwd=root).returncode == 0
    assert run_cli("extract", cwd=root).returncode == 0  # the record now vouches for every file
    catalog = root / "locales/ru/builtin/a.po"
    data = catalog.read_bytes()
    assert b'msgid "Title"\nmsgstr ""' in data
    catalog.write_bytes(data.replace(b'msgid "Title"\nmsgstr ""', b'msgid "Title"\nmsgstr ' + msgstr))
    before = tree_digest(root)
    for args in (["extract"], ["extract", "--check"], ["--quiet", "extract", "--exit-code"]):
        _refused(run_cli(*args, cwd=root), *words)
    assert tree_digest(root) == before


def test_frontmatter_alias_is_bad_input(make_site: Callable[..., Path]) -> None:
    page = "---\ntitle: &t Hello\ndescription: *t\n---\n\n# Title\n"
    root = make_site({"docs/builtin/en/a.md": page})
    result = run_cli("extract", cwd=root)
    _refused(result, "docs/builtin/en/a.md:3: error:", "alias")
    assert not (root / "locales").exists()
