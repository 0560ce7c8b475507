"""Project tasks: `python -m nox -l` lists them, `python -m nox -s NAME` runs one."""

import shutil
from pathlib import Path

import nox

nox.needs_version = ">=2025.2.9"
nox.options.default_venv_backend = "venv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["validate", "docs", "tests", "lint"]

PYPROJECT = nox.project.load_toml("pyproject.toml")
DOCS_REQUIREMENTS = "docs/requirements.txt"
OUT = "docs/_build/html"
# -W --keep-going: fail on any warning but report them all; -n: every reference must resolve;
# -d outside the output so the HTML folder can be published as it is.
# Lighthouse for the bench's reader-speed scores (issue 30): 12.2.3 is the newest that runs on
# Node.js 20; it drives Debian's Chromium (CHROME_PATH) and downloads no browser.
LIGHTHOUSE = "lighthouse@12.2.3"
STRICT = ["-W", "--keep-going", "-n", "-b", "html", "-d", "docs/_build/doctrees"]


def _arxiv_reachable() -> bool:
    import urllib.request
    try:
        urllib.request.urlopen("https://export.arxiv.org/api/query?max_results=0", timeout=10).close()  # noqa: S310 - a fixed https address
    except OSError:
        return False
    return True


def _docs_env(session: nox.Session) -> None:
    session.install("-r", DOCS_REQUIREMENTS)


@nox.session
def validate(session: nox.Session) -> None:
    """Check every catalogue entry and report all problems; writes nothing."""
    _docs_env(session)
    session.run("python", "-m", "catalogue", "validate", env={"PYTHONPATH": "scripts"})


@nox.session
def docs(session: nox.Session) -> None:
    """Build the site strictly (zero warnings) into docs/_build/html."""
    _docs_env(session)
    session.run("sphinx-build", *STRICT, *session.posargs, "docs", OUT)
    session.log(f"open {Path(OUT, 'index.html').resolve()}")


@nox.session(default=False)
def serve(session: nox.Session) -> None:
    """Serve the site with live reload; edits to data/ and docs/ rebuild the page."""
    _docs_env(session)
    session.install(*nox.project.dependency_groups(PYPROJECT, "serve"))
    session.run(
        "sphinx-autobuild", "docs", OUT, "-d", "docs/_build/doctrees",
        "--watch", "data", "--watch", "scripts/catalogue",
        "--ignore", "*/docs/papers/*",  # written by the build itself: watching it would loop
        *session.posargs,
    )


@nox.session
def tests(session: nox.Session) -> None:
    """Run the test suite, browser tests in Debian's Chromium included."""
    _docs_env(session)
    session.install(*nox.project.dependency_groups(PYPROJECT, "test"))
    session.run("pytest", *session.posargs, env={"PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"})


@nox.session(default=False)
def quick(session: nox.Session) -> None:
    """The suite without the browser tests and the build benchmark's, on every core: for while you work."""
    _docs_env(session)
    session.install(*nox.project.dependency_groups(PYPROJECT, "test"))
    session.run("pytest", "-n", "auto", "-m", "not browser and not bench", *session.posargs)


@nox.session
def lint(session: nox.Session) -> None:
    """Lint and check formatting of the Python code with ruff."""
    session.install(*nox.project.dependency_groups(PYPROJECT, "lint"))
    session.run("ruff", "check", "scripts", "tests", "noxfile.py", "docs/conf.py")


@nox.session(default=False)
def new(session: nox.Session) -> None:
    """Start an entry from arXiv: `nox -s new -- 2410.05160` writes a draft (needs the internet, unless the
    facts are given by hand: `-- 2410.05160 --title "..." --author "First Last" --date 2024-10`)."""
    by_hand = any(arg.startswith(("--title", "--author", "--date", "--url")) for arg in session.posargs)
    if session.posargs and not by_hand and not _arxiv_reachable():
        # Before installing anything: the environment takes minutes, and is of no use offline.
        session.error('cannot reach arXiv\'s API; give the facts by hand instead: --title "..." --author "First Last" '
                      "(one per author, in order) --date YYYY-MM, with the arXiv id or --url https://...")
    _docs_env(session)
    session.install(*nox.project.dependency_groups(PYPROJECT, "new"))
    session.run("python", "-m", "catalogue", "new", *session.posargs, env={"PYTHONPATH": "scripts"})


@nox.session(default=False)
def discover(session: nox.Session) -> None:
    """List recent arXiv papers that may belong in the catalogue (needs the internet)."""
    _docs_env(session)
    session.install(*nox.project.dependency_groups(PYPROJECT, "new"))
    session.run("python", "-m", "catalogue", "discover", *session.posargs, env={"PYTHONPATH": "scripts"})


@nox.session(default=False)
def bench(session: nox.Session) -> None:
    """Measure build cost at N = 50, 1,000, 5,000 and 10,000 papers against a bare Sphinx floor."""
    _docs_env(session)
    session.install(*nox.project.dependency_groups(PYPROJECT, "bench"))
    env = {"PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD": "1"}
    if shutil.which("npm"):  # without it the report says the scores were not measured
        tools = Path(session.virtualenv.location) / "node"
        session.run("npm", "install", "--prefix", str(tools), "--no-audit", "--no-fund", "--silent", "-E", LIGHTHOUSE,
                    external=True)
        env["CATALOGUE_LIGHTHOUSE"] = str(tools / "node_modules" / ".bin" / "lighthouse")
    session.run("python", "scripts/bench.py", *session.posargs, env=env)


@nox.session(default=False)
def linkcheck(session: nox.Session) -> None:
    """Check every external link on the live internet and write a per-paper report."""
    _docs_env(session)
    session.run("python", "-m", "catalogue.linkcheck", *session.posargs, env={"PYTHONPATH": "scripts"})
