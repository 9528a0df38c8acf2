"""The language server: one handler per LSP method, each a thin call into the feature modules.

pygls answers a request whose handler raised with an error response and logs it; the server keeps serving."""

from __future__ import annotations

import asyncio
import logging
from collections.abc import Iterable
from dataclasses import dataclass, field

from lsprotocol import types
from pygls.exceptions import JsonRpcException
from pygls.lsp.server import LanguageServer

from automations_lint.core.diagnostic import Diagnostic, Notice
from automations_lint.core.version import VERSION
from automations_lint.engine.config import Config
from automations_lint.server import actions, completion, convert, hover, navigation, state, symbols
from automations_lint.server.outline import Outline
from automations_lint.server.positions import Text
from automations_lint.source.discovery import is_automations_file
from automations_lint.source.loader import Loaded, load

# Long enough to skip the keystrokes of a word, short enough to feel immediate.
DEBOUNCE_SECONDS = 0.2
log = logging.getLogger(__name__)
# LSP's error code for a valid request the server declines (the editor shows the message).
REQUEST_FAILED = -32803


@dataclass
class OpenFile:
    """One open file: its configuration, and the engine's results for one version of its text."""

    label: str
    config: Config
    version: int = -1
    text: str = ""
    linted: bool = False
    diagnostics: list[Diagnostic] = field(default_factory=list)
    pending: asyncio.Task[None] | None = None
    # The loader's reading and the outline of `text`, made when a feature asks (a change needs neither).
    _loaded: Loaded | None = None
    _outline: Outline | None = None

    def refresh(self, text: str, version: int) -> tuple[Notice, ...]:
        """Lint `text` without starting ShellCheck, unless that text was linted already; the run's notices."""
        self.version = version
        if self.linted and text == self.text:
            return ()
        run = state.lint(text, self.label, self.config, run_programs=False)
        self.take(text, run.files[0].diagnostics)
        return run.notices

    def take(self, text: str, diagnostics: list[Diagnostic]) -> None:
        self.text, self.linted, self.diagnostics = text, True, diagnostics
        self._loaded = self._outline = None

    def loaded(self) -> Loaded:
        if self._loaded is None:
            self._loaded = load(self.text)
        return self._loaded

    def outline(self) -> Outline | None:
        if self._outline is None and not self.loaded().broken:
            self._outline = Outline(self.loaded())
        return self._outline


class AutomationsServer(LanguageServer):
    def __init__(self) -> None:
        super().__init__("automations-lint", VERSION)
        self.files: dict[str, OpenFile] = {}
        self.told: set[str] = set()  # the codes of the notices shown in this session
        # initializationOptions {"onlyAutomationsFiles": true}: for clients that start one server for every YAML
        # file (Zed's extensions name a language, not file paths), every other file is left alone.
        self.only_automations_files = False

    def wanted(self, uri: str) -> bool:
        """Whether the server checks and answers for the file at `uri`."""
        if not self.only_automations_files:
            return True
        path = state.file_path(uri)
        return path is not None and is_automations_file(path)

    def opened(self, uri: str) -> OpenFile:
        """The open file at `uri`, as last linted."""
        opened = self.files.get(uri)
        if opened is None:
            opened = self._open(uri)
            if uri in self.workspace.text_documents:  # a request about a file never opened is not remembered
                self.files[uri] = opened
        return opened

    def current(self, uri: str) -> tuple[OpenFile, Text]:
        """The open file at `uri`, linted at its current text."""
        document = self.workspace.get_text_document(uri)
        opened = self.opened(uri)
        self.tell(opened.refresh(document.source, document.version or 0))
        return opened, Text(opened.text, self.workspace.position_codec)

    def tell(self, notices: Iterable[Notice]) -> None:
        """Show each remark about the runs once in a session (ShellCheck is missing): a message the user sees, since
        without it they would take the absence of ShellCheck's findings for clean scripts; a log line goes unread."""
        for notice in notices:
            if notice.code not in self.told:
                self.told.add(notice.code)
                self.window_show_message(types.ShowMessageParams(types.MessageType.Warning, notice.message))

    def parsed(self, uri: str, position: types.Position) -> tuple[Outline, Text, int, int] | None:
        """The outline and text of the file, and the 1-based point; None when the file does not parse."""
        if not self.wanted(uri):
            return None
        opened, text = self.current(uri)
        outline = opened.outline()
        return None if outline is None else (outline, text, *text.point(position))

    def _open(self, uri: str) -> OpenFile:
        path = state.file_path(uri)
        config, error = state.find_config(path, self.workspace.root_path)
        if error is not None:
            self.window_show_message(types.ShowMessageParams(types.MessageType.Error, error))
        return OpenFile(path or state.UNTITLED, config)

    def publish(self, uri: str) -> None:
        opened, text = self.current(uri)
        lsp = convert.to_lsp(opened.diagnostics, text, uri, opened.outline)
        self.text_document_publish_diagnostics(
            types.PublishDiagnosticsParams(uri=uri, diagnostics=lsp, version=opened.version)
        )

    async def check_scripts(self, uri: str) -> None:
        """One engine call with ShellCheck, off the event loop (it runs processes), then a publish of the current
        text: that call's diagnostics if the text is still the one it read, else the text linted again (with the
        scripts ShellCheck has just checked now known)."""
        document = self.workspace.get_text_document(uri)
        opened, text = self.opened(uri), document.source
        run = await asyncio.to_thread(state.lint, text, opened.label, opened.config, run_programs=True)
        self.tell(run.notices)
        if self.files.get(uri) is not opened:
            return  # closed (or reopened) meanwhile
        if self.workspace.get_text_document(uri).source == text:
            opened.take(text, run.files[0].diagnostics)
        else:
            opened.linted = False
        self.publish(uri)

    def schedule(self, uri: str) -> None:
        """Publish after a pause in typing: each change restarts the wait."""
        opened = self.files.get(uri)
        if opened is not None and opened.pending is not None:
            opened.pending.cancel()
        task = asyncio.get_running_loop().create_task(self._later(uri))
        if opened is not None:
            opened.pending = task

    async def _later(self, uri: str) -> None:
        await asyncio.sleep(DEBOUNCE_SECONDS)
        if uri in self.workspace.text_documents:
            _guarded(self.publish, uri)


