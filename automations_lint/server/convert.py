"""Engine diagnostics as LSP diagnostics: the rule's code, its name in the message, its severity, and for a cycle
the `dependsOn` items that make it, as related locations.

No `codeDescription`: the rules' documentation has no public address yet (`automations-lint rule NAME` prints it),
and a link must lead somewhere real."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from itertools import pairwise

from lsprotocol import types

from automations_lint.core.diagnostic import Diagnostic, Span
from automations_lint.core.graph import elementary_cycles
from automations_lint.rules import dependency_cycle
from automations_lint.server.outline import Outline
from automations_lint.server.positions import Text

SOURCE = "automations-lint"
_SEVERITY = {
    "error": types.DiagnosticSeverity.Error,
    "warning": types.DiagnosticSeverity.Warning,
    "info": types.DiagnosticSeverity.Information,
}


def to_lsp(
    diagnostics: Sequence[Diagnostic], text: Text, uri: str, outline_of: Callable[[], Outline | None]
) -> list[types.Diagnostic]:
    """The LSP form of `diagnostics`; the file's outline is read only when a cycle needs its locations."""
    outline = outline_of() if any(d.name == dependency_cycle.NAME for d in diagnostics) else None
    cycles = _cycles(outline) if outline is not None else []
    return [_one(diagnostic, text, uri, outline, cycles) for diagnostic in diagnostics]


def _one(
    diagnostic: Diagnostic, text: Text, uri: str, outline: Outline | None, cycles: list[list[str]]
) -> types.Diagnostic:
    # The rule's name on the first line, which editors show inline; the hint below it.
    message = f"{diagnostic.message} [{diagnostic.name}]" + (f"\nhint: {diagnostic.hint}" if diagnostic.hint else "")
    related = None
    if diagnostic.name == dependency_cycle.NAME and outline is not None:
        related = _cycle_locations(diagnostic, text, uri, outline, cycles) or None
    return types.Diagnostic(
        range=text.range(span_of(diagnostic)),
        message=message,
        severity=_SEVERITY[diagnostic.severity],
        code=diagnostic.code,
        source=SOURCE,
        related_information=related,
        data={"name": diagnostic.name},
    )


def span_of(diagnostic: Diagnostic) -> Span:
    return Span(diagnostic.line, diagnostic.column, diagnostic.end_line, diagnostic.end_column)


def _cycles(outline: Outline) -> list[list[str]]:
    # The rule's own search with the rule's own bound gives the same cycles in the same order.
    return elementary_cycles(outline.document.task_graph(), limit=dependency_cycle.MOST_CYCLES)[0]


def _cycle_locations(
    diagnostic: Diagnostic, text: Text, uri: str, outline: Outline, cycles: list[list[str]]
) -> list[types.DiagnosticRelatedInformation]:
    """One location per dependency of the cycle reported at this `dependsOn` item."""
    path = diagnostic.document_path
    if len(path) != 4:
        return []
    start = next((ref for ref in outline.references if (ref.task, ref.position) == (path[1], path[3])), None)
    cycle = next((c for c in cycles if start is not None and c[:2] == [start.task, start.name]), None)
    if cycle is None:
        return []
    found = []
    for task, dependency in pairwise(cycle):
        ref = next((r for r in outline.references if (r.task, r.name) == (task, dependency)), None)
        if ref is not None:
            location = types.Location(uri=uri, range=text.range(ref.span))
            found.append(types.DiagnosticRelatedInformation(location, f'"{task}" depends on "{dependency}"'))
    return found
