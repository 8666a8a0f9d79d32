"""A cache of decoded ledgers, so a large ledger is parsed once per content, not once per command.

Entries are keyed by a hash of the file's bytes and of the code that decodes
them, so a cached answer is never stale: any change to the file or to accord
gives a new key. They live in the user's cache directory ($ACCORD_CACHE_DIR,
else $XDG_CACHE_HOME/accord, else ~/.cache/accord), hold only what this user's
own accord wrote there, and a damaged or unreadable entry is ignored and
rebuilt. Ledgers under MIN_BYTES are not cached: parsing them is quicker than
a cache costs.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import accord_cli

T = TypeVar("T")

CACHE_VAR = "ACCORD_CACHE_DIR"
MIN_BYTES = 256 * 1024
KEEP = 8
_DECODER_MODULES = ("model.py", "document.py", "names.py", "dates.py", "countries.py", "text.py")



def _read_only(mapping: dict[str, Any]) -> MappingProxyType[str, Any]:
    return MappingProxyType(mapping)


def _pickle() -> Any:
    """The pickle module, taught to store read-only mappings; imported only for ledgers worth caching."""
    import copyreg
    import pickle

    # The mappingproxy class cannot be named in a pickle; rebuild it through a function that can.
    copyreg.pickle(MappingProxyType, lambda proxy: (_read_only, (dict(proxy),)))
    return pickle


def folder() -> Path | None:
    """Where entries live; None when caching is switched off ($ACCORD_CACHE_DIR set to "off")."""
    explicit = os.environ.get(CACHE_VAR)
    if explicit == "off":
        return None
    if explicit:
        return Path(explicit)
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "accord"


def _code_fingerprint() -> bytes:
    package = Path(accord_cli.__file__).parent
    parts = [accord_cli.__version__, sys.version]
    for name in _DECODER_MODULES:
        try:
            info = os.stat(package / name)
        except OSError:
            continue
        parts.append(f"{name}:{info.st_size}:{info.st_mtime_ns}")
    return "|".join(parts).encode()


def _entry(data: bytes) -> Path | None:
    where = folder()
    if where is None or len(data) < MIN_BYTES:
        return None
    import hashlib

    digest = hashlib.blake2b(data, digest_size=20, key=hashlib.blake2b(_code_fingerprint(),
                                                                        digest_size=32).digest())
    return where / f"{digest.hexdigest()}.pickle"


def remembered(data: bytes, compute: Callable[[], T]) -> T:
    """`compute()`, or what it returned before for these exact bytes; ledgers under MIN_BYTES are
    always computed."""
    entry = _entry(data)
    if entry is not None:
        try:
            with open(entry, "rb") as handle:
                value: T = _pickle().load(handle)
            os.utime(entry)  # recently used entries survive pruning
            return value
        except Exception:  # missing, truncated or from an incompatible accord: compute instead
            pass
    value = compute()
    if entry is not None:
        _store(entry, value)
    return value


def _store(entry: Path, value: Any) -> None:
    """Remember `value`; failing to is never an error, only a slower next run."""
    temporary = entry.with_name(f".{entry.name}.{os.getpid()}.tmp")
    pickle = _pickle()
    try:
        entry.parent.mkdir(parents=True, exist_ok=True)
        with open(temporary, "wb") as handle:
            pickle.dump(value, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, entry)
        _prune(entry.parent)
    except (OSError, pickle.PicklingError, RecursionError):
        try:
            temporary.unlink()
        except OSError:
            pass


def _prune(where: Path) -> None:
    entries = sorted(where.glob("*.pickle"), key=lambda p: p.stat().st_mtime, reverse=True)
    for old in entries[KEEP:]:
        try:
            old.unlink()
        except OSError:
            pass
