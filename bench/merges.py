"""How often two people's concurrent changes to one ledger conflict: git's line merge against accord's driver.

Each pair is two random sequences of edits (what the commands do: add, leave, rejoin, rename, edit a field,
add an alias, remove, add to a watchlist, record a total) made apart on one generated ledger, each edit kept
only if the rules let it be written, as a command would. Most edits fall on a few dozen signatories, as
people work on the news of the day, so the two sides sometimes meet. For every pair it counts:

- git's line merge (`git merge-file`) of the three texts: a conflict, or a clean result that is not a
  ledger `accord check` passes;
- accord's merge: a conflict, and whether it is a true one. A pair truly conflicts when one side's edits
  cannot all be made after the other's, or the two orders give different ledgers; the driver's clean
  merges of the other pairs are compared with applying both sides' edits.

    python bench/merges.py              200 pairs on a 300-signatory ledger
    python bench/merges.py --pairs 20 --seed 7
"""

from __future__ import annotations

import argparse
import random
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from datetime import date, timedelta
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from generate import COUNTRIES, KINDS, SECTORS, WORDS, ledger_text  # noqa: E402

from accord_cli.core import changes  # noqa: E402
from accord_cli.core.counts import add_count  # noqa: E402
from accord_cli.core.dates import When  # noqa: E402
from accord_cli.core.document import decode, encode  # noqa: E402
from accord_cli.core.errors import AccordError  # noqa: E402
from accord_cli.core.merge import merge  # noqa: E402
from accord_cli.core.model import Ledger, Signatory  # noqa: E402
from accord_cli.core.rules import find_problems, refuse_new_problems  # noqa: E402
from accord_cli.core.watchlists import add_to_watchlist  # noqa: E402
from accord_cli.storage.ledger_file import dumps  # noqa: E402
from accord_cli.storage.merging import conflicted_text  # noqa: E402
from accord_cli.storage.toml_text import parse  # noqa: E402

TODAY = date(2026, 11, 1)
HOT = 40  # the signatories most edits fall on
Edit = Callable[[Ledger], Ledger]


def _day(rng: random.Random) -> When:
    return When.day(date(2019, 1, 1) + timedelta(days=rng.randrange(0, 7 * 365)))


def _by_id(ledger: Ledger, signatory_id: str) -> Signatory:
    return next(s for s in ledger.signatories if s.id == signatory_id)


def random_edit(rng: random.Random, base: Ledger, side: str, number: int) -> Edit:
    """One edit as a command makes it, on a signatory of the hot few, or adding one (a newcomer both sides may
    hear of, written its own way, or one of this side's own)."""
    target = rng.choice(base.signatories[:HOT]).id
    on = _day(rng)
    own = f"{side.title()} {rng.choice(KINDS)} {number}"
    kind = rng.choices(
        ("add", "leave", "rejoin", "rename", "edit", "alias", "remove", "watch", "count"),
        weights=(4, 3, 1, 1, 4, 2, 1, 2, 1),
    )[0]
    if kind == "add":
        name = f"{rng.choice(WORDS[:8])} Newcomer{rng.choice(['', ' Inc.', ' Ltd'])}" if rng.random() < 0.3 else own
        joined = When.day(date(2026, 1, 1) + timedelta(days=rng.randrange(0, 3)))
        return lambda ledger: changes.add_signatories(ledger, [Signatory(id="", name=name, joined=joined)], TODAY)[0]
    if kind == "leave":
        reason = rng.choice([None, "acquired"])
        return lambda ledger: changes.leave(ledger, _by_id(ledger, target), on, reason)
    if kind == "rejoin":
        return lambda ledger: changes.rejoin(ledger, _by_id(ledger, target), on)
    if kind == "rename":
        return lambda ledger: changes.rename(ledger, _by_id(ledger, target), own, on)
    if kind == "edit":
        field, value = rng.choice(
            (
                ("sector", rng.choice(SECTORS)),
                ("country", rng.choice(COUNTRIES)),
                ("note", rng.choice(["Confirmed by email", "Seen at RSA", "Press release"])),
            )
        )
        return lambda ledger: changes.edit(ledger, _by_id(ledger, target), {field: value})
    if kind == "alias":
        return lambda ledger: changes.edit(ledger, _by_id(ledger, target), {}, add_aliases=[own])
    if kind == "remove":
        return lambda ledger: changes.remove(ledger, changes.plan_removal(ledger, _by_id(ledger, target)), force=True)
    if kind == "watch":
        organisation = f"{rng.choice(WORDS)} Watched"
        return lambda ledger: add_to_watchlist(ledger, "bigtech", [organisation])[0]
    count, source = rng.randrange(100, 400), f"https://news.example/{rng.randrange(5)}"
    return lambda ledger: add_count(ledger, on, count, "at-least", source=source)[0]


