"""The exports from the fake catalogue: JSON, CSV, the awesome-list table and the Atom feed."""

import csv
import io
import json

import feedparser
import pytest

from catalogue.export import CSV_COLUMNS, SCHEMA_VERSION, main, to_atom, to_awesome, to_csv, to_json
from catalogue.importer import import_awesome_list
from catalogue.validate import load_catalogue
from conftest import FAKE_DATA


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(FAKE_DATA.parent)


def test_json_holds_every_field_newest_first(catalogue):
    data = json.loads(to_json(catalogue, "https://example.org/"))
    assert data["schema_version"] == SCHEMA_VERSION
    assert [p["slug"] for p in data["papers"]] == [p.slug for p in catalogue.papers]
    fake = next(p for p in data["papers"] if p["slug"] == "fakeembed")
    assert fake["authors"] == ["Ada Example", "Björn Ñúñez"] and fake["links"]["code"] == "https://github.com/example/fakeembed"
    assert fake["results"][0]["splits"] == {"Seen": 70.2, "Unseen": 52.8} and fake["results"][0]["source_kind"] == "paper"
    assert fake["checked"]["sources"][0] == {"label": "arXiv abstract", "url": "https://arxiv.org/abs/2403.00001"}
    assert fake["page"] == "https://example.org/papers/fakeembed.html" and "path" not in fake
    assert set(data["benchmarks"]) == {"alpha-bench", "alpha-bench-unseen"} and "alpha-topic" in data["topics"]


def test_csv_has_a_row_per_paper_that_a_csv_reader_reads_back(catalogue):
    rows = list(csv.DictReader(io.StringIO(to_csv(catalogue))))
    assert [r["slug"] for r in rows] == [p.slug for p in catalogue.papers]
    assert list(rows[0]) == list(CSV_COLUMNS)
    weird = next(r for r in rows if r["slug"] == "weird-title")
    assert weird["title"] == catalogue.by_slug["weird-title"].title  # commas, quotes and pipes survive
    fake = next(r for r in rows if r["slug"] == "fakeembed")
    assert fake["authors"] == "Ada Example; Björn Ñúñez" and fake["page"] == "papers/fakeembed.html"


def test_a_csv_cell_never_starts_a_spreadsheet_formula(catalogue):
    import dataclasses
    paper = dataclasses.replace(catalogue.papers[0], title="=HYPERLINK(\"https://evil.example\")")
    text = to_csv(dataclasses.replace(catalogue, papers=(paper,)))
    assert list(csv.DictReader(io.StringIO(text)))[0]["title"].startswith("'=")


def test_awesome_list_round_trips_through_the_importer(catalogue):
    report = import_awesome_list(to_awesome(catalogue))
    assert len(report.drafts) == len(catalogue.papers)
    for paper, draft in zip(catalogue.papers, report.drafts, strict=True):
        assert draft.entry["title"] == paper.title  # a '|' in a title stays inside its cell
        assert draft.entry["links"].get("paper") == paper.links.paper
        assert draft.entry["links"].get("code") == paper.links.code
        if paper.arxiv:
            assert (draft.entry["arxiv"], draft.entry["date"]) == (paper.arxiv, paper.date)
        assert draft.entry.get("code") == ("unreleased" if paper.code == "unreleased" and not paper.links.code else None)


def test_real_catalogue_round_trips_through_the_importer():
    from conftest import PROJECT
    real = load_catalogue(PROJECT)
    drafts = import_awesome_list(to_awesome(real)).drafts
    assert [d.entry["title"] for d in drafts] == [p.title for p in real.papers]
    assert [d.entry.get("links", {}).get("paper") for d in drafts] == [p.links.paper for p in real.papers]


def test_feed_lists_additions_newest_first_with_first_sentences(catalogue):
    feed = feedparser.parse(to_atom(catalogue, "https://example.org/en/latest/"))
    assert not feed.bozo, feed.bozo_exception
    added = sorted((p for p in catalogue.papers if p.added), key=lambda p: p.added, reverse=True)
    assert [e.link for e in feed.entries] == [f"https://example.org/en/latest/papers/{p.slug}.html" for p in added]
    first = feed.entries[0]
    assert first.summary.endswith(".") and "\n" not in first.summary
    assert feed.feed.links[0].href == "https://example.org/en/latest/papers/new.html"


