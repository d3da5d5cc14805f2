"""The schedule package keeps its rules: calendar libraries only in their adapters, no
storage or interface frameworks, and no reading of the clock."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).parents[2] / "src" / "widenet" / "schedule"
ADAPTERS = {"icalendar": "ics.py", "caldav": "caldav_sync.py"}
FORBIDDEN = ("sqlalchemy", "typer", "rich", "fastapi", "jinja2", "ortools")


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text())
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found |= {alias.name.split(".")[0] for alias in node.names}
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module.split(".")[0])
    return found


MODULES = sorted(PACKAGE.glob("*.py"))


def test_the_package_is_found() -> None:
    assert {p.name for p in MODULES} >= {"ics.py", "caldav_sync.py", "windows.py", "caps.py"}


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_calendar_libraries_only_in_their_adapter(path: Path) -> None:
    imported = _imports(path)
    for library, adapter in ADAPTERS.items():
        if path.name != adapter:
            assert library not in imported, f"{path.name} imports {library}"
    assert not imported & set(FORBIDDEN)


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_no_clock_reading(path: Path) -> None:
    calls = [
        node.func.attr
        for node in ast.walk(ast.parse(path.read_text()))
        if isinstance(node, ast.Call) and isinstance(node.func, ast.Attribute)
    ]
    assert not {"now", "today", "utcnow"} & set(calls), f"{path.name} reads the clock"
