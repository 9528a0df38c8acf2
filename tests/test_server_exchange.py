"""One editor session from start to end on a realistic file, every answer checked exactly; and requests that must
be answered without harm where there is nothing to answer (past the end, an empty file, a file that does not parse,
a rename onto a key that exists)."""

from __future__ import annotations

from pathlib import Path

import pytest
from lsp_client import at, code_actions, codes, expect, open_file, session
from lsprotocol import types
from pytest_lsp import LanguageClient

# Two services and four tasks, with a misspelt trigger (line 14, 0-based), a dependsOn that names no key (line 26)
# and a cycle seed -> test -> seed (lines 30 and 35).
PROJECT = """\
services:
  postgres:
    name: PostgreSQL
    description: The database the API reads and writes
    commands:
      start: docker run --rm -p 5432:5432 -e POSTGRES_PASSWORD=dev postgres:16
      ready: pg_isready -h localhost -p 5432
    triggeredBy:
      - postDevcontainerStart
  api:
    name: API server
    commands:
      start: npm run dev
    triggeredBy:
      - postDevcontainerStrat
tasks:
  install:
    name: Install dependencies
    command: npm ci
    triggeredBy:
      - postDevcontainerStart
  migrate:
    name: Migrate the database
    command: npm run migrate
    dependsOn:
      - install
      - postgress
  seed:
    name: Seed the database
    command: npm run seed
    dependsOn: [migrate, test]
  test:
    name: Run the tests
    command: npm test
    dependsOn:
      - seed
    triggeredBy:
      - manual
"""


client = session()


def span(start: tuple[int, int], end: tuple[int, int]) -> types.Range:
    return types.Range(start=at(*start), end=at(*end))


def edits(edit: types.WorkspaceEdit | None, uri: str) -> list[types.TextEdit]:
    assert edit is not None and edit.changes is not None and list(edit.changes) == [uri]
    return list(edit.changes[uri])


def shown(client: LanguageClient, uri: str) -> list[tuple[types.Range, str, str]]:
    return [(d.range, str(d.code), d.message.split("\n")[0]) for d in client.diagnostics[uri]]


async def test_a_whole_editing_session_on_a_realistic_file(client: LanguageClient, tmp_path: Path) -> None:
    """The exchange an editor has with the server, in one session: each step's answer is checked in full."""
    capabilities = client.initialized_result.capabilities  # type: ignore[attr-defined]
    assert capabilities.hover_provider and capabilities.definition_provider and capabilities.references_provider
    assert capabilities.rename_provider and capabilities.document_symbol_provider
    assert capabilities.completion_provider is not None and capabilities.code_action_provider is not None
    uri = await open_file(client, tmp_path / ".ona" / "automations.yaml", PROJECT)
    assert shown(client, uri) == [
        (span((14, 8), (14, 29)), "AL105", 'unknown trigger "postDevcontainerStrat" [unknown-trigger]'),
        (
            span((26, 8), (26, 17)),
            "AL201",
            'task "migrate" depends on unknown task or service "postgress" [unknown-reference]',
        ),
        (span((30, 25), (30, 29)), "AL203", 'dependency cycle: "seed" -> "test" -> "seed" [dependency-cycle]'),
    ]
    trigger, unknown, cycle = client.diagnostics[uri]
    assert trigger.message.endswith('\nhint: did you mean "postDevcontainerStart"?')
    assert unknown.message.endswith('\nhint: did you mean "postgres"?')
    assert {d.severity for d in client.diagnostics[uri]} == {types.DiagnosticSeverity.Error}
    assert cycle.related_information is not None
    assert [(r.location.range, r.message) for r in cycle.related_information] == [
        (span((30, 25), (30, 29)), '"seed" depends on "test"'),
        (span((35, 8), (35, 12)), '"test" depends on "seed"'),
    ]
    await complete(client, uri)
    await navigate(client, uri)
    await quick_fix(client, uri, trigger)
    await hover_and_outline(client, uri)
    await mend(client, uri)


