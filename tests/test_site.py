"""A strict Sphinx build of the real catalogue: no warnings, every page, a search index."""

import json
import re
from pathlib import Path

import pytest
import yaml
from sphinx.cmd.build import build_main

from catalogue.validate import load_catalogue
from conftest import PROJECT, build_site, copy_project


def test_build_has_zero_warnings(real_site):
    status, warnings, _ = real_site
    assert status == 0 and warnings == "", warnings


def test_every_paper_year_and_topic_page_exists(real_site):
    out = real_site[2]
    catalogue = load_catalogue(PROJECT)
    for paper in catalogue.papers:
        assert (out / "papers" / f"{paper.slug}.html").is_file(), paper.slug
    for year in catalogue.years():
        assert (out / "papers" / "years" / f"{year}.html").is_file()
    for topic in catalogue.topics:
        assert (out / "papers" / "topics" / f"{topic}.html").is_file()
    assert (out / "papers" / "all.html").is_file() and (out / "about.html").is_file()


def test_search_index_holds_every_page_but_the_search_page_and_the_author_pages(real_site):
    out = real_site[2]
    entries = [json.loads(p.read_text(encoding="utf-8")) for p in (out / "pagefind").rglob("pagefind-entry.json")]
    pages = [p for p in out.rglob("*.html") if not p.relative_to(out).as_posix().startswith(("pagefind/", "_"))
             and not p.name.endswith(".rows.html")]  # a long table's other rows, loaded into its page
    indexed = [p for p in pages if "data-pagefind-body" in p.read_text(encoding="utf-8")]
    left_out = {p.relative_to(out).as_posix() for p in set(pages) - set(indexed)}
    assert left_out - {"search.html"} == {p.relative_to(out).as_posix() for p in (out / "papers" / "authors").glob("*.html")}
    assert "search.html" in left_out and len(left_out) > 20
    assert sum(entry["languages"]["en"]["page_count"] for entry in entries) == len(indexed)
    assert len(entries) >= 2  # the main index and the paper pages' shards


def test_the_page_on_how_search_works_is_not_hidden_by_the_search_page(real_site):
    out = real_site[2]
    assert "How search works" in (out / "how-search-works.html").read_text(encoding="utf-8")
    assert 'id="search-results"' in (out / "search.html").read_text(encoding="utf-8")
    assert not (out / "searchindex.js").exists()  # Sphinx's own index is not built (docs/how-search-works.md)


def test_paper_pages_tell_the_index_their_name_title_year_and_venue(real_site):
    page = (real_site[2] / "papers" / "vlm2vec.html").read_text(encoding="utf-8")
    for key, value in [("name", "VLM2Vec"), ("year", "2024"), ("venue", "ICLR 2025")]:
        assert f'data-pagefind-meta="{key}[data-value]" data-value="{value}"' in page


def test_paper_pages_stay_out_of_the_navigation(real_site):
    page = (real_site[2] / "papers" / "all.html").read_text(encoding="utf-8")
    start = page.index('class="sidebar-tree"')
    nav = page[start:page.index('class="main"', start)]
    assert "years/index.html" in nav
    assert "vlm2vec.html" not in nav
    assert len((real_site[2] / "papers" / "vlm2vec.html").read_bytes()) < 60_000


def test_paper_pages_share_a_sidebar_whose_links_resolve(real_site):
    out = real_site[2] / "papers"

    def sidebar(page):
        html = (out / page).read_text(encoding="utf-8")
        start = html.index('class="sidebar-tree"')
        return html[start:html.index('class="main"', start)]

    nav = sidebar("vlm2vec.html")
    assert nav == sidebar("b3.html")  # built once, the same on every paper page
    hrefs = re.findall(r'href="([^"#]+)"', nav)
    assert "all.html" in hrefs and "years/index.html" in hrefs
    for href in hrefs:
        assert (out / href).resolve().is_file(), href


