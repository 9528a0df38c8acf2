"""mutmut's command line, with the mutation kinds of extra_operators.py added to its own, and its type-check step
finding each error's mutant by the ast module instead of libcst.

After the type checker ran (tests/mutation/type_check.py), mutmut 3.8 parses every mutated file that has an error
with libcst, whose metadata wrapper copies the whole tree: about two minutes of one CPU for our 61 files, before any
test runs. The standard library's parser gives the same first and last line of every mutant's function in a few
seconds. The verdicts are the same: each error is given to the mutant whose function holds its line, and an error
outside every mutant stops the run, as in mutmut (mutmut/mutation/file_mutation.py, filter_mutants_with_type_checker).

    python tests/mutation/mutmut_cli.py run [NAME...]     # what `python -m mutmut run` does
"""

from __future__ import annotations

import ast
import sys
from collections import defaultdict
from pathlib import Path
from typing import Any

import mutmut.__main__ as mutmut_main
from extra_operators import MADE, OPERATORS
from mutmut.configuration import config
from mutmut.mutation import file_mutation
from mutmut.mutation.file_mutation import FailedTypeCheckMutant, MutatedMethodLocation, Mutation
from mutmut.mutation.mutators import mutation_operators
from mutmut.type_checking import TypeCheckingError, run_type_checker
from mutmut.utils.file_utils import change_cwd
from mutmut.utils.format_utils import get_mutant_name, is_mutated_method_name


def mutated_functions(path: Path) -> list[MutatedMethodLocation]:
    """Every mutant's function (and original copy) at module or class level, with its first and last line."""
    tree = ast.parse(path.read_text(encoding="utf-8"))
    bodies = [tree.body] + [node.body for node in tree.body if isinstance(node, ast.ClassDef)]
    return [
        MutatedMethodLocation(path, node.name, node.lineno, node.end_lineno or node.lineno)
        for body in bodies
        for node in body
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)) and is_mutated_method_name(node.name)
    ]


def filter_mutants_with_type_checker() -> dict[str, FailedTypeCheckMutant]:
    with change_cwd(Path("mutants")):
        by_path: dict[Path, list[TypeCheckingError]] = defaultdict(list)
        for error in run_type_checker(config().type_check_command):
            by_path[error.file_path].append(error)
        caught: dict[str, FailedTypeCheckMutant] = {}
        for path, errors in by_path.items():
            functions = mutated_functions(path)
            if not functions:
                continue
            for error in errors:
                line = error.line_number
                found = next((f for f in functions if f.line_number_start <= line <= f.line_number_end), None)
                if found is None:
                    raise Exception(f"no mutant holds the type error {path}:{line} ({error.error_description})")
                name = get_mutant_name(path.relative_to(Path(".").absolute()), found.function_name)
                caught[name] = FailedTypeCheckMutant(method_location=found, name=name, error=error)
        return caught


_create_mutations = file_mutation.create_mutations


def create_mutations(*arguments: Any, **options: Any) -> tuple[Any, list[Mutation], set[str], set[str]]:
    """mutmut's mutations of a file, those of extra_operators.py last.

    mutmut numbers a function's mutants in the order they were made, and its visitor makes a statement's own mutants
    (a kind of extra_operators.py) before those of the tokens inside it. Put last, they leave every mutmut mutant
    the name it has in a run without them: the names tests/MUTATION.md lists as left out of the score."""
    module, mutations, classes, functions = _create_mutations(*arguments, **options)
    mutations.sort(key=lambda mutation: id(mutation.mutated_node) in MADE)
    return module, mutations, classes, functions


mutmut_main.filter_mutants_with_type_checker = filter_mutants_with_type_checker  # type: ignore[assignment]
file_mutation.create_mutations = create_mutations
# The list mutmut's visitor reads when it makes the mutants (in worker processes forked after this line).
assert isinstance(mutation_operators, list)
mutation_operators.extend(OPERATORS)

if __name__ == "__main__":
    sys.exit(mutmut_main.cli())
