"""Graph walks over dependsOn: strongly connected components and elementary cycles.

Both are iterative (a 20,000-task chain must not hit Python's recursion limit) and deterministic: nodes and
edges are visited in file order.
"""

from __future__ import annotations

from collections import deque
from collections.abc import Iterator, Mapping, Sequence

Graph = Mapping[str, Sequence[str]]


def strongly_connected(graph: Graph) -> list[list[str]]:
    """Tarjan's algorithm without recursion; components come out in reverse topological order."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    on_stack: set[str] = set()
    stack: list[str] = []
    components: list[list[str]] = []
    for root in graph:
        if root in index:
            continue
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        work: list[tuple[str, Iterator[str]]] = [(root, iter(graph[root]))]
        while work:
            node, edges = work[-1]
            for target in edges:
                if target not in index:
                    index[target] = low[target] = len(index)
                    stack.append(target)
                    on_stack.add(target)
                    work.append((target, iter(graph[target])))
                    break
                if target in on_stack:
                    low[node] = min(low[node], index[target])
            else:
                work.pop()
                if work:
                    parent = work[-1][0]
                    low[parent] = min(low[parent], low[node])
                if low[node] == index[node]:
                    component: list[str] = []
                    while True:
                        member = stack.pop()
                        on_stack.discard(member)
                        component.append(member)
                        if member == node:
                            break
                    components.append(component)
    return components


def elementary_cycles(graph: Graph, *, limit: int, budget: int = 200_000) -> tuple[list[list[str]], bool]:
    """Elementary cycles, each once, starting at its earliest node in file order, and whether some were left out.

    Every strongly connected component gets its shortest cycle through its earliest node first (a linear search),
    so each knot is reported however large it is. Then Johnson's algorithm lists the other cycles until `limit`
    cycles or `budget` steps: a graph can have exponentially many cycles, and nobody reads the thousandth.
    Self-loops are left out (they are reported on their own).
    """
    order = {node: position for position, node in enumerate(graph)}
    edges = {node: [t for t in targets if t in order and t != node] for node, targets in graph.items()}
    components = [sorted(c, key=order.__getitem__) for c in strongly_connected(edges) if len(c) > 1]
    found: dict[tuple[str, ...], None] = {}
    for component in components:
        found[tuple(_shortest_cycle(component[0], edges, set(component)))] = None
    steps = [budget]
    complete = len(found) <= limit and _johnson(edges, components, order=order, found=found, limit=limit, steps=steps)
    cycles = sorted((list(cycle) for cycle in found), key=lambda cycle: [order[node] for node in cycle])
    return cycles[:limit], not complete or len(cycles) > limit


def _johnson(
    graph: dict[str, list[str]],
    components: list[list[str]],
    *,
    order: dict[str, int],
    found: dict[tuple[str, ...], None],
    limit: int,
    steps: list[int],
) -> bool:
    """Add Johnson's cycles to `found`; False when `limit` or the step budget cut the search short."""
    pending = list(components)
    while pending:
        component = pending.pop()
        start, rest = component[0], set(component[1:])
        members = rest | {start}
        sub = {node: [t for t in graph[node] if t in members] for node in members}
        for cycle in _cycles_through(start, sub, steps):
            found[tuple(cycle)] = None
            if len(found) > limit:
                return False
        if steps[0] <= 0:
            return False
        remaining = {node: [t for t in graph[node] if t in rest] for node in sorted(rest, key=order.__getitem__)}
        steps[0] -= len(remaining)
        pending.extend(sorted(c, key=order.__getitem__) for c in strongly_connected(remaining) if len(c) > 1)
    return True


def _shortest_cycle(start: str, graph: Mapping[str, Sequence[str]], members: set[str]) -> list[str]:
    """The shortest cycle through `start` inside a strongly connected component (breadth-first, linear)."""
    parent: dict[str, str] = {}
    queue = deque([start])
    while queue:
        node = queue.popleft()
        for target in graph[node]:
            if target == start:
                path = [node]
                while path[-1] != start:
                    path.append(parent[path[-1]])
                return [*reversed(path), start]
            if target in members and target not in parent:
                parent[target] = node
                queue.append(target)
    raise AssertionError("a strongly connected component always has a cycle through each node")


def _cycles_through(start: str, graph: dict[str, list[str]], steps: list[int]) -> Iterator[list[str]]:
    """The elementary cycles through `start` in a strongly connected graph, by Johnson's blocking search; it stops
    when the shared step budget runs out."""
    path = [start]
    blocked = {start}
    closed: set[str] = set()
    blocked_by: dict[str, set[str]] = {node: set() for node in graph}
    stack: list[tuple[str, list[str]]] = [(start, list(reversed(graph[start])))]
    while stack and steps[0] > 0:
        steps[0] -= 1
        node, targets = stack[-1]
        if targets:
            target = targets.pop()
            if target == start:
                yield [*path, start]
                closed.update(path)
            elif target not in blocked:
                path.append(target)
                stack.append((target, list(reversed(graph[target]))))
                closed.discard(target)
                blocked.add(target)
                continue
        if not targets:
            if node in closed:
                _unblock(node, blocked, blocked_by)
            else:
                for target in graph[node]:
                    blocked_by[target].add(node)
            stack.pop()
            path.pop()


def _unblock(node: str, blocked: set[str], blocked_by: dict[str, set[str]]) -> None:
    pending = {node}
    while pending:
        current = pending.pop()
        if current in blocked:
            blocked.discard(current)
            pending.update(blocked_by[current])
            blocked_by[current].clear()
