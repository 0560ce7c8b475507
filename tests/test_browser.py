"""The built site in a real headless Chromium (Debian's /usr/bin/chromium, driven by Playwright).

Outside CI these skip when Chromium is missing; with CI set they fail instead, so they can
never be skipped silently where it matters.
"""

import os
import shutil

import pytest

from catalogue.bibtex import citation_keys, to_bibtex
from catalogue.validate import load_catalogue
from conftest import PROJECT

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
pytestmark = pytest.mark.browser

if not os.path.exists(CHROMIUM):
    if os.environ.get("CI"):
        raise RuntimeError("CI must run the browser tests: install Debian's chromium (see .ci/run)")
    pytest.skip("Debian's chromium is not installed", allow_module_level=True)

from playwright.sync_api import expect, sync_playwright  # noqa: E402


@pytest.fixture(scope="module")
def browser():
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=CHROMIUM,
            args=["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                  "--disable-sync", "--no-first-run"],
        )
        yield browser
        browser.close()


@pytest.fixture
def page(browser, site_url):
    context = browser.new_context(base_url=site_url)
    yield context.new_page()
    context.close()


def first_result(page, query: str) -> str:
    page.goto(f"/search.html?q={query}")
    first = page.locator("#search-results ul.search li a").first
    first.wait_for(timeout=15_000)
    return first.get_attribute("href")


@pytest.mark.parametrize(("query", "slug"), [
    ("VLM2Vec", "vlm2vec"), ("Qwen3-VL-Embedding", "qwen3-vl-embedding"), ("B3", "b3"), ("mmE5", "mme5"),
    ("e5-omni", "e5-omni"), ("VLM2Vec-V2", "vlm2vec-v2"), ("UniME-V2", "unime-v2"),
])
def test_search_finds_a_short_name_first(page, query, slug):
    assert first_result(page, query).split("?")[0].endswith(f"papers/{slug}.html")


@pytest.mark.parametrize(("query", "slug"), [
    ("Thirukovalluru", "b3"),  # an author's surname
    ("late interaction", "metaembed"),  # topic words
    ("Qwen2.5-Omni", "e5-omni"),  # a backbone
])
def test_search_finds_authors_topics_and_backbones(page, query, slug):
    page.goto(f"/search.html?q={query}")
    page.locator("#search-results ul.search li a").first.wait_for(timeout=15_000)
    hrefs = page.locator("#search-results ul.search li a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    assert any(h.split("?")[0].endswith(f"papers/{slug}.html") for h in hrefs), hrefs


def test_all_papers_filters_narrow_the_table(page):
    page.goto("/papers/all.html")
    rows = page.locator("#all-papers table tbody tr")
    total = rows.count()
    assert total == len(load_catalogue(PROJECT).papers)
    page.get_by_label("Year", exact=True).select_option("2026")
    visible = page.locator("#all-papers table tbody tr:not([hidden])")
    assert 0 < visible.count() < total
    assert set(visible.locator("td:nth-child(3)").all_inner_texts()) == {"2026"}
    page.get_by_label("Topic", exact=True).select_option("Reranking")
    assert all("Reranking" in t for t in visible.locator("td:nth-child(5)").all_inner_texts())
    expect(page.locator(".catalogue-count")).to_contain_text(f"of {total} papers")
    page.get_by_label("Year", exact=True).select_option("")
    # A topic title with a comma is one option, not two.
    page.get_by_label("Topic", exact=True).select_option("Video, audio and omni-modal")
    assert 0 < visible.count() < total
    assert all("Video, audio and omni-modal" in t for t in visible.locator("td:nth-child(5)").all_inner_texts())
    page.get_by_label("Topic", exact=True).select_option("")
    page.get_by_label("Code", exact=True).select_option("unreleased")
    assert set(visible.locator("td:nth-child(6)").all_inner_texts()) == {"unreleased"}


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
    names = page.locator("#all-papers table tbody tr td:first-child").all_inner_texts()
    assert names == sorted(names, key=str.lower)


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
    expected = to_bibtex(paper, citation_keys(catalogue.papers)["vlm2vec"])
    assert copied.strip() == expected.strip()
    context.close()


@pytest.mark.parametrize("path", ["papers/vlm2vec.html", "papers/qwen3-vl-embedding.html", "index.html"])
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
