"""`accord git-setup` and `accord merge-driver`, with real git in temporary repositories: two people change one
ledger on two branches, and git merges it entry by entry."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.conftest import FOUNDERS

pytestmark = pytest.mark.skipif(shutil.which("git") is None, reason="needs git")

# git runs the driver as `accord merge-driver ...`: the accord of this environment, found on PATH.
PATH = f"{Path(sys.executable).parent}{os.pathsep}{os.environ.get('PATH', '')}"


def git(repo: Path, *args: str, check: bool = True) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PATH": PATH, "GIT_CONFIG_NOSYSTEM": "1", "HOME": str(repo.parent / "home")}
    result = subprocess.run(["git", *args], cwd=repo, capture_output=True, text=True, env=env, check=False)
    if check and result.returncode != 0:
        raise AssertionError(f"git {' '.join(args)}: {result.stdout}{result.stderr}")
    return result


@pytest.fixture
def repo(tmp_path: Path, run) -> Path:
    """A repository holding the founders' ledger, set up for accord's driver, on branch main."""
    shutil.copyfile(FOUNDERS, tmp_path / "accord.toml")
    git(tmp_path, "init", "-q", "-b", "main")
    git(tmp_path, "config", "user.name", "Tester")
    git(tmp_path, "config", "user.email", "tester@example.org")
    (tmp_path / ".gitignore").write_text(".accord.toml.lock\n", encoding="utf-8")
    assert run("git-setup").exit_code == 0
    git(tmp_path, "add", ".")
    git(tmp_path, "commit", "-qm", "the founders")
    return tmp_path


class Merge:
    """What `git merge` answered, and how many conflicts git's own line merge finds in the same three versions."""

    def __init__(self, result: subprocess.CompletedProcess[str], line_conflicts: int) -> None:
        self.returncode, self.stdout, self.stderr = result.returncode, result.stdout, result.stderr
        self.line_conflicts = line_conflicts


def merged(repo: Path, ours: Callable[[], None], theirs: Callable[[], None]) -> Merge:
    """`theirs` done on a branch, `ours` on main, each committed; then the branch merged into main."""
    git(repo, "checkout", "-qb", "theirs")
    theirs()
    git(repo, "commit", "-qam", "theirs")
    git(repo, "checkout", "-q", "main")
    ours()
    git(repo, "commit", "-qam", "ours")
    line_conflicts = line_merge_conflicts(repo)
    return Merge(git(repo, "merge", "--no-edit", "theirs", check=False), line_conflicts)


def line_merge_conflicts(repo: Path) -> int:
    """How many conflicts git's own line merge finds merging the branch `theirs` into `main`."""
    versions = {}
    base = git(repo, "merge-base", "main", "theirs").stdout.strip()
    for name, rev in (("base", base), ("ours", "main"), ("theirs", "theirs")):
        versions[name] = repo.parent / f"{name}.toml"
        versions[name].write_text(git(repo, "show", f"{rev}:accord.toml").stdout, encoding="utf-8")
    result = git(
        repo, "merge-file", "-p", str(versions["ours"]), str(versions["base"]), str(versions["theirs"]), check=False
    )
    return result.returncode


def doing(run, *commands: tuple[str, ...]) -> Callable[[], None]:
    def act() -> None:
        for command in commands:
            result = run(*command)
            assert result.exit_code == 0, (command, result.stderr)

    return act


def between_markers(text: str) -> list[list[str]]:
    """The lines of each conflict region, its markers included."""
    regions, current = [], None
    for line in text.splitlines():
        if line.startswith("<<<<<<<"):
            current = []
        if current is not None:
            current.append(line)
        if line.startswith(">>>>>>>"):
            regions.append(current)
            current = None
    return regions


# -- clean merges where git's line merge conflicts ---------------------------------------------------------------


def test_additions_at_the_end_on_both_branches_merge_cleanly(repo: Path, run) -> None:
    result = merged(
        repo,
        doing(run, ("add", "Alpha Security", "--date", "2020-01-01")),
        doing(run, ("add", "Beta Networks", "--date", "2021-02-02")),
    )
    assert result.line_conflicts == 1
    assert result.returncode == 0, result.stdout + result.stderr
    assert "accord.toml: merged entry by entry" in result.stderr
    names = [r["name"] for r in json.loads(run("list", "--format", "json").stdout)]
    assert names.count("Alpha Security") == names.count("Beta Networks") == 1
    assert run("check").exit_code == 0
    assert run("fmt", "--check").exit_code == 0


