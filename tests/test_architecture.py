"""The dependency rules of DESIGN.md (and ARCHITECTURE.md), enforced by reading the source with `ast`.

- The pure core does no I/O, reads no clock and no environment variables, and imports nothing from
  pytest, Hypothesis, the CLI, the harness, the reporting and loading layers, or any cloud SDK.
- Nothing in the package imports `steps` or `tests`.
- An oracle other than the reference oracle never imports `rules` or `evaluate` (else the cross-check
  compares the model with itself).
- Every module starts with `from __future__ import annotations`.

Failures name the file, the line and the offending import or call.
"""

from __future__ import annotations

import ast
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

PACKAGE = "aks_backup_model"
ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "model"

CORE = frozenset(
    {
        "statements", "editions", "tables", "fields", "environment", "operations", "outcome", "errors",
        "evaluate", "lifecycle", "subjects", "rules",
    }
)  # fmt: skip
"""The pure core: top-level modules of the package (and `rules`, with everything under it)."""

FORBIDDEN_THIRD_PARTY = frozenset(
    {
        "pytest", "_pytest", "pytest_bdd", "hypothesis", "typer", "click", "rich", "yaml", "azure",
        "kubernetes", "requests", "httpx", "urllib", "http", "socket", "subprocess", "shutil", "tempfile",
        "pathlib", "io", "importlib.metadata", "importlib.resources", "random", "time",
    }
)  # fmt: skip
"""Top-level distributions the pure core never imports (test tools, CLI and output, YAML, cloud SDKs,
and the standard library's doors to the outside world: files, processes, network, clocks, randomness)."""

FORBIDDEN_INTERNAL = frozenset({"cli", "io", "report", "harness", "oracles", "strategies"})
"""Subpackages of the package that the pure core never imports (they are built on top of it)."""

FORBIDDEN_CALLS = {
    "open": "opens a file",
    "input": "reads standard input",
    "print": "writes to standard output",
    "now": "reads the clock",
    "utcnow": "reads the clock",
    "today": "reads the clock",
    "getenv": "reads an environment variable",
    "putenv": "writes an environment variable",
    "import_module": "imports dynamically, out of the check's sight",
    "__import__": "imports dynamically, out of the check's sight",
}
"""Call names (`open(...)`, `datetime.now()`, `date.today()`...) the pure core never makes. (`time.time()`
and friends need `import time`, which is refused above.)"""

DYNAMIC_IMPORTS = frozenset({"import_module", "__import__"})
"""Allowed in the core only for its own submodules: `import_module(f"{__name__}.{area}")` (the modules
imported are themselves under this check)."""

FORBIDDEN_ATTRIBUTES = {"environ": "reads environment variables", "stdin": "reads standard input"}

REFERENCE_ORACLE = ("oracles/__init__.py", "ReferenceOracle")
"""The one place outside the core allowed to import `evaluate`: the reference oracle, lazily."""


@dataclass(frozen=True)
class Violation:
    path: str
    line: int
    what: str

    def __str__(self) -> str:
        return f"{self.path}:{self.line}: {self.what}"


@dataclass(frozen=True)
class Import:
    module: str
    """The absolute module imported (`aks_backup_model.rules.volumes`, `hypothesis.strategies`)."""
    line: int
    inside: tuple[str, ...]
    """The classes and functions the import statement is nested in."""


def module_name(path: Path) -> str:
    """model/rules/volumes.py -> aks_backup_model.rules.volumes; model/rules/__init__.py -> ...rules."""
    parts = list(path.relative_to(MODEL).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGE, *parts])


def imports(tree: ast.Module, module: str, *, is_package: bool) -> Iterator[Import]:
    """Every module an import statement of `tree` (in `module`) names, with relative imports resolved;
    `from X import a` names X and X.a (a may be a submodule)."""
    package = module if is_package else module.rpartition(".")[0]

    def visit(node: ast.AST, inside: tuple[str, ...]) -> Iterator[Import]:
        for child in ast.iter_child_nodes(node):
            if isinstance(child, ast.Import):
                for alias in child.names:
                    yield Import(alias.name, child.lineno, inside)
            elif isinstance(child, ast.ImportFrom):
                if child.level:
                    base_parts = package.split(".")
                    base_parts = base_parts[: len(base_parts) - (child.level - 1)]
                    base = ".".join(base_parts + ([child.module] if child.module else []))
                else:
                    base = child.module or ""
                yield Import(base, child.lineno, inside)
                for alias in child.names:
                    yield Import(f"{base}.{alias.name}", child.lineno, inside)
            scope = (
                (child.name,)
                if isinstance(child, ast.ClassDef | ast.FunctionDef | ast.AsyncFunctionDef)
                else ()
            )
            yield from visit(child, inside + scope)

    yield from visit(tree, ())


