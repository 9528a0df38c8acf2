"""`automations-lint plan`: the groups Ona runs when tasks start, and why a plan cannot be built."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from helpers import write

from automations_lint.cli.commands import cli, main
from automations_lint.cli.plan import split_arguments
from automations_lint.plan.order import Step, build_plan, render_json, render_text
from automations_lint.rules.document import Document

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / ".ona" / "automations.yaml"

DIAMOND = """\
tasks:
  install: {name: Install, command: npm ci}
  lint: {name: Lint, command: npm run lint, dependsOn: [install]}
  build: {name: Build, command: npm run build, dependsOn: [install]}
  test: {name: Test, command: npm test, dependsOn: [build, lint]}
  ship: {name: Ship, command: ./ship, dependsOn: [install, test]}
"""
CYCLE = """\
tasks:
  build: {name: Build, command: make, dependsOn: [generate]}
  generate: {name: Generate, command: make gen, dependsOn: [build]}
  test: {name: Test, command: make test, dependsOn: [build]}
  docs: {name: Docs, command: make docs}
"""


def plan(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["plan", *args], env={"NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def one_line_error(argv: list[str], capsys: pytest.CaptureFixture[str]) -> str:
    """The message of a usage error through `main`, which must be exit 2 and exactly one line."""
    assert main(argv) == 2
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err.count("\n") == 1
    return captured.err.rstrip("\n")


def keys(document_text: str, *tasks: str) -> list[list[str]]:
    groups = build_plan(Document.from_data(_load(document_text)), tasks).groups
    return [[step.key for step in group] for group in groups]


def _load(text: str) -> object:
    from automations_lint.source.loader import load

    return load(text).data


def test_the_example_plan_as_text_and_json() -> None:
    assert plan(str(EXAMPLE), "test") == (0, "1. database (service), install\n2. migrate\n3. test\n", "")
    code, out, _ = plan(str(EXAMPLE), "check", "--format", "json")
    assert (code, out) == (0, '{"groups": [["database", "install", "lint"], ["migrate"], ["test"], ["check"]]}\n')


def test_a_diamond_runs_each_step_once_after_all_of_its_dependencies() -> None:
    assert keys(DIAMOND, "test") == [["install"], ["lint", "build"], ["test"]]
    # Longest path: "ship" needs "install" too, but must wait for "test", the end of its longest chain.
    assert keys(DIAMOND, "ship") == [["install"], ["lint", "build"], ["test"], ["ship"]]


def test_a_step_with_no_dependencies_runs_in_the_first_group() -> None:
    assert keys(DIAMOND + "  docs: {name: Docs, command: make docs}\n", "ship", "docs")[0] == ["install", "docs"]


def test_services_are_steps_that_come_first_and_are_marked(tmp_path: Path) -> None:
    text = """\
tasks:
  seed: {name: Seed, command: ./seed, dependsOn: [database, cache]}
services:
  cache: {name: Cache, commands: {start: redis-server}}
  database: {name: Database, commands: {start: postgres}}