def applied(ledger: Ledger, edits: list[Edit]) -> tuple[Ledger, list[Edit], bool]:
    """The ledger with each edit the rules allow, those edits, and whether every one was allowed."""
    done, everything = [], True
    for edit in edits:
        try:
            after = edit(ledger)
            refuse_new_problems(ledger, after, TODAY)
        except (AccordError, StopIteration):
            everything = False
            continue
        ledger = after
        done.append(edit)
    return ledger, done, everything


def meaning(ledger: Ledger) -> dict:
    """What a ledger says, whatever order the two sides' additions came in."""
    doc = encode(ledger)
    doc["signatories"] = sorted(
        ({**s, "aliases": sorted(s.get("aliases", []))} for s in doc.get("signatories", ())), key=lambda s: s["id"]
    )
    doc["counts"] = sorted(doc.get("counts", ()), key=lambda c: (str(c["date"]), c.get("source", "")))
    doc["watchlists"] = {name: sorted(names) for name, names in doc.get("watchlists", {}).items()}
    return doc


def line_merge(folder: Path, base: str, ours: str, theirs: str) -> tuple[bool, bool]:
    """Whether git's line merge conflicts, and whether its clean result is a ledger check passes."""
    paths = []
    for name, text in (("ours", ours), ("base", base), ("theirs", theirs)):
        paths.append(folder / f"{name}.toml")
        paths[-1].write_text(text, encoding="utf-8")
    result = subprocess.run(["git", "merge-file", "-p", *map(str, paths)], capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return True, False
    try:
        ledger, problems = decode(parse("merged", result.stdout))
    except AccordError:
        return False, True
    broken = (
        ledger is None or any(not p.note for p in problems) or any(not p.note for p in find_problems(ledger, TODAY))
    )
    return False, broken


def measure(pairs: int, size: int, seed: int) -> dict[str, float]:
    rng = random.Random(seed)
    base, _ = decode(parse("base", ledger_text(size)))
    assert base is not None
    base_text = dumps(base)
    found = dict.fromkeys(
        (
            "pairs",
            "git_conflicts",
            "git_broken",
            "driver_conflicts",
            "true_conflicts",
            "driver_true",
            "missed",
            "wrong_clean",
        ),
        0,
    )
    timings = []
    with tempfile.TemporaryDirectory() as folder:
        for _ in range(pairs):
            sides = []
            for side in ("ours", "theirs"):
                edits = [random_edit(rng, base, side, rng.randrange(10**6)) for _ in range(rng.randint(1, 4))]
                changed, done, _ = applied(base, edits)
                sides.append((changed, done))
            (ours, ours_done), (theirs, theirs_done) = sides
            then_theirs, _, theirs_fit = applied(ours, theirs_done)
            then_ours, _, ours_fit = applied(theirs, ours_done)
            truly = not (theirs_fit and ours_fit) or meaning(then_theirs) != meaning(then_ours)
            started = time.perf_counter()
            merged = merge(base, ours, theirs, TODAY)
            conflicted_text(merged)
            timings.append(time.perf_counter() - started)
            git_conflict, git_broken = line_merge(Path(folder), base_text, dumps(ours), dumps(theirs))
            found["pairs"] += 1
            found["git_conflicts"] += git_conflict
            found["git_broken"] += git_broken
            found["true_conflicts"] += truly
            found["driver_conflicts"] += bool(merged.conflicts)
            found["driver_true"] += bool(merged.conflicts) and truly
            found["missed"] += truly and not merged.conflicts
            found["wrong_clean"] += (
                not truly and not merged.conflicts and meaning(merged.ledger) != meaning(then_theirs)
            )
    found["median_ms"] = round(statistics.median(timings) * 1000, 1)
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pairs", type=int, default=200)
    parser.add_argument("--size", type=int, default=300, help="signatories in the generated ledger")
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args()
    found = measure(args.pairs, args.size, args.seed)
    print(
        f"{found['pairs']} pairs of concurrent edit sequences (1 to 4 edits a side) on a {args.size}-signatory "
        f"ledger, seed {args.seed}:"
    )
    print(
        f"  git's line merge: {found['git_conflicts']} conflicted; {found['git_broken']} more merged cleanly into "
        "a file `accord check` fails"
    )
    print(
        f"  accord's driver:  {found['driver_conflicts']} conflicted, {found['driver_true']} of them true conflicts "
        f"({found['true_conflicts']} pairs truly conflict; {found['missed']} of those merged cleanly)"
    )
    print(f"  clean merges that differ from making both sides' edits: {found['wrong_clean']}")
    print(f"  median time of a merge, conflicts written: {found['median_ms']} ms")


if __name__ == "__main__":
    main()
