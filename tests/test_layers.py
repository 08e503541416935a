"""Imports run one way: hubdir <- producers <- orders. A module may import from the layers
below it, never from one above; the composition root (URLs) and the one named exception are
the only places that look up."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LAYERS = {"hubdir": 0, "producers": 1, "orders": 2}
# (module, imported): where a lower layer reads from a higher one, and why.
ALLOWED = {
    # The root URLconf puts every app's routes together.
    ("hubdir/urls.py", "producers"),
    # The public profile shows the market's figures, from one orders selector.
    ("producers/views/public.py", "orders"),
}


def _imports(path: Path):
    """Every module imported anywhere in the file, function bodies included."""
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.Import):
            yield from (alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_no_module_imports_from_a_layer_above_its_own():
    wrong = []
    for package, level in LAYERS.items():
        for path in (ROOT / package).rglob("*.py"):
            name = str(path.relative_to(ROOT))
            for module in _imports(path):
                top = module.split(".")[0]
                if LAYERS.get(top, -1) > level and (name, top) not in ALLOWED:
                    wrong.append(f"{name} imports {module}")
    assert wrong == []


def test_the_allowed_exceptions_are_still_needed():
    for name, top in ALLOWED:
        assert any(m.split(".")[0] == top for m in _imports(ROOT / name)), name


def test_the_profile_reads_the_market_through_one_selector_only():
    imported = [m for m in _imports(ROOT / "producers/views/public.py") if m.startswith("orders")]
    assert imported == ["orders.selectors"]
