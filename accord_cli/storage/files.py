"""Reading text files: UTF-8, a leading byte-order mark dropped, and errors that say which file and why."""

from __future__ import annotations

from pathlib import Path

from accord_cli.core.errors import AccordError


def utf8(label: str, data: bytes, error: type[AccordError]) -> str:
    """`data` as text, a leading byte-order mark dropped; `error` naming the bad byte otherwise."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        raise error(f"{label}: not UTF-8 text (bad byte at offset {err.start})") from None


def read_text(path: Path, what: str, error: type[AccordError]) -> str:
    """The text of the file at `path`; `error` saying why it cannot be read, calling it `what`."""
    try:
        data = path.read_bytes()
    except IsADirectoryError:
        raise error(f"{what} {path} is a directory") from None
    except OSError as err:
        raise error(f"cannot read {what} {path}: {err.strerror}") from None
    return utf8(str(path), data, error)
