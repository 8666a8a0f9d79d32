from pathlib import Path

import pytest
import tomli
from hypothesis import assume, given, settings
from hypothesis import strategies as st

from accord_cli.storage.comments import Comment, find_comments


def test_comments_are_found_with_their_lines() -> None:
    text = (
        "# top\n"
        "[accord] # header\n"
        'name = "a # b" # after a string\n'
        "url = 'c # d'\n"
        'note = """one\n# inside a multi-line string\n"""  # after it\n'
        "more = '''x\n# literal\n'''\n"
        'escaped = "a \\" # still in the string"\n'
    )
    assert find_comments(text) == [
        Comment(1, "# top"),
        Comment(2, "# header"),
        Comment(3, "# after a string"),
        Comment(7, "# after it"),
    ]


def test_a_multi_line_string_may_end_with_extra_quotes() -> None:
    text = 'x = """a""""  # it\'s "kept"\ny = \'\'\'b\'\'\'\'\'  # two more\nz = "#"\n# keep\n'
    assert find_comments(text) == [Comment(1, '# it\'s "kept"'), Comment(2, "# two more"), Comment(4, "# keep")]


def test_a_text_without_a_hash_has_no_comments() -> None:
    assert find_comments('[accord]\nname = "x"\n') == []


@given(st.text(alphabet=st.characters(blacklist_characters="#\"'\\\r", blacklist_categories=("Cs",))))
def test_strings_hide_any_hash(body: str) -> None:
    body = body.replace("\n", " ")
    assert find_comments(f"a = \"{body}#{body}\"\nb = '{body}#'\n") == []


# -- against TOML itself: a `#` is a comment when cutting the line there leaves the same document -------

CORPUS = Path(__file__).parent / "data" / "toml-test" / "valid"


def _parsed(text: str) -> str | None:
    """The document as a comparable text (repr keeps nan equal to itself), or None if it is not TOML."""
    try:
        return repr(tomli.loads(text))
    except tomli.TOMLDecodeError:
        return None


def _comments_by_cutting(text: str) -> list[Comment]:
    """The comments of `text` as TOML decides them: on each line, the first `#` where cutting the line
    leaves the parsed document as it was."""
    expected = _parsed(text)
    lines = text.split("\n")
    found = []
    for number, line in enumerate(lines):
        for column in (i for i, char in enumerate(line) if char == "#"):
            if _parsed("\n".join([*lines[:number], line[:column], *lines[number + 1 :]])) == expected:
                found.append(Comment(number + 1, line[column:].rstrip("\r")))
                break
    return found


@pytest.mark.parametrize("path", sorted(CORPUS.rglob("*.toml")), ids=lambda p: str(p.relative_to(CORPUS)))
def test_the_finder_agrees_with_toml_on_every_valid_case_of_toml_test(path: Path) -> None:
    text = path.read_bytes().decode("utf-8").removeprefix("\ufeff")
    assert find_comments(text) == _comments_by_cutting(text)


def test_the_corpus_has_the_cases_that_matter() -> None:
    texts = [p.read_text(encoding="utf-8") for p in CORPUS.rglob("*.toml")]
    assert len(texts) == 210
    assert sum(t.count("#") for t in texts) > 200


_plain = st.text(st.sampled_from("ab #'\\\"\t"), max_size=6)


@st.composite
def _values(draw: st.DrawFn) -> str:
    """A TOML value written in one of the ways that can hide a `#` or a quote."""
    body = draw(_plain)
    kind = draw(st.sampled_from(["basic", "literal", "multi", "multi-literal", "number", "array", "inline"]))
    if kind == "basic":
        return '"' + body.replace("\\", "\\\\").replace('"', '\\"') + '"'
    if kind == "literal":
        return "'" + body.replace("'", "") + "'"
    if kind == "multi":  # up to two quotes may end the text, right before the closing three
        return (
            '"""'
            + body.replace("\\", "\\\\").replace('"', '\\"')
            + draw(st.sampled_from(["", "\n#x"]))
            + draw(st.sampled_from(["", '"', '""']))
            + '"""'
        )
    if kind == "multi-literal":
        return (
            "'''"
            + body.replace("'", "")
            + draw(st.sampled_from(["", "\n# y"]))
            + draw(st.sampled_from(["", "'", "''"]))
            + "'''"
        )
    if kind == "number":
        return draw(st.sampled_from(["1", "-2.5", "nan", "1979-05-27"]))
    if kind == "array":
        return f'["{body.replace(chr(92), "").replace(chr(34), "")}", # in an array\n 2]'
    return '{ k = "' + body.replace("\\", "").replace('"', "") + '" }'


@pytest.mark.slow
@settings(max_examples=300, deadline=None)
@given(
    st.lists(
        st.tuples(_values(), st.sampled_from(["", " # c", "  #x # y", "#", ' # "q" it\'s'])), min_size=1, max_size=6
    )
)
def test_the_finder_agrees_with_toml_on_generated_documents(entries: list[tuple[str, str]]) -> None:
    text = "# top\n" + "".join(f"k{i} = {value}{comment}\n" for i, (value, comment) in enumerate(entries))
    assume(_parsed(text) is not None)
    assert find_comments(text) == _comments_by_cutting(text)
