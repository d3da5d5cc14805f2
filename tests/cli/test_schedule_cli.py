"""The schedule and calendar commands end to end, the way a new user would try them."""

from __future__ import annotations

import json
from collections.abc import Callable
from datetime import datetime, timedelta
from pathlib import Path
from zoneinfo import ZoneInfo

import pytest
from typer.testing import CliRunner

from tests.conftest import RADICALE_PASSWORD, RADICALE_USER

runner = CliRunner()
Run = Callable[..., tuple[int, str, str]]


def ok(run: Run, *args: str, **kw: str) -> str:
    code, out, err = run(*args, **kw)
    assert code == 0, err
    return out


def test_hours_and_caps_are_set_shown_and_kept(cli: Run) -> None:
    ok(cli, "hours", "set", "mon-fri", "09:00-17:00", "--tz", "Europe/Berlin")
    ok(cli, "hours", "set", "wed", "9-12,14-17")
    ok(cli, "hours", "block", "2026-12-24..2026-12-26", "--reason", "holidays")
    ok(cli, "hours", "block", "2026-12-02 14:00..16:00", "--reason", "dentist")
    ok(cli, "hours", "unblock", "1")  # numbered as listed: by start, the dentist first
    ok(cli, "hours", "prep", "technical=75", "recruiter=20")
    ok(cli, "hours", "buffer", "25")
    shown = json.loads(ok(cli, "hours", "--json"))["availability"]
    assert shown["time_zone"] == "Europe/Berlin"
    assert shown["weekly_hours"]["monday"] == [["09:00", "17:00"]]
    assert shown["weekly_hours"]["wednesday"] == [["09:00", "12:00"], ["14:00", "17:00"]]
    assert "saturday" not in shown["weekly_hours"]
    assert [b["reason"] for b in shown["blocked"]] == ["holidays"]
    assert shown["blocked"][0]["start"] == "2026-12-24T00:00:00+01:00"
    assert (shown["prep_minutes"]["technical"], shown["prep_minutes"]["recruiter"]) == (75, 20)
    assert shown["buffer_minutes"] == 25
    text = ok(cli, "hours")
    assert "Thu 24 Dec – Sat 26 Dec 2026: holidays" in text
    caps = json.loads(
        ok(cli, "caps", "set", "interviews_per_day=3", "--start", "2026-11-02", "--json")
    )
    assert caps["caps"]["interviews_per_day"] == 3
    assert (caps["search_start"], caps["search_start_source"]) == ("2026-11-02", "set")
    assert "3 and on" in ok(cli, "caps")


@pytest.mark.parametrize(
    ("args", "field"),
    [
        (("hours", "set", "mon-fri", "9-25"), "hours"),
        (("hours", "set", "someday", "9-17"), "days"),
        (("hours", "set", "--tz", "Mars/Olympus"), "time zone"),
        (("hours", "buffer", "500"), "buffer minutes"),
        (("hours", "prep", "technical"), "prep minutes"),
        (("caps", "set", "ramp_weeks=-1"), "caps.ramp weeks"),
        (("hours", "block", "2026-12-26..2026-12-24"), "period"),
    ],
)
def test_bad_settings_exit_one_and_name_the_field(
    cli: Run, args: tuple[str, ...], field: str
) -> None:
    code, _, err = cli(*args)
    assert code == 1
    assert f"{field}:" in err


def windows_of(cli: Run, company: str, *extra: str) -> list[dict]:
    offer = json.loads(ok(cli, "windows", company, *extra, "--json"))
    assert offer["company"].casefold().startswith(company)
    return offer["windows"]


def test_three_companies_windows_bookings_and_warnings(cli: Run) -> None:
    for name in ("Acme", "Beta", "Gamma"):
        ok(cli, "apply", name, "--role", "Backend", "--on", "-30d")
    ok(cli, "hours", "set", "mon-fri", "09:00-18:00", "--tz", "Europe/Berlin")
    code, text, note = cli(
        "windows", "acme", "--kind", "technical", "--minutes", "60", "--tz", "America/New_York"
    )
    assert code == 0, note
    assert text.startswith("Here are a few times that work for me for a 60-minute technical")
    assert text.count("\n- ") == 3
    assert "CET)" in text
    assert "EST" in text or "EDT" in text
    assert "Recorded 3 windows offered to Acme" in note  # on stderr: stdout is only the e-mail
    booked = []
    for company, kind, minutes in (
        ("acme", "technical", "60"),
        ("beta", "recruiter", "30"),
        ("gamma", "hiring_manager", "45"),
    ):
        first = windows_of(cli, company, "--kind", kind, "--minutes", minutes, "--count", "2")[0]
        added = ok(
            cli,
            "interview",
            "add",
            company,
            "--kind",
            kind,
            "--minutes",
            minutes,
            "--at",
            first["start"],
            "--json",
        )
        booked.append(json.loads(added)[0])
    board = json.loads(ok(cli, "board", "--json"))
    assert board["warnings"] == []  # windows from widenet never make a warning once booked
    # A busy day: four more calls on the day of Beta's call break the cap of four a day.
    day = datetime.fromisoformat(booked[1]["start"]).astimezone(ZoneInfo("Europe/Berlin")).date()
    for hour in (9, 11, 14, 16):
        ok(cli, "interview", "add", "acme", "--kind", "recruiter", "--at", f"{day} {hour:02d}:00")
    board = json.loads(ok(cli, "board", "--json"))
    kinds = {(w["day"], w["kind"]) for w in board["warnings"]}
    assert (day.isoformat(), "over_cap") in kinds
    assert "Schedule warnings:" in ok(cli, "board")
    week = json.loads(ok(cli, "week", day.isoformat(), "--json"))
    (busy,) = [d for d in week["days"] if d["day"] == day.isoformat()]
    assert busy["over_cap"]
    assert len(busy["interviews"]) >= 5
    assert "Acme recruiter call" in {i["label"] for i in busy["interviews"]}
    assert "Interviews and preparation" in ok(cli, "week", day.isoformat())


