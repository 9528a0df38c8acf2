"""Mutation operators of the kinds mutmut 3 does not make, added to its own by tests/mutation/mutmut_cli.py.

mutmut changes one token at a time: an operator, a constant, a keyword, an argument into None. The fresh samples
(tests/MUTATION.md) showed the mistakes it does not make slipping past tests that catch every token change around
them: a statement deleted, a guard's condition dropped, a wrapper call such as `sorted` dropped, a slice's bound
dropped. Each operator below makes one of those kinds, so that the complete run measures them too and names their
survivors. Each takes one libcst node, as mutmut's operators do, and yields the node that replaces it; mypy
--strict then rejects those that cannot land (a deleted assignment whose name is used later, a deleted `return`
of a value) before any test runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

import libcst as cst

# Calls that wrap a value without changing its kind much: dropping one is a mistake mypy often lets through.
WRAPPERS = frozenset({"sorted", "set", "frozenset", "list", "tuple", "reversed", "dict"})
# Methods whose call without arguments gives a cleaned or copied value of the same type.
CLEANERS = frozenset({"strip", "lstrip", "rstrip", "lower", "upper", "casefold", "copy"})
# The statements that change nothing or only document: deleting them is no mutant.
_INERT = (cst.Pass, cst.Import, cst.ImportFrom, cst.Global, cst.Nonlocal)


def statement_deleted(node: cst.SimpleStatementLine) -> Iterable[cst.SimpleStatementLine]:
    """`x.append(y)`, `return value` or `seen.add(key)` deleted: the line becomes `pass`."""
    if all(isinstance(statement, _INERT) for statement in node.body) or _is_docstring(node):
        return
    yield node.with_changes(body=[cst.Pass()])


def loop_deleted(node: cst.For) -> Iterable[cst.SimpleStatementLine]:
    """A whole `for` loop deleted (a `for` is only ever a statement, so `pass` can take its place)."""
    yield cst.SimpleStatementLine(body=[cst.Pass()], leading_lines=node.leading_lines)


def branch_forced(node: cst.If) -> Iterable[cst.If]:
    """An `if` (or `elif`) whose condition is `False`, so its block never runs, and `True`, so the guard is gone."""
    for literal in ("False", "True"):
        if not (isinstance(node.test, cst.Name) and node.test.value == literal):
            yield node.with_changes(test=cst.Name(literal))


def condition_dropped(node: cst.BooleanOperation) -> Iterable[cst.BaseExpression]:
    """`a and b` (or `a or b`) becomes `a`, and `b`: one part of a condition forgotten."""
    for operand in (node.left, node.right):
        # The operation's own parentheses go around what is left, so that precedence cannot change.
        yield operand.with_changes(lpar=[*node.lpar, *operand.lpar], rpar=[*operand.rpar, *node.rpar])


def wrapper_dropped(node: cst.Call) -> Iterable[cst.BaseExpression]:
    """`sorted(x)` becomes `x`, `text.strip()` becomes `text`: an ordering, a copy or a cleaning forgotten."""
    function = node.func
    if isinstance(function, cst.Name) and function.value in WRAPPERS:
        if len(node.args) == 1 and not node.args[0].star and node.args[0].keyword is None:
            value = node.args[0].value
            yield value.with_changes(lpar=[cst.LeftParen(), *value.lpar], rpar=[*value.rpar, cst.RightParen()])
    elif isinstance(function, cst.Attribute) and function.attr.value in CLEANERS and not node.args:
        yield function.value


def slice_bound_dropped(node: cst.Slice) -> Iterable[cst.Slice]:
    """`x[a:b]` becomes `x[:b]` and `x[a:]`: a slice that keeps too much."""
    if node.lower is not None:
        yield node.with_changes(lower=None)
    if node.upper is not None:
        yield node.with_changes(upper=None)


def _is_docstring(node: cst.SimpleStatementLine) -> bool:
    first = node.body[0]
    return isinstance(first, cst.Expr) and isinstance(first.value, (cst.SimpleString, cst.ConcatenatedString))


# Every node these operators made, so that mutmut_cli.py can number their mutants after mutmut's own. The nodes are
# kept, not only their ids, so that no id can be reused by another node while the run lasts.
MADE: dict[int, cst.CSTNode] = {}


def _recorded(operator: Callable[[Any], Iterable[cst.CSTNode]]) -> Callable[[Any], Iterable[cst.CSTNode]]:
    def recorded(node: Any) -> Iterable[cst.CSTNode]:
        for made in operator(node):
            MADE[id(made)] = made
            yield made

    return recorded


OPERATORS = [
    (node_type, _recorded(operator))
    for node_type, operator in (
        (cst.SimpleStatementLine, statement_deleted),
        (cst.For, loop_deleted),
        (cst.If, branch_forced),
        (cst.BooleanOperation, condition_dropped),
        (cst.Call, wrapper_dropped),
        (cst.Slice, slice_bound_dropped),
    )
]
