"""The language server end to end: a real LSP client (pytest-lsp) drives `automations-lint server` over stdio."""

from __future__ import annotations

import asyncio
import subprocess
import sys
from pathlib import Path

import pytest
from lsp_client import at, change, code_actions, codes, open_file, session
from lsprotocol import types
from pytest_lsp import LanguageClient

# A file with an unknown reference, a cycle and a misspelt field (tests/nvim/mistakes.yaml, shared with Neovim).
MISTAKES = (Path(__file__).parent / "nvim" / "mistakes.yaml").read_text()


client = session()


async def test_the_editor_exchange(client: LanguageClient, tmp_path: Path) -> None:
    """Open a file with mistakes, then complete, go to definition, find references, rename, quick fix, hover,
    list symbols and mend the text: every answer is the one a user expects."""
    uri = await open_file(client, tmp_path / ".gitpod" / "automations.yaml", MISTAKES)
    assert codes(client, uri) == [(9, "AL203"), (9, "AL201"), (13, "AL101")]
    unknown = client.diagnostics[uri][1]
    assert unknown.message == (
        'task "build" depends on unknown task or service "databse" [unknown-reference]\nhint: did you mean "database"?'
    )
    assert unknown.severity == types.DiagnosticSeverity.Error
    cycle = next(d for d in client.diagnostics[uri] if d.code == "AL203")
    assert cycle.source == "automations-lint" and "[dependency-cycle]" in cycle.message
    assert cycle.related_information is not None
    assert [r.location.range.start.line for r in cycle.related_information] == [9, 15]

    # completion: dependsOn items are the file's other keys, with their names
    items = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at(9, 16))
    )
    assert items is not None and not isinstance(items, list)
    assert {(i.label, i.detail) for i in items.items} == {
        ("generate", "task: Generate"),
        ("database", "service: Database"),
    }

    # definition: from the dependsOn item "generate" to its key
    location = await client.text_document_definition_async(
        types.DefinitionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at(9, 17))
    )
    assert isinstance(location, types.Location) and location.range == types.Range(start=at(10, 2), end=at(10, 10))

    # references of the key "build": its one dependsOn item, and the key itself when asked
    refs = await client.text_document_references_async(
        types.ReferenceParams(
            context=types.ReferenceContext(include_declaration=True),
            text_document=types.TextDocumentIdentifier(uri=uri),
            position=at(6, 3),
        )
    )
    assert refs is not None
    assert [(r.range.start.line, r.range.start.character) for r in refs] == [(6, 2), (15, 8)]

    # rename "generate" from one of its references: the key and the reference change together
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at(9, 17), new_name="codegen")
    )
    assert edit is not None and edit.changes is not None
    assert sorted((e.range.start.line, e.range.start.character, e.new_text) for e in edit.changes[uri]) == [
        (9, 16, "codegen"),
        (10, 2, "codegen"),
    ]

    # quick fix for "triggers": the linter's own rename fix, marked safe, plus the suppression comment
    fixes = await code_actions(client, uri, at(13, 4), at(13, 4))
    titles = [a.title for a in fixes if isinstance(a, types.CodeAction)]
    assert titles == ['rename "triggers" to "triggeredBy"', "Ignore unknown-field on this line"]
    rename_fix = fixes[0]
    assert isinstance(rename_fix, types.CodeAction) and rename_fix.is_preferred
    assert rename_fix.edit is not None and rename_fix.edit.changes is not None
    assert [(e.range.start.line, e.new_text) for e in rename_fix.edit.changes[uri]] == [(13, "triggeredBy")]

    # hover on a dependsOn item: the task it names, with its command
    asked = types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at(15, 9))
    shown = await client.text_document_hover_async(asked)
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert shown.contents.value == "**task `build`**: Build\n\n```sh\nmake\n```"

    # symbols: the outline of services and tasks
    outline = await client.text_document_document_symbol_async(
        types.DocumentSymbolParams(text_document=types.TextDocumentIdentifier(uri=uri))
    )
    assert outline is not None
    sections = [s for s in outline if isinstance(s, types.DocumentSymbol)]
    assert [(s.name, [c.name for c in s.children or []]) for s in sections] == [
        ("services", ["database"]),
        ("tasks", ["build", "generate"]),
    ]

    # mend the text: every diagnostic clears
    mended = MISTAKES.replace("databse", "database").replace("triggers", "triggeredBy").replace("      - build\n", "")
    mended = mended.replace("    dependsOn:\n", "")
    change(client, uri, 2, mended)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert list(client.diagnostics[uri]) == []


