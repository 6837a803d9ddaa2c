from support import run_cli, REPO


def test_version_runs() -> None:
    result = run_cli("--version", cwd=REPO)
    assert result.returncode == 0
    assert "cheatl10n" in result.stdout
