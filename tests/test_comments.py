from hypothesis import given
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
        Comment(1, "# top"), Comment(2, "# header"), Comment(3, "# after a string"), Comment(7, "# after it"),
    ]


def test_a_text_without_a_hash_has_no_comments() -> None:
    assert find_comments('[accord]\nname = "x"\n') == []


@given(st.text(alphabet=st.characters(blacklist_characters="#\"'\\\r", blacklist_categories=("Cs",))))
def test_strings_hide_any_hash(body: str) -> None:
    body = body.replace("\n", " ")
    assert find_comments(f'a = "{body}#{body}"\nb = \'{body}#\'\n') == []
