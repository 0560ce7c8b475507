"""Step 1, load: read the catalogue's YAML files into plain Python data.

Also reads which catalogue papers the hand-written pages cite (`cited_keys`).

Only safe YAML (no object construction) from a regular file is accepted. A symlink, a device,
a file that is too large, not UTF-8, empty, not a mapping, or that has a repeated key or an
alias becomes a Problem naming the file, never a traceback, and its content is never shown.
"""

from __future__ import annotations

import os
import re
import stat
from pathlib import Path

import yaml

from .model import Problem

# {cite}`key`, {cite:p}`a, b`... in MyST; the key starts right after the backtick, so prose that
# merely names the role in inline code ("the `{cite}` role, `x`") is not read as a citation.
CITE_ROLE = re.compile(r"\{cite(?::\w+)?\}`([^`\s][^`]*)`")
MAX_FILE_BYTES = 64 * 1024  # a paper entry is ~2 KB; anything this large is a mistake or an attack
# libyaml's parser is ~10x faster than the pure-Python one (7.6 s of a 12 s no-op build at N=1,000
# went to YAML) and caps nesting depth itself; the constructor, and so the safety, stays SafeLoader's.
_BASE = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
# What XML 1.0 cannot hold, and so the feed and the sitemap cannot either: C0 controls other than
# tab and line breaks (YAML's "\x01" escapes let them in), lone surrogates, and the noncharacters
# (U+FFFE, U+FFFF, U+FDD0-U+FDEF and the last two of every plane).
_NOT_XML = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufdd0-\ufdef\ufffe\uffff"
                      + "".join(chr(plane << 16 | 0xFFFE) + chr(plane << 16 | 0xFFFF) for plane in range(1, 17)) + "]")


class _StrictLoader(_BASE):
    """A safe loader that refuses repeated keys, which PyYAML would silently overwrite."""

    def construct_mapping(self, node, deep=False):
        seen: set = set()
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=True)
            try:
                repeated = key in seen
                seen.add(key)
            except TypeError:  # an unhashable key (a list or mapping): let the base class report it
                continue
            if repeated:
                raise yaml.constructor.ConstructorError(
                    None, None, f"the key {key!r} appears twice", key_node.start_mark
                )
        return super().construct_mapping(node, deep=deep)


def read_yaml(path: Path, shown: str) -> tuple[object, list[Problem]]:
    """Read and parse one YAML file. `shown` is the path as the contributor should see it."""
    raw, problems = read_bytes(path, shown)
    return (None, problems) if raw is None else parse_yaml(raw, shown)


