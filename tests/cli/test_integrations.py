"""Fitting the tools people use: translate-toolkit (Weblate), Babel, pre-commit, init, the API, pseudo."""

from __future__ import annotations

import importlib.util
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import polib
import pytest
from babel.messages.plurals import get_plural

from cheatl10n import Site

from support import CORPUS_KEYS, REPO, copy_corpus, run_cli, site_config


@pytest.fixture(scope="module")
def imported_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The corpus with ru imported: 132 catalogs full of real translations."""
    root = copy_corpus(tmp_path_factory.mktemp("imported"), ("en", "ru"))
    (root / "cheatl10n.toml").write_text(
        site_config(("ru",), frontmatter_keys=CORPUS_KEYS, code_comments=True), encoding="utf-8"
    )
    assert run_cli("import", "-l", "ru", cwd=root).returncode in (0, 3)
    return root


def test_translate_toolkit_resaves_every_catalog_unchanged(imported_corpus: Path) -> None:
    """Weblate reads and writes PO files through translate-toolkit: re-saving must change no byte."""
    po = pytest.importorskip("translate.storage.po")
    catalogs = sorted((imported_corpus / "locales/ru").rglob("*.po"))
    assert len(catalogs) == 132
    assert any('msgctxt "layout"' in path.read_text(encoding="utf-8") for path in catalogs)  # covered too
    differing = [path.name for path in catalogs if bytes(po.pofile(path.read_bytes())) != path.read_bytes()]
    assert differing == []


def test_babel_reads_and_writes_without_losing_anything(imported_corpus: Path, tmp_path: Path) -> None:
    from babel.messages.pofile import read_po, write_po

    def facts(path: Path) -> list[tuple[object, ...]]:
        return sorted(
            (e.obsolete, e.msgctxt or "", e.msgid, e.msgstr, e.fuzzy, e.previous_msgid or "")
            for e in polib.pofile(str(path))
        )

    for catalog in sorted((imported_corpus / "locales/ru").rglob("*.po")):
        with open(catalog, "rb") as handle:
            babel_catalog = read_po(handle, abort_invalid=True)
        copy = tmp_path / catalog.name
        with open(copy, "wb") as handle:
            write_po(handle, babel_catalog, width=79, include_previous=True)
        assert facts(copy) == facts(catalog), catalog


def test_init_finds_the_corpus_layout(tmp_path: Path) -> None:
    copy_corpus(tmp_path)
    result = run_cli("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    text = (tmp_path / "cheatl10n.toml").read_text(encoding="utf-8")
    assert 'source_language = "en"' in text
    assert 'languages = ["de", "ru"]' in text
    assert 'pages = "docs/{section}/{lang}/{name}.md"' in text
    assert 'catalogs = "locales/{lang}/{section}/{name}.po"' in text
    again = run_cli("init", cwd=tmp_path)
    assert again.returncode == 1 and "cheatl10n.toml already exists" in again.stderr
    assert run_cli("extract", "-l", "ru", cwd=tmp_path).returncode == 0


def test_init_names_the_project_so_a_clone_elsewhere_writes_the_same_catalogs(tmp_path: Path) -> None:
    site = tmp_path / 'my "docs"'
    (site / "content/en").mkdir(parents=True)
    (site / "content/fr").mkdir(parents=True)
    (site / "content/en/a.md").write_text("# Title\n\nSome text.\n", encoding="utf-8")
    (site / "content/fr/a.md").write_text("# Titre\n", encoding="utf-8")
    assert run_cli("init", cwd=site).returncode == 0
    assert 'project = "my \\"docs\\""' in (site / "cheatl10n.toml").read_text(encoding="utf-8")
    assert run_cli("extract", cwd=site).returncode == 0
    assert 'Project-Id-Version: my \\"docs\\"\\n' in (site / "locales/fr/a.po").read_text(encoding="utf-8")
    clone = tmp_path / "clone"
    shutil.copytree(site, clone)
    shutil.rmtree(clone / ".cheatl10n")
    check = run_cli("extract", "--check", cwd=clone)
    assert check.returncode == 0 and "0 would change" in check.stdout, check.stdout + check.stderr


@pytest.mark.parametrize(
    ("files", "pages", "languages"),
    [
        ({"content/en/a.md": "# A\n", "content/en/g/b.md": "# B\n", "content/fr/a.md": "# A\n"},
         "content/{lang}/{path}.md", '["fr"]'),
        ({"a.en.md": "# A\n", "guide/b.en.md": "# B\n", "a.ja.md": "# A\n"}, "{path}.{lang}.md", '["ja"]'),
    ],
)  # fmt: skip
def test_init_other_layouts(tmp_path: Path, files: dict[str, str], pages: str, languages: str) -> None:
    for relative, text in files.items():
        (tmp_path / relative).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / relative).write_text(text, encoding="utf-8")
    assert run_cli("init", cwd=tmp_path).returncode == 0
    text = (tmp_path / "cheatl10n.toml").read_text(encoding="utf-8")
    assert f'pages = "{pages}"' in text and f"languages = {languages}" in text


def test_python_api(make_site: Callable[..., Path]) -> None:
    root = make_site({"docs/builtin/en/a.md": "# Title\n\nSome text.\n"})
    site = Site.open(root)
    assert site.root == root.resolve()
    result = site.extract("ru")
    assert result.changed == ["locales/ru/builtin/a.po", "locales/templates/builtin/a.pot"]
    catalog = root / "locales/ru/builtin/a.po"
    po = polib.pofile(str(catalog))
    po.find("Title").msgstr = "Заголовок"
    catalog.write_text(str(po), encoding="utf-8")
    built = site.build("ru")
    assert built.total("ru").translated == 1 and built.total("ru").untranslated == 1
    assert (root / "docs/builtin/ru/a.md").read_text(encoding="utf-8") == "# Заголовок\n\nSome text.\n"
    assert site.check("ru").errors == 0
    assert [page.counts.total for page in site.status("ru")] == [2]


def test_pseudo_locale(make_site: Callable[..., Path]) -> None:
    page = 'Use `len()` on a [list](/lists) or <router-link to="/x">%s items</router-link>.\n'
    root = make_site({"docs/builtin/en/a.md": page})
    assert run_cli("pseudo", cwd=root).returncode == 0
    assert run_cli("check", "-l", "en-XA", cwd=root).returncode == 0
    assert run_cli("build", "-l", "en-XA", cwd=root).returncode == 0
    out = (root / "docs/builtin/en-XA/a.md").read_text(encoding="utf-8")
    assert out.startswith('⟦Ûšé `len()` öñ à [ļîšţ](/lists) öŕ <router-link to="/x">%s îţéɱš</router-link>.')
    assert '"Language: en_XA\\n"' in (root / "locales/en-XA/builtin/a.po").read_text(encoding="utf-8")
    refused = run_cli("pseudo", "-l", "ru", cwd=root)
    assert refused.returncode == 1 and "'ru' is a real language" in refused.stderr


def test_templates_start_a_new_language(make_site: Callable[..., Path]) -> None:
    root = make_site({"docs/builtin/en/a.md": "# Title\n"})
    assert run_cli("extract", cwd=root).returncode == 0
    template = polib.pofile(str(root / "locales/templates/builtin/a.pot"))
    assert [(e.msgid, e.msgstr) for e in template] == [("Title", "")]
    assert run_cli("extract", "--lang", "pt-BR", cwd=root).returncode == 2  # not configured yet
    config = root / "cheatl10n.toml"
    config.write_text(config.read_text().replace('["ru", "de"]', '["ru", "de", "pt-BR"]'))
    assert run_cli("extract", "--lang", "pt-BR", cwd=root).returncode == 0
    started = polib.pofile(str(root / "locales/pt-BR/builtin/a.po")).metadata
    plural = get_plural("pt_BR")  # whatever CLDR version the installed babel carries
    assert started["Language"] == "pt_BR"
    assert started["Plural-Forms"] == f"nplurals={plural.num_plurals}; plural={plural.plural_expr};"


def test_version_help_and_completion() -> None:
    version = run_cli("--version", cwd=REPO)
    assert version.returncode == 0 and version.stdout.startswith("cheatl10n, version ")
    helped = run_cli("build", "--help", cwd=REPO)
    assert "Write the translated pages." in helped.stdout and "--fail-on" in helped.stdout
    completion = subprocess.run(
        [sys.executable, "-c", "from cheatl10n.cli.commands import main; main()"],
        env={**os.environ, "_CHEATL10N_COMPLETE": "bash_source"},
        capture_output=True,
        text=True,
        check=False,
    )
    assert "complete" in completion.stdout and "_CHEATL10N_COMPLETE" in completion.stdout


@pytest.mark.slow  # pre-commit builds the hook's own virtualenv: about 40 s
def test_pre_commit_hooks(make_site: Callable[..., Path], tmp_path: Path) -> None:
    if importlib.util.find_spec("pre_commit") is None or shutil.which("git") is None:
        pytest.skip("pre-commit or git is not installed")
    root = make_site({"docs/builtin/en/a.md": "# Title\n", ".gitignore": ".cheatl10n/\n"})
    people = {f"GIT_{who}_{what}": value for who in ("AUTHOR", "COMMITTER")
              for what, value in (("NAME", "t"), ("EMAIL", "t@example.org"))}  # fmt: skip
    env = {**os.environ, "PRE_COMMIT_HOME": str(tmp_path / "pre-commit-home"), **people}
    subprocess.run(["git", "init", "-q", str(root)], check=True, env=env)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)

    def hook(hook_id: str, *files: str) -> subprocess.CompletedProcess[str]:
        args = ["--files", *files] if files else ["--all-files"]
        return subprocess.run(
            [sys.executable, "-m", "pre_commit", "try-repo", str(REPO), hook_id, *args],
            cwd=root, env=env, capture_output=True, text=True, timeout=600, check=False,
        )  # fmt: skip

    first = hook("cheatl10n-extract")
    if (
        "pip" in first.stdout + first.stderr
        and "rror" in first.stdout + first.stderr
        and "Failed" in first.stdout
    ):
        pytest.skip("pre-commit could not install the hook's environment here")
    assert first.returncode == 1, first.stdout  # the catalogs were written: the commit must add them
    assert (root / "locales/ru/builtin/a.po").is_file()
    subprocess.run(["git", "add", "-A"], cwd=root, check=True, env=env)
    assert hook("cheatl10n-extract").returncode == 0
    catalog = root / "locales/ru/builtin/a.po"
    po = polib.pofile(str(catalog))
    po.find("Title").msgstr = "Заголовок <script>alert(1)</script>"
    catalog.write_text(str(po), encoding="utf-8")
    bad = hook("cheatl10n-check", "locales/ru/builtin/a.po")
    assert bad.returncode == 1 and "translation adds element <script>" in bad.stdout
