"""The dialect settings through the real command line: init's detection, exclude, bad values."""

from __future__ import annotations

import shutil
import tomllib
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from support import SHARED, SITE_CONFIG, run_cli, site_config

PAGES = {"docs/builtin/en/a.md": "# A\n\nText.\n", "docs/builtin/en/b.md": "# B\n\nMore.\n"}


def test_excluded_pages_get_no_catalog_and_are_not_counted(make_site: Callable[..., Path]) -> None:
    site = make_site(PAGES, SITE_CONFIG + 'exclude = ["docs/builtin/en/b.md"]\n')
    result = run_cli("extract", cwd=site)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 page,")
    assert (site / "locales/ru/builtin/a.po").is_file()
    assert not (site / "locales/ru/builtin/b.po").exists()


def test_unknown_dialect_is_a_config_error(make_site: Callable[..., Path]) -> None:
    site = make_site(PAGES, SITE_CONFIG + 'dialect = "jekyll"\n')
    result = run_cli("extract", cwd=site)
    assert result.returncode == 1
    assert result.stderr.startswith("cheatl10n.toml:6: error: dialect must be one of")


@pytest.mark.parametrize(
    ("files", "dialect"),
    [
        ({"hugo.toml": "", "content/en/a.md": "A.\n", "content/ja/a.md": "エー。\n"}, "hugo"),
        ({"content/en/a.md": "A.\n", "content/ja/a.md": "エー。\n"}, "hugo"),
        ({"docs/en/mkdocs.yml": "", "docs/en/docs/a.md": "A.\n", "docs/ja/docs/a.md": "エー。\n"}, "mkdocs"),
        ({"docusaurus.config.ts": "", "docs/a.en.md": "A.\n", "docs/a.ja.md": "エー。\n"}, "docusaurus"),
        ({".vitepress/config.ts": "", "docs/en/a.md": "A.\n", "docs/ja/a.md": "エー。\n"}, "vitepress"),
    ],
)
def test_init_detects_the_dialect(tmp_path: Path, files: dict[str, str], dialect: str) -> None:
    for name, text in files.items():
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(text, encoding="utf-8")
    result = run_cli("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert f'\ndialect = "{dialect}"\n' in (tmp_path / "cheatl10n.toml").read_text(encoding="utf-8")
    assert run_cli("extract", cwd=tmp_path).returncode == 0


HUGO_PAGE = """\
{{< button label="Get started" href="/docs/start" >}}

Read {{< term label="the cluster" id="cluster" >}} guide.
"""


def test_check_and_build_judge_shortcodes_with_the_configured_parameters(
    make_site: Callable[..., Path],
) -> None:
    config = SITE_CONFIG + 'dialect = "hugo"\nshortcode_parameters = ["title", "label"]\n'
    site = make_site({"docs/builtin/en/a.md": HUGO_PAGE}, config)
    assert run_cli("extract", cwd=site).returncode == 0
    path = site / "locales/ru/builtin/a.po"
    po = polib.pofile(str(path))
    assert sorted(entry.msgid for entry in po) == [
        "Get started",
        'Read {{< term label="the cluster" id="cluster" >}} guide.',
    ]
    po.find("Get started").msgstr = "Начать"
    po.find(
        'Read {{< term label="the cluster" id="cluster" >}} guide.'
    ).msgstr = 'Прочтите руководство о {{< term label="кластере" id="cluster" >}}.'
    po.save(str(path))
    result = run_cli("check", "--lang", "ru", cwd=site)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "0 with errors, 0 warnings" in result.stdout
    assert run_cli("build", "--lang", "ru", cwd=site).returncode == 0
    built = (site / "docs/builtin/ru/a.md").read_text(encoding="utf-8")
    assert built == (
        '{{< button label="Начать" href="/docs/start" >}}\n\n'
        'Прочтите руководство о {{< term label="кластере" id="cluster" >}}.\n'
    )
    # A parameter the config does not name stays as it is: translating it is refused.
    po.find("Get started").msgstr = ""
    po.find(
        'Read {{< term label="the cluster" id="cluster" >}} guide.'
    ).msgstr = 'Прочтите {{< term label="кластере" id="кластер" >}}.'
    po.save(str(path))
    result = run_cli("check", "--lang", "ru", cwd=site)
    assert result.returncode != 0
    assert 'translation drops or alters shortcode {{< term id="cluster" >}}' in result.stdout + result.stderr


def test_init_makes_jsx_labels_translatable_on_a_docusaurus_site(tmp_path: Path) -> None:
    (tmp_path / "docusaurus.config.js").write_text("", encoding="utf-8")
    (tmp_path / "docs/en").mkdir(parents=True)
    page = '<Tabs>\n<TabItem value="a" label="First tab">Text.</TabItem>\n</Tabs>\n'
    (tmp_path / "docs/en/a.md").write_text(page, encoding="utf-8")
    assert run_cli("init", "--lang", "fr", cwd=tmp_path).returncode == 0
    config = tomllib.loads((tmp_path / "cheatl10n.toml").read_text(encoding="utf-8"))
    assert "label" in config["attributes"]
    assert run_cli("extract", cwd=tmp_path).returncode == 0
    catalog = next((tmp_path / "locales").rglob("*.po"))
    assert [entry.msgid for entry in polib.pofile(str(catalog))] == ["First tab", "Text."]


TOML_PAGE = """\
+++
title = "Tracing"
tags = ["Go", 'Python SDK', 2]   # languages
keywords = [
  "spans",  # the old word
  'traces',
]
weight = 10
+++

Body.
"""


def test_toml_array_items_are_translated_one_by_one(make_site: Callable[..., Path]) -> None:
    config = site_config(frontmatter_keys=("title", "tags", "keywords")) + 'dialect = "hugo"\n'
    site = make_site({"docs/builtin/en/a.md": TOML_PAGE}, config)
    assert run_cli("extract", cwd=site).returncode == 0
    assert run_cli("build", "--lang", "ru", cwd=site).returncode == 0
    assert (site / "docs/builtin/ru/a.md").read_bytes() == TOML_PAGE.encode()
    path = site / "locales/ru/builtin/a.po"
    po = polib.pofile(str(path))
    found = [(entry.comment, entry.msgid) for entry in po]
    assert found == [
        ("frontmatter: title", "Tracing"),
        ("frontmatter: tags", "Go"),
        ("frontmatter: tags", "Python SDK"),
        ("frontmatter: keywords", "spans"),
        ("frontmatter: keywords", "traces"),
        ("paragraph", "Body."),
    ]
    texts = ("Трассировка", 'Го "язык"', "SDK для Python", "спаны", "трассы")
    for entry, text in zip(po, texts, strict=False):
        entry.msgstr = text
    po.save(str(path))
    check = run_cli("check", "--lang", "ru", cwd=site)
    assert check.returncode == 0, check.stderr
    assert run_cli("build", "--lang", "ru", cwd=site).returncode == 0
    built = (site / "docs/builtin/ru/a.md").read_text(encoding="utf-8")
    assert built == TOML_PAGE.replace('"Tracing"', '"Трассировка"').replace(
        """["Go", 'Python SDK', 2]""", """["Го \\"язык\\"", 'SDK для Python', 2]"""
    ).replace('"spans"', '"спаны"').replace("'traces'", "'трассы'")
    head = tomllib.loads(built.split("+++\n")[1])
    assert head["tags"] == ['Го "язык"', "SDK для Python", 2]
    assert head["keywords"] == ["спаны", "трассы"]


def _lay_out(root: Path, files: dict[str, str]) -> None:
    for name, text in files.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text, encoding="utf-8")


