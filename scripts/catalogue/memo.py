"""Results of the per-paper steps, kept from one build to the next so an edit costs one paper.

Validating and rendering a paper depends only on its file, the topics and a few facts about
its neighbours; each result is stored under a key holding all of those inputs, so a result
is reused only when every input is the same. The Sphinx extension keeps the results in
Sphinx's own build environment, which lives and dies with the doctree cache. A digest of
this package's code is part of every memo, so a changed generator never reuses old results.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable, Hashable
from pathlib import Path
from typing import TypeVar

T = TypeVar("T")


def _code_digest() -> bytes:
    digest = hashlib.blake2b(digest_size=16)
    for path in sorted(Path(__file__).parent.rglob("*")):
        if path.suffix in (".py", ".j2"):
            digest.update(path.name.encode() + b"\0" + path.read_bytes())
    return digest.digest()


CODE = _code_digest()


def digest(data: bytes) -> bytes:
    """A short fingerprint of a file's bytes, to key its results by content."""
    return hashlib.blake2b(data, digest_size=16).digest()


class Memo:
    """Looks results up in the previous build's; keeps only what this build used."""

    def __init__(self, previous: dict | None = None):
        self.previous = previous if previous and previous.get("code") == CODE else {}
        self.current: dict = {"code": CODE}
        self.hits = self.misses = 0

    def get(self, key: Hashable, compute: Callable[..., T], *args) -> T:
        """The result stored under `key`, or `compute(*args)`; `key` must hold every input."""
        if key in self.previous:
            value, self.hits = self.previous[key], self.hits + 1
        else:
            value, self.misses = compute(*args), self.misses + 1
        self.current[key] = value
        return value
