"""Bad input through the real CLI: one line naming file and line, exit 1, nothing on disk changed."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from cheatl10n.pages.limits import PAGE_LIMIT

from support import run_cli, site_config, tree_digest

GOOD = "---\ntitle: Good page\n---\n\n# Heading\n\nSome text.\n"


def assert_refused(root: Path, args: list[str], message: str, code: int = 1) -> None:
    before = tree_digest(root)
    result = run_cli(*args, cwd=root)
    lines = result.stderr.strip().splitlines()
    assert result.returncode == code, result.stderr
    assert len(lines) == 1, result.stderr
    assert lines[0].startswith(message), lines[0]
    assert tree_digest(root) == before


@pytest.fixture
def site(make_site: Callable[..., Path]) -> Callable[[dict[str, str | bytes]], Path]:
    """A site with one good page and its catalogs already extracted, plus the given files."""

    def make(files: dict[str, str | bytes]) -> Path:
        root = make_site({"docs/builtin/en/good.md": GOOD})
        assert run_cli("extract", cwd=root).returncode == 0
        for relative, content in files.items():
            path = root / relative
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(content if isinstance(content, bytes) else content.encode())
        return root

    return make


@pytest.mark.parametrize("command", [["extract"], ["build", "--lang", "ru"]])
def test_broken_frontmatter_yaml(site: Callable[..., Path], command: list[str]) -> None:
    root = site({"docs/builtin/en/bad.md": "---\ntitle: Bad\ndescription: [open\n---\nText.\n"})
    assert_refused(root, command, "docs/builtin/en/bad.md:3: error: frontmatter is not valid YAML")


def test_yaml_tag_is_never_run(site: Callable[..., Path], tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    page = f"---\ntitle: !!python/object/apply:os.system ['touch {marker}']\n---\nText.\n"
    root = site({"docs/builtin/en/bad.md": page})
    assert_refused(root, ["extract"], "docs/builtin/en/bad.md:2: error: frontmatter is not valid YAML")
    assert not marker.exists()


def test_non_utf8_page(site: Callable[..., Path]) -> None:
    root = site({"docs/builtin/en/latin.md": "# Caf\xe9\n\nText.\n".encode("latin-1")})
    assert_refused(root, ["extract"], "docs/builtin/en/latin.md:1: error: page is not valid UTF-8")


def test_malformed_po(site: Callable[..., Path]) -> None:
    root = site({})
    catalog = root / "locales/ru/builtin/good.po"
    catalog.write_text(catalog.read_text() + '\nmsgid "Extra"\nmsgstr "oops\n', encoding="utf-8")
    line = catalog.read_text().count("\n")
    for command in (["extract"], ["build", "--lang", "ru"]):
        assert_refused(
            root, command, f"locales/ru/builtin/good.po:{line}: error: syntax error: string not closed"
        )


def test_unreadable_po(site: Callable[..., Path]) -> None:
    root = site({"docs/builtin/en/new.md": GOOD})
    (root / "locales/ru/builtin/new.po").mkdir(parents=True)  # a folder where the catalog goes
    assert_refused(root, ["extract"], "locales/ru/builtin/new.po: error: cannot read catalog: Is a directory")


def test_po_with_duplicate_msgid(site: Callable[..., Path]) -> None:
    root = site({})
    catalog = root / "locales/de/builtin/good.po"
    catalog.write_text(catalog.read_text() + '\nmsgid "Heading"\nmsgstr "Titel"\n', encoding="utf-8")
    line = catalog.read_text().count("\n") - 1
    assert_refused(root, ["extract"], f"locales/de/builtin/good.po:{line}: error: duplicate msgid 'Heading'")


# What msginit, Weblate and babel before 2.19 write for these languages: two forms,
# where newer CLDR data (babel 2.19) gives fr, es, it and pt three.
TWO_FORMS = "nplurals=2; plural=(n > 1);"


@pytest.mark.parametrize("lang", ["fr", "es", "it", "pt", "pt-BR"])
def test_catalogs_with_any_plural_forms_work(make_site: Callable[..., Path], lang: str) -> None:
    config = site_config((lang,))
    root = make_site({"docs/builtin/en/good.md": GOOD}, config)
    assert run_cli("extract", cwd=root).returncode == 0
    catalog = root / f"locales/{lang}/builtin/good.po"
    po = polib.pofile(str(catalog))
    po.metadata["Plural-Forms"] = TWO_FORMS
    po.find("Heading").msgstr = "Titre"
    po.save()
    for args in (["extract"], ["check", "-l", lang], ["build", "-l", lang]):
        result = run_cli(*args, cwd=root)
        assert result.returncode == 0, (args, result.stderr)
        assert "error" not in result.stderr, (args, result.stderr)
    assert TWO_FORMS in catalog.read_text(encoding="utf-8")  # extract keeps the catalog's own header
    assert "# Titre" in (root / f"docs/builtin/{lang}/good.md").read_text(encoding="utf-8")


def test_plural_entry_with_other_form_count_is_a_warning(site: Callable[..., Path]) -> None:
    root = site({})
    catalog = root / "locales/ru/builtin/good.po"
    catalog.write_text(
        catalog.read_text(encoding="utf-8")
        + '\nmsgid "one file"\nmsgid_plural "%d files"\nmsgstr[0] "a"\nmsgstr[1] "b"\n',
        encoding="utf-8",
    )
    result = run_cli("check", "-l", "ru", cwd=root)
    assert result.returncode == 0, result.stderr
    assert re.search(
        r"locales/ru/builtin/good\.po:\d+: warning: Plural-Forms says nplurals=\d", result.stderr
    )


@pytest.mark.parametrize(
    ("code", "message"),
    [("xx-nope", "unknown language code 'xx-nope'"), ("r!u", "malformed language code 'r!u'")],
)
def test_unknown_language(site: Callable[..., Path], code: str, message: str) -> None:
    """A language code on the command line is a usage error (exit 2), as an unconfigured one is."""
    root = site({})
    before = tree_digest(root)
    result = run_cli("build", "--lang", code, cwd=root)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines()[-1].endswith(message)
    assert tree_digest(root) == before


def test_source_language_is_never_an_output(site: Callable[..., Path]) -> None:
    assert_refused(site({}), ["build", "--lang", "en"], "cheatl10n.toml: error: 'en' is the source language")


def test_unclosed_fence_is_a_warning(site: Callable[..., Path]) -> None:
    root = site({"docs/builtin/en/fence.md": "Intro.\n\n```python\nx = 1\n\nNever closed.\n"})
    result = run_cli("extract", cwd=root)
    assert result.returncode == 0
    assert result.stderr.strip() == (
        "docs/builtin/en/fence.md:3: warning: code fence is never closed: "
        "everything after it is code and is not translated"
    )
    catalog = (root / "locales/ru/builtin/fence.po").read_text()
    assert 'msgid "Intro."' in catalog
    assert "Never closed." not in catalog


def test_config_pattern_escaping_the_site_is_refused(make_site: Callable[..., Path]) -> None:
    config = (
        'source_language = "en"\nlanguages = ["ru"]\n'
        'pages = "../{lang}/{name}.md"\ncatalogs = "locales/{lang}/{name}.po"\n'
    )
    root = make_site({}, config=config)
    assert_refused(
        root, ["extract"], "cheatl10n.toml:3: error: pages pattern '../{lang}/{name}.md' must stay inside"
    )


def test_no_config_found(tmp_path: Path) -> None:
    assert_refused(tmp_path, ["extract"], "cheatl10n: error: no cheatl10n.toml here or in any folder above")


def test_symlinked_page_outside_the_site_is_refused(site: Callable[..., Path], tmp_path: Path) -> None:
    secret = tmp_path / "outside.md"
    secret.write_text("# Not part of the site\n", encoding="utf-8")
    root = site({})
    (root / "docs/builtin/en/link.md").symlink_to(secret)
    assert_refused(root, ["extract"], "docs/builtin/en/link.md: error: page is a symbolic link to")


def test_empty_page_and_frontmatter_only_page_are_fine(site: Callable[..., Path]) -> None:
    root = site({"docs/builtin/en/empty.md": "", "docs/builtin/en/meta.md": "---\ntitle: Only meta\n---\n"})
    result = run_cli("extract", cwd=root)
    assert result.returncode == 0, result.stderr
    assert 'msgid "Only meta"' in (root / "locales/ru/builtin/meta.po").read_text(encoding="utf-8")
    assert run_cli("build", "-l", "ru", cwd=root).returncode == 0
    assert (root / "docs/builtin/ru/empty.md").read_bytes() == b""
    assert (root / "docs/builtin/ru/meta.md").read_bytes() == b"---\ntitle: Only meta\n---\n"


def test_bom_and_crlf_are_kept(site: Callable[..., Path]) -> None:
    page = "\ufeff---\r\ntitle: Windows page\r\n---\r\n\r\n# Heading\r\n\r\nSome text.\r\n".encode()
    root = site({"docs/builtin/en/win.md": page})
    assert run_cli("extract", "-l", "ru", cwd=root).returncode == 0
    assert run_cli("build", "-l", "ru", cwd=root).returncode == 0
    assert (root / "docs/builtin/ru/win.md").read_bytes() == page


def test_a_page_just_under_the_size_limit(site: Callable[..., Path]) -> None:
    paragraph = "A sentence of plain prose that repeats. " * 24 + "\n\n"
    page = "# Big\n\n" + paragraph * (2_000_000 // len(paragraph))
    root = site({"docs/builtin/en/big.md": page})
    assert 1_950_000 < len(page) <= PAGE_LIMIT
    result = run_cli("extract", "-l", "ru", cwd=root)
    assert result.returncode == 0, result.stderr
    assert run_cli("build", "-l", "ru", cwd=root).returncode == 0
    assert (root / "docs/builtin/ru/big.md").read_text(encoding="utf-8") == page


def test_a_ten_megabyte_page_is_over_the_limit(site: Callable[..., Path]) -> None:
    """docs/limits.md: a page over 2 MB is refused at once (a 50 MB page took four minutes)."""
    page = "# Big\n\n" + ("A sentence of plain prose that repeats. " * 24 + "\n\n") * 10_000
    root = site({"docs/builtin/en/big.md": page})
    before = tree_digest(root)
    result = run_cli("extract", "-l", "ru", cwd=root)
    assert result.returncode == 1
    message = "docs/builtin/en/big.md:1: error: page is 9.2 MB, over the limit of 2.0 MB"
    assert result.stderr.startswith(message)
    assert tree_digest(root) == before
