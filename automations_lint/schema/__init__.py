"""The file's format: the facts (spec), the strict pydantic model, the fast validator and the JSON Schema export."""
