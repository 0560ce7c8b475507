"""The catalogue as data files for readers' own tools: JSON (every field) and CSV (a row a paper).

Pure functions, catalogue in, text out; the Sphinx extension writes them into the build output
(`catalogue.json`, `catalogue.csv`) once the pages are built. The JSON shape is documented in
docs/about.md and versioned by SCHEMA_VERSION: a field is only ever added, never renamed.
"""

from __future__ import annotations

import csv
import dataclasses
import io
import json

from .leaderboard import best_score
from .model import Catalogue, Paper

SCHEMA_VERSION = 1
CSV_COLUMNS = ("slug", "short_name", "title", "authors", "date", "year", "venue", "arxiv", "kind", "code", "topics",
               "backbones", "modalities", "paper", "code_url", "models", "best_mmeb", "best_mmeb_v2", "page")


def _paper(paper: Paper, site: str) -> dict:
    data = dataclasses.asdict(paper)
    data.pop("path")
    data["results"] = [dict(dataclasses.asdict(r), splits=dict(r.splits)) for r in paper.results]
    data["bibtex"] = dataclasses.asdict(paper.bibtex) if paper.bibtex else None
    if paper.checked:
        data["checked"] = {"month": paper.checked.month,
                           "sources": [{"label": label, "url": url} for label, url in paper.checked.sources]}
    data["page"] = f"{site}papers/{paper.slug}.html"
    return data


def to_json(catalogue: Catalogue, site: str = "") -> str:
    """Every field of every paper, newest first, with the topic and benchmark vocabularies."""
    return json.dumps({
        "schema_version": SCHEMA_VERSION,
        "papers": [_paper(p, site) for p in catalogue.papers],
        "topics": {slug: {"title": t.title, "description": t.description} for slug, t in catalogue.topics.items()},
        "benchmarks": {slug: dataclasses.asdict(b) for slug, b in catalogue.benchmarks.items()},
    }, ensure_ascii=False, indent=1, sort_keys=False) + "\n"


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
            f"{site}papers/{p.slug}.html",
        ])
    return out.getvalue()
