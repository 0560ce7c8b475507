"""A board as a LaTeX table for a paper's "Table 1": booktabs, a \\cite per row, the catalogue's keys.

The board's script copies the head, the lines of the rows a reader has left shown after
filtering, and the foot; each piece is made here, escaped like the BibTeX (bibtex.latex), so
the table compiles with pdflatex and every \\cite names an entry of catalogue.bib.
"""

from __future__ import annotations

from .bibtex import latex as _bib_latex
from .leaderboard import Row, score_text, size_text
from .model import Benchmark


def latex(text: str) -> str:
    """Text for a table cell: the BibTeX escaping, and the characters that print as other
    glyphs in LaTeX's default font encoding (| < >) as the commands for them."""
    return (_bib_latex(text).replace("|", "\\textbar{}").replace("<", "\\textless{}")
            .replace(">", "\\textgreater{}"))


def columns(benchmark: Benchmark) -> list[str]:
    return ["Model", "Size", "Score", *benchmark.splits]


def head(benchmark: Benchmark, page: str) -> str:
    """The table's opening, down to \\midrule; `page` is where the reader copied it from."""
    names = columns(benchmark)
    spec = "l" + "r" * (len(names) - 1)
    return (f"% {latex(benchmark.name)} leaderboard, from the Universal Multimodal Embedding Papers catalogue\n"
            f"% {page}\n"
            "% Needs \\usepackage{booktabs}; the keys are those of the catalogue's BibTeX.\n"
            "\\begin{table}[t]\n\\centering\n"
            f"\\begin{{tabular}}{{{spec}}}\n\\toprule\n"
            + " & ".join(latex(n) for n in names) + " \\\\\n\\midrule\n")


def foot(benchmark: Benchmark) -> str:
    return ("\\bottomrule\n\\end{tabular}\n"
            f"\\caption{{{latex(benchmark.name)} ({latex(benchmark.metric)}): each score as its source prints it.}}\n"
            "\\end{table}\n")


def row_line(row: Row, benchmark: Benchmark, key: str) -> str:
    """One row: the model as the source names it with its \\cite, its size, the score, the splits."""
    printed = dict(row.result.splits)
    cells = [f"{latex(row.result.variant)}~\\cite{{{key}}}", latex(size_text(row.result.size)), score_text(row.score),
             *(score_text(printed[s]) if s in printed else "--" for s in benchmark.splits)]
    return " & ".join(cells) + " \\\\\n"
