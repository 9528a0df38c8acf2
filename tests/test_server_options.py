"""The server's one initialization option, onlyAutomationsFiles: for clients that start it for every YAML file
(the Zed extension in editors/zed), files other than automations files get no diagnostics and no answers."""

from __future__ import annotations

import asyncio
from pathlib import Path

import pytest
from lsp_client import PUBLISH, at, codes, open_file, session
from lsprotocol import types
from pytest_lsp import LanguageClient

MISTAKES = (Path(__file__).parent / "nvim" / "mistakes.yaml").read_text()


client = session(options={"onlyAutomationsFiles": True})


async def test_only_automations_files_are_checked(client: LanguageClient, tmp_path: Path) -> None:
    other = (tmp_path / "docker-compose.yml").as_uri()
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(other, "yaml", 1, MISTAKES)))
    with pytest.raises(asyncio.TimeoutError):
        await asyncio.wait_for(client.wait_for_notification(PUBLISH), 1.0)
    doc = types.TextDocumentIdentifier(uri=other)
    items = await client.text_document_completion_async(types.CompletionParams(doc, at(9, 16)))
    assert isinstance(items, types.CompletionList) and list(items.items) == []
    assert await client.text_document_hover_async(types.HoverParams(doc, at(9, 17))) is None
    assert await client.text_document_definition_async(types.DefinitionParams(doc, at(9, 17))) is None
    assert list(await client.text_document_document_symbol_async(types.DocumentSymbolParams(doc)) or []) == []

    # .gitpod/ and the .yml spelling count as automations files
    uri = await open_file(client, tmp_path / ".gitpod" / "automations.yml", MISTAKES)
    assert codes(client, uri) == [(9, "AL203"), (9, "AL201"), (13, "AL101")]
