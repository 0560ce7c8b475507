"""The JSON Schema of an entry (scripts/catalogue/schema.py) against the validator."""

import datetime as dt
import json

import jsonschema
import pytest
import yaml

from catalogue.schema import entry_schema, to_json
from catalogue.validate import load_catalogue
from conftest import FAKE_DATA, PROJECT


def _as_editors_read_it(path):
    """YAML as a language server sees it: dates are the strings they were typed as."""
    def plain(value):
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, dict):
            return {k: plain(v) for k, v in value.items()}
        if isinstance(value, list):
            return [plain(v) for v in value]
        return value
    return plain(yaml.safe_load(path.read_text(encoding="utf-8")))


@pytest.fixture(scope="module")
def validator():
    catalogue = load_catalogue(PROJECT)
    schema = entry_schema(catalogue.topics, catalogue.benchmarks)
    jsonschema.Draft202012Validator.check_schema(schema)
    return jsonschema.Draft202012Validator(schema)


def test_committed_schema_is_the_generated_one():
    catalogue = load_catalogue(PROJECT)
    committed = (PROJECT / "data" / "entry.schema.json").read_text(encoding="utf-8")
    assert committed == to_json(catalogue.topics, catalogue.benchmarks), \
        "data/entry.schema.json is stale: run python -m catalogue export --schema > data/entry.schema.json"


def test_schema_accepts_every_real_entry(validator):
    for path in sorted((PROJECT / "data" / "papers").glob("*.yaml")):
        errors = [e.message for e in validator.iter_errors(_as_editors_read_it(path))]
        assert not errors, (path.name, errors)


@pytest.mark.parametrize(("change", "why"), [
    (lambda e: e.update(tagline="x"), "unknown field"),
    (lambda e: e.pop("title"), "title is required"),
    (lambda e: e.pop("summary"), "a summary is required unless it is listed as unverified"),
    (lambda e: e.update(date="2024-13"), "not a month"),
    (lambda e: e.update(date="Oct 2024"), "not YYYY-MM"),
    (lambda e: e.update(arxiv="arXiv:2410.05160"), "not a bare arXiv id"),
    (lambda e: e.update(kind="paper"), "kind outside the vocabulary"),
    (lambda e: e.update(topics=["alpha-topc"]), "topic outside the vocabulary"),
    (lambda e: e.update(topics=[]), "no topic"),
    (lambda e: e.update(venue="CVPR"), "a venue without its year"),
    (lambda e: e["links"].update(paper="http://arxiv.org/abs/2410.05160"), "a link that is not https"),
    (lambda e: e["links"].update(homepage="https://example.org"), "an unknown link"),
    (lambda e: e.update(results=[{"benchmark": "mmeb", "variant": "X", "score": "72.1", "source": "https://x.org",
                                  "table": "T1", "source_kind": "paper"}]), "a score written as text"),
    (lambda e: e.update(results=[{"benchmark": "mmeb", "variant": "X", "score": 72.1, "size": "7B", "source": "https://x.org",
                                  "table": "T1", "source_kind": "paper"}]), "a size with its unit"),
    (lambda e: e.update(results=[{"benchmark": "mmeb", "variant": "X", "score": 72.1, "source": "https://x.org",
                                  "source_kind": "paper"}]), "a result without its table"),
    (lambda e: e.update(checked={"month": "2026-12"}), "a check without its sources"),
])
def test_schema_rejects_what_the_validator_rejects(validator, change, why):
    from catalogue.validate import validate_paper
    entry = _as_editors_read_it(PROJECT / "data" / "papers" / "vlm2vec.yaml")
    change(entry)
    assert list(validator.iter_errors(entry)), why
    catalogue = load_catalogue(PROJECT)
    _, problems = validate_paper("vlm2vec", "data/papers/vlm2vec.yaml", entry, catalogue.topics, dt.date(2026, 12, 2),
                                 catalogue.benchmarks)
    assert problems, f"the validator should reject this too: {why}"


def test_schema_of_the_fake_catalogue_names_its_own_vocabulary():
    fake = load_catalogue(FAKE_DATA.parent)
    schema = json.loads(to_json(fake.topics, fake.benchmarks))
    assert schema["properties"]["topics"]["anyOf"][0]["items"]["enum"] == list(fake.topics)