def names_module(imported: str, target: str) -> bool:
    """Whether `imported` is `target` or inside it (`a.b.c` names `a.b`; `a.bc` does not)."""
    return imported == target or imported.startswith(target + ".")


def is_core(module: str) -> bool:
    parts = module.split(".")
    return len(parts) >= 2 and parts[1] in CORE


def check_source(source: str, path: Path) -> list[Violation]:
    """The violations of the dependency rules in one module of the package."""
    shown = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    tree = ast.parse(source, filename=shown)
    module = module_name(path)
    core = is_core(module)
    relative = path.relative_to(MODEL).as_posix()
    found: list[Violation] = []
    seen: set[tuple[int, str]] = set()

    def add(line: int, what: str) -> None:
        if (line, what) not in seen:
            seen.add((line, what))
            found.append(Violation(shown, line, what))

    for imp in imports(tree, module, is_package=path.name == "__init__.py"):
        top = imp.module.split(".")[0]
        if top in {"steps", "tests", "conftest"}:
            add(imp.line, f"imports {imp.module} (the package never imports {top})")
        for name in FORBIDDEN_THIRD_PARTY:
            if core and names_module(imp.module, name):
                add(imp.line, f"imports {imp.module} (the pure core never imports {name})")
        if core and top == PACKAGE:
            for name in FORBIDDEN_INTERNAL:
                if names_module(imp.module, f"{PACKAGE}.{name}"):
                    add(imp.line, f"imports {imp.module} (the pure core never imports {PACKAGE}.{name})")
        if relative.startswith("oracles/") and (relative, imp.inside[:1]) != (
            REFERENCE_ORACLE[0],
            (REFERENCE_ORACLE[1],),
        ):
            for name in ("rules", "evaluate"):
                if names_module(imp.module, f"{PACKAGE}.{name}"):
                    add(
                        imp.line,
                        f"imports {imp.module} (an oracle other than the reference oracle never imports "
                        f"{name}: the cross-check would compare the model with itself)",
                    )
    if core:
        for node in ast.walk(tree):
            if isinstance(node, ast.Call):
                func = node.func
                called = (
                    func.id
                    if isinstance(func, ast.Name)
                    else func.attr
                    if isinstance(func, ast.Attribute)
                    else None
                )
                if called in DYNAMIC_IMPORTS and imports_own_submodule(node):
                    continue
                if called in FORBIDDEN_CALLS:
                    add(
                        node.lineno,
                        f"calls {ast.unparse(func)}() (the pure core never {FORBIDDEN_CALLS[called]})",
                    )
            elif isinstance(node, ast.Attribute) and node.attr in FORBIDDEN_ATTRIBUTES:
                add(
                    node.lineno,
                    f"uses {ast.unparse(node)} (the pure core never {FORBIDDEN_ATTRIBUTES[node.attr]})",
                )
    return sorted(found, key=lambda v: v.line)


def imports_own_submodule(call: ast.Call) -> bool:
    """`import_module(f"{__name__}.x")` or `import_module("aks_backup_model.x")`: a submodule of the package."""
    if not call.args:
        return False
    first = call.args[0]
    if isinstance(first, ast.Constant) and isinstance(first.value, str):
        return first.value.startswith(PACKAGE + ".")
    if isinstance(first, ast.JoinedStr) and len(first.values) >= 2:
        head, dot = first.values[0], first.values[1]
        return (
            isinstance(head, ast.FormattedValue)
            and isinstance(head.value, ast.Name)
            and head.value.id == "__name__"
            and isinstance(dot, ast.Constant)
            and str(dot.value).startswith(".")
        )
    return False


def has_future_annotations(tree: ast.Module) -> bool:
    return any(
        isinstance(node, ast.ImportFrom)
        and node.module == "__future__"
        and any(alias.name == "annotations" for alias in node.names)
        for node in tree.body
    )


MODULES = sorted(MODEL.rglob("*.py"))


def _id(path: Path) -> str:
    return path.relative_to(MODEL).as_posix()


# --- the rules, on the package as it is ----------------------------------------------------------


