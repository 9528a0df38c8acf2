"""What Ona's reader sees of a file whose YAML breaks after the first document (the loader asks only then).

yaml.v3 decodes the first document and stops, so a later document's mistakes never reach Ona, with one exception
that this module measures: its scanner keeps two tokens of lookahead.
"""

from __future__ import annotations

from ruamel.yaml.error import YAMLError

from automations_lint.core.diagnostic import Finding
from automations_lint.source.events import tokens

# How each token changes the nesting of the document's content.
_DEPTH = {
    "BlockMappingStartToken": 1,
    "BlockSequenceStartToken": 1,
    "FlowMappingStartToken": 1,
    "FlowSequenceStartToken": 1,
    "BlockEndToken": -1,
    "FlowMappingEndToken": -1,
    "FlowSequenceEndToken": -1,
}
_BEFORE_CONTENT = frozenset({"StreamStartToken", "DirectiveToken", "DocumentStartToken"})


def reader_reaches_error(text: str) -> bool:
    """Whether Ona's reader meets the YAML error in `text` that lies beyond the first document. yaml.v3 reads no
    further than the first document, but its scanner keeps two tokens of lookahead past the token that ends it:
    the `---` or `...` marker, or, when the first document ends without one (a line indented less than its first
    key), the first token after its content. A bad token there (a tab, an unclosed quote, `@`) still stops it."""
    content = False
    depth = 0
    after: int | None = None
    try:
        for token in tokens(text):
            kind = type(token).__name__
            if after is not None:
                after += 1
                if after >= 2:
                    return False
            elif kind == "DocumentEndToken" or (content and (depth == 0 or kind == "DocumentStartToken")):
                after = 0
            elif kind not in _BEFORE_CONTENT:
                content = True
                depth += _DEPTH.get(kind, 0)
    except YAMLError:
        return True
    return False


def later_document_finding(finding: Finding) -> Finding:
    """The YAML error, as what it is to Ona: text its reader never reads. That may be a second document after
    `---`, or the rest of a file whose first document ended early (a line indented less than the first key)."""
    return finding._replace(
        message=f"Ona's reader stops at the end of the first YAML document and never reads this: {finding.message}",
        hint=finding.hint or "remove everything after the first document, or fix it if another tool reads it",
    )
