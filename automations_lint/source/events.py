"""The YAML parser's events and scanner tokens: from libyaml through ruamel.yaml.clib when it is installed, else
from ruamel's pure parser, which gives the same items."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any


def events(text: str) -> Iterator[Any]:
    """Parser events of `text`, from the C parser where available."""
    return _stream(text, tokens=False)


def tokens(text: str) -> Iterator[Any]:
    """Scanner tokens of `text` (what tells a comment from text), from the same parser as events()."""
    return _stream(text, tokens=True)


def _stream(text: str, *, tokens: bool) -> Iterator[Any]:
    try:
        from _ruamel_yaml import CParser  # type: ignore[import-not-found]
    except ImportError:  # no compiled ruamel.yaml.clib on this platform: the pure parser gives the same items
        from ruamel.yaml import YAML

        pure = YAML(typ="safe", pure=True)
        yield from pure.scan(text) if tokens else pure.parse(text)
        return
    parser = CParser(text)
    check, get = (parser.check_token, parser.get_token) if tokens else (parser.check_event, parser.get_event)
    try:
        while check():
            yield get()
    finally:
        parser.dispose()