def test_paper_page_carries_citation_meta_tags(real_site):
    page = (real_site[2] / "papers" / "vlm2vec.html").read_text(encoding="utf-8")
    assert '<meta name="citation_title" content="VLM2Vec: Training Vision-Language Models' in page
    assert page.count('<meta name="citation_author"') == 6
    assert '<meta name="citation_arxiv_id" content="2410.05160"' in page


def test_bad_data_stops_the_build_with_the_validators_message(tmp_path):
    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    entry = yaml.safe_load((root / "data/papers/fakeembed.yaml").read_text(encoding="utf-8"))
    entry["topics"] = ["alpha-topc"]
    (root / "data/papers/fakeembed.yaml").write_text(yaml.safe_dump(entry), encoding="utf-8")
    status, warnings, out = build_site(root)
    assert status != 0
    assert not (root / "docs" / "papers").exists()


def test_hostile_title_renders_literally(tmp_path):
    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    status, warnings, out = build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    page = (out / "papers" / "weird-title.html").read_text(encoding="utf-8")
    assert "<b>Tags</b>" not in page and "&lt;b&gt;Tags&lt;/b&gt;" in page
    for listing in ("all.html", "leaderboards/alpha-bench-unseen.html"):  # the tables written as HTML
        table = (out / "papers" / listing).read_text(encoding="utf-8")
        assert "<b>Tags</b>" not in table and "&lt;b&gt;Tags&lt;/b&gt;" in table, listing
    assert "A *Weird* _Title_ with {Braces}" in page
    assert 'content="A *Weird* _Title_ with {Braces} &lt;b&gt;Tags&lt;/b&gt; `Ticks` $Dollars$ | Pipes &amp; &quot;Quotes&quot; 100% #1"' in page


def test_editing_one_summary_rewrites_only_that_page(tmp_path):
    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    out = root / "_build" / "html"
    pages = {p: p.stat().st_mtime_ns for p in out.rglob("*.html")}
    path = root / "data/papers/fakeembed.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("This fake paper", "This made-up paper"), encoding="utf-8")
    build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    changed = {p.relative_to(out).as_posix() for p, mtime in pages.items() if p.stat().st_mtime_ns != mtime}
    assert changed - {"search.html"} == {"papers/fakeembed.html"}  # Sphinx rewrites search.html every build
    assert "This made-up paper" in (out / "papers" / "fakeembed.html").read_text(encoding="utf-8")


def _write_entry(root, mutate, name="fakeembed.yaml"):
    path = root / "data/papers" / name
    entry = yaml.safe_load(path.read_text(encoding="utf-8"))
    mutate(entry)
    path.write_text(yaml.safe_dump(entry, allow_unicode=True), encoding="utf-8")


def _add_a_leading_result(root):
    """A result that goes first on Alpha Bench, moving FakeEmbed's places down."""
    _write_entry(root, lambda e: e.update(results=[dict(benchmark="alpha-bench", variant="FakeEmbed-V2-9B", size=9, score=80.0,
                                                        table="Table 1", source="https://example.org/v2", source_kind="authors")]),
                 name="fakeembed-v2.yaml")


def test_bad_data_is_reported_as_located_errors_not_a_crash(tmp_path):
    """What Read the Docs runs (python -m sphinx): each problem on its own line, located at the
    data file and its field's line, and no crash report around them."""
    import subprocess
    import sys

    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    _write_entry(root, lambda e: e.update(topics=["alpha-topc"], kind="novel"))
    run = subprocess.run([sys.executable, "-m", "sphinx", "-T", "-W", "--keep-going", "-b", "html", "docs", "out"],
                         cwd=root, capture_output=True, text=True, env={"PYTHONPATH": str(PROJECT / "scripts")},
                         timeout=300)
    assert run.returncode == 2
    text = (Path(root, "data/papers/fakeembed.yaml")).read_text(encoding="utf-8").splitlines()
    topics_line = next(i for i, line in enumerate(text, 1) if line.startswith("topics:"))
    assert f"data/papers/fakeembed.yaml:{topics_line}: ERROR: topics[0]: 'alpha-topc' is not a topic" in run.stderr
    assert "ERROR: kind: 'novel' is not one of" in run.stderr
    for crash in ("Traceback", "Extension error", "please open an issue", "Versions", "Loaded extensions"):
        assert crash not in run.stderr + run.stdout, crash


