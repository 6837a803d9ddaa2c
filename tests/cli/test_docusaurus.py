"""A Docusaurus (MDX) site through the real command line: JSX components, expressions, ESM.

There is no Docusaurus corpus, so the pages are written here the way Docusaurus's own
docs write them (tabs, details, admonitions, ``{expressions}``, a component defined in
the page). The slow test hands the built pages to MDX itself (``@mdx-js/mdx``, installed
with npm into a temp folder): every page must compile, with the same components,
attributes, expressions and ESM as the source page.
"""

from __future__ import annotations

import json
import os
import random
import re
import shutil
import subprocess
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from cheatl10n.model import SegmentOptions
from cheatl10n.pages.segment import segment_page
from cheatl10n.pages.source import decode_source
from cheatl10n.translate.gate import judge_page
from cheatl10n.translate.render import render_page

from support import REPO, run_cli

CONFIG = """\
source_language = "en"
languages = ["fr"]
source_pages = "docs/{path}.md"
pages = "i18n/{lang}/docusaurus-plugin-content-docs/current/{path}.md"
catalogs = "locales/{lang}/{path}.po"
frontmatter_keys = ["title", "sidebar_label"]
attributes = ["title", "alt", "aria-label", "placeholder", "label"]
dialect = "docusaurus"
"""

INSTALL = """\
---
title: Installation
sidebar_label: Install
---

import Tabs from '@theme/Tabs';
import TabItem from '@theme/TabItem';

# Installation {/* #install */}

Docusaurus is made of a set of npm packages, version {props.version}.

<Tabs groupId="package-manager">
  <TabItem value="npm" label="Using npm">

```bash
npm install --save @docusaurus/core
```

  </TabItem>
  <TabItem value="yarn" label="Using Yarn" default>

Run this in the **project** folder, then see <Link to="/docs/next" title="Next step">the next step</Link>.

  </TabItem>
</Tabs>

<details>
  <summary>Why so many packages?</summary>
  <div>Each plugin is a package of its own.</div>
</details>

:::tip[Faster installs]

Use {siteConfig.customFields.registry} as the registry.

:::

{/*
  Maintainers: keep this list in sync with the changelog.
*/}

<Highlight color="#25c2a0">Docusaurus green</Highlight> marks new features.

<Tabs
  groupId="os"
  values={[
    {label: 'Windows', value: 'win'},
    {label: 'macOS', value: 'mac'},
  ]}>
<TabItem value="win">Run the installer.</TabItem>
<TabItem value="mac">Drag the app to {props.folder}.</TabItem>
</Tabs>

<img src="/img/setup.png" alt="The setup screen" />

export const Highlight = ({children, color}) => (
  <span style={{backgroundColor: color, padding: '0.2rem'}}>{children}</span>
);
"""

MSGIDS = {
    "Installation",
    "Install",
    "Docusaurus is made of a set of npm packages, version {props.version}.",
    "Using npm",
    "Using Yarn",
    "Run this in the **project** folder, then see "
    '<Link to="/docs/next" title="Next step">the next step</Link>.',
    "Why so many packages?",
    "Each plugin is a package of its own.",
    "Faster installs",
    "Use {siteConfig.customFields.registry} as the registry.",
    '<Highlight color="#25c2a0">Docusaurus green</Highlight> marks new features.',
    "Run the installer.",
    "Drag the app to {props.folder}.",
    "The setup screen",
}
"""What a translator gets, written out by hand: never an import, an expression alone, a prop value."""

PAGES = {"docs/install.md": INSTALL, "docs/intro.md": "---\ntitle: Intro\n---\n\n# Intro\n\nHello {name}.\n"}
BUILT = "i18n/{lang}/docusaurus-plugin-content-docs/current/{name}.md"


@pytest.fixture
def site(make_site: Callable[..., Path]) -> Path:
    root = make_site(PAGES, CONFIG)
    result = run_cli("extract", cwd=root)
    assert result.returncode == 0, result.stderr
    return root


def _catalog(root: Path) -> polib.POFile:
    return polib.pofile(str(root / "locales/fr/install.po"))


