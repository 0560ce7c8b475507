"""What the site's search (Pagefind, run over the built HTML) is told beyond each page's text.

Pagefind indexes only what sits inside `data-pagefind-body`, so every page's content is wrapped
in one (the search page itself is not). A paper page also carries, hidden and without words,
the fields its result shows (name, title, year, venue), its filters (year, topic, code, kind)
and the keys that put it first when typed exactly; list pages count for less, so a paper
outranks them. Why Pagefind and not Sphinx's own index: docs/how-search-works.md.
"""

from __future__ import annotations

import hashlib
import json
import re
import shutil
import subprocess
from collections.abc import Callable
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
    neighbouring parts joined, the first part with the last ("jina v4" for jina-embeddings-v4),
    and a "V2" written as a plain number.

    >>> name_variants("VLM2Vec-V2")
    ['vlm2vecv2', 'vlm2vec v2', 'vlm2vec2']

    A name that lists alternatives ("ColQwen2 / ColQwen2.5") counts each of them as the name.
    """
    if " / " in name:
        alternatives = [a.strip() for a in name.split(" / ") if a.strip()]
        found = [v for a in alternatives for v in (a.lower(), *name_variants(a))]
        return list(dict.fromkeys(v for v in found if v != name.lower()))
    parts = [p for p in _PARTS.split(name.lower()) if p]
    variants = []
    if len(parts) > 1:
        for start in range(len(parts) - 1):  # every run of neighbouring parts, joined
            for end in range(start + 2, len(parts) + 1):
                variants.append("".join(parts[start:end]))
        variants.append(" ".join(parts))
    if len(parts) > 2:  # the family and the version, the words between left out
        variants += [parts[0] + parts[-1], f"{parts[0]} {parts[-1]}"]
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
    variants = name_variants(paper.short_name) if paper.short_name else []
    exact = " ".join(dict.fromkeys(exact_key(n) for n in [paper.name, *variants]))
    meta = _meta(name=paper.name, title=paper.title, year=paper.year, venue=paper.venue, exact=exact)
    spans = "".join(f'<span data-pagefind-filter="{key}[data-value]" data-value="{attr(value)}"></span>'
                    for key, value in _filters(paper, topics))
    # The other spellings as words too, so that a query spelt one of those ways finds the page at all
    # (catalogue-search.js then puts it first): "jina v4" has no "v4" in the page's own text.
    aliases = (f'<span data-pagefind-index-attrs="data-aliases" data-aliases="{attr(" ".join(variants))}"></span>'
               if variants else "")
    return f"<div hidden>{meta}{spans}{aliases}</div>"


def _filters(paper: Paper, topics: dict[str, Topic]) -> list[tuple[str, str]]:
    filters = [("year", paper.year), *(("topic", topics[t].title) for t in paper.topics),
               ("code", CODE_CELL.get(paper.code or "")), ("kind", paper.kind)]
    return [(key, value) for key, value in filters if value]


def filter_counts(papers: tuple[Paper, ...], topics: dict[str, Topic]) -> dict[str, dict[str, int]]:
    """How many papers carry each filter value, for the search page's selects: what Pagefind's
    filters() would say, known at build time, so a first query need not download the filter
    index of every shard (about 100 KB at N=10,000); Pagefind loads it once a filter is chosen."""
    counts: dict[str, dict[str, int]] = {}
    for paper in papers:
        for key, value in _filters(paper, topics):
            values = counts.setdefault(key, {})
            values[value] = values.get(value, 0) + 1
    return counts


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
    return site / INDEX / "pagefind-entry.json"


# The index comes in shards, so that a build which rewrites a few pages re-indexes only their
# shards (Pagefind has no incremental mode; it costs about 2 ms a page). Paper pages are
# spread over shards of PAPERS_PER_SHARD or more by a hash of their address; every other page is
# in the main index (pagefind/), which the search page loads first and merges the others into.
# Each shard ranks by its own word counts: on the real catalogue, shards of 14 papers cost the
# query set's MRR 0.05 and shards of 57 cost nothing (docs/how-search-works.md); more shards
# also mean more requests for a first query, hence the cap.
INDEX = "pagefind"
PAPERS_PER_SHARD = 125  # the fewest a shard holds, once there are two
MAX_PAPER_SHARDS = 8  # an edit re-indexes its page's shard: at N=1,000, shards of 125 keep it within 1.5x the floor
LARGE_CATALOGUE = 4000  # from here on, LARGE_PAPER_SHARDS: what a first query downloads grows with the shards
LARGE_PAPER_SHARDS = 4  # each adds its index chunk (about 20 KB): 8 took a first query at N=10,000 past 300 KB
MANIFEST = "shards.json"  # which pages each shard holds, as of the last index
PAPER_SHARD = "papers-"  # a paper shard's folder: papers-0, papers-1, ...


def paper_shard_count(papers: int) -> int:
    """A power of two: a new count moves most pages to another shard, so the whole index is
    redone, and this way that happens only when the catalogue doubles (shards of 125 to 250
    papers, up to MAX_PAPER_SHARDS), and once more at LARGE_CATALOGUE, where fewer, larger
    shards keep a first query small (docs/benchmark.md); a count rounded up would change at
    every 125th paper."""
    if papers >= LARGE_CATALOGUE:
        return LARGE_PAPER_SHARDS
    count = 1
    while count * 2 <= MAX_PAPER_SHARDS and papers >= count * 2 * PAPERS_PER_SHARD:
        count *= 2
    return count


def shard_of(page: str, is_paper: bool, count: int) -> str:
    """The folder under pagefind/ of a page's shard ("" for the main index), out of `count` paper shards."""
    if not is_paper:
        return ""
    return f"{PAPER_SHARD}{int(hashlib.sha256(page.encode()).hexdigest(), 16) % count}"


