"""automations-lint as it was at an earlier commit, run beside this checkout in the same environment.

The package is exported with `git archive` into a folder of its own; a launcher made like pip's console script
puts that folder first on sys.path, so the earlier code runs with the same interpreter and packages as the
installed one, started the same way.
"""

from __future__ import annotations

import subprocess
import sys
import tarfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def export(revision: str, into: Path) -> Path:
    """The package as it was at `revision`, in into/before (a folder to put first on the import path)."""
    archive = subprocess.run(
        ["git", "-C", str(REPO), "archive", revision, "automations_lint"], capture_output=True, check=True
    )
    tree = into / "before"
    tree.mkdir()
    archive_path = into / "before.tar"
    archive_path.write_bytes(archive.stdout)
    with tarfile.open(archive_path) as handle:
        handle.extractall(tree, filter="data")
    return tree


def launcher(tree: Path) -> Path:
    """An `automations-lint` script beside `tree` that runs the package in it, as the console script would."""
    script = tree.parent / "automations-lint-before"
    script.write_text(
        f"#!{sys.executable}\nimport sys\nsys.path.insert(0, {str(tree)!r})\n"
        "from automations_lint.cli.commands import main\nsys.exit(main())\n",
        encoding="utf-8",
    )
    script.chmod(0o755)
    return script
