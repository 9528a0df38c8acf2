"""Commands as shell: word splitting, what a command does (facts), and running ShellCheck."""