def shards(pages: dict[str, bool]) -> dict[str, list[str]]:
    """Each shard's pages (output paths, sorted) from {output path: is it a paper page};
    empty shards are left out."""
    count = paper_shard_count(sum(pages.values()))
    grouped: dict[str, list[str]] = {}
    for page in sorted(pages):
        grouped.setdefault(shard_of(page, pages[page], count), []).append(page)
    return dict(sorted(grouped.items()))


def build_index(site: Path, shard_pages: dict[str, list[str]], rewritten: set[str],
                meanwhile: Callable[[], None] = lambda: None) -> list[str]:
    """Write the shards of the search index into site/pagefind/ whose pages were rewritten,
    added or removed since the last index (all of them the first time); return their names.

    The `pagefind` package ships the binary; the shards are indexed side by side, and
    `meanwhile` runs while they are (the exports: Python's work beside Pagefind's).
    """
    index = site / INDEX
    manifest_path = index / MANIFEST
    try:
        before = json.loads(manifest_path.read_text(encoding="utf-8"))
    except (OSError, ValueError):
        before = {}
    stale = [name for name, pages in shard_pages.items()
             if before.get(name) != pages or rewritten & set(pages) or not (index / name / "pagefind-entry.json").is_file()]
    manifest_path.unlink(missing_ok=True)  # a build that stops midway leaves every shard to be redone
    for name in set(before) - set(shard_pages):
        shutil.rmtree(index / name, ignore_errors=True)
    runs = []
    try:
        for name in stale:
            _clear(index, name)
            runs.append((name, subprocess.Popen(_pagefind_command(site, shard_pages[name], index / name),
                                                stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)))
        meanwhile()
    finally:  # every run ends before the build does, whatever `meanwhile` raised
        ended = [(name, run, run.communicate()[0]) for name, run in runs]
    for name, run, said in ended:
        if run.returncode != 0:
            raise RuntimeError(f"the search index could not be built (is docs/requirements.txt installed?): "
                               f"pagefind on {site} ({name or 'main'} shard) said: {said.strip()}")
        if name:  # merged shards use the main index's scripts and WebAssembly
            for bundle_file in (index / name).glob("*.*"):
                if bundle_file.suffix in {".js", ".css", ".pagefind"}:
                    bundle_file.unlink()
    index.mkdir(exist_ok=True)
    manifest_path.write_text(json.dumps(shard_pages, indent=1), encoding="utf-8")
    return stale


def _clear(index: Path, name: str) -> None:
    """Remove a shard's old files (Pagefind leaves them beside the new ones); the main
    index shares its folder with the other shards, which stay."""
    folder = index / name
    if name:
        shutil.rmtree(folder, ignore_errors=True)
    elif folder.is_dir():
        for child in folder.iterdir():
            if child.name != MANIFEST and not (child.is_dir() and child.name.startswith(PAPER_SHARD)):
                shutil.rmtree(child) if child.is_dir() else child.unlink()


def _pagefind() -> str:
    """The binary the `pagefind[bin]` package ships, run directly: `python -m pagefind` starts a
    Python process only to hand over to it (0.1 s, on every build that writes a page)."""
    try:
        import pagefind_bin
    except ImportError:
        raise RuntimeError("the search index needs Pagefind: install docs/requirements.txt") from None
    return str(pagefind_bin.get_executable())


_GLOB_SAFE = re.compile(r"[\w ./-]+")


def _pagefind_command(site: Path, pages: list[str], output: Path) -> list[str]:
    unsafe = [page for page in pages if not _GLOB_SAFE.fullmatch(page)]
    if unsafe:  # the pages are listed as one glob pattern
        raise RuntimeError(f"the search index cannot list {unsafe[0]!r}: rename it with letters, digits, '-', '_' and '/' only")
    pattern = pages[0] if len(pages) == 1 else "{" + ",".join(pages) + "}"
    return [_pagefind(), "--site", str(site), "--glob", pattern, "--output-path", str(output),
            "--silent",
            # neighbours' names are not this page's words, nor are the references a hand-written
            # page cites (each paper has its own page); a heading's ¶ is not a word at all
            "--exclude-selectors", ".catalogue-breadcrumb, .citation-list, .headerlink"]
