"""A board as a LaTeX table (scripts/catalogue/latex.py): escaped, one \\cite per row, and it
compiles with pdflatex and bibtex against the catalogue's own BibTeX, every key resolved."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from catalogue.bibtex import citation_keys, to_bibtex
from catalogue.latex import foot, head, row_line
from catalogue.leaderboard import board_rows
from catalogue.validate import load_catalogue
from conftest import FAKE_DATA, PROJECT

DOCUMENT = "\\documentclass{article}\n\\usepackage[T1]{fontenc}\n\\usepackage{booktabs}\n\\begin{document}\n%s\n" \
           "\\bibliographystyle{plain}\n\\bibliography{refs}\n\\end{document}\n"


def compile_table(folder: Path, table: str, bib: str) -> str:
    """pdflatex, bibtex, pdflatex twice; the final log (it names any citation left undefined)."""
    (folder / "main.tex").write_text(DOCUMENT % table, encoding="utf-8")
    (folder / "refs.bib").write_text(bib, encoding="utf-8")
    for command in (["pdflatex"], ["bibtex"], ["pdflatex"], ["pdflatex"]):
        run = subprocess.run([*command, *(["-interaction=nonstopmode", "-halt-on-error"] if command == ["pdflatex"] else []),
                              "main"], cwd=folder, capture_output=True, text=True, timeout=120)
        assert run.returncode == 0, (command, run.stdout[-3000:])
    return (folder / "main.log").read_text(encoding="latin-1")


def needs_tex() -> None:
    """Skip where TeX is not installed; in CI (which installs it, .ci/run) fail instead."""
    if shutil.which("pdflatex") and shutil.which("bibtex"):
        return
    if os.environ.get("CI"):
        pytest.fail("CI must compile the LaTeX table: install texlive-latex-base and texlive-latex-recommended")
    pytest.skip("pdflatex and bibtex are not installed (Debian: texlive-latex-base texlive-latex-recommended)")


def test_a_row_cites_its_paper_and_escapes_its_name():
    catalogue = load_catalogue(FAKE_DATA.parent)
    unseen = catalogue.benchmarks["alpha-bench-unseen"]
    weird = next(r for r in board_rows(catalogue, unseen) if r.paper.slug == "weird-title")
    assert row_line(weird, unseen, "key2025") == "Weird \\textbar{} Model~\\cite{key2025} & 13B & 58.1 \\\\\n"
    benchmark = catalogue.benchmarks["alpha-bench"]
    fake = next(r for r in board_rows(catalogue, benchmark) if r.result.variant == "FakeEmbed-2B")
    assert row_line(fake, benchmark, "k") == "FakeEmbed-2B~\\cite{k} & 2B & 55.0 & -- & -- \\\\\n"  # splits not printed
    top = head(benchmark, "papers/leaderboards/alpha-bench.html")
    assert "\\begin{tabular}{lrrrr}" in top and "Model & Size & Score & Seen & Unseen \\\\" in top
    assert foot(benchmark).startswith("\\bottomrule\n\\end{tabular}")


@pytest.mark.parametrize("root", [FAKE_DATA.parent, PROJECT], ids=["fake", "real"])
def test_every_board_compiles_and_every_key_resolves(tmp_path, root):
    needs_tex()
    catalogue = load_catalogue(root)
    keys = citation_keys(catalogue.papers)
    tables, cited = [], {}
    for benchmark in catalogue.benchmarks.values():
        rows = board_rows(catalogue, benchmark)
        if rows:
            tables.append(head(benchmark, "x") + "".join(row_line(r, benchmark, keys[r.paper.slug]) for r in rows)
                          + foot(benchmark))
            cited |= {r.paper.slug: r.paper for r in rows}
    bib = "\n".join(to_bibtex(p, keys[slug]) for slug, p in cited.items())
    log = compile_table(tmp_path, "\n\\clearpage\n".join(tables), bib)
    assert "undefined" not in log.lower(), [line for line in log.splitlines() if "undefined" in line.lower()]
    assert (tmp_path / "main.pdf").is_file() and (tmp_path / "main.bbl").read_text().count("\\bibitem") == len(cited)
