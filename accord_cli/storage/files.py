"""Reading text files: their encoding told from their bytes, and errors that say which file and why.

A ledger is TOML, so UTF-8 (a leading byte-order mark allowed). A list of
organisations comes from wherever people keep one, often a spreadsheet: UTF-8
with or without a byte-order mark, or UTF-16 or UTF-32 with one (Excel's
"Unicode Text"); anything else is refused with the place of the first byte
that does not fit and what to do about it.
"""

from __future__ import annotations

import codecs
from pathlib import Path

from accord_cli.core.errors import AccordError

# Longest first: the UTF-32 LE mark begins with the UTF-16 LE one.
_MARKS = (
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def is_file(path: Path) -> bool:
    """Whether `path` names a file; False, not an error, where the system cannot even look it up (a name
    longer than a file name can be, such as a long list of names given inline)."""
    try:
        return path.is_file()
    except OSError:
        return False


def utf8(label: str, data: bytes, error: type[AccordError]) -> str:
    """`data` as UTF-8 text, a leading byte-order mark dropped; `error` naming the first bad byte otherwise."""
    try:
        return data.decode("utf-8").removeprefix("\ufeff")
    except UnicodeDecodeError as err:
        raise error(f"{_place(label, data, err.start)}: not UTF-8 text (byte 0x{data[err.start]:02X})") from None


def any_unicode(label: str, data: bytes, error: type[AccordError]) -> str:
    """`data` as text in the Unicode encoding its byte-order mark names, else UTF-8; `error` saying what it
    seems to be and how to save it otherwise."""
    encoding = next((name for mark, name in _MARKS if data.startswith(mark)), "utf-8")
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError as err:
        if encoding != "utf-8":
            raise error(
                f"{label}: not valid {encoding.upper().removesuffix('-SIG')} text though it begins "
                f"with that encoding's byte-order mark (bad bytes at offset {err.start})"
            ) from None
        seems, offset = f"not UTF-8 text (byte 0x{data[err.start]:02X}; Windows-1252 or Latin-1, perhaps)", err.start
    else:
        if encoding != "utf-8" or "\x00" not in text:
            return text
        # NUL is valid UTF-8, but no list holds one: it is the other half of a UTF-16 or UTF-32 character.
        seems, offset = "UTF-16 or UTF-32 text without a byte-order mark", data.index(b"\x00")
    raise error(
        f"{_place(label, data, offset)}: {seems}; accord reads UTF-8, and UTF-16 with a byte-order mark: "
        'save it as "CSV UTF-8" or "Unicode Text", or convert it (iconv -t UTF-8)'
    )


def _place(label: str, data: bytes, offset: int) -> str:
    """`label:LINE:COLUMN` of the byte at `offset`, counting characters of the line before it."""
    newline = b"\n"
    line_start = data.rfind(newline, 0, offset) + 1
    column = len(data[line_start:offset].decode("utf-8", errors="replace")) + 1
    return f"{label}:{data.count(newline, 0, offset) + 1}:{column}"


def read_bytes(path: Path, what: str, error: type[AccordError]) -> bytes:
    """The bytes of the file at `path`; `error` saying why it cannot be read, calling it `what`."""
    try:
        return path.read_bytes()
    except IsADirectoryError:
        raise error(f"{what} {path} is a folder, not a file") from None
    except OSError as err:
        raise error(f"cannot read {what} {path}: {err.strerror}") from None
