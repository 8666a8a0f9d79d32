"""Time accord as users run it: whole processes, medians after a warm-up, ratios to floors from the same run.

    python bench/run.py                    # 1,000, 10,000 and 100,000 signatories, 5 runs each
    python bench/run.py --quick            # 1,000 signatories, one run: the smoke test in the suite
    python bench/run.py --sizes 10000 --runs 9

Writes a Markdown report to bench/results/latest.md (and prints it). The
package is byte-compiled first, as an installed one is, and the parse cache
lives in a fresh folder under bench/results, so the first (warm-up) run of each
size fills it the way a user's first command does. Peak memory is the child's
maximum resident set size, from wait4().
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
import time
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write  # noqa: E402

PYTHON = sys.executable
ACCORD = str(Path(sys.executable).with_name("accord"))
FRAMEWORKS = "import typer, rich.console, rich.table, tomllib"


@dataclass
class Timing:
    label: str
    seconds: float  # median
    peak_mb: float
    target: str = ""
    ok: bool | None = None


def run_once(argv: list[str], env: dict[str, str], cwd: Path) -> tuple[float, float, int]:
    """Wall seconds, peak resident MB and exit status of one process."""
    start = time.perf_counter()
    child = subprocess.Popen(argv, env=env, cwd=cwd, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    _, status, usage = os.wait4(child.pid, 0)
    elapsed = time.perf_counter() - start
    child.returncode = os.waitstatus_to_exitcode(status)
    return elapsed, usage.ru_maxrss / 1024, child.returncode


def measure(argv: list[str], env: dict[str, str], cwd: Path, runs: int, warmup: int,
            prepare: callable | None = None) -> tuple[float, float]:  # type: ignore[valid-type]
    times, peaks = [], []
    for index in range(warmup + runs):
        if prepare is not None:
            prepare()
        elapsed, peak, status = run_once(argv, env, cwd)
        if status not in (0, 1):
            raise SystemExit(f"bench: {' '.join(argv)} exited {status}")
        if index >= warmup:
            times.append(elapsed)
            peaks.append(peak)
    return statistics.median(times), max(peaks)


def _env(cache: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if k not in ("ACCORD_LEDGER", "NO_COLOR", "FORCE_COLOR", "COLUMNS")}
    env["ACCORD_CACHE_DIR"] = str(cache)
    return env


def startup(env: dict[str, str], work: Path, runs: int, warmup: int) -> list[Timing]:
    """Start-up on the shipped ledger, each command run in turn with the floors so that drift in
    the machine's speed hits them all alike (30 rounds unless --quick)."""
    rounds = 30 if runs > 1 else 1
    commands = {
        "python -c pass (floor)": [PYTHON, "-c", "pass"],
        f'python -c "{FRAMEWORKS}" (floor)': [PYTHON, "-c", FRAMEWORKS],
        "accord --version": [ACCORD, "--version"],
        "accord --help": [ACCORD, "--help"],
        "accord list (piped)": [ACCORD, "list"],
        "accord --color always list (terminal)": [ACCORD, "--color", "always", "list"],
        "accord list --format json": [ACCORD, "list", "--format", "json"],
        "shell completion of `accord show Mic<Tab>`": [
            "env", "_ACCORD_COMPLETE=complete_bash", "COMP_WORDS=accord show Mic", "COMP_CWORD=2", ACCORD],
    }
    seconds: dict[str, list[float]] = {label: [] for label in commands}
    peaks: dict[str, float] = dict.fromkeys(commands, 0.0)
    for index in range(rounds + min(warmup, 2)):
        for label, argv in commands.items():
            elapsed, peak, _ = run_once(argv, env, work)
            if index >= min(warmup, 2):
                seconds[label].append(elapsed)
                peaks[label] = max(peaks[label], peak)
    median = {label: statistics.median(values) for label, values in seconds.items()}
    bare, frameworks = median["python -c pass (floor)"], median[f'python -c "{FRAMEWORKS}" (floor)']
    rows = []
    for label in commands:
        light = label in ("accord --version", "accord --help") or label.startswith("shell completion")
        floor, limit = (bare, 5.0) if light else (frameworks, 1.2)
        if label.endswith("(floor)"):
            rows.append(Timing(label, median[label], peaks[label]))
        else:
            ratio = median[label] / floor
            rows.append(Timing(label, median[label], peaks[label], f"{ratio:.2f}x floor (target <= {limit:g}x)",
                               ratio <= limit))
    return rows


