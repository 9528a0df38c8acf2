"""What `check` imports on one file, and what that costs: this checkout against an earlier commit, in one run.

    python bench/startup.py                 # against main
    python bench/startup.py --before REV    # against another commit

The earlier commit is exported with `git archive` into a temporary folder and put first on PYTHONPATH, so both run
in this environment with the same interpreter and packages. For each variant: the modules `python -X importtime`
lists and the sum of its top-level cumulative times (the run with the lowest sum of --runs, as importtime's own
noise only adds), and the median wall time of the whole process over --runs interleaved runs. Every variant runs
with a bytecode cache of its own in the temporary folder, and with ShellCheck as installed; "cold cache" starts
each timed run with an empty cache folder (its import profile is of a warm run).
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(REPO / "bench"))
from earlier import export  # noqa: E402
from run import BASE_FILE  # noqa: E402 - the 67-line file of bench/run.py

LINE = re.compile(r"import time:\s+(\d+) \|\s+(\d+) \|( *)(\S+)")


def command(arguments: list[str]) -> list[str]:
    return [sys.executable, "-m", "automations_lint", "check", *arguments, "one.yaml"]


def environment(root: Path, name: str, tree: Path | None) -> dict[str, str]:
    env = {key: value for key, value in os.environ.items() if key not in ("AUTOMATIONS_LINT_NO_CACHE", "PYTHONPATH")}
    env.pop("PYTHONDONTWRITEBYTECODE", None)
    env["PYTHONPYCACHEPREFIX"] = str(root / f"pycache-{name}")
    env["AUTOMATIONS_LINT_CACHE_DIR"] = str(root / f"cache-{name}")
    if tree is not None:
        env["PYTHONPATH"] = str(tree)
    return env


def import_profile(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[int, float, list[tuple[float, str]]]:
    """Modules imported, the sum of the top-level cumulative times (ms), and the heaviest modules (ms, name)."""
    profiled = [argv[0], "-X", "importtime", *argv[1:]]
    done = subprocess.run(profiled, cwd=cwd, env=env, capture_output=True, text=True, check=False)
    rows = [match.groups() for match in map(LINE.match, done.stderr.splitlines()) if match]
    total = sum(int(cumulative) for _, cumulative, indent, _ in rows if len(indent) == 1) / 1000
    heavy = sorted(((int(cumulative) / 1000, name) for _, cumulative, indent, name in rows if len(indent) <= 3))
    return len(rows), total, heavy[::-1][:8]


def wall(argv: list[str], env: dict[str, str], cwd: Path) -> float:
    if "cold" in env["AUTOMATIONS_LINT_CACHE_DIR"]:  # the cold variant starts every run with an empty folder
        shutil.rmtree(env["AUTOMATIONS_LINT_CACHE_DIR"], ignore_errors=True)
    start = time.perf_counter()
    subprocess.run(argv, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    return (time.perf_counter() - start) * 1000


def main() -> None:
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--before", default="main", help="the commit to compare with (default: main)")
    parser.add_argument("--runs", type=int, default=21)
    args = parser.parse_args()
    root = Path(tempfile.mkdtemp(prefix="automations-lint-startup-"))
    try:
        (root / "one.yaml").write_text(BASE_FILE, encoding="utf-8")
        before = export(args.before, root)
        variants = {
            f"before ({args.before}), check": (command([]), environment(root, "before", before)),
            "now, check --no-cache": (command(["--no-cache"]), environment(root, "now", None)),
            "now, check, warm cache": (command([]), environment(root, "now", None)),
            "now, check, cold cache": (command([]), environment(root, "cold", None)),
        }
        for argv, env in variants.values():  # bytecode written, the cache warmed
            subprocess.run(argv, cwd=root, env=env, capture_output=True, check=False)
        profiles = {
            name: min((import_profile(argv, env, root) for _ in range(args.runs)), key=lambda found: found[1])
            for name, (argv, env) in variants.items()
        }
        walls: dict[str, list[float]] = {name: [] for name in variants}
        for round_ in range(args.runs):
            names = list(variants)
            for name in names[round_ % len(names) :] + names[: round_ % len(names)]:
                walls[name].append(wall(*variants[name], root))
        print("| variant | modules | imports (sum of top level) | whole process, median wall |")
        print("|---|---|---|---|")
        for name, (modules, total, _) in profiles.items():
            print(f"| {name} | {modules} | {total:.1f} ms | {statistics.median(walls[name]):.1f} ms |")
        for name, (_, _, heavy) in profiles.items():
            print(f"\n{name}: " + ", ".join(f"{module} {ms:.1f} ms" for ms, module in heavy))
        load = f"; load average {os.getloadavg()[0]:.2f}" if hasattr(os, "getloadavg") else ""
        print(f"\n{args.runs} runs each, Python {sys.version.split()[0]}{load}", file=sys.stderr)
    finally:
        shutil.rmtree(root, ignore_errors=True)


if __name__ == "__main__":
    main()
