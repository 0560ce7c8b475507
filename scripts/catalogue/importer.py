"""Import an awesome-list Markdown table (Title | Year | Paper | Github) into draft entries.

The import is a reproducible starting point, not the truth: every draft is marked as
awaiting verification, and every anomaly repaired (or not) on the way is reported.

    python -m catalogue.importer README.md --out data/papers   # never overwrites a file
"""

from __future__ import annotations

import argparse
import functools
import re
import sys
from dataclasses import dataclass, field
from pathlib import Path

import ftfy
import yaml
from markdown_it import MarkdownIt

from . import urls
from .validate import SLUG


@dataclass
class Draft:
    slug: str
    entry: dict
    line: int


@dataclass
class ImportReport:
    drafts: list[Draft] = field(default_factory=list)
    anomalies: list[str] = field(default_factory=list)  # "line N: what was found -> what was done"


def _fix_mojibake(line: str) -> str:
    """ftfy for the usual Windows-1252 mix-ups, then runs that are UTF-8 read as Mac Roman
    (what the seed has), which ftfy's heuristics leave alone."""
    fixed = ftfy.fix_text(line)

    def undo_mac_roman(match: re.Match) -> str:
        try:
            return match.group(0).encode("mac_roman").decode("utf-8")
        except (UnicodeEncodeError, UnicodeDecodeError):
            return match.group(0)

    return re.sub(r"[^\x00-\x7f]+", undo_mac_roman, fixed)


def _clean_lines(text: str, report: ImportReport) -> list[str]:
    lines, header = [], 0
    for number, line in enumerate(text.splitlines(), 1):
        fixed = _fix_mojibake(line)
        if fixed != line:
            report.anomalies.append(f"line {number}: mojibake {line[:24]!r}... repaired as {fixed[:24]!r}...")
        elif re.search(r"[ÔÃÂ][\x80-\uffff]", line):
            report.anomalies.append(f"line {number}: looks like mojibake but could not be repaired: {line[:40]!r}")
        if fixed.lstrip().startswith("｜"):
            fixed = "|" + fixed.lstrip()[1:]
            report.anomalies.append(f"line {number}: row starts with a full-width bar '｜' -> replaced by '|'")
        if fixed.startswith("|") and not fixed.rstrip().endswith("|"):
            fixed = fixed.rstrip() + "|"
        if fixed.startswith("|"):
            cells = [c.strip() for c in re.split(r"(?<!\\)\|", fixed.strip().strip("|"))]  # an escaped \| stays in its cell
            header = header or len(cells)
            if len(cells) > header and any(cells[header:]):
                # Markdown tables drop cells beyond the header's: report them before they vanish.
                extra = [c for c in cells[header:] if c]
                report.anomalies.append(f"line {number}: extra cells {extra} after the last column -> ignored")
                if any(c.lower() == "unreleased" for c in extra) and "](" in cells[header - 1]:
                    report.anomalies.append(f"line {number}: says 'Unreleased' but links code -> check which is stale")
        lines.append(fixed)
    return lines


def _cells(inline_token) -> tuple[str, list[tuple[str, str]]]:
    """A cell's plain text and its (link text, href) pairs."""
    text, links, current = [], [], None
    for child in inline_token.children or []:
        if child.type == "link_open":
            current = [str(child.attrs.get("href", "")), ""]
        elif child.type == "link_close" and current:
            links.append((current[1], current[0]))
            current = None
        elif child.type in ("text", "code_inline"):
            text.append(child.content)
            if current:
                current[1] += child.content
    return "".join(text).strip(), links


@functools.cache  # one parser: the export's round trip reads the table a row at a time
def _parser() -> MarkdownIt:
    return MarkdownIt("commonmark").enable("table")


def _rows(lines: list[str]) -> list[tuple[int, list]]:
    tokens = _parser().parse("\n".join(lines))
    rows, row, line = [], None, 0
    for token in tokens:
        if token.type == "tr_open":
            row, line = [], (token.map[0] + 1 if token.map else 0)
        elif token.type == "inline" and row is not None:
            row.append(_cells(token))
        elif token.type == "tr_close":
            rows.append((line, row))
            row = None
    return rows[1:]  # the first row is the header


