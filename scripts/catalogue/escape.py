"""Escaping for each place a catalogue value lands: Markdown text, Markdown tables, HTML.

Templates never insert a raw value; they pass it through one of these, so a title with
`*`, `_`, `{`, `<`, `$`, `|` or quotes renders literally and cannot change the page.
"""

from __future__ import annotations

import html
import re

# CommonMark lets any ASCII punctuation be backslash-escaped; escaping all of it also
# disarms MyST's own syntax ({role}, $math$, (target)=, % comments).
_PUNCTUATION = re.compile(r"([!-/:-@\[-`{-~])")


def md(text: str) -> str:
    """Literal text inside a Markdown paragraph, heading or table cell."""
    one_line = " ".join(str(text).split())
    return _PUNCTUATION.sub(r"\\\1", one_line)


def attr(text: str) -> str:
    """A value inside a double-quoted HTML attribute (meta tags)."""
    return html.escape(" ".join(str(text).split()), quote=True)


def fence(text: str) -> str:
    """A code fence long enough that no backtick run inside `text` can close it."""
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    return "`" * max(3, longest + 1)
