"""Where each result stands on its board ("3rd of 40"), on paper pages: a role, a node filled
in when the page is written, and a patch of the written HTML when only the places moved."""

from __future__ import annotations

import html
import re
from pathlib import Path
from urllib.parse import parse_qsl

from docutils import nodes
from sphinx.application import Sphinx

from ..generate import GENERATED
from ..leaderboard import boards, ordinal, placements
from .build import catalogue_of

# Each result's place on its board, by source folder (the environment is pickled, so they stay out of it).
_PLACES: dict[str, dict] = {}
# The one form of a place link in the HTML, so that update_moved_places can find it again.
PLACE_LINK = re.compile(r'<a class="catalogue-place" href="(?P<href>[^"]*)" data-board="(?P<board>[^"]*)" '
                        r'data-variant="(?P<variant>[^"]*)" data-pagefind-ignore>[^<]*</a>')


class place_node(nodes.Inline, nodes.Element):
    """Where a result stands on its board, filled in when the page is written."""


def place_role(name, rawtext, text, lineno, inliner, options=None, content=None):
    fields = dict(parse_qsl(text))
    return [place_node(board=fields.get("board", ""), variant=fields.get("variant", ""))], []


def update_moved_places(app: Sphinx) -> None:
    """Bring up to date, in the written HTML, the places of paper pages that only moved.

    A page's places are filled in as it is written (fill_places). When a result elsewhere
    moves them ("3rd of 40" becomes "4th of 41"), the place links are all that changed, and a
    new result moves the places on every page of its board: about 1,000 pages at N=5,000. So
    the links are patched in the HTML where it stands (about 1 ms a page, where Sphinx's
    rewrite costs 30 ms); a page written before place links had this form is removed instead,
    so that Sphinx writes it again. Places are left out of the search index, which stays right.
    """
    places = placements(boards(catalogue_of(app.srcdir)))
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


def place_link(href: str, board: str, variant: str, place: tuple[int, int] | None) -> str:
    """A result's place on its board as a link to the board."""
    return (f'<a class="catalogue-place" href="{html.escape(href)}" data-board="{html.escape(board)}" '
            f'data-variant="{html.escape(variant)}" data-pagefind-ignore>{place_text(place)}</a>')


def place_text(place: tuple[int, int] | None) -> str:
    """(rank, rows on the board) as "4th of 23"; "–" for a result with no place."""
    return f"{ordinal(place[0])} of {place[1]}" if place else "–"


def fill_places(app: Sphinx, doctree: nodes.document, docname: str) -> None:
    places = _PLACES.get(str(app.srcdir), {})
    slug = docname.removeprefix(f"{GENERATED.name}/")
    for node in list(doctree.findall(place_node)):
        place = places.get((slug, node["board"], node["variant"]))
        if app.builder.format != "html" or place is None:
            node.replace_self(nodes.Text(place_text(place)))
            continue
        node["href"] = app.builder.get_relative_uri(docname, f"{GENERATED.name}/leaderboards/{node['board']}")
        node["place"] = place


def visit_place(self, node) -> None:
    self.body.append(place_link(node["href"], node["board"], node["variant"], node["place"]))
    raise nodes.SkipNode


def skip(self, node) -> None:
    raise nodes.SkipNode
