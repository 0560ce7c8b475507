"""BibTeX entries and reference lines, generated from the facts of an entry.

Pure functions: a Paper in, text out. Output is plain ASCII: LaTeX specials are escaped and
accented letters become LaTeX accent commands, so both BibTeX and biber read it.
"""

from __future__ import annotations

import re
import unicodedata

from pybtex.database.input.bibtex import Parser
from pybtex.scanner import PybtexError

from .model import BibOverride, Paper, Problem

# Full proceedings names for the venues this field publishes in; others are used as written.
_PROCEEDINGS = {
    "CVPR": "Proceedings of the IEEE/CVF Conference on Computer Vision and Pattern Recognition (CVPR)",
    "ICCV": "Proceedings of the IEEE/CVF International Conference on Computer Vision (ICCV)",
    "ECCV": "Proceedings of the European Conference on Computer Vision (ECCV)",
    "ICLR": "International Conference on Learning Representations (ICLR)",
    "ICML": "Proceedings of the International Conference on Machine Learning (ICML)",
    "NeurIPS": "Advances in Neural Information Processing Systems (NeurIPS)",
    "ACL": "Proceedings of the Annual Meeting of the Association for Computational Linguistics (ACL)",
    "EMNLP": "Proceedings of the Conference on Empirical Methods in Natural Language Processing (EMNLP)",
    "AAAI": "Proceedings of the AAAI Conference on Artificial Intelligence (AAAI)",
    "ACM MM": "Proceedings of the ACM International Conference on Multimedia (ACM MM)",
    "WSDM": "Proceedings of the ACM International Conference on Web Search and Data Mining (WSDM)",
    "SIGIR": "Proceedings of the International ACM SIGIR Conference on Research and Development in Information Retrieval (SIGIR)",
}
_JOURNALS = {"TMLR": "Transactions on Machine Learning Research", "TPAMI": "IEEE Transactions on Pattern Analysis and Machine Intelligence"}

_SPECIALS = {
    "\\": r"\textbackslash{}", "{": r"\{", "}": r"\}", "$": r"\$", "&": r"\&", "%": r"\%",
    "#": r"\#", "_": r"\_", "~": r"\textasciitilde{}", "^": r"\textasciicircum{}",
}
_ACCENTS = {  # combining mark -> LaTeX accent command
    "\u0301": "'", "\u0300": "`", "\u0302": "^", "\u0308": '"', "\u0303": "~", "\u0304": "=",
    "\u0307": ".", "\u030b": "H", "\u030c": "v", "\u0306": "u", "\u030a": "r", "\u0327": "c", "\u0328": "k",
}
_LETTERS = {
    "ß": r"{\ss}", "ø": r"{\o}", "Ø": r"{\O}", "æ": r"{\ae}", "Æ": r"{\AE}", "œ": r"{\oe}", "Œ": r"{\OE}",
    "ł": r"{\l}", "Ł": r"{\L}", "ı": r"{\i}", "–": "--", "—": "---", "‘": "`", "’": "'", "“": "``", "”": "''",
}
_STOP_WORDS = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "towards", "toward"}


def latex(text: str) -> str:
    """Escape `text` for a BibTeX field value."""
    out = []
    for char in unicodedata.normalize("NFC", text):
        if char in _SPECIALS:
            out.append(_SPECIALS[char])
        elif char in _LETTERS:
            out.append(_LETTERS[char])
        elif ord(char) < 128:
            out.append(char)
        else:
            out.append(_accented(char))
    return "".join(out)


def _accented(char: str) -> str:
    base, *marks = unicodedata.normalize("NFD", char)
    if not marks or not all(m in _ACCENTS for m in marks) or ord(base) > 127:
        return char  # no ASCII spelling (e.g. CJK): biber reads it as UTF-8
    text = "\\i" if base == "i" and marks else base
    for mark in marks:
        command = _ACCENTS[mark]
        text = f"\\{command}{{{text}}}" if command.isalpha() else f"\\{command}{text}"
    return "{" + text + "}"


_TRANSLITERATE = str.maketrans({"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "ß": "ss", "æ": "ae", "Æ": "AE",
                                "œ": "oe", "Œ": "OE", "đ": "d", "Đ": "D", "ı": "i"})


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text.translate(_TRANSLITERATE)).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]", "", folded.lower())


def _title_word(title: str) -> str:
    for word in title.split():
        cleaned = _ascii_word(word)
        if cleaned and cleaned not in _STOP_WORDS:
            return cleaned
    return "untitled"


