"""The `accord` command line: parse arguments, call the core, render, save. No logic of its own."""

from accord_cli.cli.app import main

__all__ = ["main"]
