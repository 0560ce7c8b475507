"""Each escaping function, for any string: the syntax it lands in reads it back as inert text,
exactly (one link with the intended destination and text, one cell, no formula, no mathtext)."""

import csv
import html.parser
import io

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from markdown_it import MarkdownIt

from catalogue.escape import attr, chart_label, csv_cell, issue_text, md, md_url, myst_option

# Text with the characters each syntax acts on, mixed with arbitrary Unicode (no NUL, which
# every parser here replaces, and which the validator refuses anyway).
hostile = st.lists(st.sampled_from(list("*_`[]()<>|\\!#&;=+-@$%{}:~^\"'\n\t\r ")
                                   + ["](", ")[", "javascript:", "&lt;", "&#x6a;", "$$", "\\frac{1}{", "@team", "<img src=x>",
                                      "https://evil.example", "www.evil.example", "---", "1.", "(t)=", "{role}`x`", "\u2028"])
                   | st.text(alphabet=st.characters(blacklist_characters="\x00"), max_size=5), max_size=25).map("".join)
EXAMPLES = settings(max_examples=400, deadline=None)


def one_line(text: str) -> str:
    return " ".join(text.split())


def _myst():
    from catalogue.summary import _md
    return _md(html=False)


def _inline_children(tokens):
    inline = [t for t in tokens if t.type == "inline"]
    assert len(inline) == 1, [t.type for t in tokens]
    return inline[0].children


@EXAMPLES
@given(text=hostile)
def test_md_text_reads_back_as_the_same_plain_text(text):
    if not one_line(text):
        return
    children = _inline_children(_myst().parse(md(text)))
    assert {c.type for c in children} == {"text"}, [c.type for c in children]
    assert "".join(c.content for c in children) == one_line(text)


@EXAMPLES
@given(text=hostile)
def test_md_text_stays_in_its_table_cell(text):
    if not one_line(text):
        return
    tokens = MarkdownIt("commonmark").enable("table").parse(f"| a | b |\n|---|---|\n| {md(text)} | end |\n")
    cells = [t for t in tokens if t.type == "inline"][2:]
    assert len(cells) == 2 and cells[1].content == "end"
    assert {c.type for c in cells[0].children} == {"text"}
    assert "".join(c.content for c in cells[0].children) == one_line(text)


def _links(source: str, parser) -> list[tuple[str, str]]:
    out, current = [], None
    for token in parser.parse(source):
        for child in token.children or []:
            if child.type == "link_open":
                current = [child.attrs["href"], ""]
            elif child.type == "link_close":
                out.append(tuple(current))
                current = None
            elif current is not None:
                current[1] += child.content
            elif child.type in ("html_inline", "image"):
                out.append(("<html or image>", child.content))
    return out


@EXAMPLES
@given(text=hostile, tail=hostile)
def test_md_url_gives_one_link_with_exactly_the_intended_destination(text, tail):
    url = "https://example.org/" + tail
    parser = MarkdownIt("commonmark").enable("table")
    expected = md_url(url).replace("\\&", "&")  # the percent-encoded address, without Markdown's escape
    for source in (f"[{md(text)}]({md_url(url)}) after", f"| a | b |\n|---|---|\n| [{md(text)}]({md_url(url)}) | end |\n"):
        assert _links(source, parser) == [(expected, one_line(text))], source
    assert expected.isascii() and not any(c in expected for c in "()[]|<> \\`\"") and not any(ord(c) < 33 for c in expected)


def test_md_url_keeps_a_plain_address_as_it_is_and_encodes_the_rest():
    plain = "https://openreview.net/forum?id=abc&x=1#top"
    assert md_url(plain) == plain.replace("&", "\\&")
    assert md_url("https://openreview.net/forum?id=abc)[Sign-in](https://evil.example/phish") == (
        "https://openreview.net/forum?id=abc%29%5BSign-in%5D%28https://evil.example/phish")
    assert md_url("https://gitlab.com/a|extra|cells") == "https://gitlab.com/a%7Cextra%7Ccells"


@EXAMPLES
@given(text=hostile)
def test_myst_option_is_one_value_as_myst_reads_directive_options(text):
    from myst_parser.parsers.options import options_to_items

    items, state = options_to_items(f"alt: {myst_option(text)}\nfigclass: x")
    assert items == [("alt", one_line(text)), ("figclass", "x")] and not state.has_comments


class _Reader(html.parser.HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tags, self.data = [], ""

    def handle_starttag(self, tag, attrs):
        self.tags.append((tag, attrs))

    def handle_data(self, data):
        self.data += data


@EXAMPLES
@given(text=hostile)
def test_attr_is_read_back_as_the_same_text_and_attribute(text):
    reader = _Reader()
    reader.feed(f'<span title="{attr(text)}">{attr(text)}</span>')
    reader.close()
    assert reader.tags == [("span", [("title", one_line(text))])]
    assert reader.data == one_line(text)


FORMULA = ("=", "+", "-", "@", "\t", "\r", "\n")


@EXAMPLES
@given(cells=st.lists(hostile, min_size=1, max_size=4))
def test_csv_cells_read_back_exactly_and_never_start_a_formula(cells):
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerow([csv_cell(c) for c in cells])
    read = next(csv.reader(io.StringIO(out.getvalue())))
    assert read == [csv_cell(c) for c in cells]
    for cell in read:
        for part in cell.split(";"):
            assert part.lstrip(" ")[:1] not in FORMULA or not part.lstrip(" "), (cell, part)
    # nothing is lost: the apostrophes are the only change
    for original, cell in zip(cells, read, strict=True):
        assert cell.replace("'", "") == one_line(original).replace("'", "")


@pytest.mark.parametrize("title", ["Compact;=1+1;...", "=HYPERLINK(\"https://evil.example\")", "a; -2+3", "@SUM(A1)"])
def test_csv_cell_disarms_every_formula_part(title):
    assert all(not part.lstrip(" ").startswith(FORMULA) for part in csv_cell(title).split(";"))


@EXAMPLES
@given(text=hostile)
def test_chart_label_is_drawn_as_plain_text_never_mathtext(text):
    from matplotlib.text import Text

    shown, is_math = Text()._preprocess_math(chart_label(text))
    assert (shown, is_math) == (one_line(text), False)


def test_chart_labels_that_broke_mathtext_draw():
    from matplotlib.figure import Figure

    for name in ("$\\frac{1}{$", "$" + "\\sqrt{" * 40 + "x" + "}" * 40 + "$", "$a$ and $b$", "\\$x$"):
        figure = Figure()
        figure.add_subplot().set_ylabel(chart_label(name))
        figure.savefig(io.StringIO(), format="svg")


@EXAMPLES
@given(text=hostile, arxiv=st.from_regex(r"\d{4}\.\d{5}", fullmatch=True))
def test_issue_text_is_one_code_span_with_the_text(text, arxiv):
    parser = MarkdownIt("commonmark").enable(["table", "strikethrough"])
    tokens = parser.parse(f"- {issue_text(text)} (arXiv {arxiv})\n")
    children = _inline_children(tokens)
    if one_line(text):
        assert children[0].type == "code_inline" and children[0].content == one_line(text)
        assert [c.type for c in children[1:]] == ["text"] and children[1].content == f" (arXiv {arxiv})"
    else:
        assert [c.type for c in children] == ["text"]


@EXAMPLES
@given(tail=hostile)
def test_every_url_the_validator_accepts_is_written_as_it_is(tail):
    from catalogue.urls import url_problems
    url = "https://example.org/" + tail
    if not url_problems(url):
        assert md_url(url).replace("\\&", "&") == url
