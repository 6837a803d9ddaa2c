"""The README's adoption recipe, word for word, on a copy of the corpus: nothing published is lost.

``cheatl10n init``, then ``cheatl10n import --lang L`` and ``cheatl10n build --lang L``
for every language the config ``init`` wrote names (the corpus's translated folders:
nothing here knows which they are). Afterwards the site must be exactly as published,
and a fresh ``build --out`` into an empty folder (what the catalogs alone give back)
must reproduce every page (body byte for byte, frontmatter equal as YAML) except the
pages listed in ``adoption_exceptions.txt``, each with the causes the import report
names for it. No word that a published translation has and its English page lacks may
disappear, except on those pages.
"""

from __future__ import annotations

import difflib
import re
import shutil
import tomllib
from collections import Counter
from dataclasses import dataclass
from pathlib import Path

import pytest
import yaml

from support import CORPUS, finding_kind, require_corpus, run_cli

pytestmark = pytest.mark.slow
EXCEPTIONS = Path(__file__).with_name("adoption_exceptions.txt")
_PAGE = re.compile(r"^(docs/\S+\.md): (\d+) paired, (\d+) imported, .*; (reproduced|not reproduced)")
_FINDING = re.compile(r"^  docs/\S+:\d+: (docs/\S+?):\d+: (.*)$")
_WORD = re.compile(r"\w+")


@dataclass(frozen=True)
class Adopted:
    site: Path
    out: Path
    config: dict  # type: ignore[type-arg]
    reports: dict[str, set[str]]
    """Each translated page the import report calls not reproduced, with its causes."""
    carried: dict[str, int]
    """Strings imported per translated page, as the report says."""


def split_page(text: str) -> tuple[object, str]:
    if text.startswith("---\n"):
        end = text.find("\n---\n", 4)
        if end > 0:
            return yaml.safe_load(text[4:end]), text[end + 5 :]
    return None, text


@pytest.fixture(scope="module")
def adopted(tmp_path_factory: pytest.TempPathFactory) -> Adopted:
    docs = require_corpus()
    tmp = tmp_path_factory.mktemp("adoption")
    site = tmp / "site"
    shutil.copytree(docs, site / "docs")  # every language the corpus has: init finds them
    assert run_cli("init", cwd=site).returncode == 0
    config = tomllib.loads((site / "cheatl10n.toml").read_text(encoding="utf-8"))
    reports: dict[str, set[str]] = {}
    carried: dict[str, int] = {}
    for lang in config["languages"]:
        imported = run_cli("-v", "import", "--lang", lang, cwd=site)
        assert imported.returncode in (0, 3), imported.stderr
        page = ""
        for line in imported.stdout.splitlines():
            if match := _PAGE.match(line):
                page = match.group(1)
                carried[page] = int(match.group(3))
                if match.group(4) == "not reproduced":
                    reports[page] = set()
            elif (match := _FINDING.match(line)) and page in reports:
                reports[page].add(finding_kind(match.group(2)))
        built = run_cli("build", "--lang", lang, cwd=site)
        assert built.returncode in (0, 3), built.stderr
    out = tmp / "out"
    out.mkdir()
    for lang in config["languages"]:
        assert run_cli("build", "--lang", lang, "--out", str(out), cwd=site).returncode in (0, 3)
    return Adopted(site, out, config, reports, carried)


def published(adopted: Adopted) -> list[Path]:
    return [
        page
        for lang in adopted.config["languages"]
        for page in sorted((CORPUS / "docs").glob(f"*/{lang}/*.md"))
    ]


def listed_exceptions() -> dict[str, set[str]]:
    listed = {}
    for line in EXCEPTIONS.read_text(encoding="utf-8").splitlines():
        if line.strip() and not line.startswith("#"):
            page, causes = line.split(": ", 1)
            listed[page] = set(causes.split("; "))
    return listed


def test_init_adopts_the_sites_translated_code_and_keys(adopted: Adopted) -> None:
    # The translators of the corpus translate comments, strings, output lines and
    # code-only cells, and give labUrl per-language values.
    assert {"code_comments", "code_strings", "code_output", "code_cells"} <= {
        key for key, value in adopted.config.items() if value is True
    }
    assert "labUrl" in adopted.config["frontmatter_keys"]


