"""What every writing command guarantees: locking, comments kept or refused, unchanged files untouched."""

import codecs
import os
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import pytest

from accord_cli.storage import safe_write
from tests.conftest import MINIMAL, write_ledger

ACCORD = Path(sys.executable).with_name("accord")

COMMENTED = "# Kept by the research desk\n" + MINIMAL.replace(
    'name = "Test Accord"', 'name = "Test Accord"  # official'
)


# accord as Windows runs it, as far as locking goes: no fcntl, so filelock falls back to its own protocol.
WITHOUT_FCNTL = [
    sys.executable,
    "-c",
    "import sys; sys.modules['fcntl'] = None; sys.argv[0] = 'accord'; from accord_cli.cli import main; main()",
]


@pytest.mark.slow
@pytest.mark.parametrize("accord", [[str(ACCORD)], WITHOUT_FCNTL], ids=["flock", "without-fcntl"])
def test_twenty_concurrent_adds_all_land(tmp_path: Path, accord: list[str]) -> None:
    path = write_ledger(tmp_path / "accord.toml", MINIMAL)
    env = {k: v for k, v in os.environ.items() if k != "ACCORD_LEDGER"}
    adds = [
        subprocess.Popen(
            [*accord, "-l", str(path), "add", f"Org {i}", "--date", "2020-01-01"],
            env=env,
            stdout=subprocess.PIPE,
            stderr=subprocess.PIPE,
            text=True,
        )
        for i in range(20)
    ]
    for process in adds:
        _, err = process.communicate(timeout=120)
        assert process.returncode == 0, err
        assert err in ("", f"Waiting for another accord command to finish writing {path}...\n")
    listed = subprocess.run(
        [str(ACCORD), "-l", str(path), "list", "--format", "csv"], env=env, capture_output=True, text=True, check=True
    ).stdout
    assert sorted(line.split(",")[1] for line in listed.splitlines()[1:]) == sorted(f"Org {i}" for i in range(20))
    assert subprocess.run([str(ACCORD), "-l", str(path), "check"], env=env, capture_output=True).returncode == 0


def test_a_write_that_would_drop_comments_is_refused(run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path / "accord.toml", COMMENTED)
    result = run("add", "Acme", "--date", "2020-01-01")
    assert result.exit_code == 2
    assert result.stderr == (
        "Error: accord.toml has 2 comments that rewriting it would drop (line 1: # Kept by the research desk; "
        "line 3: # official); move the text into `note` fields, or pass --force to drop them "
        "(`accord fmt` shows the rewrite first)\n"
    )
    assert path.read_text(encoding="utf-8") == COMMENTED


@pytest.mark.parametrize(
    "command",
    [
        ["add", "Acme", "--date", "2020-01-01"],
        ["watchlist", "add", "big", "Apple"],
    ],
)
def test_force_drops_the_comments_and_writes(run, tmp_path: Path, command: list[str]) -> None:
    path = write_ledger(tmp_path / "accord.toml", COMMENTED)
    assert run(*command, "--force").exit_code == 0
    assert "#" not in path.read_text(encoding="utf-8")


def test_a_write_that_changes_nothing_keeps_bytes_and_mtime(run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path / "accord.toml", COMMENTED.replace("]\n\n[[pledges]]", "]\n[[pledges]]"))
    assert run("watchlist", "add", "big", "Apple", "--force").exit_code == 0
    before = path.read_bytes()
    os.utime(path, (1_000_000_000, 1_000_000_000))
    result = run("watchlist", "add", "big", "Apple")
    assert result.exit_code == 0 and result.stderr == "Already on big, so not added again: Apple.\n"
    assert path.read_bytes() == before and path.stat().st_mtime == 1_000_000_000


def test_fmt_shows_the_diff_and_asks(run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path / "accord.toml", COMMENTED)
    declined = run("fmt", input="n\n")
    assert declined.exit_code == 2
    assert "-# Kept by the research desk\n" in declined.stdout
    assert declined.stderr.endswith("Error: not confirmed, nothing was written; pass --yes to write without asking\n")
    assert path.read_text(encoding="utf-8") == COMMENTED
    accepted = run("fmt", input="y\n")
    assert accepted.exit_code == 0 and accepted.stderr.endswith("Rewrote accord.toml.\n")
    assert run("fmt").stdout == "accord.toml is already in canonical form.\n"
    assert run("fmt", "--check").exit_code == 0


