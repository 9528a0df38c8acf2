"""The language server driven by a real editor: Neovim, headless, set up exactly as docs/editors.md says, reads back
diagnostics and completion."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from helpers import editor_setup, run_editor

NVIM = shutil.which("nvim")
CLIENT = Path(__file__).parent / "nvim" / "client.lua"
# A real editor: end to end, deselected with -m "not e2e".
pytestmark = pytest.mark.e2e


@pytest.mark.skipif(NVIM is None, reason="nvim is not installed (Debian: apt-get install neovim; .ci/run does)")
def test_neovim_shows_the_diagnostics_and_completes_dependencies(tmp_path: Path) -> None:
    path, init = editor_setup(tmp_path, "### Neovim", "lua", "init.lua")
    assert NVIM is not None
    command = [NVIM, "--headless", "-u", str(init), "-i", "NONE", "--noplugin", str(path), "-c", f"luafile {CLIENT}"]
    seen = run_editor(command, tmp_path, AL_LINE="9", AL_CHARACTER="16")
    assert seen == [
        "diagnostics true from automations-lint",
        '9 AL203 dependency cycle: "build" -> "generate" -> "build" [dependency-cycle]',
        '9 AL201 task "build" depends on unknown task or service "databse" [unknown-reference]',
        '13 AL101 unknown field "triggers" in task "generate" [unknown-field]',
        "completion database generate",
    ]