async def test_a_file_that_does_not_parse_gets_its_syntax_error_and_quiet_features(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = await open_file(client, tmp_path / "automations.yaml", "tasks:\n  build:\n    name: [Build\n")
    assert [code for _, code in codes(client, uri)] == ["AL001"]
    where = types.TextDocumentIdentifier(uri=uri)
    assert await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=where)) == []
    assert (
        await client.text_document_definition_async(types.DefinitionParams(text_document=where, position=at(1, 3)))
        is None
    )
    asked = types.CompletionParams(text_document=where, position=at(2, 4))
    items = await client.text_document_completion_async(asked)
    assert items is not None and not isinstance(items, list)
    assert "command" in {item.label for item in items.items}


async def test_a_rename_that_breaks_the_key_rule_or_meets_another_key_is_refused(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = await open_file(client, tmp_path / "automations.yaml", MISTAKES)
    where = types.TextDocumentIdentifier(uri=uri)
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=where, position=at(6, 3))
    )
    assert prepared == types.Range(start=at(6, 2), end=at(6, 7))  # the key "build"
    with pytest.raises(Exception, match="not a valid key"):
        await client.text_document_rename_async(
            types.RenameParams(text_document=where, position=at(6, 3), new_name="my build")
        )
    with pytest.raises(Exception, match='"database" is the key of another task or service already'):
        await client.text_document_rename_async(
            types.RenameParams(text_document=where, position=at(6, 3), new_name="database")
        )
    # the server is still there and answers the next request
    edit = await client.text_document_rename_async(
        types.RenameParams(text_document=where, position=at(6, 3), new_name="compile")
    )
    assert edit is not None and edit.changes is not None and len(edit.changes[uri]) == 2


async def labels(client: LanguageClient, uri: str, line: int, character: int) -> list[str]:
    items = await client.text_document_completion_async(
        types.CompletionParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at(line, character))
    )
    assert items is not None and not isinstance(items, list)
    return [item.label for item in items.items]


# The cursor stands after the spaces that end some lines (written as "\x20" so editors keep them).
COMPLETING = """\
services:
  web:
    name: Web
    role:\x20
    triggeredBy: [
    commands:
     \x20
tasks:
  build:
    name: Build
    triggeredBy:
      -\x20
   \x20
"""


async def test_completion_offers_what_fits_the_place(client: LanguageClient, tmp_path: Path) -> None:
    uri = await open_file(client, tmp_path / "automations.yaml", COMPLETING)
    assert await labels(client, uri, 3, 10) == ['""', "ai-agent", "default", "editor"]
    service_triggers = await labels(client, uri, 4, 18)
    assert "beforeSnapshot" not in service_triggers and "postDevcontainerStart" in service_triggers
    assert "beforeSnapshot" in await labels(client, uri, 11, 8)
    assert await labels(client, uri, 6, 6) == ["start", "ready", "stop"]
    # the task's fields, without those already written
    assert await labels(client, uri, 12, 4) == [
        "description",
        "command",
        "dependsOn",
        "runsOn",
        "prebuildRequiresSuccess",
    ]
    assert await labels(client, uri, 8, 2) == ["new task"]
    assert await labels(client, uri, 1, 2) == ["new service"]


async def test_hover_on_a_field_shows_its_documentation(client: LanguageClient, tmp_path: Path) -> None:
    uri = await open_file(client, tmp_path / "automations.yaml", MISTAKES)
    shown = await client.text_document_hover_async(
        types.HoverParams(text_document=types.TextDocumentIdentifier(uri=uri), position=at(4, 7))
    )
    assert shown is not None and isinstance(shown.contents, types.MarkupContent)
    assert shown.contents.value.startswith("**start**\n\nThe command that starts and runs the service.")


async def test_the_configuration_found_for_the_file_applies(client: LanguageClient, tmp_path: Path) -> None:
    config = 'ignore = ["unknown-field"]\nseverity = {unknown-reference = "warning"}\n'
    (tmp_path / ".automations-lint.toml").write_text(config)
    uri = await open_file(client, tmp_path / ".ona" / "automations.yaml", MISTAKES)
    assert codes(client, uri) == [(9, "AL203"), (9, "AL201")]
    assert client.diagnostics[uri][1].severity == types.DiagnosticSeverity.Warning


async def test_an_ignore_action_inserts_a_suppression_that_works(client: LanguageClient, tmp_path: Path) -> None:
    uri = await open_file(client, tmp_path / "automations.yaml", MISTAKES)
    found = await code_actions(client, uri, at(13, 4), at(13, 5))
    ignore = found[-1]
    assert isinstance(ignore, types.CodeAction) and ignore.edit is not None and ignore.edit.changes is not None
    (edit,) = ignore.edit.changes[uri]
    assert edit.new_text == "  # automations-lint: ignore[unknown-field] <reason>"
    lines = MISTAKES.splitlines(keepends=True)
    lines[13] = lines[13].rstrip("\n") + edit.new_text + "\n"
    change(client, uri, 2, "".join(lines))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert codes(client, uri) == [(9, "AL203"), (9, "AL201")]


