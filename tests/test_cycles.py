"""How many cycles dependency-cycle lists: every one up to its limit of 100, and a note only when there are more.

(The cases in tests/cases/dependency-cycle/ show the messages, the diamond's two cycles among them.)
"""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from automations_lint import lint_text
from automations_lint.core.graph import elementary_cycles
from automations_lint.rules.dependency_cycle import MOST_CYCLES

MORE = "the dependencies hold more cycles than are listed here"


def hub(spokes: int) -> str:
    """A task that depends on `spokes` tasks, each of which depends on it: exactly `spokes` cycles."""
    names = ", ".join(f"t{i}" for i in range(spokes))
    text = f"tasks:\n  hub:\n    name: Hub\n    command: make\n    dependsOn: [{names}]\n"
    return text + "".join(f"  t{i}: {{name: T{i}, command: make, dependsOn: [hub]}}\n" for i in range(spokes))


def test_exactly_the_limit_lists_every_cycle_without_a_note() -> None:
    assert MOST_CYCLES == 100
    diagnostics = lint_text(hub(100))
    assert [d.message for d in diagnostics] == [f'dependency cycle: "hub" -> "t{i}" -> "hub"' for i in range(100)]


def test_one_cycle_over_the_limit_adds_the_note() -> None:
    diagnostics = lint_text(hub(101))
    note = diagnostics[0]
    # On the `tasks` key (a note about all of them), with the hint of what to do.
    assert (note.line, note.column, note.end_line, note.end_column) == (1, 1, 1, 6)
    assert (note.code, note.message, note.hint) == (
        "AL203",
        f"{MORE} (100 listed)",
        "break the cycles listed, then check again to see the rest",
    )
    assert len(diagnostics) == 101


@pytest.mark.parametrize("limit", [2, 3])
def test_both_cycles_of_a_diamond_and_whether_some_were_left_out(limit: int) -> None:
    diamond = {"a": ["b", "c"], "b": ["d"], "c": ["d"], "d": ["a"]}
    cycles, more = elementary_cycles(diamond, limit=limit)
    assert cycles == [["a", "b", "d", "a"], ["a", "c", "d", "a"]]
    assert not more
    assert elementary_cycles(diamond, limit=1) == ([["a", "b", "d", "a"]], True)


def every_cycle(graph: dict[str, list[str]]) -> set[tuple[str, ...]]:
    """Every elementary cycle (self-loops aside), by trying every path: each starting at its earliest node."""
    order = list(graph)
    found: set[tuple[str, ...]] = set()

    def walk(path: list[str]) -> None:
        for target in graph[path[-1]]:
            if target == path[0] and len(path) > 1:
                found.add((*path, target))
            elif target not in path and order.index(target) > order.index(path[0]):
                walk([*path, target])

    for node in order:
        walk([node])
    return found


@given(
    st.integers(1, 7).flatmap(
        lambda size: st.lists(st.lists(st.integers(0, size - 1), max_size=4), min_size=size, max_size=size)
    )
)
def test_every_elementary_cycle_of_a_small_graph_is_found_once(edges: list[list[int]]) -> None:
    graph = {f"n{i}": [f"n{j}" for j in dict.fromkeys(targets)] for i, targets in enumerate(edges)}
    cycles, more = elementary_cycles(graph, limit=10_000)
    assert not more
    assert len(cycles) == len({tuple(cycle) for cycle in cycles})
    assert {tuple(cycle) for cycle in cycles} == every_cycle(graph)
