"""Document symbols: the services and tasks of the file, under their sections, as an outline."""

from __future__ import annotations

from lsprotocol import types

from automations_lint.core.diagnostic import Span
from automations_lint.server.outline import SECTIONS, Outline
from automations_lint.server.positions import Text

_KINDS = {"service": types.SymbolKind.Class, "task": types.SymbolKind.Function}


def symbols(outline: Outline, text: Text) -> list[types.DocumentSymbol]:
    found = []
    for kind, section in SECTIONS.items():
        node = outline.loaded.source_map.get((section,))
        if node is None or node.key is None:
            continue
        children = [
            types.DocumentSymbol(
                name=key.automation.key,
                detail=key.automation.text("name"),
                kind=_KINDS[kind],
                range=text.range(key.entry),
                selection_range=text.range(key.span),
            )
            for key in outline.keys
            if key.automation.kind == kind
        ]
        entry = Span(node.key.line, node.key.column, node.value.end_line, node.value.end_column)
        found.append(
            types.DocumentSymbol(
                name=section,
                kind=types.SymbolKind.Namespace,
                range=text.range(entry),
                selection_range=text.range(node.key),
                children=children,
            )
        )
    return found
