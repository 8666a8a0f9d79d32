"""What a command works with: the ledger and the output the global options chose, and the prompt before a write."""

import sys
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Optional

import typer

from accord_cli.core.errors import AccordError, AmbiguousName, NotConfirmed
from accord_cli.core.model import Ledger
from accord_cli.render import Format, render
from accord_cli.render.output import Output
from accord_cli.render.result import Report, Result
from accord_cli.storage import ledger_file
from accord_cli.storage.location import Location, locate


class Session:
    """What the global options decided, shared with every command through ctx.obj."""

    def __init__(self, ledger_path: Optional[Path], output: Output) -> None:
        self.ledger_path = ledger_path
        self.output = output
        # Said on stderr once the answer is shown, and only if it is.
        self.notes: list[str] = []
        # The ledger file last read, so that an error pointing at its entries can give their lines.
        self.file: ledger_file.LedgerFile | None = None

    def location(self) -> Location:
        return locate(self.ledger_path, Path.cwd())

    def load(self) -> ledger_file.LedgerFile:
        self.file = ledger_file.load(self.location())
        return self.file

    def explain(self, err: AccordError) -> str:
        """The message of `err`, its entries placed at their lines where it points into the ledger."""
        if isinstance(err, AmbiguousName) and self.file is not None:
            return err.placed(self.file.line_of_signatory)
        return str(err)

    def as_of(self, ledger: Ledger, value: Optional[date]) -> date:
        """The day a command looks at: `value` (its --as-of), else today. A day before the accord
        launched is answered all the same, and `show` adds a word on stderr about why no one is there."""
        on = value or date.today()
        launched = ledger.accord.launched
        if launched is not None and on < launched:
            self.notes.append(
                f"{on.isoformat()} is before {ledger.accord.name or 'the accord'} launched, on "
                f"{launched.isoformat()}: no one had signed yet"
            )
        return on

    def save(
        self,
        file: ledger_file.LedgerFile,
        updated: Ledger,
        *,
        force: bool = False,
        dropping: ledger_file.Dropping = ledger_file.Dropping(),
        showing: str | None = None,
        ask: str | None = None,
        yes: bool = False,
    ) -> bool:
        """Write `updated` over `file`, held first to the rules `accord check` applies: a write that would
        bring in a problem is refused with the rule's words, and what --force lets through is said on stderr.
        Once the write is known to be allowed, what it takes out is shown (`showing`, on stderr) and the
        person is asked `ask` (see `confirm`). False if nothing changed."""
        from accord_cli.core.changes import canonical
        from accord_cli.core.rules import refuse_new_problems

        updated = canonical(updated)  # what every write folds, hand-written entries included
        for problem in refuse_new_problems(file.ledger, updated, date.today(), force=force):
            self.output.note(f"Warning: {problem.subject}: {problem.message}; recorded all the same (--force)")
        for line in (showing or "").splitlines():
            self.output.note(line)
        if ask is not None:
            confirm(ask, yes)
        return ledger_file.save(file, updated, force=force, dropping=dropping)

    @contextmanager
    def editing(self) -> Iterator[ledger_file.LedgerFile]:
        """The ledger, loaded under its lock for a read-modify-write; a wait is announced on stderr."""
        with ledger_file.editing(self.location(), self.output.note) as file:
            self.file = file
            yield file

    def show(self, result: Result | Report, fmt: Format = Format.table, *, to: Path | None = None) -> None:
        """Render `result` on stdout, or into the file `to`: written whole and atomically, never over the
        ledger itself."""
        if to is None:
            render(result, fmt, self.output)
        else:
            kept = Output.to_memory()
            render(result, fmt, kept)
            ledger_file.write_output(to, kept.written(), self.location())
        for note in self.notes:
            self.output.note(note)

    def show_files(self, *files: tuple[Result | Report, Format, Path]) -> None:
        """Render each result into its file, all or none: every file is rendered first, and if one cannot
        be written, those already written are put back as they were (a report refused leaves no chart)."""
        rendered = []
        for result, fmt, path in files:
            kept = Output.to_memory()
            render(result, fmt, kept)
            rendered.append((path, kept.written()))
        ledger_file.write_outputs(rendered, self.location())
        for note in self.notes:
            self.output.note(note)


def session_of(ctx: typer.Context) -> Session:
    session: Session = ctx.obj  # set by the app callback, which runs before every command
    return session


def confirm(question: str, yes: bool) -> None:
    """Go on if `yes` or the person at the terminal agrees; otherwise stop with nothing written."""
    if yes:
        return
    try:
        agreed = typer.confirm(question, default=False, err=True)
    except typer.Abort:  # end of input: nobody there to agree
        agreed = False
    if not agreed and not sys.stdin.isatty():
        typer.echo("", err=True)  # an answer from a pipe is not echoed: end the prompt's line
    if not agreed:
        raise NotConfirmed("not confirmed, nothing was written; pass --yes to write without asking")
