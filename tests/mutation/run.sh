#!/usr/bin/env bash
# Mutation testing (tests/MUTATION.md): mutmut changes the modules listed in pyproject.toml's [tool.mutmut] one
# small change at a time, runs the tests that call the changed function, and counts the changes no test noticed.
#
#   tests/mutation/run.sh              every mutant, from scratch (about half an hour on 2 CPUs), then the scores
#   tests/mutation/run.sh NAME...      only these mutants (names or globs as `mutmut results` prints them),
#                                      keeping the verdicts of the last run for the others (unless the tests'
#                                      selection or options in pyproject.toml changed since: mutmut then forgets
#                                      every verdict, and score.py counts the others as not run)
#
# Besides mutmut's own token changes, it makes the kinds of tests/mutation/extra_operators.py (statements deleted,
# branches forced, conditions and wrapper calls dropped, slice bounds dropped).
#
# Needs the dev extra (pip install -e '.[dev]'). Everything mutmut writes is under mutants/ (git-ignored).
# Exit status: 0 when the total score reaches the goal in tests/mutation/score.py, 1 when it does not.
set -euo pipefail
cd "$(dirname "$0")/../.."
# The Quick start's virtual environment when there is one and none is active.
if [ -n "${PYTHON:-}" ]; then python=$PYTHON
elif [ -z "${VIRTUAL_ENV:-}" ] && [ -x .venv/bin/python ]; then python=.venv/bin/python
else python=python; fi
# The type check (type_check_command in pyproject.toml) runs `python` and mypy: this environment's, first on PATH.
PATH="$("$python" -c 'import os, sys; print(os.path.dirname(sys.executable))'):$PATH"
export PATH
jobs=${JOBS:-$(nproc 2>/dev/null || echo 2)}
before=$(git status --porcelain 2>/dev/null || true)

if [ "$#" -eq 0 ]; then
  # mutmut keeps the verdicts of unchanged functions between runs; a recorded score starts from nothing.
  rm -rf mutants
fi
mkdir -p mutants
# Each mutant starts pytest anew in a forked process: the plugins the chosen tests do not use (the language
# server's, asyncio's) and the garbage collections pytest runs at its end to find unraisable exceptions cost half
# of that start.
export PYTEST_ADDOPTS="${PYTEST_ADDOPTS:-} -p no:unraisableexception -p no:threadexception -p no:pytest_lsp \
-p no:asyncio -p no:doctest -p no:junitxml -p no:pastebin"
start=$(date +%s)
# mutmut redraws a progress line many times a second: the log keeps it out of the terminal. mutmut_cli.py is mutmut's
# command line with a faster search for the mutant that a type error belongs to (two minutes less).
if ! "$python" tests/mutation/mutmut_cli.py run --max-children "$jobs" "$@" >mutants/run.log 2>&1; then
  tail -n 40 mutants/run.log >&2
  echo "mutmut failed; its whole output is in mutants/run.log" >&2
  exit 2
fi
end=$(date +%s)
echo "mutmut $("$python" -m mutmut --version | awk '{print $NF}'), $jobs workers, $(( (end - start) / 60 )) min $(( (end - start) % 60 )) s"

if [ "$(git status --porcelain 2>/dev/null || true)" != "$before" ]; then
  echo "warning: the run changed files outside mutants/:" >&2
  git status --porcelain >&2
fi
"$python" tests/mutation/score.py
