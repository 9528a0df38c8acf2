"""The language server driven by a real editor: Neovim, headless, reads back diagnostics and completion."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

NVIM = shutil.which("nvim")
CLIENT = Path(__file__).parent / "nvim" / "client.lua"
MISTAKES = Path(__file__).parent / "nvim" / "mistakes.yaml"
# A real editor: end to end, deselected with -m "not e2e".
pytestmark = pytest.mark.e2e


@pytest.mark.skipif(NVIM is None, reason="nvim is not installed (Debian: apt-get install neovim; .ci/run does)")
def test_neovim_shows_the_diagnostics_and_completes_dependencies(tmp_path: Path) -> None:
    path = tmp_path / ".ona" / "automations.yaml"
    path.parent.mkdir()
    shutil.copy(MISTAKES, path)
    out = tmp_path / "out.txt"
    env = {**os.environ, "AL_PYTHON": sys.executable, "AL_OUT": str(out), "AL_LINE": "9", "AL_CHARACTER": "16"}
    assert NVIM is not None
    subprocess.run(
        [NVIM, "--headless", "--clean", str(path), "-c", f"luafile {CLIENT}"],
        cwd=tmp_path,
        env=env,
        timeout=120,
        check=True,
        capture_output=True,
    )
    assert out.read_text().splitlines() == [
        "diagnostics true",
        '9 AL203 dependency cycle: "build" -> "generate" -> "build" [dependency-cycle]',
        '9 AL201 task "build" depends on unknown task or service "databse" [unknown-reference]',
        '13 AL101 unknown field "triggers" in task "generate" [unknown-field]',
        "completion database generate",
    ]
