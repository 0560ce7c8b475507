"""Random YAML and Markdown never crash the loader or the validator: pass, or a catalogue error."""

import datetime as dt

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from catalogue.model import CatalogueError
from catalogue.summary import summary_problems
from catalogue.validate import load_catalogue

scalars = st.one_of(st.none(), st.booleans(), st.integers(), st.floats(allow_nan=False), st.text(max_size=40),
                    st.dates().map(str), st.sampled_from(["https://arxiv.org/abs/2403.00001", "2403.00001", "MMEB"]))
fields = st.sampled_from(["title", "authors", "date", "links", "topics", "summary", "arxiv", "results", "code",
                          "kind", "builds_on", "unverified", "venue", "paper", "benchmark", "score", "source"])
values = st.recursive(scalars, lambda inner: st.lists(inner, max_size=4) | st.dictionaries(fields, inner, max_size=5),
                      max_leaves=12)
documents = st.dictionaries(fields, values, max_size=8)
SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def load(root):
    try:
        load_catalogue(root, today=dt.date(2026, 11, 27))
    except CatalogueError as err:
        assert err.problems and all(p.path.startswith("data/") for p in err.problems)


@SETTINGS
@given(document=documents)
def test_random_entries_never_crash(fake_root, document):
    (fake_root / "data/papers/random.yaml").write_text(yaml.safe_dump(document), encoding="utf-8")
    load(fake_root)


@SETTINGS
@given(raw=st.binary(max_size=300) | st.text(max_size=300).map(str.encode))
def test_random_bytes_never_crash(fake_root, raw):
    (fake_root / "data/papers/random.yaml").write_bytes(raw)
    load(fake_root)


markdown_bits = st.sampled_from(["*", "_", "`", "```", "```{note}", "```{raw} html", "{download}`x`", "$", "$$",
                                 "[a](", ")", "<", ">", "<b>", "|", "---", "#", "\n", "\n\n", ":file:", "![i](",
                                 "javascript:", "https://example.org", "{", "}", "(t)=", "% c", "+++", "[^1]"])


@settings(max_examples=300, deadline=None)
@given(text=st.lists(markdown_bits | st.text(max_size=8), max_size=40).map("".join))
def test_random_markdown_never_crashes(text):
    problems = summary_problems(text)
    assert isinstance(problems, list) and all(isinstance(p, str) for p in problems)
