"""Which ledger a command uses: --ledger, $ACCORD_LEDGER, the nearest accord.toml, else the built-in one."""

from __future__ import annotations

import os
from pathlib import Path

from msgspec import Struct

from accord_cli.core.errors import LedgerNotFound

FILENAME = "accord.toml"
ENV_VAR = "ACCORD_LEDGER"


class Location(Struct, frozen=True):
    """Where the ledger comes from. `path` is None for the built-in ledger shipped with accord."""

    path: Path | None
    searched_from: Path | None = None
    revision: str | None = None  # a git revision: the file as committed there, read with `git show`

    @property
    def label(self) -> str:
        if self.path is None:
            return "the built-in ledger"
        return f"{self.path}@{self.revision}" if self.revision else str(self.path)

    def at(self, revision: str) -> Location:
        """This ledger file as a git revision holds it."""
        if self.path is None:
            raise LedgerNotFound(
                "--rev reads the ledger file from git, but no ledger file is in use here; pass --ledger PATH"
            )
        if not revision or revision.startswith("-"):
            raise LedgerNotFound(f"{revision!r} is not a git revision")
        return Location(self.path, revision=revision)


BUILT_IN = Location(None)
# The built-in ledger is a file of the installed package, beside its code.
BUILT_IN_PATH = Path(__file__).resolve().parent.parent / FILENAME


def locate(explicit: Path | None, cwd: Path) -> Location:
    """--ledger (or $ACCORD_LEDGER), else the nearest accord.toml upward from `cwd`, else the built-in one."""
    if explicit is not None:
        return Location(explicit)
    for folder in (cwd, *cwd.parents):
        candidate = folder / FILENAME
        # A folder of that name is found too, to be refused as one rather than passed over in silence.
        if candidate.exists():
            # Relative to where the user stands, so messages read `accord.toml:12`.
            return Location(Path(os.path.relpath(candidate, cwd)))
    return Location(None, searched_from=cwd)
