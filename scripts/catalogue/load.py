"""Step 1, load: read the catalogue's YAML files into plain Python data.

Only safe YAML (no object construction) is accepted. A file that is too large, not UTF-8,
empty, not a mapping, or has a repeated key becomes a Problem naming the file, never a traceback.
"""

from __future__ import annotations

from pathlib import Path

import yaml

from .model import Problem

MAX_FILE_BYTES = 64 * 1024  # a paper entry is ~2 KB; anything this large is a mistake or an attack


class _StrictLoader(yaml.SafeLoader):
    """SafeLoader that refuses repeated keys, which PyYAML would silently overwrite."""

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
    """Parse one YAML file. `shown` is the path as the contributor should see it."""
    try:
        raw = path.read_bytes()
    except OSError as err:
        return None, [Problem(shown, "file", f"cannot be read ({err.strerror})")]
    if len(raw) > MAX_FILE_BYTES:
        return None, [
            Problem(shown, "file", f"is {len(raw):,} bytes; entries must stay under {MAX_FILE_BYTES:,} bytes")
        ]
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, [
            Problem(shown, "file", f"is not UTF-8 (byte {err.start} is not valid UTF-8); save it as UTF-8")
        ]
    if not text.strip():
        return None, [Problem(shown, "file", "is empty; copy the template from the contributing guide")]
    try:
        data = yaml.load(text, Loader=_StrictLoader)  # noqa: S506 - _StrictLoader is a SafeLoader
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
    return data, []
