"""Run the search query set (tests/search/queries.yaml) in headless Chromium against a built site.

    python scripts/search_eval.py [docs/_build/html]

prints Recall@5, MRR and the share of paper queries answered first by a paper page, by kind
of query, and the bytes the browser downloads for the first query. tests/test_browser.py holds
the site to the targets with the same functions.
"""

import argparse
import contextlib
import functools
import gzip
import http.server
import io
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parents[1]
QUERIES = ROOT / "tests" / "search" / "queries.yaml"
CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--no-first-run"]
LIST_PAGES = ("papers/years/", "papers/topics/", "papers/leaderboards/", "papers/all")


@dataclass(frozen=True)
class Query:
    kind: str
    query: str
    expect: tuple[str, ...]  # page paths without .html, e.g. papers/vlm2vec, papers/topics/reranking


def load_queries(path: Path = QUERIES) -> list[Query]:
    return [Query(q["kind"], q["query"], tuple(f"papers/{e}" for e in q["expect"])) for q in yaml.safe_load(path.read_text())]


def page_path(url: str, base_url: str) -> str:
    """'http://host/papers/vlm2vec.html#summary' -> 'papers/vlm2vec'."""
    path = url.removeprefix(base_url.rstrip("/") + "/").split("#")[0].split("?")[0]
    return path.removesuffix(".html").removesuffix("/index") or "index"


def results(page, query: str) -> list[str]:
    """The result pages, in order, that the site's search page shows for a query: the
    catalogue's own results list, or Sphinx's (to measure a build that still uses it)."""
    page.goto(f"/search.html?q={query}")
    base_url = page.evaluate("document.baseURI").split("/search.html")[0]
    ours = "#search-results[data-state=done]"
    page.locator(f"{ours}, #search-results .search-summary").first.wait_for(state="attached", timeout=30_000)
    if page.locator(ours).count():
        links = page.locator("#search-results a.catalogue-result-name")
    else:  # Sphinx adds results one by one, then retitles its list
        page.locator("#search-results h2", has_text="Search Results").wait_for(timeout=30_000)
        links = page.locator("#search-results ul.search li > a")
    return [page_path(url, base_url) for url in links.evaluate_all("links => links.map(a => a.href)")]


def is_list_page(path: str) -> bool:
    return path.startswith(LIST_PAGES) or not path.startswith("papers/")


@dataclass
class Score:
    queries: int = 0
    hits: int = 0  # an expected page among the first five
    reciprocal_ranks: float = 0.0
    paper_queries: int = 0
    paper_first: int = 0  # queries for a paper that a paper page answers first

    def add(self, query: Query, found: list[str]) -> None:
        self.queries += 1
        ranks = [found.index(e) + 1 for e in query.expect if e in found]
        first = min(ranks, default=0)
        self.hits += 0 < first <= 5
        self.reciprocal_ranks += 1 / first if first else 0.0
        if not any(is_list_page(e) for e in query.expect):
            self.paper_queries += 1
            self.paper_first += bool(found) and not is_list_page(found[0])

    @property
    def recall_at_5(self) -> float:
        return self.hits / self.queries

    @property
    def mrr(self) -> float:
        return self.reciprocal_ranks / self.queries


def evaluate(page, queries: list[Query]) -> tuple[Score, dict[str, Score], list[tuple[Query, list[str]]]]:
    """The overall score, the score by kind of query, and the queries not answered first."""
    overall, by_kind, misses = Score(), {}, []
    for query in queries:
        found = results(page, query.query)
        overall.add(query, found)
        by_kind.setdefault(query.kind, Score()).add(query, found)
        if not found or found[0] not in query.expect:
            misses.append((query, found[:5]))
    return overall, by_kind, misses


def first_query_bytes(browser, base_url: str, query: str = "vlm2vec") -> int:
    """Bytes the browser downloads (as sent: compressed where the server compresses) for the
    search machinery and index when a reader's first query runs from the search page (the
    page's own HTML, CSS and fonts excluded)."""
    context = browser.new_context(base_url=base_url)
    page = context.new_page()
    sizes: dict[str, int] = {}

    def record(request):
        url = request.url
        if "/pagefind/" in url or "searchindex" in url or "searchtools" in url or "search.js" in url:
            sizes[url] = request.sizes()["responseBodySize"]

    page.on("requestfinished", record)
    results(page, query)
    context.close()
    return sum(sizes.values())


def serve(site: Path):
    """The site on localhost, text compressed as Read the Docs sends it (gzip), so what is
    measured is what a reader downloads."""
    handler = functools.partial(_QuietHandler, directory=str(site))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_address[1]}"


COMPRESSED = (".html", ".js", ".css", ".json", ".svg", ".txt", ".xml", ".atom", ".csv", ".bib", ".md")


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args) -> None:
        pass

    def send_head(self):
        path = Path(self.translate_path(self.path))
        if "gzip" not in self.headers.get("Accept-Encoding", "") or path.suffix not in COMPRESSED or not path.is_file():
            return super().send_head()
        body = gzip.compress(path.read_bytes(), 6)
        self.send_response(200)
        self.send_header("Content-Type", self.guess_type(str(path)))
        self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)


@contextlib.contextmanager
def site_in_chromium(site: Path):
    """(browser, base URL): Debian's Chromium and the built site served on localhost."""
    from playwright.sync_api import sync_playwright

    server, url = serve(site)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
            try:
                yield browser, url
            finally:
                browser.close()
    finally:
        server.shutdown()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("site", nargs="?", type=Path, default=ROOT / "docs" / "_build" / "html")
    args = parser.parse_args()
    with site_in_chromium(args.site) as (browser, url):
        overall, by_kind, misses = evaluate(browser.new_context(base_url=url).new_page(), load_queries())
        downloaded = first_query_bytes(browser, url)
    print(f"{'kind':28} {'queries':>7} {'R@5':>6} {'MRR':>6} {'paper 1st':>9}")
    for kind, score in [*by_kind.items(), ("all", overall)]:
        first = f"{score.paper_first}/{score.paper_queries}" if score.paper_queries else "-"
        print(f"{kind:28} {score.queries:7} {score.recall_at_5:6.3f} {score.mrr:6.3f} {first:>9}")
    print(f"first query downloads {downloaded / 1024:.1f} KiB of search code and index")
    for query, found in misses:
        where = "missed" if not any(e in found for e in query.expect) else "not first"
        print(f"{where}: {query.query!r} expected {query.expect[0]}, got {found}")


if __name__ == "__main__":
    main()
