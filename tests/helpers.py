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
