"""import on the real corpus: the published ru and de pages go into catalogs and come back out.

For each language, with ``code_comments`` off and on, ``import`` runs over all 132
pages and says, per page, whether ``build`` now gives back the published page
(body byte for byte, frontmatter loading to the same values). The shares are
stated in the README; the floors below fail the test if they drop. Every page
that is not reproduced must have its differences named by the import report;
with ``code_comments`` on, those pages are listed in ``import_exceptions.txt``
with the kinds of difference the report gives for each.
"""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import polib
import pytest

from support import (
    CORPUS_KEYS,
    copy_corpus,
    finding_kind,
    require_corpus,
    require_tool,
    run_cli,
    site_config,
    tree_digest,
)

# Pages reproduced by import + build, measured on the corpus (2026-11-30, with the gate): floors,
# per section.
FLOORS = {
    ("ru", False): {"blog": 0, "builtin": 51, "cheatsheet": 7, "modules": 17},
    ("de", False): {"blog": 0, "builtin": 34, "cheatsheet": 8, "modules": 18},
    ("ru", True): {"blog": 0, "builtin": 69, "cheatsheet": 19, "modules": 26},
    ("de", True): {"blog": 0, "builtin": 65, "cheatsheet": 19, "modules": 25},
}
EXCEPTIONS = Path(__file__).with_name("import_exceptions.txt")
_PAGE = re.compile(r"^(docs/(\w+)/(\w+)/[^:]+\.md): .*; (reproduced|not reproduced)")
_FINDING = re.compile(r"^  docs/\S+:\d+: (docs/\S+?):\d+: (.*)$")


def run_import(tmp: Path, lang: str, comments: bool) -> tuple[Path, dict[str, tuple[str, bool, set[str]]]]:
    root = copy_corpus(tmp / f"{lang}-{'on' if comments else 'off'}")
    (root / "cheatl10n.toml").write_text(
        site_config(frontmatter_keys=CORPUS_KEYS, code_comments=comments), encoding="utf-8"
    )
    result = run_cli("-v", "import", "--lang", lang, cwd=root)
    assert result.returncode in (0, 3), result.stderr
    pages: dict[str, tuple[str, bool, set[str]]] = {}
    for line in result.stdout.splitlines():
        page = _PAGE.match(line)
        if page:
            pages[page.group(1)] = (page.group(2), page.group(4) == "reproduced", set())
            continue
        finding = _FINDING.match(line)
        if finding:
            pages[finding.group(1)][2].add(finding_kind(finding.group(2)))
    return root, pages


@pytest.fixture(scope="module")
def imports(tmp_path_factory: pytest.TempPathFactory) -> dict[tuple[str, bool], tuple[Path, dict]]:  # type: ignore[type-arg]
    require_corpus()
    tmp = tmp_path_factory.mktemp("import")
    return {(lang, on): run_import(tmp, lang, on) for lang in ("ru", "de") for on in (False, True)}


@pytest.mark.parametrize("lang", ["ru", "de"])
@pytest.mark.parametrize("comments", [False, True], ids=["comments-off", "comments-on"])
def test_reproduced_pages_per_section(imports: dict, lang: str, comments: bool) -> None:  # type: ignore[type-arg]
    _root, pages = imports[(lang, comments)]
    assert len(pages) == 132
    per: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    for section, reproduced, _found in pages.values():
        per[section][0] += reproduced
        per[section][1] += 1
    print(
        f"{lang} code_comments={comments}: " + ", ".join(f"{s} {a}/{b}" for s, (a, b) in sorted(per.items()))
    )
    for section, floor in FLOORS[(lang, comments)].items():
        assert per[section][0] >= floor, (section, per[section])


@pytest.mark.parametrize("lang", ["ru", "de"])
@pytest.mark.parametrize("comments", [False, True], ids=["comments-off", "comments-on"])
def test_every_page_not_reproduced_has_named_differences(imports: dict, lang: str, comments: bool) -> None:  # type: ignore[type-arg]
    _root, pages = imports[(lang, comments)]
    silent = [page for page, (_s, reproduced, found) in pages.items() if not reproduced and not found]
    assert silent == []


def listed_exceptions() -> dict[str, set[str]]:
    listed = {}
    for line in EXCEPTIONS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            page, reasons = line.split(": ", 1)
            listed[page] = set(reasons.split("; "))
    return listed


def test_exceptions_are_listed_with_their_reasons(imports: dict) -> None:  # type: ignore[type-arg]
    found = {}
    for lang in ("ru", "de"):
        _root, pages = imports[(lang, True)]
        found.update({page: reasons for page, (_s, ok, reasons) in pages.items() if not ok})
    assert found == listed_exceptions()


def test_second_import_changes_no_byte(imports: dict) -> None:  # type: ignore[type-arg]
    root, _pages = imports[("ru", True)]
    before = tree_digest(root)
    assert run_cli("import", "--lang", "ru", cwd=root).returncode in (0, 3)
    assert tree_digest(root) == before


def test_imported_catalogs_are_canonical_gettext(imports: dict) -> None:  # type: ignore[type-arg]
    msgcat = require_tool("msgcat")
    msgfmt = require_tool("msgfmt")
    import subprocess

    root, _pages = imports[("ru", True)]
    catalogs = sorted((root / "locales").rglob("*.po"))
    assert len(catalogs) == 132
    translated = 0
    for catalog in catalogs:
        data = catalog.read_bytes()
        assert subprocess.run([msgcat, str(catalog)], capture_output=True, check=True).stdout == data, catalog
        subprocess.run([msgfmt, "-c", "--check-format", "-o", "/dev/null", str(catalog)], check=True)
        translated += sum(1 for entry in polib.pofile(str(catalog)) if entry.translated())
    assert translated > 3500
