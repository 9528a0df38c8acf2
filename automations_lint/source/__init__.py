"""Reading bytes into data with positions: files and discovery, the YAML loader, scalars and the source map."""
