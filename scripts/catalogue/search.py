"""What the site's search (Pagefind, run over the built HTML) is told beyond each page's text.

Pagefind indexes only what sits inside `data-pagefind-body`, so every page's content is wrapped
in one (the search page itself is not). A paper page also carries, hidden and without words,
the fields its result shows (name, title, year, venue), its filters (year, topic, code, kind)
and the keys that put it first when typed exactly; list pages count for less, so a paper
outranks them. Why Pagefind and not Sphinx's own index: docs/search.md.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from .escape import attr
from .model import Paper, Topic
from .render import CODE_CELL  # the words the all-papers table uses for code status

# Weight relative to body text (1.0; Pagefind gives an h1 7.0) of the rows of year, topic and
# all-papers lists, which repeat every paper's name: a paper's own page comes first.
LIST_WEIGHT = 0.2

_PARTS = re.compile(r"[^0-9a-z]+")


def name_variants(name: str) -> list[str]:
    """Other spellings of a short name that count as typing it exactly: runs of its
    neighbouring parts joined, and a "V2" written as a plain number.

    >>> name_variants("VLM2Vec-V2")
    ['vlm2vecv2', 'vlm2vec v2', 'vlm2vec2']
    """
    parts = [p for p in _PARTS.split(name.lower()) if p]
    variants = []
    if len(parts) > 1:
        for start in range(len(parts) - 1):  # every run of neighbouring parts, joined
            for end in range(start + 2, len(parts) + 1):
                variants.append("".join(parts[start:end]))
        variants.append(" ".join(parts))
    # "V2", "v3" as a plain number after the name: VLM2Vec-V2 -> vlm2vec2
    numbered = re.sub(r"[^0-9a-z]+v(\d)", r"\1", name.lower())
    if numbered != name.lower():
        variants.append(_PARTS.sub("", numbered))
    return list(dict.fromkeys(v for v in variants if v and v != name.lower()))


def exact_key(text: str) -> str:
    """What a query and a name are compared as: lowercase letters and digits only
    (catalogue-search.js does the same to the query)."""
    return _PARTS.sub("", text.lower())


def _meta(**fields: str | None) -> str:
    return "".join(f'<span data-pagefind-meta="{key}[data-value]" data-value="{attr(value)}"></span>'
                   for key, value in fields.items() if value)


def paper_fields(paper: Paper, topics: dict[str, Topic]) -> str:
    """Hidden HTML on a paper page: the fields its result shows and the filters of the search
    page (year, topic, code status, kind; only paper pages carry them, so a filter also leaves
    the list pages out). It holds no words, so it never turns up in an excerpt. Pagefind matches "qwen3vl", "e5 omni" and
    "vlm2vec2" against hyphenated names by itself; `exact` lists the keys a query must equal
    to put this page first (catalogue-search.js)."""
    names = [paper.name, *name_variants(paper.short_name)] if paper.short_name else [paper.name]
    exact = " ".join(dict.fromkeys(exact_key(n) for n in names))
    meta = _meta(name=paper.name, title=paper.title, year=paper.year, venue=paper.venue, exact=exact)
    filters = [("year", paper.year), *(("topic", topics[t].title) for t in paper.topics),
               ("code", CODE_CELL.get(paper.code or "")), ("kind", paper.kind)]
    spans = "".join(f'<span data-pagefind-filter="{key}[data-value]" data-value="{attr(value)}"></span>'
                    for key, value in filters if value)
    return f"<div hidden>{meta}{spans}</div>"


def list_fields(name: str) -> str:
    """Hidden HTML on a list page: a query for its name (a topic's title, a benchmark's name)
    puts it first."""
    return f"<div hidden>{_meta(exact=exact_key(name))}</div>"


def indexed(body: str, fields: str = "", is_list: bool = False) -> str:
    """A page's body as Pagefind should index it: a list page's words count for less."""
    weight = f' data-pagefind-weight="{LIST_WEIGHT}"' if is_list else ""
    return f"<div data-pagefind-body{weight}>{fields}{body}</div>"


def entry_file(site: Path) -> Path:
    """The file a built index always has."""
    return site / "pagefind" / "pagefind-entry.json"


def build_index(site: Path) -> None:
    """Write the search index into site/pagefind/ (the `pagefind` package ships the binary)."""
    done = subprocess.run([sys.executable, "-m", "pagefind", "--site", str(site), "--silent",
                           # neighbours' names are not this page's words; a heading's ¶ is not a word at all
                           "--exclude-selectors", ".catalogue-breadcrumb, .headerlink"],
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the search index could not be built (is docs/requirements.txt installed?): "
                           f"pagefind on {site} said: {done.stderr.strip() or done.stdout.strip()}")
