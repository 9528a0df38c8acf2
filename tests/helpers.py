"""Small things several test modules share."""

from __future__ import annotations

from pathlib import Path

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


def write(folder: Path, relative: str, text: str) -> Path:
    """Write `text` to `folder/relative`, making the folders on the way."""
    path = folder / relative
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(text, encoding="utf-8")
    return path


def doc_block(path: Path, heading: str, language: str) -> str:
    """The first ```language block under `heading` (a whole Markdown heading line) in the document at `path`: a test
    runs the setup the docs show, as written."""
    text = path.read_text()
    after = text[text.index(f"\n{heading}\n") :]
    start = after.index(f"```{language}\n") + len(f"```{language}\n")
    return after[start : after.index("```", start)]


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
