"""The generator: load -> validate -> render -> write, and its command line.

    python -m catalogue validate   # check data/ and report every problem; writes nothing
    python -m catalogue generate   # validate, then bring docs/papers/ up to date

Both exit 1 with one line per problem when the data is wrong.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from .bibtex import cited_key_clashes
from .export import awesome_round_trip
from .load import cited_keys
from .memo import Memo
from .model import Catalogue, CatalogueError
from .render import render_catalogue
from .validate import load_catalogue
from .write import ForeignFileError, WriteReport, write_pages

ROOT = Path(__file__).resolve().parents[2]
GENERATED = Path("docs") / "papers"  # relative to the project root


def generate(root: Path = ROOT, memo: Memo | None = None) -> tuple[Catalogue, WriteReport]:
    """Validate everything first; only a clean catalogue reaches the disk."""
    catalogue = load_catalogue(root, memo=memo)
    cited = cited_keys(root / "docs", GENERATED.name)
    # Problems only the outputs show (a cited key taken over, a title the awesome list misreads)
    # stop the run here too, before anything is written.
    problems = cited_key_clashes(catalogue.papers, cited) + awesome_round_trip(catalogue, memo)
    if problems:
        raise CatalogueError(problems)
    pages = render_catalogue(catalogue, memo, cited=cited)
    return catalogue, write_pages(root / GENERATED, pages)


def pending_notes(catalogue: Catalogue) -> list[str]:
    """Numbers the papers report but the catalogue has not entered yet: notes, not problems."""
    return [f"note: {paper.path}: pending_results: {catalogue.benchmarks[w.benchmark].name}: {w.reason}"
            for paper in sorted(catalogue.papers, key=lambda p: p.path) for w in paper.pending_results]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m catalogue", description=__doc__.splitlines()[0])
    parser.add_argument("command", choices=["validate", "generate"])
    parser.add_argument("--root", type=Path, default=ROOT, help="project root holding data/ (default: this checkout)")
    args = parser.parse_args(argv)
    try:
        if args.command == "validate":
            catalogue = load_catalogue(args.root)
            print(f"ok: {len(catalogue.papers)} papers, {len(catalogue.topics)} topics")
            for note in pending_notes(catalogue):
                print(note)
        else:
            catalogue, report = generate(args.root)
            print(f"ok: {len(catalogue.papers)} papers; {len(report.written)} pages written, "
                  f"{len(report.removed)} removed, {report.unchanged} unchanged")
    except CatalogueError as err:
        for problem in err.problems:
            print(problem, file=sys.stderr)
        print(f"{len(err.problems)} problem(s) found; nothing was written.", file=sys.stderr)
        return 1
    except ForeignFileError as err:
        print(err, file=sys.stderr)
        return 1
    return 0