def test_after_the_recipe_every_published_page_is_as_published(adopted: Adopted) -> None:
    changed = [
        str(page.relative_to(CORPUS))
        for page in published(adopted)
        if (adopted.site / page.relative_to(CORPUS)).read_bytes() != page.read_bytes()
    ]
    assert changed == []


def test_a_fresh_build_reproduces_every_page_but_the_listed_ones(adopted: Adopted) -> None:
    different = {}
    for page in published(adopted):
        relative = page.relative_to(CORPUS)
        want = split_page(page.read_text(encoding="utf-8"))
        got = split_page((adopted.out / relative).read_text(encoding="utf-8"))
        if got != want:
            different[relative.as_posix()] = adopted.reports.get(relative.as_posix(), set())
    per_lang = Counter(page.split("/")[2] for page in different)
    total = Counter(page.relative_to(CORPUS).parts[2] for page in published(adopted))
    print(", ".join(f"{lang} {total[lang] - per_lang[lang]}/{total[lang]}" for lang in sorted(total)))
    # import calls a page reproduced exactly when the fresh build gives it back
    assert sorted(different) == sorted(adopted.reports)
    assert different == listed_exceptions()


def test_no_translated_word_disappears_but_on_the_listed_pages(adopted: Adopted) -> None:
    listed = listed_exceptions()
    lost_on = {}
    for page in published(adopted):
        relative = page.relative_to(CORPUS)
        english = CORPUS / "docs" / relative.parts[1] / adopted.config["source_language"] / relative.name
        theirs = Counter(_WORD.findall(page.read_text(encoding="utf-8")))
        own = theirs - Counter(_WORD.findall(english.read_text(encoding="utf-8")))
        lost = own - Counter(_WORD.findall((adopted.out / relative).read_text(encoding="utf-8")))
        if lost:
            lost_on[relative.as_posix()] = sum(lost.values())
    print(f"translated words lost: {sum(lost_on.values())} on {len(lost_on)} pages")
    assert set(lost_on) <= set(listed)


def test_the_report_says_how_many_strings_each_page_carried(adopted: Adopted) -> None:
    assert len(adopted.carried) == len(published(adopted))
    assert all(count > 0 for count in adopted.carried.values())


def test_editing_one_paragraph_changes_only_that_paragraph(adopted: Adopted, tmp_path: Path) -> None:
    site = tmp_path / "site"
    shutil.copytree(adopted.site, site, ignore=shutil.ignore_patterns(".cheatl10n"))
    lang = adopted.config["languages"][0]
    target = next(
        page
        for page in published(adopted)
        if page.relative_to(CORPUS).parts[2] == lang
        and page.relative_to(CORPUS).as_posix() not in adopted.reports
    )
    relative = target.relative_to(CORPUS)
    english = site / "docs" / relative.parts[1] / adopted.config["source_language"] / relative.name
    text = english.read_text(encoding="utf-8")
    paragraph = next(
        line for line in text.split("\n\n") if line and line[0].isalpha() and "\n" not in line.strip()
    )
    english.write_text(text.replace(paragraph, paragraph + " Edited.", 1), encoding="utf-8")
    catalogs_before = {p: p.read_bytes() for p in (site / "locales").rglob("*.po")}
    assert run_cli("extract", cwd=site).returncode == 0
    changed = [p for p, data in catalogs_before.items() if p.read_bytes() != data]
    assert [p.relative_to(site).parts[-1] for p in changed] == [relative.with_suffix(".po").name] * len(
        changed
    )
    out = tmp_path / "out"
    assert run_cli("build", "--lang", lang, "--out", str(out), cwd=site).returncode in (0, 3)
    before = (adopted.out / relative).read_text(encoding="utf-8").split("\n")
    after = (out / relative).read_text(encoding="utf-8").split("\n")
    hunks = [op for op in difflib.SequenceMatcher(None, before, after).get_opcodes() if op[0] != "equal"]
    assert len(hunks) == 1, hunks
    _tag, i1, i2, j1, j2 = hunks[0]
    assert after[j1:j2] == [paragraph + " Edited."]  # the fuzzy translation falls back to the new English
    assert len(before[i1:i2]) == 1
