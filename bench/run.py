"""Time accord as users meet it: whole processes from a cold start, medians, ratios to floors from the same run.

    python bench/run.py                    # 1,000, 10,000 and 100,000 signatories, 5 runs each
    python bench/run.py --quick            # 1,000 signatories, one run: the smoke test in the suite
    python bench/run.py --sizes 10000 --runs 9

Every process starts with an empty HOME and cache folder of its own, as a
first run does, and the bench checks afterwards that accord left nothing
there. The package is byte-compiled first, as an installed one is. Peak
memory is the child's maximum resident set size, from wait4(). Writes a
Markdown report to bench/results/latest.md (and prints it).
"""

from __future__ import annotations

import argparse
import compileall
import os
import platform
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write  # noqa: E402

PYTHON = sys.executable
ACCORD = str(Path(sys.executable).with_name("accord"))
FRAMEWORKS = "import typer, rich.console, rich.table, tomli"
BARE_FLOOR = "python -c pass (floor)"
FRAMEWORK_FLOOR = f'python -c "{FRAMEWORKS}" (floor)'


@dataclass
class Timing:
    label: str
    seconds: float  # median
    peak_mb: float
    target: str = ""
    ok: bool | None = None


class ColdStarts:
    """A fresh, empty HOME and cache folder for every process, and a check that each stayed empty."""

    def __init__(self, base: dict[str, str]) -> None:
        self.base = base
        self.left_behind: list[str] = []

    def run(self, argv: list[str], cwd: Path) -> tuple[float, float, int]:
        """Wall seconds, peak resident MB and exit status of one process."""
        with tempfile.TemporaryDirectory(prefix="accord-bench-home-") as home:
            env = {**self.base, "HOME": home, "XDG_CACHE_HOME": os.path.join(home, ".cache")}
            start = time.perf_counter()
            child = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            _, status, usage = os.wait4(child.pid, 0)
            elapsed = time.perf_counter() - start
            if os.listdir(home):
                self.left_behind.append(" ".join(argv))
        return elapsed, usage.ru_maxrss / 1024, os.waitstatus_to_exitcode(status)


def measure(cold: ColdStarts, argv: list[str], cwd: Path, runs: int, warmup: int,
            prepare: Callable[[], object] | None = None) -> tuple[float, float]:
    times, peaks = [], []
    for index in range(warmup + runs):
        if prepare is not None:
            prepare()
        elapsed, peak, status = cold.run(argv, cwd)
        if status not in (0, 1):
            raise SystemExit(f"bench: {' '.join(argv)} exited {status}")
        if index >= warmup:
            times.append(elapsed)
            peaks.append(peak)
    return statistics.median(times), max(peaks)


