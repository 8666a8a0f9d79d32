"""Finding, reading and writing ledger files: the only module that touches the file system."""

from __future__ import annotations

import csv
import errno
import io
import os
import re
import tempfile
from dataclasses import dataclass
from functools import cached_property
from importlib import resources
from pathlib import Path
from typing import Any

import tomli

from accord_cli import layout
from accord_cli.dates import parse_date
from accord_cli.document import decode, encode
from accord_cli.errors import (
    AccordError,
    LedgerExists,
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


@dataclass(frozen=True, slots=True)
class Location:
    """Where the ledger comes from. `path` is None for the built-in ledger shipped with accord."""

    path: Path | None
    searched_from: Path | None = None

    @property
    def label(self) -> str:
        return str(self.path) if self.path is not None else "the built-in ledger"


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


def builtin_text() -> str:
    return resources.files("accord_cli").joinpath(FILENAME).read_text(encoding="utf-8")


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


def _read_text(location: Location) -> str:
    if location.path is None:
        return builtin_text()
    try:
        data = location.path.read_bytes()
    except FileNotFoundError:
        raise LedgerNotFound(f"no ledger at {location.path}: create one with `accord init {location.path}`") from None
    except IsADirectoryError:
        raise LedgerNotFound(f"{location.path} is a directory, not a ledger file") from None
    except OSError as err:
        raise LedgerNotFound(f"cannot read {location.path}: {err.strerror}") from None
    return _utf8(location.path, data, LedgerInvalid)


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
    """The ledger at `location`, decoded as far as it goes; problems are listed, not raised."""
    text = _read_text(location)
    ledger, problems = decode(parse(location.label, text))
    return LedgerFile(location, text, ledger, problems)


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


def load_for_writing(location: Location) -> LedgerFile:
    """Like `load`, but refuses the built-in ledger, which is never written."""
    if location.path is None:
        raise LedgerReadOnly(
            f"no ledger to write: no --ledger or ${ENV_VAR}, and no {FILENAME} in {location.searched_from} "
            f"or its parents; create one with `accord init` or pass --ledger PATH"
        )
    return load(location)


def _decoded_text(path: Path, what: str) -> str:
    try:
        data = path.read_bytes()
    except OSError as err:
        raise WatchlistSourceError(f"cannot read {what} {path}: {err.strerror}") from None
    return _utf8(path, data, WatchlistSourceError)


def read_name_list(path: Path) -> list[str] | Ledger:
    """Organisation names from a file: one per line (.txt and anything else; blank lines and # comments
    skipped), a CSV with a `name` column (.csv), or another accord ledger (.toml, returned whole)."""
    suffix = path.suffix.lower()
    if suffix == ".toml":
        file = load(Location(path))
        assert file.ledger is not None
        return file.ledger
    text = _decoded_text(path, "watchlist file")
    if suffix != ".csv":
        return [line.strip() for line in text.splitlines() if line.strip() and not line.lstrip().startswith("#")]
    try:
        reader = csv.DictReader(io.StringIO(text))
        columns = {(c or "").strip().casefold(): c for c in reader.fieldnames or []}
        if "name" not in columns:
            found = ", ".join(c for c in reader.fieldnames or [] if c) or "none"
            raise WatchlistSourceError(f"{path}: no 'name' column (columns: {found})")
        return [(row.get(columns["name"]) or "").strip() for row in reader]
    except csv.Error as err:
        raise WatchlistSourceError(f"{path}: not readable as CSV ({err})") from None


def dumps(ledger: Ledger) -> str:
    return layout.dumps(encode(ledger))


def _fsync_directory(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _write_temporary(folder: Path, name: str, data: bytes, mode: int) -> Path:
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=f".{name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
    except BaseException:
        os.unlink(temporary)
        raise
    return Path(temporary)


def _write_error(path: Path, err: OSError) -> LedgerWriteError:
    return LedgerWriteError(f"cannot write {path}: {err.strerror or err}; the ledger was left as it was")


def save(file: LedgerFile, ledger: Ledger) -> bool:
    """Write `ledger` over the file it was read from, atomically; False if nothing changed.

    The file's permissions are kept, a symlinked ledger is written through its
    link, and a failed write leaves the old file byte for byte.
    """
    if file.location.path is None:
        raise LedgerReadOnly("the built-in ledger is read-only; create your own with `accord init`")
    if file.ledger is not None and len(ledger.signatories) < len(file.ledger.signatories):
        # No command removes a signatory; losing one means a bug, and the file is worth more.
        raise AssertionError("refusing a write that would drop signatories")
    text = dumps(ledger)
    if text == file.text:
        return False
    target = file.location.path.resolve()
    try:
        mode = target.stat().st_mode & 0o7777
        temporary = _write_temporary(target.parent, target.name, text.encode("utf-8"), mode)
        try:
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
        _fsync_directory(target.parent)
    except OSError as err:
        raise _write_error(file.location.path, err) from None
    return True


def create(path: Path, text: str) -> None:
    """Write a new ledger at `path`, atomically, refusing to replace anything already there."""
    if path.exists() or path.is_symlink():
        raise LedgerExists(f"{path} already exists; accord init never overwrites a file")
    folder = path.parent if str(path.parent) else Path(".")
    umask = os.umask(0)
    os.umask(umask)
    try:
        temporary = _write_temporary(folder, path.name, text.encode("utf-8"), 0o666 & ~umask)
    except OSError as err:
        raise _write_error(path, err) from None
    try:
        # link() fails if the name was taken meanwhile, where rename() would overwrite it.
        os.link(temporary, path)
    except FileExistsError:
        raise LedgerExists(f"{path} already exists; accord init never overwrites a file") from None
    except OSError as err:
        if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
            raise _write_error(path, err) from None
        os.replace(temporary, path)  # no hard links here; the exists() check above is the guard
    finally:
        if temporary.exists():
            os.unlink(temporary)
    _fsync_directory(folder)
