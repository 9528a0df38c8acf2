"""ShellCheck in the language server: one engine call per change (no process) and per save (with ShellCheck), its
kept findings judged against the suppressions of the text as it is now, and its absence said once a session."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest
from lsp_client import change, codes, open_file, session
from lsprotocol import types
from pytest_lsp import LanguageClient

from automations_lint.rules import shellcheck
from automations_lint.shell.shellcheck import find_binary

needs_shellcheck = pytest.mark.skipif(find_binary() is None, reason="ShellCheck is not installed")

SCRIPT = """\
tasks:
  build:
    name: Build
    command: |
      cd src
      make
"""
IGNORE = "    # automations-lint: ignore[shellcheck] src is always there\n"
IGNORED = SCRIPT.replace("    command: |\n", IGNORE + "    command: |\n")


client = session()


def save(client: LanguageClient, uri: str) -> None:
    client.text_document_did_save(types.DidSaveTextDocumentParams(text_document=types.TextDocumentIdentifier(uri=uri)))


async def published(client: LanguageClient) -> None:
    await client.wait_for_notification(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)


@needs_shellcheck
async def test_a_suppression_written_since_the_save_hides_kept_findings_at_once(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = await open_file(client, tmp_path / "automations.yaml", SCRIPT)
    assert codes(client, uri) == [(4, "AL501")]  # SC2164: cd without || exit
    # the comment the "ignore" action writes, after the "|": the script does not move, and its finding goes at once
    change(client, uri, 2, SCRIPT.replace("command: |\n", "command: |  " + IGNORE.strip() + "\n"))
    await published(client)
    assert codes(client, uri) == []
    # the comment is removed again: the kept finding is back, without a save
    change(client, uri, 3, SCRIPT)
    await published(client)
    assert codes(client, uri) == [(4, "AL501")]
    # the comment typed on its own line above the command, no save: the finding goes, the comment is not unused
    change(client, uri, 4, IGNORED)
    await published(client)
    assert codes(client, uri) == []
    # the script is mended under the comment: ShellCheck has not seen it, so the comment is not judged yet...
    mended = IGNORED.replace("cd src\n", "cd src || exit\n")
    change(client, uri, 5, mended)
    await published(client)
    assert codes(client, uri) == []
    # ...until the save runs ShellCheck: the script is clean, and the comment is now unused
    save(client, uri)
    await published(client)
    assert codes(client, uri) == [(3, "AL901")]
    assert client.diagnostics[uri][0].message.startswith('unused suppression of "shellcheck": no shellcheck problem')


@needs_shellcheck
async def test_kept_findings_follow_their_script_when_lines_above_it_change(
    client: LanguageClient, tmp_path: Path
) -> None:
    uri = await open_file(client, tmp_path / "automations.yaml", SCRIPT)
    assert codes(client, uri) == [(4, "AL501")]
    change(client, uri, 2, SCRIPT.replace("    name: Build\n", "    name: Build\n    description: Builds it\n"))
    await published(client)
    assert codes(client, uri) == [(5, "AL501")]  # the script moved down a line, unchanged: its finding moved too


# The server with ShellCheck missing, as on a machine without it.
WITHOUT_SHELLCHECK = "from automations_lint.shell import shellcheck; shellcheck.find_binary = lambda: None; "
WITHOUT_SHELLCHECK += "from automations_lint.server.app import build; build().start_io()"


bare = session([sys.executable, "-c", WITHOUT_SHELLCHECK])


async def test_missing_shellcheck_is_said_once_a_session(bare: LanguageClient, tmp_path: Path) -> None:
    uri = await open_file(bare, tmp_path / "automations.yaml", SCRIPT)
    assert codes(bare, uri) == []
    assert [(m.type, m.message) for m in bare.messages] == [(types.MessageType.Warning, shellcheck.MISSING.message)]
    # another file, a change and a save: nothing more is said
    other = await open_file(bare, tmp_path / ".ona" / "automations.yaml", SCRIPT)
    change(bare, other, 2, SCRIPT.replace("make", "make all"))
    await published(bare)
    save(bare, other)
    await published(bare)
    assert len(bare.messages) == 1
