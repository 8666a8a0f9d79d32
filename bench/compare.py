"""Compare this checkout with another git revision, command by command, in one interleaved run.

    python bench/compare.py HEAD~3                     # 100,000 signatories, 7 runs of each side
    python bench/compare.py main --size 10000 --runs 9

A busy or throttled machine shifts every absolute figure of `run.py`; taking
the two sides in turns (old, new, then new, old) exposes both to the same
conditions, so the ratio of their medians says what a change costs. The other
revision is checked out into a temporary git worktree and run through
`python -m accord_cli` with it first on the path; both sides are byte-compiled
first and start with an empty HOME and cache folder, as in `run.py`.
"""

from __future__ import annotations

import argparse
import compileall
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE))

from generate import write  # noqa: E402
from run import ColdStarts  # noqa: E402

READS = [
    ["list", "--format", "csv"],
    ["list"],
    ["check"],
    ["log"],
    ["missing", "-w", "market"],
    ["timeline"],
    ["diff", "2019", "2024"],
    ["show", "org-5"],
]
ADD = ["add", "Zeta Benchmark Corp", "--date", "2024-01-01"]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("revision", help="the git revision to compare this checkout with")
    parser.add_argument("--size", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    repo = HERE.parent
    data = HERE / "results" / "data"
    data.mkdir(parents=True, exist_ok=True)
    ledger = write(args.size, data)
    cold = ColdStarts(
        {
            k: v
            for k, v in os.environ.items()
            if k not in ("ACCORD_LEDGER", "NO_COLOR", "FORCE_COLOR", "COLUMNS", "PYTHONPATH")
        }
    )
    with tempfile.TemporaryDirectory(prefix="accord-compare-") as scratch:
        base = Path(scratch) / "base"
        subprocess.run(
            ["git", "-C", str(repo), "worktree", "add", "--detach", "-q", str(base), args.revision], check=True
        )
        try:
            sides = {args.revision: base, "this checkout": repo}
            for code in sides.values():
                compileall.compile_dir(code / "accord_cli", quiet=1)
            times: dict[tuple[str, str], list[float]] = {}
            for command in [*READS, ADD]:
                label = " ".join(command)
                for run in range(args.runs):
                    order = list(sides.items()) if run % 2 == 0 else list(sides.items())[::-1]
                    for side, code in order:
                        target = ledger
                        if command is ADD:  # a fresh copy each time: add writes
                            target = Path(scratch) / "add.toml"
                            shutil.copyfile(ledger, target)
                        cold.base["PYTHONPATH"] = str(code)
                        seconds, _, status = cold.run(
                            [sys.executable, "-m", "accord_cli", "-l", str(target), *command], Path(scratch)
                        )
                        if status != 0:
                            sys.exit(f"{side}: `accord {label}` exited {status}")
                        times.setdefault((side, label), []).append(seconds)
        finally:
            subprocess.run(["git", "-C", str(repo), "worktree", "remove", "--force", str(base)], check=False)
    print(f"{args.size:,} signatories, medians of {args.runs} interleaved runs\n")
    print(f"| command | {args.revision} | this checkout | ratio |\n| --- | ---: | ---: | ---: |")
    for command in [*READS, ADD]:
        label = " ".join(command)
        old, new = (statistics.median(times[(side, label)]) for side in (args.revision, "this checkout"))
        print(f"| `{label}` | {old:.2f} s | {new:.2f} s | {new / old:.2f}x |")


if __name__ == "__main__":
    main()
