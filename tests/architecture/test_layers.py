"""Imports go one way: the foundation, then families, volunteers, matching, the workspace.

Every module of the platform is parsed, imports inside functions included, so an
upward import fails here instead of hiding until it causes a cycle. A lower layer
that must react to a higher one offers a registry the higher one calls (as the
admin discovers admin.py); see coalition/notifications/registry.py.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = next(p for p in Path(__file__).resolve().parents if (p / "manage.py").exists())
PACKAGES = (
    "coalition",
    "families",
    "volunteers",
    "matching",
    "documents",
    "coordinators",
    "devtools",
)

# Lowest first. A module may import from its own layer and the layers below it.
LAYERS = (
    ("coalition", 0),  # settings readers, Celery app, status machines, health check
    ("coalition.programmes", 1),
    ("coalition.people", 2),
    ("coalition.notifications", 3),
    ("coalition.privacy", 4),
    ("coalition.instruments", 5),  # the questionnaire registry (data only)
    ("families", 10),
    ("volunteers", 11),
    ("matching", 12),
    ("documents", 13),  # documents kept with families, requests, matches and volunteers
    ("coordinators", 20),
    ("devtools", 30),
    ("coalition.urls", 99),  # wires every app's urls together
)


def layer_of(module: str) -> int:
    best = ("", -1)
    for prefix, rank in LAYERS:
        if (module == prefix or module.startswith(prefix + ".")) and len(prefix) > len(best[0]):
            best = (prefix, rank)
    return best[1]


def platform_modules() -> list[tuple[str, Path]]:
    found = []
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" in path.parts:
                continue
            module = ".".join(path.relative_to(ROOT).with_suffix("").parts)
            found.append((module.removesuffix(".__init__"), path))
    return found


def imported_modules(path: Path, module: str) -> list[tuple[int, str]]:
    tree = ast.parse(path.read_text(), filename=str(path))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(node.lineno, alias.name) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = module.split(".")
                is_package = path.name == "__init__.py"
                base = base[: len(base) - node.level + (1 if is_package else 0)]
                target = ".".join([*base, node.module] if node.module else base)
            else:
                target = node.module or ""
            found.append((node.lineno, target))
            # `from coalition import people` imports the sub-package itself.
            found += [(node.lineno, f"{target}.{alias.name}") for alias in node.names]
    return found


def upward_imports() -> list[str]:
    problems = []
    for module, path in platform_modules():
        own = layer_of(module)
        for line, target in imported_modules(path, module):
            if target.split(".")[0] not in PACKAGES:
                continue
            theirs = layer_of(target)
            if theirs > own and not target.startswith(module + "."):
                problems.append(f"{path.relative_to(ROOT)}:{line} imports {target}")
    return sorted(set(problems))


def test_no_module_imports_a_layer_above_its_own():
    assert upward_imports() == []


def test_apps_get_model_is_used_only_in_migrations():
    offenders = []
    for package in (*PACKAGES, "tests"):
        for path in (ROOT / package).rglob("*.py"):
            if "migrations" in path.parts:
                continue
            tree = ast.parse(path.read_text())
            for node in ast.walk(tree):
                if isinstance(node, ast.Attribute) and node.attr == "get_model":
                    offenders.append(f"{path.relative_to(ROOT)}:{node.lineno}")
    assert offenders == []


@pytest.mark.parametrize(
    ("module", "target"),
    [
        ("families.services", "coordinators.selectors"),
        ("coalition.notifications.services", "families.models"),
        ("matching.models", "coordinators.views"),
    ],
)
def test_the_rule_itself_sees_an_upward_import(module, target):
    assert layer_of(target) > layer_of(module)


def test_the_rule_sees_an_import_hidden_in_a_function(tmp_path):
    source = tmp_path / "hidden.py"
    source.write_text("def f():\n    from coordinators.selectors import today\n")
    assert (2, "coordinators.selectors") in imported_modules(source, "families.hidden")
