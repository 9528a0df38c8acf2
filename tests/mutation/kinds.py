"""The kind of each mutant of a run: one of mutmut's token changes, or one of the kinds of extra_operators.py.

mutmut's verdicts name a mutant by its function and number only. Its mutated file (mutants/automations_lint/...)
holds the function's original copy (`..._mutmut_orig`) beside each mutant (`..._mutmut_N`), so the kind is read
from the first place where the two syntax trees differ.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from pathlib import Path

from extra_operators import CLEANERS, WRAPPERS

STATEMENT = "statement deleted"
BRANCH = "branch forced"
CONDITION = "condition dropped"
WRAPPER = "wrapper dropped"
SLICE = "slice bound dropped"
TOKEN = "token (mutmut)"
KINDS = (TOKEN, STATEMENT, BRANCH, CONDITION, WRAPPER, SLICE)


def kinds_in(path: Path) -> dict[str, str]:
    """The kind of every mutant in one of mutmut's mutated files, by the function name mutmut gives it."""
    functions = {node.name: node for node in _functions(ast.parse(path.read_text(encoding="utf-8")))}
    found = {}
    for name, function in functions.items():
        stem, _, number = name.rpartition("__mutmut_")
        original = functions.get(f"{stem}__mutmut_orig")
        if number.isdigit() and original is not None:
            found[name] = kind(original, function)
    return found


def kind(original: ast.AST, mutant: ast.AST) -> str:
    difference = _first_difference(original, mutant, None)
    if difference is None:
        return TOKEN
    before, after, parent = difference
    if isinstance(before, ast.stmt) and isinstance(after, ast.Pass):
        return STATEMENT
    if isinstance(parent, ast.If) and parent.test is before and _is_bool(after) and not _is_bool(before):
        return BRANCH
    if isinstance(before, ast.BoolOp) and _dropped_operand(before, after):
        return CONDITION
    if isinstance(before, ast.Call) and _unwrapped(before, after):
        return WRAPPER
    if isinstance(before, ast.Slice) and isinstance(after, ast.Slice) and _bound_dropped(before, after):
        return SLICE
    return TOKEN


def _functions(tree: ast.Module) -> Iterator[ast.FunctionDef | ast.AsyncFunctionDef]:
    for node in tree.body:
        body = node.body if isinstance(node, ast.ClassDef) else [node]
        yield from (item for item in body if isinstance(item, (ast.FunctionDef, ast.AsyncFunctionDef)))


def _first_difference(before: ast.AST, after: ast.AST, parent: ast.AST | None) -> tuple[ast.AST, ast.AST,
                                                                                         ast.AST | None] | None:
    """The outermost pair of nodes that differ, with the node that holds them; None when only the name differs."""
    # `sorted(f(x))` without its wrapper is a call too, and `a or (b and c)` without `a` an operation: compared field
    # by field, they would look like a renamed call and a changed operator.
    if (
        type(before) is not type(after)
        or (isinstance(before, ast.Call) and _unwrapped(before, after))
        or (isinstance(before, ast.BoolOp) and _dropped_operand(before, after))
    ):
        return before, after, parent
    for field in before._fields:
        if field == "name" and isinstance(before, (ast.FunctionDef, ast.AsyncFunctionDef)):
            continue
        old, new = getattr(before, field), getattr(after, field)
        # A field holds a node, a list of nodes, or a plain value (an operator's name, a constant, None).
        olds, news = (old, new) if isinstance(old, list) and isinstance(new, list) else ([old], [new])
        if len(olds) != len(news):
            return before, after, parent
        for old_item, new_item in zip(olds, news, strict=True):
            if isinstance(old_item, ast.AST) and isinstance(new_item, ast.AST):
                found = _first_difference(old_item, new_item, before)
                if found is not None:
                    return found
            elif old_item != new_item:
                return before, after, parent
    return None


def _same(first: ast.AST, second: ast.AST) -> bool:
    return ast.dump(first) == ast.dump(second)


def _is_bool(node: ast.AST) -> bool:
    return isinstance(node, ast.Constant) and isinstance(node.value, bool)


def _dropped_operand(before: ast.BoolOp, after: ast.AST) -> bool:
    """`a and b and c` (one BoolOp of three in Python's tree, two nested ones in libcst's) loses operands: those
    left keep their order (libcst drops one, or all those left of a nested operation)."""
    if any(_same(value, after) for value in before.values):
        return True
    if not isinstance(after, ast.BoolOp) or type(after.op) is not type(before.op):
        return False
    if len(after.values) >= len(before.values):
        return False
    remaining = iter([ast.dump(value) for value in before.values])
    return all(any(kept == value for value in remaining) for kept in (ast.dump(value) for value in after.values))


def _unwrapped(before: ast.Call, after: ast.AST) -> bool:
    function = before.func
    if isinstance(function, ast.Name) and function.id in WRAPPERS and len(before.args) == 1:
        return _same(before.args[0], after)
    return isinstance(function, ast.Attribute) and function.attr in CLEANERS and _same(function.value, after)


def _bound_dropped(before: ast.Slice, after: ast.Slice) -> bool:
    return (before.lower is not None and after.lower is None) or (before.upper is not None and after.upper is None)
