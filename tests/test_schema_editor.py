"""The committed JSON Schema in the real yaml-language-server (VS Code's YAML extension runs it), over LSP/stdio.

The server is the npm package pinned in tests/editor/package.json (`npm ci` there; .ci/run does it). It is set up
as docs/editors.md tells users to: `yaml.schemas` mapping the schema to `**/.{ona,gitpod}/automations.{yaml,yml}`.

Why a real server: it drops a schema it cannot compile without a word (no diagnostic, no completion), so a schema
that passes every jsonschema test can still do nothing in an editor. Every test here first gets a diagnostic that
only the schema can give.

What the editor and the linter are compared on. The linter's errors that a JSON Schema can express are the shape
errors: unknown-field, missing-field, wrong-type, empty-value, unknown-trigger, trigger-not-allowed, unknown-role,
invalid-key, invalid-duration, conflicting-fields (AL101-AL110) and invalid-document (AL003). Left out, because
JSON Schema cannot say them: unknown-reference, self-dependency and dependency-cycle (AL201-AL203) relate a
`dependsOn` value to keys elsewhere in the file; duplicate-key (AL002), unsupported-tag (AL004) and syntax-error
(AL001) are about the YAML text, which the schema never sees (the editor's YAML parser reports the syntax errors
itself, checked apart); and the warnings, which are about behaviour. One more is left out although the schema says
it (the file must be a mapping): a file with no content at all (empty, or comments only), which Ona rejects, but
yaml-language-server validates no schema against.
"""

from __future__ import annotations

import copy
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from editor.yaml_server import YamlServer, missing
from helpers import CORPUS, corpus_files

from automations_lint import lint_bytes
from automations_lint.schema.spec import ROLES, SERVICE_FIELDS, SERVICE_TRIGGERS, TASK_FIELDS

pytestmark = [pytest.mark.e2e, pytest.mark.skipif(missing() is not None, reason=str(missing()))]

SCHEMA = Path(__file__).resolve().parents[1] / "schemas" / "automations.schema.json"
PATTERN = "**/.{ona,gitpod}/automations.{yaml,yml}"  # the pattern docs/editors.md gives
BROKEN_PATTERN = "**/broken-schema.yaml"
SCHEMA_RULES = {"AL003", *(f"AL1{number:02}" for number in range(1, 11))}
PROPERTY = 10  # LSP CompletionItemKind.Property
PROBE = "tasks:\n  build:\n    name: Build\n    command: make\n    triggers: [manual]\n"


def uri(name: str, folder: str = ".ona", file: str = "automations.yaml") -> str:
    return f"file:///virtual/{name}/{folder}/{file}"


