"""Files that are not pages (the exports, the feed, the entry schema, the rows of the long
tables) and the search index, written into the build output in this one place after the
pages; and what the search index is told about each page."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from docutils import nodes
from sphinx.application import Sphinx

from .. import search
from ..export import FILES
from ..generate import GENERATED
from .build import catalogue_of, paper_for
from .head import plain_title


def use_pagefind(app: Sphinx) -> None:
    """Pagefind indexes the built pages (search.py); Sphinx's own index would only cost time."""
    if app.builder.format == "html":
        app.builder.search = False
    app.builder.catalogue_pages_written = set()  # output paths, for the search index's shards


def note_written(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    app.builder.catalogue_pages_written.add(app.builder.get_target_uri(docname))


def search_fields(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Wrap each page's body for Pagefind (search.indexed). The author pages are left out: a search
    for a name finds the papers themselves, and their lists of paper names only crowded them."""
    if templatename != "page.html" or "body" not in context or pagename.startswith(f"{GENERATED.name}/authors/"):
        return
    paper = paper_for(app, pagename)
    is_list = paper is None and pagename.startswith(f"{GENERATED.name}/")
    catalogue = catalogue_of(app.srcdir)
    if paper:
        fields = search.paper_fields(paper, catalogue.topics)
    elif is_list:
        board = catalogue.benchmarks.get(pagename.removeprefix(f"{GENERATED.name}/leaderboards/"))
        fields = search.list_fields(board.name if board else plain_title(context))
    else:
        fields = ""
    context["body"] = search.indexed(context["body"], fields, is_list)


def search_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The search page is told which shards to merge into the main index, and the filters' values."""
    if pagename == "search":
        catalogue = catalogue_of(app.srcdir)
        context["catalogue_search_shards"] = " ".join(name for name in _search_shards(app) if name)
        context["catalogue_search_filters"] = json.dumps(search.filter_counts(catalogue.papers, catalogue.topics),
                                                         ensure_ascii=False)
        context["catalogue_search_named"] = json.dumps(_named_pages(app), ensure_ascii=False)


def _named_pages(app: Sphinx) -> dict[str, list[str]]:
    """Topic and board pages by the exact key of their title ({key: [address, title]}): a query that
    names one shows it first, however many papers use the same words (a few dozen entries)."""
    catalogue = catalogue_of(app.srcdir)
    titles = {f"{GENERATED.name}/topics/{t.slug}": t.title for t in catalogue.topics.values()}
    titles |= {f"{GENERATED.name}/leaderboards/{b.slug}": b.name for b in catalogue.benchmarks.values()}
    return {search.exact_key(title): [app.builder.get_target_uri(doc), title]
            for doc, title in titles.items() if doc in app.env.found_docs}


def write_exports(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    generated = Path(app.srcdir, GENERATED.name)
    rows_files = {Path(app.outdir, GENERATED.name, path.relative_to(generated)): path
                  for path in generated.rglob("*.rows.html")}  # beside their pages, which load them
    outputs = [Path(app.outdir, name) for name in FILES] + [search.entry_file(Path(app.outdir)), *rows_files]
    if not app.builder.catalogue_pages_written and all(path.is_file() for path in outputs):
        return  # no page changed, so neither did the data they come from: 3 s saved at N=1,000
    catalogue = catalogue_of(app.srcdir)
    site = app.config.html_baseurl.rstrip("/") + "/" if app.config.html_baseurl else ""

    def write_files() -> None:
        for name, render in FILES.items():
            Path(app.outdir, name).write_text(render(catalogue, site), encoding="utf-8")
        for target, source in rows_files.items():
            if not target.is_file() or target.read_bytes() != source.read_bytes():
                target.parent.mkdir(parents=True, exist_ok=True)
                shutil.copyfile(source, target)

    # Written while Pagefind indexes: an edit's two costs (N=1,000: 0.13 s and 0.25 s) overlap.
    search.build_index(Path(app.outdir), _search_shards(app), app.builder.catalogue_pages_written, meanwhile=write_files)


def _search_shards(app: Sphinx) -> dict[str, list[str]]:
    """The search index's shards, each with its pages (search.py), from the documents Sphinx knows."""
    return search.shards({app.builder.get_target_uri(doc): paper_for(app, doc) is not None for doc in app.env.found_docs})
