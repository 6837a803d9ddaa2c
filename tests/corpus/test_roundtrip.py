"""Acceptance: the python-cheatsheet corpus through the real CLI, with fresh and pseudo catalogs.

One module-scoped fixture lays the 132 English pages out as a site, runs
``extract`` and ``build --lang ru`` with the fresh (empty) catalogs, then runs
``extract`` a second time; a second site gets a copy of those ru catalogs with
every msgstr set to a pseudo-translation (``⟦msgid⟧``, edited with polib and
saved with ``cheatl10n.po.write.dump_po``) and is built with ``build --lang ru``.
The per-page tests are parametrized over the results (ids: ``section/page``).

Only ``ru`` is extracted (``extract --lang ru``): ``de`` would double the run
time without testing anything new.

Expected values come from the source pages (read here with PyYAML and
markdown-it-py, independently of the tool) and from gettext's ``msgfmt`` and
``msgcat``; nothing expected is computed by cheatl10n itself.
"""

from __future__ import annotations

import re
import shutil
import subprocess
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from pathlib import Path

import polib
import pytest
import yaml
from markdown_it import MarkdownIt

from cheatl10n.po.write import dump_po

from support import CORPUS, CORPUS_KEYS, corpus_pages, require_tool, run_cli, site_config, tree_digest

pytestmark = pytest.mark.corpus

LANG = "ru"
OPEN, CLOSE = "⟦", "⟧"
FRONTMATTER_KEYS = CORPUS_KEYS
CONFIG = site_config(frontmatter_keys=CORPUS_KEYS)

PAGES = corpus_pages("en")
"""The source pages; empty (and every per-page test skipped) when the corpus is absent."""
EXTRACT_SUMMARY = re.compile(r"(\d+) pages, (\d+) catalogs, (\d+) changed")
FRONTMATTER = re.compile(r"\A---[ \t]*\r?\n(.*?)^---[ \t]*(?:\r?\n|\Z)", re.DOTALL | re.MULTILINE)


def page_id(page: Path) -> str:
    """``section/name`` of a corpus page: the parametrize id."""
    return f"{page.parent.parent.name}/{page.stem}"


def relative_page(page: Path, lang: str) -> str:
    return f"docs/{page.parent.parent.name}/{lang}/{page.name}"


def relative_catalog(page: Path, lang: str) -> str:
    return f"locales/{lang}/{page.parent.parent.name}/{page.stem}.po"


def pseudo(text: str) -> str:
    return OPEN + text + CLOSE


def split_frontmatter(text: str) -> tuple[str | None, str]:
    """The YAML text of a leading ``---`` block (None if there is none) and the body after it."""
    match = FRONTMATTER.match(text)
    if match is None:
        return None, text
    return match.group(1), text[match.end() :]


def parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def fail(step: str, result: subprocess.CompletedProcess[str]) -> str:
    return f"{step} exited {result.returncode}\nstdout:\n{result.stdout}\nstderr:\n{result.stderr}"


@dataclass(frozen=True)
class CorpusRun:
    identity: Path
    """The site built with the fresh catalogs (extracted twice)."""
    pseudo: Path
    """The site built with the pseudo-filled catalogs."""
    first_extract: subprocess.CompletedProcess[str]
    second_extract: subprocess.CompletedProcess[str]
    identity_build: subprocess.CompletedProcess[str]
    pseudo_build: subprocess.CompletedProcess[str]
    before_second_extract: dict[str, str]
    after_second_extract: dict[str, str]


def _lay_out(root: Path) -> None:
    for page in PAGES:
        target = root / relative_page(page, "en")
        target.parent.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(page, target)
    (root / "cheatl10n.toml").write_text(CONFIG, encoding="utf-8")


def _pseudo_fill(catalog: Path) -> None:
    """Set every active msgstr of ``catalog`` to ``⟦msgid⟧`` and save it as the tool would."""
    po = polib.pofile(str(catalog), wrapwidth=79)
    for entry in po:
        if not entry.obsolete and entry.msgid:
            entry.msgstr = pseudo(entry.msgid)
    catalog.write_bytes(dump_po(po))


