"""What accord asks of git: where a repository is, its settings, its attributes, and its own line merge."""

from __future__ import annotations

import subprocess
from pathlib import Path

from accord_cli.core.errors import GitError

# What .gitattributes says of a ledger git is to merge with accord's driver, and the driver's settings.
ATTRIBUTE = "merge=accord"
DRIVER_NAME = "accord: merge ledgers entry by entry"
DRIVER_ARGUMENTS = "merge-driver %O %A %B %P"


def _git(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    try:
        return subprocess.run(["git", *args], cwd=cwd, capture_output=True, text=True, timeout=60, check=False)
    except FileNotFoundError:
        raise GitError("git is not installed (or not on PATH); install it, then try again") from None
    except subprocess.TimeoutExpired:
        raise GitError(f"git took over a minute to answer `git {' '.join(args)}`") from None


def _first_line(result: subprocess.CompletedProcess[str]) -> str:
    lines = result.stderr.strip().splitlines() or [f"exit status {result.returncode}"]
    return lines[0].removeprefix("fatal: ").removeprefix("error: ")


def repository_root(folder: Path) -> Path:
    """The top folder of the git repository `folder` is in."""
    if not folder.is_dir():
        raise GitError(f"{folder} is not a folder; create the ledger first (`accord init`)")
    result = _git("rev-parse", "--show-toplevel", cwd=folder)
    if result.returncode != 0:
        raise GitError(f"{folder} is not in a git repository ({_first_line(result)}); run `git init` there first")
    return Path(result.stdout.strip())


def pattern_of(root: Path, ledger: Path) -> str:
    """The .gitattributes pattern that names `ledger` alone: its path from the repository's top folder."""
    try:
        return ledger.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        raise GitError(
            f"{ledger} is not inside the repository at {root}; run git-setup in the ledger's repository"
        ) from None


def set_config(root: Path, key: str, value: str) -> bool:
    """Set `key` in the repository's own settings (.git/config); False if it already held `value`."""
    if _git("config", "--local", "--get", key, cwd=root).stdout.rstrip("\n") == value:
        return False
    result = _git("config", "--local", key, value, cwd=root)
    if result.returncode != 0:
        raise GitError(f"git could not set {key}: {_first_line(result)}")
    return True


def quoted_pattern(path: str) -> str:
    """A .gitattributes pattern that matches the file at `path` alone: the characters a pattern gives meaning
    (`*`, `?`, `[`, `\\`) escaped, and the whole quoted as git reads C strings where it holds a space, a
    quote or a control character, or starts as a comment (`#`) would; a leading `!`, which would make it a
    negation, escaped too."""
    escaped = "".join("\\" + char if char in "*?[]\\" else char for char in path)
    if escaped.startswith("!"):
        escaped = "\\" + escaped
    if not any(char in ' "\t' or not char.isprintable() for char in path) and not path.startswith("#"):
        return escaped
    inner = escaped.replace("\\", "\\\\").replace('"', '\\"').replace("\t", "\\t")
    return f'"{inner}"'


def add_attribute(root: Path, pattern: str, attribute: str) -> bool:
    """Append `pattern attribute` to the repository's .gitattributes, keeping what it holds and its line
    endings; False if a line already says so."""
    path = root / ".gitattributes"
    try:
        data = path.read_bytes() if path.exists() else b""
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        raise GitError(f"{path} is not UTF-8 text (byte 0x{data[err.start]:02X}); nothing was changed") from None
    except OSError as err:
        raise GitError(f"cannot read {path}: {err.strerror}; nothing was changed") from None
    if any(
        line.strip().startswith(pattern + " ") and attribute in line.strip()[len(pattern) :].split()
        for line in text.splitlines()
    ):
        return False
    end = "\r\n" if "\r\n" in text else "\n"
    separator = end if text and not text.endswith("\n") else ""
    try:
        with path.open("a", encoding="utf-8", newline="") as attributes:
            attributes.write(f"{separator}{pattern} {attribute}{end}")
    except OSError as err:
        raise GitError(f"cannot write {path}: {err.strerror}; nothing was changed") from None
    return True


def merge_attribute(root: Path, ledger: Path) -> str:
    """The merge attribute git reads for `ledger`, all .gitattributes files and their order considered."""
    result = _git("check-attr", "merge", "--", str(ledger.resolve()), cwd=root)
    if result.returncode != 0:
        raise GitError(f"git could not read the attributes of {ledger}: {_first_line(result)}")
    return result.stdout.strip().rpartition(": ")[2]


def driver_command(program: str) -> str:
    """The command git runs to merge a ledger, `program` being the accord it finds: `accord` where that is
    on PATH, else the path of the one running now, so that a merge run without it still finds the driver."""
    import shlex

    return f"{shlex.quote(program)} {DRIVER_ARGUMENTS}"


def set_up(root: Path, ledger: Path, settings: dict[str, str]) -> tuple[str, bool, dict[str, bool]]:
    """Tell git to merge `ledger` with accord's driver: its line in .gitattributes and the driver's `settings`
    in .git/config. Gives the line, whether it was added, and whether each setting changed. If a setting
    cannot be made, the line added is taken out again, so that a refusal leaves things as they were; and if
    git, after it all, still reads another merge attribute for the ledger (a later line, or a .gitattributes
    nearer it), that is an error too, naming the attribute."""
    line = f"{quoted_pattern(pattern_of(root, ledger))} {ATTRIBUTE}"
    path = root / ".gitattributes"
    before = path.read_bytes() if path.is_file() else None
    added = add_attribute(root, *line.rsplit(" ", 1))
    try:
        changed = {key: set_config(root, key, value) for key, value in settings.items()}
    except GitError:
        if added:
            if before is None:
                path.unlink()
            else:
                path.write_bytes(before)
        raise
    read = merge_attribute(root, ledger)
    if read != ATTRIBUTE.partition("=")[2]:
        raise GitError(
            f"git reads merge: {read} for {ledger}, not accord: a later line of .gitattributes or "
            f"a .gitattributes nearer the ledger says so; remove that, then run git-setup again"
        )
    return line, added, changed


def merge_file(ours: Path, base: Path, theirs: Path) -> int:
    """git's own line merge of three files into `ours`: how many conflicts it marked there."""
    result = _git(
        "merge-file", "-L", "ours", "-L", "base", "-L", "theirs", str(ours), str(base), str(theirs), cwd=ours.parent
    )
    if result.returncode < 0 or result.returncode > 127:
        raise GitError(f"git merge-file failed: {_first_line(result)}")
    return result.returncode
