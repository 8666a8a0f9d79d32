"""The benchmark is not a test, but it must keep running: one quick pass on 1,000 signatories."""

import subprocess
import sys
from pathlib import Path

BENCH = Path(__file__).resolve().parent.parent / "bench"


def test_the_benchmark_runs_and_reports_every_command(tmp_path: Path) -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH / "run.py"), "--quick", "--out", str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert result.returncode == 0, result.stderr
    report = (tmp_path / "latest.md").read_text(encoding="utf-8")
    assert report == result.stdout
    for row in ("accord --version", "accord list (piped)", "shell completion"):
        assert f"| {row}" in report
    assert "| command | 1,000 ids | 1,000 by hand | by hand / ids | peak | met |" in report
    for command in (
        "list --format csv",
        "missing -w FILE",
        "report -o x.html",
        "export -f sqlite",
        "import --yes FILE",
        "fmt --yes",
        "add",
        "edit",
        "leave",
        "counts add",
    ):
        assert f"\n| {command} | " in report
    assert "hledger" not in report or "reference" in report
    assert (tmp_path / "data" / "ledger-1000.toml").is_file()
    assert (tmp_path / "data" / "ledger-1000-handwritten.toml").read_bytes().count(b"\r\n") > 1000


def test_generated_ledgers_are_deterministic_and_valid(tmp_path: Path) -> None:
    sys.path.insert(0, str(BENCH))
    try:
        from generate import handwritten_text, ledger_text
    finally:
        sys.path.remove(str(BENCH))
    assert ledger_text(300) == ledger_text(300)
    assert 'id = "org-' not in handwritten_text(300) and handwritten_text(300).startswith("#")
    (tmp_path / "accord.toml").write_text(ledger_text(300), encoding="utf-8")
    checked = subprocess.run(
        [str(Path(sys.executable).with_name("accord")), "check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert checked.returncode == 0, checked.stdout
    formatted = subprocess.run(
        [str(Path(sys.executable).with_name("accord")), "fmt", "--check"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert formatted.returncode == 0, formatted.stdout[:500]


def test_the_merge_measurement_runs_and_the_driver_agrees_with_making_both_sides_edits() -> None:
    result = subprocess.run(
        [sys.executable, str(BENCH / "merges.py"), "--pairs", "5", "--size", "60", "--seed", "2"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    lines = result.stdout.splitlines()
    assert lines[0] == "5 pairs of concurrent edit sequences (1 to 4 edits a side) on a 60-signatory ledger, seed 2:"
    assert lines[1].startswith("  git's line merge: ") and lines[2].startswith("  accord's driver:  ")
    assert "of those merged cleanly" in lines[2] and "; 0 of those merged cleanly" in lines[2]
    assert lines[3] == "  clean merges that differ from making both sides' edits: 0"