def test_a_page_that_got_past_the_validator_still_publishes_nothing(tmp_path, monkeypatch):
    """The check on the built result: with the summary validator switched off, a summary that
    downloads, links and embeds local files stops the build, naming the data file."""
    from catalogue import validate

    monkeypatch.setattr(validate, "summary_problems", lambda text: [])
    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    (tmp_path / "secret.txt").write_text("TOKEN=hunter2\n", encoding="utf-8")
    hostile = ("Get {download}`the file <../../../secret.txt>`, read [this](/etc/passwd), see "
               "![x](../../../secret.txt) and [run](javascript:alert(1)). " + "word " * 80)
    _write_entry(root, lambda e: e.update(summary=hostile))
    status, warnings, out = build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    assert status == 2
    assert "data/papers/fakeembed.yaml:" in warnings and "would publish a download reference" in warnings
    assert "would publish a image" in warnings
    assert not (out / "_downloads").exists() and not (out / "papers" / "fakeembed.html").exists()


def test_math_is_mathml_made_at_build_time(tmp_path):
    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")  # (the landing page's citations warn: they are real papers)
    page = (root / "_build" / "html" / "papers" / "fakeembed.html").read_text(encoding="utf-8")
    assert '<math xmlns="http://www.w3.org/1998/Math/MathML" display="inline"><mrow><msup><mi>x</mi><mn>2</mn></msup></mrow></math>' in page
    assert not re.search(r"<script[^>]*(mathjax|tex-mml|cdn)", page, re.IGNORECASE)  # no script renders TeX


def test_accepted_summaries_never_warn_in_the_strict_build(tmp_path):
    """Whatever the validator accepts builds without a warning, so a strict Read the Docs build
    never fails far from its cause, on the generated page instead of the data field."""
    from catalogue.summary import summary_problems

    tricky = [
        "| a | b |\n|---|\n| 1 | 2 | 3 |",  # uneven table
        "H{sub}`2`O, x{sup}`n`, {math}`x^2` and $\\frac{a}{b}$ and\n\n$$\nx = \\sum_i y_i\n$$",
        "- a\n  - b\n    1. c\n\n> quote\n> > nested",
        "A line  \nbreak, ~~gone~~, `code {x}` and a [link](https://example.org/a_b?c=d#e).",
        "Stars * and _ underscores_ and \\*escaped\\* and <https://example.org/auto>.",
        "Text with [a link](https://example.org/x) twice [a link](https://example.org/x).",
    ]
    summary = "\n\n".join(tricky) + "\n\n" + "word " * 80
    assert summary_problems(summary) == []
    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    _write_entry(root, lambda e: e.update(summary=summary))
    _write_entry(root, lambda e: e.update(summary=summary), name="fakeembed-v2.yaml")
    status, warnings, out = build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    assert "papers/" not in warnings, warnings
    assert (out / "papers" / "fakeembed.html").is_file()


def test_a_new_result_updates_the_places_on_other_pages_without_rewriting_them(tmp_path):
    """A result that moves others on its board has their place links patched in the written
    HTML (their source, doctree and the rest of the page stay as they are): the page is then
    what a clean build writes, and its place is not in the search index."""
    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    out, doctree = root / "_build" / "html" / "papers", root / "_build" / "doctrees" / "papers" / "fakeembed.doctree"
    assert "1st of 2" in (out / "fakeembed.html").read_text(encoding="utf-8")
    source, cached = (root / "docs/papers/fakeembed.md").stat().st_mtime_ns, doctree.stat().st_mtime_ns
    _add_a_leading_result(root)
    build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    page = (out / "fakeembed.html").read_text(encoding="utf-8")
    assert "2nd of 3" in page and "3rd of 3" in page and "1st of 2" not in page
    assert "data-pagefind-ignore>2nd of 3</a>" in page
    assert (root / "docs/papers/fakeembed.md").stat().st_mtime_ns == source and doctree.stat().st_mtime_ns == cached
    assert "1st of 3" in (out / "fakeembed-v2.html").read_text(encoding="utf-8")
    clean = copy_project(tmp_path / "clean", data=root / "data")
    build_site(clean, "-D", "bibtex_bibfiles=", "-t", "fake")
    assert page == (clean / "_build" / "html" / "papers" / "fakeembed.html").read_text(encoding="utf-8")


