"""Sphinx glue: regenerate the pages at the start of every build, and add what pages need.

Because the generator runs on `builder-inited`, a plain `sphinx-build docs out` (what Read the
Docs and sphinx-autobuild run) is always up to date, and bad data stops the build with the
validator's messages before anything is written.
"""

from __future__ import annotations

import functools
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.errors import ExtensionError
from sphinx.search.en import SearchEnglish
from sphinx.util import logging
from sphinx.util.docutils import SphinxDirective

from .escape import attr, md
from .generate import GENERATED, generate
from .memo import Memo
from .model import Catalogue, CatalogueError
from .write import ForeignFileError

logger = logging.getLogger(__name__)
STATIC = Path(__file__).parent / "static"
NEWEST = 8  # additions listed on the landing page
# The catalogue of the current build, by source folder (the environment is pickled, so it stays out).
_CATALOGUES: dict[str, Catalogue] = {}


class CatalogueDataError(ExtensionError):
    category = "Catalogue data error"


def _generate(app: Sphinx) -> None:
    root = Path(app.config.catalogue_root or Path(app.confdir).parent).resolve()
    memo = Memo(getattr(app.env, "catalogue_memo", None))
    try:
        catalogue, report = generate(root, memo)
    except CatalogueError as err:
        raise CatalogueDataError(
            f"{len(err.problems)} problem(s) in the catalogue; nothing was written:\n{err}"
        ) from None
    except ForeignFileError as err:
        raise CatalogueDataError(str(err)) from None
    _CATALOGUES[str(app.srcdir)] = catalogue
    app.env.catalogue_memo = memo.current  # pickled with the environment, read by the next build
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


def _reset_navigation(app: Sphinx) -> None:
    app.builder.catalogue_navigation = {}  # per build: the toctree may have changed


class CachedStemEnglish(SearchEnglish):
    """English search whose stemmer remembers words across pages.

    Sphinx memoises stemming per page only; the catalogue repeats the same vocabulary on
    every page: stemming took 16 s of a 119 s profiled full build at N=1,000 (docs/benchmark.md).
    """

    def __init__(self, options: dict[str, str]) -> None:
        super().__init__(options)
        self.stem = functools.lru_cache(maxsize=100_000)(super().stem)


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
    tags.append(("description", f"{paper.name}: {paper.title}"))
    context["metatags"] = context.get("metatags", "") + "".join(
        f'\n<meta name="{name}" content="{attr(value)}" />' for name, value in tags
    )


class CatalogueOverview(SphinxDirective):
    """Counts and the newest additions, for the hand-written landing page."""

    def run(self):
        catalogue = _CATALOGUES[str(self.env.srcdir)]
        # all.md changes whenever a paper is added, removed or re-dated: re-read this page then.
        self.env.note_dependency(str(Path(self.env.srcdir) / GENERATED.name / "all.md"))
        papers = catalogue.papers
        here = self.env.docname.count("/") * "../"
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


def _add_static_path(app: Sphinx, config) -> None:
    config.html_static_path.append(str(STATIC))


def setup(app: Sphinx) -> dict:
    app.add_config_value("catalogue_root", None, "env", types=(str, type(None)))
    app.connect("config-inited", _add_static_path)
    # Before other extensions read the generated files (sphinxcontrib-bibtex reads cited.bib).
    app.connect("builder-inited", _generate, priority=100)
    app.connect("builder-inited", _reset_navigation)
    app.connect("html-page-context", _shared_navigation, priority=400)  # before furo (500)
    app.connect("html-page-context", _citation_meta)
    app.add_search_language(CachedStemEnglish)
    app.add_directive("catalogue-overview", CatalogueOverview)
    app.add_css_file("catalogue.css")
    app.add_js_file("catalogue.js", defer="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}

