"""What Ona's reader sees of a file whose YAML breaks after the first document (the loader asks only then).

yaml.v3 decodes the first document and stops, so a later document's mistakes never reach Ona, with one exception
that this module measures: its scanner keeps two tokens of lookahead.
"""

from __future__ import annotations

from ruamel.yaml.error import YAMLError

from automations_lint.diagnostic import Finding
from automations_lint.loader import tokens


def reader_reaches_error(text: str) -> bool:
    """Whether Ona's reader meets the YAML error in `text` that lies beyond the first document. yaml.v3 reads no
    later document, but its scanner looks two tokens past the marker that ends the first one (`---` or `...`), so
    a bad token right there (a tab, an unclosed quote, `@`) still stops it."""
    content = False
    after: int | None = None
    try:
        for token in tokens(text):
            kind = type(token).__name__
            if after is not None:
                after += 1
                if after >= 2:
                    return False
            elif kind == "DocumentEndToken" or (kind == "DocumentStartToken" and content):
                after = 0
            elif kind not in ("StreamStartToken", "DirectiveToken", "DocumentStartToken"):
                content = True
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
