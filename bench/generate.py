"""Deterministic synthetic ledgers shaped like real ones, for the benchmark.

Every run with the same size writes the same bytes: names from a fixed word
list and a seeded generator, a third of the signatories with aliases, about
one in twelve having left (some of them back again), one in twenty renamed,
and several watchlists mixing members, former members, near names and
organisations that never signed.
"""

from __future__ import annotations

import random
import sys
from datetime import date, timedelta
from pathlib import Path

LAUNCH = date(2018, 4, 17)
LAST_DAY = date(2026, 10, 31)
SECTORS = ("security", "software", "telecom", "internet", "hardware", "fintech", "media", "industrial")
COUNTRIES = ("US", "GB", "DE", "FR", "JP", "IN", "BR", "ES", "CH", "FI", "CZ", "RO", "EE", "NL", "SG", "KR")
WORDS = (
    "Acme",
    "Blue",
    "Cyber",
    "Delta",
    "Echo",
    "Fortress",
    "Granite",
    "Harbor",
    "Iron",
    "Juniper",
    "Kite",
    "Lumen",
    "Meridian",
    "Nimbus",
    "Orbit",
    "Pioneer",
    "Quartz",
    "Raven",
    "Summit",
    "Tidal",
    "Umbra",
    "Vector",
    "Willow",
    "Xenon",
    "Yield",
    "Zenith",
    "Aurora",
    "Beacon",
    "Cobalt",
    "Drift",
)
KINDS = ("Security", "Systems", "Networks", "Labs", "Software", "Telecom", "Cloud", "Data", "Digital", "Group")
SUFFIXES = ("", "", "", " Inc.", " Ltd", " GmbH", " S.A.", " plc")
PLEDGES = ("defense", "no-offense", "capacity-building", "collective-action")


def _name(rng: random.Random, index: int) -> str:
    return f"{rng.choice(WORDS)} {rng.choice(KINDS)} {index}{rng.choice(SUFFIXES)}"


def _day(rng: random.Random, after: date) -> date:
    span = (LAST_DAY - after).days
    return after + timedelta(days=rng.randint(1, max(1, span)))


def ledger_text(size: int, seed: int = 20180417) -> str:
    rng = random.Random(seed)
    lines = [
        "[accord]",
        'name = "Synthetic Accord"',
        f"launched = {LAUNCH.isoformat()}",
        'url = "https://example.org/accord"',
        "",
    ]
    for pledge in PLEDGES:
        lines += ["[[pledges]]", f'id = "{pledge}"', f'title = "{pledge.replace("-", " ").capitalize()}"', ""]
    names = []
    for index in range(size):
        name = _name(rng, index)
        names.append(name)
        joined = LAUNCH if index < 30 else _day(rng, LAUNCH)
        lines += [
            "[[signatories]]",
            f'id = "org-{index}"',
            f'name = "{name}"',
            f"joined = {joined.isoformat()}",
            f'sector = "{rng.choice(SECTORS)}"',
            f'country = "{rng.choice(COUNTRIES)}"',
        ]
        if index % 3 == 0:
            lines.append(f'aliases = ["{name.split()[0]}{name.split()[1]} {index}"]')
        if index % 7 == 0:
            lines.append(f'pledges = ["{PLEDGES[0]}", "{PLEDGES[rng.randint(1, 3)]}"]')
        if index % 5 == 0:
            lines.append(f'source = "https://example.org/news/{index}"')
        lines.append("")
        when = joined
        if index % 20 == 5 and when < LAST_DAY - timedelta(days=2):
            when = _day(rng, when)
            new_name = name
            while new_name.split()[:2] == name.split()[:2]:  # a new name, not the old one without its legal form
                new_name = f"{rng.choice(WORDS)} {rng.choice(KINDS)} {index}"
            lines += [
                "[[signatories.events]]",
                f"date = {when.isoformat()}",
                'event = "rename"',
                f'from = "{name}"',
                f'to = "{new_name}"',
                "",
            ]
            # the entry's name is the newest one
            at = lines.index(f'name = "{name}"', len(lines) - 20)
            lines[at] = f'name = "{new_name}"'
            names[-1] = new_name
        if index % 12 == 7 and when < LAST_DAY - timedelta(days=2):
            when = _day(rng, when)
            lines += [
                "[[signatories.events]]",
                f"date = {when.isoformat()}",
                'event = "leave"',
                'reason = "Acquired"',
                "",
            ]
            if index % 36 == 7 and when < LAST_DAY - timedelta(days=2):
                when = _day(rng, when)
                lines += ["[[signatories.events]]", f"date = {when.isoformat()}", 'event = "rejoin"', ""]
    lines.append("[watchlists]")
    for list_index, (label, list_size) in enumerate((("press", 10), ("partners", 100), ("market", size // 10))):
        picked = [names[rng.randrange(size)] for _ in range(list_size * 3 // 4)]
        picked += [f"Unsigned Company {list_index}-{i}" for i in range(list_size - len(picked))]
        picked[0] = picked[0] + " Holdings"  # a near name
        quoted = [f'"{n}"' for n in dict.fromkeys(picked)]
        one_line = f"{label} = [{', '.join(quoted)}]"
        # accord's own layout, so that a write changes only what the command changed
        lines.append(
            one_line
            if len(one_line) - len(label) - 3 <= 88
            else f"{label} = [\n" + "".join(f"    {q},\n" for q in quoted) + "]"
        )
    return "\n".join(lines) + "\n"


def handwritten_text(size: int) -> str:
    """The same ledger as a person keeps it: no ids (accord derives them), a comment at the top, a few keys in
    an order of their own, and Windows line endings."""
    lines = ["# Kept by hand: who signed, from the accord's own page.", ""]
    entries = 0
    for line in ledger_text(size).splitlines():
        entries += line == "[[signatories]]"
        if line.startswith('id = "org-'):
            continue
        if line.startswith("country = ") and lines[-1].startswith("sector = ") and entries % 10 == 0:
            lines.insert(len(lines) - 1, line)  # country before sector, in one entry of ten
            continue
        lines.append(line)
    return "\r\n".join(lines) + "\r\n"


SHAPES = {"canonical": ledger_text, "handwritten": handwritten_text}


def write(size: int, folder: Path, shape: str = "canonical") -> Path:
    path = folder / (f"ledger-{size}.toml" if shape == "canonical" else f"ledger-{size}-{shape}.toml")
    text = SHAPES[shape](size)
    if not path.exists() or path.read_bytes() != text.encode():
        path.write_bytes(text.encode())
    return path


if __name__ == "__main__":
    for argument in sys.argv[1:] or ["1000"]:
        print(write(int(argument), Path.cwd()))