def test_only_the_generated_tables_may_pass_html_through(tmp_path):
    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    about = root / "docs" / "about.md"
    about.write_text(about.read_text(encoding="utf-8") + "\n```{catalogue-html}\n<script>alert(1)</script>\n```\n", encoding="utf-8")
    status, warnings, out = build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    assert status != 0 and "catalogue-html holds the generator's tables and lists" in warnings
    assert "<script>alert(1)</script>" not in (out / "about.html").read_text(encoding="utf-8")
    assert '<table class="docutils align-default">' in (out / "papers" / "all.html").read_text(encoding="utf-8")


def test_place_links_are_found_again_whatever_the_variant_is_called():
    from catalogue.sphinx_ext.places import place_link, with_places
    variant = 'A "v" <b> & 1'
    page = f"<td>{place_link('../leaderboards/b.html', 'b', variant, (1, 4))}</td>"
    assert "<b>" not in page
    patched = with_places(page, "p", {("p", "b", variant): (2, 5)})
    assert patched == f"<td>{place_link('../leaderboards/b.html', 'b', variant, (2, 5))}</td>" and ">2nd of 5</a>" in patched
    assert ">–</a>" in with_places(page, "p", {})


def test_a_build_with_another_builder_between_leaves_the_places_to_the_next_html_build(tmp_path):
    """linkcheck shares the html build's environment; a result added before it still moves the
    places in the HTML afterwards."""
    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    _add_a_leading_result(root)
    build_main(["-q", "-b", "text", "-d", str(root / "_build" / "doctrees"), "-D", "bibtex_bibfiles=", "-t", "fake",
                str(root / "docs"), str(root / "_build" / "text")])
    build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    assert "2nd of 3" in (root / "_build" / "html" / "papers" / "fakeembed.html").read_text(encoding="utf-8")


def test_a_page_written_before_place_links_had_their_form_is_written_again(tmp_path):
    """Where the HTML holds no place link to patch (a page written by an older version),
    it is removed, so Sphinx writes it again with the places of this build."""
    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    page = root / "_build" / "html" / "papers" / "fakeembed.html"
    old = re.sub(r'<a class="catalogue-place" [^>]*>([^<]*)</a>', r'<a class="reference internal">\1</a>', page.read_text(encoding="utf-8"))
    page.write_text(old, encoding="utf-8")
    _add_a_leading_result(root)
    build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    assert "2nd of 3" in page.read_text(encoding="utf-8") and 'class="catalogue-place"' in page.read_text(encoding="utf-8")


def test_the_build_publishes_the_data_exports(real_site):
    out = real_site[2]
    data = json.loads((out / "catalogue.json").read_text(encoding="utf-8"))
    catalogue = load_catalogue(PROJECT)
    assert len(data["papers"]) == len(catalogue.papers)
    rows = (out / "catalogue.csv").read_text(encoding="utf-8").splitlines()
    assert rows[0].startswith("slug,short_name,title") and len(rows) >= len(catalogue.papers) + 1


def test_files_that_are_not_pages_are_published_and_linked_from_about(real_site):
    out = real_site[2]
    about = (out / "about.html").read_text(encoding="utf-8")
    for name in ("catalogue.json", "catalogue.csv", "awesome-list.md", "feed.atom", "entry.schema.json"):
        assert (out / name).is_file() and (out / name).stat().st_size > 1000, name
        assert f'href="{name}"' in about, name
    assert (out / "entry.schema.json").read_text(encoding="utf-8") == (PROJECT / "data" / "entry.schema.json").read_text(encoding="utf-8")