def test_init_excludes_the_pages_no_language_translates(tmp_path: Path) -> None:
    files = {f"docs/{lang}/guide/p{n}.md": f"# Page {n}\n" for n in range(12) for lang in ("en", "ja", "de")}
    for name in ("reference/api.md", "reference/deep/models.md", "release-notes.md"):
        files[f"docs/en/{name}"] = "# Not translated\n"
    files["docs/de/reference/api.md"] = "# Nur auf Deutsch\n"  # reference/ is not whole: api.md is named
    _lay_out(tmp_path, files)
    assert run_cli("init", cwd=tmp_path).returncode == 0
    text = (tmp_path / "cheatl10n.toml").read_text(encoding="utf-8")
    assert "# 13 of 15 source pages are translated; these 2 are in no language:\n" in text
    config = tomllib.loads(text)
    assert config["exclude"] == ["docs/en/reference/deep/models.md", "docs/en/release-notes.md"]
    result = run_cli("extract", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("13 pages,"), result.stdout
    assert not list((tmp_path / "locales").rglob("release-notes.po"))


def test_init_excludes_a_whole_untranslated_folder_by_one_glob(tmp_path: Path) -> None:
    files = {f"docs/{lang}/guide/p{n}.md": f"# Page {n}\n" for n in range(12) for lang in ("en", "ja")}
    files |= {"docs/en/reference/api.md": "# API\n", "docs/en/reference/deep/models.md": "# Models\n"}
    _lay_out(tmp_path, files)
    assert run_cli("init", cwd=tmp_path).returncode == 0
    config = tomllib.loads((tmp_path / "cheatl10n.toml").read_text(encoding="utf-8"))
    assert config["exclude"] == ["docs/en/reference/*"]


def test_init_only_suggests_excludes_while_most_pages_are_untranslated(tmp_path: Path) -> None:
    files = {f"docs/en/p{n}.md": f"# Page {n}\n" for n in range(4)}
    files |= {"docs/ja/p0.md": "# ページ\n", "docs/ja/p1.md": "# ページ\n"}
    _lay_out(tmp_path, files)
    assert run_cli("init", cwd=tmp_path).returncode == 0
    text = (tmp_path / "cheatl10n.toml").read_text(encoding="utf-8")
    assert "exclude" not in tomllib.loads(text)
    assert "# Only 2 of 4 source pages are translated so far; these 2 are in\n" in text
    assert '# exclude = [\n#     "docs/en/p2.md",\n#     "docs/en/p3.md",\n# ]\n' in text


@pytest.mark.corpus
@pytest.mark.parametrize("name", ["fastapi", "opentelemetry"])
def test_init_proposes_excludes_for_the_shared_sites(tmp_path: Path, name: str) -> None:
    corpus = SHARED / "corpus" / name
    if not corpus.is_dir():
        pytest.skip(f"shared corpus not found at {corpus}")
    folder = "docs" if name == "fastapi" else "content"
    shutil.copytree(corpus / folder, tmp_path / folder)
    assert run_cli("init", cwd=tmp_path).returncode == 0
    text = (tmp_path / "cheatl10n.toml").read_text(encoding="utf-8")
    config = tomllib.loads(text)
    if name == "fastapi":  # FastAPI never translates its API reference, release notes and team pages
        assert "docs/en/docs/reference/*" in config["exclude"]
        assert "docs/en/docs/release-notes.md" in config["exclude"]
        assert len(config["exclude"]) < 10
    else:  # a third of OpenTelemetry's pages wait for a translation: only suggested
        assert "exclude" not in config
        assert "# Only 290 of 441 source pages are translated so far;" in text


def test_init_reads_the_docusaurus_layout(tmp_path: Path) -> None:
    docs = "i18n/fr/docusaurus-plugin-content-docs/current"
    _lay_out(
        tmp_path,
        {
            "docusaurus.config.js": "export default {i18n: {defaultLocale: 'en', locales: ['en', 'fr']}};\n",
            "docs/intro.md": "# Intro\n\nHello.\n",
            "docs/guide/tabs.md": '<Tabs>\n<TabItem value="a" label="First">Text.</TabItem>\n</Tabs>\n',
            f"{docs}/intro.md": "# Intro\n\nBonjour.\n",
            "blog/2024-01-01-hello.md": "# Hello\n",
        },
    )
    result = run_cli("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    config = tomllib.loads((tmp_path / "cheatl10n.toml").read_text(encoding="utf-8"))
    assert (config["source_language"], config["languages"]) == ("en", ["fr"])
    assert (config["source_pages"], config["pages"]) == (
        "docs/{path}.md",
        docs.replace("fr", "{lang}") + "/{path}.md",
    )
    assert config["dialect"] == "docusaurus"
    assert "exclude" not in config  # 1 of 2 pages translated: only suggested
    assert '# exclude = [\n#     "docs/guide/tabs.md",\n# ]\n' in (tmp_path / "cheatl10n.toml").read_text(
        encoding="utf-8"
    )
    assert run_cli("extract", cwd=tmp_path).returncode == 0
    catalog = polib.pofile(str(tmp_path / "locales/fr/guide/tabs.po"))
    assert [entry.msgid for entry in catalog] == ["First", "Text."]


def test_init_never_proposes_to_exclude_translated_pages_of_a_suffix_layout(tmp_path: Path) -> None:
    files = {f"docs/p{n}.md": f"# Page {n}\n" for n in range(5)}
    files |= {f"docs/p{n}.ja.md": f"# ページ {n}\n" for n in range(4)}
    _lay_out(tmp_path, files)
    assert run_cli("init", cwd=tmp_path).returncode == 0
    config = tomllib.loads((tmp_path / "cheatl10n.toml").read_text(encoding="utf-8"))
    assert config["source_pages"] == "docs/{path}.md"
    assert config["exclude"] == ["docs/p4.md"]


def test_init_takes_mdx_pages_where_a_docusaurus_site_has_more_of_them(tmp_path: Path) -> None:
    docs = "i18n/ja/docusaurus-plugin-content-docs/current"
    _lay_out(
        tmp_path,
        {
            "docusaurus.config.ts": "export default {i18n: {defaultLocale: 'en'}};\n",
            "docs/intro.mdx": "# Intro\n\nVersion {props.version}.\n",
            "docs/api/tabs.mdx": "# Tabs\n\nText.\n",
            "docs/changelog.md": "# Changes\n",
            f"{docs}/intro.mdx": "# はじめに\n\nバージョン {props.version}。\n",
            f"{docs}/api/tabs.mdx": "# タブ\n\nテキスト。\n",
        },
    )
    result = run_cli("init", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    config = tomllib.loads((tmp_path / "cheatl10n.toml").read_text(encoding="utf-8"))
    assert (config["source_pages"], config["languages"]) == ("docs/{path}.mdx", ["ja"])
    imported = run_cli("import", "--lang", "ja", cwd=tmp_path)
    assert imported.returncode == 0, imported.stderr
    assert imported.stdout.startswith("2 pages imported, 2 reproduced by build, 4 strings imported,")