def at_size(size: int, data: Path, env: dict[str, str], work: Path, runs: int, warmup: int) -> list[Timing]:
    ledger = write(size, data)
    copy = work / f"add-{size}.toml"
    rows = []
    fast, interactive = (0.25, 0.5) if size <= 10_000 else (1.5, 1.5)
    commands = [
        ("list --format csv", ["list", "--format", "csv"], fast),
        ("list (piped)", ["list"], fast),
        ("list on a terminal", ["--color", "always", "list"], interactive),
        ("missing -w market", ["missing", "-w", "market"], fast),
        ("diff 2019 2024", ["diff", "2019", "2024"], fast),
        ("timeline", ["timeline"], fast),
        ("log", ["log"], 1.5),
        ("check", ["check"], 1.5),
        ("show org-5", ["show", "org-5"], 1.5),
    ]
    for label, args, limit in commands:
        seconds, peak = measure([ACCORD, "-l", str(ledger), *args], env, work, runs, warmup)
        rows.append(_judged(f"{size:,}: {label}", seconds, peak, limit, size))
    seconds, peak = measure([ACCORD, "-l", str(copy), "add", "Benchmark Newcomer", "--date", "2026-01-15"],
                            env, work, runs, warmup, prepare=lambda: shutil.copyfile(ledger, copy))
    rows.append(_judged(f"{size:,}: add", seconds, peak, 0.5 if size <= 10_000 else 2.0, size))
    cold_env = {**env, "ACCORD_CACHE_DIR": "off"}
    seconds, peak = measure([ACCORD, "-l", str(ledger), "list", "--format", "csv"], cold_env, work, runs, 0)
    rows.append(Timing(f"{size:,}: list --format csv, no cache (first run after a change)", seconds, peak))
    return rows


def _judged(label: str, seconds: float, peak: float, limit: float, size: int) -> Timing:
    ok = seconds <= limit and (size < 100_000 or peak <= 300)
    target = f"<= {limit:g} s" + (", <= 300 MB" if size >= 100_000 else "")
    return Timing(label, seconds, peak, target, ok)


def hledger(size: int, work: Path, env: dict[str, str], runs: int, warmup: int) -> Timing | None:
    binary = shutil.which("hledger")
    if binary is None:
        return None
    journal = work / f"hledger-{size}.journal"
    journal.write_text("".join(f"2020-01-01 Org {i}\n    assets:cash  1\n    income:dues\n\n" for i in range(size)),
                       encoding="utf-8")
    seconds, peak = measure([binary, "-f", str(journal), "register"], env, work, runs, warmup)
    return Timing(f"{size:,}: hledger register (reference)", seconds, peak)


def report(rows: list[Timing], sizes: list[int], runs: int) -> str:
    lines = [
        "# accord benchmark",
        "",
        f"Machine: {platform.machine()}, {os.cpu_count()} cores, Python {platform.python_version()}, "
        f"{platform.platform()}. Medians of {runs} run(s) after a warm-up; sizes {', '.join(map(str, sizes))}.",
        "",
        "| command | median | peak memory | target | met |",
        "| --- | ---: | ---: | --- | --- |",
    ]
    for row in rows:
        met = "" if row.ok is None else ("yes" if row.ok else "**no**")
        lines.append(f"| {row.label} | {row.seconds * 1000:,.1f} ms | {row.peak_mb:,.0f} MB | {row.target} | {met} |")
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
    data, work, cache = out / "data", out / "work", out / "cache"
    for folder in (data, work):
        folder.mkdir(parents=True, exist_ok=True)
    shutil.rmtree(cache, ignore_errors=True)
    compileall.compile_dir(HERE.parent / "accord_cli", quiet=1)
    env = _env(cache)
    rows = startup(env, work, args.runs, args.warmup)
    by_size: dict[int, Timing] = {}
    for size in args.sizes:
        rows += at_size(size, data, env, work, args.runs, args.warmup)
        reference = hledger(size, work, env, args.runs, args.warmup)
        if reference is not None:
            rows.append(reference)
            by_size[size] = reference
    for size, reference in by_size.items():
        slowest = max((r for r in rows if r.label.startswith(f"{size:,}: ") and r.ok is not None
                       and not r.label.endswith(": add")),
                      key=lambda r: r.seconds)
        ratio = reference.seconds / slowest.seconds
        reference.target = f"accord's slowest read ({slowest.label.split(': ', 1)[1]}) is {ratio:.1f}x faster"
        if size >= 100_000:  # the target; below, hledger's quicker start-up weighs more than the entries
            reference.target += " (target >= 4x)"
            reference.ok = ratio >= 4
    text = report(rows, args.sizes, args.runs)
    (out / "latest.md").write_text(text, encoding="utf-8")
    print(text, end="")
    if any(row.ok is False for row in rows):
        print("Some targets were missed (see 'met').", file=sys.stderr)


if __name__ == "__main__":
    main()