def test_every_page_describes_itself_and_advertises_the_feed(real_site):
    out = real_site[2]
    pages = [p for p in out.rglob("*.html") if not p.relative_to(out).as_posix().startswith(("_", "pagefind/"))
             and not p.name.endswith(".rows.html")]  # a long table's other rows, loaded into its page
    for page in pages:
        html = page.read_text(encoding="utf-8")
        assert html.count('<meta name="description"') == 1, page
        assert html.count('<meta property="og:title"') == 1 and html.count('<meta property="og:description"') == 1, page
        assert 'property="og:url"' not in html, page  # only an absolute address will do, and this build has none
        assert re.search(r'<link rel="alternate" type="application/atom\+xml" [^>]*href="(/|(\.\./)*)feed\.atom"', html), page
    vlm2vec = (out / "papers" / "vlm2vec.html").read_text(encoding="utf-8")
    first = " ".join(load_catalogue(PROJECT).by_slug["vlm2vec"].summary.split()).split(". ")[0] + "."
    assert f'<meta property="og:description" content="{first}" />' in vlm2vec


def test_a_page_is_described_by_its_opening_paragraphs_not_its_notes():
    from docutils.core import publish_doctree

    from catalogue.sphinx_ext.head import DESCRIPTION_LENGTH, page_description
    doctree = publish_doctree(".. comment\n\nTitle\n=====\n\n.. note:: Not this.\n\nFirst words.\n\n- Then *a* list.\n")
    assert page_description(doctree) == "First words. Then a list."
    long = publish_doctree(" ".join(f"word{i}," for i in range(100)))
    text = page_description(long)
    assert len(text) <= DESCRIPTION_LENGTH + 1 and re.fullmatch(r"word0, word1, (word\d+, )*word\d+…", text)


def test_the_feed_lists_every_addition(real_site):
    import feedparser
    feed = feedparser.parse((real_site[2] / "feed.atom").read_bytes())
    assert not feed.bozo
    added = [p for p in load_catalogue(PROJECT).papers if p.added]
    assert {e.link.rsplit("/", 1)[-1] for e in feed.entries} == {f"{p.slug}.html" for p in added}
    new = (real_site[2] / "papers" / "new.html").read_text(encoding="utf-8")
    for paper in added:
        assert f'href="{paper.slug}.html"' in new, paper.slug


def test_404_page_links_work_from_any_depth(real_site):
    page = (real_site[2] / "404.html").read_text(encoding="utf-8")
    assert "Page not found" in page
    for href in ("/papers/all.html", "/papers/leaderboards/index.html", "/index.html"):
        assert f'href="{href}"' in page, href  # absolute paths: the page is served for any missing address


def test_sitemap_lists_every_page_where_the_site_address_is_known(tmp_path, monkeypatch):
    import xml.etree.ElementTree as ET
    monkeypatch.setenv("READTHEDOCS_CANONICAL_URL", "https://example.org/en/latest/")
    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    _, warnings, out = build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")  # the landing page's citations miss
    assert "[sitemap." not in warnings, warnings
    urls = {loc.text for loc in ET.parse(out / "sitemap.xml").getroot().iter("{http://www.sitemaps.org/schemas/sitemap/0.9}loc")}
    for paper in load_catalogue(root).papers:
        assert f"https://example.org/en/latest/papers/{paper.slug}.html" in urls
    assert "https://example.org/en/latest/papers/all.html" in urls
    page = (out / "papers" / "fakeembed.html").read_text(encoding="utf-8")
    assert '<meta property="og:url" content="https://example.org/en/latest/papers/fakeembed.html" />' in page


def test_a_rebuild_with_no_change_leaves_exports_and_search_index_alone(tmp_path):
    from catalogue.search import shard_of
    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    out = root / "_build" / "html"
    shard = out / "pagefind" / shard_of("papers/fakeembed.html", True, 1) / "pagefind-entry.json"
    files = [out / "catalogue.json", out / "feed.atom", shard, out / "pagefind" / "pagefind-entry.json"]
    before = [f.stat().st_mtime_ns for f in files]
    build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    assert [f.stat().st_mtime_ns for f in files] == before
    path = root / "data/papers/fakeembed.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("This fake paper", "This made-up paper"), encoding="utf-8")
    build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    # The exports and the edited page's shard of the index are redone; the main index is not.
    assert [f.stat().st_mtime_ns != b for f, b in zip(files, before, strict=True)] == [True, True, True, False]
    assert "This made-up paper" in (out / "catalogue.json").read_text(encoding="utf-8")


