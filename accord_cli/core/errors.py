"""Errors a user can cause. Each message says what went wrong and what to do next."""

from __future__ import annotations

from collections.abc import Callable


class AccordError(Exception):
    """A request accord refuses; the CLI prints it on one line and exits 2."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message

    def __str__(self) -> str:
        return self.message


class LedgerNotFound(AccordError):
    """No ledger where the user pointed, or none to write to."""


class LedgerSyntaxError(AccordError):
    """The ledger is not valid TOML; reported as PATH:LINE:COL: message."""

    def __init__(self, path: str, line: int, column: int, reason: str) -> None:
        super().__init__(f"{path}:{line}:{column}: {reason}")
        self.path, self.line, self.column, self.reason = path, line, column, reason


class LedgerInvalid(AccordError):
    """The ledger is valid TOML but not a valid ledger."""


class LedgerReadOnly(AccordError):
    """A write was asked of the built-in ledger, which is never written."""


class LedgerWriteError(AccordError):
    """The ledger could not be written; the old file is left as it was."""


class LedgerExists(AccordError):
    """`accord init` refuses to overwrite a file."""


class DuplicateName(AccordError):
    """A name or alias already belongs to a signatory."""


class LookalikeName(DuplicateName):
    """A name that reads as another's (look-alike characters, or scripts mixed in a word); --force records it."""


class AmbiguousName(AccordError):
    """A name or id that more than one entry of a hand-edited ledger holds: acting on one of them would
    be a guess. `entries` are the positions of those entries in the ledger, and what to call each."""

    def __init__(self, name: str, entries: list[tuple[int, str]]) -> None:
        self.name, self.entries = name, entries
        super().__init__(self.placed(lambda _: None))

    def placed(self, line_of: Callable[[int], int | None]) -> str:
        """The message, each entry with its line in the file where `line_of` (by position) knows it."""
        shown = " and ".join(
            f"{what}" + (f" at line {line}" if (line := line_of(index)) else "") for index, what in self.entries
        )
        return (
            f"'{self.name}' could mean {len(self.entries)} entries: {shown}; give each a name and id of its "
            "own (`accord check` lists them)"
        )


class UnknownPledge(AccordError):
    """A pledge id the accord does not define."""


class InvalidValue(AccordError):
    """A value given on the command line that the ledger cannot hold."""


class UnknownName(AccordError):
    """A name that belongs to no signatory."""


class HistoryConflict(AccordError):
    """A membership change that contradicts what the ledger already records."""


class UnknownWatchlist(AccordError):
    """A --watchlist value that names no watchlist, file or list of names."""


class WatchlistSourceError(AccordError):
    """A watchlist file that cannot be read, or a value that could mean two things."""


class LedgerLocked(AccordError):
    """Another command held the ledger's lock for longer than the timeout."""


class LedgerHasComments(AccordError):
    """A write would drop comments from a hand-edited ledger; --force accepts that."""


class DataLossRefused(AccordError):
    """A write that would drop signatories or events: a bug in accord, refused to protect the file."""


class NotConfirmed(AccordError):
    """A write that needed a yes at the prompt and did not get one."""


class ImportFileError(AccordError):
    """An import file that is not in its format, lacks a name column, or names someone twice."""


class SnapshotError(AccordError):
    """A snapshot (a saved copy of a signatories list) that cannot be read, dated, sourced or placed in the
    history."""


class LedgerChanged(AccordError):
    """The ledger changed between a preview and the write it was confirmed for."""


class GitError(AccordError):
    """git is missing, the ledger is not in a repository, or git refused what was asked of it."""


class UnresolvedMergeConflict(AccordError):
    """The ledger holds git's conflict markers: a merge someone has still to resolve. `conflicts` gives the
    line of each and what its marker says."""

    def __init__(self, label: str, conflicts: list[tuple[int, str]]) -> None:
        self.label, self.conflicts = label, conflicts
        more = f" (and {len(conflicts) - 1} more)" if len(conflicts) > 1 else ""
        each = " of each" if len(conflicts) > 1 else ""
        super().__init__(
            f"unresolved merge conflict at {label}:{conflicts[0][0]}{more}: keep one version{each}, "
            "delete the marker lines, then run `accord check` (which lists every conflict)"
        )
