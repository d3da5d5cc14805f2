"""Shared fixtures of the schedule tests: interview factories and a real Radicale server."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from datetime import datetime
from pathlib import Path
from typing import NoReturn
from zoneinfo import ZoneInfo

import pytest

from widenet.track.model import Interview, InterviewKind

BERLIN = ZoneInfo("Europe/Berlin")


def interview(
    id: int,
    kind: InterviewKind,
    start: datetime,
    minutes: int = 30,
    *,
    prep: int = 0,
    uid: str = "",
) -> Interview:
    return Interview(
        id=id,
        application_id=id,
        kind=kind,
        start=start,
        minutes=minutes,
        prep_minutes=prep,
        uid=uid or f"interview-{id}@widenet.test",
    )


def _free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def _wait_until_up(url: str, process: subprocess.Popen[bytes], seconds: float) -> str:
    """'' once the server answers, else why it did not."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if process.poll() is not None:
            return f"radicale exited with code {process.returncode}"
        try:
            with urllib.request.urlopen(url, timeout=1):
                return ""
        except urllib.error.HTTPError:
            return ""  # any HTTP answer means it is serving
        except OSError:
            time.sleep(0.1)
    return f"radicale did not answer on {url} within {seconds:.0f} s"


def _unavailable(reason: str) -> NoReturn:
    if os.environ.get("CI") == "true":
        pytest.fail(f"CalDAV tests need Radicale: {reason}")
    pytest.skip(f"CalDAV tests need Radicale: {reason}")


@pytest.fixture(scope="session")
def radicale_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A Radicale server on a free loopback port, storage in a temp folder, no auth."""
    storage: Path = tmp_path_factory.mktemp("radicale")
    port = _free_port()
    url = f"http://127.0.0.1:{port}/"
    command = [
        sys.executable,
        "-m",
        "radicale",
        "--server-hosts",
        f"127.0.0.1:{port}",
        "--storage-filesystem-folder",
        str(storage / "collections"),
        "--auth-type",
        "none",
        "--auth-delay",
        "0",  # the client's first, anonymous request is refused; no need to wait after it
    ]
    log = (storage / "radicale.log").open("wb")
    try:
        process = subprocess.Popen(command, stdout=log, stderr=subprocess.STDOUT)
    except OSError as exc:
        _unavailable(f"cannot start it: {exc}")
    problem = _wait_until_up(url, process, seconds=20)
    if problem:
        process.kill()
        process.wait()
        log.close()
        lines = (storage / "radicale.log").read_text(errors="replace").strip().splitlines()
        _unavailable(f"{problem}; {lines[-1] if lines else 'no output'}")
    yield url
    process.terminate()
    try:
        process.wait(timeout=10)
    except subprocess.TimeoutExpired:
        process.kill()
        process.wait()
    log.close()
