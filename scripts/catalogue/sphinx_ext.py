"""Sphinx glue: regenerate the pages at the start of every build, and add what pages need.

Because the generator runs on `builder-inited`, a plain `sphinx-build docs out` (what Read the
Docs and sphinx-autobuild run) is always up to date, and bad data stops the build with the
validator's messages, one located error per problem, before anything is written. Once the
pages are read, each paper page is checked for what no generated page may hold (downloads,
local files, non-https links), so a way past the validator still cannot publish a file.
"""

from __future__ import annotations

import atexit
import gc
import html
import json
import re
from pathlib import Path
from urllib.parse import parse_qsl

from docutils import nodes
from sphinx import addnodes
from sphinx.application import ENV_PICKLE_FILENAME, Sphinx
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from . import export, search
from .escape import attr, md
from .generate import GENERATED, generate
from .leaderboard import boards, ordinal, placements
from .mathml import to_mathml
from .memo import Memo
from .model import Catalogue, CatalogueError, Problem
from .summary import first_sentence
from .write import ForeignFileError

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
HTML_TEMPLATES = Path(__file__).parent / "html"  # the search page and the page head
NEWEST = 8  # additions listed on the landing page
MAX_CACHED_DOCTREES = 2000  # read doctrees kept in memory for writing: about 350 MiB (_bound_doctree_cache)
PAGES_BETWEEN_CHECKPOINTS = 500  # pages read between the collector's checkpoints (_checkpoint_reading)
# The catalogue of the current build, and each result's place on its board, by source folder
# (the environment is pickled, so they stay out of it).
_CATALOGUES: dict[str, Catalogue] = {}
_PLACES: dict[str, dict] = {}

# When sphinx-build exits, Python's last garbage collections walk every object the build
# made, to free memory the system takes back anyway: 0.7 s of a 2.6 s edit at N=1,000
# (docs/benchmark.md). Frozen objects are left alone. At exit only, so a process that runs
# many builds (the tests) keeps collecting between them.
atexit.register(gc.freeze)


def _freeze_what_outlives_the_build(app: Sphinx, config) -> None:
    """What exists before a pickled environment loads (modules, extensions, the configuration)
    lives as long as the build, so the collector is told to leave it alone until the build ends:
    an edit at N=1,000 spent 0.16 s collecting, most of it while unpickling the environment and
    walking these objects again each time. Unpickling makes no garbage, so the collector is also
    paused until the environment is loaded (_freeze_the_loaded_environment). A full build, with
    no environment to load, is left as it was. Unfrozen when the build ends (_unfreeze), so that
    a process which runs many builds (the tests) still frees them."""
    if (Path(app.doctreedir) / ENV_PICKLE_FILENAME).is_file() and gc.isenabled():
        gc.freeze()
        gc.disable()
        app.catalogue_paused_collector = True


def _freeze_the_loaded_environment(app: Sphinx) -> None:
    """The loaded environment lives as long as the build too: frozen with the rest, and the
    collector back on (at N=1,000 it spent 35-75 ms of a 90-130 ms load walking it)."""
    if getattr(app, "catalogue_paused_collector", False):
        gc.freeze()
        gc.enable()
        app.catalogue_paused_collector = False


def _unfreeze(app: Sphinx, exception) -> None:
    gc.unfreeze()


def _to_root(docname: str) -> str:
    """The relative path from a page to the site's root, for links Sphinx does not resolve."""
    return docname.count("/") * "../"


def stop(root: Path, problems: list[Problem], when: str) -> None:
    """Report each problem as an error located at its data file, then end the build.

    Raising an exception would print Sphinx's crash report (traceback, "please open an issue")
    around the contributor's problems; SystemExit ends sphinx-build with status 2 and nothing else.
    """
    key_lines: dict[str, dict[str, int]] = {}  # each file read once, however many problems it has
    for problem in problems:
        if problem.path not in key_lines:
            key_lines[problem.path] = _key_lines(root / problem.path)
        key = re.split(r"[.\[]", problem.field)[0]
        location = f"{problem.path}:{key_lines[problem.path].get(key, 1)}"
        logger.error("%s: %s", problem.field, problem.message, location=location, type="catalogue")
    logger.error("catalogue: %d problem(s) found %s; fix them in the files named above", len(problems), when)
    gc.unfreeze()  # build-finished does not come after a SystemExit
    raise SystemExit(2)


def _root(app: Sphinx) -> Path:
    return Path(app.config.catalogue_root or Path(app.confdir).parent).resolve()


