"""The pure core: the ledger's values and everything worked out from them.

Nothing here imports Typer or Rich, reads the clock or the terminal, or touches a
file a user names: "today" is an argument, and results are plain values. The one
file it reads is its own copy of Unicode's confusables table, shipped inside the
package (core/data), on the first look-alike question.
"""
