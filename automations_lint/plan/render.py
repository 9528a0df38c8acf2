"""Services, tasks, dependsOn and triggers as a Mermaid flowchart or a Graphviz digraph.

An arrow goes from a dependency to the task that waits for it: `A --> B` means A runs before B (B dependsOn A), so
a left-to-right drawing reads in the order things run, like the groups of `plan`. Dotted arrows come from the
triggers that start an automation by themselves. Edges on a dependency cycle and the tasks on one are red; a
dependsOn entry that names nothing points from a dashed "missing" node. Only what the file holds is drawn, so a
file with errors still gets its picture.

Node ids are made from the keys with every character outside [A-Za-z0-9_] replaced and a kind prefix (`task_`,
`service_`, ...): they are never a keyword of either language and never collide. Labels are escaped for each
language, so no name can end a label early or inject markup.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Literal

from automations_lint.core.graph import strongly_connected
from automations_lint.plan.order import Step, file_order, resolve
from automations_lint.reporters.terminal import printable
from automations_lint.rules.document import Automation, Document

NodeKind = Literal["service", "task", "missing", "trigger"]
LEGEND = "A -> B: A runs before B (B dependsOn A); dotted arrows come from triggers; red: a dependency cycle"
_UNSAFE_ID = re.compile(r"[^A-Za-z0-9_]")
# Characters a Mermaid label shows as they are; everything else becomes an entity code such as #34;.
_MERMAID_PLAIN = frozenset(" _-.,/()'+!?=@")


@dataclass(frozen=True)
class Node:
    """A box in the drawing. `name` is the automation's name when it says more than its key."""

    id: str
    kind: NodeKind
    key: str
    name: str | None = None
    cycle: bool = False


@dataclass(frozen=True)
class Edge:
    """An arrow: from a dependency to its dependent, or from a trigger to what it starts."""

    source: str
    target: str
    kind: Literal["dependency", "trigger"]
    cycle: bool = False


@dataclass(frozen=True)
class Drawing:
    """Nodes in file order (then missing references, then triggers); dependency edges first, then triggers."""

    nodes: tuple[Node, ...]
    edges: tuple[Edge, ...]


def drawing(document: Document) -> Drawing:
    """What to draw for `document`; the same document always gives the same drawing."""
    ids = _Ids()
    order = file_order(document)
    automations = sorted(document.automations(), key=lambda item: order[Step(item.kind, item.key)])
    on_cycle = _cycle_members(document)
    node_of: dict[Step, Node] = {}
    for automation in automations:
        node = Node(ids.new(automation.kind, automation.key), automation.kind, automation.key, _name(automation))
        node_of[Step(automation.kind, automation.key)] = node
    nodes = [
        Node(node.id, node.kind, node.key, node.name, cycle=node.kind == "task" and node.key in on_cycle)
        for node in node_of.values()
    ]
    edges: list[Edge] = []
    missing: dict[str, Node] = {}
    for task in (automation for automation in automations if automation.kind == "task"):
        for reference in dict.fromkeys(reference for _, reference in task.strings("dependsOn")):
            source = _source(document, reference, node_of, missing, ids)
            cycle = source.kind == "task" and _same_cycle(source.key, task.key, on_cycle)
            edges.append(Edge(source.id, node_of[Step("task", task.key)].id, "dependency", cycle))
    triggers: dict[str, Node] = {}
    for automation in automations:
        for trigger in dict.fromkeys(trigger for _, trigger in automation.strings("triggeredBy")):
            if trigger not in triggers:
                triggers[trigger] = Node(ids.new("trigger", trigger), "trigger", trigger)
            edges.append(Edge(triggers[trigger].id, node_of[Step(automation.kind, automation.key)].id, "trigger"))
    return Drawing((*nodes, *missing.values(), *triggers.values()), tuple(edges))


def mermaid(document: Document) -> str:
    """A `flowchart LR` that GitHub renders in a ```mermaid block."""
    picture = drawing(document)
    lines = ["flowchart LR", f"  %% {LEGEND}"]
    lines += (f"  {node.id}{_mermaid_shape(node)}" for node in picture.nodes)
    lines += (f"  {edge.source} {'-.->' if edge.kind == 'trigger' else '-->'} {edge.target}" for edge in picture.edges)
    lines += _mermaid_styles(picture)
    return "\n".join(lines) + "\n"


def dot(document: Document) -> str:
    """A Graphviz `digraph` for `dot -Tsvg`."""
    picture = drawing(document)
    lines = ["digraph automations {", f"  // {LEGEND}", "  rankdir=LR;", '  node [shape=box, fontname="Helvetica"];']
    lines += (f"  {node.id} [{', '.join(_dot_node_attributes(node))}];" for node in picture.nodes)
    for edge in picture.edges:
        attributes = _dot_edge_attributes(edge)
        lines.append(f"  {edge.source} -> {edge.target}" + (f" [{', '.join(attributes)}];" if attributes else ";"))
    lines.append("}")
    return "\n".join(lines) + "\n"