@pytest.fixture(scope="module")
def broken_schema(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The committed schema with one keyword that is not JSON Schema (`"type": "mapping"` on a task's name)."""
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    broken = copy.deepcopy(schema)
    broken["definitions"]["Task"]["properties"]["name"]["type"] = "mapping"
    path = tmp_path_factory.mktemp("schema") / "broken.schema.json"
    path.write_text(json.dumps(broken), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def server(broken_schema: Path) -> Iterator[YamlServer]:
    settings = {
        "yaml": {
            "schemas": {SCHEMA.as_uri(): [PATTERN], broken_schema.as_uri(): [BROKEN_PATTERN]},
            "validate": True,
            "completion": True,
            "hover": True,
            # No catalog: SchemaStore maps these paths to Ona's own schema, and the tests must not use the network.
            "schemaStore": {"enable": False},
        }
    }
    yaml_server = YamlServer(settings)
    try:
        yaml_server.start()
        yield yaml_server
    finally:
        yaml_server.stop()


def diagnostics(server: YamlServer, documents: dict[str, str]) -> dict[str, list[dict[str, Any]]]:
    for address, text in documents.items():
        server.open(address, text)
    return server.wait_diagnostics(list(documents))


def schema_errors(found: list[dict[str, Any]]) -> list[dict[str, Any]]:
    return [d for d in found if d.get("source", "").startswith("yaml-schema")]


def complete(server: YamlServer, text: str, line: int, character: int, name: str) -> dict[str, dict[str, Any]]:
    """Label -> completion item at a position of `text` (opened as its own document)."""
    address = uri(name)
    diagnostics(server, {address: text})
    position = {"line": line, "character": character}
    result = server.request("textDocument/completion", {"textDocument": {"uri": address}, "position": position})
    return {item["label"]: item for item in result["items"]}


def fields(items: dict[str, dict[str, Any]]) -> dict[str, dict[str, Any]]:
    """The field names among completion items (the server also offers the object's required fields as one item)."""
    return {label: item for label, item in items.items() if item["kind"] == PROPERTY}


def documentation(item: dict[str, Any]) -> str:
    doc = item.get("documentation") or ""
    return str(doc["value"] if isinstance(doc, dict) else doc)


def test_the_server_applies_the_schema_and_drops_a_broken_one(server: YamlServer, broken_schema: Path) -> None:
    """The committed schema gives the error and nothing else. The same schema with one bad keyword gives no
    schema error at all (this server version says so at the top of the file; older ones said nothing), so a
    schema the server refuses cannot pass these tests unnoticed."""
    found = diagnostics(server, {uri("probe"): PROBE, "file:///virtual/probe/broken-schema.yaml": PROBE})
    assert [d["message"] for d in found[uri("probe")]] == ["Property triggers is not allowed."]
    assert schema_errors(found[uri("probe")])
    refused = found["file:///virtual/probe/broken-schema.yaml"]
    assert not [d for d in refused if "triggers" in d["message"]]
    assert [d["message"].split(" is not valid")[0] for d in refused] == [f"Schema '{broken_schema}'"]


@pytest.mark.parametrize(("folder", "file"), [(".ona", "automations.yml"), (".gitpod", "automations.yaml")])
def test_the_brace_pattern_matches_every_location_and_spelling(server: YamlServer, folder: str, file: str) -> None:
    address = uri("spelling", folder, file)
    assert len(schema_errors(diagnostics(server, {address: PROBE})[address])) == 1


def test_a_relative_modeline_applies_the_schema_and_wins_over_settings(server: YamlServer, tmp_path: Path) -> None:
    """docs/editors.md's modeline, naming a copy beside the file; the file's name maps it to the broken schema in
    the settings, and the modeline still wins."""
    (tmp_path / ".ona").mkdir()
    (tmp_path / ".ona" / "automations.schema.json").write_bytes(SCHEMA.read_bytes())
    address = (tmp_path / ".ona" / "broken-schema.yaml").as_uri()
    found = diagnostics(server, {address: "# yaml-language-server: $schema=automations.schema.json\n" + PROBE})
    assert [d["message"] for d in found[address]] == ["Property triggers is not allowed."]


def test_completes_every_service_field_with_documentation_and_the_value_shape(server: YamlServer) -> None:
    items = fields(complete(server, "services:\n  db:\n    name: DB\n    \n", 3, 4, "service-fields"))
    assert sorted(items) == sorted(set(SERVICE_FIELDS) - {"name"})  # never the protobuf names (`runs_on`)
    assert all(len(documentation(item)) > 10 for item in items.values())
    assert items["triggeredBy"]["insertText"].startswith("triggeredBy:\n  - ")
    assert items["commands"]["insertText"] == "commands:\n  start: "
    assert items["readinessTimeout"]["insertText"] == "readinessTimeout: ${1:600s}"


def test_runs_on_completes_a_docker_image_or_an_empty_machine_mapping(server: YamlServer) -> None:
    items = complete(server, "tasks:\n  build:\n    name: Build\n    runsOn:\n      \n", 4, 6, "runs-on")
    assert {label: item["insertText"] for label, item in items.items()} == {
        "docker": "docker:\n  image: ",
        "machine": "machine: {}",
    }


def test_completes_every_task_field_with_documentation(server: YamlServer) -> None:
    items = fields(complete(server, "tasks:\n  build:\n    name: Build\n    \n", 3, 4, "task-fields"))
    assert sorted(items) == sorted(set(TASK_FIELDS) - {"name"})
    assert all(len(documentation(item)) > 10 for item in items.values())
    assert items["dependsOn"]["insertText"].startswith("dependsOn:\n  - ")


@pytest.mark.parametrize(("section", "field"), [("tasks", "command"), ("services", "commands")])
def test_a_new_key_under_a_section_offers_a_whole_automation(server: YamlServer, section: str, field: str) -> None:
    items = complete(server, f"{section}:\n  \n", 1, 2, f"new-{section}")
    snippet = items[f"new {section[:-1]}"]
    assert snippet["insertText"].startswith("${1:key}:\n  name: ${2:Name}\n")  # the name first, as written
    assert f"\n  {field}:" in snippet["insertText"]
    assert documentation(snippet)


def test_role_and_trigger_values_complete_with_descriptions(server: YamlServer) -> None:
    roles = complete(server, "services:\n  db:\n    name: DB\n    role: \n", 3, 10, "roles")
    assert {'""', *ROLES[1:]} <= set(roles)
    assert all(documentation(roles[label]) for label in roles if label != "null")
    triggers = complete(server, "services:\n  db:\n    name: DB\n    triggeredBy:\n      - \n", 4, 8, "triggers")
    assert sorted(triggers) == sorted(SERVICE_TRIGGERS)  # never beforeSnapshot on a service
    assert all(documentation(item) for item in triggers.values())


def test_hover_shows_one_heading(server: YamlServer) -> None:
    address = uri("hover")
    diagnostics(server, {address: "tasks:\n  build:\n    name: Build\n    triggeredBy: [manual]\n"})
    position = {"line": 3, "character": 6}
    hover = server.request("textDocument/hover", {"textDocument": {"uri": address}, "position": position})
    text = hover["contents"]["value"]
    assert text.startswith("#### triggeredBy\n\nWhen the task starts by itself.")
    assert "||" not in text


def test_a_list_where_tasks_belong_reads_as_a_sentence(server: YamlServer) -> None:
    address = uri("classic")
    found = schema_errors(diagnostics(server, {address: "tasks:\n  - name: Build\n    init: npm ci\n"})[address])
    assert [d["message"] for d in found] == [
        "`tasks` is a mapping from each task's key to the task (`build:` with `name:` and `command:` indented "
        "under it), not a list"
    ]


def declares_nothing(text: str) -> bool:
    """No content at all: blank lines, comments and document markers only."""
    return all(
        not line.strip() or line.lstrip().startswith("#") or line.strip() in ("---", "...")
        for line in text.splitlines()
    )


def linter_verdicts() -> dict[str, tuple[set[int], bool]]:
    """File name -> (the lines of the linter's schema-expressible errors, whether it found a syntax error), for
    every corpus file with content."""
    from automations_lint.rules import shellcheck

    verdicts = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(shellcheck, "check", lambda document: iter(()))
        for path in corpus_files():
            if declares_nothing(path.read_text(encoding="utf-8")):
                continue
            found = lint_bytes(path.read_bytes(), path.name)
            lines = {d.line for d in found if d.code in SCHEMA_RULES}
            verdicts[path.name] = (lines, any(d.code == "AL001" for d in found))
    return verdicts


def test_the_editor_agrees_with_the_linter_on_every_corpus_file(
    server: YamlServer, terminal_summary: list[str]
) -> None:
    """Every corpus file the linter rejects with a schema error, the editor rejects too, on the same lines, and it
    finds nothing in the others; where the linter finds a syntax error, the editor's YAML parser does too."""
    verdicts = linter_verdicts()
    addresses = {name: uri(f"corpus/{name}") for name in verdicts}
    texts = {addresses[name]: (CORPUS / name).read_text(encoding="utf-8") for name in verdicts}
    published = diagnostics(server, texts)
    disagree, rejected, broken = [], 0, 0
    for name, (lines, syntax) in verdicts.items():
        found = published[addresses[name]]
        if syntax:
            broken += 1
            if not any(d.get("source") == "YAML" and d["severity"] == 1 for d in found):
                disagree.append(f"{name}: the linter finds a syntax error, the editor does not")
            continue
        editor = {d["range"]["start"]["line"] + 1 for d in schema_errors(found)}
        rejected += bool(editor)
        if editor != lines:
            disagree.append(f"{name}: schema errors on lines {sorted(lines)} (linter), {sorted(editor)} (editor)")
    empty = len(corpus_files()) - len(verdicts)
    terminal_summary.append(
        f"yaml-language-server and the linter agree on {len(verdicts) - len(disagree)} of {len(verdicts)} corpus "
        f"files with content ({rejected} rejected by both with schema errors, {broken} with YAML syntax errors); "
        f"{empty} without content left out"
    )
    assert not disagree, "\n".join(disagree)