def test_events_appended_to_one_signatory_on_both_branches_merge_cleanly(repo: Path, run) -> None:
    result = merged(
        repo,
        doing(run, ("leave", "Avast", "--date", "2020-01-31", "--reason", "acquired")),
        doing(run, ("rename", "Avast", "Gen Digital", "--date", "2019-11-04")),
    )
    assert result.line_conflicts == 1
    assert result.returncode == 0
    events = json.loads(run("events", "Gen Digital", "--format", "json").stdout)
    assert [(e["event"], e["date"]) for e in events] == [("rename", "2019-11-04"), ("leave", "2020-01-31")]
    assert run("check").exit_code == 0


def test_fields_edited_on_one_branch_and_a_leave_on_the_other_merge_cleanly(repo: Path, run) -> None:
    result = merged(
        repo,
        doing(run, ("edit", "Cisco", "--sector", "fintech", "--note", "Signed at RSA")),
        doing(run, ("leave", "Cisco", "--date", "2022-03-01")),
    )
    assert result.returncode == 0
    shown = json.loads(run("show", "Cisco", "--format", "json").stdout)
    assert (shown["sector"], shown["note"], shown["left"]) == ("fintech", "Signed at RSA", "2022-03-01")
    assert run("check").exit_code == 0


def test_the_same_rename_on_both_branches_is_kept_once(repo: Path, run) -> None:
    rename = ("rename", "Symantec", "NortonLifeLock", "--date", "2019-11-04")
    result = merged(repo, doing(run, rename, ("add", "Alpha Security", "--date", "2020-01-01")), doing(run, rename))
    assert result.returncode == 0
    events = json.loads(run("events", "NortonLifeLock", "--format", "json").stdout)
    assert [e["event"] for e in events] == ["rename"]
    assert run("check").exit_code == 0


def test_diff_across_the_merge_commit(repo: Path, run) -> None:
    merged(
        repo,
        doing(run, ("add", "Alpha Security", "--date", "2020-01-01")),
        doing(run, ("add", "Beta Networks", "--date", "2021-02-02"), ("leave", "Avast", "--date", "2022-01-01")),
    )
    assert run("diff", "--rev", "HEAD~1..HEAD", "--format", "json").stdout  # the merge, from our side
    from_ours = json.loads(run("diff", "--rev", "HEAD^1..HEAD", "--format", "json").stdout)
    assert (from_ours["joined"], from_ours["left"]) == (["Beta Networks"], ["Avast"])
    from_theirs = json.loads(run("diff", "--rev", "HEAD^2..HEAD", "--format", "json").stdout)
    assert (from_theirs["joined"], from_theirs["left"]) == (["Alpha Security"], [])


# -- true conflicts: markers around the one entry or field, and exit 1 ---------------------------------------------


def test_a_field_changed_two_ways_is_marked_around_that_field_only(repo: Path, run) -> None:
    result = merged(
        repo,
        doing(run, ("edit", "Cisco", "--sector", "fintech"), ("add", "Alpha", "--date", "2020-01-01")),
        doing(run, ("edit", "Cisco", "--sector", "retail"), ("add", "Beta", "--date", "2020-01-01")),
    )
    assert result.returncode == 1
    assert "CONFLICT (content): Merge conflict in accord.toml" in result.stdout
    text = (repo / "accord.toml").read_text(encoding="utf-8")
    (region,) = between_markers(text)
    assert region == [
        "<<<<<<< ours: Cisco (id cisco): sector changed on both sides",
        'sector = "fintech"',
        "||||||| base",
        'sector = "networking"',
        "=======",
        'sector = "retail"',
        ">>>>>>> theirs",
    ]
    assert 'name = "Alpha"' in text and 'name = "Beta"' in text
    line = text.splitlines().index(region[0]) + 1
    assert f"accord.toml:{line}: conflict: Cisco (id cisco): sector changed on both sides" in result.stderr


def test_removed_on_one_branch_and_edited_on_the_other_is_marked_around_the_entry(repo: Path, run) -> None:
    result = merged(
        repo, doing(run, ("remove", "Avast", "--yes")), doing(run, ("edit", "Avast", "--note", "Signed in Prague"))
    )
    assert result.returncode == 1
    (region,) = between_markers((repo / "accord.toml").read_text(encoding="utf-8"))
    assert region[0] == "<<<<<<< ours: Avast (id avast): removed on our side, changed on theirs"
    assert region[1] == "||||||| base"  # nothing of ours
    assert region.count("[[signatories]]") == 2 and 'note = "Signed in Prague"' in region


