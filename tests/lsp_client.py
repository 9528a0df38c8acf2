"""What the language server's end-to-end tests share: opening a file, changing it, positions, and diagnostics as
(line, code) pairs, through pytest-lsp's client."""

from __future__ import annotations

import asyncio
from pathlib import Path

from lsprotocol import types
from pytest_lsp import LanguageClient

PUBLISH = types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS


def expect(client: LanguageClient, count: int = 1) -> asyncio.Future[None]:
    """A future that is done once `count` more diagnostics have been published. Each wait starts in the moment the
    one before it ends (pytest-lsp holds one waiter at a time), so two publishes in quick succession are both seen."""
    loop = asyncio.get_running_loop()
    done: asyncio.Future[None] = loop.create_future()
    left = count

    def arrived(_: object) -> None:
        nonlocal left
        left -= 1
        if left > 0:
            client.protocol.wait_for_notification(PUBLISH, arrived)
        else:
            loop.call_soon_threadsafe(lambda: done.done() or done.set_result(None))

    client.protocol.wait_for_notification(PUBLISH, arrived)
    return done


async def open_file(client: LanguageClient, path: Path, text: str) -> str:
    """Open `text` as the file at `path` (not written to disk: an unsaved buffer) and wait for its diagnostics:
    those published at once (ShellCheck's only for scripts it has seen), then those after ShellCheck has run."""
    uri = path.as_uri()
    both = expect(client, 2)
    client.text_document_did_open(
        types.DidOpenTextDocumentParams(
            text_document=types.TextDocumentItem(uri=uri, language_id="yaml", version=1, text=text)
        )
    )
    await asyncio.wait_for(both, 60)
    return uri


def change(client: LanguageClient, uri: str, version: int, text: str) -> None:
    client.text_document_did_change(
        types.DidChangeTextDocumentParams(
            text_document=types.VersionedTextDocumentIdentifier(uri=uri, version=version),
            content_changes=[types.TextDocumentContentChangeWholeDocument(text=text)],
        )
    )


def at(line: int, character: int) -> types.Position:
    return types.Position(line=line, character=character)


async def code_actions(
    client: LanguageClient, uri: str, start: types.Position, end: types.Position
) -> list[types.Command | types.CodeAction]:
    found = await client.text_document_code_action_async(
        types.CodeActionParams(
            text_document=types.TextDocumentIdentifier(uri=uri),
            range=types.Range(start=start, end=end),
            context=types.CodeActionContext(diagnostics=[]),
        )
    )
    assert found is not None
    return found


def codes(client: LanguageClient, uri: str) -> list[tuple[int, str]]:
    return [(d.range.start.line, str(d.code)) for d in client.diagnostics[uri]]
