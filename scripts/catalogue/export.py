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
import re
import sys
from pathlib import Path

from feedgen.feed import FeedGenerator

from . import aliases, bibtex, compare, released, schema
from .leaderboard import best_score
from .model import Catalogue, Paper
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


def _cell(value: str) -> str:
    """A value a spreadsheet will not run as a formula (a title could start with '=')."""
    return "'" + value if value[:1] in ("=", "+", "-", "@", "\t", "\r") else value


def to_csv(catalogue: Catalogue, site: str = "") -> str:
    """One row per paper; lists are joined with '; '."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(CSV_COLUMNS)
    for p in catalogue.papers:
        writer.writerow(_cell(str(value)) for value in [
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


def _table_text(text: str) -> str:
    """Text inside a Markdown table cell, read back as written: one line, and the characters
    CommonMark would act on (emphasis, code, HTML, links, entities, the cell's '|') escaped."""
    return re.sub(r"([\\`*_\[\]<>|&])", r"\\\1", " ".join(text.split()))


def to_awesome(catalogue: Catalogue) -> str:
    """The awesome-list table (Title | Year | Paper | Github), newest first: what
    importer.import_awesome_list reads, so the list the catalogue began as can be remade."""
    rows = []
    for p in catalogue.papers:
        paper = f"[Paper]({p.links.paper})" if p.links.paper else ""
        code = (f"[Github]({p.links.code})" if p.links.code else f"[Huggingface]({p.links.models})" if p.links.models
                else "Unreleased" if p.code == "unreleased" else "")
        rows.append(f"|{_table_text(p.title)}|{p.year or ''}|{paper}|{code}|")
    return AWESOME_HEADER + "\n".join(rows) + "\n"


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
    sys.stdout.write(FILES[args.file](catalogue, ""))
    return 0
