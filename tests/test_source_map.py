"""The source map (source/source_map.py): a path's own position, or its nearest recorded ancestor's."""

from __future__ import annotations

from automations_lint.core.diagnostic import START_OF_FILE, Span
from automations_lint.source.loader import load
from automations_lint.source.source_map import SourceMap

TEXT = "tasks:\n  build:\n    name: Build\n"


def test_a_path_without_a_node_falls_back_to_its_nearest_recorded_ancestor() -> None:
    source_map = load(TEXT).source_map
    build = source_map.get(("tasks", "build"))
    assert build is not None and build.key == Span(2, 3, 2, 8)
    assert source_map.nearest(("tasks", "build", "command")) == (("tasks", "build"), build)
    assert source_map.nearest(("tasks", "build", "dependsOn", 0)) == (("tasks", "build"), build)
    assert source_map.key_span(("tasks", "build", "command")) == Span(2, 3, 2, 8)
    assert source_map.value_span(("tasks", "build", "name", "x")) == Span(3, 11, 3, 16)


def test_an_empty_map_points_at_the_start_of_the_file() -> None:
    empty = SourceMap()
    assert empty.nearest(("tasks",)) is None
    assert (empty.key_span(("tasks",)), empty.value_span(())) == (START_OF_FILE, START_OF_FILE)


def test_loading_leaves_the_garbage_collector_as_it_found_it() -> None:
    """The loader turns the cyclic collector off while it builds (source/loader.py) and back on only if it was on."""
    import gc

    assert gc.isenabled()
    load(TEXT)
    load("tasks: [")  # a syntax error ends the build early
    assert gc.isenabled()
    gc.disable()
    try:
        load(TEXT)
        assert not gc.isenabled()
    finally:
        gc.enable()


def test_the_loader_gives_the_text_it_read_without_a_leading_byte_order_mark() -> None:
    """`Loaded.text` is what the editor outline (server/outline.py) indexes: the text after a leading BOM, also when
    a later document is broken or holds an alias error; a stray BOM on a later line breaks the file."""
    first = "tasks:\n  build: {name: Build, command: make}\n"
    assert load("\ufeff" + first).text == first
    for later in ("---\ntasks: [\n", "---\ntasks: *nowhere\n"):
        loaded = load(first + later)
        assert (loaded.broken, loaded.text) == (False, first + later)
    stray = load("tasks:\n\ufeff  a: {name: A, command: x}\n")
    assert (stray.broken, stray.data, stray.text) == (True, None, "")
