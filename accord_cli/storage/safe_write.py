"""Writing files so that nothing is lost: an exclusive lock per file, atomic replacement, no leftovers.

The lock is filelock's: an OS lock (flock on Linux and macOS, LockFileEx on
Windows) on a lock file beside the ledger, `.accord.toml.lock`, which stays
there between writes (removing it could let two writers lock two different
files). The operating system drops the lock when its process ends, however it
ends, so a lock never outlives a crashed command. Where there is neither,
filelock's own protocol takes over: the lock file exists while a writer holds
it, and names the process, so a later writer frees the lock of a dead one.
"""

from __future__ import annotations

import errno
import os
import tempfile
import time
import warnings
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]  # a module or nothing, as the platform has it

from accord_cli.core.errors import (
    InvalidValue,
    LedgerExists,
    LedgerLocked,
    LedgerWriteError,
)

LOCK_TIMEOUT_VAR = "ACCORD_LOCK_TIMEOUT"
DEFAULT_LOCK_TIMEOUT = 30.0


def lock_timeout() -> float:
    """How long a writer waits for the lock: $ACCORD_LOCK_TIMEOUT seconds, else 30."""
    text = os.environ.get(LOCK_TIMEOUT_VAR, "").strip()
    if not text:
        return DEFAULT_LOCK_TIMEOUT
    try:
        seconds = float(text)
    except ValueError:
        seconds = -1.0
    if not 0 <= seconds < float("inf"):
        raise InvalidValue(f"${LOCK_TIMEOUT_VAR} is {text!r}: give the seconds to wait for the lock, e.g. 30")
    return seconds


def lock_path(target: Path) -> Path:
    """The lock file of `target`, beside it."""
    return target.with_name(f".{target.name}.lock")


@contextmanager
def locked(
    target: Path, on_wait: Callable[[str], None], *, label: str | None = None, timeout: float | None = None
) -> Iterator[None]:
    """Hold the exclusive lock of the file `target` for the duration of the block.

    `on_wait` hears once, before waiting, that another process holds it; after
    `timeout` seconds (default $ACCORD_LOCK_TIMEOUT, else 30) LedgerLocked is raised.
    Messages call the file `label` (default: its path).
    """
    with warnings.catch_warnings():
        # Without fcntl filelock falls back to its lock-file protocol, which also frees a dead writer's
        # lock, and says so on import; the fallback is as sound for accord, so the warning is noise.
        warnings.filterwarnings("ignore", "only soft file lock is available")
        from filelock import FileLock, Timeout

    label = label or str(target)
    limit = lock_timeout() if timeout is None else timeout
    lock = FileLock(lock_path(target))
    try:
        try:
            lock.acquire(blocking=False)
        except Timeout:
            on_wait(f"Waiting for another accord command to finish writing {label}...")
            lock.acquire(timeout=limit)
    except Timeout:
        raise LedgerLocked(
            f"{label} is still being written by another accord command after {limit:g} s; "
            f"try again, or raise ${LOCK_TIMEOUT_VAR}"
        ) from None
    except OSError as err:
        raise _write_error(target, err) from None
    try:
        yield
    finally:
        lock.release()


def _fsync_directory(folder: Path) -> None:
    """Make a rename in `folder` durable. Windows cannot open a folder, and NTFS journals renames itself."""
    if os.name == "nt":
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        os.fsync(fd)
    finally:
        os.close(fd)


def _temporary_prefix(name: str) -> str:
    return f".{name}."


def _hold(fd: int) -> bool:
    """Take the lock that marks the open file `fd` as a live writer's temporary file; False if another
    process holds it. Without fcntl (Windows), a file open in another process cannot be removed: the
    writer's own handle is its hold, and there is nothing to take."""
    if fcntl is None:
        return True
    try:
        fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError:
        return False
    return True


