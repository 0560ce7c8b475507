"""The catalogue as files for readers' own tools: JSON (every field), CSV (a row a paper), the
awesome-list Markdown table the catalogue began as, and an Atom feed of additions.

Pure functions, catalogue in, text out; the Sphinx extension writes them into the build output
(`FILES`: `catalogue.json`, `catalogue.csv`, `awesome-list.md`, `feed.atom` and the entry schema)
once the pages are built. The JSON shape is documented in docs/about.md and versioned by
SCHEMA_VERSION: a field is only ever added, never renamed.
"""

from __future__ import annotations

import argparse
import csv
import dataclasses
import datetime as dt
import io
import json
import sys
from pathlib import Path

from feedgen.feed import FeedGenerator

from . import aliases, bibtex, compare, released, schema
from .escape import csv_cell, md, md_url
from .leaderboard import best_score
from .memo import Memo
from .model import Catalogue, Paper, Problem
from .summary import first_sentence

SCHEMA_VERSION = 1
CSV_COLUMNS = ("slug", "short_name", "title", "authors", "date", "year", "venue", "arxiv", "kind", "code", "topics",
               "backbones", "modalities", "paper", "code_url", "models", "best_mmeb", "best_mmeb_v2", "page")


def _fields(record) -> dict:
    """A dataclass's fields, one level deep: json writes tuples as lists, so asdict's deep
    copy would only cost time (a third of to_json at N=1,000)."""
    return {f.name: getattr(record, f.name) for f in dataclasses.fields(record)}


def _paper(paper: Paper, site: str) -> dict:
    data = _fields(paper)
    del data["path"]
    data["links"] = _fields(paper.links)
    data["results"] = [dict(_fields(r), splits=dict(r.splits)) for r in paper.results]
    data["pending_results"] = [_fields(w) for w in paper.pending_results]
    data["models"] = [dict(_fields(m), sources=dict(m.sources)) for m in paper.models]
    data["bibtex"] = _fields(paper.bibtex) if paper.bibtex else None
    if paper.checked:
        data["checked"] = {"month": paper.checked.month,
                           "sources": [{"label": label, "url": url} for label, url in paper.checked.sources]}
    data["page"] = _page_url(site, paper.slug)
    return data


def _page_url(site: str, slug: str) -> str:
    """A paper page's address: absolute where the site's address is known, else relative to it."""
    return f"{site}papers/{slug}.html"


def to_json(catalogue: Catalogue, site: str = "") -> str:
    """Every field of every paper, newest first, with the topic and benchmark vocabularies."""
    return json.dumps({
        "schema_version": SCHEMA_VERSION,
        "papers": [_paper(p, site) for p in catalogue.papers],
        "topics": {slug: {"title": t.title, "description": t.description} for slug, t in catalogue.topics.items()},
        "benchmarks": {slug: _fields(b) for slug, b in catalogue.benchmarks.items()},
    }, ensure_ascii=False) + "\n"  # unindented, json encodes in C (N=1,000: 0.11 s -> 0.085 s)


def to_csv(catalogue: Catalogue, site: str = "") -> str:
    """One row per paper; lists are joined with '; '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in catalogue.papers:
        writer.writerow(csv_cell(value) for value in [
            p.slug, p.short_name or "", p.title, "; ".join(p.authors), p.date or "", p.year or "", p.venue or "",
            p.arxiv or "", p.kind or "", p.code or "", "; ".join(p.topics), "; ".join(p.backbones),
            "; ".join(p.modalities), p.links.paper or "", p.links.code or "", p.links.models or "",
            *("" if best is None else repr(best) for best in (best_score(p, "mmeb"), best_score(p, "mmeb-v2"))),
            _page_url(site, p.slug),
        ])
    return out.getvalue()


AWESOME_HEADER = """# Universal Multimodal Embedding Papers
A curated collection of research papers on universal multimodal embedding learning,
regenerated from the catalogue's data (`python -m catalogue export --awesome`).

## Paper List
| Title | Year | Paper | Github |
|-------|------|-------|--------|
"""


def _awesome_row(p: Paper) -> str:
    paper = f"[Paper]({md_url(p.links.paper)})" if p.links.paper else ""
    code = (f"[Github]({md_url(p.links.code)})" if p.links.code else f"[Huggingface]({md_url(p.links.models)})" if p.links.models
            else "Unreleased" if p.code == "unreleased" else "")
    return f"| {md(p.title)} | {p.year or ''} | {paper} | {code} |"  # spaced: a title ending in \\ must not escape the bar


def to_awesome(catalogue: Catalogue) -> str:
    """The awesome-list table (Title | Year | Paper | Github), newest first: what
    importer.import_awesome_list reads, so the list the catalogue began as can be remade."""
    return AWESOME_HEADER + "\n".join(_awesome_row(p) for p in catalogue.papers) + "\n"


def awesome_round_trip(catalogue: Catalogue, memo: Memo | None = None) -> list[Problem]:
    """Each field of the awesome-list table that the importer does not read back exactly, so
    that remaking the list from the table is a check, not a hope. A row is read on its own (the
    importer reads rows independently), so with the previous build's Memo only changed rows are."""
    memo = memo or Memo()
    return [problem for paper in catalogue.papers
            for problem in memo.get(("awesome-row", paper.path, _awesome_row(paper), paper.title, paper.links),
                                    _row_round_trip, paper)]


