"""The data exports: every field in JSON, a row per paper in CSV, both from the fake catalogue."""

import csv
import io
import json

import pytest

from catalogue.export import CSV_COLUMNS, SCHEMA_VERSION, to_csv, to_json
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
