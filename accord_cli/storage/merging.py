"""git's merge driver on files: three versions of a ledger read, merged entry by entry, the result written
over ours; or, where accord cannot merge them without losing something, git's own line merge."""

from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path
from typing import Any

from msgspec import Struct

from accord_cli.core.document import decode, encode, encode_value
from accord_cli.core.errors import AccordError, LedgerInvalid
from accord_cli.core.merge import Merged, merge
from accord_cli.core.model import Ledger
from accord_cli.storage import git
from accord_cli.storage.comments import find_comments
from accord_cli.storage.conflict_markers import find_marked
from accord_cli.storage.files import read_bytes, utf8
from accord_cli.storage.ledger_file import refuse_conflict_markers
from accord_cli.storage.toml_text import parse

ROLES = ("base", "ours", "theirs")


class MergeOutcome(Struct, frozen=True):
    """What the driver did: the conflicts it wrote (the line of each in the result, and why), or why it left
    the file to git's line merge and how many conflicts that marked."""

    conflicts: tuple[tuple[int, str], ...] = ()
    line_merge: str | None = None
    line_conflicts: int = 0

    @property
    def is_clean(self) -> bool:
        return not self.conflicts and not self.line_conflicts


class _Version(Struct, frozen=True):
    text: str
    bom: bool


def merge_files(base: Path, ours: Path, theirs: Path, label: str, today: date) -> MergeOutcome:
    """Merge the three versions git gives a driver, writing the result over `ours` atomically, in ours' line
    endings. A version holding comments, which accord's layout would drop, or one that is not a ledger
    accord can read, leaves the merge to git's own line merge."""
    data = {
        role: read_bytes(path, f"the {role} version", LedgerInvalid) for role, path in zip(ROLES, (base, ours, theirs))
    }
    versions: dict[str, _Version] = {}
    reason = None
    for role, raw in data.items():
        try:
            versions[role] = _Version(utf8(f"{label} ({role})", raw, LedgerInvalid), raw.startswith(codecs.BOM_UTF8))
        except AccordError as err:
            reason = f"the {role} version is not a ledger accord can read ({err})"
            break
    if reason is None:
        reason = next((why for role, version in versions.items() if (why := _commented(role, version.text))), None)
    ledgers: dict[str, Ledger] = {}
    for role, version in versions.items():
        if reason is not None:
            break
        try:
            ledgers[role] = _ledger(f"{label} ({role})", version.text)
        except AccordError as err:
            reason = f"the {role} version is not a ledger accord can read ({err})"
    if reason is not None:
        return MergeOutcome(line_merge=reason, line_conflicts=git.merge_file(ours, base, theirs))
    merged = merge(ledgers["base"], ledgers["ours"], ledgers["theirs"], today)
    text = conflicted_text(merged)
    if "\r\n" in versions["ours"].text.split("\n", 1)[0] + "\n":
        text = text.replace("\n", "\r\n")
    from accord_cli.storage import safe_write

    safe_write.replace(ours, (codecs.BOM_UTF8 if versions["ours"].bom else b"") + text.encode("utf-8"))
    return MergeOutcome(tuple((m.line, m.reason) for m in find_marked(text)))


def _commented(role: str, text: str) -> str | None:
    found = find_comments(text)
    if not found:
        return None
    return (
        f"the {role} version holds {len(found)} comment{'s' if len(found) > 1 else ''} (line {found[0].line}: "
        f"{found[0].text}), which accord's layout would drop"
    )


def _ledger(label: str, text: str) -> Ledger:
    refuse_conflict_markers(label, text)
    ledger, problems = decode(parse(label, text))
    if ledger is None:
        first = next(p for p in problems if p.fatal)
        raise LedgerInvalid(f"{first.subject + ': ' if first.subject else ''}{first.message}")
    return ledger


def conflicted_text(merged: Merged) -> str:
    """The merged ledger in accord's layout, each conflict written in place between git's markers."""
    from accord_cli.storage import layout

    doc = encode(merged.ledger)
    for conflict in merged.conflicts:
        disputed = layout.Disputed(
            encode_value(conflict.base), encode_value(conflict.ours), encode_value(conflict.theirs), conflict.reason
        )
        *within, last = conflict.path
        table: Any = doc
        for part in within:
            if isinstance(part, str):
                table.setdefault(part, {})
                if isinstance(table[part], tuple):  # the model's entries encode as tuples
                    table[part] = list(table[part])
            table = table[part]
        table[last] = disputed
    return layout.dumps(doc)