@contextmanager
def _temporary(folder: Path, name: str, data: bytes, mode: int) -> Iterator[Path]:
    """A temporary file beside `name` in `folder` holding `data`, fsynced, held for the block (so that no
    other accord command takes it for a killed writer's leftover), and gone after it unless moved.

    Leftovers of killed writers of `name` are removed first: every write sweeps up beside its own target.
    """
    remove_stray_temporaries(folder / name)
    while True:
        fd, temporary = tempfile.mkstemp(dir=folder, prefix=_temporary_prefix(name), suffix=".tmp")
        _hold(fd)
        try:
            # Between mkstemp and the lock, another writer's sweep may have taken it for a leftover.
            if os.stat(temporary).st_ino == os.fstat(fd).st_ino:
                break
        except FileNotFoundError:
            pass
        os.close(fd)
    try:
        with os.fdopen(fd, "wb", closefd=False) as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.chmod(temporary, mode)
        if fcntl is None:  # Windows moves no file a handle holds open
            os.close(fd)
        yield Path(temporary)
    finally:
        try:
            os.unlink(temporary)
        except FileNotFoundError:
            pass
        if fcntl is not None:
            os.close(fd)  # lets go of the hold only once the name is gone


def remove_stray_temporaries(target: Path) -> None:
    """Delete the temporary files that writers of `target` killed mid-write left behind (`.NAME.*.tmp`
    beside it), and none a live writer still holds."""
    prefix = _temporary_prefix(target.name)
    try:
        entries = list(os.scandir(target.parent))
    except OSError:
        return
    for entry in entries:
        if not (entry.name.startswith(prefix) and entry.name.endswith(".tmp") and entry.is_file(follow_symlinks=False)):
            continue
        try:
            if fcntl is None:
                os.unlink(entry.path)  # refused while a live writer has it open
                continue
            fd = os.open(entry.path, os.O_RDONLY)
        except OSError:
            continue
        try:
            if _hold(fd):
                os.unlink(entry.path)
        except OSError:
            pass
        finally:
            os.close(fd)


def _write_error(path: Path, err: OSError) -> LedgerWriteError:
    """The error for a failed write of `path`, naming the cause where it can be told."""
    folder = path.resolve().parent
    if isinstance(err, PermissionError) and not os.access(folder, os.W_OK):
        cause = f"its folder {folder} is not writable (accord writes the new version, and its lock, beside the old one)"
    elif isinstance(err, FileNotFoundError) and not folder.is_dir():
        cause = f"the folder {folder} does not exist"
    else:
        cause = err.strerror or str(err)
    return LedgerWriteError(f"cannot write {path}: {cause}; nothing was changed")


def is_read_only(path: Path) -> bool:
    """Whether `path` is a file its owner made read-only: no one may write it, whatever the user (root too)."""
    try:
        mode = path.stat().st_mode
    except FileNotFoundError:
        return False
    return not mode & 0o222 or not os.access(path, os.W_OK)


def replace(path: Path, data: bytes, mode: int | None = None) -> None:
    """Put `data` at `path` atomically: readers see the old file or the new one, never a mix.

    A symlink is written through to its target. The target's permissions are
    kept; a new file gets `mode`, else the umask's default. A failure leaves
    the old file byte for byte and raises LedgerWriteError naming `path`.
    """
    target = path.resolve()
    try:
        if is_read_only(target):
            # rename() would replace a read-only file all the same; its owner meant it to stay.
            raise LedgerWriteError(
                f"cannot write {path}: it is read-only (make it writable to change it); nothing was changed"
            )
        if mode is None:
            mode = target.stat().st_mode & 0o7777 if target.exists() else _default_mode()
        with _temporary(target.parent, target.name, data, mode) as temporary:
            _rename_over(temporary, target)
        _fsync_directory(target.parent)
    except OSError as err:
        raise _write_error(path, err) from None


# Windows refuses to replace a file another process has open, as a reader may for a moment;
# such a refusal is tried again for a while before it counts.
REPLACE_RETRIES = 50 if os.name == "nt" else 0
_RETRY_SECONDS = 0.02


def _rename_over(temporary: Path, target: Path) -> None:
    for attempt in range(REPLACE_RETRIES + 1):
        try:
            os.replace(temporary, target)
            return
        except PermissionError:
            if attempt == REPLACE_RETRIES:
                raise
            time.sleep(_RETRY_SECONDS)


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
        with _temporary(folder, path.name, data, _default_mode()) as temporary:
            try:
                # link() fails if the name was taken meanwhile, where rename() would overwrite it.
                os.link(temporary, path)
            except FileExistsError:
                raise LedgerExists(f"{path} already exists; accord init never overwrites a file") from None
            except OSError as err:
                if err.errno not in (errno.EPERM, errno.ENOTSUP, errno.EOPNOTSUPP):
                    raise
                os.replace(temporary, path)  # no hard links here; the exists() check above is the guard
    except OSError as err:
        raise _write_error(path, err) from None
    _fsync_directory(folder)