def test_pages_whose_doctrees_are_not_kept_in_memory_are_written_from_disk(tmp_path, monkeypatch):
    from catalogue.sphinx_ext import memory
    monkeypatch.setattr(memory, "MAX_CACHED_DOCTREES", 1)
    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    out = root / "_build" / "html"
    for paper in load_catalogue(root).papers:
        page = (out / "papers" / f"{paper.slug}.html").read_text(encoding="utf-8")
        assert paper.summary.split()[0] in page and 'id="cite"' in page, paper.slug  # the whole page, from its pickle


def test_sphinx_design_transforms_skip_generated_pages_only(tmp_path):
    # A dropdown on a hand-written page still becomes one; on a page of the generated folder
    # sphinx-design's post-transforms do not run (generated pages use only plain badges).
    (tmp_path / "papers").mkdir()
    (tmp_path / "conf.py").write_text(
        'extensions = ["myst_parser", "sphinx_design"]\n'
        "def setup(app):\n"
        "    from catalogue.sphinx_ext.theme import skip_design_transforms_on_generated_pages\n"
        '    app.connect("builder-inited", skip_design_transforms_on_generated_pages)\n', encoding="utf-8")
    dropdown = "```{dropdown} More\nHidden text\n```\n"
    (tmp_path / "index.md").write_text(f"# Home\n\n{dropdown}\n```{{toctree}}\npapers/x\n```\n", encoding="utf-8")
    (tmp_path / "papers" / "x.md").write_text(f"# X\n\n{dropdown}\n{{bdg-primary}}`2024`\n", encoding="utf-8")
    assert build_main(["-q", "-b", "html", str(tmp_path), str(tmp_path / "out")]) == 0
    assert '<details class="sd-sphinx-override sd-dropdown' in (tmp_path / "out" / "index.html").read_text(encoding="utf-8")
    generated = (tmp_path / "out" / "papers" / "x.html").read_text(encoding="utf-8")
    assert "<details" not in generated and "sd-badge sd-bg-primary" in generated


def test_generated_templates_use_no_sphinx_design_directive():
    # What makes skipping sphinx-design's post-transforms on generated pages safe.
    for template in (PROJECT / "scripts" / "catalogue" / "templates").glob("*.j2"):
        text = template.read_text(encoding="utf-8")
        assert not re.search(r"\{(dropdown|tab-set|tab-item|aside|button-ref|bdg-ref|grid|card)[^}]*\}", text), template.name


def test_the_build_process_leaves_its_objects_to_the_system_at_exit_and_collects_until_then():
    """sphinx_ext.memory freezes the garbage collector at exit (Python's last collections cost 0.7 s of
    an edit at N=1,000); a process that runs many builds, like this one, still collects."""
    import gc
    import subprocess
    import sys

    import catalogue.sphinx_ext  # noqa: F401 - imported by these tests' builds anyway

    assert gc.isenabled() and gc.get_freeze_count() == 0
    # Handlers run last-registered first: this one, registered before the import, runs after the extension's.
    script = ("import atexit, gc\n"
              "atexit.register(lambda: print('frozen at exit:', gc.get_freeze_count() > 0))\n"
              "import catalogue.sphinx_ext\n"
              "print('frozen before exit:', gc.get_freeze_count() > 0)\n")
    run = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, timeout=120,
                         env={"PYTHONPATH": str(PROJECT / "scripts")})
    assert run.stdout.splitlines() == ["frozen before exit: False", "frozen at exit: True"], run.stderr


