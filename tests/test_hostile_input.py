"""Hostile and broken input: diagnostics (exit 1) or a one-line "cannot read" (exit 2), never a traceback or a hang.

The large inputs run the real command line in a child process, with a timeout (a hang fails the test instead of
stalling the suite) and a bound on the child's CPU time (a loaded CI machine does not make it flaky). The
shellcheck rule is off throughout: it depends on an external tool, and its own time limit is its business.
"""

from __future__ import annotations

import json
import os
import random
import subprocess
import sys
import time
import tracemalloc
from collections.abc import Callable
from pathlib import Path

import pytest
from helpers import CHILD_CLI

from automations_lint import lint_bytes, lint_text
from automations_lint.cli import commands as cli
from automations_lint.core.diagnostic import Diagnostic
from automations_lint.source import discovery

pytestmark = pytest.mark.usefixtures("without_shellcheck")

PROG = "automations-lint"
# Generous: each of these takes 0.5-3 s of CPU on a laptop; the point is "seconds, not minutes or forever".
CPU_SECONDS = 10.0
# A child that runs away is killed by the kernel after this much CPU time, and one that blocks after this long.
CPU_LIMIT = 15
HANG_SECONDS = 45.0
DEPTH = 20_000


def found(diagnostics: list[Diagnostic]) -> list[tuple[int, int, str]]:
    return [(d.line, d.column, d.code) for d in diagnostics]


def limit_cpu() -> None:
    """In the child, before it starts: the kernel kills it once it has used CPU_LIMIT seconds of CPU."""
    import resource

    resource.setrlimit(resource.RLIMIT_CPU, (CPU_LIMIT, CPU_LIMIT))


def cpu_of_children() -> float:
    try:
        import resource
    except ImportError:  # Windows: wall time stands in
        return time.monotonic()
    usage = resource.getrusage(resource.RUSAGE_CHILDREN)
    return usage.ru_utime + usage.ru_stime


