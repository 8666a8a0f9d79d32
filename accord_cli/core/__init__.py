"""The pure core: the ledger's values and everything worked out from them.

Nothing here reads a file, the clock or the terminal, and nothing imports
Typer or Rich: "today" is an argument, and results are plain values.
"""
