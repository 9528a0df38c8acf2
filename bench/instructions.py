"""Issue 15's cache targets counted in machine instructions, which the machine's load does not change.

    python bench/instructions.py         # needs valgrind (apt-get install valgrind); about 3 minutes

On a shared machine the wall and CPU times of bench/run.py move by 10 % or more from one minute to the next (one
of its runs timed the 5,000-task file faster with ShellCheck than without), so a ratio near a target can come out
either side of it. Instructions executed, counted by valgrind's callgrind in every process of a run (ShellCheck's
included), are the same each time to within a fraction of a percent. They leave out what the kernel does (forks,
files, page faults), which the timed benchmark keeps: read the two together.

Each variant runs once untimed (the bytecode cache written, the result cache warmed), then once under callgrind.
The tools are this interpreter's console scripts, as in bench/run.py; "before the cache" is the package at
run.BEFORE_CACHE, run by this interpreter.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import cache_workloads
import earlier
import run

COLLECTED = re.compile(r"^==\d+== Collected : (\d+)", re.MULTILINE)


def instructions(argv: list[str], cwd: Path, env: dict[str, str], logs: Path) -> int:
    """Instructions executed by `argv` and every process it starts."""
    shutil.rmtree(logs, ignore_errors=True)
    logs.mkdir()
    counted = [
        "valgrind", "--tool=callgrind", "--callgrind-out-file=/dev/null", "--trace-children=yes",
        f"--log-file={logs}/%p", *argv,
    ]  # fmt: skip
    subprocess.run(counted, cwd=cwd, env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)
    found = [int(number) for log in logs.iterdir() for number in COLLECTED.findall(log.read_text("utf-8", "replace"))]
    if not found:
        raise SystemExit(f"bench: valgrind counted nothing for {argv}")
    return sum(found)


def main() -> int:
    if shutil.which("valgrind") is None:
        print("bench: valgrind is not installed (apt-get install valgrind)", file=sys.stderr)
        return 1
    root = Path(tempfile.mkdtemp(prefix="automations-lint-instructions-"))
    try:
        env = run.child_env(root, as_is=False)
        ours, yamllint = run.find_script(run.OURS), run.find_script(run.YAMLLINT)
        if ours is None:
            print(f"bench: {run.OURS} is not installed", file=sys.stderr)
            return 1
        (root / "one.yaml").write_text(run.BASE_FILE, encoding="utf-8")
        corpus = cache_workloads.copy_corpus(root, 147)
        before = str(earlier.launcher(earlier.export(run.BEFORE_CACHE, root)))
        cold = root / "cold-cache"
        off = ["--ignore", "shellcheck"]
        variants: dict[str, list[str]] = {
            "one file: before the cache": [before, "check", "one.yaml"],
            "one file: --no-cache": [ours, "check", "--no-cache", "one.yaml"],
            "one file: cold cache": [ours, "check", "--cache-dir", str(cold), "one.yaml"],
            "one file: warm cache": [ours, "check", "one.yaml"],
            "147 files: warm cache": [ours, "check", *corpus],
            "147 files: ShellCheck off, warm cache": [ours, "check", *off, *corpus],
        }
        if yamllint is not None:
            variants["one file: yamllint"] = [yamllint, "-d", "default", "one.yaml"]
        counts: dict[str, int] = {}
        for name, argv in variants.items():
            subprocess.run(argv, cwd=root, env=env, capture_output=True, check=False)
            if "cold" in name:
                shutil.rmtree(cold, ignore_errors=True)
            counts[name] = instructions(argv, root, env, root / "logs")
            print(f"  {name:<40} {counts[name] / 1e6:9.1f} M", file=sys.stderr)
        print("| variant | instructions |\n|---|---|")
        for name, count in counts.items():
            print(f"| {name} | {count / 1e6:,.1f} M |")
        print("\n| target (issue 15) | ratio | met |\n|---|---|---|")
        targets = [
            ("one file, cold cache <= 1.0 x before the cache", "one file: cold cache",
             "one file: before the cache", 1.0),
            ("one file, cold cache <= 1.0 x --no-cache", "one file: cold cache", "one file: --no-cache", 1.0),
            ("one file, warm cache <= 0.9 x yamllint", "one file: warm cache", "one file: yamllint", 0.9),
            ("147 files, warm cache <= 1.2 x ShellCheck off", "147 files: warm cache",
             "147 files: ShellCheck off, warm cache", 1.2),
        ]  # fmt: skip
        for text, tool, peer, limit in targets:
            if tool in counts and peer in counts:
                ratio = counts[tool] / counts[peer]
                print(f"| {text} | {ratio:.2f}x | {'yes' if ratio <= limit else 'NO'} |")
        print(f"\nsource: {run.source_state()}; Python {sys.version.split()[0]}", file=sys.stderr)
    finally:
        shutil.rmtree(root, ignore_errors=True)
    return 0


if __name__ == "__main__":
    os.environ.pop("AUTOMATIONS_LINT_NO_CACHE", None)
    sys.exit(main())