def _fields_of(entry: dict) -> list[str]:
    """Every field path in an entry, as the validator names them: title, links.code, results[1].as_of."""
    found = []
    for key, value in entry.items():
        found.append(key)
        if isinstance(value, dict):
            found += [f"{key}.{sub}" for sub in _fields_of(value)]
        elif isinstance(value, list):
            found += [f"{key}[{i}].{sub}" for i, item in enumerate(value) if isinstance(item, dict) for sub in _fields_of(item)]
    return found


def _change(entry: dict, field: str, how: str) -> None:
    import re
    *parents, last = re.findall(r"[^.\[\]]+", field)
    target = entry
    for part in parents:
        target = target[int(part)] if part.isdigit() else target[part]
    if how == "delete":
        del target[last]
    else:
        target[last] = {"null": None, "empty": ""}[how]


FAKE_ENTRY = _as_editors_read_it(FAKE_DATA / "papers" / "fakeembed.yaml")
# Fields whose absence the validator judges with facts a schema cannot hold (the arXiv link
# needs the id beside it; the sources list its checks in order).
# Rules across fields that a JSON Schema cannot state: arxiv against date, and a released model's facts
# against each other (token_dimension wants multi vectors; sources name given facts; variants name results).
BEYOND_A_SCHEMA = {"arxiv", "models"}


def test_schema_and_validator_agree_on_entries_with_fields_left_empty_or_out():
    """Generated entries: the fake entry with one to three fields set to null, "" or removed,
    and sometimes those fields listed as unverified. The schema accepts exactly what the validator does."""
    from hypothesis import HealthCheck, given, settings
    from hypothesis import strategies as st

    from catalogue.validate import MAY_AWAIT, validate_paper
    fake = load_catalogue(FAKE_DATA.parent)
    schema = jsonschema.Draft202012Validator(entry_schema(fake.topics, fake.benchmarks))
    fields = [f for f in _fields_of(FAKE_ENTRY) if f.split(".")[0].split("[")[0] not in BEYOND_A_SCHEMA]
    disagreements = []

    @settings(max_examples=400, deadline=None, suppress_health_check=list(HealthCheck), database=None)
    @given(changes=st.lists(st.tuples(st.sampled_from(fields), st.sampled_from(["null", "empty", "delete"])),
                            min_size=1, max_size=3, unique_by=lambda c: c[0]),
           await_them=st.booleans())
    def check(changes, await_them):
        entry = json.loads(json.dumps(FAKE_ENTRY))
        for field, how in sorted(changes, key=lambda c: -len(c[0])):  # deepest first: a parent may go
            try:
                _change(entry, field, how)
            except (KeyError, IndexError, TypeError):
                return
        if await_them:
            entry["unverified"] = [f for f, _ in changes if f in MAY_AWAIT]
        if any(f.startswith("results") for f, _ in changes):
            entry.pop("models", None)  # a model's variants must name results (BEYOND_A_SCHEMA)
        by_validator = not validate_paper("fakeembed", "data/papers/fakeembed.yaml", entry, fake.topics,
                                          dt.date(2026, 11, 27), fake.benchmarks)[1]
        by_schema = schema.is_valid(entry)
        if by_validator != by_schema:
            disagreements.append((changes, await_them, by_validator, by_schema))

    check()
    assert not disagreements, disagreements[:5]


@pytest.mark.parametrize("field", ["venue", "kind", "links.models", "short_name", "code", "backbones", "results[0].size",
                                   "results[1].zero_shot", "results[0].splits.Unseen"])
def test_a_field_left_empty_is_accepted_by_both(validator, field):
    from catalogue.validate import validate_paper
    fake = load_catalogue(FAKE_DATA.parent)
    entry = json.loads(json.dumps(FAKE_ENTRY))
    _change(entry, field, "null")
    assert not validate_paper("fakeembed", "data/papers/fakeembed.yaml", entry, fake.topics, dt.date(2026, 11, 27), fake.benchmarks)[1]
    assert jsonschema.Draft202012Validator(entry_schema(fake.topics, fake.benchmarks)).is_valid(entry)