def _key_lines(path: Path) -> dict[str, int]:
    """Top-level key -> the line it starts on (the first time), so editors can jump to a problem's field."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() and not path.is_symlink() else []
    except (OSError, UnicodeDecodeError):
        return {}
    found: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        key = line.split(":", 1)[0] if ":" in line and line[:1] not in " \t#-" else None
        if key is not None and key not in found:
            found[key] = number
    return found


def _generate(app: Sphinx) -> None:
    root = _root(app)
    memo = Memo(getattr(app.env, "catalogue_memo", None))
    try:
        catalogue, report = generate(root, memo)
    except CatalogueError as err:
        stop(root, err.problems, "in the data; nothing was written")
    except ForeignFileError as err:
        stop(root, [Problem(str(GENERATED), "folder", str(err))], "in the generated folder")
    _CATALOGUES[str(app.srcdir)] = catalogue
    app.env.catalogue_memo = memo.current  # pickled with the environment, read by the next build
    _update_moved_places(app, catalogue)
    logger.info(
        "catalogue: %d papers; %d pages written, %d removed, %d unchanged; %d results reused, %d computed",
        len(catalogue.papers), len(report.written), len(report.removed), report.unchanged, memo.hits, memo.misses,
    )


def _paper_for(app: Sphinx, pagename: str):
    prefix = f"{GENERATED.name}/"
    if not pagename.startswith(prefix):
        return None
    return _CATALOGUES[str(app.srcdir)].by_slug.get(pagename[len(prefix):])


def _shared_navigation(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Build the sidebar once for all paper pages instead of once per page.

    Paper pages are orphans in one folder, so the site navigation (furo renders the whole
    toctree on every page) is the same HTML on each of them; building it per page took 10 s
    of a 119 s profiled full build at N=1,000 (docs/benchmark.md). Runs before furo's handler, which calls it.
    """
    if "toctree" not in context or _paper_for(app, pagename) is None:
        return
    build, shared = context["toctree"], app.builder.catalogue_navigation

    def toctree(**options):
        key = tuple(sorted(options.items()))
        if key not in shared:
            shared[key] = build(**options)
        return shared[key]

    context["toctree"] = toctree


def _reset_build_state(app: Sphinx) -> None:
    app.builder.catalogue_navigation = {}  # per build: the toctree may have changed
    app.builder.catalogue_pages_written = set()  # output paths, for the search index's shards
    app.builder.catalogue_pages_read = 0  # pages read this build, for the collector's checkpoints (_checkpoint_reading)


def _bound_doctree_cache(app: Sphinx, doctree: nodes.document) -> None:
    """Sphinx keeps every doctree it reads in memory until it writes that page, besides
    pickling it to disk: 177 MiB of nodes at N=1,000 and most of the 3.5 GiB peak at N=10,000.
    Past MAX_CACHED_DOCTREES the newest is dropped, so those pages are unpickled from disk
    when written (4.5 s at N=1,000 were all dropped, for half the memory)."""
    cache = getattr(app.env, "_write_doc_doctree_cache", None)
    if cache is not None and len(cache) > MAX_CACHED_DOCTREES:
        cache.popitem()  # the one read last; pages are written in reading order


def _checkpoint_reading(app: Sphinx, doctree: nodes.document) -> None:
    """What reading a page adds to the environment lives until the build ends, yet each of the
    collector's full collections walks all of it again: 29.7 s of 133.5 s reading at N=10,000,
    against 2.1 s of 11.8 s at N=1,000. Every PAGES_BETWEEN_CHECKPOINTS pages the garbage is
    collected and what is left frozen, so later collections walk only what was read since
    (10.3 s at N=10,000). Unfrozen when writing starts (_unfreeze_for_writing)."""
    app.builder.catalogue_pages_read += 1
    if app.builder.catalogue_pages_read % PAGES_BETWEEN_CHECKPOINTS == 0:
        gc.collect()
        gc.freeze()


def _unfreeze_for_writing(app: Sphinx, builder) -> None:
    """The doctrees kept for writing were frozen with the rest; written, they are garbage that
    would stay in memory until the build ends if left frozen."""
    if builder.catalogue_pages_read >= PAGES_BETWEEN_CHECKPOINTS:  # a checkpoint ran
        gc.unfreeze()


