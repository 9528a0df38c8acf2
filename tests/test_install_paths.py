"""End to end: the install paths the README shows, run as written in a copy of this checkout with nothing beside it.

The README's first Quick start command (make a virtual environment, install, lint the bundled example) runs in a
shell in a snapshot of the working tree; the second one is what .ci/run runs (tests/test_readme.py). The CI
install, `pip install "automations-lint @ git+URL@COMMIT"`, installs from the snapshot's git repository. Both build
environments from the package index, as a user's machine does (a few seconds with a warm pip cache).
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import test_precommit_hook as hooks

pytestmark = pytest.mark.e2e

ROOT = Path(__file__).resolve().parent.parent
README = (ROOT / "README.md").read_text(encoding="utf-8")

# The fixtures of the pre-commit tests: a user's environment, and a git repository holding this checkout.
environ = hooks.environ
hook_repository = hooks.hook_repository


def shell(command: str, cwd: Path, variables: dict[str, str]) -> tuple[int, str]:
    done = subprocess.run(
        ["sh", "-c", command], cwd=cwd, env=variables, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
        check=False,
    )
    return done.returncode, done.stdout


def test_the_first_quick_start_command_installs_and_lints_the_example(
    hook_repository: tuple[Path, str],
    environ: dict[str, str],
) -> None:
    snapshot, _ = hook_repository
    quick_start = README.split("## Quick start", 1)[1]
    command = re.search(r"```sh\n(.*?)\n```", quick_start)
    assert command is not None
    code, output = shell(command.group(1), snapshot, environ)
    assert code == 0, output
    assert "All checks passed (1 file checked)." in output


def test_ci_installs_from_a_git_repository_with_pip(
    tmp_path: Path,
    hook_repository: tuple[Path, str],
    environ: dict[str, str],
) -> None:
    """docs/ci.md's command, with AUTOMATIONS_LINT_GIT naming the snapshot repository and its commit."""
    snapshot, commit = hook_repository
    documented = re.search(r'pip install "automations-lint @ git\+\$AUTOMATIONS_LINT_GIT"', read("docs/ci.md"))
    assert documented is not None
    # A git URL with a host, as in CI (pip's parser wants one after git+; git reads file://localhost/ as a path).
    variables = {**environ, "AUTOMATIONS_LINT_GIT": f"file://localhost{snapshot.as_posix()}@{commit}"}
    venv = tmp_path / "venv"
    subprocess.run([sys.executable, "-m", "venv", str(venv)], check=True)
    code, output = shell(f". {venv}/bin/activate && {documented.group(0)}", tmp_path, variables)
    assert code == 0, output
    examples = snapshot / "examples"
    code, output = shell(f"{venv}/bin/automations-lint check --format concise mistakes.yaml", examples, variables)
    assert code == 1
    assert "mistakes.yaml:13:5: error AL101" in output


def read(document: str) -> str:
    return (ROOT / document).read_text(encoding="utf-8")