def test_what_exists_before_an_environment_loads_and_the_environment_are_frozen_while_the_build_runs_only(tmp_path, monkeypatch):
    import gc

    from sphinx.environment import BuildEnvironment

    from catalogue.sphinx_ext import build
    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    frozen, generate = [], build.generate_pages
    monkeypatch.setattr(build, "generate_pages", lambda app: (frozen.append((gc.get_freeze_count(), gc.isenabled())),
                                                             generate(app)))
    collecting_while_loading, setstate = [], BuildEnvironment.__setstate__
    monkeypatch.setattr(BuildEnvironment, "__setstate__",
                        lambda env, state: (collecting_while_loading.append((gc.isenabled(), gc.get_freeze_count())),
                                                       setstate(env, state)))
    build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    before = gc.get_freeze_count()
    build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    assert frozen[0] == (0, True)  # a full build has no environment to load: left as it was
    [(collecting, frozen_before_loading)] = collecting_while_loading
    assert not collecting and frozen_before_loading > 10_000  # paused while the environment is unpickled; the modules frozen
    assert frozen[1][0] > frozen_before_loading and frozen[1][1]  # and then the environment too; collecting again
    assert gc.get_freeze_count() == before == 0 and gc.isenabled()  # free again once the build ended
    bad = root / "data" / "papers" / "fakeembed.yaml"
    bad.write_text(bad.read_text(encoding="utf-8").replace("title:", "titel:", 1), encoding="utf-8")
    status, _, _ = build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    assert status == 2 and frozen[2][0] > 10_000 and gc.get_freeze_count() == 0 and gc.isenabled()  # after a stopped build too


def test_reading_freezes_what_it_read_at_each_checkpoint_and_writing_starts_unfrozen(tmp_path, monkeypatch):
    import gc

    from catalogue.sphinx_ext import guard, memory, outputs
    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    monkeypatch.setattr(memory, "PAGES_BETWEEN_CHECKPOINTS", 4)
    reading, writing = [], []
    check, note = guard.check_paper_page, outputs.note_written
    monkeypatch.setattr(guard, "check_paper_page", lambda app, doctree: (reading.append(gc.get_freeze_count()),
                                                                               check(app, doctree)))
    monkeypatch.setattr(outputs, "note_written", lambda app, doctree, doc: (writing.append(gc.get_freeze_count()),
                                                                                note(app, doctree, doc)))
    build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")  # warns of the citations it leaves out
    assert len(reading) > 8 and reading[:4] == [0, 0, 0, 0]  # a full build: nothing frozen before the first checkpoint
    assert reading[4] > 10_000 and reading[8] > reading[4]  # then what was read, more at each checkpoint
    assert writing and set(writing) == {0}  # written doctrees can be freed
    assert gc.get_freeze_count() == 0


def test_every_author_links_to_their_entry_on_an_author_page(real_site):
    from urllib.parse import unquote
    out = real_site[2]
    catalogue = load_catalogue(PROJECT)
    checked = 0
    for paper in catalogue.papers:
        page = (out / "papers" / f"{paper.slug}.html").read_text(encoding="utf-8")
        links = re.findall(r'href="(authors/[a-z]+\.html)#([^"]+)"', page)
        assert len(links) == len(paper.authors), paper.slug
        for target, anchor in links:
            author_page = (out / "papers" / target).read_text(encoding="utf-8")
            opening = f'<section class="catalogue-author" id="{unquote(anchor)}">'
            assert author_page.count(opening) == 1, (paper.slug, target, anchor)
            section = author_page.split(opening, 1)[1].split("</section>", 1)[0]
            assert f'href="../{paper.slug}.html"' in section, (paper.slug, anchor)  # and the entry lists this paper
            checked += 1
    assert checked > 1000


HOSTILE_VARIANTS = ["Probe (run #2)", "Probe: {role}`x` $x$ | % not a comment", "Probe <b>*x*</b> [a](b) \\", "# Probe ```"]