async def complete(client: LanguageClient, uri: str) -> None:
    """Completion of dependsOn items and of a service's triggers."""
    doc = types.TextDocumentIdentifier(uri=uri)
    # completion: a dependsOn item of "migrate" offers every other key with its kind and name
    items = await client.text_document_completion_async(types.CompletionParams(text_document=doc, position=at(26, 8)))
    assert isinstance(items, types.CompletionList)
    assert [(i.label, i.detail) for i in items.items] == [
        ("postgres", "service: PostgreSQL"),
        ("api", "service: API server"),
        ("install", "task: Install dependencies"),
        ("seed", "task: Seed the database"),
        ("test", "task: Run the tests"),
    ]
    # and the misspelt trigger of a service is completed with the triggers a service may have
    items = await client.text_document_completion_async(types.CompletionParams(text_document=doc, position=at(14, 8)))
    assert isinstance(items, types.CompletionList)
    assert [i.label for i in items.items] == ["manual", "postDevcontainerStart", "postEnvironmentStart", "prebuild"]


async def navigate(client: LanguageClient, uri: str) -> None:
    """Definition, references and rename."""
    doc = types.TextDocumentIdentifier(uri=uri)
    # go to definition: from "install" in migrate's dependsOn to the key
    found = await client.text_document_definition_async(types.DefinitionParams(text_document=doc, position=at(25, 10)))
    assert found == types.Location(uri=uri, range=span((16, 2), (16, 9)))

    # find references of "seed": its key and the item in test's dependsOn
    context = types.ReferenceContext(include_declaration=True)
    refs = await client.text_document_references_async(
        types.ReferenceParams(context=context, text_document=doc, position=at(27, 3))
    )
    assert refs is not None and list(refs) == [
        types.Location(uri, span((27, 2), (27, 6))),
        types.Location(uri, span((35, 8), (35, 12))),
    ]
    context = types.ReferenceContext(include_declaration=False)
    refs = await client.text_document_references_async(
        types.ReferenceParams(context=context, text_document=doc, position=at(27, 3))
    )
    assert refs is not None and list(refs) == [types.Location(uri, span((35, 8), (35, 12)))]

    # rename "install" to "setup" from its key: the key and migrate's item; onto "test", refused
    prepared = await client.text_document_prepare_rename_async(
        types.PrepareRenameParams(text_document=doc, position=at(16, 4))
    )
    assert prepared == span((16, 2), (16, 9))
    edit = await client.text_document_rename_async(types.RenameParams(doc, at(16, 4), new_name="setup"))
    assert edits(edit, uri) == [
        types.TextEdit(span((16, 2), (16, 9)), "setup"),
        types.TextEdit(span((25, 8), (25, 15)), "setup"),
    ]
    with pytest.raises(Exception, match='"test" is the key of another task or service already'):
        await client.text_document_rename_async(types.RenameParams(doc, at(16, 4), new_name="test"))