def test_export_command_prints_one_format(capsys):
    assert main(["--awesome", "--root", str(FAKE_DATA.parent)]) == 0
    assert capsys.readouterr().out.startswith("# Universal Multimodal Embedding Papers")
    assert main(["--schema", "--root", str(FAKE_DATA.parent)]) == 0
    assert json.loads(capsys.readouterr().out)["type"] == "object"


HOSTILE_LINKS = {
    "paper": "https://openreview.net/forum?id=abc)[Sign-in-to-read](https://evil.example/phish",
    "models": "https://huggingface.co/x)[Huggingface](javascript:alert(1)",
    "code": "https://gitlab.com/a|extra|cells",
}


def _links_in(markdown: str) -> list[tuple[str, str]]:
    from markdown_it import MarkdownIt
    found = []
    for token in MarkdownIt("commonmark").enable("table").parse(markdown):
        for child in token.children or []:
            if child.type == "link_open":
                found.append(child.attrs["href"])
    return found


@pytest.mark.parametrize("field", HOSTILE_LINKS)
def test_a_hostile_link_that_got_past_the_validator_is_still_one_link_in_the_awesome_list(catalogue, field):
    import dataclasses
    paper = catalogue.by_slug["weird-title"]
    links = dataclasses.replace(paper.links, **({field: HOSTILE_LINKS[field]} if field != "models" else
                                                 {"code": None, "models": HOSTILE_LINKS[field]}))
    text = to_awesome(dataclasses.replace(catalogue, papers=(dataclasses.replace(paper, links=links),)))
    row = text.splitlines()[-1]
    hrefs = _links_in(text)
    assert len(hrefs) == (links.paper is not None) + ((links.code or links.models) is not None), hrefs
    assert not any(h.startswith(("javascript:", "https://evil.example")) for h in hrefs)
    assert row.count("|") - row.count("\\|") == 5  # four cells, however the URL is spelled


def test_a_title_ending_in_a_backslash_keeps_the_year_in_its_column(catalogue):
    import dataclasses
    paper = dataclasses.replace(catalogue.by_slug["fakeembed"], title="Ends in a backslash \\")
    drafts = import_awesome_list(to_awesome(dataclasses.replace(catalogue, papers=(paper,)))).drafts
    assert drafts[0].entry["title"] == "Ends in a backslash \\" and drafts[0].entry["date"] == "2024-03"


def test_the_round_trip_names_each_field_not_read_back_exactly(catalogue):
    import dataclasses

    from catalogue.export import awesome_round_trip
    assert awesome_round_trip(catalogue) == []
    paper = catalogue.by_slug["weird-title"]
    changed = dataclasses.replace(paper, title="Ã©tude of mojibake", links=dataclasses.replace(paper.links, code=HOSTILE_LINKS["code"]))
    problems = awesome_round_trip(dataclasses.replace(catalogue, papers=(changed,)))
    assert {(p.path, p.field) for p in problems} == {("data/papers/weird-title.yaml", "title"),
                                                     ("data/papers/weird-title.yaml", "links.code")}, problems


def test_a_csv_cell_has_no_formula_in_any_semicolon_part(catalogue):
    import dataclasses
    paper = dataclasses.replace(catalogue.papers[0], title="Compact;=1+1;...", authors=("Ada Example", "-Minus Sign"))
    row = next(csv.DictReader(io.StringIO(to_csv(dataclasses.replace(catalogue, papers=(paper,))))))
    assert row["title"] == "Compact;'=1+1;..." and row["authors"] == "Ada Example; '-Minus Sign"



def test_the_bib_at_the_sites_root_is_the_catalogues_bibtex(catalogue):
    from catalogue.export import to_bib
    from catalogue.render import render_catalogue
    rendered = render_catalogue(catalogue)["catalogue.bib"]
    assert rendered.endswith(to_bib(catalogue)) and rendered.startswith("% Generated by")
