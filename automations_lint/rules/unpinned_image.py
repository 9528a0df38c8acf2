"""A docker image without a tag, or tagged `latest`: what it runs changes without a change to the file.

`runsOn.docker.image: node` pulls whatever `node:latest` is on the day the environment starts, so the same
commit can behave differently next month. A version tag (`node:22`) or a digest (`node@sha256:...`) keeps it
reproducible.

Example:

    tasks:
      build:
        name: Build
        command: npm run build
        runsOn:
          docker:
            image: node:latest

Use instead:

    tasks:
      build:
        name: Build
        command: npm run build
        runsOn:
          docker:
            image: node:22

Fix: none.
"""

from __future__ import annotations

from collections.abc import Iterator

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.rules.document import Document

CODE = "AL408"
NAME = "unpinned-image"
SEVERITY: Severity = "info"


def check(document: Document) -> Iterator[Finding]:
    for automation in document.automations():
        runs_on = automation.fields.get("runsOn")
        docker = runs_on.get("docker") if isinstance(runs_on, dict) else None
        image = docker.get("image") if isinstance(docker, dict) else None
        if isinstance(image, str) and image and not pinned(image):
            yield Finding(
                (*automation.path, "runsOn", "docker", "image"),
                f'docker image "{image}" of {automation.kind} "{automation.key}" is not pinned to a version',
                hint=f'name a version tag or a digest, e.g. "{repository(image)}:<version>"',
            )


def pinned(image: str) -> bool:
    """Whether the reference names a tag other than latest, or a digest."""
    if "@" in image:
        return True
    name = image.rsplit("/", 1)[-1]  # a registry port (host:5000/app) is not a tag
    return ":" in name and name.rsplit(":", 1)[1] != "latest"


def repository(image: str) -> str:
    """The image reference without its tag."""
    head, _, name = image.rpartition("/")
    base = name.split(":", 1)[0]
    return f"{head}/{base}" if head else base
