"""A JSON Schema of one catalogue entry, made from the validator's own definitions.

Editors that speak the YAML language server read it (the template's first line names it) and
complete field names and flag mistakes while a contributor types. It is written from the
constants validate.py checks against, so the two cannot drift; the validator stays the judge
(summaries, dates in the future, duplicate results and the like are beyond a schema).
`data/entry.schema.json` is the committed copy for editors; the build publishes it as well,
and a test fails when the copy and this function disagree.
"""

from __future__ import annotations

import json

from . import released, urls
from .escape import URL_KEEPS
from .model import SOURCE_KINDS, Benchmark, Topic
from .validate import (
    BADGE_TEXT,
    CHECKED_LIMITS,
    CODE_STATES,
    DATED_KINDS,
    FIELDS,
    KINDS,
    LEADERBOARD_STATUSES,
    LINK_FIELDS,
    MAX_CHARS,
    MAX_CHECKED_SOURCES,
    MAX_ITEMS,
    MAX_SIZE_B,
    MAX_TOPICS,
    MAY_AWAIT,
    MODALITIES,
    MONTH,
    PENDING_FIELDS,
    REQUIRED,
    RESULT_FIELDS,
    RESULT_LIMITS,
    RESULT_REQUIRED,
    SLUG,
)

SCHEMA_ID = "entry.schema.json"
URL = f"^https://(?:{URL_KEEPS.pattern})*$"  # the characters urls.url_problems lets through, as far as a pattern can say


def _anchored(pattern) -> str:
    return f"^(?:{pattern.pattern})$"


def _text(limit: int, pattern: str | None = None) -> dict:
    return {"type": "string", "minLength": 1, "maxLength": limit, **({"pattern": pattern} if pattern else {})}


def _or_null(schema: dict) -> dict:
    """`schema`, or null: the validator reads `field:` left empty as the field left out."""
    return {"anyOf": [schema, {"type": "null"}]}


def _given(field: str) -> dict:
    """`field` present with a value: not null, not empty (what the validator calls absent)."""
    return {"required": [field], "properties": {field: {"not": {"enum": [None, "", []]}}}}


def _list(items: dict) -> dict:
    return {"type": "array", "items": items, "maxItems": MAX_ITEMS, "uniqueItems": True}


def _result(benchmarks: dict[str, Benchmark]) -> dict:
    splits = sorted({s for b in benchmarks.values() for s in b.splits})
    score = {"type": "number", "minimum": 0, "maximum": 100}
    properties = {
        "benchmark": {"enum": list(benchmarks)},
        "variant": _text(RESULT_LIMITS["variant"]),
        "size": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": MAX_SIZE_B,
                 "description": "parameters in billions, e.g. 7 or 2.21"},
        "backbone": _text(RESULT_LIMITS["backbone"]),
        "score": score,
        "splits": {"type": "object", "propertyNames": {"enum": splits}, "additionalProperties": _or_null(score)},
        "zero_shot": {"type": "boolean"},
        "source": _text(RESULT_LIMITS["source"], URL),
        "table": _text(RESULT_LIMITS["table"]),
        "source_kind": {"enum": list(SOURCE_KINDS)},
        "leaderboard_status": {"enum": list(LEADERBOARD_STATUSES)},
        "later_paper": _text(RESULT_LIMITS["later_paper"]),
        "as_of": {"type": "string", "pattern": r"^\d{4}-(0[1-9]|1[0-2])(-\d{2})?$",
                  "description": "the date the number is from: YYYY-MM-DD of a board's snapshot, YYYY-MM of a paper version"},
    }
    assert set(properties) == set(RESULT_FIELDS)
    properties = {key: value if key in RESULT_REQUIRED else _or_null(value) for key, value in properties.items()}

    def when_kind(kinds, then: dict) -> dict:
        return {"if": {"required": ["source_kind"], "properties": {"source_kind": {"enum": list(kinds)}}}, "then": then}

    return {"type": "object", "properties": properties, "required": list(RESULT_REQUIRED), "additionalProperties": False,
            "allOf": [when_kind(DATED_KINDS, _given("as_of")), when_kind(["leaderboard"], _given("leaderboard_status")),
                      when_kind(["third-party"], _given("later_paper"))]}


def _pending(benchmarks: dict[str, Benchmark]) -> dict:
    return {"type": "object", "required": list(PENDING_FIELDS), "additionalProperties": False,
            "properties": {"benchmark": {"enum": list(benchmarks)}, "reason": _text(RESULT_LIMITS["table"], _anchored(BADGE_TEXT))}}


