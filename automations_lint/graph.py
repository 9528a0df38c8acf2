"""Graph walks over dependsOn: strongly connected components and elementary cycles.

Both are iterative (a 20,000-task chain must not hit Python's recursion limit) and deterministic: nodes and
edges are visited in file order.
"""

from __future__ import annotations

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


def elementary_cycles(graph: Graph, *, limit: int) -> tuple[list[list[str]], bool]:
    """Every elementary cycle (Johnson's algorithm), each once, starting at its earliest node in file order.

    Self-loops are left out (they are reported on their own). Returns at most `limit` cycles, and whether more
    exist: a graph can have exponentially many cycles, and nobody reads the thousandth.
    """
    order = {node: position for position, node in enumerate(graph)}
    graph = {
        node: [target for target in targets if target in order and target != node] for node, targets in graph.items()
    }
    pending = [
        sorted(component, key=order.__getitem__) for component in strongly_connected(graph) if len(component) > 1
    ]
    cycles: list[list[str]] = []
    while pending:
        component = pending.pop()
        start, rest = component[0], set(component[1:])
        members = rest | {start}
        for cycle in _cycles_through(start, {node: [t for t in graph[node] if t in members] for node in members}):
            if len(cycles) == limit:
                cycles.sort(key=lambda found: [order[node] for node in found])
                return cycles, True
            cycles.append(cycle)
        sub = {node: [t for t in graph[node] if t in rest] for node in sorted(rest, key=order.__getitem__)}
        pending.extend(
            sorted(component, key=order.__getitem__) for component in strongly_connected(sub) if len(component) > 1
        )
    cycles.sort(key=lambda found: [order[node] for node in found])
    return cycles, False


def _cycles_through(start: str, graph: dict[str, list[str]]) -> Iterator[list[str]]:
    """The elementary cycles through `start` in a strongly connected graph, by Johnson's blocking search."""
    path = [start]
    blocked = {start}
    closed: set[str] = set()
    blocked_by: dict[str, set[str]] = {node: set() for node in graph}
    stack: list[tuple[str, list[str]]] = [(start, list(reversed(graph[start])))]
    while stack:
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
