"""What `accord git-setup` and `accord merge-driver` say."""

from __future__ import annotations

from accord_cli.render.result import Column, Result, plural


def setup_result(attributes: str, line: str, added: bool, settings: dict[str, tuple[str, bool]]) -> Result:
    """What `git-setup` did: the line in .gitattributes (`added` if it was not there yet) and each setting of
    the repository, with whether it changed."""
    records = [{"done": "added" if added else "already there", "where": attributes, "what": line}]
    records += [
        {"done": "set" if changed else "already set", "where": "git config", "what": f"{key} = {value}"}
        for key, (value, changed) in settings.items()
    ]
    changed = added or any(changed for _, changed in settings.values())
    return Result(
        records=records,
        columns=(Column("done", "Done", style="green"), Column("where", "Where"), Column("what", "What", wrap=True)),
        show_header=False,
        sentence=(
            "git merges the ledger entry by entry in this clone now"
            if changed
            else "git already merges the ledger entry by entry in this clone; nothing changed"
        ),
        document={
            "gitattributes": attributes,
            "line": line,
            "added": added,
            "config": [{"key": key, "value": value, "changed": changed} for key, (value, changed) in settings.items()],
        },
    )


def merge_notes(
    label: str, conflicts: tuple[tuple[int, str], ...], line_merge: str | None, line_conflicts: int
) -> list[str]:
    """The lines the driver writes on stderr for the person running the merge."""
    if line_merge is not None:
        notes = [f"{label}: left to git's line merge: {line_merge}"]
        if line_conflicts:
            notes.append(f"{label}: {plural(line_conflicts, 'conflict')} marked by git's line merge")
        return notes
    if not conflicts:
        return [f"{label}: merged entry by entry"]
    return [
        *(f"{label}:{line}: conflict: {reason}" for line, reason in conflicts),
        f"{label}: {plural(len(conflicts), 'conflict')}, {'each ' if len(conflicts) > 1 else ''}between <<<<<<< "
        f"and >>>>>>>: keep one version{' of each' if len(conflicts) > 1 else ''}, delete the marker lines, check "
        f"with `{_check_command(label)}`, then `git add` the file",
    ]


def _check_command(label: str) -> str:
    """`accord check` for the ledger at `label` (its path in the repository), run from the repository's top."""
    import shlex

    return "accord check" if label == "accord.toml" else f"accord --ledger {shlex.quote(label)} check"
