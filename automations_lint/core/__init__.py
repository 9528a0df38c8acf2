"""The values every layer shares (spans, findings, diagnostics, fixes) and small helpers with no dependencies.

Nothing here imports from another part of the package: this is the bottom of the import graph."""
