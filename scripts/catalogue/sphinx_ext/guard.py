"""What no generated paper page may hold, whatever got past the validator; and the one
directive that passes the generator's own HTML through, refused on paper pages."""

from __future__ import annotations

from docutils import nodes
from sphinx import addnodes
from sphinx.application import Sphinx
from sphinx.util.docutils import SphinxDirective

from ..generate import GENERATED
from ..model import Problem
from .build import catalogue_of, paper_for, project_root, stop

_LINE_BREAKS = {"<br />\n", "\\\\\n"}


def check_paper_page(app: Sphinx, doctree: nodes.document) -> None:
    """A generated paper page may link only to the web (https) and to other pages of the site:
    no downloads, images, raw output or local files."""
    paper = paper_for(app, app.env.docname)
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


def stop_on_breaches(app: Sphinx, env) -> None:
    breaches, env.catalogue_breaches = getattr(env, "catalogue_breaches", []), []
    if breaches:
        stop(project_root(app), breaches, "on the generated pages; nothing was published")


class GeneratedHtml(SphinxDirective):
    """A table or list that the generator wrote as HTML (render._html_block, escaped by its
    template), passed through as it is. Only the generated list pages may hold one, never a
    paper page: docutils' own raw directive stays disabled (docs/docutils.conf), and
    summaries cannot hold directives at all."""

    has_content = True

    def run(self):
        slug = self.env.docname.removeprefix(f"{GENERATED.name}/")
        if slug == self.env.docname or slug in catalogue_of(self.env.srcdir).by_slug:
            raise self.error("catalogue-html holds the generator's tables and lists: only its list pages use it")
        return [nodes.raw("", "\n".join(self.content), format="html")]
