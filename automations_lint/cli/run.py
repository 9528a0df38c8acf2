"""What one `check` command gathers as it goes: the diagnostics, the files' text, the notices, what --fix did."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from automations_lint.core.diagnostic import Diagnostic, Notice
    from automations_lint.engine.cache import ResultCache
    from automations_lint.engine.config import ConfigFinder
    from automations_lint.engine.run import SourceFile
    from automations_lint.source.lines import Lines


class Run:
    """The outcome of checking some paths. (A plain class: `check` defines no dataclass, so it never imports the
    dataclasses module, a few milliseconds of every commit.)"""

    def __init__(
        self, *, configs: ConfigFinder | None = None, fix_mode: str | None = None, unsafe_fixes: bool = False
    ) -> None:
        self.diagnostics: list[Diagnostic] = []
        # Each checked file's text and line index, for the report's frames.
        self.sources: dict[str, Lines] = {}
        # Remarks about the run (ShellCheck missing), each once.
        self.notices: dict[Notice, None] = {}
        self.files = 0
        self.unreadable = False
        # The configuration of each checked file (None: every rule as it is).
        self.configs = configs
        # --fix / --diff: "fix" or "diff" (None: only check), and whether unsafe fixes are wanted too.
        self.fix_mode = fix_mode
        self.unsafe_fixes = unsafe_fixes
        self.fixed = 0
        self.fixed_files = 0
        # What --diff prints, and what --fix of standard input prints instead of the report.
        self.output: list[str] = []
        # Files read and waiting to be linted together.
        self.pending: list[SourceFile] = []
        # The files taken, by identity (_identity): one given twice, or as a file and through its folder, is
        # checked once, under the first spelling.
        self.seen: set[object] = set()
        # Files --fix would not write (UTF-16: fixes are written as UTF-8), so none of their problems is "fixable".
        self.unfixable: set[str] = set()
        # `check --fix -` of input it cannot fix (not UTF-8): the input itself, echoed where the fixed text goes.
        self.echo: bytes | None = None
        # Results kept between runs (None: --no-cache, or --fix and --diff, which lint afresh).
        self.cache: ResultCache | None = None