def _paper_link(href: str, line: int, report: ImportReport) -> tuple[str | None, str | None, str | None]:
    """(paper url, pdf url, arxiv id) from the seed's paper link, repairing what it can."""
    original = href
    href = href.strip().strip("()<>")
    if href != original:
        report.anomalies.append(f"line {line}: link {original!r} had extra brackets -> {href!r}")
    arxiv = urls.arxiv_id_in(href)
    if arxiv:
        if href != urls.arxiv_abs(arxiv):
            report.anomalies.append(f"line {line}: {href} is not the abstract page -> {urls.arxiv_abs(arxiv)}")
        return urls.arxiv_abs(arxiv), urls.arxiv_pdf(arxiv), arxiv
    if "github.com" in href:
        report.anomalies.append(f"line {line}: the paper link {href} is a GitHub page, not a paper -> left out")
        return None, None, None
    if href.lower().endswith(".pdf"):
        report.anomalies.append(f"line {line}: the paper link {href} is a PDF with no abstract page -> kept as links.pdf")
        return None, href, None
    return href, None, None


def _slug(title: str, taken: set[str]) -> str:
    name = title.split(":")[0] if ":" in title and len(title.split(":")[0]) <= 30 else " ".join(title.split()[:4])
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "paper"
    candidate, n = slug, 2
    while candidate in taken:
        candidate, n = f"{slug}-{n}", n + 1
    return candidate


def import_awesome_list(text: str) -> ImportReport:
    report = ImportReport()
    taken: set[str] = set()
    for line, row in _rows(_clean_lines(text, report)):
        if len(row) < 3 or not row[0][0]:
            report.anomalies.append(f"line {line}: row has no title or paper column -> skipped")
            continue
        title = row[0][0]
        entry: dict = {"title": title}
        paper_href = row[2][1][0][1] if row[2][1] else ""
        paper, pdf, arxiv = _paper_link(paper_href, line, report) if paper_href else (None, None, None)
        links = {k: v for k, v in (("paper", paper), ("pdf", pdf)) if v}
        code_text, code_links = row[3] if len(row) > 3 else ("", [])
        for label, href in code_links:  # the label says which it is (a Github cell may link a dataset page)
            if label.strip().lower() == "github":
                links["code"] = href
            elif label.strip().lower() == "huggingface" or "huggingface.co" in href:
                links["models"] = href
            elif "github.com" in href:
                links["code"] = href
        if code_text.lower() == "unreleased":
            entry["code"] = "unreleased"
            report.anomalies.append(f"line {line}: 'Unreleased' is a snapshot -> code: unreleased, re-check")
        if arxiv:
            entry["arxiv"] = arxiv
            entry["date"] = f"20{arxiv[:2]}-{arxiv[2:4]}"
            year = row[1][0]
            if year and year != entry["date"][:4]:
                report.anomalies.append(f"line {line}: year {year} but arXiv {arxiv} is from {entry['date'][:4]} -> check the id")
        if links:
            entry["links"] = links
        missing = [f for f in ("authors", "date", "links.paper", "topics", "summary")
                   if f not in entry and not (f == "links.paper" and "paper" in links)]
        entry["unverified"] = missing
        slug = _slug(title, taken)
        if not SLUG.fullmatch(slug):
            report.anomalies.append(f"line {line}: could not make a slug from {title!r} -> skipped")
            continue
        taken.add(slug)
        report.drafts.append(Draft(slug=slug, entry=entry, line=line))
    return report


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m catalogue.importer", description=__doc__.splitlines()[0])
    parser.add_argument("source", type=Path, help="the awesome list's Markdown file")
    parser.add_argument("--out", type=Path, help="folder for draft entries; without it, only report")
    args = parser.parse_args(argv)
    report = import_awesome_list(args.source.read_text(encoding="utf-8", errors="replace"))
    for anomaly in report.anomalies:
        print(anomaly)
    print(f"{len(report.drafts)} entries, {len(report.anomalies)} anomalies")
    if args.out:
        clashes = [d.slug for d in report.drafts if (args.out / f"{d.slug}.yaml").exists()]
        if clashes:  # a contributor's file is never overwritten
            print(f"not written: these entries already exist in {args.out}: {', '.join(clashes)}", file=sys.stderr)
            return 1
        args.out.mkdir(parents=True, exist_ok=True)
        for draft in report.drafts:
            text = yaml.safe_dump(draft.entry, sort_keys=False, allow_unicode=True)
            (args.out / f"{draft.slug}.yaml").write_text(text, encoding="utf-8")
    return 0


if __name__ == "__main__":
    sys.exit(main())
