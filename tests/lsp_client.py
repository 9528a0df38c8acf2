"""What the language server's end-to-end tests share: opening a file, changing it, positions, and diagnostics as
(line, code) pairs, through pytest-lsp's client."""

from __future__ import annotations

import asyncio
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest_lsp
from lsprotocol import types
from pytest_lsp import ClientServerConfig, LanguageClient

SERVER = [sys.executable, "-m", "automations_lint", "server"]


def session(command: Sequence[str] = SERVER, options: dict[str, Any] | None = None) -> Any:
    """A pytest-lsp fixture: the server started by `command`, initialized with the test's folder as its root (and
    `options` as initializationOptions), shut down after the test. The initialize result is kept on the client."""

    @pytest_lsp.fixture(config=ClientServerConfig(server_command=list(command)))
    async def fixture(lsp_client: LanguageClient, tmp_path: Path):  # type: ignore[no-untyped-def]
        params = types.InitializeParams(
            capabilities=types.ClientCapabilities(), root_uri=tmp_path.as_uri(), initialization_options=options
        )
        lsp_client.initialized_result = await lsp_client.initialize_session(params)  # type: ignore[attr-defined]
        yield
        await lsp_client.shutdown_session()

    return fixture


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
