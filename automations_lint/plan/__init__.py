"""What Ona would run, in which order (`plan`), and the dependency graph drawn (`graph`)."""
