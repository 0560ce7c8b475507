"""Writing: only changed files, atomic, stale pages removed, foreign files never touched."""

import os

import pytest

from catalogue.render import MARKER
from catalogue.write import ForeignFileError, write_pages

PAGE = f"% {MARKER}\nhello\n"


def test_writes_only_what_changed(tmp_path):
    out = tmp_path / "papers"
    first = write_pages(out, {"a.md": PAGE, "sub/b.md": PAGE})
    assert sorted(first.written) == ["a.md", "sub/b.md"]
    stamp = (out / "a.md").stat().st_mtime_ns
    os.utime(out / "a.md", ns=(stamp - 10**9, stamp - 10**9))
    second = write_pages(out, {"a.md": PAGE, "sub/b.md": PAGE + "changed\n"})
    assert second.written == ["sub/b.md"] and second.unchanged == 1
    assert (out / "a.md").stat().st_mtime_ns == stamp - 10**9  # untouched, so Sphinx will not re-read it


def test_removes_pages_whose_entry_is_gone(tmp_path):
    out = tmp_path / "papers"
    write_pages(out, {"a.md": PAGE, "sub/b.md": PAGE})
    report = write_pages(out, {"a.md": PAGE})
    assert report.removed == ["sub/b.md"]
    assert not (out / "sub").exists()


def test_never_deletes_or_overwrites_a_hand_written_file(tmp_path):
    out = tmp_path / "papers"
    write_pages(out, {"a.md": PAGE})
    (out / "notes.md").write_text("my own notes\n")
    with pytest.raises(ForeignFileError, match="notes.md"):
        write_pages(out, {"a.md": PAGE})
    (out / "notes.md").unlink()
    (out / "a.md").write_text("hand edited\n")
    with pytest.raises(ForeignFileError, match="a.md"):
        write_pages(out, {"a.md": PAGE + "new\n"})
    assert (out / "a.md").read_text() == "hand edited\n"


def test_a_crash_mid_write_leaves_the_previous_page_whole(tmp_path, monkeypatch):
    out = tmp_path / "papers"
    write_pages(out, {"a.md": PAGE})

    def crash(*args):
        raise OSError("disk full")

    monkeypatch.setattr(os, "replace", crash)
    with pytest.raises(OSError):
        write_pages(out, {"a.md": PAGE + "new\n"})
    assert (out / "a.md").read_text() == PAGE
    assert sorted(p.name for p in out.iterdir()) == [".generated", "a.md"]  # no temporary file left behind