def base_key(paper: Paper) -> str:
    """`<first author's surname><year><first title word>`, e.g. jiang2025vlm2vec. The year is the
    entry's `year` field, the version cited (Paper.cited_year), so key and year agree; keys made
    with the first version's year before this rule still name their paper (data/bibtex-aliases.yaml)."""
    surname = _ascii_word(paper.authors[0].split()[-1]) if paper.authors else "anonymous"
    return f"{surname or 'anonymous'}{paper.cited_year or 'nd'}{_title_word(paper.title)}"


def citation_keys(papers) -> dict[str, str]:
    """A unique key per slug. Once published, a key never changes: where keys clash, the paper
    that entered the catalogue first keeps the plain key and later ones take b, c, ..."""
    groups: dict[str, list[Paper]] = {}
    for paper in papers:
        groups.setdefault(base_key(paper), []).append(paper)
    keys = {}
    for key, group in groups.items():
        arrival = sorted(group, key=lambda p: (p.added or "9999", p.date or "", p.slug))
        for i, paper in enumerate(arrival):
            keys[paper.slug] = key + _suffix(i)
    return keys


def cited_key_clashes(papers, cited: frozenset[str]) -> list[Problem]:
    """A key a hand-written page cites must keep meaning one paper. Where a second paper shares
    its base (first author, year, first title word), which one gets it would turn on `added`
    dates, so a new entry could take it: both entries are named instead."""
    groups: dict[str, list[Paper]] = {}
    for paper in papers:
        groups.setdefault(base_key(paper), []).append(paper)
    keys = citation_keys(papers)
    problems = []
    for group in groups.values():
        taken = sorted(keys[p.slug] for p in group if keys[p.slug] in cited)
        if len(group) > 1 and taken:
            paths = [p.path for p in sorted(group, key=lambda p: p.path)]
            for paper in group:
                others = ", ".join(path for path in paths if path != paper.path)
                problems.append(Problem(paper.path, "title", f"gives the citation key {keys[paper.slug]}, of a group shared with "
                                                             f"{others}, where a hand-written page cites {', '.join(taken)}: "
                                                             "which paper that citation means would turn on the added dates "
                                                             "alone; say so in the pull request, so a maintainer decides"))
    return problems


def _suffix(i: int) -> str:
    """'' for the first paper, then b ... z, then bb, cc, ..."""
    if i == 0:
        return ""
    letters = "bcdefghijklmnopqrstuvwxyz"
    return letters[(i - 1) % 25] * ((i - 1) // 25 + 1)


# The authors' own entry (`bibtex:` in a data file) is parsed, checked and written out again:
# only these types and fields, and in values only accents and escapes, never a TeX command that
# could run when a reader compiles catalogue.bib (\immediate\write18, \input, ...).
OVERRIDE_TYPES = ("article", "inproceedings", "incollection", "misc", "techreport")
OVERRIDE_FIELDS = ("title", "author", "editor", "booktitle", "journal", "year", "month", "volume", "number", "pages",
                   "publisher", "organization", "institution", "address", "series", "eprint", "archivePrefix",
                   "primaryClass", "url", "doi", "note")
_PERSON_FIELDS = ("author", "editor")
_ALLOWED_COMMANDS = {"i", "j", "o", "O", "l", "L", "ss", "ae", "AE", "oe", "OE", "aa", "AA", "u", "v", "H", "c",
                     "k", "r", "d", "b", "t", "textendash", "textemdash", "emph", "textit", "textbf", "textsc"}
MAX_FIELD_CHARS = 1000


def parse_override(text: str) -> tuple[BibOverride | None, list[str]]:
    """The authors' BibTeX entry, parsed; or messages saying what to fix."""
    try:
        data = Parser().parse_string(text)
    except (PybtexError, ValueError) as err:
        return None, [f"is not valid BibTeX ({str(err)[:120]}); fix it or leave it out to have it generated"]
    if data.preamble:
        return None, ["may not hold @preamble; give just the paper's entry"]
    if len(data.entries) != 1:
        return None, [f"must hold exactly one entry (found {len(data.entries)})"]
    (entry,) = data.entries.values()
    problems = []
    kind = entry.type.lower()
    if kind not in OVERRIDE_TYPES:
        problems.append(f"type @{kind} is not allowed; use one of {', '.join('@' + t for t in OVERRIDE_TYPES)}")
    names = {name.lower(): name for name in OVERRIDE_FIELDS}
    fields = {}
    for name, value in [*entry.fields.items(), *((n, " and ".join(str(p) for p in ps)) for n, ps in entry.persons.items())]:
        if name.lower() not in names:
            problems.append(f"field '{name[:40]}' is not allowed; allowed fields: {', '.join(OVERRIDE_FIELDS)}")
            continue
        problems += [f"{name}: {message}" for message in _value_problems(value)]
        fields[names[name.lower()]] = " ".join(value.split())
    if "title" not in fields:
        problems.append("needs a title field")
    if problems:
        return None, problems
    return BibOverride(kind, tuple((name, fields[name]) for name in OVERRIDE_FIELDS if name in fields)), []


def _value_problems(value: str) -> list[str]:
    if len(value) > MAX_FIELD_CHARS:
        return [f"is {len(value):,} characters; keep fields under {MAX_FIELD_CHARS:,}"]
    if "^^" in value or any(ord(c) < 32 and c not in "\n\r\t" for c in value):
        return ["holds control characters or ^^ escapes; remove them"]
    commands = sorted({c for c in re.findall(r"\\([A-Za-z]+)", value) if c not in _ALLOWED_COMMANDS})
    if commands:
        return [f"uses {', '.join(chr(92) + c for c in commands)}; only accents (\\'e, \\\"o, \\c{{c}}...) and escapes (\\&, \\%) are allowed"]
    return []


def _override_entry(override: BibOverride, key: str, aliases: tuple[str, ...] = ()) -> str:
    fields = [*override.fields, *([("ids", ", ".join(aliases))] if aliases else [])]
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields)
    return f"@{override.kind}{{{key},\n{body}\n}}\n"


