"""The Sphinx glue's shape: one concern a module, layered, and setup() as one table."""

import ast
from pathlib import Path

PACKAGE = Path(__file__).parents[1] / "scripts" / "catalogue" / "sphinx_ext"
# What each module may import from the package: build is the floor; outputs names pages by title (head).
ALLOWED = {"build": set(), "outputs": {"build", "head"}}


def _package_imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    found = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom) and node.level == 1:
            found |= {node.module} if node.module else {alias.name for alias in node.names}
    return found


def test_each_module_imports_only_the_modules_below_it():
    modules = sorted(p.stem for p in PACKAGE.glob("*.py") if p.stem != "__init__")
    assert "build" in modules and len(modules) >= 6
    for name in modules:
        assert _package_imports(PACKAGE / f"{name}.py") <= ALLOWED.get(name, {"build"}), name


def test_each_module_is_small_enough_to_read_in_one_sitting():
    for path in PACKAGE.glob("*.py"):
        assert len(path.read_text(encoding="utf-8").splitlines()) <= 200, path.name


def test_setup_connects_every_handler_the_modules_define():
    """A handler defined but never connected would be dead code that looks alive."""
    connected = []

    class Recorder:
        def __getattr__(self, name):
            return lambda *args, **kwargs: connected.append(args[1] if name == "connect" else None)

    from catalogue import sphinx_ext
    sphinx_ext.setup(Recorder())
    names = {f"{h.__module__.rsplit('.', 1)[-1]}.{h.__name__}" for h in connected if h is not None}
    # The signatures of Sphinx's events: a public function with one of them, returning None, is a handler.
    signatures = {("app",), ("app", "config"), ("app", "env"), ("app", "builder"), ("app", "doctree"),
                  ("app", "doctree", "docname"), ("app", "exception"), ("app", "pagename", "templatename", "context", "doctree")}
    for path in PACKAGE.glob("*.py"):
        if path.stem == "__init__":
            continue
        for node in ast.parse(path.read_text(encoding="utf-8")).body:
            if isinstance(node, ast.FunctionDef) and not node.name.startswith("_"):
                returns_none = node.returns is None or (isinstance(node.returns, ast.Constant) and node.returns.value is None)
                if tuple(a.arg for a in node.args.args) in signatures and returns_none:
                    assert f"{path.stem}.{node.name}" in names, f"{path.stem}.{node.name} is never connected"
