"""The result cache's workloads for bench/run.py (issue 15): the real corpus, and one command edited in it.

The corpus files are copied into the benchmark's folder; the edited workload changes one command of one of them
before each run, and a stand-in `shellcheck` first on PATH (a shell script that logs its arguments and runs the
real one) counts the commands sent to ShellCheck.
"""

from __future__ import annotations

import os
import shlex
import shutil
import stat
from pathlib import Path

CORPUS = Path(__file__).resolve().parent.parent / "tests" / "corpus" / "files"
# The first line of a command written as a literal block: the edited workload appends to it.
BLOCK = "command: |\n"


def copy_corpus(root: Path, count: int) -> list[str]:
    """The first `count` corpus files, copied into root/corpus; their paths relative to `root`."""
    folder = root / "corpus"
    folder.mkdir()
    names = []
    for path in sorted(CORPUS.iterdir())[:count]:
        shutil.copy(path, folder / path.name)
        names.append(f"corpus/{path.name}")
    return names


def edit_target(root: Path, files: list[str]) -> Path:
    """The file whose first block command the edited workload changes."""
    return next(root / name for name in files if BLOCK in (root / name).read_text(encoding="utf-8"))


def edit_one_command(path: Path, original: str, round_: int) -> None:
    """`original` with a comment that differs each round appended to the first line of its first block command:
    one command changed, every other one as it was."""
    start = original.index(BLOCK) + len(BLOCK)
    end = original.index("\n", start)
    path.write_text(f"{original[:end]} # bench edit {round_}{original[end:]}", encoding="utf-8")


def logging_shellcheck(root: Path, real: str) -> tuple[Path, Path]:
    """A stand-in `shellcheck` (its folder, to put first on PATH) that logs each call's arguments, one call a
    line, and runs the real binary; and the log."""
    folder, log = root / "logging-shellcheck", root / "shellcheck-calls.log"
    folder.mkdir()
    script = folder / "shellcheck"
    script.write_text(
        f'#!/bin/sh\nprintf "%s\\n" "$*" >> {shlex.quote(str(log))}\nexec {shlex.quote(real)} "$@"\n',
        encoding="utf-8",
    )
    script.chmod(script.stat().st_mode | stat.S_IXUSR)
    return folder, log


def scripts_sent(log: Path) -> int:
    """How many scripts the logged calls handed to ShellCheck (each is a file NAME.sh; `--version` is none)."""
    if not log.exists():
        return 0
    lines = log.read_text(encoding="utf-8").splitlines()
    return sum(1 for line in lines for word in line.split() if word.endswith(".sh"))


def with_path_first(env: dict[str, str], folder: Path) -> dict[str, str]:
    return {**env, "PATH": os.pathsep.join((str(folder), env.get("PATH", "")))}
