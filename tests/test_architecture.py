"""The dependency rules of DESIGN.md (and ARCHITECTURE.md), enforced by reading the source with `ast`.

- The model (`aks_backup_model`, in `model/`) never imports the tool (`aks_backup_conformance`, in
  `conformance/`); the tool is built on the model.
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
TOOL_PACKAGE = "aks_backup_conformance"
ROOT = Path(__file__).resolve().parent.parent
MODEL = ROOT / "model"
TOOL = ROOT / "conformance"
PACKAGES = {MODEL: PACKAGE, TOOL: TOOL_PACKAGE}

CORE = frozenset(
    {
        "statements", "editions", "tables", "fields", "environment", "operations", "outcome", "errors",
        "evaluate", "lifecycle", "subjects", "rules", "labels", "unknowns",
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

FORBIDDEN_INTERNAL = frozenset({"strategies"})
"""Subpackages of the model that the pure core never imports (they are built on top of it)."""

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


def package_root(path: Path) -> Path:
    """The source folder (`model/` or `conformance/`) a module lives in."""
    return next(root for root in PACKAGES if path.is_relative_to(root))


def module_name(path: Path) -> str:
    """model/rules/volumes.py -> aks_backup_model.rules.volumes; model/rules/__init__.py -> ...rules;
    conformance/cli.py -> aks_backup_conformance.cli."""
    root = package_root(path)
    parts = list(path.relative_to(root).with_suffix("").parts)
    if parts[-1] == "__init__":
        parts.pop()
    return ".".join([PACKAGES[root], *parts])


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
    return parts[0] == PACKAGE and len(parts) >= 2 and parts[1] in CORE


def check_source(source: str, path: Path) -> list[Violation]:
    """The violations of the dependency rules in one module of the package."""
    shown = str(path.relative_to(ROOT)) if path.is_relative_to(ROOT) else str(path)
    tree = ast.parse(source, filename=shown)
    module = module_name(path)
    core = is_core(module)
    in_model = module.split(".")[0] == PACKAGE
    relative = path.relative_to(package_root(path)).as_posix()
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
        if in_model and top == TOOL_PACKAGE:
            add(imp.line, f"imports {imp.module} (the model never imports the tool, {TOOL_PACKAGE})")
        if core and top == PACKAGE:
            for name in FORBIDDEN_INTERNAL:
                if names_module(imp.module, f"{PACKAGE}.{name}"):
                    add(imp.line, f"imports {imp.module} (the pure core never imports {PACKAGE}.{name})")
        if (
            not in_model
            and relative.startswith("oracles/")
            and (relative, imp.inside[:1])
            != (
                REFERENCE_ORACLE[0],
                (REFERENCE_ORACLE[1],),
            )
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


MODULES = sorted([*MODEL.rglob("*.py"), *TOOL.rglob("*.py")])


def _id(path: Path) -> str:
    return path.relative_to(ROOT).as_posix()


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
    return ROOT / relative


@pytest.mark.parametrize(
    ("relative", "source", "expected"),
    [
        ("model/rules/fake.py", "import hypothesis.strategies as st\n", "imports hypothesis.strategies"),
        ("model/evaluate.py", "from pytest import fixture\n", "imports pytest"),
        ("model/tables.py", "import yaml\n", "imports yaml"),
        ("model/tables.py", "import importlib.metadata\n", "imports importlib.metadata"),
        (
            "model/rules/fake.py",
            "import importlib\nM = importlib.import_module('yaml')\n",
            "calls importlib.import_module()",
        ),
        (
            "model/rules/fake.py",
            "import importlib\nM = importlib.import_module(NAME)\n",
            "calls importlib.import_module()",
        ),
        (
            "model/environment.py",
            "from azure.identity import DefaultAzureCredential\n",
            "imports azure.identity",
        ),
        (
            "model/rules/fake.py",
            "from ..strategies import environments\n",
            "imports aks_backup_model.strategies",
        ),
        (
            "model/rules/fake.py",
            "from aks_backup_conformance import cli\n",
            "imports aks_backup_conformance.cli",
        ),
        (
            "model/evaluate.py",
            "from aks_backup_conformance.report.text import render\n",
            "the model never imports the tool",
        ),
        (
            "model/strategies/fake.py",
            "from aks_backup_conformance.oracles import get\n",
            "the model never imports the tool",
        ),
        ("model/rules/fake.py", "def f():\n    return open('x').read()\n", "calls open()"),
        ("model/rules/fake.py", "import os\nX = os.environ['HOME']\n", "uses os.environ"),
        ("model/rules/fake.py", "import os\nX = os.getenv('HOME')\n", "calls os.getenv()"),
        ("model/rules/fake.py", "import datetime as dt\nTODAY = dt.date.today()\n", "calls dt.date.today()"),
        (
            "model/lifecycle.py",
            "from datetime import datetime\nNOW = datetime.now()\n",
            "calls datetime.now()",
        ),
        ("conformance/cli.py", "import steps.common\n", "imports steps.common"),
        (
            "conformance/io/fake.py",
            "from tests.test_properties import show\n",
            "imports tests.test_properties",
        ),
        (
            "conformance/oracles/fake.py",
            "from aks_backup_model.evaluate import evaluate\n",
            "imports aks_backup_model.evaluate",
        ),
        (
            "conformance/oracles/fake.py",
            "from aks_backup_model.rules import RULES\n",
            "imports aks_backup_model.rules",
        ),
        (
            "conformance/oracles/__init__.py",
            "def other():\n    from aks_backup_model.evaluate import evaluate\n",
            "imports aks_backup_model.evaluate",
        ),
    ],
)
def test_the_checker_reports_a_forbidden_dependency_with_its_line(
    relative: str, source: str, expected: str
) -> None:
    violations = check_source(source, _fake(relative))
    assert any(expected in v.what for v in violations), violations
    assert all(str(v).startswith(f"{relative}:") for v in violations)
    last_line = len(source.splitlines())
    assert any(v.line == last_line for v in violations if expected in v.what)


@pytest.mark.parametrize(
    ("relative", "source"),
    [
        (
            "conformance/oracles/__init__.py",
            "class ReferenceOracle:\n    def e(self):\n        from aks_backup_model.evaluate import evaluate\n",
        ),
        (
            "conformance/oracles/fake.py",
            "from aks_backup_model.environment import Environment\nfrom aks_backup_model.outcome import Outcome\n",
        ),
        (
            "conformance/cli.py",
            "import typer\nimport yaml\nfrom aks_backup_model.evaluate import evaluate\nprint(open('x'))\n",
        ),
        ("model/strategies.py", "from hypothesis import strategies as st\n"),
        (
            "model/rules/__init__.py",
            "import importlib\nfor a in AREAS:\n    importlib.import_module(f'{__name__}.{a}')\n",
        ),
        (
            "model/rules/fake.py",
            "import datetime as dt\nfrom ..tables import AKS_VERSIONS\nX = dt.date(2025, 6, 10)\n",
        ),
    ],
)
def test_the_checker_allows_what_the_rules_allow(relative: str, source: str) -> None:
    assert check_source(source, _fake(relative)) == []
