"""How fast `widenet --help` starts, against a bare `python -c pass` in the same run.

Target: median under 0.3 s on the reference machine.
"""

from __future__ import annotations

import sys

from _util import WIDENET, machine, median, run_times, table

RUNS = 21
TARGET = 0.3


def main() -> int:
    baseline = run_times([sys.executable, "-c", "pass"], runs=RUNS)
    help_times = run_times([*WIDENET, "--help"], runs=RUNS)
    version = run_times([*WIDENET, "--version"], runs=RUNS)
    rows = [
        ("python -c pass (baseline)", f"{median(baseline) * 1000:.0f}", "", ""),
        (
            "widenet --help",
            f"{median(help_times) * 1000:.0f}",
            f"{(median(help_times) - median(baseline)) * 1000:.0f}",
            f"< {TARGET * 1000:.0f}",
        ),
        (
            "widenet --version",
            f"{median(version) * 1000:.0f}",
            f"{(median(version) - median(baseline)) * 1000:.0f}",
            "",
        ),
    ]
    print(
        table(
            f"CLI start-up, median of {RUNS} runs ({machine()})",
            ["command", "median ms", "over baseline ms", "target ms"],
            rows,
        )
    )
    return 0 if median(help_times) < TARGET else 1


if __name__ == "__main__":
    sys.exit(main())
