"""Time accord as users meet it: whole processes from a cold start, medians, ratios to floors from the same run.

    python bench/run.py                    # 10,000 and 100,000 signatories, 5 runs each
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
from functools import partial
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import SHAPES, write  # noqa: E402

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


def measure(
    cold: ColdStarts, argv: list[str], cwd: Path, runs: int, warmup: int, prepare: Callable[[], object] | None = None
) -> tuple[float, float]:
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
        "accord --version": ([ACCORD, "--version"], FRAMEWORK_FLOOR, 1.1),
        "accord --help": ([ACCORD, "--help"], FRAMEWORK_FLOOR, 2.0),
        "accord list (piped)": ([ACCORD, "list"], FRAMEWORK_FLOOR, 1.1),
        "accord --color always list (terminal)": ([ACCORD, "--color", "always", "list"], FRAMEWORK_FLOOR, None),
        "accord list --format json": ([ACCORD, "list", "--format", "json"], FRAMEWORK_FLOOR, None),
        "shell completion of `accord show Mic<Tab>`": (
            ["env", "_ACCORD_COMPLETE=complete_bash", "COMP_WORDS=accord show Mic", "COMP_CWORD=2", ACCORD],
            FRAMEWORK_FLOOR,
            1.5,
        ),
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


@dataclass
class Command:
    """One command of the benchmark: its arguments after `accord -l LEDGER`, and what it is held to."""

    label: str
    args: list[str]
    # "read", or "write" (run on a fresh copy of the ledger each time, with --force on a ledger with comments)
    kind: str = "read"
    # At 100,000 signatories, a limit of its own instead of its kind's.
    limit_at_100k: float | None = None
    takes_force: bool = False


def commands(names: Names) -> list[Command]:
    """Every command, as a user runs it on a ledger of that size."""
    member = names.member
    return [
        Command("list --format csv", ["list", "--format", "csv"]),
        Command("list --format json", ["list", "--format", "json"]),
        Command("list (piped)", ["list"]),
        Command("list on a terminal", ["--color", "always", "list"]),
        Command("show", ["show", member]),
        Command("missing -w FILE", ["missing", "-w", str(names.watchlist)]),
        Command("timeline", ["timeline"]),
        Command("diff 2019 2024", ["diff", "2019", "2024"]),
        Command("log", ["log"]),
        Command("check", ["check"]),
        Command("report -o x.md", ["report", "-o", "x.md"], limit_at_100k=3.0),
        Command("report -o x.html", ["report", "-o", "x.html"], limit_at_100k=3.0),
        Command("export -f json", ["export", "-f", "json"]),
        Command("export -f csv", ["export", "-f", "csv"]),
        Command("export -f sqlite", ["export", "-f", "sqlite", "-o", "x.db"], limit_at_100k=3.0),
        Command("import --dry-run FILE", ["import", str(names.import_file), "--dry-run"], limit_at_100k=3.0),
        Command(
            "import --yes FILE",
            ["import", str(names.import_file), "--yes"],
            "write",
            limit_at_100k=3.0,
            takes_force=True,
        ),
        Command("fmt --check", ["fmt", "--check"]),
        Command("fmt --yes", ["fmt", "--yes"], "write", limit_at_100k=3.0),
        Command("add", ["add", "Benchmark Newcomer", "--date", "2026-01-15"], "write", takes_force=True),
        Command("edit", ["edit", member, "--sector", "research"], "write", takes_force=True),
        Command("leave", ["leave", member, "--date", "2026-11-01", "--reason", "Benchmark"], "write", takes_force=True),
        Command(
            "counts add",
            [
                "counts",
                "add",
                "--date",
                "2026-11-01",
                "--count",
                "10",
                "--qualifier",
                "at-least",
                "--source",
                "https://example.org/total",
            ],
            "write",
            takes_force=True,
        ),
    ]


@dataclass
class Names:
    """What the commands of one size are run with: a member's name, a watchlist file and an import file."""

    member: str
    watchlist: Path
    import_file: Path


