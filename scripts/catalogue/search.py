"""What the site's search (Pagefind, run over the built HTML) is told beyond each page's text.

Pagefind indexes only what sits inside `data-pagefind-body`, so every page's content is wrapped
in one (the search page itself is not). A paper page also carries, hidden, the fields its
result shows (name, title, year, venue) and the other ways readers type its name
("vlm2vec2", "qwen3vl", "e5 omni"); list pages are marked so a paper outranks them. Why
Pagefind and not Sphinx's own index: docs/search.md.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

from .escape import attr
from .model import Paper

# Weights relative to body text (1.0); Pagefind itself gives an h1 7.0.
NAME_WEIGHT = 10.0  # a paper's name and its other spellings
TITLE_WEIGHT = 5.0  # its full title, which a paper page shows in bold rather than as a heading
LIST_WEIGHT = 0.2  # the rows of year, topic and all-papers lists: a paper's own page comes first

_PARTS = re.compile(r"[^0-9a-z]+")


def name_variants(name: str) -> list[str]:
    """Other spellings of a short name, run together and split apart, each a distinct word.

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


def paper_fields(paper: Paper) -> str:
    """Hidden HTML on a paper page: the result's fields, and its name and title weighted up.
    `exact` lists the keys a query must equal to put this page first."""
    variants = name_variants(paper.name)
    exact = " ".join(dict.fromkeys(exact_key(n) for n in [paper.name, *variants]))
    meta = _meta(name=paper.name, title=paper.title, year=paper.year, venue=paper.venue, exact=exact)
    return (f'<div hidden>{meta}'
            f'<p data-pagefind-weight="{NAME_WEIGHT}">{attr(" ".join([paper.name, *variants]))}</p>'
            f'<p data-pagefind-weight="{TITLE_WEIGHT}">{attr(paper.title)}</p></div>')


def list_fields(title: str, name: str) -> str:
    """Hidden HTML on a list page: its title keeps the weight its rows give up, and a query
    for its name (a topic's title, a benchmark's name) puts it first."""
    return f'<div hidden>{_meta(exact=exact_key(name))}<p data-pagefind-weight="{NAME_WEIGHT}">{attr(title)}</p></div>'


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
                           "--exclude-selectors", ".catalogue-breadcrumb"],  # neighbours' names are not this page's words
                          capture_output=True, text=True, check=False)
    if done.returncode != 0:
        raise RuntimeError(f"the search index could not be built (is docs/requirements.txt installed?): "
                           f"pagefind on {site} said: {done.stderr.strip() or done.stdout.strip()}")
