"""Which Markdown a contributor's summary may use.

Summaries are untrusted: pull requests are built on a machine with files on it and served
to readers' browsers. We parse each summary with the same MyST parser the site uses and
walk its tokens against an allow-list, so anything we did not think of is refused by default.
"""

from __future__ import annotations

import re

from markdown_it.renderer import RendererHTML
from myst_parser.config.main import MdParserConfig
from myst_parser.parsers.mdit import create_md_parser

# Shared with docs/conf.py so the validator parses exactly what the site will render.
MYST_EXTENSIONS = ["dollarmath"]
MYST_DISABLED_SYNTAX = ["html_block", "html_inline"]

MAX_SUMMARY_CHARS = 3000
MIN_WORDS, MAX_WORDS = 80, 200

# Block and inline structure a summary may contain.
_ALLOWED_TOKENS = {
    "paragraph_open", "paragraph_close", "inline", "text", "softbreak", "hardbreak",
    "em_open", "em_close", "strong_open", "strong_close", "s_open", "s_close", "code_inline",
    "bullet_list_open", "bullet_list_close", "ordered_list_open", "ordered_list_close",
    "list_item_open", "list_item_close", "blockquote_open", "blockquote_close",
    "code_block", "fence", "math_inline", "math_block", "hr",
    "table_open", "table_close", "thead_open", "thead_close", "tbody_open", "tbody_close",
    "tr_open", "tr_close", "th_open", "th_close", "td_open", "td_close",
    "link_open", "link_close", "image", "myst_role", "myst_line_comment",
}
_ALLOWED_DIRECTIVES = {"note", "tip", "hint", "important", "warning", "caution", "attention", "seealso", "math"}
_ALLOWED_DIRECTIVE_OPTIONS = {"class", "name", "label"}
_ALLOWED_ROLES = {"math", "sub", "sup", "abbr"}

_WHY = {
    "html_block": "raw HTML is not allowed; use Markdown",
    "html_inline": "raw HTML is not allowed; use Markdown",
    "heading_open": "headings are not allowed in a summary; the page supplies its own; use **bold** text",
    "front_matter": "front matter is not allowed in a summary",
    "myst_target": "targets like (name)= are not allowed in a summary",
    "myst_block_break": "block breaks (+++) are not allowed in a summary",
    "footnote_ref": "footnotes are not allowed in a summary; link the source inline",
    "footnote_reference_open": "footnotes are not allowed in a summary; link the source inline",
}

_parser = None


def _md():
    global _parser
    if _parser is None:
        # Raw HTML stays enabled here (unlike on the site) so the validator sees it and names it.
        config = MdParserConfig(enable_extensions=set(MYST_EXTENSIONS))
        _parser = create_md_parser(config, RendererHTML)
    return _parser


def _safe_target(url: str) -> bool:
    return bool(re.match(r"^https?://[^\s/]+\.[^\s/]+", url)) and "javascript:" not in url.lower()


def summary_problems(text: str) -> list[str]:
    """Every construct in `text` outside the allow-list, each as a message for the contributor."""
    if len(text) > MAX_SUMMARY_CHARS:
        return [f"is {len(text):,} characters; keep summaries under {MAX_SUMMARY_CHARS:,} (80-200 words)"]
    problems: list[str] = []
    if re.search(r"(?i)\]\(\s*<?\s*(javascript|vbscript|data)\s*:", text):
        # markdown-it already renders these as plain text; say so instead of silently dropping the link
        problems.append("javascript:, vbscript: and data: links are not allowed; links must be absolute http(s) URLs")
    _walk(_md().parse(text), problems, depth=0)
    return list(dict.fromkeys(problems))  # each message once, in order


def word_count(text: str) -> int:
    return len(re.findall(r"\S+", text))


def _walk(tokens, problems: list[str], depth: int) -> None:
    for token in tokens:
        kind = token.type
        if kind not in _ALLOWED_TOKENS:
            problems.append(_WHY.get(kind, f"the Markdown construct '{kind}' is not allowed in a summary"))
            continue
        if kind == "fence" and token.info.strip().startswith("{"):
            _check_directive(token.info.strip(), token.content, problems, depth)
        elif kind == "link_open":
            href = str(token.attrs.get("href", ""))
            if not _safe_target(href):
                problems.append(f"link target '{href}' is not allowed; links must be absolute http(s) URLs")
        elif kind == "image":
            src = str(token.attrs.get("src", ""))
            if not _safe_target(src):
                problems.append(f"image source '{src}' is not allowed; images must be absolute http(s) URLs")
        elif kind == "myst_role":
            name = token.meta.get("name", "")
            if name not in _ALLOWED_ROLES:
                problems.append(f"the role {{{name}}} is not allowed; allowed roles: {', '.join(sorted(_ALLOWED_ROLES))}")
        if token.children:
            _walk(token.children, problems, depth)


def _check_directive(info: str, content: str, problems: list[str], depth: int) -> None:
    match = re.match(r"^\{([^}\s]*)\}", info)
    name = match.group(1) if match else info
    if name not in _ALLOWED_DIRECTIVES:
        problems.append(
            f"the directive {{{name}}} is not allowed; allowed directives: {', '.join(sorted(_ALLOWED_DIRECTIVES))}"
        )
        return
    if depth >= 2:
        problems.append("directives are nested too deeply (at most two levels)")
        return
    body = []
    lines = content.splitlines()
    in_options = True
    for line in lines:
        option = re.match(r"^:([\w-]+):", line) if in_options else None
        if option:
            if option.group(1) not in _ALLOWED_DIRECTIVE_OPTIONS:
                problems.append(f"the option :{option.group(1)}: is not allowed on {{{name}}}")
            continue
        in_options = False
        body.append(line)
    if name != "math":  # a math body is LaTeX, not Markdown
        _walk(_md().parse("\n".join(body)), problems, depth + 1)
