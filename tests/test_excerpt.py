"""Commands quoted in messages: one line, whitespace collapsed, long ones cut in the middle, quotes that read."""

from __future__ import annotations

import pytest

from automations_lint.core.excerpt import quoted


@pytest.mark.parametrize(
    ("command", "shown"),
    [
        ("npm run dev", '"npm run dev"'),
        ("docker   run\n  -d   redis", '"docker run -d redis"'),
        ('echo "ready"', "'echo \"ready\"'"),
        ("""echo "it's up" """, '`echo "it\'s up"`'),
        ("""echo "it's `date`" """, '"echo "it\'s `date`""'),
    ],
)
def test_quoted(command: str, shown: str) -> None:
    assert quoted(command) == shown


def test_a_long_command_keeps_its_start_and_end() -> None:
    command = "docker compose --project-directory " + "x" * 300 + " up --detach postgres"
    shown = quoted(command)
    assert len(shown) == 80 + 2
    assert shown.startswith('"docker compose --project-directory xxx')
    assert shown.endswith('xxx up --detach postgres"')
    assert shown.count("…") == 1
