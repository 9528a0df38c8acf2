"""Text in, a plain Python document and its source map out, or the syntax problems that stop us.

We read parser events (source/events.py), not ruamel's composed nodes or constructed objects, and build the
document in one iterative pass (source/builder.py); a parser error becomes a syntax finding at the position it
names (source/yaml_errors.py). Ona's reader reads only the first document, so a later one's mistakes are asked
about separately (source/later_documents.py).
"""

from __future__ import annotations

import gc
from typing import NamedTuple

from ruamel.yaml.error import YAMLError

from automations_lint.core.diagnostic import Finding, RuleFinding
from automations_lint.source.builder import AliasError, Builder
from automations_lint.source.events import events
from automations_lint.source.lines import Lines
from automations_lint.source.source_map import SourceMap


class Loaded(NamedTuple):
    """The document (None when empty), where everything is, and what went wrong while reading it."""

    data: object
    source_map: SourceMap
    problems: list[RuleFinding]
    # True when the text could not be read as YAML at all: there is no document to check further.
    broken: bool = False
    # The text that was read (without a byte order mark), for rules that look inside scalars; "" when broken.
    text: str = ""
    # The whole text that was read (broken or not) and its line index, shared by everything after the loader.
    lines: Lines = Lines("")


def load(text: str) -> Loaded:
    """Read `text` (a decoded str) into a document with positions."""
    if text.startswith("\ufeff"):
        text = text[1:]
    builder = Builder(text)
    # The build makes one object per key and value and no reference cycles: the cyclic garbage collector would
    # only walk the growing tree again and again (a quarter of the time for 50,000 tasks).
    collecting = gc.isenabled()
    gc.disable()
    try:
        for event in events(text):
            builder.feed(event)
    except (YAMLError, UnicodeEncodeError) as error:
        from automations_lint.source.yaml_errors import syntax_finding  # only a broken file needs its tables

        finding = syntax_finding(error, builder.lines)
        if builder.first_done:
            from automations_lint.source.later_documents import later_document_finding, reader_reaches_error

            if not reader_reaches_error(text):
                builder.problems.append(RuleFinding("extra-document", later_document_finding(finding)))
                return Loaded(builder.root, builder.source_map, builder.problems, text=text, lines=builder.lines)
        builder.problems.append(RuleFinding("syntax-error", finding))
        return Loaded(None, builder.source_map, builder.problems, broken=True, lines=builder.lines)
    except AliasError as error:
        if builder.first_done:  # an alias error is the parser's, and Ona's reader never parses a later document
            from automations_lint.source.later_documents import later_document_finding

            finding = Finding((), error.message, span=error.span)
            builder.problems.append(RuleFinding("extra-document", later_document_finding(finding)))
            return Loaded(builder.root, builder.source_map, builder.problems, text=text, lines=builder.lines)
        builder.problems.append(RuleFinding("syntax-error", Finding((), error.message, span=error.span)))
        return Loaded(None, builder.source_map, builder.problems, broken=True, lines=builder.lines)
    finally:
        if collecting:
            gc.enable()
    if "\ufeff" in text:  # rare: the scan of every character is paid only by files that hold a BOM past the first
        from automations_lint.source.stray_bom import finding as stray_bom

        stray = stray_bom(text, builder.source_map)
        if stray is not None:
            builder.problems.append(RuleFinding("syntax-error", stray))
            return Loaded(None, builder.source_map, builder.problems, broken=True, lines=builder.lines)
    return Loaded(builder.root, builder.source_map, builder.problems, text=text, lines=builder.lines)