def names_for(size: int, ledger: Path, data: Path) -> Names:
    """A current member of the generated ledger (one that never left or was renamed), a watchlist file of
    5,000 names (half of them members, some near names, the rest never signed), and a CSV of 10,000 rows
    to import (half of them new)."""
    text = ledger.read_text(encoding="utf-8")
    names = [line[len('name = "') : -1] for line in text.splitlines() if line.startswith('name = "')][1:]
    member = names[8]  # the generator's ninth signatory: it has not left, nor been renamed
    watchlist = data / f"watchlist-{size}.txt"
    wanted = min(5_000, size // 2)
    listed = [names[i * len(names) // wanted] for i in range(wanted // 2)]
    listed += [f"{name} Holdings" for name in listed[: wanted // 20]]
    listed += [f"Unsigned Company {i}" for i in range(wanted - len(listed))]
    watchlist.write_text("\n".join(listed) + "\n", encoding="utf-8")
    import_file = data / f"import-{size}.csv"
    rows = min(10_000, size)
    existing = [names[i * len(names) // (rows // 2)] for i in range(rows // 2)]
    new = [f"Imported Newcomer {i}" for i in range(rows - len(existing))]
    import_file.write_text(
        "name,joined,country\n"
        + "".join(
            f'"{name}",2025-0{1 + i % 9}-1{i % 10},{("US", "DE", "JP")[i % 3]}\n'
            for i, name in enumerate(existing + new)
        ),
        encoding="utf-8",
    )
    return Names(member, watchlist, import_file)


@dataclass
class Measured:
    command: Command
    size: int
    shape: str
    seconds: float
    peak_mb: float


def at_size(cold: ColdStarts, size: int, data: Path, work: Path, runs: int, warmup: int) -> list[Measured]:
    """Every command on the ledger of `size` signatories in each of its shapes."""
    rows = []
    canonical = write(size, data)
    names = names_for(size, canonical, data)
    for shape in SHAPES:
        ledger = write(size, data, shape)
        copy = work / f"copy-{size}-{shape}.toml"
        for command in commands(names):
            target = ledger
            prepare = None
            args = list(command.args)
            if command.kind == "write":
                target = copy
                prepare = partial(shutil.copyfile, ledger, copy)
                if shape != "canonical" and command.takes_force:
                    args.append("--force")
            seconds, peak = measure(cold, [ACCORD, "-l", str(target), *args], work, runs, warmup, prepare)
            rows.append(Measured(command, size, shape, seconds, peak))
    return rows


# The limits: reads and writes at 10,000 and at 100,000 signatories (a command may have its own at 100,000),
# the memory a command may take at 100,000, and how much slower the hand-written shape may be.
LIMITS = {10_000: {"read": 0.25, "write": 0.35}, 100_000: {"read": 1.5, "write": 2.0}}
PEAK_AT_100K_MB = 300
SHAPE_RATIO = 1.2


def missed(rows: list[Measured]) -> list[str]:
    """Each target a command's measurements missed, in words."""
    misses = []
    for row in rows:
        limits = LIMITS.get(row.size)
        if limits is None:
            continue
        limit = (
            row.command.limit_at_100k if row.size >= 100_000 and row.command.limit_at_100k else limits[row.command.kind]
        )
        if row.seconds > limit:
            misses.append(f"{row.size:,} {_shape(row.shape)}: {_seconds(row.seconds)} > {limit:g} s")
        if row.size >= 100_000 and row.peak_mb > PEAK_AT_100K_MB:
            misses.append(f"{row.size:,} {_shape(row.shape)}: {row.peak_mb:.0f} MB > {PEAK_AT_100K_MB} MB")
    by_shape = {(row.size, row.shape): row.seconds for row in rows}
    for size in sorted({row.size for row in rows}):
        if size in LIMITS and (size, "canonical") in by_shape and (size, "handwritten") in by_shape:
            ratio = by_shape[size, "handwritten"] / by_shape[size, "canonical"]
            if ratio > SHAPE_RATIO:
                misses.append(f"{size:,} by hand {ratio:.2f}x > {SHAPE_RATIO}x")
    return misses


def _shape(shape: str) -> str:
    return "ids" if shape == "canonical" else "by hand"


def hledger(cold: ColdStarts, size: int, work: Path, runs: int, warmup: int) -> Timing | None:
    binary = shutil.which("hledger")
    if binary is None:
        return None
    journal = work / f"hledger-{size}.journal"
    journal.write_text(
        "".join(f"2020-01-01 Org {i}\n    assets:cash  1\n    income:dues\n\n" for i in range(size)), encoding="utf-8"
    )
    seconds, peak = measure(cold, [binary, "-f", str(journal), "register"], work, runs, warmup)
    return Timing(f"hledger register on {size:,} entries (reference)", seconds, peak)


def _versions() -> str:
    from importlib.metadata import version

    return ", ".join(f"{name} {version(name)}" for name in ("typer", "click", "rich", "tomli", "msgspec"))


def _seconds(value: float) -> str:
    return f"{value * 1000:,.0f} ms" if value < 1 else f"{value:,.2f} s"


def report(
    startup_rows: list[Timing],
    rows: list[Measured],
    references: list[Timing],
    sizes: list[int],
    runs: int,
    left_behind: list[str],
) -> str:
    lines = [
        "# accord benchmark",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}; {_versions()}. Medians of {runs} run(s) after a warm-up, each process with an "
        f"empty HOME and cache folder.",
        "",
        "| start-up, shipped ledger | median | peak memory | ratio to the floor | met |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    for row in startup_rows:
        met = "" if row.ok is None else ("yes" if row.ok else "**no**")
        lines.append(f"| {row.label} | {row.seconds * 1000:,.1f} ms | {row.peak_mb:,.0f} MB | {row.target} | {met} |")
    columns = [(size, shape) for size in sizes for shape in SHAPES]
    header = " | ".join(f"{size:,} {_shape(shape)}" for size, shape in columns)
    lines += [
        "",
        f"Ledgers with ids, and the same ledgers written by hand (no ids, a comment, CRLF, keys in an "
        f"order of their own; writes on them pass --force). Peak: the larger shape's, at "
        f"{sizes[-1]:,}.",
        "",
        f"| command | {header} | by hand / ids | peak | met |",
        "| --- |" + " ---: |" * (len(columns) + 2) + " --- |",
    ]
    by_command: dict[str, list[Measured]] = {}
    for row in rows:
        by_command.setdefault(row.command.label, []).append(row)
    for label, measured in by_command.items():
        cells = {(row.size, row.shape): row for row in measured}
        largest = [row for row in measured if row.size == sizes[-1]]
        ratios = [
            cells[size, "handwritten"].seconds / cells[size, "canonical"].seconds
            for size in sizes
            if (size, "handwritten") in cells and (size, "canonical") in cells
        ]
        misses = missed(measured)
        lines.append(
            f"| {label} | "
            + " | ".join(_seconds(cells[c].seconds) if c in cells else "" for c in columns)
            + f" | {max(ratios):.2f}x | {max(r.peak_mb for r in largest):,.0f} MB | "
            + ("yes" if not misses else "**no**: " + "; ".join(misses))
            + " |"
        )
    for reference in references:
        lines += ["", reference.label + ": " + reference.target]
    lines += [
        "",
        "`missing -w FILE` reads a file of 5,000 names (half of them members, some near names) and "
        "`import FILE` a CSV of 10,000 rows (half of them new); each of half the ledger's size if that "
        "is smaller.",
        "",
        "Targets: at 10,000, reads <= 0.25 s and writes <= 0.35 s; at 100,000, reads <= 1.5 s, writes "
        "<= 2 s, report, export -f sqlite, import and fmt --yes <= 3 s, <= 300 MB; by hand within 1.2x "
        "of ids.",
        "",
        "Files left in HOME or the cache folder: "
        + ("none." if not left_behind else "; ".join(sorted(set(left_behind))) + "."),
    ]
    return "\n".join(lines) + "\n"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000])
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
    cold = ColdStarts(
        {k: v for k, v in os.environ.items() if k not in ("ACCORD_LEDGER", "NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    )
    startup_rows = startup(cold, work, args.runs, args.warmup)
    rows: list[Measured] = []
    references = []
    for size in args.sizes:
        measured = at_size(cold, size, data, work, args.runs, args.warmup)
        rows += measured
        reference = hledger(cold, size, work, args.runs, args.warmup)
        if reference is not None:
            listing = next(row for row in measured if row.command.label == "list (piped)")
            reference.target = (
                f"{_seconds(reference.seconds)}, {reference.seconds / listing.seconds:.1f}x the time "
                f"of `accord list` piped on the ledger with ids"
            )
            references.append(reference)
    text = report(startup_rows, rows, references, args.sizes, args.runs, cold.left_behind)
    (out / "latest.md").write_text(text, encoding="utf-8")
    print(text, end="")
    if any(row.ok is False for row in startup_rows) or missed(rows) or cold.left_behind:
        print("Some targets were missed (see 'met'), or files were left behind.", file=sys.stderr)


if __name__ == "__main__":
    main()
