"""What accord asks of git: where a repository is, its settings, its attributes, and its own line merge."""

from __future__ import annotations

import subprocess
from pathlib import Path

from accord_cli.core.errors import GitError

# What .gitattributes says of a ledger git is to merge with accord's driver, and the driver's settings.
ATTRIBUTE = "merge=accord"
DRIVER_NAME = "accord: merge ledgers entry by entry"
DRIVER_COMMAND = "accord merge-driver %O %A %B %P"


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
        raise GitError(f"{ledger} is not inside the repository at {root}; run git-setup in the ledger's "
                       "repository") from None


def set_config(root: Path, key: str, value: str) -> bool:
    """Set `key` in the repository's own settings (.git/config); False if it already held `value`."""
    if _git("config", "--local", "--get", key, cwd=root).stdout.rstrip("\n") == value:
        return False
    result = _git("config", "--local", key, value, cwd=root)
    if result.returncode != 0:
        raise GitError(f"git could not set {key}: {_first_line(result)}")
    return True


def add_attribute(root: Path, pattern: str, attribute: str) -> bool:
    """Append `pattern attribute` to the repository's .gitattributes, keeping what it holds; False if a line
    already says so."""
    path = root / ".gitattributes"
    text = path.read_text(encoding="utf-8") if path.exists() else ""
    if any(line.split()[:1] == [pattern] and attribute in line.split()[1:] for line in text.splitlines()):
        return False
    separator = "\n" if text and not text.endswith("\n") else ""
    with path.open("a", encoding="utf-8") as attributes:
        attributes.write(f"{separator}{pattern} {attribute}\n")
    return True


def merge_file(ours: Path, base: Path, theirs: Path) -> int:
    """git's own line merge of three files into `ours`: how many conflicts it marked there."""
    result = _git("merge-file", "-L", "ours", "-L", "base", "-L", "theirs", str(ours), str(base), str(theirs),
                  cwd=ours.parent)
    if result.returncode < 0 or result.returncode > 127:
        raise GitError(f"git merge-file failed: {_first_line(result)}")
    return result.returncode
