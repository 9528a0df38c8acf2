"""Go to definition, find references and rename, over the keys and `dependsOn` items of a parsed file."""

from __future__ import annotations

import re

from lsprotocol import types

from automations_lint.schema import spec
from automations_lint.server.outline import Outline
from automations_lint.server.positions import Text

_KEY = re.compile(spec.KEY_PATTERN)


class RenameRefusedError(Exception):
    """A rename that would break the file; the message says why, for the editor to show."""


def definition(outline: Outline, text: Text, uri: str, line: int, column: int) -> types.Location | None:
    reference = outline.reference_at(line, column)
    automation = outline.find(reference.name) if reference is not None else None
    key = outline.key_of(automation) if automation is not None else None
    return types.Location(uri=uri, range=text.range(key.span)) if key is not None else None


def references(
    outline: Outline, text: Text, uri: str, line: int, column: int, *, declaration: bool
) -> list[types.Location]:
    automation = outline.name_at(line, column)
    if automation is None:
        return []
    spans = [ref.span for ref in outline.references_to(automation)]
    key = outline.key_of(automation)
    if declaration and key is not None:
        spans.insert(0, key.span)
    return [types.Location(uri=uri, range=text.range(span)) for span in spans]


def prepare(outline: Outline, text: Text, line: int, column: int) -> types.Range | None:
    """The range of the name a rename at the point would change, None where there is nothing to rename."""
    key = outline.key_at(line, column)
    if key is not None:
        return text.range(key.span)
    reference = outline.reference_at(line, column)
    if reference is not None and outline.find(reference.name) is not None:
        return text.range(reference.span)
    return None


def rename(outline: Outline, text: Text, uri: str, line: int, column: int, *, new: str) -> types.WorkspaceEdit | None:
    """The edits that rename the key at the point (or named by the reference there) and every reference to it."""
    automation = outline.name_at(line, column)
    if automation is None:
        return None
    if not _KEY.match(new):
        raise RenameRefusedError(
            f'"{new}" is not a valid key: use 1 to 128 letters, digits, "_" or "-" (Ona rejects the file otherwise)'
        )
    if new != automation.key and outline.find(new) is not None:
        raise RenameRefusedError(f'"{new}" is the key of another task or service already')
    key = outline.key_of(automation)
    spans = [ref.span for ref in outline.references_to(automation)]
    if key is not None:
        spans.insert(0, key.span)
    edits = [types.TextEdit(range=text.range(span), new_text=new) for span in spans]
    return types.WorkspaceEdit(changes={uri: edits})