def test_fmt_check_exits_1_and_writes_nothing(run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path / "accord.toml", COMMENTED)
    result = run("fmt", "--check")
    assert result.exit_code == 1 and result.stdout.startswith("--- accord.toml (now)\n+++ accord.toml (rewritten)\n")
    assert path.read_text(encoding="utf-8") == COMMENTED
    assert run("fmt", "--yes").exit_code == 0 and "#" not in path.read_text(encoding="utf-8")


def test_a_locked_ledger_times_out_with_one_line(run, tmp_path: Path) -> None:
    path = write_ledger(tmp_path / "accord.toml", MINIMAL)
    with safe_write.locked(path, lambda _: None):
        result = run("add", "Acme", env={"ACCORD_LOCK_TIMEOUT": "0.1"})
    assert result.exit_code == 2
    assert result.stderr.endswith(
        "Error: accord.toml is still being written by another accord command after "
        "0.1 s; try again, or raise $ACCORD_LOCK_TIMEOUT\n"
    )
    assert result.stderr.startswith("Waiting for another accord command to finish writing accord.toml...\n")
    assert path.read_text(encoding="utf-8") == MINIMAL


def test_an_unwritable_directory_is_a_clear_error(run, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    path = write_ledger(tmp_path / "accord.toml", MINIMAL)

    def refuse(*_: object, **__: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(safe_write.tempfile, "mkstemp", refuse)  # as root, chmod alone cannot refuse a write
    result = run("add", "Acme")
    assert result.exit_code == 2
    assert result.stderr == "Error: cannot write accord.toml: Permission denied; nothing was changed\n"
    assert path.read_text(encoding="utf-8") == MINIMAL


def test_a_read_only_ledger_is_refused_even_for_root(run, ledger_path: Path) -> None:
    ledger_path.chmod(0o444)
    before = ledger_path.read_bytes()
    result = run("add", "Acme")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: cannot write accord.toml: it is read-only (make it writable to change it); nothing was changed\n",
    )
    assert ledger_path.read_bytes() == before


def _as_unprivileged_user() -> list[str]:
    """A command prefix that drops root, whose writes no permission bit can stop; empty if not root."""
    if os.geteuid() != 0:
        return []
    setpriv = shutil.which("setpriv")
    if setpriv is None:
        pytest.skip("running as root without setpriv to drop privileges")
    prefix = [setpriv, "--reuid=65534", "--regid=65534", "--clear-groups"]
    if subprocess.run([*prefix, str(ACCORD), "--version"], capture_output=True, timeout=60).returncode != 0:
        pytest.skip("the unprivileged user cannot run this checkout's accord (a root-only directory)")
    return prefix


@pytest.mark.parametrize("unwritable", ["directory", "file"])
def test_unwritable_ledgers_are_a_clear_error_and_stay_as_they_were(unwritable: str) -> None:
    prefix = _as_unprivileged_user()
    folder = Path(tempfile.mkdtemp(prefix="accord-readonly-"))  # outside pytest's root-only tmp tree
    try:
        path = write_ledger(folder / "accord.toml", MINIMAL)
        path.chmod(0o444)
        folder.chmod(0o555 if unwritable == "directory" else 0o777)
        result = subprocess.run(
            [*prefix, str(ACCORD), "-l", str(path), "add", "Acme"], capture_output=True, text=True, timeout=60
        )
        assert result.returncode == 2
        cause = (
            f"its folder {folder.resolve()} is not writable (accord writes the new version, and its lock, "
            "beside the old one)"
            if unwritable == "directory"
            else "it is read-only (make it writable to change it)"
        )
        assert result.stderr == f"Error: cannot write {path}: {cause}; nothing was changed\n"
        assert path.read_text(encoding="utf-8") == MINIMAL
    finally:
        folder.chmod(0o755)
        shutil.rmtree(folder)


# -- a ledger keeps its line endings and byte-order mark through every write ----------------------

WRITES = [
    ["add", "Acme", "--date", "2020-01-01"],
    ["leave", "Symantec", "--date", "2020-01-31"],
    ["rename", "Facebook", "Meta Platforms", "--date", "2021-10-28"],
    ["edit", "ABB", "--sector", "energy"],
    ["watchlist", "add", "bigtech", "Samsung"],
    ["watchlist", "remove", "bigtech", "Twitter"],
    ["pledge", "add", "transparency", "--title", "Transparency"],
    ["pledge", "edit", "defense", "--summary", "Protect everyone."],
    ["import", "list.txt", "--yes"],
    ["watchlist", "delete", "bigtech"],
    ["pledge", "remove", "capacity-building", "--yes"],
]


@pytest.mark.parametrize("bom", [b"", codecs.BOM_UTF8])
@pytest.mark.parametrize("command", WRITES, ids=lambda c: " ".join(c[:2]))
def test_writes_keep_crlf_line_endings_and_the_byte_order_mark(
    run, ledger_path: Path, bom: bytes, command: list[str]
) -> None:
    (ledger_path.parent / "list.txt").write_text("Apple\n", encoding="utf-8")
    original = ledger_path.read_bytes()
    ledger_path.write_bytes(bom + original.replace(b"\n", b"\r\n"))
    result = run(*command)
    assert result.exit_code == 0, result.stderr
    written = ledger_path.read_bytes()
    assert written.startswith(bom) and written != bom + original.replace(b"\n", b"\r\n")
    assert written.count(b"\n") == written.count(b"\r\n")  # every line still ends in CRLF
    lf_before = original.decode("utf-8").splitlines()
    lf_after = written[len(bom) :].decode("utf-8").splitlines()
    unchanged = [line for line in lf_before if line in lf_after]
    assert len(unchanged) >= len(lf_before) - 3  # the rest of the file is as it was


def test_corrections_keep_crlf_line_endings_and_the_byte_order_mark(run, ledger_path: Path) -> None:
    ledger_path.write_bytes(codecs.BOM_UTF8 + ledger_path.read_bytes().replace(b"\n", b"\r\n"))
    for command in (
        ["leave", "Avast", "--date", "2020-01-31"],
        ["rejoin", "Avast", "--date", "2021-03-01"],
        ["amend", "Avast", "1", "--date", "2020-02-03"],
        ["drop-event", "Avast", "2", "--yes"],
    ):
        before = ledger_path.read_bytes()
        result = run(*command)
        assert result.exit_code == 0, (command, result.stderr)
        written = ledger_path.read_bytes()
        assert written != before and written.startswith(codecs.BOM_UTF8), command
        assert written.count(b"\n") == written.count(b"\r\n"), command


def test_fmt_finds_a_crlf_ledger_with_a_bom_canonical(run, ledger_path: Path) -> None:
    ledger_path.write_bytes(codecs.BOM_UTF8 + ledger_path.read_bytes().replace(b"\n", b"\r\n"))
    result = run("fmt", "--check")
    assert (result.exit_code, result.stdout) == (0, "accord.toml is already in canonical form.\n")
    canonical = ledger_path.read_bytes()
    ledger_path.write_bytes(canonical.replace(b'name = "ABB"', b'name    =   "ABB"'))
    assert run("fmt", "--yes").exit_code == 0
    assert ledger_path.read_bytes() == canonical  # rewritten in its own line endings, its mark kept


@pytest.mark.parametrize("value", ["soon", "-1", "inf", "nan"])
def test_a_bad_lock_timeout_is_refused_before_writing(run, ledger_path: Path, value: str) -> None:
    before = ledger_path.read_bytes()
    result = run("add", "Acme", env={"ACCORD_LOCK_TIMEOUT": value})
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: $ACCORD_LOCK_TIMEOUT is {value!r}: give the seconds to wait for the lock, e.g. 30\n",
    )
    assert ledger_path.read_bytes() == before
