import os
from pathlib import Path

import pytest
from msgspec.structs import replace

from accord_cli.core import changes
from accord_cli.core.errors import (
    DataLossRefused,
    LedgerExists,
    LedgerInvalid,
    LedgerNotFound,
    LedgerReadOnly,
    LedgerSyntaxError,
    LedgerWriteError,
)
from accord_cli.core.model import Accord, Ledger, Problem
from accord_cli.storage import ledger_file as ledger
from accord_cli.storage.location import BUILT_IN, Location, locate
from accord_cli.storage.toml_text import SourceMap
from tests.conftest import FOUNDERS, MINIMAL, add, day, write_ledger


def test_locate_prefers_the_explicit_path(tmp_path: Path) -> None:
    assert locate(tmp_path / "x.toml", tmp_path).path == tmp_path / "x.toml"


def test_locate_finds_the_nearest_ledger_upwards(tmp_path: Path) -> None:
    write_ledger(tmp_path / "accord.toml", MINIMAL)
    deep = tmp_path / "a" / "b"
    deep.mkdir(parents=True)
    assert locate(None, deep).path == Path("../../accord.toml")


def test_locate_falls_back_to_the_builtin_ledger(tmp_path: Path) -> None:
    location = locate(None, tmp_path)
    assert location.path is None and location.searched_from == tmp_path
    assert ledger.load(location).ledger.accord.name == "Cybersecurity Tech Accord"


def test_builtin_ledger_is_the_shipped_file() -> None:
    assert ledger.inspect(BUILT_IN).text == FOUNDERS.read_text(encoding="utf-8")


def test_the_shipped_file_is_in_canonical_layout() -> None:
    file = ledger.load(Location(FOUNDERS))
    assert ledger.dumps(file.ledger) == file.text


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ('name = "x\n', ':1:10: invalid basic string, expected `"`'),
        ("[accord]\nlaunched = 2018-4-17\n", ":2:12: '2018-4-17' is not a date: expected YYYY-MM-DD, e.g. 2018-04-17"),
        ("[accord]\nlaunched = 2018-02-30\n", ":2:12: '2018-02-30' is not a real calendar date"),
        ("[accord]\nname = 'a'\nname = 'b'\n", ":3:"),
    ],
)
def test_syntax_errors_name_file_line_and_column(tmp_path: Path, body: str, message: str) -> None:
    path = write_ledger(tmp_path / "bad.toml", body)
    with pytest.raises(LedgerSyntaxError) as caught:
        ledger.inspect(Location(path))
    assert str(caught.value).startswith(str(path) + message)


def test_an_invalid_ledger_names_the_line_and_the_entry(tmp_path: Path) -> None:
    path = write_ledger(tmp_path / "x.toml", MINIMAL + '\n[[signatories]]\nname = "Acme"\njoined = "2019-13"\n')
    with pytest.raises(LedgerInvalid) as caught:
        ledger.load(Location(path))
    assert str(caught.value) == (
        f"{path}:15:1: Acme: 'joined': '2019-13' is not a real month (run `accord check` to list every problem)"
    )


def test_unreadable_inputs_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(LedgerNotFound, match="no ledger at"):
        ledger.inspect(Location(tmp_path / "missing.toml"))
    with pytest.raises(LedgerNotFound, match="is a folder, not a ledger file"):
        ledger.inspect(Location(tmp_path))
    (tmp_path / "latin1.toml").write_bytes(b'[accord]\nname = "Telef\xf3nica"\n')
    with pytest.raises(LedgerInvalid, match="not UTF-8 text"):
        ledger.inspect(Location(tmp_path / "latin1.toml"))


def test_deeply_nested_input_is_refused_not_a_crash(tmp_path: Path) -> None:
    path = write_ledger(tmp_path / "deep.toml", "x = " + "[" * 5000 + "]" * 5000 + "\n")
    with pytest.raises((LedgerInvalid, LedgerSyntaxError)):
        ledger.inspect(Location(path))


def _with_acme(file: ledger.LedgerFile) -> Ledger:
    updated, _ = add(file.ledger, "Acme", joined=file.ledger.accord.launched, today=file.ledger.accord.launched)
    return updated