SCRIPT = """\
tasks:
  build:
    name: Build
    command: |
      cd src
      make
  other:
    name: Other
    command: make
"""


async def test_shellcheck_findings_stay_until_their_script_changes(client: LanguageClient, tmp_path: Path) -> None:
    uri = await open_file(client, tmp_path / "automations.yaml", SCRIPT)
    assert codes(client, uri) == [(4, "AL501")]
    change(client, uri, 2, SCRIPT.replace("command: make\n", "command: make all\n"))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert codes(client, uri) == [(4, "AL501")]  # another script changed: the finding stays
    change(client, uri, 3, SCRIPT.replace("cd src", "cd src || exit"))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert codes(client, uri) == []  # its own script changed: gone until the next save
    change(client, uri, 4, SCRIPT.replace("      make\n", "      make $TARGET\n"))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert codes(client, uri) == []
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert codes(client, uri) == [(4, "AL501"), (5, "AL501")]  # saved: ShellCheck ran on the new script


def test_the_command_line_does_not_load_the_server() -> None:
    """`check` keeps its cold start: pygls is imported only by `automations-lint server`."""
    code = "import sys, automations_lint.cli.commands; "
    code += "print(any(m.split('.')[0] in ('pygls', 'lsprotocol') for m in sys.modules))"
    assert subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout == "False\n"


async def test_an_unsaved_buffer_is_checked(client: LanguageClient) -> None:
    uri = "untitled:Untitled-1"
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=MISTAKES)
        )
    )
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert codes(client, uri) == [(9, "AL203"), (9, "AL201"), (13, "AL101")]


async def test_an_unsafe_fix_is_offered_and_labelled(client: LanguageClient, tmp_path: Path) -> None:
    uri = await open_file(client, tmp_path / "automations.yaml", MISTAKES)
    found = await code_actions(client, uri, at(9, 28), at(9, 28))
    fix = next(a for a in found if isinstance(a, types.CodeAction) and "databse" in a.title)
    assert fix.title.endswith("(unsafe: may change meaning)") and not fix.is_preferred
    assert fix.edit is not None and fix.edit.changes is not None
    assert [e.new_text for e in fix.edit.changes[uri]] == ["database"]


async def test_a_failed_request_is_answered_with_an_error_and_the_next_one_works(
    client: LanguageClient, tmp_path: Path
) -> None:
    """A file the editor never opened and that does not exist: reading it fails inside the handler."""
    missing = types.TextDocumentIdentifier(uri=(tmp_path / "gone.yaml").as_uri())
    with pytest.raises(Exception, match=r"gone\.yaml"):
        await client.text_document_hover_async(types.HoverParams(text_document=missing, position=at(0, 0)))
    uri = await open_file(client, tmp_path / "automations.yaml", MISTAKES)
    assert codes(client, uri) == [(9, "AL203"), (9, "AL201"), (13, "AL101")]


async def test_a_burst_of_changes_is_checked_once_at_its_end(client: LanguageClient, tmp_path: Path) -> None:
    """The debounce: keystrokes in quick succession give one publish, for the last text."""
    uri = await open_file(client, tmp_path / "automations.yaml", MISTAKES)
    mended = MISTAKES.replace("triggers:", "triggeredBy:")
    for version, text in enumerate([MISTAKES + "  broken: [\n", MISTAKES.replace("triggers:", "trig:"), mended], 2):
        change(client, uri, version, text)
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    assert codes(client, uri) == [(9, "AL203"), (9, "AL201")]
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS), 1.0)


def test_a_declined_request_is_logged_without_a_traceback_and_a_failure_with_one(
    caplog: pytest.LogCaptureFixture,
) -> None:
    """pygls logs each error answer with its traceback; a refused rename is no failure of the server, so the
    editor's log (the server's stderr) shows none for it, and still shows one for a real error."""
    import logging

    from pygls.exceptions import JsonRpcException

    from automations_lint.server.app import REQUEST_FAILED, build

    build()
    build()  # a second server in the process does not filter twice
    requests = logging.getLogger("pygls.protocol.json_rpc")
    assert len(requests.filters) == 1
    for error in (JsonRpcException("that would break the file", code=REQUEST_FAILED), ValueError("a bug")):
        try:
            raise error
        except (JsonRpcException, ValueError):
            requests.exception('Exception occurred for message "%s"', 7)
    assert [record.exc_info[0] for record in caplog.records if record.exc_info] == [ValueError]
