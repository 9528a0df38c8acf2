"""Inline suppressions as a user writes them: on the line, on the line before, file-wide, and the mistakes reported."""

from __future__ import annotations

from pathlib import Path

import pytest

from automations_lint import lint_text
from automations_lint.cli.commands import main
from automations_lint.engine.config import Config

# Line 5 has an unknown field (AL101); the task "watch" never ends (AL403, on line 8, inside the script).
FILE = """\
tasks:
  build:
    name: Build
    command: npm run build
    triggers: [manual]{eol}
  watch:
    name: Watch
    command: |{header}
      npm run watch
"""


def problems(text: str, config: Config | None = None) -> list[str]:
    """`line:column code message` of every diagnostic, as a reader scans them."""
    return [f"{d.line}:{d.column} {d.name} {d.message}" for d in lint_text(text, "a.yaml", config)]


def codes(text: str) -> list[str]:
    return [d.code for d in lint_text(text, "a.yaml")]


def test_without_suppressions_both_problems_are_reported() -> None:
    assert codes(FILE.format(eol="", header="")) == ["AL101", "AL403"]


@pytest.mark.parametrize(
    "comment",
    [
        "  # automations-lint: ignore[unknown-field]",
        "  # automations-lint: ignore[AL101] Ona's next release reads it",
        "  # automations-lint: ignore[al101]",
        "  #automations-lint:ignore[ unknown-field , AL101 ]",
        "  # TODO: drop this # automations-lint: ignore[unknown-field]",
    ],
)
def test_end_of_line_suppression_silences_its_line(comment: str) -> None:
    assert codes(FILE.format(eol=comment, header="")) == ["AL403"]


def test_own_line_suppression_silences_the_next_content_line() -> None:
    text = FILE.replace(
        "    triggers:",
        "    # automations-lint: ignore[AL101] reason\n\n    # another comment\n    triggers:",
    )
    assert codes(text.format(eol="", header="")) == ["AL403"]


def test_stacked_own_line_suppressions_reach_the_same_line() -> None:
    text = """\
tasks:
  # automations-lint: ignore[missing-field] filled in later
  # automations-lint: ignore[invalid-key] renamed with the next release
  a b:
    name: A
"""
    assert codes(text) == []


def test_a_suppression_does_not_reach_past_its_target_line() -> None:
    text = FILE.replace(
        "    command: npm run build\n", "    # automations-lint: ignore[AL101]\n    command: npm run build\n"
    )
    assert [line.split(" ", 2)[:2] for line in problems(text.format(eol="", header=""))] == [
        ["4:32", "unused-suppression"],
        ["6:5", "unknown-field"],
        ["10:7", "task-never-ends"],
    ]


def test_file_wide_suppression_anywhere() -> None:
    text = FILE.format(eol="", header="") + "# automations-lint: ignore-file[unknown-field, task-never-ends] legacy\n"
    assert codes(text) == []


def test_header_of_a_block_scalar_covers_the_lines_of_its_script() -> None:
    text = FILE.format(eol="", header="  # automations-lint: ignore[task-never-ends] run by hand")
    assert codes(text) == ["AL101"]


def test_a_hash_inside_a_block_scalar_is_shell_not_a_suppression() -> None:
    text = FILE.format(eol="", header="").replace(
        "      npm run watch", "      # automations-lint: ignore[task-never-ends]\n      npm run watch"
    )
    assert codes(text) == ["AL101", "AL403"]  # silenced nothing, and not reported as an unused suppression


def test_a_hash_inside_a_quoted_string_is_not_a_suppression() -> None:
    text = FILE.format(eol="", header="").replace(
        "    name: Build", '    name: "Build # automations-lint: ignore[unknown-field]"'
    )
    assert codes(text) == ["AL101", "AL403"]


def test_unused_suppression_is_reported_at_the_rule_name() -> None:
    text = FILE.format(eol="", header="").replace("name: Build", "name: Build  # automations-lint: ignore[empty-task]")
    assert (
        problems(text)[0]
        == '3:45 unused-suppression unused suppression of "empty-task": no empty-task problem on line 3'
    )


@pytest.mark.parametrize(
    ("comment", "expected"),
    [
        ("ignore[unknwn-field]", '5:52 unused-suppression unknown rule "unknwn-field" in suppression'),
        ("ignore", '5:25 unused-suppression suppression "ignore" names no rules'),
        ("ignore[]", '5:25 unused-suppression suppression "ignore[]" names no rules'),
        ("ignore[AL101", '5:25 unused-suppression the list of rules after "ignore" is not closed'),
        (
            "noqa[AL101]",
            '5:25 unused-suppression unknown suppression "noqa"; expected "ignore[...]" or "ignore-file[...]"',
        ),
    ],
)
def test_malformed_and_unknown_suppressions_are_reported(comment: str, expected: str) -> None:
    found = problems(FILE.format(eol=f"  # automations-lint: {comment}", header=""))
    assert expected in found


def test_unknown_rule_hint_names_the_closest_rule() -> None:
    text = FILE.format(eol="  # automations-lint: ignore[unknwn-field]", header="")
    report = next(d for d in lint_text(text, "a.yaml") if d.name == "unused-suppression")
    assert report.hint == 'did you mean "unknown-field"?'
    assert report.severity == "warning"


def test_unused_suppression_is_silenced_only_by_naming_it() -> None:
    unused = "name: Build  # automations-lint: ignore[empty-task, unused-suppression] kept on purpose"
    assert codes(FILE.format(eol="", header="").replace("name: Build", unused)) == ["AL101", "AL403"]
    file_wide = "# automations-lint: ignore-file[unused-suppression]\n# automations-lint: ignore[empty-task]\n"
    assert codes(file_wide + FILE.format(eol="", header="")) == ["AL101", "AL403"]


def test_a_needless_suppression_of_unused_suppression_is_itself_reported() -> None:
    text = FILE.format(eol="  # automations-lint: ignore[unknown-field, unused-suppression]", header="")
    assert problems(text)[0].startswith('5:67 unused-suppression unused suppression of "unused-suppression"')


def test_suppressions_of_rules_the_configuration_turns_off_are_not_unused() -> None:
    text = FILE.format(eol="", header="").replace("name: Build", "name: Build  # automations-lint: ignore[empty-task]")
    config = Config(ignore=frozenset({"AL302"}))
    assert [p.split(" ")[1] for p in problems(text, config)] == ["unknown-field", "task-never-ends"]


def test_a_file_that_is_not_yaml_has_its_comments_left_alone() -> None:
    text = "tasks: [  # automations-lint: ignore[empty-task]\n"
    assert codes(text) == ["AL001"]


def test_suppressed_errors_no_longer_fail_the_check(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = tmp_path / "automations.yaml"
    path.write_text(FILE.format(eol="  # automations-lint: ignore[unknown-field] next Ona release", header=""))
    assert main(["check", "--isolated", str(path)]) == 0
    assert "AL101" not in capsys.readouterr().out


def test_the_linter_looks_for_the_same_marker_as_the_suppressions() -> None:
    from automations_lint.engine import run, suppressions

    assert run.SUPPRESSION_MARKER == suppressions.MARKER
