"""The README's promises: its rules table is current, and its Quick start commands are the ones CI runs."""

from __future__ import annotations

import os
import re
from pathlib import Path

from automations_lint.rules.registry import markdown_table

ROOT = Path(__file__).resolve().parents[1]
README = (ROOT / "README.md").read_text(encoding="utf-8")


def test_rules_table_is_current() -> None:
    table = re.search(r"<!-- rules:start -->\n(.*?)<!-- rules:end -->", README, re.S)
    assert table is not None
    if os.environ.get("UPDATE_README"):
        updated = README[: table.start(1)] + markdown_table() + README[table.end(1) :]
        (ROOT / "README.md").write_text(updated, encoding="utf-8")
        return
    assert table.group(1) == markdown_table(), "regenerate with: UPDATE_README=1 python -m pytest tests/test_readme.py"


def test_ci_runs_the_readme_test_command() -> None:
    quick_start = README.split("## Quick start", 1)[1].split("## ", 1)[0]
    commands = re.findall(r"```sh\n(.*?)\n```", quick_start)
    assert len(commands) == 2
    assert "automations-lint check examples/" in commands[0]
    assert commands[1] in (ROOT / ".ci" / "run").read_text(encoding="utf-8")
