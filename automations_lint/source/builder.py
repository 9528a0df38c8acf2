"""Parser events in, the plain Python document and its source map out, built in one iterative pass.

No tag can construct a Python object, nesting stops at MAX_NESTING levels, aliases share the already-built value
(so an alias bomb stays linear), and every key and value gets its position on the way. Keys and scalars are read
as yaml.v3 reads them (source/scalars.py), and what Ona's reader would refuse or drop is reported as it goes.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from automations_lint.core.diagnostic import Finding, Path, RuleFinding, Severity, Span
from automations_lint.core.excerpt import quoted
from automations_lint.source.lines import Lines
from automations_lint.source.scalars import (
    KNOWN_COLLECTION_TAGS,
    KNOWN_SCALAR_TAGS,
    STR_TAG,
    is_string_key,
    resolve_plain,
    resolve_tagged,
    type_name,
)
from automations_lint.source.source_map import Node, SourceMap, span_from_marks

MERGE_KEY = "<<"
MERGE_TAG = "tag:yaml.org,2002:merge"
# No field of the file lies deeper than six levels, so nothing below this depth can change a verdict. Collections
# deeper than this are kept as empty containers of their kind: that keeps paths short (20,000 nested lists would
# otherwise cost quadratic time) and keeps every value shallow enough for any recursive code that meets it.
MAX_DEPTH = 32
# libyaml's scanner works in time proportional to the nesting for every token: 40,000 nested `[` take 11 s. Ona's
# reader (yaml.v3) refuses nesting deeper than 10,000 too. The build stops at this depth, with a syntax error,
# before the parser has gone far: 1,000 levels cost about 10 ms.
MAX_NESTING = 1000


class Frame:
    """A collection being built. A discarded one (a key that is a collection, or the value of such a key) is
    built all the same, so anchors inside it still resolve, but it is stored nowhere. (A plain class with slots:
    no dataclass is defined on the start-up path, which saves the dataclasses import.)"""

    __slots__ = (
        "alias_anchors",
        "anchor",
        "discard",
        "end",
        "flow",
        "key",
        "merge_pending",
        "merged",
        "merges",
        "path",
        "skip_value",
        "start",
        "value",
        "written",
    )

    def __init__(
        self,
        *,
        value: Any,
        path: Path,
        start: Span,
        flow: bool,
        anchor: str | None,
        discard: bool,
        end: tuple[int, int],
    ) -> None:
        self.value = value  # dict or list
        self.path = path
        self.start = start
        self.flow = flow
        self.anchor = anchor
        self.discard = discard
        self.end = end
        self.key: tuple[str, Span] | None = None  # a mapping key waiting for its value
        self.skip_value = False  # the pending key was unusable: drop its value
        self.merge_pending = False
        self.merged = False  # a "<<" key was seen: a second one is a duplicate key to yaml.v3
        self.merges: list[tuple[dict[str, Any], Node]] = []
        # yaml.v3 finds duplicates by comparing key nodes' kinds and texts: keys written out are compared by their
        # text as written, keys given by an alias by the anchor's name, and never one kind with the other.
        self.written: dict[str, Span] = {}
        self.alias_anchors: dict[str, Span] = {}


class AliasError(Exception):
    """An alias that no reader can resolve, or nesting no reader should be made to follow: the file is not read."""

    def __init__(self, span: Span, message: str) -> None:
        super().__init__(message)
        self.span = span
        self.message = message


class Builder:
    """Turns a stream of events into Python values and source-map entries."""

    def __init__(self, text: str) -> None:
        self.source_map = SourceMap()
        self.problems: list[RuleFinding] = []
        self.stack: list[Frame] = []
        # anchor -> (value, its text when it is a scalar, whether yaml.v3 reads it as a string key)
        self.anchors: dict[str, tuple[Any, str | None, bool]] = {}
        self.open_anchors: set[str] = set()
        self.root: object = None
        self.documents = 0
        self.first_done = False  # the first document has ended: Ona's reader reads nothing after it
        self.lines = Lines(text)
        self._handlers: dict[type, Callable[[Any], None]] = {}

    # -- events -------------------------------------------------------------------------------------------
    def feed(self, event: Any) -> None:
        handler = self._handlers.get(type(event))
        if handler is None:  # once per event class: the C and the pure parser have classes of their own
            handler = self._handlers[type(event)] = self._handler(type(event).__name__)
        handler(event)

    def _handler(self, kind: str) -> Callable[[Any], None]:
        handlers: dict[str, Callable[[Any], None]] = {
            "ScalarEvent": self.scalar,
            "MappingStartEvent": lambda event: self.start_collection(event, {}),
            "SequenceStartEvent": lambda event: self.start_collection(event, []),
            "MappingEndEvent": self.end_collection,
            "SequenceEndEvent": self.end_collection,
            "AliasEvent": self.alias,
            "DocumentStartEvent": self.start_document,
            "DocumentEndEvent": self.end_document,
        }
        return handlers.get(kind, _ignore)  # stream and document ends carry nothing we need

    def start_document(self, _event: Any) -> None:
        self.documents += 1
        self.anchors = {}

    def end_document(self, _event: Any) -> None:
        self.first_done = True

    def scalar(self, event: Any) -> None:
        span = self.span(event)
        text: str = event.value
        plain = event.style in (None, "")
        parent = self.stack[-1] if self.stack else None
        # The common case, a key without tag or anchor: it needs no value of its own, only its text and span.
        bare = event.tag is None and event.anchor is None
        tag = event.tag
        wants_key = parent is not None and _wants_key(parent)
        if tag == MERGE_TAG and not (wants_key and text == MERGE_KEY):
            tag = STR_TAG  # yaml.v3 cannot resolve !!merge on anything else, and reads the text as a string
        string_key = True
        if parent is not None and wants_key:
            if self.merge_key(parent, event, tag, span, plain=plain):
                return
            string_key = is_string_key(text, plain=plain, tag=tag)
        if bare and string_key and parent is not None and _wants_key(parent) and not parent.discard:
            self.take_key(parent, text, span)
            return
        value: object = text
        if tag is not None and tag != "!":
            if tag in KNOWN_SCALAR_TAGS:
                fits, value = resolve_tagged(text, tag)
                if not fits:  # yaml.v3 stops here: an error, whatever the rule's default severity
                    self.report("unsupported-tag", span, f"{quoted(text)} cannot be read as {_short_tag(tag)}", "error")
            elif string_key:  # a tagged key is the invalid-key error below
                self.report_tag(tag, span)
        elif plain:
            value = resolve_plain(text)
        if event.anchor is not None:
            self.anchors[event.anchor] = (value, text, is_string_key(text, plain=plain, tag=tag))
        if not string_key and parent is not None and not parent.discard and len(self.stack) > 1:
            self.non_string_key(parent, text, value, tag, span)
            return
        if not string_key and parent is not None and not parent.discard and value is None:
            self.null_top_level_key(parent, text, span)
            return
        self.deliver(value, span, text, style="" if plain else str(event.style), plain=text if plain else None)

    def merge_key(self, parent: Frame, event: Any, tag: str | None, span: Span, *, plain: bool) -> bool:
        """Take a scalar key that is a merge key, and say whether it was one. yaml.v3 merges at a `<<` key that is
        plain (untagged or "!") or tagged !!merge in any quoting; a quoted or !!str-tagged "<<" is an ordinary key
        (decode.go, isMerge)."""
        if event.value != MERGE_KEY or parent.discard or not (tag == MERGE_TAG or (plain and tag in (None, "!"))):
            return False
        if event.anchor is not None:
            self.anchors[event.anchor] = (MERGE_KEY, MERGE_KEY, True)
        self.take_key(parent, MERGE_KEY, span, merge=True)
        return True

    def alias(self, event: Any) -> None:
        span = self.span(event)
        name = event.anchor
        # Both are errors that stop Ona's reader too, so nothing after them is checked.
        if name in self.open_anchors:
            raise AliasError(span, f'alias "*{name}" refers to a collection that contains it')
        if name not in self.anchors:
            raise AliasError(span, f'alias "*{name}" refers to no anchor defined before it')
        value, key_text, string_key = self.anchors[name]
        parent = self.stack[-1] if self.stack else None
        if parent is not None and _wants_key(parent) and not parent.discard and key_text is not None:
            first = parent.alias_anchors.setdefault(name, span)
            if first is not span:
                message = f'duplicate key "*{name}" (the same alias, first on line {first.line})'
                self.report("duplicate-key", span, message)
            if not string_key and len(self.stack) > 1:
                self.non_string_key(parent, key_text, value, None, span)
                return
            if value is None:
                self.null_top_level_key(parent, key_text, span, alias=True)
                return
        self.deliver(value, span, key_text, alias=True)

    def start_collection(self, event: Any, value: dict[str, Any] | list[Any]) -> None:
        span = self.span(event)
        if len(self.stack) >= MAX_NESTING:
            message = f"collections nested more than {MAX_NESTING:,} levels deep; no reader should follow"
            raise AliasError(span, message)
        tag = event.tag
        if tag is not None and tag != "!" and tag not in KNOWN_COLLECTION_TAGS:
            self.report_tag(tag, span)
        parent = self.stack[-1] if self.stack else None
        discard = (
            self.documents > 1
            or len(self.stack) >= MAX_DEPTH
            or (parent is not None and (parent.discard or parent.skip_value or _wants_key(parent)))
        )
        if event.anchor is not None:
            self.open_anchors.add(event.anchor)
        self.stack.append(
            Frame(
                value=value,
                path=() if discard or parent is None else _child_path(parent),
                start=span,
                flow=bool(event.flow_style),
                anchor=event.anchor,
                discard=discard,
                end=(span.end_line, span.end_column),
            )
        )

    def end_collection(self, event: Any) -> None:
        frame = self.stack.pop()
        if isinstance(frame.value, dict) and not frame.discard:
            self.apply_merges(frame)
        if frame.flow:
            close = self.span(event)
            end = (close.end_line, close.end_column)
        else:
            end = frame.end
        span = Span(frame.start.line, frame.start.column, *end)
        if frame.anchor is not None:
            self.open_anchors.discard(frame.anchor)
            self.anchors[frame.anchor] = (frame.value, None, False)
        self.deliver(frame.value, span, None)

    # -- placing values ---------------------------------------------------------------------------------
    def deliver(
        self,
        value: object,
        span: Span,
        key_text: str | None,
        *,
        style: str | None = None,
        plain: str | None = None,
        alias: bool = False,
    ) -> None:
        """Put a finished value where it belongs: as a key, a mapping value, a list item or the root."""
        parent = self.stack[-1] if self.stack else None
        if parent is None:
            self.document_root(value, Node(span, None, style, plain))
            return
        parent.end = (span.end_line, span.end_column)
        if _wants_key(parent):
            if key_text is None or parent.discard:
                if not parent.discard:
                    self.report("invalid-key", span, "a mapping key must be a name, not a list or mapping")
                parent.key = ("", span)
                parent.skip_value = True
            else:
                self.take_key(parent, key_text, span, alias=alias)
            return
        if not (parent.discard or parent.skip_value):
            self.store(parent, value, Node(span, None, style, plain))
        parent.key = None
        parent.skip_value = parent.merge_pending = False

    def store(self, parent: Frame, value: object, node: Node) -> None:
        if type(parent.value) is list:
            self.source_map.add((*parent.path, len(parent.value)), node)
            parent.value.append(value)
            return
        assert parent.key is not None
        name, key_span = parent.key
        if parent.merge_pending:
            self.take_merge(parent, value, Node(node.value, key_span))
            return
        self.source_map.add((*parent.path, name), Node(node.value, key_span, node.style, node.plain))
        parent.value[name] = value

    def take_key(self, frame: Frame, name: str, span: Span, *, merge: bool = False, alias: bool = False) -> None:
        if merge:
            if frame.merged and not frame.discard:
                self.report("duplicate-key", span, 'duplicate merge key "<<"; give one "<<" a list: <<: [*a, *b]')
            frame.key = (name, span)
            frame.merge_pending = frame.merged = True
            return
        if not alias and not frame.discard:  # an alias key is never a duplicate of a written one (Frame.written)
            self.check_written(frame, name, span)
        frame.key = (name, span)

    def check_written(self, frame: Frame, text: str, span: Span) -> None:
        """Report a key written out that its mapping already has, as yaml.v3 does; the last value wins."""
        first = frame.written.setdefault(text, span)
        if first is not span:
            self.report("duplicate-key", span, f'duplicate key "{text}" (first on line {first.line})')

    def non_string_key(self, frame: Frame, text: str, value: object, tag: str | None, span: Span) -> None:
        """A key that yaml.v3 does not read as a string: its mapping cannot become JSON, so Ona rejects the file.
        (Top-level keys are the exception: Ona's reader decodes them into strings, and unknown-field speaks.)"""
        if tag is not None and tag != "!":
            what = f"a value tagged {_short_tag(tag)}"
        elif isinstance(value, str):
            what = "a date"
        else:
            what = type_name(value)
        self.problems.append(
            RuleFinding(
                "invalid-key",
                Finding(
                    (),
                    f"key {quoted(text)} is read as {what}, not as a string, and Ona cannot read a file with "
                    "such a key",
                    hint="give the key a name" if value is None else f"quote it: {quoted(text)}",
                    span=span,
                ),
            )
        )
        frame.key = ("", span)
        frame.skip_value = True

    def null_top_level_key(self, frame: Frame, text: str, span: Span, *, alias: bool = False) -> None:
        """A null key at the top level: Ona's reader decodes top-level keys into strings and drops one that is
        null, with its value, so the file is read without it (but a second one written alike is a duplicate)."""
        if not alias:
            self.check_written(frame, text, span)
        shown = f"key {quoted(text)}" if text else "an empty key"
        message = f"{shown} at the top level is read as null, and Ona's reader skips it with its value"
        finding = Finding((), message, hint="remove it", span=span, severity="warning")
        self.problems.append(RuleFinding("invalid-key", finding))
        frame.key = ("", span)
        frame.skip_value = True

    def take_merge(self, frame: Frame, value: object, node: Node) -> None:
        sources = value if isinstance(value, list) else [value]
        mappings = [source for source in sources if isinstance(source, dict)]
        if len(mappings) != len(sources):
            self.report("syntax-error", node.value, 'a merge key "<<" needs a mapping or a list of mappings')
            return
        frame.merges.extend((source, node) for source in mappings)

    def apply_merges(self, frame: Frame) -> None:
        """YAML merge keys: explicit keys win, then earlier merged mappings over later ones."""
        mapping: dict[str, Any] = frame.value
        for source, node in frame.merges:
            for name, item in source.items():
                if name not in mapping:
                    mapping[name] = item
                    self.source_map.add((*frame.path, name), node)

    def document_root(self, value: object, node: Node) -> None:
        if self.documents == 1:
            self.root = value
            self.source_map.add((), node)
        elif value is not None:
            self.report(
                "extra-document",
                Span(node.value.line, node.value.column, node.value.line, node.value.column),
                f"a second YAML document (number {self.documents}) in the file; Ona reads only the first",
            )

    # -- helpers ----------------------------------------------------------------------------------------
    def report(self, rule: str, span: Span, message: str, severity: Severity | None = None) -> None:
        self.problems.append(RuleFinding(rule, Finding((), message, span=span, severity=severity)))

    def report_tag(self, tag: str, span: Span) -> None:
        message = f'tag "{_short_tag(tag)}" means nothing to Ona, which reads the value without it'
        self.report("unsupported-tag", span, message)

    def span(self, event: Any) -> Span:
        start, end = event.start_mark, event.end_mark
        end_line, end_column = end.line, end.column
        if end_column == 0 and end_line > start.line:
            # Block scalars and block collections end at the start of the next line; point at the end of the
            # last line they cover instead, where a reader sees them end.
            end_line -= 1
            end_column = self.line_length(end_line)
        return span_from_marks(start.line, start.column, end_line, end_column)

    def line_length(self, index: int) -> int:
        return len(self.lines.line(index + 1))


def _ignore(_event: Any) -> None:
    pass


def _wants_key(frame: Frame) -> bool:
    return frame.key is None and type(frame.value) is dict


def _child_path(parent: Frame) -> Path:
    if isinstance(parent.value, list):
        return (*parent.path, len(parent.value))
    return (*parent.path, parent.key[0] if parent.key is not None else "")


def _short_tag(tag: str) -> str:
    prefix = "tag:yaml.org,2002:"
    return "!!" + tag[len(prefix) :] if tag.startswith(prefix) else tag
