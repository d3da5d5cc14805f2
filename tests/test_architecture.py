"""design.md's import rules: layers point downwards, frameworks stay at the edges."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

SRC = Path(__file__).resolve().parents[1] / "src" / "widenet"

CAPABILITIES = {"track", "forecast", "plan", "schedule", "evaluate", "offers", "analytics"}
PURE_MODULES = {"defaults", "parse", "errors"}

# Which parts of the package may import each framework.
FRAMEWORKS: dict[str, tuple[str, ...]] = {
    "typer": ("cli/",),
    "rich": ("cli/",),
    "click": ("cli/",),
    "fastapi": ("web/",),
    "starlette": ("web/",),
    "jinja2": ("web/",),
    "uvicorn": ("web/", "cli/"),
    "sqlalchemy": ("storage/",),
    "alembic": ("storage/",),
    "ortools": ("plan/solver.py",),
    "icalendar": ("schedule/ics.py",),
    "caldav": ("schedule/caldav_sync.py",),
    "plotly": ("analytics/figures/", "analytics/report.py", "web/"),
    "pydantic_settings": ("config.py",),
}


def imports_of(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found: set[str] = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


def modules() -> list[tuple[str, set[str]]]:
    return [
        (path.relative_to(SRC).as_posix(), imports_of(path)) for path in sorted(SRC.rglob("*.py"))
    ]


def layer(relative: str) -> str:
    first = relative.split("/", 1)[0].removesuffix(".py")
    if first in CAPABILITIES or first in PURE_MODULES:
        return "capability"
    return first


ALLOWED_WIDENET = {
    "capability": {"capability"},
    "config": {"capability"},
    "storage": {"capability", "storage", "config"},
    "services": {"capability", "storage", "services", "config"},
    # `widenet serve` starts the web interface, so the CLI may import web/ (never the reverse).
    "cli": {"capability", "services", "cli", "config", "__init__", "web"},
    "web": {"capability", "services", "web", "config", "__init__"},
}


@pytest.mark.parametrize(("relative", "names"), modules(), ids=lambda v: str(v)[:60])
def test_imports_point_downwards(relative: str, names: set[str]) -> None:
    mine = layer(relative)
    if mine not in ALLOWED_WIDENET:
        return
    for name in names:
        if not name.startswith("widenet."):
            continue
        target = layer(name.removeprefix("widenet.").replace(".", "/"))
        assert target in ALLOWED_WIDENET[mine], f"{relative} imports {name} ({mine} -> {target})"


@pytest.mark.parametrize(("relative", "names"), modules(), ids=lambda v: str(v)[:60])
def test_frameworks_stay_at_the_edges(relative: str, names: set[str]) -> None:
    for name in names:
        root = name.split(".", 1)[0]
        allowed = FRAMEWORKS.get(root)
        if allowed is not None:
            assert relative.startswith(allowed), f"{relative} imports {root}"


def test_help_starts_without_heavy_libraries() -> None:
    done = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "widenet", "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    loaded = {
        line.split("|")[-1].strip().split(".")[0]
        for line in done.stderr.splitlines()
        if line.startswith("import time:")
    }
    heavy = {"numpy", "ortools", "fastapi", "sqlalchemy", "plotly", "pydantic_settings"}
    assert not loaded & heavy, f"--help imports {sorted(loaded & heavy)}"
    assert "Usage" in done.stdout
