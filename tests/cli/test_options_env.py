"""-q and -v before or after the command, and every option from the environment under the
name ``--help`` shows (CHEATL10N_CONFIG, CHEATL10N_<COMMAND>_<OPTION>)."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import polib
import pytest

from support import run_cli, tree_digest

PAGE = "# Lists\n\nA list keeps its items in order.\n"


@pytest.fixture
def site(make_site: Callable[..., Path]) -> Path:
    root = make_site({"docs/builtin/en/lists.md": PAGE})
    assert run_cli("extract", cwd=root).returncode == 0
    return root


@pytest.mark.parametrize("flag", ["-q", "--quiet"])
@pytest.mark.parametrize("command", [["build", "--lang", "ru"], ["status"], ["check"], ["doctor"]])
def test_quiet_after_the_command(site: Path, command: list[str], flag: str) -> None:
    loud = run_cli(*command, cwd=site)
    assert loud.returncode == 0 and loud.stdout
    after = run_cli(*command, flag, cwd=site)
    before = run_cli(flag, *command, cwd=site)
    assert after.returncode == before.returncode == 0, after.stderr
    assert after.stdout == before.stdout == ""


def test_verbose_after_the_command(site: Path) -> None:
    (site / "locales/ru/builtin/lists.po").write_bytes(_translated(site))
    plain = run_cli("build", "--lang", "ru", cwd=site).stdout
    assert "docs/builtin/ru/lists.md" not in plain  # a page with no work left is not listed
    after = run_cli("build", "--lang", "ru", "--force", "--verbose", cwd=site)
    before = run_cli("-v", "build", "--lang", "ru", "--force", cwd=site)
    assert after.returncode == 0, after.stderr
    assert "docs/builtin/ru/lists.md: 2/2 translated" in after.stdout
    assert after.stdout == before.stdout


def _translated(site: Path) -> bytes:
    po = polib.pofile(str(site / "locales/ru/builtin/lists.po"))
    po.find("Lists").msgstr = "Списки"
    po.find("A list keeps its items in order.").msgstr = "Список хранит элементы по порядку."
    from cheatl10n.po.write import dump_po

    return dump_po(po)


def test_config_from_the_environment(site: Path, tmp_path: Path) -> None:
    elsewhere = tmp_path / "elsewhere"
    elsewhere.mkdir()
    config = str(site / "cheatl10n.toml")
    found = run_cli("status", cwd=elsewhere, env={"CHEATL10N_CONFIG": config})
    assert found.returncode == 0, found.stderr
    assert "ru: 0.0% of strings" in found.stdout
    lost = run_cli("status", cwd=elsewhere)
    assert lost.returncode == 1 and "no cheatl10n.toml here or in any folder above" in lost.stderr


def test_a_config_variable_naming_no_file_is_an_error(site: Path) -> None:
    before = tree_digest(site)
    for command in (["extract"], ["build", "--all"], ["status"]):
        result = run_cli(*command, cwd=site, env={"CHEATL10N_CONFIG": "missing.toml"})
        assert result.returncode == 1
        assert result.stderr == "missing.toml: error: no such config file (given by CHEATL10N_CONFIG)\n"
    assert tree_digest(site) == before


def test_command_options_from_the_environment(site: Path) -> None:
    result = run_cli(
        "build", cwd=site, env={"CHEATL10N_BUILD_LANG": "ru", "CHEATL10N_BUILD_FAIL_ON": "untranslated"}
    )
    assert result.returncode == 3, result.stderr
    assert "2 untranslated (--fail-on untranslated)" in result.stderr
    assert (site / "docs/builtin/ru/lists.md").is_file() and not (site / "docs/builtin/de").exists()
    quiet = run_cli("build", "--all", cwd=site, env={"CHEATL10N_QUIET": "1"})
    assert quiet.returncode == 0 and quiet.stdout == ""
    github = run_cli("check", cwd=site, env={"CHEATL10N_CHECK_FORMAT": "nonsense"})
    assert github.returncode == 2 and "nonsense" in github.stderr


def test_help_names_the_variables_the_readme_documents(site: Path) -> None:
    readme = (Path(__file__).resolve().parents[2] / "README.md").read_text(encoding="utf-8")
    documented = set(re.findall(r"(?<![A-Z_])CHEATL10N_[A-Z_]+[A-Z]", readme)) - {"CHEATL10N_COMMAND_OPTION"}
    assert {"CHEATL10N_CONFIG", "CHEATL10N_BUILD_LANG"} <= documented
    shown = run_cli("--help", cwd=site).stdout
    for command in ("extract", "build", "check", "status", "import", "doctor", "pseudo"):
        shown += run_cli(command, "--help", cwd=site).stdout
    shown = shown.replace("\n", " ")
    for name in documented:
        assert re.search(rf"env var:\s+{name}\b", shown), name
