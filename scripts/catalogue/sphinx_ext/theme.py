"""What the theme (furo) and sphinx-design get from us, and what we change in what they do."""

from __future__ import annotations

from pathlib import Path

from sphinx.application import Sphinx

from ..generate import GENERATED
from .build import paper_for

STATIC = Path(__file__).parent.parent / "static"
HTML_TEMPLATES = Path(__file__).parent.parent / "html"  # the search page and the page head


def add_theme_files(app: Sphinx, config) -> None:
    config.html_static_path.append(str(STATIC))
    # New objects, not appended ones: a default list is shared by every build in one process.
    config.templates_path = [*config.templates_path, str(HTML_TEMPLATES)]
    config.html_additional_pages = {"search": "catalogue-search.html", **config.html_additional_pages}


def start_navigation(app: Sphinx) -> None:
    app.builder.catalogue_navigation = {}  # per build: the toctree may have changed


def shared_navigation(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Build the sidebar once for all paper pages instead of once per page.

    Paper pages are orphans in one folder, so the site navigation (furo renders the whole
    toctree on every page) is the same HTML on each of them; building it per page took 10 s
    of a 119 s profiled full build at N=1,000 (docs/benchmark.md). Runs before furo's handler, which calls it.
    """
    if "toctree" not in context or paper_for(app, pagename) is None:
        return
    build, shared = context["toctree"], app.builder.catalogue_navigation

    def toctree(**options):
        key = tuple(sorted(options.items()))
        if key not in shared:
            shared[key] = build(**options)
        return shared[key]

    context["toctree"] = toctree


def skip_design_transforms_on_generated_pages(app: Sphinx) -> None:
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


def bibliography_roles(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Docutils marks a bibliography role="list" whose children are entries and back-links, not
    list items (axe: aria-required-children), and each entry with doc-biblioentry, a role
    DPUB-ARIA 1.1 deprecates (Lighthouse: aria-deprecated-role). Plain divs say nothing false."""
    if "body" in context and "citation-list" in context["body"]:
        body = context["body"].replace('<div role="list" class="citation-list">', '<div class="citation-list">')
        context["body"] = body.replace(' role="doc-biblioentry"', "")
