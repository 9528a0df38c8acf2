"""What a rule module is: its identity, its documentation, and for document rules a `check` function.

Rule modules satisfy these protocols as modules (PEP 544), so the explicit registry in `registry.py` is
type-checked without classes or registration side effects.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Protocol

from automations_lint.core.diagnostic import Finding, Severity
from automations_lint.rules.document import Document
from automations_lint.schema.errors import SchemaError


class RuleModule(Protocol):
    """Every rule: a code such as AL101, a kebab-case name, a default severity and its docstring."""

    CODE: str
    NAME: str
    SEVERITY: Severity
    __doc__: str | None


class DocumentRule(RuleModule, Protocol):
    """A rule that reads the whole document and reports findings."""

    def check(self, document: Document) -> Iterable[Finding]: ...


class SchemaRule(RuleModule, Protocol):
    """A rule that explains a schema (pydantic) validation error."""

    def explain(self, error: SchemaError) -> Finding: ...
