"""The values every layer shares: where (Span), what a rule found (Finding), how to mend it (Fix, Edit), and the
one type every problem is reported as, syntax errors included (Diagnostic)."""

from __future__ import annotations

from typing import Literal, NamedTuple, Union

Severity = Literal["error", "warning", "info"]
SEVERITIES: tuple[Severity, ...] = ("error", "warning", "info")

# A path into the document: mapping keys and sequence indexes, the same shape as pydantic's error `loc`.
PathPart = Union[str, int]
Path = tuple[PathPart, ...]


class Span(NamedTuple):
    """A 1-based region of the source; `end_column` is the column just past the last character.

    A NamedTuple rather than a frozen dataclass: the loader makes two per node, and a tuple is about three times
    cheaper to create."""

    line: int
    column: int
    end_line: int
    end_column: int


START_OF_FILE = Span(1, 1, 1, 1)


class Edit(NamedTuple):
    """Replace text[start:end] (character offsets into the file's text) with `text`."""

    start: int
    end: int
    text: str


class Fix(NamedTuple):
    """A change that resolves one diagnostic. Safe fixes have one right answer; unsafe ones may change meaning."""

    description: str
    edits: tuple[Edit, ...]
    safe: bool = True


class Finding(NamedTuple):
    """What a rule reports: where (a document path) and what; the engine adds the rest."""

    path: Path
    message: str
    hint: str | None = None
    # "key" points at the mapping key of `path`, "value" at its value.
    at: Literal["key", "value"] = "value"
    # An exact region, for the few findings that are not about one node (syntax errors, a bad byte).
    span: Span | None = None
    # For rules whose findings differ in weight (ShellCheck's levels); None: the rule's own severity.
    severity: Severity | None = None


class Diagnostic(NamedTuple):
    """One problem in one file, with its 1-based position, rule and message."""

    path: str
    line: int
    column: int
    end_line: int
    end_column: int
    code: str
    name: str
    severity: Severity
    message: str
    hint: str | None = None
    # Where in the document the problem is, as a tuple of keys and indexes (empty for file-level problems).
    document_path: Path = ()
    # How to fix it, when there is one certain fix (automations_lint.fix.makers.Fix).
    fix: Fix | None = None

    def as_dict(self) -> dict[str, object]:
        """The JSON form: the keys scripts rely on, in a fixed order."""
        return {
            "path": self.path,
            "line": self.line,
            "column": self.column,
            "end_line": self.end_line,
            "end_column": self.end_column,
            "code": self.code,
            "name": self.name,
            "severity": self.severity,
            "message": self.message,
            "hint": self.hint,
            "fix": None if self.fix is None else {"description": self.fix.description, "safe": self.fix.safe},
        }


class RuleFinding(NamedTuple):
    """A finding together with the name of the rule that made it (for stages that serve several rules)."""

    rule: str
    finding: Finding


class Notice(NamedTuple):
    """A remark about the run itself, not about a place in a file (ShellCheck is not installed): said once per
    run, however many files it concerns. `code` names the kind, for scripts; `message` is for people."""

    code: str
    message: str