def test_one_organisation_added_on_both_branches_is_marked_around_the_two_entries(repo: Path, run) -> None:
    result = merged(
        repo,
        doing(run, ("add", "Acme", "--date", "2020-01-01")),
        doing(run, ("add", "Acme Inc.", "--date", "2020-01-01")),
    )
    assert result.returncode == 1
    (region,) = between_markers((repo / "accord.toml").read_text(encoding="utf-8"))
    assert region[:3] == [
        "<<<<<<< ours: Acme (id acme): added on both sides, on theirs as Acme Inc. (id acme-inc): "
        "one organisation under two ids",
        "[[signatories]]",
        'id = "acme"',
    ]
    assert region[region.index("=======") + 1 : region.index("=======") + 3] == ["[[signatories]]", 'id = "acme-inc"']


def test_a_history_the_merge_would_break_is_marked_around_the_signatory(repo: Path, run) -> None:
    result = merged(
        repo,
        doing(run, ("leave", "Avast", "--date", "2020-01-01")),
        doing(run, ("leave", "Avast", "--date", "2021-01-01")),
    )
    assert result.returncode == 1
    (region,) = between_markers((repo / "accord.toml").read_text(encoding="utf-8"))
    assert "leaves on 2021-01-01 but was not a member then" in region[0]


def test_every_command_refuses_a_ledger_with_conflicts_and_check_lists_them(repo: Path, run) -> None:
    merged(
        repo,
        doing(run, ("edit", "Cisco", "--sector", "fintech"), ("edit", "Avast", "--note", "ours")),
        doing(run, ("edit", "Cisco", "--sector", "retail"), ("edit", "Avast", "--note", "theirs")),
    )
    lines = [n for n, line in enumerate((repo / "accord.toml").read_text().splitlines(), 1) if line.startswith("<<<")]
    assert len(lines) == 2
    for command in (["list"], ["show", "Cisco"], ["add", "Gamma"], ["diff", "2019"], ["export"]):
        result = run(*command)
        assert result.exit_code == 2, command
        assert result.stderr == (
            f"Error: unresolved merge conflict at accord.toml:{lines[0]} (and 1 more): keep one "
            "version of each, delete the marker lines, then run `accord check` (which lists "
            "every conflict)\n"
        )
    check = run("check", "--format", "json")
    assert check.exit_code == 1
    assert [(p["line"], p["message"]) for p in json.loads(check.stdout)] == [
        (lines[0], "unresolved merge conflict: Avast (id avast): note changed on both sides"),
        (lines[1], "unresolved merge conflict: Cisco (id cisco): sector changed on both sides"),
    ]


def test_conflicts_resolved_by_hand_pass_check(repo: Path, run) -> None:
    merged(
        repo, doing(run, ("edit", "Cisco", "--sector", "fintech")), doing(run, ("edit", "Cisco", "--sector", "retail"))
    )
    ledger = repo / "accord.toml"
    kept, keep = [], True
    for line in ledger.read_text(encoding="utf-8").splitlines():
        if line.startswith(("|||||||", "=======")):
            keep = False
        if not line.startswith(("<<<<<<<", ">>>>>>>", "|||||||", "=======")) and keep:
            kept.append(line)
        if line.startswith(">>>>>>>"):
            keep = True
    ledger.write_text("\n".join(kept) + "\n", encoding="utf-8")
    assert run("check").exit_code == 0
    assert json.loads(run("show", "Cisco", "--format", "json").stdout)["sector"] == "fintech"


# -- what accord leaves to git's line merge --------------------------------------------------------------------


def test_a_ledger_with_comments_is_left_to_git_line_merge_and_says_why(repo: Path, run) -> None:
    ledger = repo / "accord.toml"
    ledger.write_text("# Kept by the research desk\n" + ledger.read_text(encoding="utf-8"), encoding="utf-8")
    git(repo, "commit", "-qam", "a comment")

    def appending(name: str) -> Callable[[], None]:  # by hand, as accord's writes would drop the comment
        return lambda: ledger.write_text(
            ledger.read_text(encoding="utf-8") + f'\n[[signatories]]\nname = "{name}"\njoined = 2020-01-01\n',
            encoding="utf-8",
        )

    result = merged(repo, appending("Alpha"), appending("Beta"))
    assert result.returncode == 1
    assert (
        "accord.toml: left to git's line merge: the base version holds 1 comment (line 1: # Kept by the research "
        "desk), which accord's layout would drop"
    ) in result.stderr
    assert "accord.toml: 1 conflict marked by git's line merge" in result.stderr
    text = ledger.read_text(encoding="utf-8")
    assert text.startswith("# Kept by the research desk\n") and "\n<<<<<<< ours\n" in text
    assert run("check").stdout.splitlines()[1].endswith("unresolved merge conflict")


