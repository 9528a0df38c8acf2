"""The engine both front ends call: load, validate, run the rules, attach fixes, apply suppressions and
configuration; and fixing a text by linting it again until nothing more is fixable."""
