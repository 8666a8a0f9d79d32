"""The `accord` command line: each command parses its arguments, asks the core, renders and saves through
storage; what it decides itself is how to talk to a person (questions, notes, exit statuses)."""

from accord_cli.cli.app import main

__all__ = ["main"]