RENDERERS: dict[str, Callable[[Document], str]] = {"mermaid": mermaid, "dot": dot}


class _Ids:
    """Safe, unique node ids: the kind, then the key with unsafe characters replaced, then a number if taken."""

    def __init__(self) -> None:
        self._used: set[str] = set()

    def new(self, kind: str, key: str) -> str:
        base = f"{kind}_{_UNSAFE_ID.sub('_', key)}"
        candidate, number = base, 1
        while candidate in self._used:
            number += 1
            candidate = f"{base}_{number}"
        self._used.add(candidate)
        return candidate


def _name(automation: Automation) -> str | None:
    name = automation.text("name")
    return name if name and name != automation.key else None


def _cycle_members(document: Document) -> dict[str, int]:
    """Task key -> the number of its dependency cycle, for the tasks on one (self-dependent tasks included)."""
    graph = document.task_graph()
    members: dict[str, int] = {}
    for number, component in enumerate(strongly_connected(graph)):
        if len(component) > 1 or component[0] in graph[component[0]]:
            members.update(dict.fromkeys(component, number))
    return members


def _same_cycle(dependency: str, dependent: str, on_cycle: dict[str, int]) -> bool:
    return dependency in on_cycle and on_cycle[dependency] == on_cycle.get(dependent)


def _source(document: Document, reference: str, node_of: dict[Step, Node], missing: dict[str, Node], ids: _Ids) -> Node:
    """The node a dependsOn entry points from: the task or service it names, or a missing node made for it."""
    step = resolve(document, reference)
    if step is not None:
        return node_of[step]
    if reference not in missing:
        missing[reference] = Node(ids.new("missing", reference), "missing", reference)
    return missing[reference]


def _label_lines(node: Node) -> list[str]:
    if node.kind == "missing":
        return [node.key, "(missing)"]
    return [node.key] if node.name is None else [node.key, node.name]


def _mermaid_text(text: str) -> str:
    """`text` for inside a quoted Mermaid label: characters with a meaning to Mermaid or HTML as entity codes."""
    return "".join(char if char.isalnum() or char in _MERMAID_PLAIN else f"#{ord(char)};" for char in printable(text))


def _mermaid_shape(node: Node) -> str:
    label = "<br/>".join(_mermaid_text(line) for line in _label_lines(node))
    opening, closing = {"service": ("([", "])"), "trigger": ("{{", "}}")}.get(node.kind, ("[", "]"))
    return f'{opening}"{label}"{closing}'


def _mermaid_styles(picture: Drawing) -> Iterator[str]:
    """classDef and linkStyle lines for triggers, missing nodes and cycles: only those the drawing uses."""
    styles = {
        "trigger": "fill:#f6f8fa,stroke:#8c959f,color:#57606a",
        "missing": "fill:#fff,stroke:#cf222e,stroke-dasharray:5 5",
        "cycle": "stroke:#cf222e,stroke-width:3px",
    }
    for style, definition in styles.items():
        members = [node.id for node in picture.nodes if (node.cycle if style == "cycle" else node.kind == style)]
        if members:
            yield f"  classDef {style} {definition}"
            yield f"  class {','.join(members)} {style}"
    red = [str(index) for index, edge in enumerate(picture.edges) if edge.cycle]
    if red:
        yield f"  linkStyle {','.join(red)} stroke:#cf222e,stroke-width:3px"


def _dot_text(text: str) -> str:
    """`text` inside a quoted DOT string: backslashes doubled (so `\\N` stays text), quotes escaped. Line breaks
    never get here: printable() has written them as `\\x0a`, which the doubled backslash keeps as text."""
    return printable(text).replace("\\", "\\\\").replace('"', '\\"')


def _dot_node_attributes(node: Node) -> Iterator[str]:
    yield 'label="' + "\\n".join(_dot_text(line) for line in _label_lines(node)) + '"'
    if node.kind == "service":
        yield "style=rounded"
    elif node.kind == "missing":
        yield "style=dashed"
        yield "color=red3"
    elif node.kind == "trigger":
        yield from ("shape=hexagon", "color=gray50", "fontcolor=gray30", "fontsize=10")
    if node.cycle:
        yield from ("color=red3", "penwidth=2")


def _dot_edge_attributes(edge: Edge) -> list[str]:
    if edge.kind == "trigger":
        return ["style=dotted", "color=gray50"]
    return ["color=red3", "penwidth=2"] if edge.cycle else []
