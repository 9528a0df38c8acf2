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
