"""The parse cache: keyed by content, never stale, ignored when damaged, off on request."""

import os
from pathlib import Path

import pytest

from accord_cli import cache, ledger
from tests.conftest import SHIPPED


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv(cache.CACHE_VAR, str(folder))
    monkeypatch.setattr(cache, "MIN_BYTES", 1)  # cache even the small shipped ledger
    return folder


def _copy(tmp_path: Path, name: str = "accord.toml") -> Path:
    path = tmp_path / name
    path.write_text(SHIPPED.read_text(encoding="utf-8"), encoding="utf-8")
    return path


def _read(path: Path) -> ledger.LedgerFile:
    return ledger.read(ledger.Location(path))


def test_a_second_read_comes_from_the_cache(tmp_path: Path, cache_dir: Path, monkeypatch) -> None:
    path = _copy(tmp_path)
    first = _read(path)
    assert len(list(cache_dir.glob("*.pickle"))) == 1

    def no_parsing(*_: object) -> None:
        raise AssertionError("parsed although cached")

    monkeypatch.setattr(ledger, "decode", no_parsing)
    assert _read(path).ledger == first.ledger


def test_a_change_that_keeps_size_and_mtime_is_still_seen(tmp_path: Path, cache_dir: Path) -> None:
    path = _copy(tmp_path)
    _read(path)
    stat = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace('"Microsoft"', '"Microsofx"'), encoding="utf-8")
    os.utime(path, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert path.stat().st_size == stat.st_size
    assert "Microsofx" in {s.name for s in _read(path).ledger.signatories}


def test_a_damaged_entry_is_ignored_and_rebuilt(tmp_path: Path, cache_dir: Path) -> None:
    path = _copy(tmp_path)
    expected = _read(path).ledger
    (entry,) = cache_dir.glob("*.pickle")
    entry.write_bytes(b"\x80\x05 not a pickle")
    assert _read(path).ledger == expected
    assert entry.read_bytes() != b"\x80\x05 not a pickle"


def test_problems_come_back_from_the_cache_too(tmp_path: Path, cache_dir: Path) -> None:
    path = _copy(tmp_path)
    path.write_text(path.read_text(encoding="utf-8").replace("[[signatories]]\n", "[[signatories]]\nodd = 1\n", 1),
                    encoding="utf-8")
    first = _read(path).problems
    assert first and _read(path).problems == first


def test_caching_can_be_switched_off_and_small_ledgers_are_not_cached(tmp_path: Path, monkeypatch) -> None:
    monkeypatch.setenv(cache.CACHE_VAR, "off")
    _read(_copy(tmp_path))
    assert cache.folder() is None
    monkeypatch.setenv(cache.CACHE_VAR, str(tmp_path / "cache"))
    _read(_copy(tmp_path, "small.toml"))  # the shipped ledger is far under MIN_BYTES
    assert not (tmp_path / "cache").exists()


def test_old_entries_are_pruned(tmp_path: Path, cache_dir: Path) -> None:
    base = SHIPPED.read_text(encoding="utf-8")
    for index in range(cache.KEEP + 3):
        path = tmp_path / f"l{index}.toml"
        path.write_text(base + f"\n# {index}\n", encoding="utf-8")
        _read(path)
    assert len(list(cache_dir.glob("*.pickle"))) == cache.KEEP


def test_the_decoder_is_part_of_the_key(tmp_path: Path, cache_dir: Path, monkeypatch) -> None:
    path = _copy(tmp_path)
    data = path.read_bytes()
    before = cache._entry(data)
    monkeypatch.setattr(cache, "_code_fingerprint", lambda: b"another accord")
    assert cache._entry(data) != before
