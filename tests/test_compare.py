"""What the comparison page reads (scripts/catalogue/compare.py): ids, facts and board rows."""

import json

from catalogue.compare import compare_id, to_json
from catalogue.validate import load_catalogue
from conftest import FAKE_DATA


def test_a_row_is_ticked_by_its_released_model_or_else_its_variant():
    catalogue = load_catalogue(FAKE_DATA.parent)
    fake, weird = catalogue.by_slug["fakeembed"], catalogue.by_slug["weird-title"]
    assert compare_id(fake, "FakeEmbed-7B") == "fakeembed:FakeEmbed-7B"
    assert compare_id(weird, "Weird | Model") == "weird-title:Weird | Model"  # no released model named


def test_compare_json_holds_facts_and_every_boards_rows():
    data = json.loads(to_json(load_catalogue(FAKE_DATA.parent)))
    facts = data["papers"]["fakeembed"]["models"]["FakeEmbed-7B"]
    assert facts["Parameters"] == "7.1B" and facts["Licence"] == "Apache-2.0" and facts["Weights"] == "example/fakeembed-7b"
    board = data["boards"]["alpha-bench"]
    assert board["splits"] == ["Seen", "Unseen"] and board["split_of"] is None
    assert board["rows"][0] == ["fakeembed:FakeEmbed-7B", "fakeembed", "FakeEmbed-7B", 61.5, {"Seen": 70.2, "Unseen": 52.8}]
    unseen = data["boards"]["alpha-bench-unseen"]
    assert unseen["split_of"] == "alpha-bench" and unseen["splits"] == [] and unseen["rows"][0][4] == {}
