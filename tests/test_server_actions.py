"""The "ignore this rule here" action writes a suppression that silences the problem and keeps the YAML whole,
wherever the problem is: on a plain line, or inside a multi-line script of any style."""

from __future__ import annotations

import pytest
from lsprotocol import types
from pygls.workspace.position_codec import PositionCodec

from automations_lint.engine.linter import lint_text
from automations_lint.server.actions import actions
from automations_lint.server.convert import span_of
from automations_lint.server.positions import Text
from automations_lint.source.loader import load

BLOCK = "tasks:\n  build:\n    name: Build\n    command: |\n      make\n      echo $1\n"
PLAIN = "tasks:\n  build:\n    name: Build\n    command:\n      make &&\n      echo $1\n"
QUOTED = 'tasks:\n  build:\n    name: Build\n    command: "make &&\n      echo $1"\n'


def apply(source: str, edit: types.TextEdit, text: Text) -> str:
    start, end = text.offset(edit.range.start), text.offset(edit.range.end)
    return source[:start] + edit.new_text + source[end:]


@pytest.mark.parametrize("source", [BLOCK, PLAIN, QUOTED], ids=["block", "plain", "quoted"])
def test_the_suppression_silences_a_finding_inside_a_script(source: str) -> None:
    before = lint_text(source, "x.yaml")
    found = [d for d in before if d.name == "shellcheck"]
    if not found:
        pytest.skip("ShellCheck is not installed")
    text = Text(source, PositionCodec())
    wanted = text.range(span_of(found[0]))
    offered = actions(found, wanted, text, "file:///x.yaml", load(source))
    (ignore,) = [a for a in offered if a.title.startswith("Ignore")]
    assert ignore.edit is not None and ignore.edit.changes is not None
    fixed = apply(source, ignore.edit.changes["file:///x.yaml"][0], text)
    assert "<reason>" in fixed
    # the ShellCheck finding is gone, and nothing else changed (no syntax error, no unused suppression)
    assert [d.name for d in lint_text(fixed, "x.yaml")] == [d.name for d in before if d.name != "shellcheck"]
