"""Every command has help text ending in an example, and the README mentions it."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import typer.main

from widenet.cli.app import app

README = (Path(__file__).resolve().parents[1] / "README.md").read_text(encoding="utf-8")


def commands() -> list[tuple[str, Any]]:
    root = typer.main.get_command(app)
    found: list[tuple[str, Any]] = []

    def walk(prefix: str, command: Any) -> None:
        if hasattr(command, "commands"):  # a group
            for name, sub in command.commands.items():
                walk(f"{prefix} {name}".strip(), sub)
        else:
            found.append((prefix, command))

    walk("", root)
    return found


@pytest.mark.parametrize(("path", "command"), commands(), ids=str)
def test_command_has_help_with_an_example(path: str, command: Any) -> None:
    text = (command.help or "").strip()
    assert text, f"`widenet {path}` has no help"
    assert text.splitlines()[-1].startswith(f"Example: widenet {path}"), (
        f"`widenet {path}` help should end with 'Example: widenet {path} ...'"
    )


@pytest.mark.parametrize(("path", "command"), commands(), ids=str)
def test_command_is_in_the_readme(path: str, command: Any) -> None:
    assert f"widenet {path}" in README, f"README does not mention `widenet {path}`"


def test_readme_starts_with_the_two_commands() -> None:
    head = "\n".join(README.splitlines()[:10])
    assert "make demo" in head
    assert "make test" in head
