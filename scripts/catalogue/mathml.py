"""Math rendered at build time, to MathML that browsers display natively.

No MathJax: a summary's TeX never reaches a script in the reader's browser (where `\\href` made a
live javascript: link and `\\style` painted over the page), and no page loads a third-party CDN.
latex2mathml does the conversion; its output is rebuilt from an allow-list of MathML elements
and attributes, because it passes `\\href`, `\\style` and raw `<` in `\\text{}` straight through.
"""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

from latex2mathml.converter import convert_to_element

MATHML = "http://www.w3.org/1998/Math/MathML"
# Commands that link, style, load or define: refused with a message (and dropped if they slip by).
_REFUSED = {"href", "url", "style", "class", "cssId", "html", "require", "unicode", "mmlToken", "data",
            "def", "gdef", "edef", "let", "newcommand", "renewcommand", "providecommand", "DeclareMathOperator",
            "input", "include", "catcode", "csname", "color", "textcolor", "colorbox", "fcolorbox", "toggle",
            "tooltip", "texttip", "mathtip", "bbox"}
_ELEMENTS = {"math", "mrow", "mi", "mn", "mo", "ms", "mtext", "mspace", "msup", "msub", "msubsup", "mfrac",
             "msqrt", "mroot", "mover", "munder", "munderover", "mtable", "mtr", "mtd", "mstyle", "mpadded",
             "mphantom", "menclose", "merror", "mmultiscripts", "mprescripts", "none"}
_ATTRIBUTES = {"display", "mathvariant", "stretchy", "fence", "separator", "accent", "accentunder",
               "columnalign", "rowalign", "columnspacing", "rowspacing", "columnlines", "rowlines", "frame",
               "displaystyle", "scriptlevel", "lspace", "rspace", "width", "height", "depth", "voffset",
               "linethickness", "notation", "minsize", "maxsize", "symmetric", "movablelimits", "form",
               "largeop", "mathsize"}
_VALUE = re.compile(r"[\w.%+# -]{0,40}")  # sizes, keywords, names; never a URL or CSS
_CHARACTER_REFERENCE = re.compile(r"&#x([0-9A-Fa-f]{1,6});")  # latex2mathml writes symbols as these
MAX_TEX_CHARS = 1000


def tex_problems(tex: str) -> list[str]:
    """What is wrong with one piece of TeX from a summary, as messages for the contributor."""
    if len(tex) > MAX_TEX_CHARS:
        return [f"a formula is {len(tex):,} characters; keep each under {MAX_TEX_CHARS:,}"]
    refused = sorted({name for name in re.findall(r"\\([A-Za-z]+)", tex) if name in _REFUSED})
    if refused:
        names = ", ".join(f"\\{name}" for name in refused)
        return [f"math may not use {names} (links, styles, colours and definitions are not allowed in formulas)"]
    try:
        to_mathml(tex, display=False)
    except Exception as err:  # noqa: BLE001 - any failure to convert is the contributor's to fix
        return [f"the formula '{tex[:60]}' cannot be read ({type(err).__name__}); check its braces and commands"]
    return []


def to_mathml(tex: str, display: bool) -> str:
    """One formula as a MathML string, safe to insert into HTML."""
    try:
        element = convert_to_element(tex, display="block" if display else "inline")
    except RecursionError:
        raise ValueError("nested too deeply") from None
    return ET.tostring(_clean(element), encoding="unicode", short_empty_elements=False)


def _clean(element: ET.Element) -> ET.Element:
    """A copy of `element` holding only allowed MathML: unknown elements keep their text only."""
    tag = element.tag.split("}")[-1]
    out = ET.Element(tag if tag in _ELEMENTS else "mrow")
    if tag == "math":
        out.set("xmlns", MATHML)
    for name, value in element.attrib.items():
        if name in _ATTRIBUTES and _VALUE.fullmatch(value):
            out.set(name, value)
    out.text = _characters(element.text) if tag in _ELEMENTS else None
    for child in element:
        cleaned = _clean(child)
        cleaned.tail = _characters(child.tail) if tag in _ELEMENTS else None
        out.append(cleaned)
    return out


def _characters(text: str | None) -> str | None:
    """Text with latex2mathml's character references decoded; ElementTree escapes it again."""
    if text is None:
        return None
    return _CHARACTER_REFERENCE.sub(lambda m: _character(int(m.group(1), 16)), text)


def _character(code: int) -> str:
    printable = code >= 0x20 and code not in range(0x7F, 0xA0) and code not in range(0xD800, 0xE000) and code <= 0x10FFFF
    return chr(code) if printable else "\ufffd"
