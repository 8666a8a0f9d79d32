"""Writing files so that nothing is lost: an exclusive lock per file, atomic replacement, no leftovers.

The lock is an OS advisory lock (flock) on the file itself. The kernel drops it
when its process ends, however it ends, so a lock never outlives a crashed
command, and no lock file is left beside the ledger. A write replaces the file
with a new one, so a waiter that gets the lock checks it still holds the file
the path names, and starts again on the new file if not.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

from accord_cli.core.errors import LedgerExists, LedgerLocked, LedgerWriteError

LOCK_TIMEOUT_VAR = "ACCORD_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 30.0
_POLL_SECONDS = 0.02


def lock_timeout() -> float:
    text = os.environ.get(LOCK_TIMEOUT_VAR, "")
    try:
        return max(0.0, float(text)) if text else DEFAULT_LOCK_TIMEOUT
    except ValueError:
        return DEFAULT_LOCK_TIMEOUT


@contextmanager
def locked(target: Path, on_wait: Callable[[str], None], *, label: str | None = None,
           timeout: float | None = None) -> Iterator[None]:
    """Hold the exclusive lock on the existing file `target` for the duration of the block.

    `on_wait` hears once, before waiting, that another process holds it; after
    `timeout` seconds (default $ACCORD_LOCK_TIMEOUT, else 30) LedgerLocked is raised.
    Messages call the file `label` (default: its path).
    """
    label = label or str(target)
    limit = lock_timeout() if timeout is None else timeout
    deadline = time.monotonic() + limit
    announced = False
    while True:
        try:
            fd = os.open(target, os.O_RDONLY | os.O_CLOEXEC)
        except OSError as err:
            raise LedgerWriteError(f"cannot open {label} to lock it: {err.strerror}") from None
        try:
            is_locked = _try_lock(fd, label)
            if is_locked and _still_names(fd, target):
                yield
                return
        finally:
            os.close(fd)  # closing the descriptor releases the lock
        if is_locked:
            continue  # the writer we waited for replaced the file: lock the new one
        if time.monotonic() >= deadline:
            raise LedgerLocked(f"{label} is still being written by another accord command after {limit:g} s; "
                               f"try again, or raise ${LOCK_TIMEOUT_VAR}")
        if not announced:
            on_wait(f"Waiting for another accord command to finish writing {label}...")
            announced = True
        time.sleep(_POLL_SECONDS)


def _try_lock(fd: int, label: str) -> bool:
    try:
        import fcntl
    except ImportError:  # not a POSIX system: refuse rather than write unlocked
        raise LedgerWriteError(f"cannot lock {label}: accord's locking needs a POSIX system (flock)") from None
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as err:
        if err.errno in (errno.EAGAIN, errno.EACCES):
            return False
        raise LedgerWriteError(f"cannot lock {label}: {err.strerror}") from None
    return True


def _still_names(fd: int, target: Path) -> bool:
    """Whether `target` still names the file open on `fd`, not one a writer put in its place."""
    try:
        current = os.stat(target)
    except FileNotFoundError:
        return False
    opened = os.fstat(fd)
    return (current.st_dev, current.st_ino) == (opened.st_dev, opened.st_ino)


def _fsync_directory(folder: Path) -> None:
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temporary_prefix(name: str) -> str:
    return f".{name}."


def _write_temporary(folder: Path, name: str, data: bytes, mode: int) -> Path:
    fd, temporary = tempfile.mkstemp(dir=folder, prefix=_temporary_prefix(name), suffix=".tmp")
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


def remove_stray_temporaries(target: Path) -> None:
    """Delete temporary files a killed writer of `target` left behind. Call only while holding its lock."""
    prefix = _temporary_prefix(target.name)
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if entry.name.startswith(prefix) and entry.name.endswith(".tmp") and entry.is_file(follow_symlinks=False):
            try:
                os.unlink(entry.path)
            except OSError:
                pass


def _write_error(path: Path, err: OSError) -> LedgerWriteError:
    return LedgerWriteError(f"cannot write {path}: {err.strerror or err}; the ledger was left as it was")


def replace(path: Path, data: bytes, mode: int | None = None) -> None:
    """Put `data` at `path` atomically: readers see the old file or the new one, never a mix.

    A symlink is written through to its target. The target's permissions are
    kept; a new file gets `mode`, else the umask's default. A failure leaves
    the old file byte for byte and raises LedgerWriteError naming `path`.
    """
    target = path.resolve()
    try:
        if target.exists() and not os.access(target, os.W_OK):
            # rename() would replace a read-only file all the same; its owner meant it to stay.
            raise PermissionError(errno.EACCES, "Permission denied")
        if mode is None:
            mode = target.stat().st_mode & 0o7777 if target.exists() else _default_mode()
        temporary = _write_temporary(target.parent, target.name, data, mode)
        try:
            os.replace(temporary, target)
        except BaseException:
            os.unlink(temporary)
            raise
        _fsync_directory(target.parent)
    except OSError as err:
        raise _write_error(path, err) from None


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def create(path: Path, data: bytes) -> None:
    """Write a new file at `path`, atomically, refusing to replace anything already there."""
    if path.exists() or path.is_symlink():
        raise LedgerExists(f"{path} already exists; accord init never overwrites a file")
    folder = path.parent if str(path.parent) else Path(".")
    try:
        temporary = _write_temporary(folder, path.name, data, _default_mode())
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
