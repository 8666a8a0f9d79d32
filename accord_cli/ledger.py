"""Finding, reading and writing ledger files: the only module that touches the file system."""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import tomli

from accord_cli import cache
from accord_cli.dates import parse_date
from accord_cli.document import decode, encode
from accord_cli.errors import (
    AccordError,
    DataLossRefused,
    LedgerHasComments,
    LedgerInvalid,
    LedgerNotFound,
    LedgerReadOnly,
    LedgerSyntaxError,
    LedgerWriteError,
    WatchlistSourceError,
)
from accord_cli.model import Ledger, Problem

FILENAME = "accord.toml"
ENV_VAR = "ACCORD_LEDGER"


@dataclass(frozen=True)
class Location:
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
            raise LedgerNotFound("--rev reads the ledger file from git, but no ledger file is in use here; "
                                 "pass --ledger PATH")
        if not revision or revision.startswith("-"):
            raise LedgerNotFound(f"{revision!r} is not a git revision")
        return Location(self.path, revision=revision)


def locate(explicit: Path | None, cwd: Path) -> Location:
    """--ledger (or $ACCORD_LEDGER), else the nearest accord.toml upward from `cwd`, else the built-in one."""
    if explicit is not None:
        return Location(explicit)
    for folder in (cwd, *cwd.parents):
        candidate = folder / FILENAME
        if candidate.is_file():
            # Relative to where the user stands, so messages read `accord.toml:12`.
            return Location(Path(os.path.relpath(candidate, cwd)))
    return Location(None, searched_from=cwd)


_DATE_VALUE = re.compile(r"=\s*(\d{1,4}-\d{1,2}-\d{1,2})(?=\s|$|#|,|\])")
_HEADER = re.compile(r"^\s*(\[\[?)\s*([^\]\[]+?)\s*\]\]?")
_KEY = re.compile(r'^\s*("?)([^"=\s]+)\1\s*=')


def _syntax_error(label: str, text: str, err: tomli.TOMLDecodeError) -> LedgerSyntaxError:
    line_no, column, reason = err.lineno, err.colno, err.msg
    lines = text.splitlines()
    line = lines[line_no - 1] if 0 < line_no <= len(lines) else ""
    # tomli reports a malformed date as a stray character or an "invalid date or
    # datetime"; name the date and what was expected instead.
    for match in _DATE_VALUE.finditer(line):
        try:
            parse_date(match.group(1))
        except ValueError as bad_date:
            return LedgerSyntaxError(label, line_no, match.start(1) + 1, str(bad_date))
    if reason == "Illegal character '\\n'":
        reason = "string not closed before the end of the line"
    return LedgerSyntaxError(label, line_no, column, reason[:1].lower() + reason[1:])


@dataclass
class LedgerFile:
    """A ledger as read from disk: its text, the model, and what is wrong with it."""

    location: Location
    text: str
    ledger: Ledger | None
    problems: list[Problem]

    @property
    def label(self) -> str:
        return self.location.label

    @cached_property
    def _lines(self) -> list[str]:
        return self.text.splitlines()

    @cached_property
    def _sections(self) -> list[tuple[str, bool, int]]:
        sections = []
        for number, line in enumerate(self._lines, start=1):
            match = _HEADER.match(line)
            if match:
                sections.append((match.group(2), match.group(1) == "[[", number))
        return sections

    @cached_property
    def _blocks(self) -> dict[str, list[int]]:
        """The header line of each [[name]] block, by name, in file order."""
        blocks: dict[str, list[int]] = {}
        for name, is_array, line in self._sections:
            if is_array:
                blocks.setdefault(name, []).append(line)
        return blocks

    def line_of(self, path: tuple[str | int, ...]) -> int | None:
        """The line a problem's path points at: its key's line, else its section's header."""
        if not path:
            return None
        head, *rest = path
        start = None
        if rest and isinstance(rest[0], int):
            blocks = self._blocks.get(str(head), [])
            if rest[0] < len(blocks):
                start = blocks[rest[0]]
            rest = rest[1:]
        else:
            start = next((line for name, _, line in self._sections if name == head), None)
        if start is None:
            return None
        key = next((part for part in rest if isinstance(part, str)), None)
        if key is None:
            return start
        lines = self._lines
        for number in range(start, len(lines)):
            if _HEADER.match(lines[number]):
                break
            match = _KEY.match(lines[number])
            if match and match.group(2) == key:
                return number + 1
        return start


