"""Random YAML and Markdown never crash the loader or the validator: pass, or a catalogue error."""

import dataclasses
import datetime as dt
import functools

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.model import CatalogueError
from catalogue.summary import summary_problems
from catalogue.validate import load_catalogue

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40),
                    st.dates().map(str), st.sampled_from(["https://arxiv.org/abs/2403.00001", "2403.00001", "MMEB"]))
fields = st.sampled_from(["title", "authors", "date", "links", "topics", "summary", "arxiv", "results", "code",
                          "kind", "builds_on", "unverified", "venue", "paper", "benchmark", "score", "source"])
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(fields, inner, max_size=5),
                      max_leaves=12)
documents = st.dictionaries(fields, values, max_size=8)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@functools.cache
def _fake_catalogue():
    from conftest import FAKE_DATA
    return load_catalogue(FAKE_DATA.parent, today=dt.date(2026, 11, 27))  # tests/ holds data/


def load(root):
    try:
        load_catalogue(root, today=dt.date(2026, 11, 27))
    except CatalogueError as err:
        assert err.problems and all(p.path.startswith("data/") for p in err.problems)


@SETTINGS
@given(document=documents)
def test_random_entries_never_crash(fake_root, document):
    (fake_root / "data/papers/random.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    load(fake_root)


@SETTINGS
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_random_bytes_never_crash(fake_root, raw):
    (fake_root / "data/papers/random.yaml").write_bytes(raw)
    load(fake_root)


markdown_bits = st.sampled_from(["*", "_", "`", "```", "```{note}", "```{raw} html", "{download}`x`", "$", "$$",
                                 "[a](", ")", "<", ">", "<b>", "|", "---", "#", "\n", "\n\n", ":file:", "![i](",
                                 "javascript:", "https://example.org", "{", "}", "(t)=", "% c", "+++", "[^1]"])


@settings(max_examples=300, deadline=None)
@given(text=st.lists(markdown_bits | st.text(max_size=8), max_size=40).map("".join))
def test_random_markdown_never_crashes(text):
    problems = summary_problems(text)
    assert isinstance(problems, list) and all(isinstance(p, str) for p in problems)


# Bits that open blocks or smuggle structure: the independent hostile test's break-outs.
breakout_bits = st.sampled_from(["```", "~~~", "````", "$$", "\n    ", "\n :class: tip", "\n[r]: /etc/passwd\n",
                                 "[t][r]", "{download}`x <../s>`", "> ", "- ", "1. ", "\\", "<!--", "```{note}",
                                 "\n---\n", "\n## ", "(x)=", "[x](../y)", "![i](https://example.org/i.png)", "{math}`",
                                 "$\\href{javascript:x}{y}$", "| a |\n|---|\n| b"])


def _page_structure(page: str) -> tuple[list[str], object]:
    """The page's top-level headings and its last block, as the site's MyST parser reads them."""
    from catalogue.summary import _md
    tokens = _md(html=False).parse(page)
    headings = [tokens[i + 1].content for i, t in enumerate(tokens) if t.type == "heading_open" and t.level == 0]
    return headings, tokens[-1]


@settings(max_examples=300, deadline=None, suppress_health_check=list(HealthCheck))
@given(text=st.lists(breakout_bits | markdown_bits | st.text(max_size=6), max_size=30).map("".join))
def test_an_accepted_summary_never_changes_the_page_structure(text):
    """For any summary the validator accepts, the page has exactly the generated structure:
    the same headings, and the BibTeX block last, whole, at the top level."""
    from catalogue.bibtex import citation_keys, to_bibtex
    from catalogue.render import render_paper

    summary = f"{text}\n\n{'word ' * 80}"
    if summary_problems(summary):
        return
    catalogue = _fake_catalogue()
    paper = catalogue.by_slug["fakeembed"]
    bib = to_bibtex(paper, citation_keys(catalogue.papers)[paper.slug])
    expected = _page_structure(render_paper(paper, catalogue, bib, []))
    hostile = dataclasses.replace(paper, summary=summary.strip() + "\n")
    headings, last = _page_structure(render_paper(hostile, catalogue, bib, []))
    assert headings == expected[0]
    assert (last.type, last.info, last.content, last.level) == ("fence", "bibtex", bib, 0)


yaml_bits = st.sampled_from(["&a ", "*a", "&b ", "*b", "[", "]", "{", "}", ", ", ": ", "\n", "- ", "  ", "x", "<<: ",
                             "!!str ", "'", '"', "title", "summary", "? ", "|\n  "])


@SETTINGS
@given(raw=st.lists(yaml_bits, max_size=60).map("".join))
def test_random_yaml_with_anchors_and_aliases_never_crashes(fake_root, raw):
    (fake_root / "data/papers/random.yaml").write_text(raw, encoding="utf-8")
    load(fake_root)


@SETTINGS
@given(target=st.sampled_from(["/dev/zero", "/dev/null", "/dev/urandom", "outside", "dangling", "directory", "self"]),
       secret=st.text(alphabet="abcdefghij", min_size=8, max_size=20))
def test_any_symlink_is_refused_unread(fake_root, tmp_path_factory, target, secret):
    """Whatever a symlinked entry points at, the build reports the file by name and shows none of it."""
    link = fake_root / "data/papers/linked.yaml"
    link.unlink(missing_ok=True)
    outside = tmp_path_factory.mktemp("outside")
    (outside / "secret.yaml").write_text(f"title: {secret}\n", encoding="utf-8")
    pointee = {"outside": outside / "secret.yaml", "dangling": outside / "missing.yaml", "directory": outside,
               "self": link}.get(target, target)
    link.symlink_to(pointee)
    try:
        load_catalogue(fake_root, today=dt.date(2026, 11, 27))
        raise AssertionError("a symlinked entry was accepted")
    except CatalogueError as err:
        messages = [str(p) for p in err.problems]
        assert any(m.startswith("data/papers/linked.yaml: file: is a symbolic link") for m in messages), messages
        assert secret not in " ".join(messages)