def test_no_variant_source_table_or_benchmark_name_can_make_a_generated_page_warn(tmp_path):
    """Hostile values the validator accepts (each leading a board, so it lands in the chart's
    alt text and axis too) build strictly with no warning on a generated page."""
    root = copy_project(tmp_path, data=PROJECT / "tests" / "data")
    benchmarks = (root / "data/benchmarks.yaml").read_text(encoding="utf-8")
    (root / "data/benchmarks.yaml").write_text(benchmarks.replace("name: Alpha Bench\n", "name: \"$\\\\frac{1}{$ #2: {x}\"\n", 1),
                                               encoding="utf-8")
    results = [dict(benchmark=board, variant=variant, size=9, score=90.0 - i, source_kind="authors",
                    table=f"Table #{i}: {{x}} | `y` $z$", source=f"https://example.org/v2?run=#{i}&x=%41")
               for i, variant in enumerate(HOSTILE_VARIANTS) for board in ("alpha-bench", "alpha-bench-unseen")]
    _write_entry(root, lambda e: e.update(results=results), name="fakeembed-v2.yaml")
    status, warnings, out = build_site(root, "-D", "bibtex_bibfiles=", "-t", "fake")
    assert "docs/papers/" not in warnings, warnings
    board = (out / "papers/leaderboards/alpha-bench.html").read_text(encoding="utf-8")
    assert 'alt="Scatter chart of' in board and "the highest is Probe (run #2) at 90.0." in board
    svg = (out / "_images/alpha-bench.svg").read_text(encoding="utf-8")
    assert "$\\frac{1}{$ #2: {x} overall score" in svg  # drawn as written, not as mathtext


def test_a_stopped_build_reads_each_data_file_once_for_its_line_numbers(tmp_path, monkeypatch):

    from catalogue.model import Problem
    from catalogue.sphinx_ext import build
    (tmp_path / "data/papers").mkdir(parents=True)
    (tmp_path / "data/papers/x.yaml").write_text("title: x\n" + "".join(f"k{i}: 1\n" for i in range(60)), encoding="utf-8")
    reads = []
    real = Path.read_text
    monkeypatch.setattr(Path, "read_text", lambda self, *a, **k: reads.append(self) or real(self, *a, **k))
    located = []
    monkeypatch.setattr(build.logger, "error", lambda *args, location=None, **k: located.append(location))
    problems = [Problem("data/papers/x.yaml", f"k{i}", "unknown field") for i in range(60)]
    with pytest.raises(SystemExit):
        build.stop(tmp_path, problems, "while reading the data")
    assert reads == [tmp_path / "data/papers/x.yaml"]
    assert located[:60] == [f"data/papers/x.yaml:{i + 2}" for i in range(60)]


def test_a_long_table_carries_its_first_rows_and_its_other_rows_sit_beside_it(real_site):
    """render._table: the page has FIRST_ROWS rows, the rows file the others, in catalogue order."""
    from catalogue.render import FIRST_ROWS
    out = real_site[2]
    catalogue = load_catalogue(PROJECT)
    page = (out / "papers" / "all.html").read_text(encoding="utf-8")
    rest = (out / "papers" / "all.rows.html").read_text(encoding="utf-8")
    link = re.compile(r'<td><p><input [^>]*> <a class="reference internal" href="([^"]+)\.html">')
    assert link.findall(page) + link.findall(rest) == [p.slug for p in catalogue.papers]
    assert len(link.findall(page)) == FIRST_ROWS
    assert f'data-rest="all.rows.html" data-total="{len(catalogue.papers)}"' in page


def test_list_pages_are_found_by_their_title_not_by_the_papers_they_list(real_site):
    """The lists and tables of year, topic and board pages are left out of the index (each
    paper has its own page); their headings and introductions are in it."""
    out = real_site[2]
    for page in ("papers/years/2025.html", "papers/topics/reranking.html", "papers/leaderboards/mmeb-v2.html"):
        html = (out / page).read_text(encoding="utf-8")
        body = html[html.index("data-pagefind-body"):]
        assert re.search(r'<ul class="simple" data-pagefind-ignore="all">|<div class="table-wrapper[^"]*" data-pagefind-ignore="all"', body), page
        assert "<h1>" in body, page
