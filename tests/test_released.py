"""Released models' facts (scripts/catalogue/released.py): validated, typed, exported."""

from __future__ import annotations

import csv
import io
import json

import pytest

from catalogue.export import to_json
from catalogue.released import dimension_text, input_text, licence_class, to_csv, weights_url
from catalogue.validate import load_catalogue
from conftest import FAKE_DATA
from test_validate import TODAY, problems_after, the_one


@pytest.fixture(scope="module")
def catalogue():
    return load_catalogue(FAKE_DATA.parent, today=TODAY)


def test_the_fixtures_models_are_read_into_typed_facts(catalogue):
    big, api = catalogue.by_slug["fakeembed"].models
    assert (big.name, big.variants, big.weights, big.licence, big.parameters) == \
        ("FakeEmbed-7B", ("FakeEmbed-7B",), "example/fakeembed-7b", "Apache-2.0", 7.1)
    assert (big.dimension, big.matryoshka, big.max_tokens, big.max_image, big.vectors) == \
        (3584, (256, 1024, 3584), 8192, "1344×1344", ("single",))
    assert api.source_of("licence") == "https://example.org/api" and api.source_of("weights") == "https://example.org/fakeembed-card"
    assert weights_url(big) == "https://huggingface.co/example/fakeembed-7b" and weights_url(api) == "https://example.org/api"
    assert (licence_class(big), licence_class(api)) == ("open", "API only")
    assert dimension_text(big) == "3584 (256–3584)" and dimension_text(api) == "128 per token"
    assert input_text(big) == "8192 tokens · 1344×1344" and input_text(api) == "–"


def _models(entry, **facts):
    entry["models"] = [{"name": "FakeEmbed-7B", "source": "https://example.org/card", **facts}]


@pytest.mark.parametrize(("facts", "field", "words"), [
    ({"licence": "apache-2.0"}, "models[0].licence", ["is not one of", "did you mean 'Apache-2.0'"]),
    ({"licence": "Qwen licence"}, "models[0].licence", ["SPDX id"]),
    ({"weights": "gme-Qwen2-VL-2B"}, "models[0].weights", ["owner/name"]),
    ({"weights": "a/b/c"}, "models[0].weights", ["owner/name"]),
    ({"weights": "http://example.org/api"}, "models[0].weights", ["https"]),
    ({"dimension": 0}, "models[0].dimension", ["positive whole number"]),
    ({"max_tokens": "32K"}, "models[0].max_tokens", ["32768, not '32K'"]),
    ({"max_frames": 2.5}, "models[0].max_frames", ["positive whole number"]),
    ({"dimension": True}, "models[0].dimension", ["positive whole number"]),
    ({"parameters": "7B"}, "models[0].parameters", ["billions"]),
    ({"parameters": -1}, "models[0].parameters", ["billions"]),
    ({"dimension": 1024, "matryoshka": [512, 256]}, "models[0].matryoshka", ["smallest first"]),
    ({"dimension": 1024, "matryoshka": [256, 2048]}, "models[0].matryoshka", ["larger than the dimension"]),
    ({"vectors": ["dense"]}, "models[0].vectors[0]", ["single, multi"]),
    ({"token_dimension": 128, "vectors": ["single"]}, "models[0].token_dimension", ["multi"]),
    ({"variants": ["FakeEmbed-9B"]}, "models[0].variants[0]", ["not the variant of any"]),
    ({"dimension": 8, "sources": {"licence": "https://example.org/l"}}, "models[0].sources.licence", ["does not state"]),
    ({"dimension": 8, "sources": {"size": "https://example.org/l"}}, "models[0].sources.size", ["not a fact"]),
    ({"dimension": 8, "colour": "red"}, "models[0].colour", ["unknown field"]),
    ({}, "models[0].name", ["gives no fact"]),
])
def test_a_wrong_fact_is_named_with_its_fix(fake_root, facts, field, words):
    the_one(problems_after(fake_root, lambda e: _models(e, **facts)), field, *words)


def test_a_model_needs_its_source(fake_root):
    the_one(problems_after(fake_root, lambda e: e.update(models=[{"name": "X", "dimension": 8}])),
            "models[0].source", "is required")


def test_one_variant_belongs_to_one_model(fake_root):
    def two(entry):
        entry["models"] = [{"name": n, "source": "https://example.org/c", "dimension": 8, "variants": ["FakeEmbed-7B"]}
                           for n in ("A", "B")]
    the_one(problems_after(fake_root, two), "models[1].variants", "already a variant of models[0]")


def test_models_are_exported_in_json_and_in_their_own_csv(catalogue):
    fake = next(p for p in json.loads(to_json(catalogue))["papers"] if p["slug"] == "fakeembed")
    assert fake["models"][1] == {
        "name": "FakeEmbed-2B", "source": "https://example.org/fakeembed-card", "variants": ["FakeEmbed-2B"],
        "weights": "https://example.org/api", "licence": "API only", "parameters": None, "dimension": None,
        "token_dimension": 128, "matryoshka": [], "max_tokens": None, "max_image": None, "max_frames": None,
        "vectors": ["multi"], "sources": {"licence": "https://example.org/api"}}
    rows = list(csv.DictReader(io.StringIO(to_csv(catalogue.papers))))
    assert [(r["paper"], r["name"]) for r in rows] == [("fakeembed", "FakeEmbed-7B"), ("fakeembed", "FakeEmbed-2B")]
    assert rows[0]["matryoshka"] == "256; 1024; 3584" and rows[1]["sources"] == "licence=https://example.org/api"