# -- the driver by hand, and the setup -------------------------------------------------------------------------


def _versions(tmp_path: Path, run, ours: tuple[str, ...], theirs: tuple[str, ...]) -> tuple[Path, Path, Path]:
    base = tmp_path / "base.toml"
    shutil.copyfile(FOUNDERS, base)
    paths = []
    for name, command in (("ours", ours), ("theirs", theirs)):
        path = tmp_path / f"{name}.toml"
        shutil.copyfile(FOUNDERS, path)
        assert run("--ledger", str(path), *command).exit_code == 0
        paths.append(path)
    return base, paths[0], paths[1]


def test_the_driver_by_hand_writes_into_ours_and_keeps_its_line_endings(tmp_path: Path, run) -> None:
    base, ours, theirs = _versions(
        tmp_path, run, ("add", "Alpha", "--date", "2020-01-01"), ("add", "Beta", "--date", "2020-01-01")
    )
    ours.write_bytes(ours.read_bytes().replace(b"\n", b"\r\n"))
    result = run("merge-driver", str(base), str(ours), str(theirs), "ledgers/accord.toml")
    assert (result.exit_code, result.stdout, result.stderr) == (0, "", "ledgers/accord.toml: merged entry by entry\n")
    text = ours.read_bytes()
    assert b'name = "Alpha"\r\n' in text and b'name = "Beta"\r\n' in text and b"\n" not in text.replace(b"\r\n", b"")
    assert run("--ledger", str(ours), "check").exit_code == 0


def test_the_driver_on_a_conflict_exits_1(tmp_path: Path, run) -> None:
    base, ours, theirs = _versions(
        tmp_path, run, ("edit", "Cisco", "--sector", "a"), ("edit", "Cisco", "--sector", "b")
    )
    result = run("merge-driver", str(base), str(ours), str(theirs))
    assert result.exit_code == 1
    assert result.stderr.startswith("ours.toml:")
    assert run("--ledger", str(ours), "list").exit_code == 2


def test_the_driver_given_a_missing_version_is_an_error(tmp_path: Path, run) -> None:
    shutil.copyfile(FOUNDERS, tmp_path / "ours.toml")
    result = run("merge-driver", "nowhere.toml", "ours.toml", "ours.toml")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: cannot read the base version nowhere.toml:")


def test_setup_keeps_gitattributes_and_changes_nothing_the_second_time(tmp_path: Path, run) -> None:
    shutil.copyfile(FOUNDERS, tmp_path / "accord.toml")
    git(tmp_path, "init", "-q")
    (tmp_path / ".gitattributes").write_text("*.png binary", encoding="utf-8")
    first = run("git-setup")
    assert first.exit_code == 0
    assert first.stdout.splitlines()[0].split() == [
        "added",
        str(tmp_path / ".gitattributes"),
        "accord.toml",
        "merge=accord",
    ]
    assert first.stderr == "git merges the ledger entry by entry in this clone now\n"
    again = json.loads(run("git-setup", "--format", "json").stdout)
    assert again == {
        "gitattributes": str(tmp_path / ".gitattributes"),
        "line": "accord.toml merge=accord",
        "added": False,
        "config": [
            {"key": "merge.accord.name", "value": "accord: merge ledgers entry by entry", "changed": False},
            {"key": "merge.accord.driver", "value": "accord merge-driver %O %A %B %P", "changed": False},
        ],
    }
    assert (tmp_path / ".gitattributes").read_text(encoding="utf-8") == "*.png binary\naccord.toml merge=accord\n"
    assert git(tmp_path, "config", "merge.accord.driver").stdout == "accord merge-driver %O %A %B %P\n"


def test_setup_names_a_ledger_in_a_folder_by_its_path(tmp_path: Path, run) -> None:
    git(tmp_path, "init", "-q")
    (tmp_path / "data").mkdir()
    shutil.copyfile(FOUNDERS, tmp_path / "data" / "pledge.toml")
    assert run("--ledger", "data/pledge.toml", "git-setup").exit_code == 0
    assert (tmp_path / ".gitattributes").read_text(encoding="utf-8") == "data/pledge.toml merge=accord\n"
    assert git(tmp_path, "check-attr", "merge", "data/pledge.toml").stdout == "data/pledge.toml: merge: accord\n"