def _guarded(work: object, uri: str) -> None:
    """Run a notification's work; a failure is logged, never the end of the server."""
    try:
        work(uri)  # type: ignore[operator]
    except Exception:
        log.exception("automations-lint server: failed on %s", uri)


class _DeclinedRequests(logging.Filter):
    """pygls logs every error answer with a traceback, as if the server had failed; a request this server declines
    on purpose (a rename that would break the file) is an answer, its message already shown by the editor."""

    def filter(self, record: logging.LogRecord) -> bool:
        error = record.exc_info[1] if record.exc_info else None
        return not (isinstance(error, JsonRpcException) and error.code == REQUEST_FAILED)


_PYGLS_REQUESTS = logging.getLogger("pygls.protocol.json_rpc")


def build() -> AutomationsServer:
    if not any(isinstance(found, _DeclinedRequests) for found in _PYGLS_REQUESTS.filters):
        _PYGLS_REQUESTS.addFilter(_DeclinedRequests())
    server = AutomationsServer()
    _documents(server)
    _features(server)
    return server


def _documents(server: AutomationsServer) -> None:
    @server.feature(types.INITIALIZE)
    def initialize(ls: AutomationsServer, params: types.InitializeParams) -> None:
        options = params.initialization_options
        ls.only_automations_files = isinstance(options, dict) and options.get("onlyAutomationsFiles") is True

    @server.feature(types.TEXT_DOCUMENT_DID_OPEN)
    async def did_open(ls: AutomationsServer, params: types.DidOpenTextDocumentParams) -> None:
        uri = params.text_document.uri
        if not ls.wanted(uri):
            return
        ls.files.pop(uri, None)  # a reopened file looks for its configuration again
        _guarded(ls.publish, uri)
        await _scripts(ls, uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CHANGE)
    def did_change(ls: AutomationsServer, params: types.DidChangeTextDocumentParams) -> None:
        if ls.wanted(params.text_document.uri):
            ls.schedule(params.text_document.uri)

    @server.feature(types.TEXT_DOCUMENT_DID_SAVE, types.SaveOptions(include_text=False))
    async def did_save(ls: AutomationsServer, params: types.DidSaveTextDocumentParams) -> None:
        uri = params.text_document.uri
        if not ls.wanted(uri):
            return
        opened = ls.files.get(uri)
        if opened is not None:  # a saved configuration file may have changed what applies (check_scripts uses it)
            opened.config = state.find_config(state.file_path(uri), ls.workspace.root_path)[0]
        await _scripts(ls, uri)

    @server.feature(types.TEXT_DOCUMENT_DID_CLOSE)
    def did_close(ls: AutomationsServer, params: types.DidCloseTextDocumentParams) -> None:
        uri = params.text_document.uri
        opened = ls.files.pop(uri, None)
        if opened is not None and opened.pending is not None:
            opened.pending.cancel()
        ls.text_document_publish_diagnostics(types.PublishDiagnosticsParams(uri=uri, diagnostics=[]))


