"""The ledger file: reading it into the model, and writing it back safely under its lock."""

from __future__ import annotations

import codecs
import os
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from functools import cached_property
from pathlib import Path

from msgspec import Struct

from accord_cli.core.document import Readable, decode, decode_readable, encode
from accord_cli.core.errors import (
    AccordError,
    DataLossRefused,
    LedgerHasComments,
    LedgerInvalid,
    LedgerNotFound,
    LedgerReadOnly,
    LedgerWriteError,
    UnresolvedMergeConflict,
)
from accord_cli.core.model import Ledger, Problem
from accord_cli.storage.conflict_markers import find_marked
from accord_cli.storage.files import utf8
from accord_cli.storage.location import BUILT_IN_PATH, ENV_VAR, FILENAME, Location
from accord_cli.storage.toml_text import SourceMap, parse


class LedgerFile(Struct, frozen=True):
    """A ledger as read from its file: where from, the text (without a byte-order mark it may have had),
    and the model it holds."""

    location: Location
    text: str
    ledger: Ledger
    bom: bool = False

    @property
    def label(self) -> str:
        return self.location.label

    def line_of_signatory(self, index: int) -> int | None:
        """The line where entry `index` of [[signatories]] begins, for a message that points into the file."""
        position = SourceMap(self.text).position(("signatories", index))
        return position[0] if position else None

    def written(self, ledger: Ledger) -> str:
        """`ledger` as accord writes it into this file: its layout, with the file's own line endings
        (CRLF if its first line ends so), so that a change shows in a diff as just that change."""
        text = dumps(ledger)
        first_end = self.text.find("\n")
        return text.replace("\n", "\r\n") if first_end > 0 and self.text[first_end - 1] == "\r" else text


class Inspection(Struct, frozen=True, dict=True):
    """A ledger file examined for `accord check`: the model if it could be built, and every problem met."""

    location: Location
    text: str
    ledger: Ledger | None
    problems: list[Problem]
    bom: bool = False
    # When the ledger cannot be built: what of it still decodes, for `accord check` to look into too.
    readable: Readable | None = None

    @property
    def label(self) -> str:
        return self.location.label

    @cached_property
    def _source(self) -> SourceMap:
        return SourceMap(self.text)

    def position(self, problem: Problem) -> tuple[int, int] | None:
        """The line and column of the key a problem is about, as far as the text shows it."""
        return self._source.position(problem.path)


def _read_bytes(location: Location) -> bytes:
    if location.path is None:
        return BUILT_IN_PATH.read_bytes()
    if location.revision is not None:
        return _git_show(location.path, location.revision)
    try:
        return location.path.read_bytes()
    except FileNotFoundError:
        raise LedgerNotFound(f"no ledger at {location.path}: create one with `accord init {location.path}`") from None
    except IsADirectoryError:
        raise LedgerNotFound(
            f"{location.path} is a folder, not a ledger file; rename it, or pass --ledger PATH"
        ) from None
    except OSError as err:
        raise LedgerNotFound(f"cannot read {location.path}: {err.strerror}") from None


def _git_show(path: Path, revision: str) -> bytes:
    import subprocess

    target = path.resolve()
    try:
        result = subprocess.run(
            ["git", "-C", str(target.parent), "show", f"{revision}:./{target.name}"],
            capture_output=True,
            timeout=60,
            check=False,
        )
    except FileNotFoundError:
        raise LedgerNotFound("--rev needs git, which is not installed") from None
    except subprocess.TimeoutExpired:
        raise LedgerNotFound(f"git took over a minute to show {path} at {revision}") from None
    if result.returncode != 0:
        lines = result.stderr.decode("utf-8", "replace").strip().splitlines() or ["git show failed"]
        reason = lines[0].removeprefix("fatal: ")
        raise LedgerNotFound(f"cannot read {path} at revision {revision}: {reason}")
    return result.stdout


def inspect(location: Location) -> Inspection:
    """The ledger at `location`, decoded as far as it goes; problems are listed, not raised."""
    data = _read_bytes(location)
    text = utf8(location.label, data, LedgerInvalid)
    refuse_conflict_markers(location.label, text)
    doc = parse(location.label, text)
    ledger, problems = decode(doc)
    readable = decode_readable(doc) if ledger is None else Readable(ledger, {})
    return Inspection(location, text, ledger, problems, data.startswith(codecs.BOM_UTF8), readable)


def refuse_conflict_markers(label: str, text: str) -> None:
    """Refuse a ledger left with git's conflict markers, before its TOML is read: the conflicts, not the
    syntax error their markers make, are what a person needs to hear about. (Marker lines inside a
    multi-line string are text: the file then reads as TOML.)"""
    found = find_marked(text)
    if not found:
        return
    try:
        parse(label, text)
    except AccordError:
        raise UnresolvedMergeConflict(label, [(m.line, m.reason) for m in found]) from None


def load(location: Location) -> LedgerFile:
    """The ledger at `location`, refusing one that cannot be understood with its first fatal problem."""
    found = inspect(location)
    if found.ledger is None:
        first = next(p for p in found.problems if p.fatal)
        position = found.position(first)
        where = f"{found.label}:{position[0]}:{position[1]}" if position else found.label
        subject = f"{first.subject}: " if first.subject else ""
        raise LedgerInvalid(f"{where}: {subject}{first.message} (run `accord check` to list every problem)")
    return LedgerFile(location, found.text, found.ledger, found.bom)


