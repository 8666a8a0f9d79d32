"""Atomic replacement, the ledger lock, and what a killed writer leaves behind."""

import os
import random
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest

from accord_cli.core.errors import LedgerLocked, LedgerWriteError
from accord_cli.storage import ledger_file, safe_write
from accord_cli.storage.location import Location
from tests.conftest import FOUNDERS


def test_replace_keeps_permissions_and_leaves_no_temporary(tmp_path: Path) -> None:
    target = tmp_path / "file.toml"
    target.write_text("old")
    os.chmod(target, 0o600)
    safe_write.replace(target, b"new")
    assert target.read_bytes() == b"new"
    assert target.stat().st_mode & 0o777 == 0o600
    assert [p.name for p in tmp_path.iterdir()] == ["file.toml"]


def test_a_failed_replace_names_the_file_and_changes_nothing(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    target = tmp_path / "file.toml"
    target.write_text("old")

    def full_disk(*_: object) -> None:
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(os, "fsync", full_disk)
    with pytest.raises(LedgerWriteError, match="cannot write .*file.toml: No space left on device"):
        safe_write.replace(target, b"new")
    assert target.read_text() == "old"
    assert [p.name for p in tmp_path.iterdir()] == ["file.toml"]


def test_stray_temporaries_of_the_file_are_removed_and_nothing_else(tmp_path: Path) -> None:
    target = tmp_path / "accord.toml"
    target.write_text("x")
    for name in (".accord.toml.abc123.tmp", ".accord.toml.zz.tmp", ".other.toml.abc.tmp", "keep.tmp"):
        (tmp_path / name).write_text("partial")
    safe_write.remove_stray_temporaries(target)
    assert sorted(p.name for p in tmp_path.iterdir()) == [".other.toml.abc.tmp", "accord.toml", "keep.tmp"]


def test_a_held_lock_makes_the_next_writer_wait_and_say_so(tmp_path: Path) -> None:
    target = tmp_path / "accord.toml"
    target.write_text("x")
    heard: list[str] = []
    order: list[str] = []
    with safe_write.locked(target, heard.append):

        def second() -> None:
            with safe_write.locked(target, heard.append, label="accord.toml"):
                order.append("second")

        thread = threading.Thread(target=second)
        thread.start()
        time.sleep(0.2)
        order.append("first")
    thread.join(5)
    assert order == ["first", "second"]
    assert heard == ["Waiting for another accord command to finish writing accord.toml..."]


def test_a_lock_that_is_not_released_times_out_clearly(tmp_path: Path) -> None:
    target = tmp_path / "accord.toml"
    target.write_text("x")
    with safe_write.locked(target, lambda _: None):
        with pytest.raises(
            LedgerLocked,
            match=r"accord.toml is still being written by another accord command "
            r"after 0.1 s; try again, or raise \$ACCORD_LOCK_TIMEOUT",
        ):
            with safe_write.locked(target, lambda _: None, label="accord.toml", timeout=0.1):
                pass


def test_a_waiter_follows_the_file_a_writer_put_in_place(tmp_path: Path) -> None:
    target = tmp_path / "accord.toml"
    target.write_text("one")
    seen: list[str] = []
    with safe_write.locked(target, lambda _: None):

        def waiter() -> None:
            with safe_write.locked(target, lambda _: None):
                seen.append(target.read_text())

        thread = threading.Thread(target=waiter)
        thread.start()
        time.sleep(0.1)
        safe_write.replace(target, b"two")
    thread.join(5)
    assert seen == ["two"]


_HOLD_THE_LOCK = (
    "import sys, time; from pathlib import Path; from accord_cli.storage import safe_write; "
    "lock = safe_write.locked(Path(sys.argv[1]), print); lock.__enter__(); print('locked', flush=True); "
    "time.sleep(60)"
)
_HIDE_FCNTL = "import sys; sys.modules['fcntl'] = None; "


@pytest.mark.parametrize("prelude", ["", _HIDE_FCNTL], ids=["flock", "without-fcntl"])
def test_a_lock_held_by_a_killed_process_is_released(tmp_path: Path, prelude: str) -> None:
    target = tmp_path / "accord.toml"
    target.write_text("x")
    waiter = [
        sys.executable,
        "-c",
        prelude + "import sys; from pathlib import Path; from accord_cli.storage import "
        "safe_write; safe_write.locked(Path(sys.argv[1]), print, timeout=float(sys.argv[2])).__enter__()",
    ]
    holder = subprocess.Popen(
        [sys.executable, "-c", prelude + _HOLD_THE_LOCK, str(target)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout is not None and holder.stdout.readline() == "locked\n"
    refused = subprocess.run([*waiter, str(target), "0.05"], capture_output=True, text=True)
    assert refused.returncode == 1 and refused.stderr.rstrip().endswith(
        "LedgerLocked: " + str(target) + " is still being written by another accord command after 0.05 s; try "
        "again, or raise $ACCORD_LOCK_TIMEOUT"
    )
    holder.send_signal(signal.SIGKILL)
    holder.wait()
    taken = subprocess.run([*waiter, str(target), "5"], capture_output=True, text=True)
    assert (taken.returncode, taken.stderr) == (0, "")


_WRITER = """
import sys
from pathlib import Path
from accord_cli.storage import safe_write
target, first, second = Path(sys.argv[1]), Path(sys.argv[2]).read_bytes(), Path(sys.argv[3]).read_bytes()
print("ready", flush=True)
while True:
    for data in (first, second):
        safe_write.replace(target, data)
"""


def _large_ledgers(folder: Path) -> tuple[bytes, bytes]:
    base = FOUNDERS.read_text(encoding="utf-8")
    entries = "".join(
        f'\n[[signatories]]\nid = "org-{i}"\nname = "Org {i}"\njoined = 2020-01-01\n' for i in range(3000)
    )
    first = (base + entries).encode()
    second = (base + entries.replace("2020-01-01", "2021-02-02")).encode()
    (folder / "first").write_bytes(first)
    (folder / "second").write_bytes(second)
    return first, second


def test_a_writer_killed_at_random_moments_leaves_the_old_or_the_new_ledger(tmp_path: Path) -> None:
    first, second = _large_ledgers(tmp_path)
    target = tmp_path / "accord.toml"
    target.write_bytes(first)
    rng = random.Random(20180417)
    killed_mid_write = 0
    for _ in range(12):
        child = subprocess.Popen(
            [sys.executable, "-c", _WRITER, str(target), str(tmp_path / "first"), str(tmp_path / "second")],
            stdout=subprocess.PIPE,
            text=True,
        )
        assert child.stdout is not None and child.stdout.readline() == "ready\n"
        time.sleep(rng.uniform(0, 0.05))
        child.send_signal(signal.SIGKILL)
        child.wait()
        killed_mid_write += any(tmp_path.glob(".accord.toml.*.tmp"))
        assert target.read_bytes() in (first, second)
        assert ledger_file.load(Location(target)).ledger is not None
    with ledger_file.editing(Location(target), lambda _: None):
        pass  # the next writer sweeps up what the killed ones left
    assert killed_mid_write, "no kill landed during a write; the test proved nothing"
    assert sorted(p.name for p in tmp_path.iterdir()) == [".accord.toml.lock", "accord.toml", "first", "second"]


def test_a_replace_refused_for_a_moment_is_tried_again_where_readers_block_it(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "accord.toml"
    target.write_text("old")
    refusals = iter([True, True, False])
    real_replace = os.replace

    def replace_while_a_reader_has_it_open(source: object, destination: object) -> None:
        if next(refusals):
            raise PermissionError(13, "Access is denied")  # what Windows says while another process reads it
        real_replace(source, destination)

    monkeypatch.setattr(safe_write, "REPLACE_RETRIES", 5)
    monkeypatch.setattr(os, "replace", replace_while_a_reader_has_it_open)
    safe_write.replace(target, b"new")
    assert target.read_bytes() == b"new"
    assert [p.name for p in tmp_path.iterdir()] == ["accord.toml"]


_HOLD_A_TEMPORARY = (
    "import sys, time; from pathlib import Path; from accord_cli.storage import safe_write; "
    "target = Path(sys.argv[1]); held = safe_write._temporary(target.parent, target.name, b'half', "
    "0o644); print(held.__enter__().name, flush=True); time.sleep(60)"
)


def test_a_writer_beside_a_file_removes_what_killed_writers_left_but_not_what_a_live_one_holds(tmp_path: Path) -> None:
    target = tmp_path / "out.csv"
    killed, live = (
        subprocess.Popen([sys.executable, "-c", _HOLD_A_TEMPORARY, str(target)], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    )
    names = []
    for writer in (killed, live):
        assert writer.stdout is not None
        names.append(writer.stdout.readline().strip())
    killed.send_signal(signal.SIGKILL)
    killed.wait()
    try:
        assert all(name.startswith(".out.csv.") and name.endswith(".tmp") for name in names)
        safe_write.replace(target, b"new")
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([names[1], "out.csv"])
        safe_write.create(tmp_path / "new.toml", b"x")  # each write sweeps beside its own target only
        assert sorted(p.name for p in tmp_path.iterdir()) == sorted([names[1], "new.toml", "out.csv"])
    finally:
        live.send_signal(signal.SIGKILL)
        live.wait()
    safe_write.replace(target, b"newer")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.toml", "out.csv"]