async def quick_fix(client: LanguageClient, uri: str, trigger: types.Diagnostic) -> None:
    """The code actions."""
    doc = types.TextDocumentIdentifier(uri=uri)
    # quick fix on the misspelt trigger: the safe fix first, preferred, naming the diagnostic; then "ignore"
    fix, ignore = await code_actions(client, uri, at(14, 10), at(14, 10))
    assert isinstance(fix, types.CodeAction) and isinstance(ignore, types.CodeAction)
    assert (fix.title, fix.kind, fix.is_preferred) == (
        'change "postDevcontainerStrat" to "postDevcontainerStart"',
        types.CodeActionKind.QuickFix,
        True,
    )
    assert fix.diagnostics is not None and list(fix.diagnostics) == [trigger]
    assert edits(fix.edit, uri) == [types.TextEdit(span((14, 8), (14, 29)), "postDevcontainerStart")]
    assert ignore.title == "Ignore unknown-trigger on this line"
    comment = "  # automations-lint: ignore[unknown-trigger] <reason>"
    assert edits(ignore.edit, uri) == [types.TextEdit(span((14, 29), (14, 29)), comment)]
    # the unknown reference's fix guesses the key, so it is offered as unsafe and not preferred
    (guess, _) = await code_actions(client, uri, at(26, 10), at(26, 10))
    assert isinstance(guess, types.CodeAction)
    assert guess.title == 'change "postgress" to "postgres" (unsafe: may change meaning)' and not guess.is_preferred
    # a client asking only for source actions gets none
    only = await client.text_document_code_action_async(
        types.CodeActionParams(
            doc, span((14, 10), (14, 10)), types.CodeActionContext(diagnostics=[], only=[types.CodeActionKind.Source])
        )
    )
    assert only is not None and list(only) == []


async def hover_and_outline(client: LanguageClient, uri: str) -> None:
    """Hover and document symbols."""
    doc = types.TextDocumentIdentifier(uri=uri)
    # hover: a dependsOn item shows what it names; an unknown one says so; a field key shows its documentation
    hover = await client.text_document_hover_async(types.HoverParams(doc, at(25, 10)))
    assert hover == types.Hover(
        types.MarkupContent(
            types.MarkupKind.Markdown, "**task `install`**: Install dependencies\n\n```sh\nnpm ci\n```"
        ),
        span((25, 8), (25, 15)),
    )
    hover = await client.text_document_hover_async(types.HoverParams(doc, at(26, 10)))
    assert hover is not None and hover.contents == types.MarkupContent(
        types.MarkupKind.Markdown, 'no task or service has the key "postgress"'
    )
    hover = await client.text_document_hover_async(types.HoverParams(doc, at(24, 6)))
    assert hover is not None and isinstance(hover.contents, types.MarkupContent)
    assert hover.contents.value == (
        "**dependsOn**\n\nKeys of tasks or services in this file that must run (or be running) before this task."
    )

    # symbols: the outline of services and tasks
    symbols = await client.text_document_document_symbol_async(types.DocumentSymbolParams(doc))
    assert symbols is not None
    outline = [
        (s.name, s.kind, s.range, [(c.name, c.kind, c.detail, c.range, c.selection_range) for c in s.children or []])
        for s in symbols
        if isinstance(s, types.DocumentSymbol)
    ]
    service, task = types.SymbolKind.Class, types.SymbolKind.Function
    assert outline == [
        (
            "services",
            types.SymbolKind.Namespace,
            span((0, 0), (14, 29)),
            [
                ("postgres", service, "PostgreSQL", span((1, 2), (8, 29)), span((1, 2), (1, 10))),
                ("api", service, "API server", span((9, 2), (14, 29)), span((9, 2), (9, 5))),
            ],
        ),
        (
            "tasks",
            types.SymbolKind.Namespace,
            span((15, 0), (37, 14)),
            [
                ("install", task, "Install dependencies", span((16, 2), (20, 29)), span((16, 2), (16, 9))),
                ("migrate", task, "Migrate the database", span((21, 2), (26, 17)), span((21, 2), (21, 9))),
                ("seed", task, "Seed the database", span((27, 2), (30, 30)), span((27, 2), (27, 6))),
                ("test", task, "Run the tests", span((31, 2), (37, 14)), span((31, 2), (31, 6))),
            ],
        ),
    ]


