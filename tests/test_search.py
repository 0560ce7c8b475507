"""What the search index is told about each page (scripts/catalogue/search.py)."""

import re

import search_eval
from catalogue.model import Paper, Topic
from catalogue.search import exact_key, indexed, list_fields, name_variants, paper_fields
from catalogue.validate import load_catalogue
from conftest import PROJECT


def test_name_variants_run_parts_together_and_apart():
    assert name_variants("VLM2Vec-V2") == ["vlm2vecv2", "vlm2vec v2", "vlm2vec2"]
    assert "qwen3vl" in name_variants("Qwen3-VL-Embedding") and "qwen3vlembedding" in name_variants("Qwen3-VL-Embedding")
    assert "omniembed" in name_variants("Omni-Embed-Nemotron")
    assert name_variants("GME") == []  # nothing to run together, and the name itself is not repeated


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
