"""Which Markdown a contributor's summary may use.

Summaries are untrusted: pull requests are built on a machine with files on it and served
to readers' browsers. A summary is parsed by the site's own MyST parser, in the place the page
template puts it (under its heading, with a heading after it), and its tokens are walked against
an allow-list, so anything we did not think of is refused by default, and a block left open,
which would swallow the rest of the page, is refused too.

A summary is a paragraph or a few of prose: it needs no code blocks (whose syntax highlighting
can take minutes on hostile input), no directives, no images (a remote image is a tracking
pixel) and no reference definitions.
"""

from __future__ import annotations

import re

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

from .mathml import tex_problems

# Shared with docs/conf.py so the validator parses exactly what the site will render.
MYST_EXTENSIONS = ["dollarmath"]
MYST_DISABLED_SYNTAX = ["html_block", "html_inline"]

MAX_SUMMARY_CHARS = 3000
MIN_WORDS, MAX_WORDS = 80, 200
# What the page template puts around a summary (render.py, templates/paper.md.j2).
_BEFORE, _AFTER = "## Summary\n\n", "\n\n## After the summary\n"

# Block and inline structure a summary may contain.
_ALLOWED_TOKENS = {
    "paragraph_open", "paragraph_close", "inline", "text", "softbreak", "hardbreak",
    "em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close", "code_inline",
    "bullet_list_open", "bullet_list_close", "ordered_list_open", "ordered_list_close",
    "list_item_open", "list_item_close", "blockquote_open", "blockquote_close",
    "math_inline", "math_block",
    "table_open", "table_close", "thead_open", "thead_close", "tbody_open", "tbody_close",
    "tr_open", "tr_close", "th_open", "th_close", "td_open", "td_close",
    "link_open", "link_close", "myst_role",
}
_ALLOWED_ROLES = {"math", "sub", "sup"}

_WHY = {
    "html_block": "raw HTML is not allowed; use Markdown",
    "html_inline": "raw HTML is not allowed; use Markdown",
    "heading_open": "headings are not allowed in a summary; the page supplies its own; use **bold** text",
    "front_matter": "front matter is not allowed in a summary",
    "myst_target": "targets like (name)= are not allowed in a summary",
    "myst_block_break": "block breaks (+++) are not allowed in a summary",
    "myst_line_comment": "% comment lines are not allowed in a summary; write \\% for a percent sign",
    "footnote_ref": "footnotes are not allowed in a summary; link the source inline",
    "footnote_reference_open": "footnotes are not allowed in a summary; link the source inline",
    "fence": "code blocks and directives (```) are not allowed in a summary; use `inline code`",
    "code_block": "indented code blocks are not allowed in a summary; remove the leading spaces",
    "image": "images are not allowed in a summary; link to the figure instead",
    "hr": "horizontal rules (---) are not allowed in a summary",
    "math_block_label": "labelled equations are not allowed in a summary; remove the (label)",
}

_parsers: dict[bool, object] = {}


def _md(html: bool):
    """MyST's parser as the site configures it; with `html`, raw HTML is parsed too, so the
    validator can see it and name it (the site shows it as text)."""
    if html not in _parsers:
        config = MdParserConfig(
            enable_extensions=set(MYST_EXTENSIONS), **({} if html else {"disable_syntax": MYST_DISABLED_SYNTAX})
        )
        _parsers[html] = create_md_parser(config, RendererHTML)
    return _parsers[html]


def _safe_target(url: str) -> bool:
    return bool(re.fullmatch(r"https://[A-Za-z0-9.-]+\.[A-Za-z]{2,}(?:[/?#][^\s]*)?", url))


def summary_problems(text: str) -> list[str]:
    """Every construct in `text` outside the allow-list, each as a message for the contributor."""
    if len(text) > MAX_SUMMARY_CHARS:
        return [f"is {len(text):,} characters; keep summaries under {MAX_SUMMARY_CHARS:,} (80-200 words)"]
    problems: list[str] = []
    if re.search(r"(?i)\]\(\s*<?\s*(javascript|vbscript|data|file)\s*:", text):
        # markdown-it already renders these as plain text; say so instead of silently dropping the link
        problems.append("javascript:, vbscript:, data: and file: links are not allowed; links must be https:// URLs")
    env: dict = {}
    # Raw HTML needs a "<": without one the site's own parser (HTML off) reads the text exactly
    # as the HTML-aware one would, and is the one already built for the placement check.
    _walk(_md(html="<" in text).parse(text, env), problems)
    if env.get("references"):
        problems.append("reference definitions ([name]: url) are not allowed; write links inline as [text](https://...)")
    if not problems:
        problems += _placement_problems(text)
    return list(dict.fromkeys(problems))  # each message once, in order


def _placement_problems(text: str) -> list[str]:
    """The summary, parsed where the template puts it, must end where it ends: a block left
    open (a fence, $$ math) would swallow the headings and the BibTeX after it."""
    tokens = _md(html=False).parse(_BEFORE + text.strip() + _AFTER)
    headings = [t for t in tokens if t.type == "heading_open"]
    last = tokens[-2] if len(tokens) >= 2 else None
    if len(headings) != 2 or last is None or last.type != "inline" or last.content != _AFTER.strip("\n# "):
        return ["has a block that is never closed (a $$ without its closing $$, say), which would swallow the rest of the page; close it"]
    return []


def word_count(text: str) -> int:
    return len(re.findall(r"\S+", text))


def _walk(tokens, problems: list[str]) -> None:
    for token in tokens:
        kind = token.type
        if kind not in _ALLOWED_TOKENS:
            problems.append(_WHY.get(kind, f"the Markdown construct '{kind}' is not allowed in a summary"))
            continue
        if kind == "link_open":
            href = str(token.attrs.get("href", ""))
            if not _safe_target(href):
                problems.append(f"link target '{href[:80]}' is not allowed; links must be absolute https:// URLs")
        elif kind == "myst_role":
            name = token.meta.get("name", "")
            if name not in _ALLOWED_ROLES:
                problems.append(f"the role {{{name}}} is not allowed; allowed roles: {', '.join(sorted(_ALLOWED_ROLES))}")
            elif name == "math":
                problems += tex_problems(token.content)
        elif kind in ("math_inline", "math_block"):
            problems += tex_problems(token.content)
        if token.children:
            _walk(token.children, problems)


def first_sentence(summary: str) -> str:
    """The summary's first sentence as plain text (Markdown marks and links dropped)."""
    text = " ".join(summary.split())
    text = re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text)  # [words](url) -> words
    text = re.sub(r"[*_`]+", "", text)
    match = re.match(r"(.+?[.!?])(?:\s+[A-Z0-9(\"'“]|$)", text)
    return match.group(1) if match else text