def _row_round_trip(paper: Paper) -> list[Problem]:
    from .importer import import_awesome_list

    drafts = import_awesome_list(AWESOME_HEADER + _awesome_row(paper) + "\n").drafts
    if len(drafts) != 1:
        return [Problem(paper.path, "title", f"gives {len(drafts)} rows in awesome-list.md instead of one")]
    links = drafts[0].entry.get("links", {})
    code = "links.code" if paper.links.code else "links.models"  # the Github cell shows the one or the other
    written = {"title": paper.title, "links.paper": paper.links.paper, code: paper.links.code or paper.links.models}
    read = {"title": drafts[0].entry.get("title"), "links.paper": links.get("paper"), code: links.get(code.split(".")[1])}
    return [Problem(paper.path, field, f"is written to awesome-list.md as {value!r} but read back as {read[field]!r}; "
                                       "change the value, or report it if the value is right")
            for field, value in written.items() if read[field] != value]


FEED_ENTRIES = 500  # every addition while the catalogue is this size; past it, the newest (What's new lists all)


def to_atom(catalogue: Catalogue, site: str = "") -> str:
    """An Atom feed of additions, newest first: each entry links its paper page and gives the
    summary's first sentence. Entries without an `added` date are not additions to announce."""
    feed = FeedGenerator()
    feed.id(f"{site}feed.atom" if site else "urn:universal-multimodal-embedding-papers:feed")
    feed.title("Universal Multimodal Embedding Papers: new entries")
    feed.link(href=f"{site}papers/new.html", rel="alternate")
    feed.link(href=f"{site}feed.atom", rel="self")
    feed.language("en")
    added = catalogue.additions()[:FEED_ENTRIES]
    newest = dt.datetime.fromisoformat(added[0].added).replace(tzinfo=dt.UTC) if added else dt.datetime(2026, 1, 1, tzinfo=dt.UTC)
    feed.updated(newest)
    for p in reversed(added):  # feedgen puts the entry added last first
        entry = feed.add_entry()
        entry.id(_page_url(site, p.slug) if site else f"urn:universal-multimodal-embedding-papers:{p.slug}")
        entry.title(p.long_name)
        entry.link(href=_page_url(site, p.slug))
        entry.updated(dt.datetime.fromisoformat(p.added).replace(tzinfo=dt.UTC))
        entry.summary(first_sentence(p.summary) if p.summary else "Summary awaiting verification.")
        for author in p.authors:
            entry.author(name=author)
    return feed.atom_str(pretty=True).decode("utf-8")


def to_bib(catalogue: Catalogue) -> str:
    """catalogue.bib at the site's root, where a board's script cuts its rows' entries from it: a
    page that linked the copy Sphinx makes of papers/catalogue.bib would be re-read on every new
    paper, as that file changes."""
    keys = bibtex.citation_keys(catalogue.papers)
    old = aliases.by_slug(catalogue.aliases)
    return "".join(bibtex.to_bibtex(p, keys[p.slug], old.get(p.slug, ())) + "\n"
                   for p in sorted(catalogue.papers, key=lambda p: keys[p.slug]))


# Every file above, by its name in the build output, as (catalogue, site address) -> text: the
# Sphinx extension writes them all after the pages; `python -m catalogue export` prints one.
FILES = {
    "catalogue.json": to_json,
    "catalogue.csv": to_csv,
    "awesome-list.md": lambda catalogue, site: to_awesome(catalogue),
    "feed.atom": to_atom,
    "models.csv": lambda catalogue, site: released.to_csv(catalogue.papers),
    "compare.json": lambda catalogue, site: compare.to_json(catalogue),  # what the comparison page reads
    "catalogue.bib": lambda catalogue, site: to_bib(catalogue),
    schema.SCHEMA_ID: lambda catalogue, site: schema.to_json(catalogue.topics, catalogue.benchmarks),
}
_FLAGS = {"--awesome": "awesome-list.md", "--json": "catalogue.json", "--csv": "catalogue.csv", "--atom": "feed.atom", "--models-csv": "models.csv",
          "--schema": schema.SCHEMA_ID}


def main(argv: list[str] | None = None) -> int:
    """`python -m catalogue export --awesome` and the like: one format, printed; writes nothing."""
    from .model import CatalogueError
    from .validate import load_catalogue

    parser = argparse.ArgumentParser(prog="python -m catalogue export", description="Print the catalogue in one format.")
    chosen = parser.add_mutually_exclusive_group(required=True)
    for flag, name in _FLAGS.items():
        chosen.add_argument(flag, dest="file", action="store_const", const=name, help=f"print {name}")
    parser.add_argument("--root", type=Path, default=Path(__file__).resolve().parents[2], help="the project folder")
    args = parser.parse_args(argv)
    try:
        catalogue = load_catalogue(args.root)
    except CatalogueError as err:
        print(err, file=sys.stderr)
        return 1
    lost = awesome_round_trip(catalogue) if args.file == "awesome-list.md" else []
    if lost:  # a table the importer misreads is not the catalogue: print nothing
        for problem in lost:
            print(problem, file=sys.stderr)
        return 1
    sys.stdout.write(FILES[args.file](catalogue, ""))
    return 0
