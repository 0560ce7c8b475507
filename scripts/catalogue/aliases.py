"""BibTeX keys published before the key rule changed, and the paper each still names.

Keys take the year of the version cited (bibtex.base_key); before, they took the first
version's. A key once published stays usable: data/bibtex-aliases.yaml maps each old key to
its paper's slug, catalogue.bib lists it in the entry's `ids` field (which biblatex resolves),
and a hand-written page may still cite it (render.py writes the entry under it in cited.bib).
"""

from __future__ import annotations

import re
from pathlib import Path

from .load import read_yaml
from .model import Paper, Problem

KEY = re.compile(r"[a-z0-9]+")
SHOWN = "data/bibtex-aliases.yaml"


def load_aliases(path: Path, papers: list[Paper], keys: dict[str, str]) -> tuple[dict[str, str], list[Problem]]:
    """{old key: slug}; a missing file is no aliases. `keys` are the current keys, by slug: an
    old key may not be one of them, or one key would name two papers."""
    if not path.exists() and not path.is_symlink():
        return {}, []
    data, problems = read_yaml(path, SHOWN)
    slugs = {p.slug for p in papers}
    current = set(keys.values())
    out = {}
    for old, slug in (data or {}).items():
        if not isinstance(old, str) or not KEY.fullmatch(old):
            problems.append(Problem(SHOWN, str(old)[:60], "a key is lowercase letters and digits, e.g. jiang2024vlm2vec"))
        elif slug not in slugs:
            problems.append(Problem(SHOWN, old, f"{str(slug)[:60]!r} is not a paper in data/papers"))
        elif keys.get(slug) == old:
            continue  # its paper's key again (its year changed back): nothing to alias
        elif old in current:
            problems.append(Problem(SHOWN, old, "is now another paper's key; an old key must name one paper only"))
        else:
            out[old] = slug
    return out, problems


def by_slug(aliases: dict[str, str]) -> dict[str, tuple[str, ...]]:
    """slug -> its old keys, sorted."""
    out: dict[str, list[str]] = {}
    for old, slug in sorted(aliases.items()):
        out.setdefault(slug, []).append(old)
    return {slug: tuple(keys) for slug, keys in out.items()}