def _read_bytes(location: Location) -> bytes:
    if location.path is None:
        from importlib import resources

        return resources.files("accord_cli").joinpath(FILENAME).read_bytes()
    if location.revision is not None:
        return _git_show(location.path, location.revision)
    try:
        return location.path.read_bytes()
    except FileNotFoundError:
        raise LedgerNotFound(f"no ledger at {location.path}: create one with `accord init {location.path}`") from None
    except IsADirectoryError:
        raise LedgerNotFound(f"{location.path} is a directory, not a ledger file") from None
    except OSError as err:
        raise LedgerNotFound(f"cannot read {location.path}: {err.strerror}") from None


def _git_show(path: Path, revision: str) -> bytes:
    import subprocess

    target = path.resolve()
    try:
        result = subprocess.run(["git", "-C", str(target.parent), "show", f"{revision}:./{target.name}"],
                                capture_output=True, timeout=60, check=False)
    except FileNotFoundError:
        raise LedgerNotFound("--rev needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise LedgerNotFound(f"git took over a minute to show {path} at {revision}") from None
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines() or ["git show failed"]
        reason = lines[0].removeprefix("fatal: ")
        raise LedgerNotFound(f"cannot read {path} at revision {revision}: {reason}")
    return result.stdout


def _utf8(path: Path, data: bytes, error: type[AccordError]) -> str:
    """`data` as text, a leading byte-order mark dropped; `error` naming the bad byte otherwise."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        raise error(f"{path}: not UTF-8 text (bad byte at offset {err.start})") from None


def parse(label: str, text: str) -> dict[str, Any]:
    try:
        return tomli.loads(text)
    except tomli.TOMLDecodeError as err:
        raise _syntax_error(label, text, err) from None
    except RecursionError:
        raise LedgerInvalid(f"{label}: nested too deeply to be a ledger") from None


def read(location: Location) -> LedgerFile:
    """The ledger at `location`, decoded as far as it goes; problems are listed, not raised.

    A large ledger's decoded form is cached by content (see cache.py), so only
    the first command after a change pays for parsing it.
    """
    data = _read_bytes(location)
    text = _utf8(Path(location.label), data, LedgerInvalid)
    with _collector_paused():
        ledger, problems = cache.remembered(data, lambda: decode(parse(location.label, text)))
    return LedgerFile(location, text, ledger, problems)


@contextmanager
def _collector_paused() -> Iterator[None]:
    # Parsing builds hundreds of thousands of objects and no cycles; the garbage
    # collector's passes over them would cost a third of the time.
    was_enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if was_enabled:
            gc.enable()


def load(location: Location) -> LedgerFile:
    """The ledger at `location`, refusing one that cannot be understood."""
    file = read(location)
    if file.ledger is None:
        first = next(p for p in file.problems if p.fatal)
        line = file.line_of(first.path)
        where = f"{file.label}:{line}" if line else file.label
        subject = f"{first.subject}: " if first.subject else ""
        raise LedgerInvalid(f"{where}: {subject}{first.message} (run `accord check` to list every problem)")
    return file


def read_text_file(path: Path, what: str, error: type[AccordError] = WatchlistSourceError) -> str:
    """A UTF-8 input file's text (a byte-order mark dropped); `error` saying why it cannot be read."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise error(f"{what} {path} is a directory") from None
    except OSError as err:
        raise error(f"cannot read {what} {path}: {err.strerror}") from None
    return _utf8(path, data, error)


def write_output(path: Path, data: bytes, ledger_in_use: Location) -> None:
    """Write an export or a report at `path`, atomically, replacing any file there but the ledger itself."""
    if ledger_in_use.path is not None and path.exists() and path.resolve() == ledger_in_use.path.resolve():
        raise LedgerWriteError(f"{path} is the ledger itself; choose another output file")
    from accord_cli import safe_write

    safe_write.replace(path, data)


def read_name_list(path: Path) -> list[str] | Ledger:
    """Organisation names from a file: one per line (.txt and anything else; blank lines, # comments and
    bullets skipped), a CSV with a `name` column (.csv), or another accord ledger (.toml, returned whole)."""
    if path.suffix.lower() == ".toml":
        file = load(Location(path))
        assert file.ledger is not None
        return file.ledger
    from accord_cli.importing import ImportFormat, read_rows

    text = read_text_file(path, "watchlist file")
    fmt = ImportFormat.csv if path.suffix.lower() == ".csv" else ImportFormat.text
    return [row.name for row in read_rows(text, fmt, str(path), allow_repeats=True).rows]


def dumps(ledger: Ledger) -> str:
    # The TOML writer is imported here so that only commands that write pay for it.
    from accord_cli import layout

    return layout.dumps(encode(ledger))


def require_writable(location: Location) -> None:
    """Refuse the built-in ledger, which is never written, before any work is done."""
    if location.path is None:
        raise LedgerReadOnly(
            f"no ledger to write: no --ledger or ${ENV_VAR}, and no {FILENAME} in {location.searched_from} "
            f"or its parents; create one with `accord init` or pass --ledger PATH"
        )


@contextmanager
def editing(location: Location, on_wait: Callable[[str], None]) -> Iterator[LedgerFile]:
    """The ledger at `location`, loaded under its exclusive lock, held until the block ends.

    Every read-modify-write goes through here, so overlapping commands queue
    up instead of overwriting each other's changes.
    """
    require_writable(location)
    assert location.path is not None
    if not location.path.is_file():
        load(location)  # raises the reason it cannot be read
    from accord_cli import safe_write

    target = location.path.resolve()
    with safe_write.locked(target, on_wait, label=location.label):
        safe_write.remove_stray_temporaries(target)
        yield load(location)


def _event_count(ledger: Ledger) -> int:
    return sum(len(s.events) for s in ledger.signatories)


def _refuse_data_loss(before: Ledger, after: Ledger, label: str) -> None:
    # No command removes a signatory or an event; losing one means a bug, and the file is worth more.
    for what, old, new in (("signatories", len(before.signatories), len(after.signatories)),
                           ("events", _event_count(before), _event_count(after))):
        if new < old:
            raise DataLossRefused(f"internal error: this change would drop {old - new} {what} from {label}; "
                                  "nothing was written (please report this as a bug)")


def _refuse_dropping_comments(file: LedgerFile) -> None:
    from accord_cli.comments import find_comments

    found = find_comments(file.text)
    if not found:
        return
    shown = "; ".join(f"line {c.line}: {c.text}" for c in found[:3])
    more = f"; and {len(found) - 3} more" if len(found) > 3 else ""
    count = f"{len(found)} comment{'s' if len(found) != 1 else ''}"
    raise LedgerHasComments(
        f"{file.label} has {count} that rewriting it would drop ({shown}{more}); move the text into "
        "`note` fields, or pass --force to drop them (`accord fmt` shows the rewrite first)"
    )


def save(file: LedgerFile, ledger: Ledger, *, force: bool = False) -> bool:
    """Write `ledger` over the file it was read from, atomically; False if nothing changed.

    Refuses to drop the file's comments unless `force`. The file's permissions
    are kept, a symlinked ledger is written through its link, and a failed write
    leaves the old file byte for byte.
    """
    if file.location.path is None:
        raise LedgerReadOnly("the built-in ledger is read-only; create your own with `accord init`")
    if file.ledger is not None:
        _refuse_data_loss(file.ledger, ledger, file.label)
    text = dumps(ledger)
    if text == file.text:
        return False
    if not force:
        _refuse_dropping_comments(file)
    from accord_cli import safe_write

    safe_write.replace(file.location.path, text.encode("utf-8"))
    return True


def create(path: Path, text: str) -> None:
    """Write a new ledger at `path`, atomically, refusing to replace anything already there."""
    from accord_cli import safe_write

    safe_write.create(path, text.encode("utf-8"))
