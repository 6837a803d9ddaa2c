from support import REPO, run_cli


def test_version_runs() -> None:
    result = run_cli("--version", cwd=REPO)
    assert result.returncode == 0
    assert "cheatl10n" in result.stdout
