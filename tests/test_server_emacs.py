"""The language server driven by a real Emacs with eglot, in batch mode, set up exactly as docs/editors.md says."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from helpers import editor_setup, run_editor

EMACS = shutil.which("emacs")
HERE = Path(__file__).parent
CLIENT = HERE / "emacs" / "client.el"


def _has_packages() -> bool:
    """Whether this Emacs finds eglot and yaml-mode (Debian: elpa-eglot and elpa-yaml-mode)."""
    if EMACS is None:
        return False
    probe = "(progn (package-activate-all) (require 'eglot) (require 'yaml-mode))"
    found = subprocess.run([EMACS, "--batch", "--eval", probe], check=False, capture_output=True, timeout=60)
    return found.returncode == 0


@pytest.mark.e2e
@pytest.mark.skipif(
    not _has_packages(),
    reason="emacs with eglot and yaml-mode is not installed (Debian: apt-get install emacs-nox elpa-eglot "
    "elpa-yaml-mode; .ci/run does)",
)
def test_emacs_eglot_shows_the_diagnostics_and_completes_dependencies(tmp_path: Path) -> None:
    path, setup = editor_setup(tmp_path, "### Emacs (eglot)", "elisp", "setup.el")
    assert EMACS is not None
    # package-activate-all: what an interactive Emacs does at start-up (batch mode skips it)
    command = [EMACS, "--batch", "--eval", "(package-activate-all)", "-l", str(setup), "-l", str(CLIENT), str(path)]
    seen = run_editor(command, tmp_path, AL_LINE="9", AL_CHARACTER="16", HOME=str(tmp_path))
    assert seen == [
        "mode ona-automations-mode eglot on",
        '10 automations-lint [AL203]: dependency cycle: "build" -> "generate" -> "build" [dependency-cycle]',
        '10 automations-lint [AL201]: task "build" depends on unknown task or service "databse" [unknown-reference]',
        '14 automations-lint [AL101]: unknown field "triggers" in task "generate" [unknown-field]',
        "completion database generate",
    ]