def test_extract_offers_text_and_never_mdx_syntax(site: Path) -> None:
    assert {entry.msgid for entry in _catalog(site)} == MSGIDS


def test_untranslated_build_is_byte_identical(site: Path) -> None:
    result = run_cli("build", "--lang", "fr", cwd=site)
    assert result.returncode == 0, result.stderr
    for name in ("install", "intro"):
        built = site / BUILT.format(lang="fr", name=name)
        assert built.read_bytes() == (site / f"docs/{name}.md").read_bytes()


def _syntax(text: str) -> tuple[list[str], list[str], list[str]]:
    """What must survive any translation: component tags with their fixed props, expressions, ESM lines."""
    tags = re.findall(r'</?[A-Z][\w.]*|\b(?:value|to|groupId|color|src)="[^"]*"', text)
    expressions = re.findall(r"\{[^{}\n]*\}", text)
    esm = [line for line in text.splitlines() if line.startswith(("import ", "export ", "  <span"))]
    return tags, expressions, esm


def test_pseudo_translated_build_keeps_components_expressions_and_esm(site: Path) -> None:
    assert run_cli("pseudo", cwd=site).returncode == 0
    result = run_cli("build", "--lang", "en-XA", cwd=site)
    assert result.returncode == 0, result.stderr
    assert "18/18 translated" in result.stdout, result.stdout
    built = (site / BUILT.format(lang="en-XA", name="install")).read_text(encoding="utf-8")
    assert _syntax(built) == _syntax(INSTALL)
    assert '<TabItem value="npm" label="⟦Ûšîñĝ ñþɱ ~~~⟧">' in built
    assert "{/*\n  Maintainers: keep this list in sync with the changelog.\n*/}\n" in built
    assert '⟦<Highlight color="#25c2a0">Ðöçûšàûŕûš ĝŕééñ</Highlight> ɱàŕķš' in built


HOSTILE = {
    "Docusaurus is made of a set of npm packages, version {props.version}.": (
        "Docusaurus est fait de paquets npm.",
        "translation drops or alters MDX expression {props.version}",
    ),
    "Use {siteConfig.customFields.registry} as the registry.": (
        "Utilisez {siteConfig.customFields.registry} {alert(document.cookie)} comme registre.",
        "translation adds or alters MDX expression {alert(document.cookie)}",
    ),
    "Drag the app to {props.folder}.": (
        "Glissez l'app dans {props.folder.",
        "translation adds or alters MDX expression {props.folder.</TabItem>… (never closed)",
    ),
    "Run the installer.": (
        "Lancez l'installeur si x <y.",
        "translation adds or alters a '<y' that MDX reads as a tag (write &lt;)",
    ),
    "Why so many packages?": (
        "Pourquoi<br>tant de paquets ?",
        "translation adds or alters <br> without its closing slash (MDX wants <br />)",
    ),
    "Using npm": ("Avec npm", None),
    "Each plugin is a package of its own.": ("Chaque plugin est un paquet.", None),
}


def test_a_translation_that_breaks_mdx_is_refused(site: Path) -> None:
    po = _catalog(site)
    for msgid, (msgstr, _message) in HOSTILE.items():
        po.find(msgid).msgstr = msgstr
    po.save(str(site / "locales/fr/install.po"))
    check = run_cli("check", "--lang", "fr", cwd=site)
    assert check.returncode == 3, check.stdout + check.stderr
    reread = polib.pofile(str(site / "locales/fr/install.po"))
    lines = (site / "locales/fr/install.po").read_text(encoding="utf-8").splitlines()
    for msgid, (_msgstr, message) in HOSTILE.items():
        if message is not None:
            start = reread.find(msgid).linenum
            line = next(n for n in range(start, len(lines) + 1) if lines[n - 1].startswith("msgstr "))
            assert f"locales/fr/install.po:{line}: error: {message}\n" in check.stderr, check.stderr
    assert "cheatl10n: error: 5 translations fail their checks" in check.stderr
    build = run_cli("build", "--lang", "fr", cwd=site)
    built = (site / BUILT.format(lang="fr", name="install")).read_text(encoding="utf-8")
    assert build.returncode == 3
    assert "5 translations failed their checks and were built from the source text" in build.stderr
    expected = INSTALL.replace('label="Using npm"', 'label="Avec npm"').replace(
        "<div>Each plugin is a package of its own.</div>", "<div>Chaque plugin est un paquet.</div>"
    )
    assert built == expected