def _protect_title(title: str) -> str:
    """Brace words with inner capitals or digits (VLM2Vec, MLLMs) so styles keep their case."""

    def protect(match: re.Match) -> str:
        word = match.group(0)
        return "{" + word + "}" if re.search(r"[A-Z0-9]", word[1:]) else word

    return re.sub(r"(?<![\\\w])[A-Za-z][A-Za-z0-9]*(?:-[A-Za-z0-9]+)*", protect, latex(title))


def _venue_parts(venue: str) -> tuple[str, str | None]:
    """('inproceedings' | 'article', full name) and the venue's year."""
    year = re.search(r"\b((?:19|20)\d{2})\b", venue)
    name = venue[: year.start()].strip() if year else venue
    return name, year.group(1) if year else None


def to_bibtex(paper: Paper, key: str, aliases: tuple[str, ...] = ()) -> str:
    """One BibTeX entry under `key`, fields in a fixed order; the authors' own entry wins if given.
    `aliases` are keys it was published under before (biblatex reads them from `ids`)."""
    if paper.bibtex:
        return _override_entry(paper.bibtex, key, aliases)
    fields: list[tuple[str, str]] = [
        ("title", _protect_title(paper.title)),
        ("author", " and ".join(latex(a) for a in paper.authors)),
    ]
    year = paper.cited_year
    if paper.venue:
        name, _ = _venue_parts(paper.venue)
        if name in _JOURNALS:
            kind = "article"
            fields.append(("journal", _JOURNALS[name]))
        else:
            kind = "inproceedings"
            extra = re.search(r"\((.*)\)$", paper.venue)  # e.g. "(Findings)", "(MMGenSR Workshop)"
            fields.append(("booktitle", latex(_PROCEEDINGS.get(name, name) + (f", {extra.group(1)}" if extra else ""))))
    elif paper.arxiv:
        kind = "article"
        fields.append(("journal", f"arXiv preprint arXiv:{paper.arxiv}"))
    else:
        kind = "misc"
    if year:
        fields.append(("year", year))
    if paper.arxiv:
        fields += [("eprint", paper.arxiv), ("archivePrefix", "arXiv")]
    if paper.links.paper:
        fields.append(("url", paper.links.paper))
    if aliases:
        fields.append(("ids", ", ".join(aliases)))
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _initials(name: str) -> str:
    *given, surname = name.split()
    initials = " ".join(f"{part[0]}." for word in given for part in word.split("-") if part)
    return f"{surname}, {initials}" if initials else surname


def reference(paper: Paper) -> str:
    """A plain-text reference line, e.g. 'Jiang, Z., Meng, R. (2025). Title. ICLR 2025.'"""
    authors = [_initials(a) for a in paper.authors]
    if len(authors) > 8:
        authors = authors[:7] + ["et al."]
    who = ", ".join(authors) if authors else "Authors awaiting verification"
    parts = [f"{who} ({paper.cited_year or 'n.d.'}).", f"{paper.title}."]
    if paper.venue:
        parts.append(f"{paper.venue}.")
    if paper.arxiv:
        parts.append(f"arXiv:{paper.arxiv}.")
    return " ".join(parts)
