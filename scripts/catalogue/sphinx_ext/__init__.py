"""Sphinx glue: the generator runs at the start of every build, and pages get what they need.

One concern a module, each importing only `build` (and `outputs` also `head`):
  build    runs the generator on builder-inited; stops the build with located errors
  memory   the garbage collector and the doctree cache, for large catalogues
  theme    our static files and templates; shortcuts in what furo and sphinx-design do
  head     description, OpenGraph, citation tags, the feed's address
  places   each result's place on its board, kept current on paper pages
  authors  author names on paper pages, linked to their entries on the author pages
  guard    what no generated paper page may hold
  markup   directives and roles for hand-written pages; math as MathML
  outputs  the exports, the feed and the search index, written after the pages
"""

from __future__ import annotations

from sphinx.application import Sphinx

from . import authors, build, guard, head, markup, memory, outputs, places, theme

HTML = "html-page-context"


def setup(app: Sphinx) -> dict:
    app.add_config_value("catalogue_root", None, "env", types=(str, type(None)))
    # The events in the order Sphinx fires them; within one event, by priority (default 500).
    for event, handler, priority in (
        ("config-inited", theme.add_theme_files, 500),
        ("config-inited", memory.freeze_what_outlives_the_build, 900),  # after every other handler
        ("builder-inited", memory.freeze_the_loaded_environment, 50),
        # Before other extensions read the generated files (sphinxcontrib-bibtex reads cited.bib).
        ("builder-inited", build.generate_pages, 100),
        ("builder-inited", places.update_moved_places, 110),
        ("builder-inited", authors.index_names, 110),
        ("builder-inited", memory.start_counting, 500),
        ("builder-inited", theme.start_navigation, 500),
        ("builder-inited", theme.skip_design_transforms_on_generated_pages, 500),
        ("builder-inited", outputs.use_pagefind, 500),
        ("doctree-read", guard.check_paper_page, 500),
        ("doctree-read", memory.bound_doctree_cache, 500),
        ("doctree-read", memory.checkpoint_reading, 500),  # after the cache drops a doctree, so it is collected
        ("env-updated", guard.stop_on_breaches, 500),
        ("write-started", memory.unfreeze_for_writing, 500),
        ("doctree-resolved", places.fill_places, 500),
        ("doctree-resolved", outputs.note_written, 500),
        (HTML, theme.shared_navigation, 400),  # before furo's handler (500), which calls it
        (HTML, head.citation_meta, 500),
        (HTML, head.describe_page, 500),
        (HTML, head.feed_link, 500),
        (HTML, outputs.search_fields, 500),
        (HTML, outputs.search_page_context, 500),
        (HTML, theme.bibliography_roles, 500),
        ("build-finished", outputs.write_exports, 500),
        ("build-finished", memory.unfreeze, 900),
    ):
        app.connect(event, handler, priority=priority)
    # Math as MathML made at build time (html_math_renderer = "mathml" in conf.py): no MathJax.
    app.add_html_math_renderer("mathml", (markup.visit_math, None), (markup.visit_math_block, None))
    app.add_directive("catalogue-overview", markup.CatalogueOverview)
    app.add_directive("catalogue-search-box", markup.SearchBox)
    app.add_directive("catalogue-html", guard.GeneratedHtml)
    app.add_role("catalogue-file", markup.file_role)
    app.add_role("catalogue-place", places.place_role)
    app.add_role("catalogue-author", authors.author_role)
    app.add_node(places.place_node, html=(places.visit_place, None), text=(places.skip, None), latex=(places.skip, None))
    app.add_css_file("catalogue.css")
    app.add_js_file("catalogue.js", defer="defer")
    return {"version": "1", "parallel_read_safe": True, "parallel_write_safe": True, "env_version": 1}
