"""Adopting a site loses nothing: translated code, strings translated two ways, build's guard.

Real CLI runs on small sites laid out in temp folders; catalogs are read back
with polib.
"""

from __future__ import annotations

import hashlib
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from cheatl10n.po.write import dump_po

from support import run_cli

CONFIG = """\
source_language = "en"
languages = ["ru"]
pages = "docs/{section}/{lang}/{name}.md"
catalogs = "locales/{lang}/{section}/{name}.po"
"""
CODE_ON = CONFIG + "code_comments = true\ncode_strings = true\ncode_output = true\ncode_cells = true\n"

SOURCE = """\
# Greeting

Say hello.

```Python
# Greet someone
print("Hello, world!")  # prints it
```

```output
Hello, world!
```

```bash
# install it
pip install greet
```

| Command | Does |
| --- | --- |
| `greet [name]` | greets |

## Test of emptiness

<base-warning-title>Test of emptiness</base-warning-title>
"""

TRANSLATED = """\
# Приветствие

Скажите привет.

```Python
# Поприветствовать кого-нибудь
print("Привет, мир!")  # печатает его
```

```output
Привет, мир!
```

```bash
# установить
pip install greet
```

| Команда | Делает |
| --- | --- |
| `greet [имя]` | приветствует |

## Проверка на пустоту

<base-warning-title>Проверка пустоты</base-warning-title>
"""

PAGE_EN, PAGE_RU = "docs/guide/en/greet.md", "docs/guide/ru/greet.md"
CATALOG = "locales/ru/guide/greet.po"


def entries(root: Path) -> dict[tuple[str | None, str], polib.POEntry]:
    return {(e.msgctxt, e.msgid): e for e in polib.pofile(str(root / CATALOG)) if not e.obsolete}


def adopt(make_site: Callable[..., Path], config: str = CODE_ON, translated: str = TRANSLATED) -> Path:
    return make_site({PAGE_EN: SOURCE, PAGE_RU: translated}, config=config)


def test_translated_code_is_imported_and_built_back(make_site: Callable[..., Path], tmp_path: Path) -> None:
    root = adopt(make_site)
    result = run_cli("import", "--lang", "ru", cwd=root)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "1 reproduced by build" in result.stdout
    found = entries(root)
    assert found[(None, "Greet someone")].msgstr == "Поприветствовать кого-нибудь"  # ```Python is Python
    assert found[(None, "Hello, world!")].msgstr == "Привет, мир!"  # string and output line alike
    assert found[(None, "install it")].msgstr == "установить"
    assert found[(None, "`greet [name]`")].msgstr == "`greet [имя]`"
    assert "code cell" in found[(None, "`greet [name]`")].comment
    out = tmp_path / "out"
    assert run_cli("build", "--lang", "ru", "--out", str(out), cwd=root).returncode == 0
    assert (out / PAGE_RU).read_text(encoding="utf-8") == TRANSLATED


def test_code_stays_the_sources_and_a_changed_english_comment_falls_back(
    make_site: Callable[..., Path],
) -> None:
    changed_code = TRANSLATED.replace("pip install greet", "pip install --user greet")
    root = adopt(make_site, translated=changed_code)
    result = run_cli("import", "--lang", "ru", cwd=root)
    assert result.returncode == 3
    assert (
        f"{PAGE_EN}:16: {PAGE_RU}:16: code block differs (code is always the source's): "
        "'pip install greet' / 'pip install --user greet'"
    ) in result.stdout
    # The English comment changes: its translation goes fuzzy, build writes the English comment.
    (root / PAGE_EN).write_text(SOURCE.replace("# install it", "# install it first"), encoding="utf-8")
    assert run_cli("extract", "--lang", "ru", cwd=root).returncode == 0
    entry = entries(root)[(None, "install it first")]
    assert entry.fuzzy and entry.msgstr == "установить"
    assert run_cli("build", "--lang", "ru", "--force", cwd=root).returncode == 0
    built = (root / PAGE_RU).read_text(encoding="utf-8")
    assert "# install it first\npip install greet\n" in built
    assert "# Поприветствовать кого-нибудь" in built


def test_code_switches_off_keep_code_out_of_the_catalog_and_name_the_switch(
    make_site: Callable[..., Path],
) -> None:
    root = adopt(make_site, config=CONFIG)
    result = run_cli("import", "--lang", "ru", cwd=root)
    assert result.returncode == 3
    assert not any("Greet someone" in msgid for _ctx, msgid in entries(root))
    assert "set code_comments = true or code_strings = true" in result.stdout


def test_a_string_translated_two_ways_keeps_both(make_site: Callable[..., Path], tmp_path: Path) -> None:
    root = adopt(make_site)
    assert run_cli("import", "--lang", "ru", cwd=root).returncode == 0
    found = entries(root)
    assert found[(None, "Test of emptiness")].msgstr == "Проверка на пустоту"
    assert found[("occurrence 2", "Test of emptiness")].msgstr == "Проверка пустоты"
    before = (root / CATALOG).read_bytes()
    assert run_cli("extract", "--lang", "ru", cwd=root).returncode == 0
    assert (root / CATALOG).read_bytes() == before  # extract keeps the occurrence's entry
    out = tmp_path / "out"
    assert run_cli("build", "--lang", "ru", "--out", str(out), cwd=root).returncode == 0
    assert (out / PAGE_RU).read_text(encoding="utf-8") == TRANSLATED


