"""What the search index is told about each page (scripts/catalogue/search.py)."""

import json
import re
import subprocess

import pytest

import search_eval
from catalogue import search
from catalogue.model import Paper, Topic
from catalogue.search import (
    MAX_PAPER_SHARDS,
    build_index,
    exact_key,
    indexed,
    list_fields,
    name_variants,
    paper_fields,
    paper_shard_count,
    shard_of,
    shards,
)
from catalogue.validate import load_catalogue
from conftest import PROJECT


def test_name_variants_run_parts_together_and_apart():
    assert name_variants("VLM2Vec-V2") == ["vlm2vecv2", "vlm2vec v2", "vlm2vec2"]
    assert "qwen3vl" in name_variants("Qwen3-VL-Embedding") and "qwen3vlembedding" in name_variants("Qwen3-VL-Embedding")
    assert "omniembed" in name_variants("Omni-Embed-Nemotron")
    assert name_variants("GME") == []  # nothing to run together, and the name itself is not repeated
    assert {"jinav4", "jina v4"} <= set(name_variants("jina-embeddings-v4"))  # the family and the version
    assert {"colqwen2", "colqwen2.5", "colqwen25"} <= set(name_variants("ColQwen2 / ColQwen2.5"))  # each alternative


def test_exact_key_ignores_case_and_punctuation():
    assert exact_key("e5 omni") == exact_key("e5-omni") == exact_key("E5-Omni") == "e5omni"


def _paper(**fields):
    return Paper(**{"slug": "x", "path": "data/papers/x.yaml", "title": "T", "summary": "", "topics": (), **fields})


def test_paper_fields_carry_what_a_result_shows_escaped():
    html = paper_fields(_paper(short_name="A<b>", title='Say "hi" & <script>x</script>', date="2025-03", venue="ICLR 2025, Oral",
                               topics=("alpha",), code="weights-only"), {"alpha": Topic("alpha", "Alpha & Omega", "")})
    assert "<script>" not in html and "<b>" not in html
    assert 'data-pagefind-meta="title[data-value]" data-value="Say &quot;hi&quot; &amp; &lt;script&gt;x&lt;/script&gt;"' in html
    assert 'data-pagefind-meta="venue[data-value]" data-value="ICLR 2025, Oral"' in html  # a comma stays in the value
    assert 'data-pagefind-meta="year[data-value]" data-value="2025"' in html
    assert 'data-pagefind-filter="topic[data-value]" data-value="Alpha &amp; Omega"' in html
    assert 'data-pagefind-filter="code[data-value]" data-value="weights only"' in html
    assert html.startswith("<div hidden>")
    assert re.sub(r"<[^>]*>", "", html) == ""  # no words of its own: nothing for an excerpt to show


def test_paper_fields_leave_out_what_the_paper_lacks():
    html = paper_fields(_paper(title="Only a Title That Is Long"), {})
    assert "venue[" not in html and "year[" not in html and "data-pagefind-filter" not in html
    assert re.search(r'name\[data-value\]" data-value="Only a Title That Is Long"', html)
    assert 'data-value="onlyatitlethatislong"' in html  # a title-only name has no run-together variants


def test_list_pages_are_weighted_down_but_found_by_their_name():
    body = indexed("<p>rows</p>", list_fields("MMEB"), is_list=True)
    assert body.startswith('<div data-pagefind-body data-pagefind-weight="0.2">')
    assert 'data-value="mmeb"' in body
    assert indexed("<p>x</p>") == "<div data-pagefind-body><p>x</p></div>"


def test_query_set_author_queries_list_every_paper_of_the_author():
    papers = load_catalogue(PROJECT).papers
    for query in search_eval.load_queries():
        if query.kind == "author":
            assert set(query.expect) == {f"papers/{p.slug}" for p in papers if any(query.query in a for a in p.authors)}, query


def test_query_set_names_only_pages_that_exist():
    catalogue = load_catalogue(PROJECT)
    pages = {f"papers/{p.slug}" for p in catalogue.papers} | {f"papers/topics/{t}" for t in catalogue.topics}
    pages |= {f"papers/leaderboards/{b}" for b in catalogue.benchmarks}
    for query in search_eval.load_queries():
        assert set(query.expect) <= pages, query


def test_paper_pages_spread_over_shards_and_other_pages_stay_in_the_main_index():
    pages = {f"papers/p{i}.html": True for i in range(1000)} | {"index.html": False, "papers/all.html": False}
    grouped = shards(pages)
    assert grouped[""] == ["index.html", "papers/all.html"]
    assert len(grouped) == MAX_PAPER_SHARDS + 1 and sum(map(len, grouped.values())) == len(pages)
    assert all(80 < len(group) < 170 for name, group in grouped.items() if name)  # about 125 each (8 shards)
    assert shards(pages) == grouped  # the same from build to build


