"""The `cli` fixture: run `widenet ...` as a user would, against a fresh database."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from typer.testing import CliRunner

from widenet.cli.app import app

Run = Callable[..., tuple[int, str, str]]
runner = CliRunner()


@pytest.fixture
def cli(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Run:
    """``cli(*args, db="search.db", input=None)`` -> (exit code, stdout, stderr).

    Settings come from a clean environment: a data folder of the test's own, Berlin time,
    no database URL and no CalDAV password from the developer's shell.
    """
    monkeypatch.setenv("WIDENET_DATA_DIR", str(tmp_path / "data"))
    monkeypatch.setenv("WIDENET_TIMEZONE", "Europe/Berlin")
    monkeypatch.delenv("WIDENET_DATABASE_URL", raising=False)
    monkeypatch.delenv("WIDENET_CALDAV_PASSWORD", raising=False)

    def run(*args: str, db: str = "search.db", input: str | None = None) -> tuple[int, str, str]:
        result = runner.invoke(app, [*args, "--db", str(tmp_path / db)], input=input)
        return result.exit_code, result.stdout, result.stderr

    return run