async def mend(client: LanguageClient, uri: str) -> None:
    """Incremental changes, as editors send them: the diagnostics follow each."""

    # mend the text as an editor sends it, one incremental change at a time: the diagnostics follow each step
    async def edit_at(version: int, where: types.Range, new: str) -> list[str]:
        arrived = expect(client)
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=version, uri=uri),
                [types.TextDocumentContentChangePartial(range=where, text=new)],
            )
        )
        await arrived
        return [code for _, code in codes(client, uri)]

    assert await edit_at(2, span((14, 8), (14, 29)), "postDevcontainerStart") == ["AL201", "AL203"]
    assert await edit_at(3, span((26, 8), (26, 17)), "postgres") == ["AL203"]
    assert await edit_at(4, span((30, 23), (30, 29)), "") == []  # dependsOn: [migrate]
    # and a new mistake typed afterwards is found
    assert await edit_at(5, span((33, 17), (33, 21)), "tset") == []  # a command's text: nothing wrong
    assert await edit_at(6, span((35, 8), (35, 12)), "sed") == ["AL201"]
    assert client.diagnostics[uri][0].message.split("\n") == [
        'task "test" depends on unknown task or service "sed" [unknown-reference]',
        'hint: did you mean "seed"?',
    ]


async def ask_everything(client: LanguageClient, uri: str, position: types.Position) -> dict[str, object]:
    """Every request a feature answers, at one position, with the answers in plain form."""
    doc = types.TextDocumentIdentifier(uri=uri)
    declaration = types.ReferenceContext(include_declaration=True)
    items = await client.text_document_completion_async(types.CompletionParams(doc, position))
    assert isinstance(items, types.CompletionList)
    return {
        "completion": [item.label for item in items.items],
        "hover": await client.text_document_hover_async(types.HoverParams(doc, position)),
        "definition": await client.text_document_definition_async(types.DefinitionParams(doc, position)),
        "references": list(
            await client.text_document_references_async(types.ReferenceParams(declaration, doc, position)) or []
        ),
        "prepare": await client.text_document_prepare_rename_async(types.PrepareRenameParams(doc, position)),
        "rename": await client.text_document_rename_async(types.RenameParams(doc, position, "other")),
        "actions": list(await code_actions(client, uri, position, position)),
        "symbols": len(await client.text_document_document_symbol_async(types.DocumentSymbolParams(doc)) or []),
    }


NOTHING = {"hover": None, "definition": None, "references": [], "prepare": None, "rename": None, "actions": []}


async def test_requests_where_there_is_nothing_to_answer_get_an_empty_answer(
    client: LanguageClient, tmp_path: Path
) -> None:
    """Past the end of the text, in an empty file and in a file that does not parse, every request is answered
    (with nothing, or what still makes sense) and the server goes on."""
    uri = await open_file(client, tmp_path / "a" / ".ona" / "automations.yaml", PROJECT)
    # past the last line, and past the end of a line: the point is clamped into the text, where nothing is
    assert await ask_everything(client, uri, at(1000, 1000)) == {**NOTHING, "completion": [], "symbols": 2}
    assert await ask_everything(client, uri, at(33, 1000)) == {**NOTHING, "completion": [], "symbols": 2}

    empty = await open_file(client, tmp_path / "b" / ".ona" / "automations.yaml", "")
    assert [code for _, code in codes(client, empty)] == ["AL003"]  # invalid-document: the file is empty
    assert await ask_everything(client, empty, at(5, 5)) == {
        **NOTHING,
        "completion": ["services", "tasks"],
        "symbols": 0,
    }

    broken = await open_file(client, tmp_path / "c" / ".ona" / "automations.yaml", PROJECT.replace("test]", "test"))
    assert [code for _, code in codes(client, broken)] == ["AL001"]  # syntax-error
    # on "install" in migrate's dependsOn: no navigation without a parse, but completion reads the place from the
    # indentation and offers the keys written (tasks, then services), as it does while a line is being typed
    answers = await ask_everything(client, broken, at(25, 10))
    assert answers == {**NOTHING, "completion": ["install", "seed", "test", "postgres", "api"], "symbols": 0}

    # the first file still gets full answers
    assert (await ask_everything(client, uri, at(25, 10)))["definition"] == types.Location(uri, span((16, 2), (16, 9)))