def test_save_writes_atomically_and_keeps_permissions(ledger_path: Path) -> None:
    os.chmod(ledger_path, 0o640)
    file = ledger.load(Location(ledger_path))
    assert ledger.save(file, _with_acme(file)) is True
    assert oct(ledger_path.stat().st_mode & 0o777) == oct(0o640)
    assert ledger_path.read_text(encoding="utf-8").endswith(
        '[[signatories]]\nid = "acme"\nname = "Acme"\n'
        "joined = 2018-04-17\n\n[watchlists]\n"
        'bigtech = ["Apple", "Amazon", "Google", "Twitter", '
        '"Microsoft", "Facebook"]\n'
    )
    assert sorted(p.name for p in ledger_path.parent.iterdir()) == ["accord.toml"]


def test_save_with_nothing_changed_leaves_the_file_alone(ledger_path: Path) -> None:
    os.utime(ledger_path, (1_000_000_000, 1_000_000_000))
    file = ledger.load(Location(ledger_path))
    assert ledger.save(file, file.ledger) is False
    assert ledger_path.stat().st_mtime == 1_000_000_000


def test_save_through_a_symlink_updates_its_target(tmp_path: Path, ledger_path: Path) -> None:
    link = tmp_path / "link.toml"
    link.symlink_to(ledger_path)
    file = ledger.load(Location(link))
    ledger.save(file, _with_acme(file))
    assert link.is_symlink()
    assert 'name = "Acme"' in ledger_path.read_text(encoding="utf-8")


def test_a_failed_write_leaves_the_ledger_byte_for_byte(ledger_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    before = ledger_path.read_bytes()
    file = ledger.load(Location(ledger_path))

    def refuse(*_: object) -> None:
        raise PermissionError(13, "Permission denied")

    monkeypatch.setattr(os, "replace", refuse)
    with pytest.raises(LedgerWriteError, match="Permission denied; nothing was changed"):
        ledger.save(file, _with_acme(file))
    assert ledger_path.read_bytes() == before
    assert sorted(p.name for p in ledger_path.parent.iterdir()) == ["accord.toml"]


def test_save_refuses_to_drop_signatories_or_events(ledger_path: Path) -> None:
    before = ledger_path.read_bytes()
    file = ledger.load(Location(ledger_path))
    with pytest.raises(DataLossRefused, match="would drop 34 signatories"):
        ledger.save(file, Ledger(file.ledger.accord))
    first = file.ledger.signatories[0]
    ledger.save(file, changes.leave(file.ledger, first, day(2020, 1, 1), None))
    file = ledger.load(Location(ledger_path))
    written = ledger_path.read_bytes()
    with pytest.raises(DataLossRefused, match="would drop 1 events"):
        ledger.save(file, file.ledger.with_replaced(replace(file.ledger.signatories[0], events=())))
    assert ledger_path.read_bytes() == written != before


def test_the_builtin_ledger_is_never_written(tmp_path: Path) -> None:
    location = locate(None, tmp_path)
    with pytest.raises(LedgerReadOnly, match=f"no accord.toml in {tmp_path} or its parents"):
        with ledger.editing(location, print):
            pass
    with pytest.raises(LedgerReadOnly):
        ledger.save(ledger.load(location), Ledger(Accord("x")))


def test_create_refuses_to_overwrite(tmp_path: Path) -> None:
    target = tmp_path / "new.toml"
    ledger.create(target, MINIMAL)
    assert target.read_text(encoding="utf-8") == MINIMAL
    with pytest.raises(LedgerExists):
        ledger.create(target, "other")
    assert target.read_text(encoding="utf-8") == MINIMAL
    assert sorted(p.name for p in tmp_path.iterdir()) == ["new.toml"]


def test_a_problem_is_placed_at_its_key_or_its_block(ledger_path: Path) -> None:
    found = ledger.inspect(Location(ledger_path))
    lines = found.text.splitlines()

    def at(*path: str | int) -> str | None:
        position = found.position(Problem(path, ""))
        return None if position is None else lines[position[0] - 1][position[1] - 1 :]

    assert at("signatories", 1) == "[[signatories]]"
    assert at("signatories", 1, "name") == 'name = "Arm"'
    assert at("accord", "launched") == "launched = 2018-04-17"
    assert at("watchlists", "bigtech").startswith("bigtech = ")
    assert at("signatories", 999) is None
    assert SourceMap('schema = 1\n  "odd.key" = 2\n[accord]\n').position(("odd.key",)) == (2, 3)
    assert SourceMap("[accord]\n").position(("schema",)) is None
