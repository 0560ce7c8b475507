"""Build-time MathML: formulas render, and nothing in one can link, style or inject markup."""

import xml.etree.ElementTree as ET

import pytest

from catalogue.mathml import MATHML, tex_problems, to_mathml


def test_a_formula_becomes_mathml_with_real_characters():
    out = to_mathml(r"\mathcal{L} = -\log \frac{e^{s^+}}{\sum_j e^{s_j}}", display=True)
    assert out.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">')
    assert "<mfrac>" in out and "\u2112" in out and "&#x" not in out  # ℒ, not a double-escaped reference


@pytest.mark.parametrize("tex", [
    r"\href{javascript:alert(1)}{x}", r"\style{position:fixed;top:0}{x}", r"\class{evil}{x}", r"\cssId{x}{y}",
    r"\html{<b>}", r"\require{action}", r"\color{red}{x}", r"\newcommand{\x}{y}",
])
def test_linking_styling_and_defining_commands_are_refused_by_name(tex):
    name = tex[1:].split("{")[0]
    assert f"\\{name}" in " ".join(tex_problems(tex))


@pytest.mark.parametrize("tex", [
    r"\href{javascript:alert(1)}{x}", r"\style{position:fixed}{x}", r"\text{<img src=x onerror=alert(1)>}",
    r"\text{&#x3C;script&#x3E;}", r"\mathrm{x} \color{red} y",
])
def test_what_slips_past_the_refusal_still_renders_inert(tex):
    """Every element is MathML and no attribute can link or style: markup in \\text{} stays text."""
    root = ET.fromstring(to_mathml(tex, display=False))
    for element in root.iter():
        assert element.tag.startswith(f"{{{MATHML}}}m") or element.tag == f"{{{MATHML}}}none", element.tag
        assert not {"href", "style", "class", "id", "mathcolor", "onerror"} & set(element.attrib), element.attrib


@pytest.mark.parametrize("tex", [r"\left( x", "{" * 3000 + "}" * 3000, "x" * 2000])
def test_unreadable_or_oversize_formulas_are_refused_not_crashed(tex):
    assert tex_problems(tex)