def startup(cold: ColdStarts, work: Path, runs: int, warmup: int) -> list[Timing]:
    """Start-up on the shipped ledger, each command run in turn with the floors so that drift in
    the machine's speed hits them all alike (30 rounds unless --quick)."""
    rounds = 30 if runs > 1 else 1
    # label: (argv, floor it is judged against, largest ratio allowed; None: shown, not judged)
    commands: dict[str, tuple[list[str], str | None, float | None]] = {
        BARE_FLOOR: ([PYTHON, "-c", "pass"], None, None),
        FRAMEWORK_FLOOR: ([PYTHON, "-c", FRAMEWORKS], None, None),
        "accord --version": ([ACCORD, "--version"], FRAMEWORK_FLOOR, 1.2),
        "accord --help": ([ACCORD, "--help"], FRAMEWORK_FLOOR, 2.0),
        "accord list (piped)": ([ACCORD, "list"], FRAMEWORK_FLOOR, 1.2),
        "accord --color always list (terminal)": ([ACCORD, "--color", "always", "list"], FRAMEWORK_FLOOR, None),
        "accord list --format json": ([ACCORD, "list", "--format", "json"], FRAMEWORK_FLOOR, None),
        "shell completion of `accord show Mic<Tab>`": ([
            "env", "_ACCORD_COMPLETE=complete_bash", "COMP_WORDS=accord show Mic", "COMP_CWORD=2", ACCORD],
            FRAMEWORK_FLOOR, 1.5),
    }
    seconds: dict[str, list[float]] = {label: [] for label in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    for index in range(rounds + min(warmup, 2)):
        for label, (argv, _, _) in commands.items():
            elapsed, peak, _ = cold.run(argv, work)
            if index >= min(warmup, 2):
                seconds[label].append(elapsed)
                peaks[label] = max(peaks[label], peak)
    median = {label: statistics.median(values) for label, values in seconds.items()}
    rows = []
    for label, (_, floor, limit) in commands.items():
        if floor is None:
            rows.append(Timing(label, median[label], peaks[label]))
            continue
        ratio = median[label] / median[floor]
        target = f"{ratio:.2f}x frameworks" + (f" (target <= {limit:g}x)" if limit else "")
        rows.append(Timing(label, median[label], peaks[label], target, None if limit is None else ratio <= limit))
    return rows


def at_size(cold: ColdStarts, size: int, data: Path, work: Path, runs: int, warmup: int) -> list[Timing]:
    ledger = write(size, data)
    copy = work / f"add-{size}.toml"
    rows = []
    read, table = (0.25, 0.5) if size <= 10_000 else (1.5, 1.5)
    commands = [
        ("list --format csv", ["list", "--format", "csv"], read),
        ("list (piped)", ["list"], read),
        ("list on a terminal", ["--color", "always", "list"], table),
        ("missing -w market", ["missing", "-w", "market"], read),
        ("diff 2019 2024", ["diff", "2019", "2024"], read),
        ("timeline", ["timeline"], read),
        ("log", ["log"], read),
        ("check", ["check"], read),
        ("show org-5", ["show", "org-5"], read),
    ]
    for label, args, limit in commands:
        seconds, peak = measure(cold, [ACCORD, "-l", str(ledger), *args], work, runs, warmup)
        rows.append(_judged(f"{size:,}: {label}", seconds, peak, limit, size))
    # A narrow terminal cuts columns of words short, and must cost no more than a wide one.
    seconds, peak = measure(cold, ["env", "COLUMNS=40", ACCORD, "-l", str(ledger), "--color", "always", "list"],
                            work, runs, warmup)
    rows.append(_judged(f"{size:,}: list on a 40-column terminal", seconds, peak, table, size))
    seconds, peak = measure(cold, [ACCORD, "-l", str(copy), "add", "Benchmark Newcomer", "--date", "2026-01-15"],
                            work, runs, warmup, prepare=lambda: shutil.copyfile(ledger, copy))
    rows.append(_judged(f"{size:,}: add", seconds, peak, 0.5 if size <= 10_000 else 2.0, size))
    return rows


def _judged(label: str, seconds: float, peak: float, limit: float, size: int) -> Timing:
    ok = seconds <= limit and (size < 100_000 or peak <= 300)
    target = f"<= {limit:g} s" + (", <= 300 MB" if size >= 100_000 else "")
    return Timing(label, seconds, peak, target, ok)


def hledger(cold: ColdStarts, size: int, work: Path, runs: int, warmup: int) -> Timing | None:
    binary = shutil.which("hledger")
    if binary is None:
        return None
    journal = work / f"hledger-{size}.journal"
    journal.write_text("".join(f"2020-01-01 Org {i}\n    assets:cash  1\n    income:dues\n\n" for i in range(size)),
                       encoding="utf-8")
    seconds, peak = measure(cold, [binary, "-f", str(journal), "register"], work, runs, warmup)
    return Timing(f"{size:,}: hledger register (reference)", seconds, peak)


def _versions() -> str:
    from importlib.metadata import version

    return ", ".join(f"{name} {version(name)}" for name in ("typer", "click", "rich", "tomli", "msgspec"))


def report(rows: list[Timing], sizes: list[int], runs: int, left_behind: list[str]) -> str:
    lines = [
        "# accord benchmark",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}; {_versions()}. Medians of {runs} run(s) after a warm-up, each process with an "
        f"empty HOME and cache folder; sizes {', '.join(map(str, sizes))}.",
        "",
        "| command | median | peak memory | target | met |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        met = "" if row.ok is None else ("yes" if row.ok else "**no**")
        lines.append(f"| {row.label} | {row.seconds * 1000:,.1f} ms | {row.peak_mb:,.0f} MB | {row.target} | {met} |")
    lines += ["", "Files left in HOME or the cache folder: "
              + ("none." if not left_behind else "; ".join(sorted(set(left_behind))) + ".")]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[1_000, 10_000, 100_000])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--warmup", type=int, default=1)
    parser.add_argument("--quick", action="store_true", help="1,000 signatories, one run, no warm-up")
    parser.add_argument("--out", type=Path, default=HERE / "results")
    args = parser.parse_args()
    if args.quick:
        args.sizes, args.runs, args.warmup = [1_000], 1, 0
    out: Path = args.out
    data, work = out / "data", out / "work"
    for folder in (data, work):
        folder.mkdir(parents=True, exist_ok=True)
    compileall.compile_dir(HERE.parent / "accord_cli", quiet=1)
    cold = ColdStarts({k: v for k, v in os.environ.items()
                       if k not in ("ACCORD_LEDGER", "NO_COLOR", "FORCE_COLOR", "COLUMNS")})
    rows = startup(cold, work, args.runs, args.warmup)
    by_size: dict[int, Timing] = {}
    for size in args.sizes:
        rows += at_size(cold, size, data, work, args.runs, args.warmup)
        reference = hledger(cold, size, work, args.runs, args.warmup)
        if reference is not None:
            rows.append(reference)
            by_size[size] = reference
    for size, reference in by_size.items():
        slowest = max((r for r in rows if r.label.startswith(f"{size:,}: ") and r.ok is not None
                       and not r.label.endswith(": add")),
                      key=lambda r: r.seconds)
        reference.target = (f"accord's slowest read ({slowest.label.split(': ', 1)[1]}) is "
                            f"{reference.seconds / slowest.seconds:.1f}x faster")
    text = report(rows, args.sizes, args.runs, cold.left_behind)
    (out / "latest.md").write_text(text, encoding="utf-8")
    print(text, end="")
    if any(row.ok is False for row in rows) or cold.left_behind:
        print("Some targets were missed (see 'met'), or files were left behind.", file=sys.stderr)


if __name__ == "__main__":
    main()