def test_an_occurrences_own_translation_passes_the_gate(
    make_site: Callable[..., Path], tmp_path: Path
) -> None:
    root = adopt(make_site)
    assert run_cli("import", "--lang", "ru", cwd=root).returncode == 0
    po = polib.pofile(str(root / CATALOG))
    entry = po.find("Test of emptiness", msgctxt="occurrence 2")
    assert entry is not None
    entry.msgstr = "Проверка <img src=x onerror=alert(1)>"
    po.save()
    result = run_cli("check", "--lang", "ru", cwd=root)
    assert result.returncode == 3
    assert "translation adds event handler onerror" in result.stdout + result.stderr
    out = tmp_path / "out"
    assert run_cli("build", "--lang", "ru", "--out", str(out), cwd=root).returncode == 3
    built = (out / PAGE_RU).read_text(encoding="utf-8")
    assert "onerror" not in built and "<base-warning-title>Test of emptiness</base-warning-title>" in built


@pytest.mark.parametrize(
    ("left_english", "shared", "second"),
    [
        ("## Проверка на пустоту", "", "Проверка пустоты"),
        ("<base-warning-title>Проверка пустоты</base-warning-title>", "Проверка на пустоту", ""),
    ],
)
def test_an_occurrence_left_untranslated_stays_so_and_no_translation_is_dropped(
    make_site: Callable[..., Path], tmp_path: Path, left_english: str, shared: str, second: str
) -> None:
    english = left_english.replace("Проверка на пустоту", "Test of emptiness").replace(
        "Проверка пустоты", "Test of emptiness"
    )
    published = TRANSLATED.replace(left_english, english)
    assert published != TRANSLATED
    root = adopt(make_site, translated=published)
    result = run_cli("import", "--lang", "ru", cwd=root)
    assert result.returncode == 0, result.stdout  # the page comes back as published
    found = entries(root)
    assert found[(None, "Test of emptiness")].msgstr == shared
    assert found[("occurrence 2", "Test of emptiness")].msgstr == second
    out = tmp_path / "out"
    assert run_cli("build", "--lang", "ru", "--out", str(out), cwd=root).returncode == 0
    assert (out / PAGE_RU).read_text(encoding="utf-8") == published
    status = run_cli("status", "--lang", "ru", cwd=root)
    assert "1 untranslated" in status.stdout, status.stdout  # the English occurrence is counted as such


def sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def test_build_leaves_a_page_it_did_not_write(make_site: Callable[..., Path]) -> None:
    root = adopt(make_site, translated=TRANSLATED.replace("Скажите привет.", "Скажите привет!"))
    assert run_cli("extract", "--lang", "ru", cwd=root).returncode == 0
    published = (root / PAGE_RU).read_bytes()
    result = run_cli("build", "--lang", "ru", cwd=root)
    assert result.returncode == 3
    named = "left as it is: not written by cheatl10n build (no line for it in cheatl10n.built)"
    assert f"{PAGE_RU}:1: error: {named}" in result.stderr  # the first line build would write otherwise
    assert (root / PAGE_RU).read_bytes() == published
    assert not (root / "cheatl10n.built").exists()
    assert run_cli("build", "--lang", "ru", "--force", cwd=root).returncode == 0
    assert (root / PAGE_RU).read_text(encoding="utf-8") == SOURCE  # nothing translated yet
    assert (root / "cheatl10n.built").read_text(encoding="utf-8") == f"{sha256(root / PAGE_RU)}  {PAGE_RU}\n"


def test_on_a_fresh_clone_build_replaces_its_own_pages_and_reports_hand_edits(
    make_site: Callable[..., Path], tmp_path: Path
) -> None:
    root = adopt(make_site)
    assert run_cli("import", "--lang", "ru", cwd=root).returncode == 0
    assert run_cli("build", "--lang", "ru", cwd=root).returncode == 0  # the page is already as built
    assert (root / "cheatl10n.built").is_file()
    clone = tmp_path / "clone"
    shutil.copytree(root, clone, ignore=shutil.ignore_patterns(".cheatl10n"))
    # A translator fixes the catalog: build replaces the page it wrote.
    po = polib.pofile(str(clone / CATALOG))
    po.find("Say hello.").msgstr = "Поздоровайтесь."
    (clone / CATALOG).write_bytes(dump_po(po))
    assert run_cli("build", "--lang", "ru", cwd=clone).returncode == 0
    assert "Поздоровайтесь." in (clone / PAGE_RU).read_text(encoding="utf-8")
    # A translator fixes the built page by hand: build names it and leaves it.
    page = clone / PAGE_RU
    page.write_text(page.read_text(encoding="utf-8").replace("Поздоровайтесь.", "Поздоровайтесь!"), "utf-8")
    result = run_cli("build", "--lang", "ru", cwd=clone)
    assert result.returncode == 3
    assert f"{PAGE_RU}:3: error: left as it is: edited since cheatl10n built it" in result.stderr
    assert "Поздоровайтесь!" in page.read_text(encoding="utf-8")
    # import carries the fix into the catalog; then build has nothing to replace.
    assert run_cli("import", "--lang", "ru", "--overwrite", cwd=clone).returncode == 0
    assert entries(clone)[(None, "Say hello.")].msgstr == "Поздоровайтесь!"
    assert run_cli("build", "--lang", "ru", cwd=clone).returncode == 0


def test_the_manifest_is_checked_by_sha256sum(make_site: Callable[..., Path]) -> None:
    tool = shutil.which("sha256sum")
    if tool is None:
        pytest.skip("sha256sum not installed")
    root = adopt(make_site)
    assert run_cli("import", "--lang", "ru", cwd=root).returncode == 0
    assert run_cli("build", "--lang", "ru", cwd=root).returncode == 0
    assert subprocess.run([tool, "-c", "cheatl10n.built"], cwd=root, capture_output=True).returncode == 0