def _model() -> dict:
    """A released model (released.py): each fact typed, and read at `source` unless `sources` says where."""
    count = {"type": "integer", "minimum": 1, "maximum": released.MAX_INTEGER}
    properties = {
        "name": _text(120),
        "variants": _list(_text(RESULT_LIMITS["variant"])),
        "weights": {"anyOf": [{"type": "string", "pattern": _anchored(released.HF_ID), "maxLength": 96},
                              _text(500, URL)],
                    "description": "a Hugging Face repository id (owner/name), or the https:// page of an API"},
        "licence": {"enum": list(released.LICENCES)},
        "parameters": {"type": "number", "exclusiveMinimum": 0, "exclusiveMaximum": released.MAX_PARAMETERS_B,
                       "description": "in billions, e.g. 2.21"},
        **{key: count for key in released.INTEGER_FACTS},
        "matryoshka": {"type": "array", "items": count, "minItems": 1, "uniqueItems": True},
        "max_image": _text(40, _anchored(released.MAX_IMAGE)),
        "vectors": {"type": "array", "items": {"enum": list(released.VECTORS)}, "minItems": 1, "uniqueItems": True},
        "source": _text(500, URL),
        "sources": {"type": "object", "propertyNames": {"enum": list(released.FACTS)},
                    "additionalProperties": _text(500, URL)},
    }
    assert set(properties) == set(released.MODEL_FIELDS)
    # The validator reads `fact:` left empty as the fact left out; what it requires must be given.
    properties = {key: value if key in released.MODEL_REQUIRED else _or_null(value) for key, value in properties.items()}
    return {"type": "object", "properties": properties, "additionalProperties": False,
            "allOf": [_given(field) for field in released.MODEL_REQUIRED]}


def _awaited(field: str) -> dict:
    """`field` is required unless `unverified` lists it."""
    listed = {"required": ["unverified"], "properties": {"unverified": {"type": "array", "contains": {"const": field}}}}
    if field == "links.paper":
        then = {"required": ["links"], "properties": {"links": {"type": "object", **_given("paper")}}}
    else:
        then = _given(field)
    return {"if": {"not": listed}, "then": then}


def entry_schema(topics: dict[str, Topic], benchmarks: dict[str, Benchmark]) -> dict:
    properties = {
        "title": _text(MAX_CHARS["title"]),
        "short_name": _text(MAX_CHARS["short_name"]),
        "authors": _list(_text(MAX_CHARS["authors"], r"^[^,0-9*†‡]+$")),
        "date": {"type": "string", "pattern": _anchored(MONTH), "description": "YYYY-MM of the first public version"},
        "links": {"type": "object", "properties": {k: _or_null(_text(500, URL)) for k in LINK_FIELDS}, "additionalProperties": False},
        "topics": {"type": "array", "items": {"enum": list(topics)}, "minItems": 1, "maxItems": MAX_TOPICS, "uniqueItems": True},
        "summary": {"type": "string", "minLength": 1, "description": "80-200 words of Markdown, in your own words"},
        "checked": {
            "type": "object", "required": ["month", "sources"], "additionalProperties": False,
            "properties": {
                "month": {"type": "string", "pattern": _anchored(MONTH)},
                "sources": {"type": "array", "minItems": 1, "maxItems": MAX_CHECKED_SOURCES, "items": {
                    "type": "object", "required": ["label", "url"], "additionalProperties": False,
                    "properties": {"label": _text(CHECKED_LIMITS["label"], _anchored(BADGE_TEXT)),
                                   "url": _text(CHECKED_LIMITS["url"], URL)}}},
            },
        },
        "arxiv": {"type": "string", "pattern": _anchored(urls.ARXIV_ID), "description": 'quoted, e.g. "2410.05160"'},
        "venue": _text(MAX_CHARS["venue"], r"^[^`<>{}|\\]*\b(19|20)\d{2}\b[^`<>{}|\\]*$"),
        "kind": {"enum": list(KINDS)},
        "code": {"enum": list(CODE_STATES)},
        "backbones": _list(_text(MAX_CHARS["backbones"])),
        "modalities": _list({"enum": list(MODALITIES)}),
        "builds_on": _list({"type": "string", "pattern": _anchored(SLUG)}),
        "results": {"type": "array", "items": _result(benchmarks), "maxItems": MAX_ITEMS},
        "pending_results": {"type": "array", "maxItems": MAX_ITEMS, "items": _pending(benchmarks)},
        "added": {"type": "string", "pattern": r"^\d{4}-\d{2}-\d{2}$", "description": "YYYY-MM-DD the entry was added"},
        "bibtex": {"type": "string", "maxLength": 8000},
        "unverified": _list({"enum": list(MAY_AWAIT)}),
        "models": {"type": "array", "maxItems": MAX_ITEMS, "items": _model()},
    }
    assert set(properties) == set(FIELDS)
    properties = {key: value if key == "title" else _or_null(value) for key, value in properties.items()}  # a page needs a name
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": SCHEMA_ID,
        "title": "A paper of the Universal Multimodal Embedding Papers catalogue (data/papers/<slug>.yaml)",
        "type": "object",
        "properties": properties,
        "required": [f for f in REQUIRED if f not in MAY_AWAIT and "." not in f],
        "allOf": [_awaited(f) for f in REQUIRED if f in MAY_AWAIT],
        "additionalProperties": False,
    }


def to_json(topics: dict[str, Topic], benchmarks: dict[str, Benchmark]) -> str:
    return json.dumps(entry_schema(topics, benchmarks), indent=1, ensure_ascii=False) + "\n"