def test_no_window_fits_exits_one_with_a_hint(cli: Run) -> None:
    ok(cli, "apply", "Acme", "--role", "Backend")
    ok(cli, "hours", "set", "daily", "off")
    code, out, err = cli("windows", "acme")
    assert code == 1
    assert out == ""
    assert "--days" in err


def test_calendar_export_and_import_into_another_database(cli: Run, tmp_path: Path) -> None:
    ok(cli, "apply", "Acme", "--role", "Backend", "--on", "-3d")
    start = (datetime.now().date() + timedelta(days=3)).isoformat()
    ok(
        cli,
        "interview",
        "add",
        "acme",
        "--kind",
        "technical",
        "--at",
        f"{start} 14:00",
        "--minutes",
        "60",
    )
    target = tmp_path / "search.ics"
    ok(cli, "calendar", "export", "-o", str(target), "--prep")
    assert target.read_bytes().count(b"BEGIN:VEVENT") == 2
    ok(cli, "apply", "Acme", "--role", "Backend", "--on", "-3d", db="other.db")
    first = ok(cli, "calendar", "import", str(target), db="other.db")
    assert "1 created" in first
    second = json.loads(ok(cli, "calendar", "import", str(target), "--json", db="other.db"))
    assert (second["created"], second["updated"], second["unchanged"]) == ([], [], 1)
    mine = json.loads(ok(cli, "interview", "list", "--json"))
    theirs = json.loads(ok(cli, "interview", "list", "--json", db="other.db"))
    keys = ("uid", "company", "kind", "start", "minutes", "prep_minutes")
    assert [{k: i[k] for k in keys} for i in theirs] == [{k: i[k] for k in keys} for i in mine]
    code, _, err = cli("calendar", "import", str(tmp_path / "missing.ics"))
    assert code == 1
    assert "No file" in err


def test_the_feed_link_and_its_rotation(cli: Run) -> None:
    out = ok(cli, "calendar", "feed", "--json")
    first = json.loads(out)
    assert first["path"] == f"/calendar/feed/{first['token']}.ics"
    assert first["url"].endswith(first["path"])
    assert json.loads(ok(cli, "calendar", "feed", "--json"))["token"] == first["token"]
    rotated = ok(cli, "calendar", "feed", "--rotate")
    assert "old one no longer works" in rotated
    assert first["token"] not in rotated


def test_the_password_is_never_an_option(cli: Run) -> None:
    code, _, err = cli(
        "calendar", "sync", "--url", "http://127.0.0.1:9/", "--user", "ada", "--password", "hunter2"
    )
    assert code == 2
    assert "No such option" in err


def test_an_unreachable_server_is_a_clear_error(cli: Run, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("WIDENET_CALDAV_PASSWORD", "pw")
    code, _, err = cli("calendar", "sync", "--url", "http://127.0.0.1:9/", "--user", "ada")
    assert code == 1
    assert "127.0.0.1:9" in err


@pytest.mark.caldav
def test_the_password_comes_from_the_environment(
    cli: Run, monkeypatch: pytest.MonkeyPatch, radicale_with_password: str
) -> None:
    ok(cli, "apply", "Acme", "--role", "Backend", "--on", "-3d")
    ok(cli, "interview", "add", "acme", "--kind", "recruiter", "--at", "tomorrow 10:00")
    sync = ("calendar", "sync", "--url", radicale_with_password, "--user", RADICALE_USER)
    monkeypatch.setenv("WIDENET_CALDAV_PASSWORD", "wrong")
    code, _, err = cli(*sync)
    assert code == 1
    assert "refused" in err
    monkeypatch.setenv("WIDENET_CALDAV_PASSWORD", RADICALE_PASSWORD)
    first = json.loads(ok(cli, *sync, "--json"))
    assert len(first["pushed"]) == 1
    again = json.loads(ok(cli, *sync, "--json"))
    assert again["pushed"] == []
    assert len(again["unchanged"]) == 1


@pytest.mark.caldav
def test_without_the_variable_the_password_is_asked_hidden(
    cli: Run, radicale_with_password: str
) -> None:
    ok(cli, "apply", "Acme", "--role", "Backend", "--on", "-3d")
    ok(cli, "interview", "add", "acme", "--kind", "recruiter", "--at", "tomorrow 11:00")
    args = (
        "calendar",
        "sync",
        "--url",
        radicale_with_password,
        "--user",
        RADICALE_USER,
        "--calendar",
        "asked",
    )
    code, out, err = cli(*args, input=f"{RADICALE_PASSWORD}\n")
    assert code == 0, err
    assert "pushed 1" in out
    assert RADICALE_PASSWORD not in out + err  # not echoed
    assert "CalDAV password for ada" in err
