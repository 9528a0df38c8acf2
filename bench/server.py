"""The language server under edits: time from a change to its published diagnostics, and memory over many edits.

    python bench/server.py                # 500-task file: 21 timed changes, then 1,000 edits (~3 min)
    python bench/server.py --quick        # 200 edits (~30 s)

It starts `automations-lint server` as an editor would (a subprocess on stdio) and drives it with pygls's own
client. Latency: each change renames one task in the middle of the file (a full-document change, as many editors
send), and the clock stops when diagnostics for that version arrive; the figure includes the server's debounce
pause (DEBOUNCE_SECONDS), printed beside it. Then as many saves of the last text, each timed from didSave to its
publish (ShellCheck's results are known by then, so this is the engine's work on a save, not ShellCheck's).
Memory: the server's resident set size (VmRSS) after a warm-up and after every further block of edits; each edit is
followed by a document-symbol request, which makes the server lint that version at once, so every edit is really
checked (a burst of changes would be coalesced by the debounce).
Linux only (it reads /proc).
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import sys
import time
from pathlib import Path

from lsprotocol import types
from pygls.lsp.client import LanguageClient

sys.path.insert(0, str(Path(__file__).parent))
from run import big_file  # the same generated file as the check benchmark

from automations_lint.server.app import DEBOUNCE_SECONDS

URI = "untitled:bench-automations.yaml"
TASKS = 500


def rss_mb(pid: int) -> float:
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise RuntimeError("no VmRSS")


async def time_saves(client: LanguageClient, arrivals: list[float], arrived: asyncio.Event, count: int) -> list[float]:
    """Milliseconds from each of `count` saves to the diagnostics it publishes."""
    saves = []
    for _ in range(count):
        before = len(arrivals)
        started = time.perf_counter()
        client.text_document_did_save(types.DidSaveTextDocumentParams(types.TextDocumentIdentifier(uri=URI)))
        while len(arrivals) == before:
            await asyncio.wait_for(arrived.wait(), 60)
            arrived.clear()
        saves.append((arrivals[before] - started) * 1000)
    return saves


async def main(edits: int, timed: int) -> None:
    client = LanguageClient("bench", "1")
    published: dict[int, float] = {}
    arrivals: list[float] = []
    arrived = asyncio.Event()

    @client.feature(types.TEXT_DOCUMENT_PUBLISH_DIAGNOSTICS)
    def on_diagnostics(params: types.PublishDiagnosticsParams) -> None:
        published[params.version or 0] = time.perf_counter()
        arrivals.append(published[params.version or 0])
        arrived.set()

    await client.start_io(sys.executable, "-m", "automations_lint", "server")
    assert client._server is not None
    pid = client._server.pid
    await client.initialize_async(types.InitializeParams(capabilities=types.ClientCapabilities()))
    client.initialized(types.InitializedParams())
    text = big_file(TASKS)
    client.text_document_did_open(types.DidOpenTextDocumentParams(types.TextDocumentItem(URI, "yaml", 1, text)))
    version = 1

    def edit(number: int) -> None:
        nonlocal version
        version += 1
        changed = text.replace("name: Step 250\n", f"name: Step 250 edit {number}\n")
        client.text_document_did_change(
            types.DidChangeTextDocumentParams(
                types.VersionedTextDocumentIdentifier(version=version, uri=URI),
                [types.TextDocumentContentChangeWholeDocument(text=changed)],
            )
        )

    await asyncio.sleep(2)  # the open's two engine calls (without ShellCheck, then with it) settle
    latencies = []
    for number in range(timed):
        arrived.clear()
        edit(number)
        started = time.perf_counter()
        while version not in published:
            await asyncio.wait_for(arrived.wait(), 30)
            arrived.clear()
        latencies.append((published[version] - started) * 1000)

    print(f"{TASKS}-task file ({len(text.splitlines()):,} lines), {timed} changes")
    print(f"change -> diagnostics: median {statistics.median(latencies):.0f} ms, max {max(latencies):.0f} ms")
    print(f"  of which the debounce pause: {DEBOUNCE_SECONDS * 1000:.0f} ms")

    saves = await time_saves(client, arrivals, arrived, timed)
    print(f"save -> diagnostics (ShellCheck's results known): median {statistics.median(saves):.0f} ms, ", end="")
    print(f"max {max(saves):.0f} ms")

    where = types.TextDocumentIdentifier(uri=URI)
    block = max(edits // 10, 1)
    readings = []
    for number in range(edits):
        edit(number)
        await client.text_document_document_symbol_async(types.DocumentSymbolParams(text_document=where))
        if number + 1 == block or (number + 1) % block == 0:
            readings.append((number + 1, rss_mb(pid)))
    print("edits  RSS")
    for count, rss in readings:
        print(f"{count:5d}  {rss:.1f} MB")
    print(f"growth after the first {block} edits: {readings[-1][1] - readings[0][1]:+.1f} MB")

    await client.shutdown_async(None)
    client.exit(None)
    await client.stop()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="200 edits and 5 timed changes")
    options = parser.parse_args()
    asyncio.run(main(edits=200 if options.quick else 1_000, timed=5 if options.quick else 21))