def test_setup_outside_a_repository_is_one_line_and_exit_2(tmp_path: Path, run, monkeypatch) -> None:
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path.parent))
    shutil.copyfile(FOUNDERS, tmp_path / "accord.toml")
    result = run("git-setup")
    assert result.exit_code == 2
    assert result.stderr.startswith(f"Error: {tmp_path} is not in a git repository (")
    assert result.stderr.endswith("); run `git init` there first\n") and result.stderr.count("\n") == 1


def test_setup_without_git_says_so(tmp_path: Path, run, monkeypatch) -> None:
    monkeypatch.setenv("PATH", str(tmp_path / "empty"))
    result = run("git-setup")
    assert (result.exit_code, result.stderr) == (
        2,
        "Error: git is not installed (or not on PATH); install it, then try again\n",
    )


@pytest.mark.parametrize(
    ("name", "written"),
    [
        ("accord.toml", "accord.toml"),
        ("Research Desk/accord.toml", '"Research Desk/accord.toml"'),
        ("led[1].toml", "led\\[1\\].toml"),
        ("#x.toml", '"#x.toml"'),
        ("!neg.toml", "\\!neg.toml"),
        ("a*b.toml", "a\\*b.toml"),
    ],
)
def test_setup_writes_a_path_git_reads_as_that_file_alone(tmp_path: Path, run, name: str, written: str) -> None:
    git(tmp_path, "init", "-q")
    ledger = tmp_path / name
    ledger.parent.mkdir(exist_ok=True)
    shutil.copyfile(FOUNDERS, ledger)
    result = run("--ledger", str(ledger), "git-setup")
    assert result.exit_code == 0, result.stderr
    assert (tmp_path / ".gitattributes").read_text(encoding="utf-8") == f"{written} merge=accord\n"
    assert git(tmp_path, "check-attr", "merge", "--", name).stdout.endswith(": merge: accord\n")
    assert run("--ledger", str(ledger), "git-setup").exit_code == 0  # recognised the second time
    assert (tmp_path / ".gitattributes").read_text(encoding="utf-8").count("merge=accord") == 1


def test_setup_refuses_gitattributes_it_cannot_read_and_changes_nothing(tmp_path: Path, run) -> None:
    shutil.copyfile(FOUNDERS, tmp_path / "accord.toml")
    git(tmp_path, "init", "-q")
    (tmp_path / ".gitattributes").write_bytes(b"# caf\xe9\n*.txt text\n")
    result = run("git-setup")
    assert (result.exit_code, result.stderr) == (
        2,
        f"Error: {tmp_path / '.gitattributes'} is not UTF-8 text (byte 0xE9); nothing was changed\n",
    )
    assert (tmp_path / ".gitattributes").read_bytes() == b"# caf\xe9\n*.txt text\n"
    assert git(tmp_path, "config", "merge.accord.driver", check=False).stdout == ""


def test_setup_says_when_git_still_reads_another_merge_attribute(tmp_path: Path, run) -> None:
    shutil.copyfile(FOUNDERS, tmp_path / "accord.toml")
    git(tmp_path, "init", "-q")
    (tmp_path / ".gitattributes").write_text("accord.toml merge=accord\r\n*.toml merge=union\r\n", encoding="utf-8")
    result = run("git-setup")
    assert result.exit_code == 2
    assert result.stderr.startswith("Error: git reads merge: union for ")


def test_setup_keeps_the_line_endings_of_gitattributes(tmp_path: Path, run) -> None:
    shutil.copyfile(FOUNDERS, tmp_path / "accord.toml")
    git(tmp_path, "init", "-q")
    (tmp_path / ".gitattributes").write_bytes(b"*.png binary\r\n")
    assert run("git-setup").exit_code == 0
    assert (tmp_path / ".gitattributes").read_bytes() == b"*.png binary\r\naccord.toml merge=accord\r\n"


def test_a_version_that_is_not_utf8_is_left_to_gits_line_merge(tmp_path: Path, run) -> None:
    text = FOUNDERS.read_text(encoding="utf-8")
    (tmp_path / "base.toml").write_text(text, encoding="utf-8")
    (tmp_path / "ours.toml").write_text(text + "\n", encoding="utf-8")
    (tmp_path / "theirs.toml").write_bytes(text.replace('name = "ABB"', 'name = "ABB\xe9"').encode("latin-1"))
    result = run("merge-driver", "base.toml", "ours.toml", "theirs.toml", "accord.toml")
    assert result.exit_code in (0, 1)
    assert result.stderr.startswith(
        "accord.toml: left to git's line merge: the theirs version is not a ledger "
        "accord can read (accord.toml (theirs):"
    )
