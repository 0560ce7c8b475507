"""Find recent arXiv papers that may belong in the catalogue.

    python -m catalogue discover            # the last WINDOW_DAYS days
    python -m catalogue discover --since 2026-11-01

Asks arXiv's API for papers whose title or abstract uses the field's terms (TERMS below: the
one place the query lives), drops those already catalogued, and prints the rest ranked by how
many terms they use, title matches counting double, each with the command that starts its entry.
A weekly workflow (.github/workflows/discover.yml) posts the list to one issue.
"""

from __future__ import annotations

import argparse
import datetime as dt
import sys
import urllib.parse
from dataclasses import dataclass
from pathlib import Path

from . import urls
from .escape import issue_text
from .new import API, NewEntryError, existing, read_feed

# What the field calls itself, and the benchmarks its papers report. A candidate must use at
# least one; more matches rank it higher. Edit here (and say why in the commit).
TERMS = ("multimodal embedding", "multimodal embeddings", "universal multimodal retrieval", "universal retrieval",
         "multimodal retrieval", "omni-modal embedding", "visual document retrieval", "MMEB", "MMEB-V2", "M-BEIR",
         "ViDoRe", "MLLM embedding", "embedding model")
WINDOW_DAYS = 14
MAX_RESULTS = 200


@dataclass(frozen=True)
class Candidate:
    arxiv: str
    title: str
    score: int
    matched: tuple[str, ...]


def query(since: dt.date, until: dt.date) -> str:
    """arXiv's search_query for the terms in title or abstract, submitted in [since, until]."""
    terms = " OR ".join(f'{field}:"{term}"' for term in TERMS for field in ("ti", "abs"))
    return f"({terms}) AND submittedDate:[{since:%Y%m%d}0000 TO {until:%Y%m%d}2359]"


def rank(entries: list[dict], known: set[str]) -> list[Candidate]:
    """Uncatalogued entries that use at least one term, best match first."""
    found = []
    for entry in entries:
        if entry["arxiv"] in known:
            continue
        title, abstract = entry["title"].lower(), entry["abstract"].lower()
        matched = tuple(t for t in TERMS if t.lower() in title or t.lower() in abstract)
        score = sum(2 if t.lower() in title else 1 for t in matched)
        if matched:
            found.append(Candidate(entry["arxiv"], entry["title"], score, matched))
    return sorted(found, key=lambda c: (-c.score, c.arxiv))


def report(candidates: list[Candidate], since: dt.date, until: dt.date) -> str:
    """The list as the body of a GitHub issue, posted unreviewed: arXiv's titles are shown as inert
    text (no link, image, HTML or @mention acts), and only ids of arXiv's own form reach a command."""
    shown = [c for c in candidates if urls.ARXIV_ID.fullmatch(c.arxiv)]
    lines = [f"# Candidate papers, {since} to {until}", "",
             f"{len(shown)} uncatalogued arXiv papers use the field's terms (scripts/catalogue/discover.py). "
             "Check each against the inclusion rule in docs/about.md before starting its entry.", ""]
    for c in shown:
        lines.append(f"- {issue_text(c.title)} (arXiv {c.arxiv}; matches {', '.join(c.matched)})  ")
        lines.append(f"  `python3 -m nox -s new -- {c.arxiv}`")
    if len(shown) < len(candidates):
        lines += ["", f"{len(candidates) - len(shown)} more answered with an id that is not of arXiv's form; left out."]
    return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None, root: Path | None = None, today: dt.date | None = None) -> int:
    from .generate import ROOT

    parser = argparse.ArgumentParser(prog="python -m catalogue discover", description=__doc__.splitlines()[0])
    parser.add_argument("--since", type=dt.date.fromisoformat, help=f"first submission day (default: {WINDOW_DAYS} days ago)")
    parser.add_argument("--root", type=Path, help="project root holding data/ (default: this checkout)")
    parser.add_argument("--api", default=API, help=argparse.SUPPRESS)
    args = parser.parse_args(argv)
    until = today or dt.date.today()
    since = args.since or until - dt.timedelta(days=WINDOW_DAYS)
    params = {"search_query": query(since, until), "sortBy": "submittedDate", "sortOrder": "descending",
              "max_results": MAX_RESULTS}
    try:
        entries = read_feed(f"{args.api}?{urllib.parse.urlencode(params)}", "the search")
    except NewEntryError as err:
        print(f"error: {err}", file=sys.stderr)
        return 1
    print(report(rank(entries, set(existing(root or args.root or ROOT))), since, until), end="")
    return 0