async def _scripts(ls: AutomationsServer, uri: str) -> None:
    try:
        await ls.check_scripts(uri)
    except Exception:
        log.exception("automations-lint server: shellcheck failed on %s", uri)


def _features(server: AutomationsServer) -> None:
    @server.feature(
        types.TEXT_DOCUMENT_COMPLETION, types.CompletionOptions(trigger_characters=[":", " ", "-", "[", ","])
    )
    def complete(ls: AutomationsServer, params: types.CompletionParams) -> types.CompletionList:
        if not ls.wanted(params.text_document.uri):
            return types.CompletionList(is_incomplete=False, items=[])
        opened, text = ls.current(params.text_document.uri)
        line, column = text.point(params.position)
        items = completion.complete(opened.text, line, column, opened.outline())
        return types.CompletionList(is_incomplete=False, items=items)

    @server.feature(types.TEXT_DOCUMENT_HOVER)
    def on_hover(ls: AutomationsServer, params: types.HoverParams) -> types.Hover | None:
        if not ls.wanted(params.text_document.uri):
            return None
        opened, text = ls.current(params.text_document.uri)
        return hover.hover(opened.text, opened.outline(), text, *text.point(params.position))

    @server.feature(types.TEXT_DOCUMENT_DEFINITION)
    def definition(ls: AutomationsServer, params: types.DefinitionParams) -> types.Location | None:
        found = ls.parsed(params.text_document.uri, params.position)
        return navigation.definition(*found[:2], params.text_document.uri, *found[2:]) if found else None

    @server.feature(types.TEXT_DOCUMENT_REFERENCES)
    def references(ls: AutomationsServer, params: types.ReferenceParams) -> list[types.Location]:
        found = ls.parsed(params.text_document.uri, params.position)
        if found is None:
            return []
        outline, text, line, column = found
        uri, declaration = params.text_document.uri, params.context.include_declaration
        return navigation.references(outline, text, uri, line, column, declaration=declaration)

    @server.feature(types.TEXT_DOCUMENT_PREPARE_RENAME)
    def prepare_rename(ls: AutomationsServer, params: types.PrepareRenameParams) -> types.Range | None:
        found = ls.parsed(params.text_document.uri, params.position)
        return navigation.prepare(*found) if found else None

    @server.feature(types.TEXT_DOCUMENT_RENAME)
    def rename(ls: AutomationsServer, params: types.RenameParams) -> types.WorkspaceEdit | None:
        found = ls.parsed(params.text_document.uri, params.position)
        if found is None:
            return None
        outline, text, line, column = found
        try:
            return navigation.rename(outline, text, params.text_document.uri, line, column, new=params.new_name)
        except navigation.RenameRefusedError as refused:
            raise JsonRpcException(str(refused), code=REQUEST_FAILED) from None

    @server.feature(
        types.TEXT_DOCUMENT_CODE_ACTION, types.CodeActionOptions(code_action_kinds=[types.CodeActionKind.QuickFix])
    )
    def code_action(ls: AutomationsServer, params: types.CodeActionParams) -> list[types.CodeAction]:
        only = params.context.only
        if only and not any(types.CodeActionKind.QuickFix.value.startswith(kind) for kind in only):
            return []  # the client asks for other kinds (source actions, refactorings): this server has none
        uri = params.text_document.uri
        if not ls.wanted(uri):
            return []
        opened, text = ls.current(uri)
        shown = convert.to_lsp(opened.diagnostics, text, uri, opened.outline)
        return actions.actions(opened.diagnostics, params.range, text, uri, opened.loaded(), shown=shown)

    @server.feature(types.TEXT_DOCUMENT_DOCUMENT_SYMBOL)
    def document_symbols(ls: AutomationsServer, params: types.DocumentSymbolParams) -> list[types.DocumentSymbol]:
        if not ls.wanted(params.text_document.uri):
            return []
        opened, text = ls.current(params.text_document.uri)
        outline = opened.outline()
        return symbols.symbols(outline, text) if outline else []
