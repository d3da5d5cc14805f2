"""Run `widenet ...` as a user would: the `cli` fixture against a fresh database, and for
modules that share one demo search, `settings_env`, `runner_on(db)`, `built_demo` and
`empty`."""

from __future__ import annotations

from collections.abc import Callable, Iterator
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


def runner_on(db: Path) -> Run:
    """``run(*args)`` -> (exit code, stdout, stderr) of `widenet *args --db db`."""

    def run(*args: str) -> tuple[int, str, str]:
        result = runner.invoke(app, [*args, "--db", str(db)])
        return result.exit_code, result.stdout, result.stderr

    return run


@pytest.fixture(scope="module")
def settings_env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Path]:
    """A clean environment for a whole module: its own data folder, Berlin time, a terminal
    wide enough that no table row wraps, no database URL from the developer's shell."""
    folder = tmp_path_factory.mktemp("cli")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("WIDENET_DATA_DIR", str(folder / "data"))
        patch.setenv("WIDENET_TIMEZONE", "Europe/Berlin")
        patch.setenv("COLUMNS", "200")
        patch.delenv("WIDENET_DATABASE_URL", raising=False)
        yield folder


def built_demo(folder: Path, *options: str) -> Run:
    """The demo search (seed 7, and ``options``) built by `widenet demo` in ``folder``."""
    db = folder / "demo.db"
    code, _, err = runner_on(db)("demo", "--seed", "7", *options)
    assert code == 0, err
    return runner_on(db)


@pytest.fixture
def empty(settings_env: Path, tmp_path: Path) -> Run:
    """A database with nothing in it yet, in the module's environment."""
    return runner_on(tmp_path / "empty.db")