def check_in_child(tmp_path: Path, content: str | bytes, *options: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `automations-lint check --isolated --format concise FILE` on `content`."""
    return run_in_child(tmp_path, content, "check", "--isolated", "--format", "concise", *options, "automations.yaml")


def run_in_child(tmp_path: Path, content: str | bytes, *argv: str) -> tuple[int, str, str]:
    """(exit code, stdout, stderr) of `automations-lint ARGV` with `content` in tmp_path/automations.yaml."""
    path = tmp_path / "automations.yaml"
    if isinstance(content, str):
        path.write_text(content, encoding="utf-8", newline="")
    else:
        path.write_bytes(content)
    before = cpu_of_children()
    done = subprocess.run(
        [sys.executable, "-c", CHILD_CLI, *argv],
        cwd=tmp_path,
        capture_output=True,
        timeout=HANG_SECONDS,
        check=False,
        preexec_fn=limit_cpu if os.name == "posix" else None,
    )
    spent = cpu_of_children() - before
    stderr = done.stderr.decode("utf-8", "replace")
    assert done.returncode >= 0, f"killed by signal {-done.returncode} after {spent:.1f} s of CPU (limit {CPU_LIMIT} s)"
    assert "Traceback" not in stderr, stderr[-3000:]
    assert spent < CPU_SECONDS, f"took {spent:.1f} s of CPU"
    return done.returncode, done.stdout.decode("utf-8"), stderr


def run_main(*argv: str) -> int:
    return cli.main(["check", "--isolated", "--format", "concise", *argv])


# -- aliases, merge keys, recursion ---------------------------------------------------------------------------

BILLION_LAUGHS = (
    "tasks:\n"
    "  laughs:\n"
    "    name: Laughs\n"
    "    command: echo\n"
    "    description: &l0 lol\n"
    "    x-1: &l1 [*l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0, *l0]\n"
    + "".join(f"    x-{i}: &l{i} [" + ", ".join([f"*l{i - 1}"] * 10) + "]\n" for i in range(2, 10))
    + "    dependsOn: *l9\n"
)


def test_billion_laughs_stays_small_and_fast() -> None:
    tracemalloc.start()
    start = time.process_time()
    try:
        diagnostics = lint_text(BILLION_LAUGHS)
        peak = tracemalloc.get_traced_memory()[1]
    finally:
        tracemalloc.stop()
    assert time.process_time() - start < CPU_SECONDS
    assert peak < 20_000_000, f"{peak} bytes"  # 10**9 expanded strings would be tens of gigabytes
    # Nine unknown fields, and each of the ten items of dependsOn is a list, not a task name: one finding each,
    # not one per expanded "lol".
    unknown = [(line, code) for line, _, code in found(diagnostics) if code == "AL101"]
    assert unknown == [(line, "AL101") for line in range(6, 15)]
    wrong = [d for d in diagnostics if d.code == "AL103"]
    assert [d.message for d in wrong] == [
        f'"dependsOn[{i}]" of task "laughs" must be a string, got a list' for i in range(10)
    ]
    assert {d.line for d in wrong} == {15}
    assert len(diagnostics) == 19


def test_alias_used_as_a_key_resolves_in_depends_on_and_the_last_value_wins() -> None:
    # yaml.v3 compares keys as written and never an alias with a key, so Ona's reader takes this file, with
    # the last "build"; a plain key written twice is still a duplicate.
    text = (
        "tasks:\n"
        "  &k build: {name: Build, command: make}\n"
        "  test: {name: Test, command: pytest, dependsOn: [*k]}\n"
        "  *k : {name: Again, command: ''}\n"
    )
    diagnostics = lint_text(text)
    assert found(diagnostics) == [(4, 31, "AL104")]
    assert found(lint_text(text.replace("*k :", "build:"))) == [(4, 3, "AL002"), (4, 33, "AL104")]


def test_alias_of_a_mapping_used_as_a_key() -> None:
    text = "tasks:\n  build: &m {name: Build, command: make}\n  *m : {name: Test, command: pytest}\n"
    diagnostics = lint_text(text)
    assert found(diagnostics) == [(3, 3, "AL108")]
    assert diagnostics[0].message == "a mapping key must be a name, not a list or mapping"


def test_merge_key_copies_fields_and_reports_them_at_the_merge() -> None:
    valid = "tasks:\n  build: &base\n    name: Build\n    command: make\n  test:\n    <<: *base\n    name: Test\n"
    assert lint_text(valid) == []
    carried = valid.replace("    command: make\n", "    command: make\n    triggers: [manual]\n")
    diagnostics = lint_text(carried)
    assert found(diagnostics) == [(5, 5, "AL101"), (7, 5, "AL101")]
    assert [d.message for d in diagnostics] == [
        'unknown field "triggers" in task "build"',
        'unknown field "triggers" in task "test"',
    ]


def test_merge_of_a_scalar() -> None:
    diagnostics = lint_text("tasks:\n  build:\n    <<: make\n    name: Build\n    command: make\n")
    assert found(diagnostics) == [(3, 9, "AL001")]
    assert diagnostics[0].message == 'a merge key "<<" needs a mapping or a list of mappings'


def test_merge_bomb_stays_linear() -> None:
    # Each level merges the previous one ten times over: a copying merge would be 10**9 steps.
    lines = ["tasks:", "  t0: &m0 {name: Zero, command: a}"]
    lines += [f"  t{i}: &m{i} {{<<: [{', '.join([f'*m{i - 1}'] * 10)}]}}" for i in range(1, 10)]
    start = time.process_time()
    assert lint_text("\n".join(lines) + "\n") == []
    assert time.process_time() - start < CPU_SECONDS


@pytest.mark.parametrize(
    ("text", "position"),
    [
        ("tasks: &t\n  build:\n    name: Build\n    dependsOn: *t\n", (4, 16)),
        ("tasks:\n  build:\n    name: Build\n    command: make\n    dependsOn: &d [a, *d]\n", (5, 23)),
        ("tasks: &t {build: {<<: *t}}\n", (1, 24)),
    ],
    ids=["mapping", "list", "merge"],
)
def test_recursive_structure(text: str, position: tuple[int, int]) -> None:
    diagnostics = lint_text(text)
    assert found(diagnostics) == [(*position, "AL001")]
    assert diagnostics[0].message.endswith("refers to a collection that contains it")


# -- size and depth -------------------------------------------------------------------------------------------

COMMAND_AT = "tasks:\n  deep:\n    name: Deep\n    command: "


@pytest.mark.parametrize(
    ("value", "line", "column"),
    [
        ("[" * DEPTH + "]" * DEPTH + "\n", 4, 14 + 997),
        ("{a: " * DEPTH + "b" + "}" * DEPTH + "\n", 4, 14 + 4 * 997),
        # Block lists can nest on one line: "- - - x" is a list in a list in a list.
        ("\n      " + "- " * DEPTH + "x\n", 5, 7 + 2 * 997),
        # Block mappings need one more space of indentation per level: 20,000 levels would be a 200 MB file, so
        # 2,000 (2 MB) stand in.
        ("\n" + "".join(" " * (6 + level) + "a:\n" for level in range(2_000)), 5 + 997, 7 + 997),
    ],
    ids=["flow-lists", "flow-mappings", "block-lists", "block-mappings"],
)
def test_deep_nesting(tmp_path: Path, value: str, line: int, column: int) -> None:
    # The parser's time grows with the square of the depth (40,000 flow levels: 11 s), so reading stops where the
    # 1,000th level would open (the root, "tasks" and "deep" are the first three), with a syntax error, in
    # milliseconds. Ona's reader stops at 10,000.
    code, out, err = check_in_child(tmp_path, COMMAND_AT + value)
    assert (code, err) == (1, "")
    assert out == (
        f"automations.yaml:{line}:{column}: error AL001 collections nested more than 1,000 levels deep; no reader "
        "should follow [syntax-error]\n"
    )


def test_deep_nesting_never_closed(tmp_path: Path) -> None:
    code, out, err = check_in_child(tmp_path, "tasks: " + "[" * DEPTH)
    assert (code, err) == (1, "")
    # 1,000 levels: the root mapping, then 999 lists opened at column 8 onwards.
    assert out == (
        "automations.yaml:1:1007: error AL001 collections nested more than 1,000 levels deep; no reader should follow "
        "[syntax-error]\n"
    )


FIVE_MB = 5_000_000


def test_five_megabyte_line_in_a_description(tmp_path: Path) -> None:
    text = "tasks: {build: {name: Build, command: make, description: '" + "a" * FIVE_MB + "'}}\n"
    code, out, err = check_in_child(tmp_path, text)
    assert (code, out, err) == (0, "", "")


def test_five_megabyte_command_line(tmp_path: Path) -> None:
    text = "tasks: {build: {name: Build, command: 'echo " + "a" * FIVE_MB + "'}}\n"
    code, out, err = check_in_child(tmp_path, text)
    assert (code, out, err) == (0, "", "")


def test_five_megabyte_line_never_closed_is_shown_in_a_short_frame(tmp_path: Path) -> None:
    text = "tasks: {build: {name: Build, command: 'echo " + "a" * FIVE_MB + "\n"
    code, out, err = check_in_child(tmp_path, text, "--format", "text")
    assert (code, err) == (1, "")
    assert out.startswith("automations.yaml:1:39: error AL001 invalid YAML: this quoted string is never closed")
    assert len(out) < 2_000  # the source frame shows a window of the line, not 5 MB of "a"


def test_wrapper_commands_nested_thousands_deep(tmp_path: Path) -> None:
    # "npx npx ... vite": every rule that unwraps a wrapper must loop, not recurse, and not re-read the rest.
    # 1,000 wrappers stay within the 4,096 characters of a command that the rules read (shell.MOST_READ).
    short = "tasks:\n  dev:\n    name: Dev\n    command: npx npx vite\n"
    expected = lint_text(short)
    code, out, err = check_in_child(tmp_path, short.replace("npx npx", "npx " * 1_000))
    assert (code, err) == (1 if any(d.severity == "error" for d in expected) else 0, "")
    assert [line.split(" ")[:3] for line in out.splitlines()] == [
        [f"automations.yaml:{d.line}:{d.column}:", d.severity, d.code] for d in expected
    ]


def chain(tasks: int, *, cycle: bool) -> str:
    last = "t0" if cycle else None
    entries = [
        f"  t{i}:\n    name: Step {i}\n    command: make step{i}\n"
        + (f"    dependsOn: [t{i + 1}]\n" if i + 1 < tasks else (f"    dependsOn: [{last}]\n" if last else ""))
        for i in range(tasks)
    ]
    return "tasks:\n" + "".join(entries)


# Twenty thousand tasks: what each command prints, in bounded time (bench/bounds.py keeps the growth in check).


def test_a_chain_of_twenty_thousand_tasks_is_clean_and_planned_in_order(tmp_path: Path) -> None:
    text = chain(DEPTH, cycle=False)
    assert check_in_child(tmp_path, text) == (0, "", "")
    code, out, err = run_in_child(tmp_path, text, "plan", "--file", "automations.yaml", "t0", "--format", "json")
    assert (code, err) == (0, "")
    assert json.loads(out) == {"groups": [[f"t{i}"] for i in reversed(range(DEPTH))]}


def test_a_cycle_through_twenty_thousand_tasks_is_one_finding_refuses_a_plan_and_draws_red(tmp_path: Path) -> None:
    text = chain(DEPTH, cycle=True)
    code, out, err = check_in_child(tmp_path, text)
    assert (code, err, len(out.splitlines())) == (1, "", 1)
    assert out.startswith('automations.yaml:5:17: error AL203 dependency cycle: "t0" -> "t1" -> "t2"')
    assert out.endswith('"t19999" -> "t0" [dependency-cycle]\n')
    code, out, err = run_in_child(tmp_path, text, "plan", "--file", "automations.yaml", "t5")
    assert (code, out, err.count("error AL203")) == (1, "", 1)
    code, out, err = run_in_child(tmp_path, text, "graph", "automations.yaml")
    assert (code, err, out.count(" --> ")) == (0, "", DEPTH)
    assert out.endswith(f"  linkStyle {','.join(str(i) for i in range(DEPTH))} stroke:#cf222e,stroke-width:3px\n")


def test_twenty_thousand_tasks_with_a_cycle_through_each(tmp_path: Path) -> None:
    # A chain whose last task depends on every other one: 20,000 cycles of up to 20,000 tasks each. The search is
    # bounded: some cycles, each shortened to its ends, and a note that there are more.
    text = chain(DEPTH, cycle=False) + f"    dependsOn: [{', '.join(f't{i}' for i in range(DEPTH - 1))}]\n"
    code, out, err = check_in_child(tmp_path, text)
    lines = out.splitlines()
    assert (code, err) == (1, "")
    assert 2 <= len(lines) <= 101
    assert lines[0] == (
        "automations.yaml:1:1: error AL203 the dependencies hold more cycles than are listed here "
        f"({len(lines) - 1} listed) [dependency-cycle]"
    )
    assert all(" error AL203 dependency cycle: " in line and "more) ->" in line for line in lines[1:])
    assert max(len(line) for line in lines) < 500


# -- bytes and encodings --------------------------------------------------------------------------------------

MISTAKE = "tasks:\n  build:\n    name: Build\n    command: make\n    commandd: make\n"
MISTAKE_FOUND = [(5, 5, "AL101")]


def test_invalid_utf8(tmp_path: Path) -> None:
    code, out, err = check_in_child(tmp_path, b"tasks:\n  build:\n    name: Bu\xffild\n")
    assert (code, err) == (1, "")
    assert out == (
        "automations.yaml:3:13: error AL001 the file is not valid UTF-8: byte 0xff cannot start or continue a "
        "character [syntax-error]\n"
    )


@pytest.mark.parametrize(
    "encode",
    [
        lambda text: b"\xef\xbb\xbf" + text.encode("utf-8"),
        lambda text: ("\ufeff" + text).encode("utf-16-le"),
        lambda text: ("\ufeff" + text).encode("utf-16-be"),
    ],
    ids=["utf-8-bom", "utf-16-le-bom", "utf-16-be-bom"],
)
def test_byte_order_marks_change_no_position(encode: Callable[[str], bytes]) -> None:
    assert found(lint_bytes(encode(MISTAKE))) == MISTAKE_FOUND
    assert found(lint_bytes(encode("tasks: {build: {name: Build, command: x, commandd: make}}"))) == [(1, 42, "AL101")]


@pytest.mark.parametrize(
    ("data", "position"),
    [
        (b"tasks:\n  build:\n    name: Bu\x00ild\n", (3, 13)),
        (b"tasks:\n  build:\n    name: Build\x07\n", (3, 16)),
        (b"tasks:\n  build:\n    name: Build\n    command: \x1b[31mmake\n", (4, 14)),
        (b"tasks:\n  build:\n    name: \x7f\n", (3, 11)),
        # Characters of several bytes before it must not shift the column (libyaml counts bytes there).
        ("tasks:\n  build:\n    name: Été 🚀 Bu\x00ild\n".encode(), (3, 19)),
    ],
    ids=["nul", "bell", "escape", "delete", "after-multibyte"],
)
def test_control_bytes(data: bytes, position: tuple[int, int]) -> None:
    diagnostics = lint_bytes(data)
    assert found(diagnostics) == [(*position, "AL001")]
    assert diagnostics[0].message == "invalid YAML: control characters are not allowed"


@pytest.mark.parametrize("seed", range(5))
def test_random_binary(tmp_path: Path, seed: int) -> None:
    data = random.Random(seed).randbytes(4096)
    code, out, err = check_in_child(tmp_path, data)
    assert (code, err) == (1, "")
    assert len(out.splitlines()) == 1
    assert " error AL001 " in out


def test_every_byte_value() -> None:
    # 0x00-0x7f are valid UTF-8 (with a "\n" and a "\r" among them); 0x80 cannot start a character.
    diagnostics = lint_bytes(bytes(range(256)))
    assert found(diagnostics) == [(3, 115, "AL001")]
    assert diagnostics[0].message == "the file is not valid UTF-8: byte 0x80 cannot start or continue a character"


@pytest.mark.parametrize("newline", ["\r\n", "\r"], ids=["crlf", "cr"])
def test_other_line_endings_keep_lines_and_columns(newline: str) -> None:
    text = "services:\n  web:\n    name: Web\n    commands:\n      start: npm start\n    triggers: [manual]\n" + MISTAKE
    expected = found(lint_text(text))
    assert expected == [(6, 5, "AL101"), (11, 5, "AL101")]
    assert found(lint_bytes(text.replace("\n", newline).encode())) == expected


@pytest.mark.parametrize(
    ("text", "position"),
    [("tasks:\n\tbuild:\n    name: Build\n", (2, 1)), ("tasks:\n  build:\n\tname: Build\n", (3, 1))],
    ids=["key", "field"],
)
def test_tabs_in_indentation(text: str, position: tuple[int, int]) -> None:
    diagnostics = lint_text(text)
    assert found(diagnostics) == [(*position, "AL001")]
    assert diagnostics[0].hint == "YAML does not allow tabs for indentation: use spaces"


def test_lone_surrogate_through_the_python_api() -> None:
    diagnostics = lint_text("tasks:\n  build:\n    name: B\ud800\n")
    assert found(diagnostics) == [(3, 12, "AL001")]


# -- odd documents --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("text", ["", "\n", "null\n", "~\n", "# nothing yet\n", "---\n", "---\n...\n"])
def test_empty_or_null_document_is_rejected(text: str) -> None:
    # yaml.v3 finds no document in an empty or comment-only file, and protojson refuses a null one.
    [diagnostic] = lint_text(text)
    assert (diagnostic.line, diagnostic.column, diagnostic.code, diagnostic.severity) == (1, 1, "AL003", "error")


@pytest.mark.parametrize(
    ("text", "kind", "end"),
    [("hello\n", "a string", 6), ("42\n", "a number", 3), ("true\n", "a boolean", 5), ("- name: x\n", "a list", 10)],
)
def test_scalar_or_list_document(text: str, kind: str, end: int) -> None:
    [diagnostic] = lint_text(text)
    assert (diagnostic.line, diagnostic.column, diagnostic.end_column, diagnostic.code) == (1, 1, end, "AL003")
    assert diagnostic.message == f'the file must be a mapping with "services" and/or "tasks", got {kind}'


def test_several_documents() -> None:
    diagnostics = lint_text("tasks: {}\n---\nservices: {}\n---\n")
    assert found(diagnostics) == [(3, 1, "AL005")]
    assert diagnostics[0].severity == "warning"
    assert diagnostics[0].message == "a second YAML document (number 2) in the file; Ona reads only the first"


def test_keys_that_are_not_strings() -> None:
    text = (
        "tasks:\n"
        "  1: {name: One, command: a}\n"
        "  2.5: {name: Two, command: b}\n"
        "  ? [a, b]\n"
        "  : {name: List, command: c}\n"
        "  {x: 1}: {name: Map, command: d}\n"
    )
    diagnostics = lint_text(text)
    assert found(diagnostics) == [(2, 3, "AL108"), (3, 3, "AL108"), (4, 5, "AL108"), (6, 3, "AL108")]
    assert diagnostics[0].message.startswith('key "1" is read as a number, not as a string')
    assert diagnostics[2].message == diagnostics[3].message == "a mapping key must be a name, not a list or mapping"


def test_number_too_long_for_python() -> None:
    # Python refuses int() of more than 4,300 digits. yaml.v3 reads a number too large for a float as a string,
    # so Ona takes it as a name; one that fits a float is a number where a name belongs.
    assert lint_text("tasks:\n  build:\n    name: " + "9" * 5_000 + "\n    command: make\n") == []
    diagnostics = lint_text("tasks:\n  build:\n    name: " + "9" * 300 + "\n    command: make\n")
    assert found(diagnostics) == [(3, 11, "AL103")]
    assert diagnostics[0].message == '"name" of task "build" must be a string, got a number'


@pytest.mark.parametrize(
    "tagged",
    [
        "!!python/object/apply:os.system ['touch {marker}']",
        "!!python/object/new:os.system ['touch {marker}']",
        "!<tag:yaml.org,2002:python/object/apply:os.system> ['touch {marker}']",
        "!!python/name:os.system",
        "!!python/module:os",
    ],
    ids=["apply", "new", "verbatim", "name", "module"],
)
def test_python_tags_run_nothing(tmp_path: Path, tagged: str) -> None:
    marker = tmp_path / "pwned"
    text = f"tasks:\n  build:\n    name: Build\n    command: {tagged.format(marker=marker)}\n"
    diagnostics = lint_text(text)
    assert not marker.exists()
    [tag] = [d for d in diagnostics if d.code == "AL004"]
    assert (tag.line, tag.column) == (4, 14)
    assert tag.message.startswith('tag "!!python/')


def test_tag_directive_cannot_smuggle_a_python_tag(tmp_path: Path) -> None:
    marker = tmp_path / "pwned"
    text = f"%TAG !p! tag:yaml.org,2002:python/\n---\ntasks: !p!object/apply:os.system ['touch {marker}']\n"
    diagnostics = lint_text(text)
    assert not marker.exists()
    assert found(diagnostics)[0] == (3, 8, "AL004")
    assert (
        diagnostics[0].message
        == 'tag "!!python/object/apply:os.system" means nothing to Ona, which reads the value without it'
    )


def test_unknown_tags_are_reported_and_ignored() -> None:
    text = "tasks:\n  build:\n    name: !Ref BuildName\n    command: !!binary bWFrZQ==\n    dependsOn: !!set {a}\n"
    diagnostics = lint_text(text)
    # yaml.v3 knows !!binary (base64, here "make") and ignores the others, as Ona's reader does: warnings.
    assert [(d.line, d.code, d.severity, d.message) for d in diagnostics if d.code == "AL004"] == [
        (3, "AL004", "warning", 'tag "!Ref" means nothing to Ona, which reads the value without it'),
        (5, "AL004", "warning", 'tag "!!set" means nothing to Ona, which reads the value without it'),
    ]


# -- paths that cannot be read --------------------------------------------------------------------------------

GOOD = "tasks:\n  build:\n    name: Build\n    dependsOn: [biuld]\n    command: make\n"
GOOD_FOUND = "ok.yaml:4:17: error AL201 "


@pytest.fixture
def workdir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A folder to run in, holding ok.yaml: a readable file with one error, to show the other paths are checked."""
    (tmp_path / "ok.yaml").write_text(GOOD, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    return tmp_path


def assert_cannot_read(capsys: pytest.CaptureFixture[str], code: int, path: str, reason: str) -> None:
    out, err = capsys.readouterr()
    assert code == 2
    assert err == f'{PROG}: cannot read "{path}": {reason}\n'
    assert out.startswith(GOOD_FOUND)  # the readable file was still checked


def test_missing_file(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert_cannot_read(capsys, run_main("missing.yaml", "ok.yaml"), "missing.yaml", "No such file or directory")


def assert_none_below(capsys: pytest.CaptureFixture[str], code: int, folder: str) -> None:
    out, err = capsys.readouterr()
    assert code == 2
    assert err == f'{PROG}: no .ona/automations.yaml or .gitpod/automations.yaml (or .yml) below "{folder}"\n'
    assert out.startswith(GOOD_FOUND)  # the readable file was still checked


def test_folder_without_an_automations_file(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "empty").mkdir()
    assert_none_below(capsys, run_main("empty", "ok.yaml"), "empty")


def test_directory_named_like_the_file(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / ".ona" / "automations.yaml").mkdir(parents=True)
    assert_none_below(capsys, run_main(".ona/automations.yaml", "ok.yaml"), ".ona/automations.yaml")


def test_broken_symlink(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "link.yaml").symlink_to(workdir / "nowhere.yaml")
    assert_cannot_read(capsys, run_main("link.yaml", "ok.yaml"), "link.yaml", "No such file or directory")


@pytest.mark.skipif(hasattr(os, "geteuid") and os.geteuid() == 0, reason="root reads files whatever their mode")
def test_file_without_read_permission(workdir: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (workdir / "secret.yaml").write_text(GOOD, encoding="utf-8")
    (workdir / "secret.yaml").chmod(0)
    assert_cannot_read(capsys, run_main("secret.yaml", "ok.yaml"), "secret.yaml", "Permission denied")


def cli_in_child(workdir: Path, *paths: str) -> tuple[int, str, str]:
    done = subprocess.run(
        [sys.executable, "-c", CHILD_CLI, "check", "--isolated", "--format", "concise", *paths],
        cwd=workdir,
        capture_output=True,
        text=True,
        timeout=60,  # opening a FIFO blocks until a writer comes: a regression hangs, and this ends it
        check=False,
    )
    return done.returncode, done.stdout, done.stderr


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_given_by_name(workdir: Path) -> None:
    os.mkfifo(workdir / "pipe.yaml")
    code, out, err = cli_in_child(workdir, "pipe.yaml", "ok.yaml")
    assert (code, err) == (2, f'{PROG}: cannot read "pipe.yaml": not a regular file\n')
    assert out.startswith(GOOD_FOUND)


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this platform")
def test_fifo_and_device_found_in_a_folder(workdir: Path) -> None:
    for folder in ("a/.ona", "b/.gitpod", "c/.ona"):
        (workdir / folder).mkdir(parents=True)
    os.mkfifo(workdir / "a" / ".ona" / "automations.yaml")  # opening it would wait for a writer forever
    (workdir / "b" / ".gitpod" / "automations.yml").symlink_to("/dev/zero")  # reading it would never end
    (workdir / "c" / ".ona" / "automations.yaml").write_text(GOOD, encoding="utf-8")
    code, out, err = cli_in_child(workdir, ".")
    assert code == 2
    assert err.splitlines() == [
        f'{PROG}: cannot read "a/.ona/automations.yaml": not a regular file',
        f'{PROG}: cannot read "b/.gitpod/automations.yml": not a regular file',
    ]
    assert out.startswith("c/.ona/automations.yaml:4:17: error AL201 ")


def test_file_that_disappears_while_linting(
    workdir: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    for name in ("a", "b"):
        (workdir / name / ".ona").mkdir(parents=True)
        (workdir / name / ".ona" / "automations.yaml").write_text(GOOD, encoding="utf-8")
    real_discover = discovery.discover

    def discover_then_delete(folder: str, on_error: object = None) -> list[str]:
        files = real_discover(folder)
        os.remove(files[0])  # gone between discovery and reading
        return files

    monkeypatch.setattr(cli, "discover", discover_then_delete)
    code = run_main(".")
    out, err = capsys.readouterr()
    assert code == 2
    assert err == f'{PROG}: cannot read "a/.ona/automations.yaml": No such file or directory\n'
    assert out.startswith("b/.ona/automations.yaml:4:17: error AL201 ")


def test_binary_on_standard_input(monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(b"\x89PNG\r\n\x1a\n\x00\x00")))
    assert run_main("-") == 1
    out, err = capsys.readouterr()
    assert err == ""
    assert out == (
        "<stdin>:1:1: error AL001 the file is not valid UTF-8: byte 0x89 cannot start or continue a character "
        "[syntax-error]\n"
    )