@pytest.fixture(scope="module")
def run(tmp_path_factory: pytest.TempPathFactory) -> CorpusRun:
    if not PAGES:
        pytest.skip(f"shared corpus not found at {CORPUS}")
    identity = tmp_path_factory.mktemp("identity")
    _lay_out(identity)
    first = run_cli("extract", "--lang", LANG, cwd=identity)
    assert first.returncode == 0, fail("extract", first)
    built = run_cli("build", "--lang", LANG, cwd=identity)
    assert built.returncode == 0, fail("build", built)

    pseudo_site = tmp_path_factory.mktemp("pseudo")
    _lay_out(pseudo_site)
    shutil.copytree(identity / "locales", pseudo_site / "locales")
    catalogs = sorted((pseudo_site / "locales" / LANG).rglob("*.po"))

    for catalog in catalogs:
        _pseudo_fill(catalog)

    before = tree_digest(identity)
    second = run_cli("extract", "--lang", LANG, cwd=identity)
    after = tree_digest(identity)
    assert second.returncode == 0, fail("second extract", second)

    pseudo_build = run_cli("build", "--lang", LANG, cwd=pseudo_site)
    assert pseudo_build.returncode == 0, fail("build (pseudo)", pseudo_build)
    return CorpusRun(identity, pseudo_site, first, second, built, pseudo_build, before, after)


PAGE_PARAMS = [pytest.param(page, id=page_id(page)) for page in PAGES]


# 1. Identity: fresh catalogs rebuild every page byte for byte; extract is idempotent.


def test_first_extract_writes_one_catalog_per_page(run: CorpusRun) -> None:
    summary = EXTRACT_SUMMARY.search(run.first_extract.stdout)
    assert summary, run.first_extract.stdout
    # one ru catalog and one template (.pot) per page
    assert tuple(map(int, summary.groups())) == (len(PAGES), 2 * len(PAGES), 2 * len(PAGES))
    written = sorted(p.relative_to(run.identity).as_posix() for p in run.identity.rglob("*.po"))
    assert written == sorted(relative_catalog(page, LANG) for page in PAGES)


@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_identity_build_is_byte_identical(run: CorpusRun, page: Path) -> None:
    output = run.identity / relative_page(page, LANG)
    assert output.read_bytes() == page.read_bytes()


def test_identity_build_writes_every_page(run: CorpusRun) -> None:
    assert f"{LANG}: {len(PAGES)} pages ({len(PAGES)} written), 0/" in run.identity_build.stdout
    built = sorted(run.identity.glob(f"docs/*/{LANG}/*.md"))
    assert len(built) == len(PAGES)


def test_second_extract_changes_nothing(run: CorpusRun) -> None:
    summary = EXTRACT_SUMMARY.search(run.second_extract.stdout)
    assert summary, run.second_extract.stdout
    assert tuple(map(int, summary.groups())) == (len(PAGES), 2 * len(PAGES), 0)
    assert run.after_second_extract == run.before_second_extract


# 2. Pseudo-translation: every msgstr is ⟦msgid⟧; the structure of each page must survive.


def _texts(run: CorpusRun, page: Path) -> tuple[str, str]:
    output = run.pseudo / relative_page(page, LANG)
    return page.read_text(encoding="utf-8"), output.read_text(encoding="utf-8")


def test_pseudo_build_translates_everything(run: CorpusRun) -> None:
    line = next((x for x in run.pseudo_build.stdout.splitlines() if x.startswith(f"{LANG}: ")), "")
    match = re.match(rf"{LANG}: (\d+) pages \((\d+) written\), (\d+)/(\d+) translated", line)
    assert match, run.pseudo_build.stdout
    pages, written, translated, total = map(int, match.groups())
    assert (pages, written) == (len(PAGES), len(PAGES))
    assert translated == total > 0


@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_pseudo_keeps_fenced_code(run: CorpusRun, page: Path) -> None:
    source, output = _texts(run, page)
    assert output != source
    md = parser()
    fences = [(t.info, t.content) for t in md.parse(split_frontmatter(source)[1]) if t.type == "fence"]
    after = [(t.info, t.content) for t in md.parse(split_frontmatter(output)[1]) if t.type == "fence"]
    assert after == fences


@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_pseudo_keeps_block_structure(run: CorpusRun, page: Path) -> None:
    source, output = _texts(run, page)
    md = parser()

    def blocks(text: str) -> list[tuple[str, str]]:
        return [(t.type, t.tag) for t in md.parse(split_frontmatter(text)[1]) if t.type != "inline"]

    assert blocks(output) == blocks(source)


