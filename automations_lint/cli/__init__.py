"""The command line: click commands only, thin, over the engine."""
