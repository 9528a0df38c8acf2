"""What the shellcheck rule reports when ShellCheck gives no answer: a warning that says how to get one, or a
note when the run's time for ShellCheck was up (checking fewer files at once helps)."""

from __future__ import annotations

import pytest

from automations_lint import lint_text
from automations_lint.rules import shellcheck as rule
from automations_lint.shell import shellcheck

TEXT = "tasks:\n  build:\n    name: Build\n    command: echo $X\n"


def refusing(monkeypatch: pytest.MonkeyPatch, seconds_left: float) -> None:
    """A ShellCheck that gives no answer, `seconds_left` before the run's time is up."""

    def refuse(_binary: str, _scripts: list[str], **_options: object) -> list[list[shellcheck.Comment]]:
        raise shellcheck.ShellcheckError("it stopped")

    monkeypatch.setattr(shellcheck, "find_binary", lambda: "shellcheck")
    monkeypatch.setattr(shellcheck, "check_scripts", refuse)
    monkeypatch.setattr(shellcheck, "remaining", lambda: seconds_left)
    monkeypatch.setattr(rule, "_RESULTS", {})


def failing(monkeypatch: pytest.MonkeyPatch, seconds_left: float) -> list[tuple[object, ...]]:
    refusing(monkeypatch, seconds_left)
    found = [d for d in lint_text(TEXT) if d.code == rule.CODE]
    return [(d.line, d.column, d.severity, d.message, d.hint) for d in found]


@pytest.mark.parametrize("seconds_left", [0.5, 30])
def test_shellcheck_gave_no_answer(seconds_left: float, monkeypatch: pytest.MonkeyPatch) -> None:
    assert failing(monkeypatch, seconds_left) == [
        (
            4,
            14,
            "warning",
            "shellcheck could not check the commands: it stopped",
            'it needs ShellCheck 0.7 or later; "shellcheck --version" shows yours',
        )
    ]


@pytest.mark.parametrize("seconds_left", [0, -1])
def test_the_time_for_shellcheck_was_up(seconds_left: float, monkeypatch: pytest.MonkeyPatch) -> None:
    assert failing(monkeypatch, seconds_left) == [
        (
            4,
            14,
            "info",
            "shellcheck did not check these commands: it stopped",
            "check this file on its own, or fewer files at once",
        )
    ]


@pytest.mark.parametrize("seconds_left", [30, 0])
def test_a_suppression_where_shellcheck_gave_no_answer_is_not_called_unused(
    seconds_left: float, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Nothing checked the command, so nothing can tell whether its suppression is needed: no unused-suppression
    beside the finding that says ShellCheck gave no answer."""
    refusing(monkeypatch, seconds_left)
    text = TEXT + "  lint:\n    name: Lint\n    # automations-lint: ignore[shellcheck] src is there\n"
    text += "    command: cd src\n"
    assert [(d.line, d.name) for d in lint_text(text)] == [(4, "shellcheck")]
