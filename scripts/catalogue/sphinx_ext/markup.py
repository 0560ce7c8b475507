"""What hand-written pages can say beyond MyST (the landing page's overview, the search box,
links to the build's files), and summary math as MathML made at build time (no MathJax)."""

from __future__ import annotations

from pathlib import Path

from docutils import nodes
from sphinx.util.docutils import SphinxDirective

from ..escape import md
from ..export import FILES
from ..generate import GENERATED
from ..mathml import to_mathml
from .build import catalogue_of, to_root

NEWEST = 8  # additions listed on the landing page


class SearchBox(SphinxDirective):
    """The search box and the way to all papers, in the page itself: on a phone the theme
    keeps its own box behind the menu button."""

    def run(self):
        here = to_root(self.env.docname)
        form = (f'<form class="catalogue-search" action="{here}search.html" method="get" role="search">'
                '<label for="catalogue-search-query">Find a paper by its name, an author, a backbone or a topic</label>'
                '<span class="catalogue-search-row"><input id="catalogue-search-query" type="search" name="q">'
                '<button type="submit">Search</button></span></form>'
                f'<p class="catalogue-search-more"><a href="{here}{GENERATED.name}/all.html">All papers</a> in one table, '
                f'with filters · <a href="{here}{GENERATED.name}/leaderboards/index.html">Leaderboards</a></p>')
        return [nodes.raw("", form, format="html")]


class CatalogueOverview(SphinxDirective):
    """Counts and the newest additions, for the hand-written landing page."""

    def run(self):
        catalogue = catalogue_of(self.env.srcdir)
        # all.md changes whenever a paper is added, removed or re-dated: re-read this page then.
        self.env.note_dependency(str(Path(self.env.srcdir) / GENERATED.name / "all.md"))
        papers = catalogue.papers
        here = to_root(self.env.docname)
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


def file_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    """A link to one of the files the build writes (outputs.write_exports), relative to the
    page: Sphinx knows only pages and downloads."""
    if text not in FILES:
        message = inliner.reporter.error(f"{text!r} is not a file the build writes; one of: {', '.join(FILES)}", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    here = to_root(inliner.document.settings.env.docname)
    return [nodes.reference(rawtext, text, refuri=f"{here}{text}", classes=["catalogue-file"])], []


def visit_math(self, node) -> None:
    self.body.append(to_mathml(node.astext(), display=False))
    raise nodes.SkipNode


def visit_math_block(self, node) -> None:
    self.body.append(f'<div class="math-block">{to_mathml(node.astext(), display=True)}</div>')
    raise nodes.SkipNode
