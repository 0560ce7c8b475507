"""The garbage collector and the doctree cache, tuned for large catalogues.

Each tuning names the measurement that justifies it (docs/benchmark.md); one that stops paying
for itself (3% of an edit or a full build at N=1,000) should go.
"""

from __future__ import annotations

import atexit
import gc
from pathlib import Path

from docutils import nodes
from sphinx.application import ENV_PICKLE_FILENAME, Sphinx

MAX_CACHED_DOCTREES = 2000  # read doctrees kept in memory for writing: about 350 MiB (bound_doctree_cache)
PAGES_BETWEEN_CHECKPOINTS = 500  # pages read between the collector's checkpoints (checkpoint_reading)

# When sphinx-build exits, Python's last garbage collections walk every object the build
# made, to free memory the system takes back anyway: 0.7 s of a 2.6 s edit at N=1,000
# (docs/benchmark.md). Frozen objects are left alone. At exit only, so a process that runs
# many builds (the tests) keeps collecting between them.
atexit.register(gc.freeze)


def freeze_what_outlives_the_build(app: Sphinx, config) -> None:
    """What exists before a pickled environment loads (modules, extensions, the configuration)
    lives as long as the build, so the collector is told to leave it alone until the build ends:
    an edit at N=1,000 spent 0.16 s collecting, most of it while unpickling the environment and
    walking these objects again each time. Unpickling makes no garbage, so the collector is also
    paused until the environment is loaded (freeze_the_loaded_environment). A full build, with
    no environment to load, is left as it was. Unfrozen when the build ends (unfreeze), so that
    a process which runs many builds (the tests) still frees them."""
    if (Path(app.doctreedir) / ENV_PICKLE_FILENAME).is_file() and gc.isenabled():
        gc.freeze()
        gc.disable()
        app.catalogue_paused_collector = True


def freeze_the_loaded_environment(app: Sphinx) -> None:
    """The loaded environment lives as long as the build too: frozen with the rest, and the
    collector back on (at N=1,000 it spent 35-75 ms of a 90-130 ms load walking it)."""
    if getattr(app, "catalogue_paused_collector", False):
        gc.freeze()
        gc.enable()
        app.catalogue_paused_collector = False


def start_counting(app: Sphinx) -> None:
    app.builder.catalogue_pages_read = 0  # pages read this build, for the checkpoints


def bound_doctree_cache(app: Sphinx, doctree: nodes.document) -> None:
    """Sphinx keeps every doctree it reads in memory until it writes that page, besides
    pickling it to disk: 177 MiB of nodes at N=1,000 and most of the 3.5 GiB peak at N=10,000.
    Past MAX_CACHED_DOCTREES the newest is dropped, so those pages are unpickled from disk
    when written (4.5 s at N=1,000 were all dropped, for half the memory)."""
    cache = getattr(app.env, "_write_doc_doctree_cache", None)
    if cache is not None and len(cache) > MAX_CACHED_DOCTREES:
        cache.popitem()  # the one read last; pages are written in reading order


def checkpoint_reading(app: Sphinx, doctree: nodes.document) -> None:
    """What reading a page adds to the environment lives until the build ends, yet each of the
    collector's full collections walks all of it again: 29.7 s of 133.5 s reading at N=10,000,
    against 2.1 s of 11.8 s at N=1,000. Every PAGES_BETWEEN_CHECKPOINTS pages the garbage is
    collected and what is left frozen, so later collections walk only what was read since
    (10.3 s at N=10,000). Unfrozen when writing starts (unfreeze_for_writing)."""
    app.builder.catalogue_pages_read += 1
    if app.builder.catalogue_pages_read % PAGES_BETWEEN_CHECKPOINTS == 0:
        gc.collect()
        gc.freeze()


def unfreeze_for_writing(app: Sphinx, builder) -> None:
    """The doctrees kept for writing were frozen with the rest; written, they are garbage that
    would stay in memory until the build ends if left frozen."""
    if builder.catalogue_pages_read >= PAGES_BETWEEN_CHECKPOINTS:  # a checkpoint ran
        gc.unfreeze()


def unfreeze(app: Sphinx, exception) -> None:
    gc.unfreeze()
