"""The packages are layers and imports only go down: cli -> render and storage -> core."""

import ast
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "accord_cli"
# What each layer may import of accord's own packages, and of the outside world it may not.
ALLOWED = {
    "core": ({"core"}, {"os", "sys", "io", "pathlib", "typer", "click", "rich", "tomli", "tomli_w", "subprocess"}),
    "storage": ({"core", "storage"}, {"typer", "click", "rich"}),
    "render": ({"core", "render"}, {"typer", "click", "tomli", "tomli_w", "subprocess"}),
    "cli": ({"core", "storage", "render", "cli"}, set()),
}


def _imports(path: Path) -> set[str]:
    """Every module a file imports, wherever the import statement is (at the top or in a function)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            found.add(node.module)
    return found


@pytest.mark.parametrize("layer", list(ALLOWED))
def test_imports_flow_down(layer: str) -> None:
    own, forbidden = ALLOWED[layer]
    modules = sorted((PACKAGE / layer).glob("*.py"))
    assert modules
    for module in modules:
        for name in _imports(module):
            parts = name.split(".")
            if parts[0] == "accord_cli" and len(parts) > 1:
                assert parts[1] in own | {"__init__"}, f"{module.name} imports {name}"
            else:
                assert parts[0] not in forbidden, f"{module.name} imports {name}"


def test_every_module_belongs_to_a_layer() -> None:
    loose = sorted(p.name for p in PACKAGE.glob("*.py") if p.name not in ("__init__.py", "__main__.py"))
    assert loose == []
