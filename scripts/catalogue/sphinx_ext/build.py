"""Run the generator at the start of every build; stop the build with located errors.

Because the generator runs on `builder-inited`, a plain `sphinx-build docs out` (what Read the
Docs and sphinx-autobuild run) is always up to date, and bad data stops the build with the
validator's messages, one located error per problem, before anything is written. The other
modules of this package read the catalogue of the current build from here.
"""

from __future__ import annotations

import gc
import re
from pathlib import Path

from sphinx.application import Sphinx
from sphinx.util import logging

from ..generate import GENERATED, generate
from ..memo import Memo
from ..model import Catalogue, CatalogueError, Paper, Problem
from ..write import ForeignFileError

logger = logging.getLogger(__name__)
# The catalogue of the current build, by source folder (the environment is pickled, so it stays out of it).
_CATALOGUES: dict[str, Catalogue] = {}


def catalogue_of(srcdir) -> Catalogue:
    return _CATALOGUES[str(srcdir)]


def paper_for(app: Sphinx, pagename: str) -> Paper | None:
    """The paper a generated page is about; None for any other page."""
    prefix = f"{GENERATED.name}/"
    if not pagename.startswith(prefix):
        return None
    return catalogue_of(app.srcdir).by_slug.get(pagename[len(prefix):])


def to_root(docname: str) -> str:
    """The relative path from a page to the site's root, for links Sphinx does not resolve."""
    return docname.count("/") * "../"


def project_root(app: Sphinx) -> Path:
    return Path(app.config.catalogue_root or Path(app.confdir).parent).resolve()


def generate_pages(app: Sphinx) -> None:
    root = project_root(app)
    memo = Memo(getattr(app.env, "catalogue_memo", None))
    try:
        catalogue, report = generate(root, memo)
    except CatalogueError as err:
        stop(root, err.problems, "in the data; nothing was written")
    except ForeignFileError as err:
        stop(root, [Problem(str(GENERATED), "folder", str(err))], "in the generated folder")
    _CATALOGUES[str(app.srcdir)] = catalogue
    app.env.catalogue_memo = memo.current  # pickled with the environment, read by the next build
    logger.info(
        "catalogue: %d papers; %d pages written, %d removed, %d unchanged; %d results reused, %d computed",
        len(catalogue.papers), len(report.written), len(report.removed), report.unchanged, memo.hits, memo.misses,
    )


def stop(root: Path, problems: list[Problem], when: str) -> None:
    """Report each problem as an error located at its data file, then end the build.

    Raising an exception would print Sphinx's crash report (traceback, "please open an issue")
    around the contributor's problems; SystemExit ends sphinx-build with status 2 and nothing else.
    """
    key_lines: dict[str, dict[str, int]] = {}  # each file read once, however many problems it has
    for problem in problems:
        if problem.path not in key_lines:
            key_lines[problem.path] = _key_lines(root / problem.path)
        key = re.split(r"[.\[]", problem.field)[0]
        location = f"{problem.path}:{key_lines[problem.path].get(key, 1)}"
        logger.error("%s: %s", problem.field, problem.message, location=location, type="catalogue")
    logger.error("catalogue: %d problem(s) found %s; fix them in the files named above", len(problems), when)
    gc.unfreeze()  # build-finished, where memory.unfreeze runs, does not come after a SystemExit
    raise SystemExit(2)


def _key_lines(path: Path) -> dict[str, int]:
    """Top-level key -> the line it starts on (the first time), so editors can jump to a problem's field."""
    try:
        lines = path.read_text(encoding="utf-8").splitlines() if path.is_file() and not path.is_symlink() else []
    except (OSError, UnicodeDecodeError):
        return {}
    found: dict[str, int] = {}
    for number, line in enumerate(lines, 1):
        key = line.split(":", 1)[0] if ":" in line and line[:1] not in " \t#-" else None
        if key is not None and key not in found:
            found[key] = number
    return found
