"""The rules: one module each, listed in `registry.py`."""
