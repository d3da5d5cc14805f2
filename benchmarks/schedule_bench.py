"""Benchmark the schedule: windows for a recruiter, and CalDAV sync against a local Radicale.

Windows: ``propose_windows`` against a brute-force baseline that tries every 5-minute start
and checks it with the cap check and the warnings (one fixed slot per day, no windows).
CalDAV: a sync of N interviews (first push, a repeat with nothing changed, a repeat after a
few moves in the calendar) against a baseline that deletes and re-uploads every event.

Run: python benchmarks/schedule_bench.py
"""

from __future__ import annotations

import socket
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.error
import urllib.request
from collections.abc import Callable
from datetime import date, datetime, timedelta
from pathlib import Path
from typing import Any
from zoneinfo import ZoneInfo

import numpy as np

sys.path.insert(0, str(Path(__file__).parents[1] / "src"))

from widenet.schedule.availability import Availability, free_spans
from widenet.schedule.caldav_sync import connect, sync_calendar
from widenet.schedule.caps import DailyCaps, check_day
from widenet.schedule.ics import event_ics
from widenet.schedule.invites import CalendarEntry
from widenet.schedule.warnings import schedule_warnings
from widenet.schedule.windows import propose_windows
from widenet.track.model import Interview, InterviewKind

ZONE = ZoneInfo("Europe/Berlin")
NOW = datetime(2026, 11, 30, 8, tzinfo=ZONE)
START = date(2026, 11, 2)
AVAILABILITY = Availability(time_zone="Europe/Berlin")
CAPS = DailyCaps()


def booked(count: int, rng: np.random.Generator) -> list[Interview]:
    kinds = [InterviewKind.RECRUITER, InterviewKind.TECHNICAL, InterviewKind.HIRING_MANAGER]
    found = []
    for n in range(count):
        day = NOW.date() + timedelta(days=int(rng.integers(1, 21)))
        start = datetime.combine(day, datetime.min.time(), ZONE) + timedelta(
            minutes=int(rng.integers(9 * 4, 17 * 4)) * 15
        )
        kind = kinds[int(rng.integers(0, len(kinds)))]
        found.append(Interview(n + 1, n + 1, kind, start, 45, prep_minutes=30, uid=f"b{n}@bench"))
    return found


def brute_force(kind: InterviewKind, minutes: int, taken: list[Interview], days: int) -> int:
    """Days with at least one valid 5-minute-grid start, checked placement by placement."""
    prep = AVAILABILITY.prep_for(kind)
    found, day = 0, NOW.date()
    while days:
        day += timedelta(days=1)
        spans = free_spans(AVAILABILITY, day)
        if not spans:
            continue
        days -= 1
        moment = spans[0].start
        while moment < spans[-1].end:
            probe = Interview(0, 0, kind, moment, minutes, prep_minutes=prep)
            trial = [*taken, probe]
            caps_ok = all(
                0 not in v.interview_ids
                for v in check_day(day, trial, caps=CAPS, search_start=START, zone=ZONE)
            )
            warned = schedule_warnings(
                trial, availability=AVAILABILITY, caps=CAPS, search_start=START
            )
            if caps_ok and all(0 not in w.interview_ids for w in warned):
                found += 1
                break
            moment += timedelta(minutes=5)
    return found


def timed(run: Callable[[], Any], repeat: int = 5) -> tuple[float, Any]:
    times, result = [], None
    for _ in range(repeat):
        started = time.perf_counter()
        result = run()
        times.append(time.perf_counter() - started)
    return statistics.median(times) * 1000, result


def windows_table() -> None:
    print("## windows for a recruiter (technical, 60 min, next 10 days with hours)")
    print(f"{'booked':>7} {'propose ms':>11} {'windows':>8} {'baseline ms':>12} {'days ok':>8}")
    rng = np.random.default_rng(7)
    for count in (0, 20, 60):
        taken = booked(count, rng)
        ms, windows = timed(
            lambda taken=taken: propose_windows(
                InterviewKind.TECHNICAL,
                60,
                now=NOW,
                availability=AVAILABILITY,
                caps=CAPS,
                search_start=START,
                booked=taken,
                days=10,
            )
        )
        base_ms, days_ok = timed(
            lambda taken=taken: brute_force(InterviewKind.TECHNICAL, 60, taken, 10), repeat=1
        )
        print(f"{count:>7} {ms:>11.1f} {len(windows):>8} {base_ms:>12.1f} {days_ok:>8}")


def start_radicale(folder: Path) -> tuple[subprocess.Popen[bytes], str]:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    url = f"http://127.0.0.1:{port}/"
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "radicale",
            "--server-hosts",
            f"127.0.0.1:{port}",
            "--storage-filesystem-folder",
            str(folder),
            "--auth-type",
            "none",
            "--auth-delay",
            "0",
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    for _ in range(200):
        try:
            urllib.request.urlopen(url, timeout=1)
            break
        except urllib.error.HTTPError:
            break
        except OSError:
            time.sleep(0.1)
    return process, url


def reupload_all(calendar: Any, entries: list[CalendarEntry]) -> None:
    """The baseline: forget what is there, delete every event and upload all again."""
    for obj in calendar.get_events():
        obj.delete()
    for entry in entries:
        calendar.add_event(event_ics(entry, now=NOW), increase_seqno=False)


def caldav_table(count: int = 50) -> None:
    print(f"\n## CalDAV sync of {count} interviews (local Radicale)")
    rng = np.random.default_rng(11)
    interviews = booked(count, rng)
    entries = [CalendarEntry(i, f"Company {i.id}") for i in interviews]
    with tempfile.TemporaryDirectory() as folder:
        process, url = start_radicale(Path(folder))
        try:
            calendar = connect(url, username="bench", password="x", calendar_name="sync")
            rows = []
            ms, first = timed(lambda: sync_calendar(calendar, entries, {}, now=NOW), repeat=1)
            rows.append(("first sync (push all)", ms, len(first.pushed)))
            ms, again = timed(lambda: sync_calendar(calendar, entries, first.state, now=NOW))
            rows.append(("repeat, nothing changed", ms, len(again.pushed) + len(again.pulled)))
            for entry in entries[:5]:
                obj = calendar.get_event_by_uid(entry.interview.uid)
                obj.data = obj.data.replace("DTSTART:2026", "DTSTART:2027").replace(
                    "DTEND:2026", "DTEND:2027"
                )
                obj.save()
            ms, moved = timed(lambda: sync_calendar(calendar, entries, first.state, now=NOW), 1)
            rows.append(("repeat, 5 moved in calendar", ms, len(moved.pulled)))
            other = connect(url, username="bench", password="x", calendar_name="baseline")
            ms, _ = timed(lambda: reupload_all(other, entries), repeat=3)
            rows.append(("baseline: delete + re-upload all", ms, 2 * count))
        finally:
            process.terminate()
            process.wait()
    print(f"{'run':<34} {'ms':>9} {'writes/pulls':>13}")
    for name, ms, writes in rows:
        print(f"{name:<34} {ms:>9.1f} {writes:>13}")


if __name__ == "__main__":
    windows_table()
    caldav_table()