FRENCH = {
    "title: Installation": "title: Installation de Docusaurus",
    "sidebar_label: Install": "sidebar_label: Installer",
    "# Installation {/*": "# Installer Docusaurus {/*",
    "npm packages, version {props.version}.": "paquets npm, version {props.version}.",
    "Docusaurus is made of a set of": "Docusaurus est fait de",
    'label="Using npm"': 'label="Avec npm"',
    'label="Using Yarn"': 'label="Avec Yarn"',
    "Run this in the **project** folder, then see": "Lancez ceci dans le dossier du **projet**, puis voyez",
    'title="Next step">the next step</Link>.': 'title="Étape suivante">l’étape suivante</Link>.',
    "Why so many packages?": "Pourquoi tant de paquets ?",
    "Each plugin is a package of its own.": "Chaque plugin est un paquet.",
    ":::tip[Faster installs]": ":::tip[Installations plus rapides]",
    "Use {siteConfig.customFields.registry} as the registry.": (
        "Utilisez {siteConfig.customFields.registry} comme registre."
    ),
    '<Highlight color="#25c2a0">Docusaurus green</Highlight> marks new features.': (
        'Le <Highlight color="#25c2a0">vert Docusaurus</Highlight> marque les nouveautés.'
    ),
    "Run the installer.": "Lancez l’installeur.",
    "Drag the app to {props.folder}.": "Glissez l’app dans {props.folder}.",
    'alt="The setup screen"': 'alt="L’écran d’installation"',
}
"""A hand translation of ``INSTALL``, as a site adopting cheatl10n has them."""


def test_import_carries_a_hand_translated_page_and_build_gives_it_back(
    make_site: Callable[..., Path],
) -> None:
    french = INSTALL
    for english, translated in FRENCH.items():
        assert english in french
        french = french.replace(english, translated)
    published = BUILT.format(lang="fr", name="install")
    root = make_site({"docs/install.md": INSTALL, published: french}, CONFIG)
    result = run_cli("import", "--lang", "fr", cwd=root)
    assert result.returncode == 0, result.stderr
    assert result.stdout.startswith("1 page imported, 1 reproduced by build, 15 strings imported, 0 fuzzy,")
    assert run_cli("build", "--lang", "fr", "--out", "out", cwd=root).returncode == 0
    assert (root / "out" / published).read_text(encoding="utf-8") == french


# The real client: MDX compiles the pages, and its syntax tree must keep the source's structure.

_PACKAGES = (
    "@mdx-js/mdx@3.1.1",
    "remark-directive@3.0.1",
    "remark-mdx@3.1.0",
    "remark-parse@11.0.0",
    "unified@11.0.5",
)


