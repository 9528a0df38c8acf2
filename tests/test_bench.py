"""The benchmark is not a timed test; CI only checks that it still runs (quick mode, one repetition each)."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parents[1] / "bench" / "run.py"


def test_the_benchmark_runs_in_quick_mode() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCH), "--quick", "--check"], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert "automations-lint" in done.stdout


BOUNDS = BENCH.parent / "bounds.py"


def test_the_bounds_benchmark_finds_no_quadratic_path() -> None:
    """Each formerly quadratic path, at n and 10n (quick sizes): a quadratic one would take about 100 times as long.
    The bound here is loose, for a shared CI machine; `python bench/bounds.py --check` holds the 12x target."""
    done = subprocess.run(
        [sys.executable, str(BOUNDS), "--quick"], capture_output=True, text=True, timeout=300, check=False
    )
    assert done.returncode == 0, done.stderr[-2000:]
    rows = [line.split("|") for line in done.stdout.splitlines() if line.startswith("| ") and "x |" in line]
    ratios = {row[1].strip(): float(row[6].strip().rstrip("x")) for row in rows}
    assert set(ratios) == {"hints", "fix", "suppressions", "shell", "nesting", "plan", "graph", "cycles"}
    assert all(ratio < 30 for ratio in ratios.values()), ratios
