"""BibTeX entries and reference lines, generated from the facts of an entry.

Pure functions: a Paper in, text out. Output is plain ASCII: LaTeX specials are escaped and
accented letters become LaTeX accent commands, so both BibTeX and biber read it.
"""

from __future__ import annotations

import re
import unicodedata

from .model import Paper

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
    """`<first author's surname><year><first title word>`, e.g. jiang2024vlm2vec."""
    surname = _ascii_word(paper.authors[0].split()[-1]) if paper.authors else "anonymous"
    return f"{surname or 'anonymous'}{paper.year or 'nd'}{_title_word(paper.title)}"


def citation_keys(papers) -> dict[str, str]:
    """A unique key per slug. Clashing keys get a, b, ... in order of date then slug, so the
    older entry keeps its suffix when a newer paper arrives."""
    groups: dict[str, list[Paper]] = {}
    for paper in papers:
        groups.setdefault(base_key(paper), []).append(paper)
    keys = {}
    for key, group in groups.items():
        if len(group) == 1:
            keys[group[0].slug] = key
            continue
        for i, paper in enumerate(sorted(group, key=lambda p: (p.date or "", p.slug))):
            keys[paper.slug] = key + "abcdefghijklmnopqrstuvwxyz"[i % 26] * (i // 26 + 1)
    return keys


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


def to_bibtex(paper: Paper, key: str) -> str:
    """One BibTeX entry, fields in a fixed order; the authors' own entry wins if given."""
    if paper.bibtex:
        return paper.bibtex
    fields: list[tuple[str, str]] = [
        ("title", _protect_title(paper.title)),
        ("author", " and ".join(latex(a) for a in paper.authors)),
    ]
    year = paper.year
    if paper.venue:
        name, venue_year = _venue_parts(paper.venue)
        year = venue_year or year
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
    body = ",\n".join(f"  {name} = {{{value}}}" for name, value in fields if value)
    return f"@{kind}{{{key},\n{body}\n}}\n"


def _initials(name: str) -> str:
    *given, surname = name.split()
    initials = " ".join(f"{part[0]}." for word in given for part in word.split("-") if part)
    return f"{surname}, {initials}" if initials else surname


def reference(paper: Paper) -> str:
    """A plain-text reference line, e.g. 'Jiang, Z., Meng, R. (2024). Title. ICLR 2025.'"""
    authors = [_initials(a) for a in paper.authors]
    if len(authors) > 8:
        authors = authors[:7] + ["et al."]
    who = ", ".join(authors) if authors else "Authors awaiting verification"
    parts = [f"{who} ({paper.year or 'n.d.'}).", f"{paper.title}."]
    if paper.venue:
        parts.append(f"{paper.venue}.")
    if paper.arxiv:
        parts.append(f"arXiv:{paper.arxiv}.")
    return " ".join(parts)
