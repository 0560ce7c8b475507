"""The page head: description, OpenGraph title, citation tags and the feed's address."""

from __future__ import annotations

import html
import re

from docutils import nodes
from sphinx.application import Sphinx

from ..escape import attr
from ..summary import first_sentence
from .build import paper_for

FEED = "feed.atom"  # written by outputs.write_exports (export.FILES)
DESCRIPTION_LENGTH = 200  # characters: what search engines and link previews show of a description


def citation_meta(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Highwire `citation_*` tags on paper pages, so Zotero and Scholar can read the paper."""
    paper = paper_for(app, pagename)
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


def describe_page(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """The description and OpenGraph title (html/page.html writes the tags): a paper page is
    described by its summary's first sentence, any other page by its opening text."""
    paper = paper_for(app, pagename)
    if paper:
        context["page_og_title"] = paper.long_name
        context["page_description"] = first_sentence(paper.summary) if paper.summary else paper.long_name
    elif doctree is not None:
        context["page_og_title"] = plain_title(context)
        context["page_description"] = page_description(doctree) or context["page_og_title"]


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


def plain_title(context: dict) -> str:
    """The page's title as text (the theme's context holds it as HTML)."""
    return html.unescape(re.sub(r"<[^>]+>", "", context.get("title", "")))


def feed_link(app: Sphinx, pagename: str, templatename: str, context: dict, doctree) -> None:
    """Every page tells feed readers where the feed of additions is."""
    href = context["pathto"](FEED, 1)
    context["metatags"] = context.get("metatags", "") + (
        f'\n<link rel="alternate" type="application/atom+xml" title="New papers in the catalogue" href="{attr(href)}" />')
