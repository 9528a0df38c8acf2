"""The language server driven by a real editor: Neovim, headless, set up exactly as docs/editors.md says, reads back
diagnostics and completion."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from helpers import doc_block

NVIM = shutil.which("nvim")
CLIENT = Path(__file__).parent / "nvim" / "client.lua"
MISTAKES = Path(__file__).parent / "nvim" / "mistakes.yaml"
DOCS = Path(__file__).parent.parent / "docs" / "editors.md"


@pytest.mark.skipif(NVIM is None, reason="nvim is not installed (Debian: apt-get install neovim; .ci/run does)")
def test_neovim_shows_the_diagnostics_and_completes_dependencies(tmp_path: Path) -> None:
    path = tmp_path / ".ona" / "automations.yaml"
    path.parent.mkdir()
    shutil.copy(MISTAKES, path)
    init = tmp_path / "init.lua"
    init.write_text(doc_block(DOCS, "### Neovim", "lua"))
    out = tmp_path / "out.txt"
    # `automations-lint` as the docs start it: the one of this environment, first on PATH
    env = {**os.environ, "PATH": f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"}
    env |= {"AL_OUT": str(out), "AL_LINE": "9", "AL_CHARACTER": "16"}
    assert NVIM is not None
    subprocess.run(
        [NVIM, "--headless", "-u", str(init), "-i", "NONE", "--noplugin", str(path), "-c", f"luafile {CLIENT}"],
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=True,
        capture_output=True,
    )
    assert out.read_text().splitlines() == [
        "diagnostics true from automations-lint",
        '9 AL203 dependency cycle: "build" -> "generate" -> "build" [dependency-cycle]',
        '9 AL201 task "build" depends on unknown task or service "databse" [unknown-reference]',
        '13 AL101 unknown field "triggers" in task "generate" [unknown-field]',
        "completion database generate",
    ]
