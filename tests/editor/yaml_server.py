"""A small synchronous LSP client for the real yaml-language-server (installed by `npm ci` in this folder), so that
tests/test_schema_editor.py can load the committed schema the way an editor does and read back what it says."""

from __future__ import annotations

import json
import queue
import shutil
import subprocess
import threading
import time
from pathlib import Path
from typing import IO, Any

HERE = Path(__file__).resolve().parent
SERVER = HERE / "node_modules" / "yaml-language-server" / "bin" / "yaml-language-server"


def missing() -> str | None:
    """Why the server cannot run here, or None when it can."""
    if shutil.which("node") is None:
        return "node is not installed"
    if not SERVER.is_file():
        return f"yaml-language-server is not installed: run `npm ci` in {HERE}"
    return None


class YamlServer:
    """yaml-language-server over stdio: requests wait for their answer, notifications are queued by method."""

    def __init__(self, settings: dict[str, Any]) -> None:
        self.settings = settings
        self.process = subprocess.Popen(
            ["node", str(SERVER), "--stdio"],
            stdin=subprocess.PIPE,
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
        )
        self.incoming: queue.Queue[dict[str, Any]] = queue.Queue()
        self.diagnostics: dict[str, list[dict[str, Any]]] = {}
        self.next_id = 0
        assert self.process.stdout is not None
        threading.Thread(target=self._read, args=(self.process.stdout,), daemon=True).start()

    def start(self) -> dict[str, Any]:
        """initialize (a client with markdown documentation and snippets), initialized, then the settings."""
        capabilities = {
            "textDocument": {
                "completion": {
                    "completionItem": {"snippetSupport": True, "documentationFormat": ["markdown", "plaintext"]}
                },
                "hover": {"contentFormat": ["markdown", "plaintext"]},
                "publishDiagnostics": {},
            }
        }
        result = self.request("initialize", {"processId": None, "rootUri": None, "capabilities": capabilities})
        self.notify("initialized", {})
        self.notify("workspace/didChangeConfiguration", {"settings": self.settings})
        return result

    def stop(self) -> None:
        try:
            self.request("shutdown", None, timeout=5)
            self.notify("exit", None)
            self.process.wait(timeout=5)
        except (OSError, TimeoutError, subprocess.TimeoutExpired):
            self.process.kill()
            self.process.wait()

    def open(self, uri: str, text: str) -> None:
        self.diagnostics.pop(uri, None)
        document = {"uri": uri, "languageId": "yaml", "version": 1, "text": text}
        self.notify("textDocument/didOpen", {"textDocument": document})

    def wait_diagnostics(self, uris: list[str], timeout: float = 30) -> dict[str, list[dict[str, Any]]]:
        """The diagnostics the server published for each of `uris` (waits until every one has had a publish)."""
        deadline = time.monotonic() + timeout
        while any(uri not in self.diagnostics for uri in uris):
            self._pump(deadline)
        return {uri: self.diagnostics[uri] for uri in uris}

    def request(self, method: str, params: Any, timeout: float = 30) -> Any:
        self.next_id += 1
        ident = self.next_id
        self._send({"jsonrpc": "2.0", "id": ident, "method": method, "params": params})
        deadline = time.monotonic() + timeout
        while True:
            message = self._pump(deadline)
            if message.get("id") == ident and "method" not in message:
                if "error" in message:
                    raise RuntimeError(f"{method}: {message['error']}")
                return message.get("result")

    def notify(self, method: str, params: Any) -> None:
        self._send({"jsonrpc": "2.0", "method": method, "params": params})

    def _pump(self, deadline: float) -> dict[str, Any]:
        """Handle one incoming message: answer the server's own requests, record diagnostics; return it."""
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise TimeoutError("yaml-language-server did not answer in time")
        try:
            message = self.incoming.get(timeout=remaining)
        except queue.Empty:
            raise TimeoutError("yaml-language-server did not answer in time") from None
        method = message.get("method")
        if method == "textDocument/publishDiagnostics":
            self.diagnostics[message["params"]["uri"]] = message["params"]["diagnostics"]
        elif method is not None and "id" in message:
            items = (message.get("params") or {}).get("items", [])
            result = [self.settings.get(item.get("section"), None) for item in items] if items else None
            self._send({"jsonrpc": "2.0", "id": message["id"], "result": result})
        return message

    def _send(self, message: dict[str, Any]) -> None:
        body = json.dumps(message).encode("utf-8")
        assert self.process.stdin is not None
        self.process.stdin.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
        self.process.stdin.flush()

    def _read(self, stream: IO[bytes]) -> None:
        while True:
            length = 0
            while (line := stream.readline()) not in (b"\r\n", b""):
                name, _, value = line.decode("ascii").partition(":")
                if name.lower() == "content-length":
                    length = int(value)
            if not line:
                return
            self.incoming.put(json.loads(stream.read(length)))
