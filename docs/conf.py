"""Sphinx configuration: every line is a decision; the catalogue extension does the rest."""

import functools
import os
import sys
from pathlib import Path
from urllib.parse import urlsplit

import pybtex.plugin

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "scripts"))
from catalogue.linkcheck import SETTINGS as LINKCHECK_SETTINGS  # noqa: E402
from catalogue.summary import MYST_DISABLED_SYNTAX, MYST_EXTENSIONS  # noqa: E402

project = "Universal Multimodal Embedding Papers"
author = "the catalogue's contributors"
copyright = "2026, the catalogue's contributors"

extensions = [
    "myst_parser",
    "sphinx_design",
    "sphinx_copybutton",
    "sphinxcontrib.bibtex",
    "notfound.extension",
    "catalogue.sphinx_ext",  # regenerates docs/papers/ from data/ at the start of every build
]

# Markdown: the same syntax the summary validator allows; raw HTML is shown as text.
myst_enable_extensions = MYST_EXTENSIONS
myst_disable_syntax = MYST_DISABLED_SYNTAX
myst_heading_anchors = 2
# Math becomes MathML at build time (scripts/catalogue/mathml.py): no MathJax, no CDN, no TeX in the browser.
html_math_renderer = "mathml"
smartquotes = False  # titles and names stay exactly as the papers print them ("--" is not a dash)

exclude_patterns = ["_build", "README.md"]

html_theme = "furo"
html_title = "Universal Multimodal Embedding Papers"
html_static_path = []
html_favicon = "favicon.svg"  # Sphinx copies it to _static/; without it every page's request for one was a 404
html_baseurl = os.environ.get("READTHEDOCS_CANONICAL_URL", "")
# OpenGraph (og:url) and sitemap URLs are absolute where the site's address is known (Read the
# Docs); the 404 page's links are absolute paths, so they work however deep the missing address was.
if html_baseurl:  # a sitemap lists absolute URLs: built where the address is known
    extensions.append("sphinx_sitemap")
sitemap_url_scheme = "{link}"  # the canonical URL already holds the language and version
notfound_urls_prefix = urlsplit(html_baseurl).path or "/"
html_copy_source = False  # generated sources are not worth a download per page
html_show_sourcelink = False
html_use_index = False  # no index entries anywhere: an empty "Index" page would only mislead

# Only the entries hand-written pages cite ({cite} roles), written by the generator; paper
# pages never depend on it, and the full papers/catalogue.bib is a download, not parsed.
bibtex_bibfiles = ["papers/cited.bib"]
bibtex_default_style = "plain"
bibtex_reference_style = "author_year"
bibtex_tooltips = False
# pybtex scans entry points on every plugin lookup; caching it saves seconds per build.
pybtex.plugin.find_plugin = functools.lru_cache(maxsize=None)(pybtex.plugin.find_plugin)

copybutton_exclude = ".linenos, .gp"

# linkcheck_* settings tuned for arXiv, GitHub, Hugging Face and CVF (reasons beside each value).
globals().update(LINKCHECK_SETTINGS)
