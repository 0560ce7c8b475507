"""The built site in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Outside CI these skip when Chromium is missing; with CI set they fail instead, so they can
never be skipped silently where it matters.
"""

import json
import os
import re
from pathlib import Path

import pytest

import search_eval
from catalogue.bibtex import citation_keys, to_bibtex
from catalogue.render import FIRST_ROWS
from catalogue.validate import load_catalogue
from conftest import PROJECT

CHROMIUM = search_eval.CHROMIUM
pytestmark = pytest.mark.browser

if not os.path.exists(CHROMIUM):
    if os.environ.get("CI"):
        raise RuntimeError("CI must run the browser tests: install Debian's chromium (see .ci/run)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=search_eval.CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(base_url=site_url)
    yield context.new_page()
    context.close()


def test_search_query_set_meets_its_targets(page):
    """tests/search/queries.yaml, run as a reader would: Recall@5 >= 0.97, MRR >= 0.9, and
    every query for a paper answered first by a paper page, not a list."""
    overall, by_kind, misses = search_eval.evaluate(page, search_eval.load_queries())
    report = [(q.query, found) for q, found in misses]
    assert overall.queries >= 60
    assert overall.recall_at_5 >= 0.97, report
    assert overall.mrr >= 0.9, report
    assert overall.paper_first == overall.paper_queries, report


def test_search_result_shows_name_title_year_venue_and_what_matched(page):
    page.goto("/search.html?q=smart batch mining")
    expect(page.locator("#search-results")).to_have_attribute("data-state", "done", timeout=30_000)
    first = page.locator("#search-results .catalogue-result").first
    expect(first.locator(".catalogue-result-name")).to_have_text("B3")
    expect(first.locator(".catalogue-result-title")).to_have_text("Breaking the Batch Barrier (B3) of Contrastive Learning via Smart Batch Mining")
    expect(first.locator(".catalogue-result-where")).to_contain_text("2025")
    expect(first.locator(".catalogue-result-excerpt mark").first).to_be_visible()
    expect(page.get_by_role("heading", level=1)).to_have_text("Search the catalogue")
    expect(page.locator("#catalogue-search-query")).to_have_value("smart batch mining")


def test_search_page_without_a_query_offers_the_box_and_all_papers(page):
    page.goto("/search.html")
    expect(page.locator("#search-results")).to_have_attribute("data-state", "done", timeout=30_000)
    expect(page.get_by_label("Short name, title words, author, backbone or topic")).to_be_visible()
    expect(page.locator("#search-results .catalogue-result")).to_have_count(0)
    expect(page.locator(".catalogue-search-from-disk")).to_be_hidden()  # served, so no word about serving it
    page.get_by_label("Short name, title words, author, backbone or topic").fill("LamRA")
    page.keyboard.press("Enter")
    expect(page.locator(".catalogue-result-name").first).to_have_text("LamRA", timeout=30_000)


def test_a_name_spelt_another_way_finds_its_paper_first(page):
    for query, name in (("jina v4", "jina-embeddings-v4"), ("vlm2vec v2", "VLM2Vec-V2"), ("colqwen 2", "ColQwen2 / ColQwen2.5")):
        page.goto(f"/search.html?q={query}")
        expect(page.locator("#search-results")).to_have_attribute("data-state", "done", timeout=30_000)
        expect(page.locator(".catalogue-result-name").first).to_have_text(name)
        assert page.locator(".catalogue-result-name").all_inner_texts().count(name) == 1  # listed once


def test_a_topic_or_board_named_exactly_comes_first_and_only_once(page):
    page.goto("/search.html?q=MMEB-V2")
    expect(page.locator("#search-results")).to_have_attribute("data-state", "done", timeout=30_000)
    first = page.locator(".catalogue-result-name").first
    expect(first).to_have_text("MMEB-V2")
    assert first.get_attribute("href").endswith("/papers/leaderboards/mmeb-v2.html")
    hrefs = [a.get_attribute("href") for a in page.locator(".catalogue-result-name").all()]
    assert sum(h.endswith("/papers/leaderboards/mmeb-v2.html") for h in hrefs) == 1


def test_results_beyond_the_first_ten_are_shown_on_request(page):
    page.goto("/search.html?q=retrieval")
    expect(page.locator("#search-results")).to_have_attribute("data-state", "done", timeout=30_000)
    results = page.locator(".catalogue-result")
    expect(results).to_have_count(10)
    summary = page.locator(".catalogue-search-summary").inner_text()
    total = int(re.match(r"(\d+) pages match", summary)[1])
    assert total > 20 and "the first 10 are shown" in summary
    page.get_by_role("button", name="Show 10 more").click()
    expect(results).to_have_count(20)
    expect(page.locator(".catalogue-search-summary")).to_contain_text("the first 20 are shown")
    hrefs = [a.get_attribute("href") for a in page.locator(".catalogue-result-name").all()]
    assert len(set(hrefs)) == 20  # the next ten, not the same ones again


def test_search_opened_from_disk_says_how_to_serve_the_folder(browser, real_site):
    context = browser.new_context()
    page = context.new_page()
    page.goto((real_site[2] / "search.html").as_uri() + "?q=VLM2Vec")
    message = page.locator(".catalogue-search-from-disk")
    expect(message).to_contain_text("python3 -m http.server -d docs/_build/html", timeout=30_000)
    expect(message).to_be_visible()
    context.close()


def _visible_names(page, table="#all-papers table"):
    cells = page.locator(f"{table} tbody tr:not([hidden]) td:first-child a")
    return cells.all_inner_texts()


def settled(page):
    """A long table's change waits for its other rows (catalogue.js: data-busy while it does)."""
    expect(page.locator(".table-wrapper[data-busy]")).to_have_count(0)


def test_all_papers_filters_narrow_the_table(page):
    catalogue = load_catalogue(PROJECT)
    total = len(catalogue.papers)
    assert total > FIRST_ROWS  # the page carries the first rows; filters reach the others too
    page.goto("/papers/all.html")
    rows = page.locator("#all-papers table tbody tr")
    assert rows.count() == FIRST_ROWS
    count = page.locator(".catalogue-count").first
    expect(count).to_have_text(f"{total} of {total} papers, the first {FIRST_ROWS} shown")
    page.get_by_label("Year", exact=True).select_option("2026")
    settled(page)
    visible = page.locator("#all-papers table tbody tr:not([hidden])")
    from_2026 = sum(p.year == "2026" for p in catalogue.papers)
    assert visible.count() == min(from_2026, FIRST_ROWS)
    assert set(visible.locator("td:nth-child(2)").all_inner_texts()) == {"2026"}
    expect(count).to_contain_text(f"{from_2026} of {total} papers")
    page.get_by_label("Topic", exact=True).select_option("Reranking")
    settled(page)
    assert all("Reranking" in t for t in visible.locator("td:nth-child(9)").all_inner_texts())
    page.get_by_label("Year", exact=True).select_option("")
    # A topic title with a comma is one option, not two.
    page.get_by_label("Topic", exact=True).select_option("Video, audio and speech benchmarks")
    settled(page)
    expected = {p.name for p in catalogue.papers if "video-audio-benchmarks" in p.topics}
    assert set(_visible_names(page)) == expected
    page.get_by_label("Topic", exact=True).select_option("")
    page.get_by_label("Code", exact=True).select_option("unreleased")
    settled(page)
    assert set(visible.locator("td:nth-child(8)").all_inner_texts()) == {"unreleased"}
    page.get_by_label("Code", exact=True).select_option("")
    page.get_by_label("Kind", exact=True).select_option("benchmark")
    settled(page)
    assert set(_visible_names(page)) == {p.name for p in catalogue.papers if p.kind == "benchmark"}
    page.get_by_label("Kind", exact=True).select_option("")
    page.get_by_label("Modality", exact=True).select_option("audio")
    settled(page)
    assert set(_visible_names(page)) == {p.name for p in catalogue.papers if "audio" in p.modalities}


def test_a_long_table_loads_its_other_rows_only_when_asked(page):
    """The page carries the newest FIRST_ROWS papers; "Show 100 more" fetches the rest once."""
    catalogue = load_catalogue(PROJECT)
    total = len(catalogue.papers)
    fetched = []
    page.on("request", lambda request: fetched.append(request.url) if "rows.html" in request.url else None)
    page.goto("/papers/all.html")
    names = page.locator("#all-papers table tbody tr td:first-child a")
    assert names.all_inner_texts() == [p.name for p in catalogue.papers[:FIRST_ROWS]] and not fetched
    more = page.locator("button.catalogue-more")
    expect(more).to_have_text(f"Show {min(FIRST_ROWS, total - FIRST_ROWS)} more")
    more.click()
    settled(page)
    shown = min(2 * FIRST_ROWS, total)
    assert names.all_inner_texts() == [p.name for p in catalogue.papers[:shown]]
    expect(page.locator(".catalogue-count").first).to_have_text(
        f"{total} of {total} papers" + (f", the first {shown} shown" if shown < total else ""))
    while more.is_visible():
        more.click()
        settled(page)
    assert names.count() == total and len(fetched) == 1


def test_without_javascript_the_table_is_plain_and_its_controls_disabled(browser, site_url):
    context = browser.new_context(base_url=site_url, java_script_enabled=False)
    page = context.new_page()
    page.goto("/papers/all.html")
    assert page.locator("#all-papers table tbody tr").count() == FIRST_ROWS
    expect(page.get_by_label("Year", exact=True)).to_be_disabled()
    expect(page.locator("button.catalogue-more")).to_be_disabled()
    expect(page.locator("input.catalogue-tick").first).to_be_disabled()
    context.close()


@pytest.mark.parametrize("path", ["/papers/all.html", "/papers/leaderboards/mmeb-v2.html", "/papers/models.html"])
def test_the_table_script_moves_nothing_on_a_phone(browser, site_url, path):
    """The controls and boxes are in the page, so enabling them shifts no layout (Lighthouse's
    CLS was 0.14 when the script inserted them)."""
    context = browser.new_context(base_url=site_url, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.add_init_script("""window.shifts = [];
        new PerformanceObserver((list) => list.getEntries().forEach((e) => window.shifts.push(e.value)))
          .observe({ type: "layout-shift", buffered: true });""")
    page.goto(path)
    expect(page.locator(".catalogue-controls select").first).to_be_enabled()
    page.wait_for_timeout(300)
    assert sum(page.evaluate("window.shifts")) < 0.01
    context.close()


def test_all_papers_shows_best_scores_and_backbones(page):
    catalogue = load_catalogue(PROJECT)
    page.goto("/papers/all.html")
    headers = page.locator("#all-papers thead th").all_inner_texts()
    assert headers == ["Paper", "Year", "Venue", "Sizes", "Backbone", "MMEB", "MMEB-V2", "Code", "Topics"]
    rzenembed = catalogue.by_slug["rzenembed"]
    page.get_by_label("Year", exact=True).select_option(rzenembed.year)  # beyond the page's first rows
    settled(page)
    row = page.locator("#all-papers tbody tr", has=page.locator("a", has_text="RzenEmbed"))
    best = max((r for r in rzenembed.results if r.benchmark == "mmeb"), key=lambda r: r.score)
    assert row.locator("td:nth-child(6)").inner_text() == f"{best.score} ({best.size:g}B)"  # the size it belongs to
    assert "Qwen2-VL" in row.locator("td:nth-child(5)").inner_text()
    page.locator("#all-papers th", has_text="MMEB-V2").click()  # "77.8 (8B)" sorts as 77.8
    settled(page)
    scores = [float(t.split(" ")[0]) for t in page.locator("#all-papers tbody td:nth-child(7)").all_inner_texts() if t != "–"]
    assert len(scores) > 5 and scores == sorted(scores)


def test_all_papers_header_stays_in_view_while_scrolling(page):
    page.set_viewport_size({"width": 1280, "height": 800})
    page.goto("/papers/all.html")
    page.mouse.wheel(0, 3000)
    page.wait_for_timeout(200)
    top = page.locator("#all-papers thead th").first.bounding_box()["y"]
    assert 0 <= top < 60, top


def test_a_phone_can_reach_every_column(browser, site_url):
    """At 390 px the table scrolls sideways under a sticky first column: every heading can be
    scrolled into view, and the paper's name stays on screen while it scrolls."""
    context = browser.new_context(base_url=site_url, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    for path, table, sticky in [("papers/all.html", "#all-papers", "td:first-child"),
                                ("papers/leaderboards/mmeb.html", "section[id^='board-']", "td:nth-child(2)")]:
        page.goto(f"/{path}")
        wrapper = page.locator(f"{table} .table-wrapper").first
        assert wrapper.evaluate("w => w.scrollWidth > w.clientWidth")  # there is more, and it scrolls
        wrapper.evaluate("w => { w.scrollLeft = w.scrollWidth; }")
        last = page.locator(f"{table} thead th").last.bounding_box()
        assert 0 <= last["x"] and last["x"] + last["width"] <= 391, last
        name = page.locator(f"{table} tbody tr {sticky}").first.bounding_box()
        assert name["x"] >= 0 and name["x"] < 40, name
        overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
        assert overflow <= 0
    context.close()


@pytest.mark.parametrize("width", [1280, 1366, 1920])
def test_all_papers_table_fits_a_desktop_window_by_design(page, width):
    """The rule, not the pixels: a fixed layout whose cells wrap anywhere cannot overflow, even
    with glyphs far wider than any font's (letter-spacing is forced up to make them so)."""
    page.set_viewport_size({"width": width, "height": 900})
    page.goto("/papers/all.html")
    page.add_style_tag(content="#all-papers table * { letter-spacing: 0.6em !important; }")
    layout, wrap, table_width, room = page.evaluate(
        "() => { const t = document.querySelector('#all-papers table'); const td = t.querySelector('td');"
        " return [getComputedStyle(t).tableLayout, getComputedStyle(td).overflowWrap,"
        " t.scrollWidth, t.closest('.table-wrapper').clientWidth]; }")
    assert (layout, wrap) == ("fixed", "anywhere")
    assert table_width <= room


def test_headings_sort_the_table(page):
    page.goto("/papers/all.html")
    page.locator("#all-papers table th", has_text="Paper").click()
    settled(page)
    names = page.locator("#all-papers table tbody tr td:first-child a").all_inner_texts()
    assert names == sorted(names, key=str.lower)
    page.locator("#all-papers table th", has_text="MMEB").first.click()  # numbers sort as numbers, blanks last
    settled(page)
    scores = [t for t in page.locator("#all-papers tbody tr td:nth-child(6)").all_inner_texts()]
    numbers = [float(t.split(" ")[0]) for t in scores if t != "–"]  # "77.8 (8B)": the score, then its size
    assert numbers == sorted(numbers) and scores[len(numbers):] == ["–"] * (len(scores) - len(numbers))


def test_a_leaderboard_ranks_filters_and_sorts(page):
    from catalogue.leaderboard import board_rows
    catalogue = load_catalogue(PROJECT)
    rows = board_rows(catalogue, catalogue.benchmarks["mmeb"])
    page.goto("/papers/leaderboards/mmeb.html")
    table = "section[id^='board-'] table"
    scores = [float(t) for t in page.locator(f"{table} tbody td:nth-child(3) strong").all_inner_texts()]
    assert scores == [row.score for row in rows] and scores == sorted(scores, reverse=True)
    # A model's other numbers (another source, another date) follow its ranked one, linked to their sources.
    cells = page.locator(f"{table} tbody td:nth-child(3)").all_inner_texts()
    with_others = [(cell, row) for cell, row in zip(cells, rows, strict=True) if row.others]
    assert with_others and all(cell.count(" · ") == len(row.others) for cell, row in with_others)
    page.locator(f"{table} th", has_text="Score").click()  # ascending: sorted by the ranked number, not the others
    ascending = [float(t) for t in page.locator(f"{table} tbody td:nth-child(3) strong").all_inner_texts()]
    assert ascending == sorted(scores)
    page.locator(f"{table} th", has_text="Score").click()
    expect(page.locator(".catalogue-count")).to_have_text(f"{len(rows)} of {len(rows)} results")
    page.get_by_label("Size", exact=True).select_option("< 3B")
    visible = page.locator(f"{table} tbody tr:not([hidden]) td:nth-child(4)").all_inner_texts()
    assert visible and all(float(t.rstrip("B")) < 3 for t in visible)
    page.get_by_label("Size", exact=True).select_option("")
    page.get_by_label("Source", exact=True).select_option("later paper")
    sources = page.locator(f"{table} tbody tr:not([hidden]) td:last-child").all_inner_texts()
    assert sources and all(s.startswith("later paper") for s in sources)
    page.get_by_label("Source", exact=True).select_option("")
    page.get_by_label("Setting", exact=True).select_option("zero-shot")
    zero = {row.result.variant for row in rows if row.result.zero_shot}
    assert set(page.locator(f"{table} tbody tr:not([hidden]) td:nth-child(2) a").all_inner_texts()) == zero
    page.get_by_label("Setting", exact=True).select_option("")
    page.locator(f"{table} th", has_text="Size").click()
    sizes = [t for t in page.locator(f"{table} tbody td:nth-child(4)").all_inner_texts()]
    numbers = [float(t.rstrip("B")) for t in sizes if t != "–"]
    assert numbers == sorted(numbers)


def test_a_leaderboard_chart_shows_with_its_caption_and_alt_text(page):
    """Two charts: score over time, and score against size with the best model at each size."""
    from catalogue.chart import pareto_front
    from catalogue.leaderboard import board_rows
    page.goto("/papers/leaderboards/mmeb.html")
    over_time, over_size = page.locator("figure.catalogue-chart").all()
    for figure in (over_time, over_size):
        image = figure.locator("img")
        expect(image).to_be_visible()
        assert image.evaluate("img => img.complete && img.naturalWidth > 0")
        assert image.get_attribute("alt").startswith("Scatter chart of ")
    expect(over_time.locator("figcaption")).to_contain_text("the month each paper first appeared")
    expect(over_size.locator("figcaption")).to_contain_text("Pareto front")
    catalogue = load_catalogue(PROJECT)
    front = pareto_front(board_rows(catalogue, catalogue.benchmarks["mmeb"]))
    assert front and all(row.result.variant in over_size.locator("img").get_attribute("alt") for row in front)



def test_copy_button_copies_exactly_the_bibtex(browser, site_url):
    context = browser.new_context(base_url=site_url, permissions=["clipboard-read", "clipboard-write"])
    page = context.new_page()
    page.goto("/papers/vlm2vec.html")
    block = page.locator("div.highlight-bibtex")
    block.hover()
    block.locator("button.copybtn").click()
    copied = page.evaluate("navigator.clipboard.readText()")
    catalogue = load_catalogue(PROJECT)
    paper = catalogue.by_slug["vlm2vec"]
    expected = to_bibtex(paper, citation_keys(catalogue.papers)["vlm2vec"], ("jiang2024vlm2vec",))  # with its old key
    assert copied.strip() == expected.strip()
    context.close()


@pytest.mark.parametrize("path", ["papers/vlm2vec.html", "papers/qwen3-vl-embedding.html", "index.html", "papers/models.html"])
def test_phone_width_has_no_horizontal_scroll(browser, site_url, path):
    context = browser.new_context(base_url=site_url, viewport={"width": 390, "height": 844}, is_mobile=True)
    page = context.new_page()
    page.goto(f"/{path}")
    overflow = page.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px"
    context.close()


def test_math_shows_as_mathml_with_no_script_and_no_request_off_the_site(browser, fake_site_url):
    context = browser.new_context(base_url=fake_site_url)
    page = context.new_page()
    requests = []
    page.on("request", lambda request: requests.append(request.url))
    page.goto("/papers/fakeembed.html")
    formula = page.locator("article math").first
    box = formula.bounding_box()
    assert box and box["width"] > 0 and box["height"] > 0  # Chromium lays MathML out natively
    assert page.evaluate("typeof window.MathJax") == "undefined"
    assert requests and all(url.startswith(fake_site_url) for url in requests), requests
    # A title full of TeX and Markdown is text: nothing on its page is a link it made.
    page.goto("/papers/weird-title.html")
    expect(page.locator("h1")).to_contain_text("$Dollars$")
    assert page.locator("article a[href^='javascript:']").count() == 0
    context.close()


@pytest.mark.parametrize("path", ["index.html", "papers/all.html", "papers/models.html", "papers/vlm2vec.html",
                                  "papers/leaderboards/mmeb.html",
                                  "papers/topics/index.html", "search.html"])
def test_no_request_a_page_makes_fails(browser, site_url, path):
    """Every stylesheet, script, image and the favicon resolve: no 404 in the reader's console."""
    context = browser.new_context(base_url=site_url)
    page = context.new_page()
    failed = []
    page.on("response", lambda response: response.status >= 400 and failed.append(f"{response.status} {response.url}"))
    page.goto(f"/{path}")
    page.wait_for_load_state("networkidle")
    assert page.locator("link[rel~='icon']").count() == 1
    assert failed == []
    context.close()


@pytest.fixture
def phone(browser, site_url):
    context = browser.new_context(base_url=site_url, viewport={"width": 390, "height": 844}, is_mobile=True)
    yield context.new_page()
    context.close()


def _on_first_screen(page, locator):
    box = locator.bounding_box()
    assert box is not None and box["y"] >= 0 and box["y"] + box["height"] <= page.viewport_size["height"], box


@pytest.mark.parametrize("path", ["/index.html", "/search.html?q=VLM2Vec"])
def test_phone_sees_search_and_all_papers_on_the_first_screen(phone, path):
    phone.goto(path)
    _on_first_screen(phone, phone.locator("form.catalogue-search input[name=q]"))
    _on_first_screen(phone, phone.get_by_role("link", name="All papers", exact=True).first)
    phone.locator("form.catalogue-search input[name=q]").fill("UniME-V2")
    phone.locator("form.catalogue-search input[name=q]").press("Enter")
    expect(phone.locator(".catalogue-result-name").first).to_have_text("UniME-V2", timeout=30_000)


def test_paper_page_says_where_the_reader_is_and_leads_on(phone):
    catalogue = load_catalogue(PROJECT)
    papers = catalogue.papers
    middle = papers[len(papers) // 2]
    phone.goto(f"/papers/{middle.slug}.html")
    trail = phone.locator(".catalogue-breadcrumb")
    _on_first_screen(phone, trail)
    expect(trail).to_contain_text(f"All papers › {middle.year} › {middle.name}")
    trail.get_by_role("link", name=middle.year, exact=True).click()
    expect(phone.get_by_role("heading", level=1)).to_contain_text(f"Papers from {middle.year}")
    phone.go_back()
    older = papers[len(papers) // 2 + 1]
    trail.get_by_role("link", name=older.name, exact=True).click()
    expect(phone).to_have_url(re.compile(rf"/papers/{re.escape(older.slug)}\.html$"))
    phone.locator(".catalogue-breadcrumb").get_by_role("link", name="All papers").click()
    expect(phone.locator("#all-papers table")).to_be_visible()


# Every kind of page, as a reader reaches it. axe-core comes inside axe-playwright-python.
PAGE_TYPES = ["/index.html", "/papers/all.html", "/papers/models.html", "/papers/vlm2vec.html", "/papers/years/2025.html",
              "/papers/topics/reranking.html", "/papers/leaderboards/mmeb.html", "/papers/leaderboards/index.html",
              "/search.html?q=VLM2Vec", "/papers/new.html", "/about.html", "/404.html"]


@pytest.fixture(scope="module")
def axe():
    from axe_playwright_python.sync_playwright import Axe
    return Axe()


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [1366, 390])
def test_no_serious_or_critical_accessibility_violations(browser, site_url, axe, width, scheme):
    context = browser.new_context(base_url=site_url, viewport={"width": width, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    found = []
    for path in PAGE_TYPES:
        page.goto(path)
        if path.startswith("/search.html"):
            expect(page.locator("#search-results")).to_have_attribute("data-state", "done", timeout=30_000)
        for violation in axe.run(page).response["violations"]:
            if violation["impact"] in ("serious", "critical"):
                found.append((path, violation["id"], [n["target"] for n in violation["nodes"]][:3]))
    context.close()
    assert not found, found


def _tab_to(page, selector: str, limit: int = 400) -> None:
    for _ in range(limit):
        page.keyboard.press("Tab")
        if page.evaluate(f"document.activeElement.matches({selector!r})"):
            return
    raise AssertionError(f"Tab never reached {selector}")


def test_copy_button_shows_without_hovering_and_rings_when_reached_with_the_keyboard(page):
    page.goto("/papers/vlm2vec.html")
    button = page.locator("div.highlight-bibtex button.copybtn")
    page.mouse.move(0, 0)  # nowhere near the block
    page.wait_for_function("getComputedStyle(document.querySelector('div.highlight-bibtex button.copybtn')).opacity === '1'",
                           timeout=5_000)
    _tab_to(page, "div.highlight-bibtex button.copybtn")
    assert button.evaluate("b => getComputedStyle(b).outlineStyle") == "solid"


def test_copy_button_is_always_shown_on_a_touch_screen(browser, site_url):
    context = browser.new_context(base_url=site_url, viewport={"width": 390, "height": 844}, is_mobile=True, has_touch=True)
    page = context.new_page()
    page.goto("/papers/vlm2vec.html")
    assert page.evaluate("matchMedia('(hover: none)').matches")
    button = page.locator("div.highlight-bibtex button.copybtn")
    page.wait_for_function("getComputedStyle(document.querySelector('div.highlight-bibtex button.copybtn')).opacity === '1'",
                           timeout=5_000)
    expect(button).to_be_visible()
    context.close()


def test_search_box_shows_a_clear_focus_ring(page):
    page.goto("/index.html")
    _tab_to(page, "form.catalogue-search input")
    style = page.evaluate("(() => { const s = getComputedStyle(document.activeElement); return [s.outlineStyle, s.outlineWidth]; })()")
    assert style == ["solid", "3px"]


def test_a_missing_address_gets_a_404_page_whose_links_work(page):
    response = page.goto("/papers/no-such-paper/deeper/page.html")
    assert response.status == 404
    expect(page.get_by_role("heading", level=1)).to_contain_text("Page not found")
    page.get_by_role("link", name="All papers", exact=True).first.click()
    expect(page.locator("#all-papers table")).to_be_visible()


def test_search_filters_narrow_results_and_stay_in_the_address(page):
    catalogue = load_catalogue(PROJECT)
    page.goto("/search.html?q=embedding")
    results = page.locator("#search-results")
    expect(results).to_have_attribute("data-state", "done", timeout=30_000)
    page.get_by_label("Year", exact=True).select_option("2024")
    expect(results).to_have_attribute("data-state", "done", timeout=30_000)
    years = page.locator(".catalogue-result-where").all_inner_texts()
    assert years and all(text.startswith("2024") for text in years), years
    expect(page).to_have_url(re.compile(r"[?&]year=2024"))
    page.get_by_label("Topic", exact=True).select_option("Reranking")
    expect(results).to_have_attribute("data-state", "done", timeout=30_000)
    names = set(page.locator(".catalogue-result-name").all_inner_texts())
    expected = {p.name for p in catalogue.papers if p.year == "2024" and "reranking" in p.topics}
    assert names and names <= expected, (names, expected)
    page.reload()  # the filters come back from the address
    expect(results).to_have_attribute("data-state", "done", timeout=30_000)
    assert page.get_by_label("Topic", exact=True).input_value() == "Reranking"


def test_search_filters_are_the_indexs_own_and_cost_a_first_query_nothing(page):
    """The filters' values and counts come with the search page (search.filter_counts): the
    same as Pagefind's, and a query downloads no shard's filter index until a filter is chosen."""
    loaded = []
    page.on("response", lambda response: loaded.append(response.url) if response.url.endswith(".pf_filter") else None)
    page.goto("/search.html?q=embedding")
    results = page.locator("#search-results")
    expect(results).to_have_attribute("data-state", "done", timeout=30_000)
    assert not loaded
    shown = json.loads(results.get_attribute("data-filters"))
    # The page's script has merged every shard into this one Pagefind instance.
    own = page.evaluate("async () => (await import(new URL(document.getElementById('search-results').dataset.pagefind,"
                        " document.baseURI).href)).filters()")
    assert shown == own and set(shown) == {"year", "topic", "code", "kind"}
    page.get_by_label("Year", exact=True).select_option("2024")
    expect(results).to_have_attribute("data-state", "done", timeout=30_000)
    assert loaded  # filtering loads them


def test_models_page_lists_each_released_model_filters_and_sorts(page):
    from catalogue.released import licence_class
    catalogue = load_catalogue(PROJECT)
    models = {m.name: (p, m) for p in catalogue.papers for m in p.models}
    page.goto("/papers/models.html")
    table = "#models table"
    while page.locator("button.catalogue-more").is_visible():  # a long table shows its first rows
        page.locator("button.catalogue-more").click()
        settled(page)
    names = page.locator(f"{table} tbody td:first-child a").all_inner_texts()
    assert sorted(names) == sorted(models)
    headers = page.locator(f"{table} thead th").all_inner_texts()
    assert headers[:7] == ["Model", "Parameters", "Dimension", "Max input", "Vectors", "Licence", "Weights"]
    assert {"MMEB", "MMEB-V2", "ViDoRe V1"} <= set(headers)
    jina = page.locator(f"{table} tbody tr", has=page.get_by_role("link", name="jina-embeddings-v4", exact=True))
    assert jina.locator("td").nth(2).inner_text() == "2048 (128–2048) · 128 per token"
    assert jina.locator("td").nth(4).inner_text() == "single-vector + multi-vector"
    jina.get_by_role("link", name="jina-embeddings-v4", exact=True).click()  # to its paper page
    expect(page).to_have_url(re.compile(r"/papers/jina-embeddings-v4\.html$"))
    page.go_back()
    visible = f"{table} tbody tr:not([hidden]) td:first-child a"
    page.get_by_label("Licence", exact=True).select_option("restricted")
    assert set(page.locator(visible).all_inner_texts()) == {n for n, (_, m) in models.items() if licence_class(m) == "restricted"}
    page.get_by_label("Licence", exact=True).select_option("")
    page.get_by_label("Vectors", exact=True).select_option("multi-vector")
    assert set(page.locator(visible).all_inner_texts()) == {n for n, (_, m) in models.items() if "multi" in m.vectors}
    page.get_by_label("Vectors", exact=True).select_option("")
    page.get_by_label("Size", exact=True).select_option("< 3B")
    shown = page.locator(f"{table} tbody tr:not([hidden]) td:nth-child(2)").all_inner_texts()
    assert shown and all(float(t.rstrip("B")) < 3 for t in shown)
    page.get_by_label("Size", exact=True).select_option("")
    page.get_by_label("Modality", exact=True).select_option("video")
    assert set(page.locator(visible).all_inner_texts()) == {n for n, (p, _) in models.items() if "video" in p.modalities}
    page.get_by_label("Modality", exact=True).select_option("")
    page.locator(f"{table} th", has_text="Parameters").click()
    sizes = [float(t.rstrip("B")) for t in page.locator(f"{table} tbody td:nth-child(2)").all_inner_texts() if t != "–"]
    assert len(sizes) > 3 and sizes == sorted(sizes)


def test_a_board_filters_by_code_and_licence(page):
    from catalogue.leaderboard import board_rows
    from catalogue.released import licence_class, model_for
    catalogue = load_catalogue(PROJECT)
    restricted = {row.result.variant for row in board_rows(catalogue, catalogue.benchmarks["vidore-v1"])
                  if (model := model_for(row.paper, row.result.variant)) and licence_class(model) == "restricted"}
    assert {"jina-embeddings-v4 (single-vector)", "jina-embeddings-v4 (multi-vector)"} <= restricted
    page.goto("/papers/leaderboards/vidore-v1.html")
    table = "section[id^='board-'] table"
    page.get_by_label("Licence", exact=True).select_option("restricted")
    assert set(page.locator(f"{table} tbody tr:not([hidden]) td:nth-child(2) a").all_inner_texts()) == restricted
    page.get_by_label("Licence", exact=True).select_option("")
    page.get_by_label("Code", exact=True).select_option("weights only")
    assert set(page.locator(f"{table} tbody tr:not([hidden]) td:nth-child(6)").all_inner_texts()) == {"weights only"}


def test_copy_as_latex_gives_the_rows_shown_and_a_bib_that_compiles(browser, site_url, tmp_path):
    """A board filtered to small models: the copied booktabs table has exactly the rows shown, each
    with a \\cite; the downloaded .bib has exactly their entries; pdflatex and bibtex resolve every key."""
    from catalogue.leaderboard import board_rows
    from test_latex import compile_table, needs_tex
    context = browser.new_context(base_url=site_url, permissions=["clipboard-read", "clipboard-write"], accept_downloads=True)
    page = context.new_page()
    page.goto("/papers/leaderboards/mmeb-v2.html")
    page.get_by_label("Size", exact=True).select_option("< 3B")
    shown = page.locator("section[id^='board-'] table tbody tr:not([hidden])")
    names = shown.locator("td:nth-child(2) a").all_inner_texts()
    catalogue = load_catalogue(PROJECT)
    assert 3 < len(names) < len(board_rows(catalogue, catalogue.benchmarks["mmeb-v2"]))
    page.get_by_role("button", name="Copy as LaTeX").click()
    expect(page.locator(".catalogue-cite-status")).to_contain_text(f"{len(names)} rows")
    table = page.evaluate("navigator.clipboard.readText()")
    assert "\\begin{tabular}" in table and "\\toprule" in table and "\\bottomrule" in table
    lines = [line for line in table.splitlines() if "\\cite{" in line]
    assert len(lines) == len(names)
    with page.expect_download() as download:
        page.get_by_role("button", name="Download .bib").click()
    assert download.value.suggested_filename == "mmeb-v2.bib"
    bib = Path(download.value.path()).read_text(encoding="utf-8")
    cited = {line.split("\\cite{")[1].split("}")[0] for line in lines}
    assert set(re.findall(r"^@\w+\{([^,]+),", bib, flags=re.M)) == cited
    context.close()
    needs_tex()
    log = compile_table(tmp_path, table, bib)
    assert "undefined" not in log.lower()


def test_ticking_two_models_on_a_board_opens_a_comparison_its_address_keeps(page):
    page.goto("/papers/leaderboards/mmeb-v2.html")
    link = page.locator("a.catalogue-compare-link")
    expect(link).to_have_attribute("aria-disabled", "true")
    page.get_by_label("Compare Qwen3-VL-Embedding-8B", exact=True).check()
    page.get_by_label("Compare GME (7B)", exact=True).check()
    expect(link).to_have_text("Compare (2)")
    link.click()
    expect(page).to_have_url(re.compile(r"/papers/compare\.html\?m=qwen3-vl-embedding%3AQwen3-VL-Embedding-8B&m=gme%3A"))
    address = page.url
    compare = page.locator("#catalogue-compare")
    expect(compare).to_have_attribute("data-state", "done")
    facts = compare.locator("table").first
    assert facts.locator("thead th").all_inner_texts()[1:] == ["Qwen3-VL-Embedding-8B\nQwen3-VL-Embedding",
                                                               "gme-Qwen2-VL-7B-Instruct\nGME"]
    assert facts.locator("tr", has=page.locator("th", has_text="Dimension")).locator("td").all_inner_texts() == ["4096", "3584"]
    board = compare.locator(".catalogue-compare-table", has=page.locator("caption", has_text="MMEB-V2 ("))
    overall = board.locator("tr", has=page.locator("th", has_text="Overall"))
    assert overall.locator("td").all_inner_texts()[1] == "57.8"
    assert overall.locator("td.catalogue-best").count() == 1 and overall.locator("td").first.locator("strong").count() == 1
    # The address alone gives the same comparison: it can be shared.
    page.goto(address)
    expect(page.locator("#catalogue-compare")).to_have_attribute("data-state", "done")
    assert page.locator("#catalogue-compare table").count() >= 2


def test_at_most_four_models_are_ticked_and_the_models_page_and_all_papers_tick_too(page):
    page.goto("/papers/models.html")
    boxes = page.locator("#models input.catalogue-tick")
    for i in range(4):
        boxes.nth(i).check()
    assert boxes.nth(4).is_disabled()
    expect(page.locator("a.catalogue-compare-link")).to_have_attribute("href", re.compile(r"compare\.html\?(m=[^&]+&){3}m=[^&]+$"))
    page.goto("/papers/all.html")  # ticks stay while the filters change what is shown
    page.get_by_label("Year", exact=True).select_option("2024")
    settled(page)
    page.get_by_label("Compare VLM2Vec", exact=True).check()
    page.get_by_label("Year", exact=True).select_option("2025")
    settled(page)
    page.get_by_label("Compare VLM2Vec-V2", exact=True).check()
    expect(page.locator("a.catalogue-compare-link")).to_have_text("Compare (2)")
    page.locator("a.catalogue-compare-link").click()
    expect(page.locator("#catalogue-compare")).to_have_attribute("data-state", "done")
    assert page.locator("#catalogue-compare caption", has_text="MMEB-V2").count() >= 1


def test_a_comparison_of_four_fits_a_phone(phone):
    phone.goto("/papers/compare.html?m=gme:gme-Qwen2-VL-2B-Instruct&m=jina-embeddings-v4:jina-embeddings-v4"
               "&m=qwen3-vl-embedding:Qwen3-VL-Embedding-2B&m=vlm2vec-v2")
    expect(phone.locator("#catalogue-compare")).to_have_attribute("data-state", "done")
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
    for table in phone.locator("#catalogue-compare table").all():
        assert table.evaluate("t => t.scrollWidth <= t.parentElement.clientWidth + 1")


def test_a_board_on_a_phone_shows_the_score_and_the_first_row_on_the_first_screen(phone):
    """At 390 px: the score column comes right after the model, its number starts at the left of
    its cell, and the first ranked row starts above the fold (measured, not assumed from a font)."""
    phone.goto("/papers/leaderboards/mmeb-v2.html")
    width, height = phone.viewport_size["width"], phone.viewport_size["height"]
    score = phone.locator("section[id^='board-'] tbody tr").first.locator("td:nth-child(3) strong").bounding_box()
    assert score["x"] >= 0 and score["x"] + score["width"] <= width, score
    first = phone.locator("section[id^='board-'] tbody tr").first.bounding_box()
    assert first["y"] < height, first
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


@pytest.mark.parametrize(("scheme", "dark"), [("light", False), ("dark", True)])
def test_a_chart_follows_the_colour_scheme(browser, site_url, tmp_path, scheme, dark):
    """The chart is drawn on white; in dark mode it shows dark, not as a white box on a dark page."""
    from PIL import Image, ImageStat
    context = browser.new_context(base_url=site_url, viewport={"width": 1000, "height": 900}, color_scheme=scheme)
    page = context.new_page()
    page.goto("/papers/leaderboards/mmeb.html")
    shot = tmp_path / "chart.png"
    for chart in page.locator(".catalogue-chart img").all():  # over time, and against size
        chart.screenshot(path=str(shot))
        brightness = ImageStat.Stat(Image.open(shot).convert("L")).mean[0]
        assert (brightness < 80) if dark else (brightness > 180), brightness
    # Furo's own switch wins over the system's setting.
    page.evaluate("document.body.dataset.theme = 'light'")
    page.locator(".catalogue-chart img").first.screenshot(path=str(shot))
    assert ImageStat.Stat(Image.open(shot).convert("L")).mean[0] > 180
    context.close()


def test_a_chart_on_a_phone_keeps_its_labels_readable(phone):
    """At 390 px a chart is shown at 80% or more of its drawn width (its text with it), scrolling
    sideways inside its figure while the page itself does not."""
    phone.goto("/papers/leaderboards/mmeb.html")
    for image in phone.locator("figure.catalogue-chart img").all():
        image.scroll_into_view_if_needed()
        shown, drawn = image.evaluate("i => [i.getBoundingClientRect().width, i.naturalWidth]")
        assert shown >= 0.8 * drawn, (shown, drawn)
    assert phone.evaluate("document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0
