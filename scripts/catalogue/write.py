"""Step 4, write: the only step that touches the disk.

The generated folder belongs to the generator. A page is rewritten only when its text
changed (so Sphinx re-reads only what changed and live reload never loops), each write is
atomic (a crash leaves the previous page whole), pages whose entry is gone are removed, and
a file the generator did not write is never deleted or overwritten.
"""

from __future__ import annotations

import os
import tempfile
from dataclasses import dataclass, field
from pathlib import Path

from .render import MARKER

OWNER_FILE = ".generated"  # marks the folder as the generator's


@dataclass
class WriteReport:
    written: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: int = 0


class ForeignFileError(Exception):
    """A file in the generated folder that the generator did not write."""


def _is_generated(path: Path) -> bool:
    if path.name == OWNER_FILE or (path.name.startswith(".") and path.name.endswith(".tmp")):
        return True  # the owner mark, or a temporary file left by a crash mid-write
    try:
        with path.open("rb") as handle:
            head = handle.read(512).decode("utf-8", "replace")
    except OSError:
        return False
    return MARKER in head


def write_pages(out_dir: Path, pages: dict[str, str]) -> WriteReport:
    """Make `out_dir` hold exactly `pages`, touching only files whose content differs.

    Every existing file is checked before anything is written: one the generator did not
    write stops the run with nothing changed.
    """
    out_dir.mkdir(parents=True, exist_ok=True)
    existing = {p.relative_to(out_dir).as_posix(): p for p in out_dir.rglob("*") if p.is_file()}
    report, changed, foreign = WriteReport(), {}, []
    for rel, text in sorted(pages.items()):
        data = text.encode("utf-8")
        if rel not in existing:
            changed[rel] = data
        elif existing[rel].read_bytes() == data:
            report.unchanged += 1  # the same bytes as a page we render, marker included
        elif _is_generated(existing[rel]):
            changed[rel] = data
        else:
            foreign.append(rel)
    foreign += [rel for rel, path in existing.items() if rel not in pages and not _is_generated(path)]
    if foreign:
        raise ForeignFileError(
            f"{out_dir} belongs to the generator, but these files were not written by it: "
            f"{', '.join(sorted(foreign))}; move them out (hand-written pages belong in docs/)"
        )

    for rel, data in changed.items():
        target = out_dir / rel
        target.parent.mkdir(parents=True, exist_ok=True)
        _atomic_write(target, data)
        report.written.append(rel)
    for rel, path in sorted(existing.items()):
        if rel not in pages and path.name != OWNER_FILE:
            path.unlink()
            report.removed.append(rel)
    owner = out_dir / OWNER_FILE
    if not owner.exists():
        owner.write_text("This folder is written by scripts/catalogue; edit data/ instead.\n", encoding="utf-8")
    for folder in sorted((p for p in out_dir.rglob("*") if p.is_dir()), reverse=True):
        if not any(folder.iterdir()):
            folder.rmdir()
    return report


def _atomic_write(target: Path, data: bytes) -> None:
    handle, temp = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "wb") as out:
            out.write(data)
        os.replace(temp, target)
    except BaseException:
        Path(temp).unlink(missing_ok=True)
        raise
