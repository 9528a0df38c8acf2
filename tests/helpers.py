"""Small things several test modules share."""

from __future__ import annotations

# The command line run in a child process (`python -c CHILD_CLI ARGS...`) with the shellcheck rule off: its
# findings depend on whether and which ShellCheck is installed, and the child's limits are for our own code.
CHILD_CLI = (
    "import sys\n"
    "from automations_lint.rules import shellcheck\n"
    "shellcheck.check = lambda document: iter(())\n"
    "from automations_lint.cli import main\n"
    "sys.exit(main(sys.argv[1:]))\n"
)
