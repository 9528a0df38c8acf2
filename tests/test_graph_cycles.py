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
