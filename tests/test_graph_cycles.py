"""dependency-cycle reports every elementary cycle: checked against a brute-force count on every small graph."""

from __future__ import annotations

import itertools
import random

import pytest

from automations_lint.core.graph import elementary_cycles, strongly_connected

NODES = ("a", "b", "c", "d")
PAIRS = [(source, target) for source in NODES for target in NODES if source != target]


def brute_force_cycles(graph: dict[str, list[str]]) -> list[list[str]]:
    """Every elementary cycle, from its earliest node in file order, by trying every path: slow and obvious."""
    order = {node: position for position, node in enumerate(graph)}
    cycles = []

    def walk(path: list[str]) -> None:
        for target in graph[path[-1]]:
            if target == path[0] and len(path) > 1:
                cycles.append([*path, path[0]])
            elif target not in path and order[target] > order[path[0]]:
                walk([*path, target])

    for start in graph:
        walk([start])
    return sorted(cycles, key=lambda cycle: [order[node] for node in cycle])


def graph_of(edges: tuple[tuple[str, str], ...], nodes: tuple[str, ...] = NODES) -> dict[str, list[str]]:
    return {node: [target for source, target in edges if source == node] for node in nodes}


def every_graph() -> list[dict[str, list[str]]]:
    return [graph_of(edges) for size in range(len(PAIRS) + 1) for edges in itertools.combinations(PAIRS, size)]


def test_every_cycle_of_every_four_task_graph() -> None:
    for graph in every_graph():
        assert elementary_cycles(graph, limit=100) == (brute_force_cycles(graph), False), graph


def test_every_cycle_of_random_seven_task_graphs() -> None:
    nodes = tuple("abcdefg")
    pairs = [(source, target) for source in nodes for target in nodes if source != target]
    generator = random.Random(16)
    for _ in range(300):
        graph = graph_of(tuple(pair for pair in pairs if generator.random() < 0.3), nodes)
        assert elementary_cycles(graph, limit=10_000) == (brute_force_cycles(graph), False), graph


def test_a_cut_search_says_so() -> None:
    complete = {node: [target for target in NODES if target != node] for node in NODES}
    everything = brute_force_cycles(complete)
    assert len(everything) == 20
    assert elementary_cycles(complete, limit=20) == (everything, False)
    cycles, more = elementary_cycles(complete, limit=19)
    assert more and len(cycles) == 19 and all(cycle in everything for cycle in cycles)


def test_a_cut_list_still_shows_every_knot() -> None:
    """Each knot's shortest cycle is listed before the search for more stops at the limit, so a second knot of
    tasks is not hidden behind the many cycles of the first."""
    knots = {node: [target for target in "abc" if target != node] for node in "abc"}
    knots |= {node: [target for target in "def" if target != node] for node in "def"}
    assert len(brute_force_cycles(knots)) == 10
    assert elementary_cycles(knots, limit=3) == ([["a", "b", "a"], ["d", "e", "d"], ["d", "e", "f", "d"]], True)


@pytest.mark.parametrize(
    ("budget", "found", "more"),
    [(1, 1, True), (3, 1, True), (4, 2, True), (68, 19, True), (76, 20, True), (77, 20, False)],
)
def test_the_step_budget(budget: int, found: int, more: bool) -> None:
    """The budget counts the search's steps: 77 finish the search for the 20 cycles of four tasks that all depend on
    each other; with fewer, the cycles found so far are reported with the note that there may be more. The second
    cycle takes exactly the fourth step."""
    complete = {node: [target for target in NODES if target != node] for node in NODES}
    cycles, cut = elementary_cycles(complete, limit=100, budget=budget)
    assert (len(cycles), cut) == (found, more)


def test_components_in_reverse_topological_order() -> None:
    graph = {"a": ["b"], "b": ["a", "c"], "c": ["d"], "d": ["c", "e"], "e": []}
    assert strongly_connected(graph) == [["e"], ["d", "c"], ["b", "a"]]


def test_the_default_budget_is_200000_steps() -> None:
    """Nine tasks that all depend on each other have millions of cycles: 200,000 steps list 24,448 of them."""
    nodes = [f"t{number}" for number in range(9)]
    complete = {node: [target for target in nodes if target != node] for node in nodes}
    cycles, more = elementary_cycles(complete, limit=10**6)
    assert (len(cycles), more) == (24_448, True)


@pytest.mark.parametrize(
    ("graph", "limit", "expected"),
    [
        ({"a": ["b"], "b": ["a"]}, 1, ([["a", "b", "a"]], False)),  # exactly the limit: nothing left out
        ({"a": ["a", "b", "x"], "b": ["a"]}, 10, ([["a", "b", "a"]], False)),  # a self-loop and an unknown name
    ],
)
def test_limits_self_loops_and_unknown_names(graph: dict[str, list[str]], limit: int, expected: object) -> None:
    assert elementary_cycles(graph, limit=limit) == expected


@pytest.mark.parametrize(
    ("graph", "budget", "expected"),
    [
        ({"d": ["c", "b"], "c": ["d"], "b": ["d"]}, 200_000, ([["d", "c", "d"], ["d", "b", "d"]], False)),
        ({"d": ["c"], "c": ["d", "b"], "b": ["c"]}, 200_000, ([["d", "c", "d"], ["c", "b", "c"]], False)),
        (
            {"e": ["d", "b"], "d": ["c", "e"], "c": ["d"], "b": ["a", "e"], "a": ["b"]},
            15,
            ([["e", "d", "e"], ["e", "b", "e"], ["b", "a", "b"]], True),
        ),
    ],
)
def test_file_order_not_the_names_decides_where_cycles_start_their_order_and_which_a_budget_reaches(
    graph: dict[str, list[str]], budget: int, expected: object
) -> None:
    """Tasks named against the alphabet: a cycle starts at its earliest task in the file, cycles are listed in file
    order, and a search cut short by its budget has walked the file's order too."""
    assert elementary_cycles(graph, limit=100, budget=budget) == expected
