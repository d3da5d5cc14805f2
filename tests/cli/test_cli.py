"""The command line, end to end, the way a new user would try it."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from widenet.cli.app import app

runner = CliRunner()


def test_a_first_search(cli) -> None:
    assert cli("company", "add", "Acme Robotics", "--size", "large", "-e", "4")[0] == 0
    code, out, _ = cli("apply", "acme", "--role", "Backend engineer", "--on", "-20d")
    assert code == 0
    assert "Applied" in out
    assert cli("move", "acme", "recruiter call", "--on", "-10d")[0] == 0
    assert cli("move", "acme", "onsite", "--on", "-2d", "--note", "4 rounds")[0] == 0
    code, out, _ = cli("status", "acme", "--json")
    data = json.loads(out)
    assert [e["stage"] for e in data[0]["events"]] == ["applied", "recruiter", "onsite"]
    assert data[0]["events"][-1]["note"] == "4 rounds"
    code, out, _ = cli("board", "--json")
    columns = {c["stage"]: c["cards"] for c in json.loads(out)["columns"]}
    assert columns["onsite"][0]["company"] == "Acme Robotics"
    assert columns["onsite"][0]["days_in_stage"] == 2


def test_outcomes_undo_and_reopen(cli) -> None:
    cli("apply", "Zeta", "--role", "iOS", "--on", "-5d")
    code, _, err = cli("reject", "zeta", "--reason", "role filled")
    assert code == 0, err
    code, _, err = cli("move", "zeta", "recruiter")
    assert code == 1
    assert "--reopen" in err
    code, out, _ = cli("undo", "zeta")
    assert code == 0
    assert "audit log" in out
    assert cli("move", "zeta", "recruiter")[0] == 0


def test_errors_are_clear_and_exit_non_zero(cli) -> None:
    cli("apply", "Northwind Robotics", "--role", "Backend", "--on", "-3d")
    code, _, err = cli("move", "northwnd", "onsite")
    assert code == 1
    assert "Northwind Robotics" in err
    code, _, err = cli("move", "northwind", "onsite", "--on", "2001-01-01")
    assert code == 1
    assert "would come before it" in err
    code, _, err = cli("company", "add", "Bad", "--excitement", "7")
    assert code == 1
    assert "excitement" in err
    code, _, err = cli("reject", "northwind", "--reason", "bad vibes")
    assert code == 1
    assert "no_response" in err


def test_usage_errors_exit_two(cli) -> None:
    code, _, _ = cli("apply", "Acme")  # --role missing
    assert code == 2


def test_interviews_are_booked_completed_and_listed(cli) -> None:
    cli("apply", "Acme", "--role", "Backend", "--on", "-10d")
    code, out, err = cli(
        "interview",
        "add",
        "acme",
        "--kind",
        "technical",
        "--at",
        "2026-01-05 14:00",
        "--minutes",
        "60",
        "--json",
    )
    assert code == 0, err
    booked = json.loads(out)[0]
    assert booked["start"] == "2026-01-05T13:00:00+00:00"  # 14:00 in Berlin, stored as UTC
    assert booked["prep_minutes"] == 60
    code, out, err = cli(
        "interview", "done", str(booked["id"]), "--rating", "3", "--outcome", "pass", "--json"
    )
    assert code == 0, err
    assert json.loads(out)[0]["self_rating"] == 3
    code, _, err = cli("interview", "done", str(booked["id"]), "--rating", "5")
    assert code == 1
    assert "1-4" in err
    code, out, _ = cli("interview", "list", "--all", "--json")
    assert [i["company"] for i in json.loads(out)] == ["Acme"]


def test_contacts(cli) -> None:
    cli("company", "add", "Acme")
    assert (
        cli(
            "contact",
            "add",
            "Sam Ortiz",
            "--role",
            "recruiter",
            "--company",
            "acme",
            "--email",
            "sam@acme.io",
        )[0]
        == 0
    )
    _code, out, _ = cli("contact", "list", "--json")
    assert json.loads(out)[0]["company"] == "Acme"


def test_import_reports_bad_rows_and_changes_nothing(cli, tmp_path: Path) -> None:
    bad = tmp_path / "bad.csv"
    bad.write_text(
        "company,role,applied\nAcme,Backend,2026-01-01\nBeta,,2026-01-02\nGamma,Data,someday\n",
        encoding="utf-8",
    )
    code, _, err = cli("import", str(bad))
    assert code == 1
    assert "line 3, role" in err
    assert "line 4, applied" in err
    code, out, _ = cli("company", "list", "--json")
    assert json.loads(out) == []


def test_export_and_import_round_trip(cli, tmp_path: Path) -> None:
    cli("apply", "Acme", "--role", "Backend", "--on", "-10d")
    out_file = tmp_path / "search.json"
    assert cli("export", "--format", "json", "-o", str(out_file))[0] == 0
    code, _, err = cli("export", "--format", "json", "-o", str(out_file))
    assert code == 1
    assert "not overwriting" in err
    assert cli("export", "--format", "json", "-o", str(out_file), "--force")[0] == 0
    other = tmp_path / "other.db"
    result = runner.invoke(app, ["import", str(out_file), "--db", str(other)])
    assert result.exit_code == 0, result.stderr
    result = runner.invoke(app, ["board", "--json", "--db", str(other)])
    assert json.loads(result.stdout)["columns"][0]["cards"][0]["company"] == "Acme"


def test_demo_goes_to_its_own_file(cli, tmp_path: Path) -> None:
    demo_db = tmp_path / "demo.db"
    result = runner.invoke(app, ["demo", "--seed", "3", "--db", str(demo_db)])
    assert result.exit_code == 0, result.stderr
    assert "Demo search written" in result.stdout
    _code, out, _ = cli("company", "list", "--json")  # the user's own database is untouched
    assert json.loads(out) == []


def test_version_and_python_m(tmp_path: Path) -> None:
    import subprocess
    import sys

    done = subprocess.run(
        [sys.executable, "-m", "widenet", "--version"], capture_output=True, text=True, check=True
    )
    assert done.stdout.startswith("widenet ")