def test_the_package_has_a_pure_core_to_check() -> None:
    core = [p for p in MODULES if is_core(module_name(p))]
    assert {"evaluate", "environment", "outcome", "rules"} <= {module_name(p).split(".")[1] for p in core}


@pytest.mark.parametrize("path", MODULES, ids=_id)
def test_module_respects_the_dependency_rules(path: Path) -> None:
    violations = check_source(path.read_text(encoding="utf-8"), path)
    assert not violations, "dependency rules broken:\n" + "\n".join(map(str, violations))


@pytest.mark.parametrize("path", MODULES, ids=_id)
def test_module_starts_with_future_annotations(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert has_future_annotations(tree), (
        f"{path.relative_to(ROOT)}:1: lacks `from __future__ import annotations`"
    )


# --- the checker itself finds what it should (else the tests above would pass vacuously) ------------


def _fake(relative: str) -> Path:
    return MODEL / relative


@pytest.mark.parametrize(
    ("relative", "source", "expected"),
    [
        ("rules/fake.py", "import hypothesis.strategies as st\n", "imports hypothesis.strategies"),
        ("evaluate.py", "from pytest import fixture\n", "imports pytest"),
        ("tables.py", "import yaml\n", "imports yaml"),
        ("tables.py", "import importlib.metadata\n", "imports importlib.metadata"),
        (
            "rules/fake.py",
            "import importlib\nM = importlib.import_module('yaml')\n",
            "calls importlib.import_module()",
        ),
        (
            "rules/fake.py",
            "import importlib\nM = importlib.import_module(NAME)\n",
            "calls importlib.import_module()",
        ),
        ("environment.py", "from azure.identity import DefaultAzureCredential\n", "imports azure.identity"),
        ("rules/fake.py", "from ..strategies import environments\n", "imports aks_backup_model.strategies"),
        ("rules/fake.py", "from .. import cli\n", "imports aks_backup_model.cli"),
        ("evaluate.py", "from .report.text import render\n", "imports aks_backup_model.report"),
        ("outcome.py", "from .oracles import get\n", "imports aks_backup_model.oracles"),
        ("rules/fake.py", "def f():\n    return open('x').read()\n", "calls open()"),
        ("rules/fake.py", "import os\nX = os.environ['HOME']\n", "uses os.environ"),
        ("rules/fake.py", "import os\nX = os.getenv('HOME')\n", "calls os.getenv()"),
        ("rules/fake.py", "import datetime as dt\nTODAY = dt.date.today()\n", "calls dt.date.today()"),
        ("lifecycle.py", "from datetime import datetime\nNOW = datetime.now()\n", "calls datetime.now()"),
        ("cli.py", "import steps.common\n", "imports steps.common"),
        ("io/fake.py", "from tests.test_properties import show\n", "imports tests.test_properties"),
        ("oracles/fake.py", "from ..evaluate import evaluate\n", "imports aks_backup_model.evaluate"),
        ("oracles/fake.py", "from ..rules import RULES\n", "imports aks_backup_model.rules"),
        (
            "oracles/__init__.py",
            "def other():\n    from ..evaluate import evaluate\n",
            "imports aks_backup_model.evaluate",
        ),
    ],
)
def test_the_checker_reports_a_forbidden_dependency_with_its_line(
    relative: str, source: str, expected: str
) -> None:
    violations = check_source(source, _fake(relative))
    assert any(expected in v.what for v in violations), violations
    assert all(str(v).startswith(f"model/{relative}:") for v in violations)
    last_line = len(source.splitlines())
    assert any(v.line == last_line for v in violations if expected in v.what)


@pytest.mark.parametrize(
    ("relative", "source"),
    [
        (
            "oracles/__init__.py",
            "class ReferenceOracle:\n    def e(self):\n        from ..evaluate import evaluate\n",
        ),
        ("oracles/fake.py", "from ..environment import Environment\nfrom ..outcome import Outcome\n"),
        ("cli.py", "import typer\nimport yaml\nfrom .evaluate import evaluate\nprint(open('x'))\n"),
        ("strategies.py", "from hypothesis import strategies as st\n"),
        (
            "rules/__init__.py",
            "import importlib\nfor a in AREAS:\n    importlib.import_module(f'{__name__}.{a}')\n",
        ),
        (
            "rules/fake.py",
            "import datetime as dt\nfrom ..tables import AKS_VERSIONS\nX = dt.date(2025, 6, 10)\n",
        ),
    ],
)
def test_the_checker_allows_what_the_rules_allow(relative: str, source: str) -> None:
    assert check_source(source, _fake(relative)) == []
