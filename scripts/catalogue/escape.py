"""Escaping for each syntax a catalogue value lands in: one function per syntax, each with a
property test (tests/test_escape.py) that any string comes out as inert text.

Templates and writers never insert a raw value; they pass it through the function for the
syntax around it, so a title with `*`, `_`, `{`, `<`, `$`, `|`, `)[` or `=` stays text:

    md           Markdown (MyST) paragraph, heading or table-cell text
    md_url       a Markdown link destination: [text](<here>)
    myst_option  a MyST directive option value (:alt: in a figure)
    attr         HTML text or a double-quoted HTML attribute
    csv_cell     a CSV cell a spreadsheet opens
    chart_label  text matplotlib draws (never read as mathtext)
    issue_text   text in a GitHub issue body (no links, images, HTML or @mentions)
"""

from __future__ import annotations

import html
import json
import re

# CommonMark lets any ASCII punctuation be backslash-escaped; escaping all of it also
# disarms MyST's own syntax ({role}, $math$, (target)=, % comments).
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")
# What a URL may keep as it is in a link destination: RFC 3986's unreserved and reserved
# characters, less ( ) [ ] (they end or nest Markdown links), and % before two hex digits.
URL_KEEPS = re.compile(r"[A-Za-z0-9\-._~:/?#@!$&'*+,;=]|%[0-9A-Fa-f]{2}")
# A spreadsheet runs a cell (or a ;-separated part of one, where it splits on ;) as a formula
# when it starts with one of these.
_FORMULA_STARTS = ("=", "+", "-", "@")  # tabs and line breaks are gone: a cell is one line


def _one_line(text) -> str:
    return " ".join(str(text).split())


def md(text: str) -> str:
    """Literal text inside a Markdown paragraph, heading or table cell."""
    return _PUNCTUATION.sub(r"\\\1", _one_line(text))


def md_url(url: str) -> str:
    """A link destination for `[text](<here>)` that stays one destination: every character a
    URL may not hold as it is is percent-encoded (so `)`, `]`, `|`, spaces and controls cannot
    end the link or the table cell), and `&` is backslash-escaped so that `&lt;` in a query is
    not read as an HTML entity."""
    out, i = [], 0
    while i < len(url):
        kept = URL_KEEPS.match(url, i)
        if kept:
            out.append(kept.group(0))
            i = kept.end()
        else:
            out.append("".join(f"%{byte:02X}" for byte in url[i].encode("utf-8", "surrogatepass")))
            i += 1
    return "".join(out).replace("&", "\\&")


def myst_option(text: str) -> str:
    """A MyST directive option value (`:alt: here`): one JSON-quoted line, so `#` is not a YAML
    comment and `: ` not a mapping."""
    return json.dumps(_one_line(text), ensure_ascii=False)


def attr(text: str) -> str:
    """HTML text, or a value inside a double-quoted HTML attribute (meta tags, data- attributes)."""
    return html.escape(_one_line(text), quote=True)


def csv_cell(value) -> str:
    """A one-line CSV cell that a spreadsheet shows as text: each `;`-separated part that would
    start a formula (after spaces) gets a leading apostrophe, the spreadsheets' mark for text."""
    parts = []
    for part in _one_line(value).split(";"):
        text = part.lstrip(" ")
        parts.append(part[: len(part) - len(text)] + "'" + text if text[:1] in _FORMULA_STARTS and text else part)
    return ";".join(parts)


def chart_label(text: str) -> str:
    """Text for matplotlib: one line with every `$` escaped, so mathtext never parses it
    (a benchmark called `$\\frac{1}{$` is drawn as those characters, not as a failing formula)."""
    return _one_line(text).replace("$", r"\$")


def issue_text(text: str) -> str:
    """Text in a GitHub issue body as an inline code span: no link, image, HTML, autolink or
    @mention inside it is acted on. The fence is longer than any backtick run in the text."""
    line = _one_line(text)
    if not line:
        return "(empty)"
    ticks = "`" * (max((len(run) for run in re.findall(r"`+", line)), default=0) + 1)
    return f"{ticks} {line} {ticks}"


def fence(text: str) -> str:
    """A code fence long enough that no backtick run inside `text` can close it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)