@pytest.fixture(scope="module")
def mdx(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A folder with MDX installed and the structure script beside it; skips without node and npm."""
    if shutil.which("node") is None or shutil.which("npm") is None:
        pytest.skip("node and npm are not installed (Debian packages nodejs and npm)")
    folder = tmp_path_factory.mktemp("mdx")
    try:
        install = subprocess.run(
            ["npm", "install", "--no-audit", "--no-fund", "--silent", "--prefix", str(folder), *_PACKAGES],
            capture_output=True,
            text=True,
            timeout=180,
            check=False,
        )
    except subprocess.TimeoutExpired:
        pytest.skip("npm could not install MDX in 180 s (no network?)")
    if install.returncode != 0:
        pytest.skip(f"npm could not install MDX: {install.stderr.strip()[-300:]}")
    shutil.copy(REPO / "tests/clients/mdx_structure.mjs", folder)
    return folder


def _mdx_structure(mdx: Path, *pages: Path) -> dict[str, list[str] | str]:
    """Each page's structure as MDX reads it, or the message of the error MDX stopped on."""
    result = subprocess.run(
        ["node", str(mdx / "mdx_structure.mjs"), *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
        env={**os.environ, "MDX_TRANSLATABLE": "label,title,alt"},
    )
    assert result.returncode == 0, result.stderr
    found = map(json.loads, result.stdout.splitlines())
    return {item["path"]: item.get("structure", item.get("error", "")) for item in found}


@pytest.mark.slow
def test_mdx_compiles_the_built_pages_with_the_same_structure(site: Path, mdx: Path) -> None:
    assert run_cli("pseudo", cwd=site).returncode == 0
    assert run_cli("build", "--lang", "en-XA", cwd=site).returncode == 0
    po = _catalog(site)
    for msgid, (msgstr, _message) in HOSTILE.items():
        po.find(msgid).msgstr = msgstr
    po.save(str(site / "locales/fr/install.po"))
    run_cli("build", "--lang", "fr", cwd=site)
    for name in ("install", "intro"):
        pages = [
            site / f"docs/{name}.md",
            *(site / BUILT.format(lang=lang, name=name) for lang in ("en-XA", "fr")),
        ]
        found = _mdx_structure(mdx, *pages)
        source, *built = (found[str(page)] for page in pages)
        assert (
            "mdxjsEsm import Tabs from '@theme/Tabs';\nimport TabItem from '@theme/TabItem';" in source
            or (name == "intro")
        )
        for structure in built:
            assert structure == source


# Hostile translations, built from pieces that MDX reads as syntax: whatever the gate lets
# through must compile, with the source's structure (formatting aside).
_PIECES = ["{", "}", "{x}", "{/* c */}", "<", "<b>", "</b>", "<br>", "<br />", "<Tip>", "</Tip>", "<Tip />"]
_PIECES += [
    "&",
    "&amp;",
    "*",
    "**",
    "`",
    "[",
    "](/x)",
    "\\",
    "<!--",
    "-->",
    "a<b",
    "{props.x}",
    "<div>",
    ":::",
]
_PARAGRAPH = "Use {props.x} with <Tip>care</Tip> and **bold** text."
_FORMATTING = re.compile(
    r"^(?:strong|emphasis|inlineCode|break|mdxJsxTextElement <(?:b|strong|em|i|code|br) >)"
)


def _fixed(structure: list[str]) -> list[str]:
    """The structure less formatting, which a translator may add or drop (``**``, ``<b>``, ``<br />``)."""
    return [line for line in structure if not _FORMATTING.match(line)]


@pytest.mark.slow
def test_every_translation_the_gate_accepts_compiles(tmp_path: Path, mdx: Path) -> None:
    page = f"# Title\n\n{_PARAGRAPH}\n"
    segments = segment_page(decode_source(page.encode(), Path("p.md")), SegmentOptions(dialect="docusaurus"))
    rng = random.Random(20)
    accepted = {}
    for number in range(300):
        words = ["Utilisez", "{props.x}", "avec", "<Tip>soin</Tip>", "du", "**gras**."]
        for _ in range(rng.randint(1, 3)):
            words.insert(rng.randrange(len(words) + 1), rng.choice(_PIECES))
        msgstr = " ".join(words)
        verdict = judge_page(segments, {(None, _PARAGRAPH): msgstr})
        if not any(problem.severity == "error" for problem in verdict.get((None, _PARAGRAPH), [])):
            accepted[number] = msgstr
            text = render_page(segments, lambda slot, text=msgstr: text if slot.msgid == _PARAGRAPH else None)
            (tmp_path / f"{number}.md").write_text(text, encoding="utf-8")
    (tmp_path / "source.md").write_text(page, encoding="utf-8")
    assert 20 < len(accepted) < 250  # the pieces are syntax: the gate refuses many, not all
    found = _mdx_structure(mdx, tmp_path / "source.md", *(tmp_path / f"{n}.md" for n in accepted))
    source = found.pop(str(tmp_path / "source.md"))
    assert isinstance(source, list)
    broken = {
        accepted[int(Path(path).stem)]: result
        for path, result in found.items()
        if isinstance(result, str) or _fixed(result) != _fixed(source)
    }
    assert broken == {}
