"""Import of a generated 10,000-application CSV and `board --json` on it.

Targets: each under 2 s on the reference machine. Baselines in the same run: the same rows
inserted with plain sqlite3 (no validation, no history), and `widenet --version` (start-up).
"""

from __future__ import annotations

import csv
import random
import sqlite3
import sys
import tempfile
import time
from datetime import date, timedelta
from pathlib import Path

from _util import WIDENET, machine, median, run_times, table

APPLICATIONS = 10_000
RUNS = 3
TARGET = 2.0
STAGES = ["recruiter", "hiring_manager", "technical", "take_home", "onsite", "references", "offer"]


def generate(path: Path, *, rows: int, seed: int = 1) -> None:
    """A large spreadsheet: 2,500 companies, applications at every stage, some closed."""
    rng = random.Random(seed)
    start = date(2025, 1, 1)
    header = [
        "company",
        "role",
        "source",
        "size_band",
        "excitement",
        "applied",
        *STAGES,
        "outcome",
        "outcome_date",
        "outcome_reason",
    ]
    with path.open("w", newline="", encoding="utf-8") as handle:
        writer = csv.writer(handle)
        writer.writerow(header)
        for index in range(rows):
            company = f"Company {index % 2500:04d}"
            size = ["small", "medium", "large", "huge"][index % 2500 % 4]
            applied = start + timedelta(days=rng.randint(0, 300))
            day = applied
            dates = []
            for _ in STAGES[: rng.randint(0, len(STAGES))]:
                day += timedelta(days=rng.randint(1, 9))
                dates.append(day.isoformat())
            outcome = rng.choice(["", "", "rejected", "withdrawn", "ghosted"])
            reason = "not_a_fit" if outcome == "rejected" else ""
            when = (day + timedelta(days=3)).isoformat() if outcome else ""
            writer.writerow(
                [
                    company,
                    f"Engineer {index}",
                    "direct",
                    size,
                    1 + index % 2500 % 5,
                    applied.isoformat(),
                    *dates,
                    *[""] * (len(STAGES) - len(dates)),
                    outcome,
                    when,
                    reason,
                ]
            )


def plain_sqlite(csv_path: Path, db_path: Path) -> float:
    start = time.perf_counter()
    connection = sqlite3.connect(db_path)
    connection.execute("create table t (company text, role text, applied text, data text)")
    with csv_path.open(encoding="utf-8") as handle:
        reader = csv.reader(handle)
        next(reader)
        connection.executemany(
            "insert into t values (?, ?, ?, ?)",
            ((r[0], r[1], r[5], ",".join(r[6:])) for r in reader),
        )
    connection.commit()
    connection.close()
    return time.perf_counter() - start


def main() -> int:
    with tempfile.TemporaryDirectory() as folder:
        tmp = Path(folder)
        csv_path = tmp / "tracker.csv"
        generate(csv_path, rows=APPLICATIONS)
        imports = [_timed_import(csv_path, tmp / f"run{run}.db", tmp) for run in range(RUNS)]
        boards = run_times(
            [*WIDENET, "board", "--json", "--all", "--db", str(tmp / "run0.db")],
            runs=RUNS,
            env={"WIDENET_DATA_DIR": str(tmp)},
        )
        start_up = run_times([*WIDENET, "--version"], runs=RUNS)
        raw = [plain_sqlite(csv_path, tmp / f"raw{i}.db") for i in range(RUNS)]
    rows = [
        ("widenet import (10,000 rows)", f"{median(imports):.2f}", f"< {TARGET:.0f}"),
        ("widenet board --json --all", f"{median(boards):.2f}", f"< {TARGET:.0f}"),
        ("baseline: plain sqlite3 insert", f"{median(raw):.2f}", ""),
        ("baseline: widenet --version", f"{median(start_up):.2f}", ""),
    ]
    print(
        table(
            f"10,000 applications, median of {RUNS} runs, seconds ({machine()})",
            ["what", "median s", "target s"],
            rows,
        )
    )
    return 0 if median(imports) < TARGET and median(boards) < TARGET else 1


def _timed_import(csv_path: Path, db: Path, tmp: Path) -> float:
    import os
    import subprocess

    env = {**os.environ, "WIDENET_DATA_DIR": str(tmp)}
    subprocess.run([*WIDENET, "init", "--db", str(db)], check=True, capture_output=True, env=env)
    start = time.perf_counter()
    subprocess.run(
        [*WIDENET, "import", str(csv_path), "--db", str(db)],
        check=True,
        capture_output=True,
        env=env,
    )
    return time.perf_counter() - start


if __name__ == "__main__":
    sys.exit(main())
