"""The result cache's folder and ShellCheck's answers by script (docs/cache.md); whole-file results: engine/cache.py."""