@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_pseudo_frontmatter(run: CorpusRun, page: Path) -> None:
    source, output = _texts(run, page)
    source_yaml, _ = split_frontmatter(source)
    output_yaml, _ = split_frontmatter(output)
    assert source_yaml is not None, "every corpus page has frontmatter"
    assert output_yaml is not None, "the output lost its frontmatter block"
    before = yaml.safe_load(source_yaml)
    after = yaml.safe_load(output_yaml)
    expected = {
        key: pseudo(value) if key in FRONTMATTER_KEYS and isinstance(value, str) and value.strip() else value
        for key, value in before.items()
    }
    assert list(after.items()) == list(expected.items())
    assert any(key in before for key in FRONTMATTER_KEYS)


_NOT_PROSE = re.compile(r"(`+).+?\1|<[^>\n]*>|\]\([^)\n]*\)|&#?\w+;", re.DOTALL)


@pytest.mark.parametrize("page", PAGE_PARAMS)
def test_pseudo_reaches_every_text_block(run: CorpusRun, page: Path) -> None:
    """Each paragraph, heading, list item text and table cell with words in it got translated."""
    _source, output = _texts(run, page)
    missed = []
    for token in parser().parse(split_frontmatter(output)[1]):
        if token.type != "inline" or OPEN in token.content:
            continue
        words = _NOT_PROSE.sub(" ", token.content.replace("\n", " "))
        if any(char.isalpha() for char in words):
            line = token.map[0] + 1 if token.map else "?"
            missed.append(f"body line {line}: {token.content[:70]!r}")
    assert not missed, "text left in English:\n" + "\n".join(missed)


# 3. Every catalog the tool wrote is valid for gettext and in msgcat's canonical form.


def _gettext_problems(catalog: Path, msgfmt: str, msgcat: str) -> list[str]:
    problems = []
    checked = subprocess.run(
        [msgfmt, "-c", "--check-format", "-o", "/dev/null", str(catalog)],
        capture_output=True,
        check=False,
    )
    if checked.returncode != 0:
        problems.append(f"msgfmt -c: {checked.stderr.decode(errors='replace').strip()}")
    canonical = subprocess.run([msgcat, str(catalog)], capture_output=True, check=False)
    if canonical.returncode != 0:
        problems.append(f"msgcat: {canonical.stderr.decode(errors='replace').strip()}")
    elif canonical.stdout != catalog.read_bytes():
        data = catalog.read_bytes().splitlines()
        other = canonical.stdout.splitlines()
        first = next(
            (n for n, (a, b) in enumerate(zip(data, other, strict=False)) if a != b),
            min(len(data), len(other)),
        )
        problems.append(f"msgcat differs from line {first + 1}")
    return problems


@pytest.mark.parametrize("which", ["fresh", "pseudo"])
def test_catalogs_pass_msgfmt_and_msgcat(run: CorpusRun, which: str) -> None:
    msgfmt, msgcat = require_tool("msgfmt"), require_tool("msgcat")
    root = run.identity if which == "fresh" else run.pseudo
    catalogs = sorted(root.glob(f"locales/{LANG}/*/*.po"))
    assert len(catalogs) == len(PAGES)
    failures = {}
    with ThreadPoolExecutor(max_workers=2) as pool:
        results = pool.map(lambda path: (path, _gettext_problems(path, msgfmt, msgcat)), catalogs)
        for path, problems in results:
            if problems:
                failures[path.relative_to(root).as_posix()] = problems
    print(f"{which}: {len(catalogs)} catalogs checked with msgfmt -c and msgcat, {len(failures)} failed")
    assert not failures, "\n".join(f"{path}: {'; '.join(p)}" for path, p in failures.items())


def test_pseudo_catalogs_hold_the_pseudo_translation(run: CorpusRun) -> None:
    """The catalogs checked above really are filled: every active msgstr is ⟦msgid⟧."""
    wrong = []
    entries = 0
    for catalog in sorted(run.pseudo.glob(f"locales/{LANG}/*/*.po")):
        for entry in polib.pofile(str(catalog)):
            if entry.obsolete:
                continue
            entries += 1
            if entry.msgstr != pseudo(entry.msgid) or entry.fuzzy:
                wrong.append(f"{catalog.name}: {entry.msgid[:40]!r}")
    assert entries > len(PAGES)
    assert not wrong, "\n".join(wrong[:20])
