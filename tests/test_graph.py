"""`automations-lint graph`: the Mermaid and Graphviz pictures of a file, as GitHub and `dot` read them.

Golden files: tests/golden/graph/<input>.<mmd|dot> hold the exact output of `automations-lint graph --format
<mermaid|dot> <input>` for examples/.ona/automations.yaml (as `example`) and tests/golden/graph/problems.yaml (cycles,
a missing reference, hostile names). After a deliberate change, regenerate them and review the diff:

    python tests/update_goldens.py graph

No browser runs here, so the Mermaid is checked against the subset of its grammar the renderer writes (every line a
node, an edge or a style; ids safe; labels quoted with nothing inside that can end them). Graphviz's `dot` parses the
DOT output when it is installed.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner
from goldens import GRAPH_EXTENSIONS, GRAPH_INPUTS, ROOT, UPDATE, graph_golden, graph_output, read

from automations_lint.cli.commands import cli, main
from automations_lint.plan.render import dot, drawing, mermaid
from automations_lint.rules.document import Document

INPUTS = GRAPH_INPUTS
EXTENSIONS = GRAPH_EXTENSIONS
CASES = sorted((ROOT / "tests" / "cases").glob("*/*.yaml"))

# The Mermaid the renderer may write, line by line; anything else is a bug.
MERMAID_ID = r"(?:service|task|missing|trigger)_[A-Za-z0-9_]*"
MERMAID_LABEL = r'"(?:[^"#<>`\\]|#\d+;|<br/>)*"'
MERMAID_LINES = [
    re.compile(rf"  {MERMAID_ID}(?:\(\[{MERMAID_LABEL}\]\)|\[{MERMAID_LABEL}\]|\{{\{{{MERMAID_LABEL}\}}\}})"),
    re.compile(rf"  {MERMAID_ID} (?:-->|-\.->) {MERMAID_ID}"),
    re.compile(r"  classDef (?:trigger|missing|cycle) [a-z-]+:[#\w ]+(?:,[a-z-]+:[#\w ]+)*"),
    re.compile(rf"  class {MERMAID_ID}(?:,{MERMAID_ID})* (?:trigger|missing|cycle)"),
    re.compile(r"  linkStyle \d+(?:,\d+)* stroke:#cf222e,stroke-width:3px"),
]
DOT_ID = r"(?:service|task|missing|trigger)_[A-Za-z0-9_]*"
DOT_STRING = r'"(?:[^"\\]|\\.)*"'
DOT_LINES = [
    re.compile(rf"  {DOT_ID} \[label={DOT_STRING}(?:, \w+=\w+)*\];"),
    re.compile(rf"  {DOT_ID} -> {DOT_ID}(?: \[\w+=\w+(?:, \w+=\w+)*\])?;"),
]


def graph(*args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(cli, ["graph", *args], env={"NO_COLOR": "1"})
    return result.exit_code, result.stdout, result.stderr


def document(text: str) -> Document:
    """The document of `text` as the command reads it (with positions, so file order is the key order)."""
    from automations_lint.source.loader import load

    loaded = load(text)
    return Document.from_data(loaded.data, loaded.source_map, loaded.lines)


def assert_valid_mermaid(text: str) -> None:
    lines = text.splitlines()
    assert lines[0] == "flowchart LR" and lines[1].startswith("  %% ")
    for line in lines[2:]:
        assert any(pattern.fullmatch(line) for pattern in MERMAID_LINES), line
    defined = {match.group(1) for match in re.finditer(r"^  (\w+)[(\[{]", text, re.M)}
    used = set(re.findall(r"^  (\w+) -\.?-> (\w+)$", text, re.M))
    assert {node for edge in used for node in edge} <= defined
    assert "end" not in defined
    edges = len(re.findall(r"^  \w+ -\.?-> \w+$", text, re.M))
    for styled in re.findall(r"^  linkStyle ([\d,]+) ", text, re.M):
        assert all(int(index) < edges for index in styled.split(","))


def assert_valid_dot(text: str) -> None:
    lines = text.splitlines()
    assert lines[0] == "digraph automations {" and lines[-1] == "}"
    assert lines[2:4] == ["  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];']
    for line in lines[4:-1]:
        assert any(pattern.fullmatch(line) for pattern in DOT_LINES), line


@pytest.mark.parametrize("output_format", sorted(EXTENSIONS))
@pytest.mark.parametrize("name", sorted(INPUTS))
def test_golden(name: str, output_format: str) -> None:
    golden = graph_golden(name, output_format)
    assert graph_output(name, output_format) == read(golden), f"{golden} is stale: if that is meant, run {UPDATE} graph"


def test_mermaid_is_the_default() -> None:
    assert graph(str(INPUTS["example"]))[1] == graph_golden("example", "mermaid").read_text(encoding="utf-8")


def test_standard_input_is_drawn_and_named_by_stdin_filename() -> None:
    text = INPUTS["example"].read_text(encoding="utf-8")
    result = CliRunner().invoke(cli, ["graph", "-"], input=text)
    assert (result.exit_code, result.stdout) == (0, graph_golden("example", "mermaid").read_text(encoding="utf-8"))
    result = CliRunner().invoke(cli, ["graph", "--stdin-filename", "mine.yaml", "-"], input="tasks: [\n")
    assert result.exit_code == 1
    assert result.stderr.startswith("mine.yaml:2:1: error AL001")


def test_the_docs_show_the_example_as_it_is_drawn() -> None:
    docs = (ROOT / "docs" / "plan-graph.md").read_text(encoding="utf-8")
    blocks = re.findall(r"```mermaid\n(.*?)```", docs, re.S)
    assert blocks == [graph_golden("example", "mermaid").read_text(encoding="utf-8")]


def test_arrows_run_from_a_dependency_to_its_dependent() -> None:
    text = mermaid(document("tasks:\n  a: {name: A}\n  b: {name: B, dependsOn: [a]}\n"))
    assert "  task_a --> task_b\n" in text
    assert "  task_a -> task_b;\n" in dot(document("tasks:\n  a: {name: A}\n  b: {name: B, dependsOn: [a]}\n"))


def test_services_tasks_triggers_and_missing_nodes_have_distinct_shapes() -> None:
    text = "services:\n  db: {name: DB}\ntasks:\n  t: {name: T, dependsOn: [db, gone], triggeredBy: [manual]}\n"
    assert mermaid(document(text)).splitlines()[2:6] == [
        '  service_db(["db<br/>DB"])',
        '  task_t["t<br/>T"]',
        '  missing_gone["gone<br/>(missing)"]',
        '  trigger_manual{{"manual"}}',
    ]
    assert dot(document(text)).splitlines()[4:8] == [
        '  service_db [label="db\\nDB", style=rounded];',
        '  task_t [label="t\\nT"];',
        '  missing_gone [label="gone\\n(missing)", style=dashed, color=red3];',
        '  trigger_manual [label="manual", shape=hexagon, color=gray50, fontcolor=gray30, fontsize=10];',
    ]


def test_only_the_edges_of_a_cycle_are_red() -> None:
    text = "tasks:\n  a: {name: A, dependsOn: [c]}\n  b: {name: B, dependsOn: [a]}\n  c: {name: C, dependsOn: [b]}\n"
    text += "  d: {name: D, dependsOn: [a, d]}\n"
    picture = drawing(document(text))
    assert [(edge.source, edge.target, edge.cycle) for edge in picture.edges] == [
        ("task_c", "task_a", True),
        ("task_a", "task_b", True),
        ("task_b", "task_c", True),
        ("task_a", "task_d", False),
        ("task_d", "task_d", True),
    ]
    assert mermaid(document(text)).endswith(
        "  classDef cycle stroke:#cf222e,stroke-width:3px\n"
        "  class task_a,task_b,task_c,task_d cycle\n"
        "  linkStyle 0,1,2,4 stroke:#cf222e,stroke-width:3px\n"
    )


@pytest.mark.parametrize("char", [chr(code) for code in range(32, 127) if not chr(code).isalnum()] + ["\n", "\x1b"])
def test_no_character_in_a_key_name_or_trigger_breaks_the_syntax(char: str) -> None:
    tasks = {
        "t": {"name": f"a{char}b{char}{char}", "triggeredBy": [f"x{char}"]},
        f"k{char}": {"name": char, "dependsOn": [f"m{char}", "t", f"k{char}"]},
    }
    assert_valid_mermaid(mermaid(Document.from_data({"tasks": tasks})))
    assert_valid_dot(dot(Document.from_data({"tasks": tasks})))


@pytest.mark.parametrize("case", CASES, ids=[f"{case.parent.name}/{case.stem}" for case in CASES])
def test_every_case_file_draws_valid_syntax(case: Path) -> None:
    """The rule cases hold every kind of broken file; each that is YAML at all must still draw."""
    code, out, err = graph(str(case))
    if code == 1:
        assert out == "" and "AL0" in err  # not YAML at all: the syntax errors, nothing drawn
        return
    assert code == 0
    assert_valid_mermaid(out)
    assert_valid_dot(graph(str(case), "--format", "dot")[1])


@pytest.mark.skipif(shutil.which("dot") is None, reason="Graphviz is not installed")
@pytest.mark.parametrize("name", sorted(INPUTS))
def test_graphviz_reads_the_dot(name: str) -> None:
    source = graph_golden(name, "dot").read_text(encoding="utf-8")
    result = subprocess.run(["dot", "-Tsvg"], input=source, capture_output=True, text=True, check=False)
    assert (result.returncode, result.stderr) == (0, "")
    assert result.stdout.count('<g id="node') == len(re.findall(r"^  \w+ \[label=", source, re.M))


def test_an_empty_file_draws_an_empty_flowchart(tmp_path: Path) -> None:
    path = tmp_path / "automations.yaml"
    path.write_text("", encoding="utf-8")
    code, out, _ = graph(str(path))
    assert code == 0
    assert out.splitlines()[0] == "flowchart LR" and len(out.splitlines()) == 2


def test_a_file_that_is_not_yaml_shows_its_syntax_error_and_exits_1(tmp_path: Path) -> None:
    path = tmp_path / "automations.yaml"
    path.write_text("tasks: [\n", encoding="utf-8")
    code, out, err = graph(str(path))
    assert (code, out) == (1, "")
    assert "error AL001 invalid YAML" in err


def test_a_folder_with_two_files_asks_for_one(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    for folder in (".ona", ".gitpod"):
        (tmp_path / folder).mkdir()
        (tmp_path / folder / "automations.yaml").write_text("tasks: {}\n", encoding="utf-8")
    assert main(["graph", str(tmp_path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1
    assert err.startswith(f'automations-lint: error: 2 automations files below "{tmp_path}"; name one: ')


def test_the_current_folder_is_searched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.chdir(ROOT / "examples")
    assert graph()[1] == graph_golden("example", "mermaid").read_text(encoding="utf-8")


def test_output_does_not_depend_on_hash_seeds() -> None:
    outputs = {
        subprocess.run(
            [sys.executable, "-m", "automations_lint", "graph", str(INPUTS["problems"]), "--format", output_format],
            capture_output=True,
            text=True,
            check=True,
            env={**os.environ, "PYTHONHASHSEED": seed},
        ).stdout
        for seed in ("1", "2")
        for output_format in ("mermaid", "dot")
    }
    assert len(outputs) == 2


def test_a_service_sharing_a_key_with_a_task_on_a_cycle_an_empty_name_and_a_missing_name_used_twice() -> None:
    """Only the task is red (dependsOn names the task); an empty name adds no label line; one missing node."""
    text = (
        "services:\n  a: {name: A service, commands: {start: x}}\n"
        "tasks:\n  a: {name: '', dependsOn: [b, gone]}\n  b: {name: B, dependsOn: [a, gone]}\n"
    )
    assert mermaid(document(text)).splitlines()[2:] == [
        '  service_a(["a<br/>A service"])',
        '  task_a["a"]',
        '  task_b["b<br/>B"]',
        '  missing_gone["gone<br/>(missing)"]',
        "  task_b --> task_a",
        "  missing_gone --> task_a",
        "  task_a --> task_b",
        "  missing_gone --> task_b",
        "  classDef missing fill:#fff,stroke:#cf222e,stroke-dasharray:5 5",
        "  class missing_gone missing",
        "  classDef cycle stroke:#cf222e,stroke-width:3px",
        "  class task_a,task_b cycle",
        "  linkStyle 0,2 stroke:#cf222e,stroke-width:3px",
    ]