def read_bytes(path: Path, shown: str) -> tuple[bytes | None, list[Problem]]:
    """The bytes of a regular file, at most the size limit of them.

    A symlink could publish a file from outside the repository (or /dev/zero could stall the
    build), so anything but a regular file is refused by name, and its target is never read.
    """
    try:
        if not stat.S_ISREG(os.lstat(path).st_mode):
            kind = "a symbolic link" if path.is_symlink() else "not a regular file"
            return None, [Problem(shown, "file", f"is {kind}; an entry must be an ordinary file in the repository")]
        # O_NOFOLLOW and the second check close the gap between the look and the open.
        fd = os.open(path, os.O_RDONLY | getattr(os, "O_NOFOLLOW", 0) | getattr(os, "O_NONBLOCK", 0))
        with os.fdopen(fd, "rb") as file:
            if not stat.S_ISREG(os.fstat(file.fileno()).st_mode):
                return None, [Problem(shown, "file", "is not a regular file; an entry must be an ordinary file")]
            raw = file.read(MAX_FILE_BYTES + 1)
    except OSError as err:
        return None, [Problem(shown, "file", f"cannot be read ({err.strerror})")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [Problem(shown, "file", f"is over {MAX_FILE_BYTES:,} bytes; entries must stay under {MAX_FILE_BYTES:,} bytes")]
    return raw, []


def parse_yaml(raw: bytes, shown: str) -> tuple[object, list[Problem]]:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, [
            Problem(shown, "file", f"is not UTF-8 (byte {err.start} is not valid UTF-8); save it as UTF-8")
        ]
    if not text.strip():
        return None, [Problem(shown, "file", "is empty; copy the template from the contributing guide")]
    try:
        data = _load_without_aliases(text, shown)
    except _AliasError as err:
        return None, [Problem(shown, "yaml", str(err))]
    except yaml.YAMLError as err:
        mark = getattr(err, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
        what = getattr(err, "problem", None) or str(err)
        return None, [Problem(shown, "yaml", f"syntax error at {where}: {what}; check indentation and quoting")]
    except RecursionError:
        return None, [Problem(shown, "yaml", "is nested too deeply to be a catalogue entry")]
    if not isinstance(data, dict):
        return None, [
            Problem(shown, "file", f"must be a mapping of field: value, not a {type(data).__name__}")
        ]
    problems = [Problem(shown, field, f"contains U+{ord(char):04X}, which XML (the feed, the sitemap) cannot hold; delete it")
                for field, char in _not_xml(data)]
    return (None, problems) if problems else (data, [])


def _not_xml(data) -> list[tuple[str, str]]:
    """(field, first offending character) for each key or text anywhere in `data` that XML 1.0
    cannot hold, fields named as the validator names them: title, links.paper, results[0].variant."""
    found, stack = [], [("", data)]
    while stack:  # iterative: nesting may be deep
        path, value = stack.pop()
        if isinstance(value, dict):
            for key, item in value.items():
                name = f"{path}.{_printable(key)}" if path else _printable(key)
                bad = _NOT_XML.search(key) if isinstance(key, str) else None
                if bad:
                    found.append((name, bad.group(0)))
                stack.append((name, item))
        elif isinstance(value, list):
            stack.extend((f"{path}[{i}]", item) for i, item in enumerate(value))
        elif isinstance(value, str):
            bad = _NOT_XML.search(value)
            if bad:
                found.append((path, bad.group(0)))
    return sorted(found)


def _printable(key) -> str:
    text = str(key)[:60]
    return "".join(c if c.isprintable() else "?" for c in text)


class _AliasError(Exception):
    pass


def _load_without_aliases(text: str, shown: str) -> object:
    """Compose the YAML into nodes, refuse any alias, then construct plain data.

    An entry needs no anchors or aliases, and aliases are how half a kilobyte expands to
    gigabytes (or nests thousands deep): an alias makes two places share one node, so one shared
    node is enough to refuse the file, before anything is constructed.
    """
    loader = _StrictLoader(text)
    try:
        node = loader.get_single_node()
        seen: set[int] = set()
        stack = [node] if node is not None else []
        while stack:  # iterative: the graph may be deeper than Python's recursion limit
            current = stack.pop()
            if id(current) in seen:
                raise _AliasError("uses an anchor and alias (& and *); write each value out in full")
            seen.add(id(current))
            if isinstance(current, yaml.MappingNode):
                stack.extend(part for pair in current.value for part in pair)
            elif isinstance(current, yaml.SequenceNode):
                stack.extend(current.value)
        return loader.construct_document(node) if node is not None else None
    finally:
        loader.dispose()


def cited_keys(docs: Path, generated: str) -> frozenset[str]:
    """Citation keys that hand-written pages under `docs` cite with MyST's {cite} roles."""
    keys: set[str] = set()
    for folder, subfolders, files in os.walk(docs):
        if folder == str(docs):  # the generated pages and the build are not walked at all: thousands of files
            subfolders[:] = [name for name in subfolders if name not in (generated, "_build")]
        for name in files:
            if name.endswith(".md"):
                for match in CITE_ROLE.finditer(Path(folder, name).read_text(encoding="utf-8")):
                    keys.update(key.strip() for key in match.group(1).split(","))
    return frozenset(keys)
