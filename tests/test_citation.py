"""CITATION.cff: the catalogue's own citation, valid Citation File Format 1.2.0 and named as the site is."""

import yaml

from conftest import PROJECT


def test_citation_file_has_what_cff_requires_and_the_sites_title():
    cff = yaml.safe_load((PROJECT / "CITATION.cff").read_text(encoding="utf-8"))
    assert cff["cff-version"] == "1.2.0" and cff["message"] and cff["type"] == "dataset"
    assert all(a.get("name") or a.get("family-names") for a in cff["authors"]) and cff["authors"]
    conf = (PROJECT / "docs" / "conf.py").read_text(encoding="utf-8")
    assert f'project = "{cff["title"]}"' in conf
    assert set(cff) <= {"cff-version", "message", "type", "title", "abstract", "authors", "keywords", "url",
                        "repository-code", "license", "version", "date-released", "identifiers", "preferred-citation"}
