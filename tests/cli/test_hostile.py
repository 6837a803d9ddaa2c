"""Hostile translations (``hostile/cases.yaml``) through the real CLI: each is refused or neutralised.

Every case is a page of its own in one of two sites: the refused cases (``check``
and ``build`` exit 3 and name each catalog line) and the cases that pass
(neutralised, or passed with a warning: both exit 0). Whether a built page is
safe is decided here, without cheatl10n: the source page and the built page are
rendered by markdown-it-py (HTML on, tables on) and read by ``html.parser``; the
built page may have no block, element, attribute, link target, Vue interpolation
or frontmatter key that the source lacks. Only ``<code>``, ``<b>``, ``<strong>``,
``<em>``, ``<i>`` and ``<br>`` without attributes may be new: formatting.
"""

from __future__ import annotations

import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import polib
import pytest
import yaml

from cheatl10n.po.write import dump_po
from siteview import new_things

from support import SITE_CONFIG, run_cli

HERE = Path(__file__).with_name("hostile")
CASES: list[dict[str, Any]] = yaml.safe_load((HERE / "cases.yaml").read_text(encoding="utf-8"))
CONFIG = SITE_CONFIG + "code_comments = true\n"


def case_ids(kind: str) -> list[str]:
    return [case["id"] for case in CASES if bool(case.get("refused")) == (kind == "refused")]


def _entry(po: polib.POFile, msgid: str) -> polib.POEntry:
    entries = [entry for entry in po if entry.msgid == msgid and not entry.obsolete]
    assert entries, msgid
    return next((entry for entry in entries if entry.msgctxt is None), entries[0])


def msgstr_line(catalog: Path, msgid: str) -> int:
    """The 1-based line of the msgstr of ``msgid``, found in the catalog's text."""
    entry = _entry(polib.pofile(str(catalog)), msgid)
    lines = catalog.read_text(encoding="utf-8").split("\n")
    return next(n for n in range(entry.linenum, len(lines) + 1) if lines[n - 1].startswith("msgstr"))


@dataclass
class Site:
    root: Path
    check: subprocess.CompletedProcess[str]
    build: subprocess.CompletedProcess[str]
    lines: dict[tuple[str, str], int]
    """(case, msgid) -> line of its msgstr."""


def make_site(root: Path, cases: list[dict[str, Any]]) -> Site:
    (root / "cheatl10n.toml").parent.mkdir(parents=True)
    (root / "cheatl10n.toml").write_text(CONFIG, encoding="utf-8")
    for case in cases:
        page = root / "docs/t/en" / f"{case['id']}.md"
        page.parent.mkdir(parents=True, exist_ok=True)
        page.write_bytes((HERE / case.get("page", "page.md")).read_bytes())
    assert run_cli("extract", "-l", "ru", cwd=root).returncode == 0
    lines = {}
    for case in cases:
        catalog = root / "locales/ru/t" / f"{case['id']}.po"
        po = polib.pofile(str(catalog))
        for msgid, msgstr in case["translate"].items():
            entry = _entry(po, msgid)
            entry.msgstr = msgstr
            if "comment" in case:
                entry.comment = case["comment"]
        catalog.write_bytes(dump_po(po))
        for msgid in case["translate"]:
            lines[(case["id"], msgid)] = msgstr_line(catalog, msgid)
    check = run_cli("check", "-l", "ru", cwd=root)
    build = run_cli("build", "-l", "ru", cwd=root)
    return Site(root, check, build, lines)


@pytest.fixture(scope="module")
def sites(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Site]:
    tmp = tmp_path_factory.mktemp("hostile")
    refused = [case for case in CASES if case.get("refused")]
    passing = [case for case in CASES if not case.get("refused")]
    return {"refused": make_site(tmp / "refused", refused), "passing": make_site(tmp / "passing", passing)}


CASE_BY_ID = {case["id"]: case for case in CASES}


def test_every_case_is_refused_neutralised_or_warned() -> None:
    for case in CASES:
        assert sum(bool(case.get(key)) for key in ("refused", "neutralised", "warned")) == 1, case["id"]


def test_refused_runs_exit_3(sites: dict[str, Site]) -> None:
    site = sites["refused"]
    assert site.check.returncode == 3, site.check.stderr
    assert site.build.returncode == 3, site.build.stderr


def test_passing_runs_exit_0(sites: dict[str, Site]) -> None:
    site = sites["passing"]
    assert site.check.returncode == 0, site.check.stderr
    assert site.build.returncode == 0, site.build.stderr
    assert ": error: " not in site.check.stderr + site.build.stderr


@pytest.mark.parametrize("case_id", case_ids("refused"))
def test_refused_names_the_catalog_line(sites: dict[str, Site], case_id: str) -> None:
    site = sites["refused"]
    for msgid, message in CASE_BY_ID[case_id]["refused"]:
        where = f"locales/ru/t/{case_id}.po:{site.lines[(case_id, msgid)]}: error: {message}"
        for run in (site.check, site.build):
            assert any(line.startswith(where) for line in run.stderr.splitlines()), (where, run.stderr)


@pytest.mark.parametrize("case_id", [c["id"] for c in CASES if c.get("warned")])
def test_warned_names_the_catalog_line(sites: dict[str, Site], case_id: str) -> None:
    site = sites["passing"]
    for msgid, message in CASE_BY_ID[case_id]["warned"]:
        where = f"locales/ru/t/{case_id}.po:{site.lines[(case_id, msgid)]}: warning: {message}"
        assert where in site.check.stderr.splitlines(), (where, site.check.stderr)


@pytest.mark.parametrize("case_id", [case["id"] for case in CASES])
def test_built_page_adds_nothing(sites: dict[str, Site], case_id: str) -> None:
    case = CASE_BY_ID[case_id]
    site = sites["refused" if case.get("refused") else "passing"]
    source = (site.root / "docs/t/en" / f"{case_id}.md").read_text(encoding="utf-8")
    built = (site.root / "docs/t/ru" / f"{case_id}.md").read_text(encoding="utf-8")
    assert built != source or case.get("refused")
    assert new_things(source, built) == []
