"""`widenet serve`: it serves the web UI on the database given, and says so when it cannot."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from widenet.cli.app import app

SRC = Path(__file__).resolve().parents[2] / "src"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def test_serve_answers_on_localhost_and_prints_the_url(tmp_path: Path) -> None:
    port = free_port()
    env = {**os.environ, "PYTHONPATH": str(SRC), "WIDENET_DATA_DIR": str(tmp_path)}
    command = [sys.executable, "-m", "widenet", "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--db", str(tmp_path / "search.db")],
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        url = f"http://127.0.0.1:{port}/"
        response = None
        for _ in range(200):
            try:
                response = httpx.get(url, timeout=1)
                break
            except httpx.TransportError:
                time.sleep(0.05)
        assert response is not None, "the server did not start"
        assert response.status_code == 200
        assert "Your search starts here" in response.text
        rebound = httpx.get(url, headers={"host": "evil.example"}, timeout=1)
        assert rebound.status_code == 400
    finally:
        server.terminate()
        out, _ = server.communicate(timeout=10)
    assert url in out


def test_serve_says_when_the_port_is_taken(tmp_path: Path) -> None:
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        result = CliRunner().invoke(
            app, ["serve", "--port", str(port), "--db", str(tmp_path / "s.db")]
        )
    assert result.exit_code == 1
    assert "Cannot listen" in result.stderr
    assert "--port" in result.stderr


@pytest.mark.parametrize("port", ["0", "70000"])
def test_serve_refuses_a_port_that_is_not_one(tmp_path: Path, port: str) -> None:
    result = CliRunner().invoke(app, ["serve", "--port", port, "--db", str(tmp_path / "s.db")])
    assert result.exit_code == 1
    assert "is not a port" in result.stderr