def test_small_catalogues_have_one_paper_shard_and_large_ones_a_bounded_number():
    assert [paper_shard_count(n) for n in (0, 5, 249, 250, 999, 1000, 1999, 3999, 10_000)] == [1, 1, 1, 2, 4, 8, 8, 8, 4]


def test_the_shards_change_only_when_the_catalogue_doubles():
    """A new count moves pages between shards, so every shard is re-indexed: adding papers one
    at a time from 100 to 10,000 does that 4 times (at 250, 500, 1,000 and LARGE_CATALOGUE)."""
    counts = [paper_shard_count(n) for n in range(100, 10_001)]
    assert sum(a != b for a, b in zip(counts, counts[1:], strict=False)) == 4


def _site(tmp_path, slugs):
    site = tmp_path / "html"
    (site / "papers").mkdir(parents=True, exist_ok=True)
    for slug, words in slugs.items():
        (site / "papers" / f"{slug}.html").write_text(
            f"<html lang=en><body><main data-pagefind-body><h1>{slug}</h1><p>{words}</p></main></body></html>", encoding="utf-8")
    (site / "index.html").write_text("<html lang=en><body><main data-pagefind-body><p>home</p></main></body></html>")
    pages = {f"papers/{slug}.html": True for slug in slugs} | {"index.html": False}
    return site, shards(pages)


def _page_counts(site):
    return {entry.parent.name: json.loads(entry.read_text())["languages"]["en"]["page_count"]
            for entry in (site / "pagefind").rglob("pagefind-entry.json")}


def test_the_index_is_rebuilt_only_where_pages_changed(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "PAPERS_PER_SHARD", 10)  # 4 paper shards, for 40 to 79 papers
    slugs = {f"p{i}": f"words of paper {i}" for i in range(45)}
    site, grouped = _site(tmp_path, slugs)
    assert sorted(build_index(site, grouped, set())) == sorted(grouped)  # the first time: every shard
    counts = _page_counts(site)
    assert sum(counts.values()) == 46 and counts["pagefind"] == 1 and len(counts) == 5
    assert not list((site / "pagefind" / shard_of("papers/p0.html", True, 4)).glob("*.js"))  # scripts live in the main index only

    assert build_index(site, grouped, set()) == []  # nothing rewritten: nothing re-indexed
    assert build_index(site, grouped, {"papers/p3.html"}) == [shard_of("papers/p3.html", True, 4)]

    # A removed page leaves its shard; a shard left empty goes; old index files do not pile up.
    files_before = sorted(p.name for p in (site / "pagefind").rglob("*") if p.is_file())
    del slugs["p3"]
    site, grouped = _site(tmp_path, slugs)
    assert build_index(site, grouped, set()) == [shard_of("papers/p3.html", True, 4)]
    assert sum(_page_counts(site).values()) == 45
    assert len([p for p in (site / "pagefind").rglob("*") if p.is_file()]) <= len(files_before)


def test_an_index_interrupted_midway_is_redone_whole(tmp_path, monkeypatch):
    site, grouped = _site(tmp_path, {f"p{i}": "text" for i in range(10)})
    build_index(site, grouped, set())
    (site / "pagefind" / "shards.json").unlink()  # what a build that stopped while indexing leaves
    assert sorted(build_index(site, grouped, set())) == sorted(grouped)


def test_meanwhile_runs_while_pagefind_indexes_and_every_run_ends_even_if_it_fails(tmp_path, monkeypatch):
    monkeypatch.setattr(search, "PAPERS_PER_SHARD", 10)
    site, grouped = _site(tmp_path, {f"p{i}": f"words of paper {i}" for i in range(25)})
    started, ended = [], []

    class Recorded(subprocess.Popen):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            started.append(self)

        def communicate(self, *args, **kwargs):
            ended.append(self)
            return super().communicate(*args, **kwargs)

    monkeypatch.setattr(search.subprocess, "Popen", Recorded)
    seen = []
    build_index(site, grouped, set(), meanwhile=lambda: seen.append((len(started), len(ended))))
    assert seen == [(len(grouped), 0)]  # every shard's Pagefind had started, none was waited for yet
    assert build_index(site, grouped, set(), meanwhile=lambda: seen.append("again")) == [] and seen[-1] == "again"

    def fails():
        raise OSError("disk full")

    started.clear()
    ended.clear()
    with pytest.raises(OSError, match="disk full"):
        build_index(site, grouped, {"papers/p1.html"}, meanwhile=fails)
    assert started and ended == started  # no Pagefind left running
    assert not (site / "pagefind" / "shards.json").exists()  # so the next build redoes every shard


def test_a_page_address_that_cannot_be_listed_is_refused_by_name(tmp_path):
    site, _ = _site(tmp_path, {"p1": "text"})
    with pytest.raises(RuntimeError, match="a,b.html"):
        build_index(site, {"": ["a,b.html", "index.html"]}, set())
