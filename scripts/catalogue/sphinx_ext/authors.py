"""Author names on paper pages, each a link to its entry on the author pages.

A paper page names an author by the key of their entry (`{catalogue-author}`e/ada-example``,
render.author_anchors), and the name itself is taken from the catalogue, so no name, whatever
characters it holds, is ever parsed as markup.
"""

from __future__ import annotations

from docutils import nodes
from sphinx.application import Sphinx

from ..generate import GENERATED
from ..render import author_anchors
from .build import catalogue_of

# Each build's author keys ("e/ada-example") and their names, by source folder.
_NAMES: dict[str, dict[str, str]] = {}


def index_names(app: Sphinx) -> None:
    anchors = author_anchors(catalogue_of(app.srcdir).papers)
    _NAMES[str(app.srcdir)] = {f"{letter}/{anchor}": name for name, (letter, anchor) in anchors.items()}


def author_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    env = inliner.document.settings.env
    author = _NAMES.get(str(env.srcdir), {}).get(text)
    if author is None:
        message = inliner.reporter.error(f"{text!r} is no author of the catalogue", line=lineno)
        return [inliner.problematic(rawtext, rawtext, message)], [message]
    letter, anchor = text.split("/", 1)
    href = f"{env.app.builder.get_relative_uri(env.docname, f'{GENERATED.name}/authors/{letter}')}#{anchor}"
    return [nodes.reference(rawtext, author, refuri=href, internal=True, classes=["catalogue-author"])], []