"""
    # File order inside a group: here the tasks section comes first, and "cache" before "database".
    path = str(write(tmp_path, "automations.yaml", text))
    assert plan(path, "seed")[1] == "1. cache (service), database (service)\n2. seed\n"
    assert plan(path, "seed", "--format", "json")[1] == (
        '{"groups": [["cache", "database"], ["seed"]]}\n'
    )


def test_several_tasks_share_their_dependencies_and_repeats_count_once() -> None:
    assert keys(DIAMOND, "lint", "build", "lint") == [["install"], ["lint", "build"]]


def test_a_repeated_dependency_is_waited_for_once() -> None:
    assert keys("tasks:\n  a: {name: A}\n  b: {name: B, dependsOn: [a, a]}\n", "b") == [["a"], ["b"]]


def test_a_cycle_exits_1_with_the_cycle_diagnostic_and_no_plan(tmp_path: Path) -> None:
    path = write(tmp_path, "automations.yaml", CYCLE)
    code, out, err = plan(str(path), "test")
    assert (code, out) == (1, "")
    assert err == (
        f'{path}:2:51: error AL203 dependency cycle: "build" -> "generate" -> "build" [dependency-cycle]\n'
        "  |\n"
        "2 |   build: {name: Build, command: make, dependsOn: [generate]}\n"
        "  |                                                   ^^^^^^^^\n"
        "  = hint: remove one of these dependencies so that the tasks can run in order\n"
        "\n"
        "Found 1 error in 1 file (1 file checked).\n"
        'automations-lint: no plan for "test": fix the dependency errors above\n'
    )


def test_a_group_lists_its_steps_in_file_order_services_after_tasks_when_written_after(tmp_path: Path) -> None:
    text = (
        "tasks:\n"
        "  build: {name: Build, command: make}\n"
        "  test: {name: Test, command: make test, dependsOn: [db, build]}\n"
        "services:\n"
        "  db: {name: Database, commands: {start: postgres}}\n"
    )
    assert plan(str(write(tmp_path, "automations.yaml", text)), "test") == (0, "1. build, db (service)\n2. test\n", "")


def test_the_steps_a_cycle_blocks_are_listed_in_file_order() -> None:
    text = (
        "tasks:\n"
        "  zip: {name: Zip, command: zip, dependsOn: [pack]}\n"
        "  pack: {name: Pack, command: pack, dependsOn: [zip]}\n"
        "  ship: {name: Ship, command: ship, dependsOn: [zip]}\n"
    )
    plan = build_plan(Document.from_data(_load(text)), ["ship"])
    assert (plan.groups, plan.ok) == ((), False)
    assert plan.blocked == (Step("task", "zip"), Step("task", "pack"), Step("task", "ship"))


def test_a_cycle_elsewhere_in_the_file_does_not_stop_a_plan(tmp_path: Path) -> None:
    assert plan(str(write(tmp_path, "automations.yaml", CYCLE)), "docs") == (0, "1. docs\n", "")


def test_self_dependencies_and_unknown_references_exit_1(tmp_path: Path) -> None:
    text = "tasks:\n  a: {name: A, dependsOn: [a]}\n  b: {name: B, dependsOn: [biuld]}\n  build: {name: Build}\n"
    path = write(tmp_path, "automations.yaml", text)
    code, out, err = plan(str(path), "a", "b", "--format", "json")
    assert (code, out) == (1, "")
    headlines = [line for line in err.splitlines() if line.startswith(str(path))]
    assert headlines == [
        f'{path}:2:28: error AL202 task "a" depends on itself [self-dependency]',
        f'{path}:3:28: error AL201 task "b" depends on unknown task or service "biuld" [unknown-reference]',
    ]
    assert err.endswith('automations-lint: no plan for "a", "b": fix the dependency errors above\n')


def test_only_the_dependency_errors_of_the_planned_tasks_are_shown(tmp_path: Path) -> None:
    text = CYCLE + "  lint: {name: Lint, dependsOn: [nope]}\n  x: {name: X, triggers: [manual], dependsOn: [lint]}\n"
    err = plan(str(write(tmp_path, "automations.yaml", text)), "x")[2]
    assert "AL201" in err and "AL203" not in err and "AL101" not in err  # not the cycle, not the unknown field


def test_an_unknown_task_is_a_one_line_usage_error_with_a_suggestion(capsys: pytest.CaptureFixture[str]) -> None:
    message = one_line_error(["plan", str(EXAMPLE), "tset"], capsys)
    assert message == f'automations-lint: error: no task "tset" in {EXAMPLE}: did you mean "test"?'
    message = one_line_error(["plan", str(EXAMPLE), "zzzzz"], capsys)
    assert message.endswith(': expected "check", "install", "lint", "migrate" or "test"')


def test_a_service_is_not_planned(capsys: pytest.CaptureFixture[str]) -> None:
    message = one_line_error(["plan", str(EXAMPLE), "database"], capsys)
    assert message == (
        'automations-lint: error: "database" is a service; plan takes tasks (starting a service runs no plan)'
    )


def test_a_plan_needs_a_task(capsys: pytest.CaptureFixture[str]) -> None:
    message = one_line_error(["plan", str(EXAMPLE)], capsys)
    assert message == "automations-lint: error: name the tasks to plan: plan [PATH] TASK..."


def test_an_unreadable_path_is_a_usage_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    message = one_line_error(["plan", str(tmp_path / "missing.yaml"), "test"], capsys)
    assert message == f'automations-lint: error: cannot read "{tmp_path / "missing.yaml"}": No such file or directory'


def test_a_folder_with_two_files_asks_for_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    write(tmp_path, ".ona/automations.yaml", CYCLE)
    write(tmp_path, ".gitpod/automations.yml", CYCLE)
    message = one_line_error(["plan", "--file", str(tmp_path), "docs"], capsys)
    assert message == (
        f'automations-lint: error: 2 automations files below "{tmp_path}"; name one: '
        f'"{tmp_path}/.gitpod/automations.yml", "{tmp_path}/.ona/automations.yaml"'
    )


def test_a_file_that_is_not_yaml_shows_its_syntax_error(tmp_path: Path) -> None:
    code, out, err = plan(str(write(tmp_path, "automations.yaml", "tasks: [\n")), "test")
    assert (code, out) == (1, "")
    assert "error AL001 invalid YAML" in err


@pytest.mark.parametrize(
    ("arguments", "file_path", "expected"),
    [
        (("test",), None, (".", ["test"])),
        (("build", "test"), None, (".", ["build", "test"])),
        ((".", "test"), None, (".", ["test"])),
        (("./build", "test"), None, ("./build", ["test"])),
        (("examples/", "test"), None, ("examples/", ["test"])),
        (("automations.yaml", "test"), None, ("automations.yaml", ["test"])),
        (("automations.yaml", "test"), "other.yaml", ("other.yaml", ["automations.yaml", "test"])),
        (("-", "test"), None, ("-", ["test"])),
        (("-",), "automations.yaml", ("automations.yaml", ["-"])),
        ((), None, (".", [])),
    ],
)
def test_path_or_task(arguments: tuple[str, ...], file_path: str | None, expected: tuple[str, list[str]]) -> None:
    """The first argument is PATH only when it cannot be a task key: it has a '.' or a '/'."""
    assert split_arguments(arguments, file_path) == expected


def test_standard_input_is_planned_under_its_stdin_filename() -> None:
    text = EXAMPLE.read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["plan", "-", "test", "--format", "json"], input=text)
    assert (result.exit_code, result.stdout) == (0, '{"groups": [["database", "install"], ["migrate"], ["test"]]}\n')
    named = ["plan", "--stdin-filename", ".ona/automations.yaml", "-", "tset"]
    result = CliRunner().invoke(cli, named, input=text)
    assert result.exit_code == 2
    assert 'no task "tset" in .ona/automations.yaml: did you mean "test"?' in result.stderr
    cycle = CliRunner().invoke(cli, ["plan", "--stdin-filename", "x.yaml", "-", "test"], input=CYCLE)
    assert cycle.exit_code == 1
    assert "x.yaml:2:" in cycle.stderr and "AL203" in cycle.stderr


def test_a_folder_named_like_a_task_is_still_the_task(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    write(tmp_path, ".ona/automations.yaml", CYCLE)
    (tmp_path / "docs").mkdir()
    monkeypatch.chdir(tmp_path)
    assert plan("docs") == (0, "1. docs\n", "")
    assert plan("./", "docs") == (0, "1. docs\n", "")


def test_build_plan_takes_only_tasks() -> None:
    with pytest.raises(ValueError, match='"database" is not a task'):
        build_plan(Document.from_data({"services": {"database": {"name": "DB"}}}), ["database"])


def test_renderers_show_keys_in_group_order() -> None:
    document = Document.from_data(_load(DIAMOND))
    result = build_plan(document, ["test"])
    assert result.groups[1] == (Step("task", "lint"), Step("task", "build"))
    assert render_text(result) == "1. install\n2. lint, build\n3. test\n"
    assert render_json(result) == '{"groups": [["install"], ["lint", "build"], ["test"]]}\n'


def test_output_does_not_depend_on_hash_seeds() -> None:
    outputs = {
        subprocess.run(
            [sys.executable, "-m", "automations_lint", "plan", str(EXAMPLE), "check", "test"],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2", "3")
    }
    assert outputs == {"1. database (service), install, lint\n2. migrate\n3. test\n4. check\n"}


def test_plan_and_graph_work_on_a_task_without_command(tmp_path: Path) -> None:
    """Ona rejects a task without `command` (check says so), but plan and graph still show what depends on what,
    including the grouping task of older documentation, and spelt with protobuf names too."""
    text = "tasks:\n  lint: {name: Lint, command: make lint}\n  all:\n    name: All\n    depends_on: [lint]\n"
    path = write(tmp_path, "automations.yaml", text)
    runner = CliRunner()
    plan = runner.invoke(cli, ["plan", str(path), "all"])
    assert (plan.exit_code, plan.stdout) == (0, "1. lint\n2. all\n")
    graph = runner.invoke(cli, ["graph", str(path)])
    assert graph.exit_code == 0 and "task_lint --> task_all" in graph.stdout
    assert runner.invoke(cli, ["check", "--format", "concise", str(path)]).exit_code == 1
