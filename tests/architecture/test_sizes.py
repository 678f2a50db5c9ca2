"""Small files and short functions, and a workspace that stays a workspace (issue 12).

Demo data and benchmarks (devtools/) are exempt: they are long scripts by nature.
"""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = next(p for p in Path(__file__).resolve().parents if (p / "manage.py").exists())
PLATFORM = ("coalition", "families", "volunteers", "matching", "documents", "coordinators")
MAX_MODULE_LINES = 400
MAX_FUNCTION_LINES = 60


def modules(packages=PLATFORM):
    for package in packages:
        for path in sorted((ROOT / package).rglob("*.py")):
            if "migrations" not in path.parts:
                yield path


def lines_of(package: str) -> int:
    return sum(len(path.read_text().splitlines()) for path in modules((package,)))


def test_no_module_is_over_400_lines():
    long = {
        str(path.relative_to(ROOT)): n
        for path in modules()
        if (n := len(path.read_text().splitlines())) > MAX_MODULE_LINES
    }
    assert long == {}


def test_no_function_is_over_60_lines():
    long = {}
    for path in modules():
        for node in ast.walk(ast.parse(path.read_text())):
            if isinstance(node, ast.FunctionDef | ast.AsyncFunctionDef):
                length = node.end_lineno - node.lineno + 1
                if length > MAX_FUNCTION_LINES:
                    long[f"{path.relative_to(ROOT)}:{node.name}"] = length
    assert long == {}


def test_the_coordinators_workspace_is_under_a_third_of_the_code():
    total = sum(lines_of(package) for package in PLATFORM)
    assert lines_of("coordinators") < total / 3