def dumps(ledger: Ledger) -> str:
    """The ledger as the text accord writes: its canonical layout."""
    # The TOML writer is imported here so that only commands that write pay for it.
    from accord_cli.storage import layout

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
    assert location.path is not None  # require_writable refused the built-in ledger
    if not location.path.is_file():
        load(location)  # raises the reason it cannot be read
    from accord_cli.storage import safe_write

    target = location.path.resolve()
    with safe_write.locked(target, on_wait, label=location.label):
        safe_write.remove_stray_temporaries(target)
        file = load(location)
        _refuse_shared_ids(file)
        yield file


def _refuse_shared_ids(file: LedgerFile) -> None:
    """Refuse to change a ledger in which two entries share an id: which one a change meant, and which
    one a later command would find, would be a guess."""
    if len({s.id for s in file.ledger.signatories}) == len(file.ledger.signatories):
        return
    first: dict[str, int] = {}
    for index, s in enumerate(file.ledger.signatories):
        earlier = first.setdefault(s.id, index)
        if earlier != index:
            raise LedgerInvalid(
                f"{file.label}: the entries at lines {file.line_of_signatory(earlier)} and "
                f"{file.line_of_signatory(index)} both have the id '{s.id}'; give one of them an id of its own "
                "before changing the ledger (`accord check` lists every problem)"
            )


def _event_count(ledger: Ledger) -> int:
    return sum(len(s.events) for s in ledger.signatories)


def _refuse_data_loss(before: Ledger, after: Ledger, label: str, dropping: Dropping) -> None:
    # Only `remove` removes a signatory, and `drop-event` an event, saying so; losing more means a bug,
    # and the file is worth more.
    for what, old, new in (
        ("signatories", len(before.signatories) - dropping.signatories, len(after.signatories)),
        ("events", _event_count(before) - dropping.events, _event_count(after)),
    ):
        if new < old:
            raise DataLossRefused(
                f"internal error: this change would drop {old - new} {what} from {label}; "
                "nothing was written (please report this as a bug)"
            )


def _refuse_dropping_comments(file: LedgerFile) -> None:
    from accord_cli.storage.comments import find_comments

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


class Dropping(Struct, frozen=True):
    """How many entries a write removes on purpose: a signatory recorded by mistake, with its events, or
    one event."""

    signatories: int = 0
    events: int = 0


def save(file: LedgerFile, ledger: Ledger, *, force: bool = False, dropping: Dropping = Dropping()) -> bool:
    """Write `ledger` over the file it was read from, atomically; False if nothing changed.

    The file keeps its line endings and byte-order mark. Refuses to drop the
    file's comments unless `force`, and to hold fewer signatories or events
    than `dropping` says. The file's
    permissions are kept, a symlinked ledger is written through its link, and a
    failed write leaves the old file byte for byte.
    """
    if file.location.path is None:
        raise LedgerReadOnly("the built-in ledger is read-only; create your own with `accord init`")
    _refuse_data_loss(file.ledger, ledger, file.label, dropping)
    text = file.written(ledger)
    if text == file.text:
        return False
    if not force:
        _refuse_dropping_comments(file)
    from accord_cli.storage import safe_write

    safe_write.replace(file.location.path, (codecs.BOM_UTF8 if file.bom else b"") + text.encode("utf-8"))
    return True


def create(path: Path, text: str) -> None:
    """Write a new ledger at `path`, atomically, refusing to replace anything already there."""
    from accord_cli.storage import safe_write

    safe_write.create(path, text.encode("utf-8"))


def refuse_the_ledger_as_output(path: Path, ledger_in_use: Location) -> None:
    """Refuse to write an export or a report over the ledger itself, however its path is written (through a
    link, or `missing/../accord.toml`, which the system reads as accord.toml once a folder is left out)."""
    if ledger_in_use.path is None:
        return
    ledger = ledger_in_use.path.resolve()
    if ledger in (path.resolve(), Path(os.path.abspath(path)).resolve()):
        raise LedgerWriteError(f"{path} is the ledger itself; choose another output file")


def write_output(path: Path, data: bytes, ledger_in_use: Location) -> None:
    """Write an export or a report at `path`, atomically, replacing any file there but the ledger itself."""
    refuse_the_ledger_as_output(path, ledger_in_use)
    from accord_cli.storage import safe_write

    safe_write.replace(path, data)


def write_outputs(files: list[tuple[Path, bytes]], ledger_in_use: Location) -> None:
    """Write several files (a report and its chart) all or none: if one cannot be written, those already
    written are put back as they were, and none is ever the ledger."""
    for path, _ in files:
        refuse_the_ledger_as_output(path, ledger_in_use)
    done: list[tuple[Path, bytes | None]] = []
    try:
        for path, data in files:
            before = path.read_bytes() if path.is_file() else None
            write_output(path, data, ledger_in_use)
            done.append((path, before))
    except BaseException:
        for path, before in reversed(done):
            if before is None:
                path.unlink(missing_ok=True)
            else:
                write_output(path, before, ledger_in_use)
        raise