def _skip_design_transforms_on_generated_pages(app: Sphinx) -> None:
    """sphinx-design's post-transforms (dropdowns, tabs, asides, badge and button references)
    each walk every page's tree. Generated pages use none of them (their plain badges need no
    post-transform), so there they are skipped: about 3 s of a full build at N=1,000. A
    hand-written page keeps all of sphinx-design."""
    transforms = app.registry.post_transforms
    for i, transform in enumerate(transforms):
        if transform.__module__.split(".")[0] == "sphinx_design":
            transforms[i] = _unless_generated(transform)


def _unless_generated(transform: type) -> type:
    def apply(self, **kwargs) -> None:
        if not self.env.docname.startswith(f"{GENERATED.name}/"):
            transform.apply(self, **kwargs)

    return type(transform.__name__, (transform,), {"apply": apply})


def _note_written(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    app.builder.catalogue_pages_written.add(app.builder.get_target_uri(docname))


def _use_pagefind(app: Sphinx) -> None:
    """Pagefind indexes the built pages (search.py); Sphinx's own index would only cost time."""
    if app.builder.format == "html":
        app.builder.search = False


def _search_fields(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    if templatename != "page.html" or "body" not in context:
        return
    paper = _paper_for(app, pagename)
    is_list = paper is None and pagename.startswith(f"{GENERATED.name}/")
    if paper:
        fields = search.paper_fields(paper, _CATALOGUES[str(app.srcdir)].topics)
    elif is_list:
        title = _plain_title(context)
        board = _CATALOGUES[str(app.srcdir)].benchmarks.get(pagename.removeprefix(f"{GENERATED.name}/leaderboards/"))
        fields = search.list_fields(board.name if board else title)
    else:
        fields = ""
    context["body"] = search.indexed(context["body"], fields, is_list)


def _plain_title(context: dict) -> str:
    """The page's title as text (the theme's context holds it as HTML)."""
    return html.unescape(re.sub(r"<[^>]+>", "", context.get("title", "")))


def _citation_meta(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Highwire `citation_*` tags on paper pages, so Zotero and Scholar can read the paper."""
    paper = _paper_for(app, pagename)
    if paper is None:
        return
    tags = [("citation_title", paper.title)]
    tags += [("citation_author", author) for author in paper.authors]
    if paper.date:
        tags.append(("citation_publication_date", paper.date.replace("-", "/")))
    if paper.venue:
        tags.append(("citation_conference_title", paper.venue))
    if paper.arxiv:
        tags += [("citation_arxiv_id", paper.arxiv), ("citation_doi", f"10.48550/arXiv.{paper.arxiv}"),
                 ("citation_pdf_url", f"https://arxiv.org/pdf/{paper.arxiv}")]
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<meta name="{name}" content="{attr(value)}" />' for name, value in tags
    )


DESCRIPTION_LENGTH = 200  # characters: what search engines and link previews show of a description


def page_description(doctree: nodes.document) -> str:
    """A page's opening text, for its description: the paragraphs from the top, outside notes and
    comments, cut at a word near DESCRIPTION_LENGTH."""
    text = ""
    for paragraph in doctree.findall(nodes.paragraph):
        if any(isinstance(node, (nodes.Admonition, nodes.Invisible)) for node in _ancestors(paragraph)):
            continue
        text = f"{text} {' '.join(paragraph.astext().split())}".strip()
        if len(text) > DESCRIPTION_LENGTH:
            return text[:DESCRIPTION_LENGTH].rsplit(" ", 1)[0].rstrip(",;:") + "…"
    return text


def _ancestors(node: nodes.Node):
    while node.parent is not None:
        node = node.parent
        yield node


def _describe_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The description and OpenGraph title (html/page.html writes the tags): a paper page is
    described by its summary's first sentence, any other page by its opening text."""
    paper = _paper_for(app, pagename)
    if paper:
        context["page_og_title"] = paper.long_name
        context["page_description"] = first_sentence(paper.summary) if paper.summary else paper.long_name
    elif doctree is not None:
        context["page_og_title"] = _plain_title(context)
        context["page_description"] = page_description(doctree) or context["page_og_title"]


class SearchBox(SphinxDirective):
    """The search box and the way to all papers, in the page itself: on a phone the theme
    keeps its own box behind the menu button."""

    def run(self):
        here = _to_root(self.env.docname)
        form = (f'<form class="catalogue-search" action="{here}search.html" method="get" role="search">'
                '<label for="catalogue-search-query">Find a paper by its name, an author, a backbone or a topic</label>'
                '<span class="catalogue-search-row"><input id="catalogue-search-query" type="search" name="q">'
                '<button type="submit">Search</button></span></form>'
                f'<p class="catalogue-search-more"><a href="{here}{GENERATED.name}/all.html">All papers</a> in one table, '
                f'with filters · <a href="{here}{GENERATED.name}/leaderboards/index.html">Leaderboards</a></p>')
        return [nodes.raw("", form, format="html")]


class GeneratedHtml(SphinxDirective):
    """A table or list that the generator wrote as HTML (render._html_block, escaped by its
    template), passed through as it is. Only the generated list pages may hold one, never a
    paper page: docutils' own raw directive stays disabled (docs/docutils.conf), and
    summaries cannot hold directives at all."""

    has_content = True

    def run(self):
        slug = self.env.docname.removeprefix(f"{GENERATED.name}/")
        if slug == self.env.docname or slug in _CATALOGUES[str(self.env.srcdir)].by_slug:
            raise self.error("catalogue-html holds the generator's tables and lists: only its list pages use it")
        return [nodes.raw("", "\n".join(self.content), format="html")]


class CatalogueOverview(SphinxDirective):
    """Counts and the newest additions, for the hand-written landing page."""

    def run(self):
        catalogue = _CATALOGUES[str(self.env.srcdir)]
        # all.md changes whenever a paper is added, removed or re-dated: re-read this page then.
        self.env.note_dependency(str(Path(self.env.srcdir) / GENERATED.name / "all.md"))
        papers = catalogue.papers
        here = _to_root(self.env.docname)
        lines = [
            f"**{len(papers)} papers** · **{len(catalogue.topics)} topics** · "
            f"**{len(catalogue.years())} years** ({catalogue.years()[-1]}–{catalogue.years()[0]})",
            "",
            "Newest additions:",
            "",
        ]
        newest = sorted(papers, key=lambda p: (p.added or "", p.date or ""), reverse=True)[:NEWEST]
        for paper in newest:
            lines.append(
                f"- [{md(paper.name)}](<{here}{GENERATED.name}/{paper.slug}.md>): {md(paper.title)}"
                f" ({md(paper.venue or 'preprint')}, {md(paper.date or 'date awaiting verification')})"
            )
        return self.parse_text_to_nodes("\n".join(lines))


_LINE_BREAKS = {"<br />\n", "\\\\\n"}


def _update_moved_places(app: Sphinx, catalogue: Catalogue) -> None:
    """Bring up to date, in the written HTML, the places of paper pages that only moved.

    A page's places are filled in as it is written (_fill_places). When a result elsewhere
    moves them ("3rd of 40" becomes "4th of 41"), the place links are all that changed, and a
    new result moves the places on every page of its board: about 1,000 pages at N=5,000. So
    the links are patched in the HTML where it stands (about 1 ms a page, where Sphinx's
    rewrite costs 30 ms); a page written before place links had this form is removed instead,
    so that Sphinx writes it again. Places are left out of the search index, which stays right.
    """
    places = placements(boards(catalogue))
    _PLACES[str(app.srcdir)] = places
    if app.builder.name not in ("html", "dirhtml"):
        return  # other builders (linkcheck) share the environment: it keeps the HTML's places
    previous = getattr(app.env, "catalogue_places", None)
    app.env.catalogue_places = places
    if previous is None:
        return
    moved = {slug for (slug, *_), place in places.items() ^ previous.items()}
    for slug in moved:
        target = Path(app.outdir, app.builder.get_target_uri(f"{GENERATED.name}/{slug}"))
        if not target.is_file():
            continue
        page = target.read_text(encoding="utf-8")
        if PLACE_LINK.search(page):
            target.write_text(with_places(page, slug, places), encoding="utf-8")
        else:
            target.unlink()


def with_places(page: str, slug: str, places: dict) -> str:
    """A paper page's HTML with each place link showing the place it has in `places`."""
    def current(link: re.Match) -> str:
        board, variant = html.unescape(link["board"]), html.unescape(link["variant"])
        return place_link(html.unescape(link["href"]), board, variant, places.get((slug, board, variant)))

    return PLACE_LINK.sub(current, page)


class place_node(nodes.Inline, nodes.Element):
    """Where a result stands on its board, filled in when the page is written."""


def _place_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    fields = dict(parse_qsl(text))
    return [place_node(board=fields.get("board", ""), variant=fields.get("variant", ""))], []


# The one form of a place link in the HTML, so that _update_moved_places can find it again.
PLACE_LINK = re.compile(r'<a class="catalogue-place" href="(?P<href>[^"]*)" data-board="(?P<board>[^"]*)" '
                        r'data-variant="(?P<variant>[^"]*)" data-pagefind-ignore>[^<]*</a>')


def place_link(href: str, board: str, variant: str, place: tuple[int, int] | None) -> str:
    """A result's place on its board as a link to the board."""
    return (f'<a class="catalogue-place" href="{html.escape(href)}" data-board="{html.escape(board)}" '
            f'data-variant="{html.escape(variant)}" data-pagefind-ignore>{place_text(place)}</a>')


def place_text(place: tuple[int, int] | None) -> str:
    """(rank, rows on the board) as "4th of 23"; "–" for a result with no place."""
    return f"{ordinal(place[0])} of {place[1]}" if place else "–"


def _fill_places(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    places = _PLACES.get(str(app.srcdir), {})
    slug = docname.removeprefix(f"{GENERATED.name}/")
    for node in list(doctree.findall(place_node)):
        place = places.get((slug, node["board"], node["variant"]))
        if app.builder.format != "html" or place is None:
            node.replace_self(nodes.Text(place_text(place)))
            continue
        node["href"] = app.builder.get_relative_uri(docname, f"{GENERATED.name}/leaderboards/{node['board']}")
        node["place"] = place


def _visit_place(self, node) -> None:
    self.body.append(place_link(node["href"], node["board"], node["variant"], node["place"]))
    raise nodes.SkipNode


def _check_paper_page(app: Sphinx, doctree: nodes.document) -> None:
    """A generated paper page may link only to the web (https) and to other pages of the site:
    no downloads, images, raw output or local files, whatever got past the validator."""
    paper = _paper_for(app, app.env.docname)
    if paper is None:
        return
    problems = []
    for node in doctree.findall(nodes.Element):  # one walk over the page
        if isinstance(node, nodes.raw) and node.astext() in _LINE_BREAKS:
            continue  # MyST writes a hard line break as raw output
        if isinstance(node, (addnodes.download_reference, nodes.image, nodes.raw)):
            problems.append(f"would publish a {type(node).__name__.replace('_', ' ')}")
        elif isinstance(node, nodes.reference):
            uri = node.get("refuri", "")
            if uri and not node.get("internal") and not uri.startswith("https://"):
                problems.append(f"would link to '{uri[:80]}', which is not an https:// address")
        elif isinstance(node, addnodes.pending_xref):
            if node.get("reftype") not in ("myst", "doc") or "://" in node.get("reftarget", ""):
                problems.append(f"would hold a cross-reference of type '{node.get('reftype')}'")
    if problems:
        app.env.catalogue_breaches = [*getattr(app.env, "catalogue_breaches", []),
                                      *(Problem(paper.path, "summary", p) for p in dict.fromkeys(problems))]


def _stop_on_breaches(app: Sphinx, env) -> None:
    breaches, env.catalogue_breaches = getattr(env, "catalogue_breaches", []), []
    if breaches:
        stop(_root(app), breaches, "on the generated pages; nothing was published")


def _visit_math(self, node) -> None:
    self.body.append(to_mathml(node.astext(), display=False))
    raise nodes.SkipNode


def _visit_math_block(self, node) -> None:
    self.body.append(f'<div class="math-block">{to_mathml(node.astext(), display=True)}</div>')
    raise nodes.SkipNode


def _skip(self, node) -> None:
    raise nodes.SkipNode


# Files that are not pages, written into the build output in this one place (the search
# index too, below). Pages link them with {catalogue-file}`name`.
EXPORTS = export.FILES
FEED = "feed.atom"


def _file_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """A link to one of the files above, relative to the page: Sphinx knows only pages and downloads."""
    if text not in EXPORTS:
        message = inliner.reporter.error(f"{text!r} is not a file the build writes; one of: {', '.join(EXPORTS)}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    here = _to_root(inliner.document.settings.env.docname)
    return [nodes.reference(rawtext, text, refuri=f"{here}{text}", classes=["catalogue-file"])], []


def _bibliography_roles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Docutils marks a bibliography role="list" whose children are entries and back-links, not
    list items (axe: aria-required-children), and each entry with doc-biblioentry, a role
    DPUB-ARIA 1.1 deprecates (Lighthouse: aria-deprecated-role). Plain divs say nothing false."""
    if "body" in context and "citation-list" in context["body"]:
        body = context["body"].replace('<div role="list" class="citation-list">', '<div class="citation-list">')
        context["body"] = body.replace(' role="doc-biblioentry"', "")


def _feed_link(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Every page tells feed readers where the feed of additions is."""
    href = context["pathto"](FEED, 1)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" type="application/atom+xml" title="New papers in the catalogue" href="{attr(href)}" />')


def _write_exports(app: Sphinx, exception) -> None:
    if exception is not None or app.builder.format != "html":
        return
    outputs = [Path(app.outdir, name) for name in EXPORTS] + [search.entry_file(Path(app.outdir))]
    if not app.builder.catalogue_pages_written and all(path.is_file() for path in outputs):
        return  # no page changed, so neither did the data they come from: 3 s saved at N=1,000
    catalogue = _CATALOGUES[str(app.srcdir)]
    site = app.config.html_baseurl.rstrip("/") + "/" if app.config.html_baseurl else ""

    def write_files() -> None:
        for name, render in EXPORTS.items():
            Path(app.outdir, name).write_text(render(catalogue, site), encoding="utf-8")

    # Written while Pagefind indexes: an edit's two costs (N=1,000: 0.13 s and 0.25 s) overlap.
    search.build_index(Path(app.outdir), _search_shards(app), app.builder.catalogue_pages_written, meanwhile=write_files)


def _search_shards(app: Sphinx) -> dict[str, list[str]]:
    """The search index's shards, each with its pages (search.py), from the documents Sphinx knows."""
    return search.shards({app.builder.get_target_uri(doc): _paper_for(app, doc) is not None for doc in app.env.found_docs})


def _search_page_context(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The search page is told which shards to merge into the main index, and the filters' values."""
    if pagename == "search":
        catalogue = _CATALOGUES[str(app.srcdir)]
        context["catalogue_search_shards"] = " ".join(name for name in _search_shards(app) if name)
        context["catalogue_search_filters"] = json.dumps(search.filter_counts(catalogue.papers, catalogue.topics),
                                                         ensure_ascii=False)


def _add_theme_files(app: Sphinx, config) -> None:
    config.html_static_path.append(str(STATIC))
    # New objects, not appended ones: a default list is shared by every build in one process.
    config.templates_path = [*config.templates_path, str(HTML_TEMPLATES)]
    config.html_additional_pages = {"search": "catalogue-search.html", **config.html_additional_pages}


def setup(app: Sphinx) -> dict:
    app.add_config_value("catalogue_root", None, "env", types=(str, type(None)))
    app.connect("config-inited", _add_theme_files)
    app.connect("config-inited", _freeze_what_outlives_the_build, priority=900)  # after every other handler
    # Before other extensions read the generated files (sphinxcontrib-bibtex reads cited.bib).
    app.connect("builder-inited", _freeze_the_loaded_environment, priority=50)
    app.connect("builder-inited", _generate, priority=100)
    app.connect("builder-inited", _reset_build_state)
    app.connect("builder-inited", _use_pagefind)
    app.connect("builder-inited", _skip_design_transforms_on_generated_pages)
    app.connect("html-page-context", _shared_navigation, priority=400)  # before furo (500)
    app.connect("html-page-context", _citation_meta)
    app.connect("html-page-context", _describe_page)
    app.connect("html-page-context", _search_fields)
    app.connect("html-page-context", _feed_link)
    app.connect("html-page-context", _search_page_context)
    app.connect("html-page-context", _bibliography_roles)
    app.connect("doctree-read", _check_paper_page)
    app.connect("doctree-read", _bound_doctree_cache)
    app.connect("doctree-read", _checkpoint_reading)  # after the cache drops a doctree, so it is collected
    app.connect("write-started", _unfreeze_for_writing)
    app.connect("env-updated", _stop_on_breaches)
    app.connect("build-finished", _write_exports)
    app.connect("build-finished", _unfreeze, priority=900)
    # Math as MathML made at build time (html_math_renderer = "mathml" in conf.py): no MathJax.
    app.add_html_math_renderer("mathml", (_visit_math, None), (_visit_math_block, None))
    app.add_directive("catalogue-overview", CatalogueOverview)
    app.add_directive("catalogue-search-box", SearchBox)
    app.add_directive("catalogue-html", GeneratedHtml)
    app.add_node(place_node, html=(_visit_place, None), text=(_skip, None), latex=(_skip, None))
    app.add_role("catalogue-place", _place_role)
    app.add_role("catalogue-file", _file_role)
    app.connect("doctree-resolved", _fill_places)
    app.connect("doctree-resolved", _note_written)
    app.add_css_file("catalogue.css")
    app.add_js_file("catalogue.js", defer="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}

