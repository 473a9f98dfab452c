"""The mutator of `nox -s mutation` (tools/mutation): each operator, what is left alone, stable ids, the
in-place swap of a function's code and the readers of a module-level change."""

from __future__ import annotations

import ast
import textwrap
import types
from pathlib import Path

import pytest

from aks_backup_model.editions import DEFAULT_EDITION, JUDGED
from tools.mutation.__main__ import phase_results, phase_setup, phases
from tools.mutation.operators import Mutant, apply, mutants
from tools.mutation.plugin import _code_named, _live_function, hints, module_name, named_first
from tools.mutation.readers import readers
from tools.mutation.report import Equivalent, load_equivalents, records, summary


def changes(source: str, operator: str | None = None) -> list[str]:
    """Each mutant of `source` (of `operator`) as the unparsed mutated module."""
    source = textwrap.dedent(source)
    return [
        ast.unparse(apply(source, "m.py", m))
        for m in mutants(source, "m.py")
        if operator is None or m.operator == operator
    ]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = a < b", "x = a <= b"),
        ("x = a <= b", "x = a < b"),
        ("x = a > b", "x = a >= b"),
        ("x = a >= b", "x = a > b"),
        ("x = a == b", "x = a != b"),
        ("x = a != b", "x = a == b"),
        ("x = a is None", "x = a is not None"),
        ("x = a is not None", "x = a is None"),
        ("x = a in b", "x = a not in b"),
        ("x = a not in b", "x = a in b"),
    ],
)
def test_compare_swaps_one_operator(source: str, expected: str) -> None:
    assert changes(source, "compare") == [expected]


def test_each_operator_of_a_chained_comparison_is_its_own_mutant() -> None:
    assert changes("x = 0 < a < b", "compare") == ["x = 0 <= a < b", "x = 0 < a <= b"]


def test_boolean_and_not() -> None:
    assert changes("x = a and b", "boolean") == ["x = a or b"]
    assert changes("x = a or b", "boolean") == ["x = a and b"]
    assert changes("x = not a", "not") == ["x = a"]


@pytest.mark.parametrize(
    ("source", "expected"),
    [
        ("x = a + b", "x = a - b"),
        ("x = a - b", "x = a + b"),
        ("x = a * b", "x = a // b"),
        ("x = a / b", "x = a * b"),
        ("x = a // b", "x = a * b"),
        ("x = a % b", "x = a // b"),
        ("x = a ** b", "x = a * b"),
        ("x = a | b", "x = a & b"),
        ("x = a & b", "x = a | b"),
        ("x += b", "x -= b"),
        ("x = -a", "x = a"),
    ],
)
def test_arithmetic(source: str, expected: str) -> None:
    assert changes(source, "arithmetic") == [expected]


def test_numbers_go_one_up_and_one_down_and_booleans_flip() -> None:
    assert changes("x = 24", "number") == ["x = 25", "x = 23"]
    assert changes("x = 0.5", "number") == ["x = 1.5"]
    assert changes("x = True", "true-false") == ["x = False"]
    assert changes("x = False", "true-false") == ["x = True"]
    assert changes("x = True", "number") == []


def test_strings_are_emptied_and_the_empty_string_is_filled() -> None:
    assert changes("x = 'Vault'", "string") == ["x = ''"]
    assert changes("x = ''", "string") == ["x = 'XX'"]
    assert changes("x = f'{a} is too big'", "string") == ["x = ''"]


def test_one_element_left_out_of_each_display() -> None:
    assert changes("x = (1, 2)", "remove-element") == ["x = (2,)", "x = (1,)"]
    assert changes("x = [a]", "remove-element") == ["x = []"]
    assert changes("x = {'a', 'b'}", "remove-element") == ["x = {'b'}", "x = {'a'}"]
    assert changes("x = {'a': 1, 'b': 2}", "remove-element") == ["x = {'b': 2}", "x = {'a': 1}"]


def test_yields_and_calls_are_dropped_and_returns_return_none() -> None:
    source = """
    def f(found):
        yield finding(1)
        yield from others()
        found.append(2)
        return found
    """
    assert changes(source, "drop-yield") == [
        "def f(found):\n    pass\n    yield from others()\n    found.append(2)\n    return found",
        "def f(found):\n    yield finding(1)\n    pass\n    found.append(2)\n    return found",
    ]
    assert changes(source, "drop-call") == [
        "def f(found):\n    yield finding(1)\n    yield from others()\n    pass\n    return found"
    ]
    assert changes(source, "return-none") == [
        "def f(found):\n    yield finding(1)\n    yield from others()\n    found.append(2)\n    return None"
    ]
    assert changes("def f():\n    return None", "return-none") == []


def test_plain_conditions_are_negated() -> None:
    assert changes("if ready:\n    go()", "negate-condition") == ["if not ready:\n    go()"]
    assert changes("x = a if ctx.vault else b", "negate-condition") == ["x = a if not ctx.vault else b"]
    assert changes("x = [v for v in vs if v.ok]", "negate-condition") == ["x = [v for v in vs if not v.ok]"]
    assert changes("if a < b:\n    go()", "negate-condition") == []


def test_what_is_left_alone() -> None:
    source = '''
    """Docstring."""
    from dataclasses import dataclass
    __all__ = ["f"]

    @dataclass(frozen=True)
    class C:
        """Docstring."""
        __slots__ = ("a",)
        a: tuple[int, ...]
        """The attribute's docstring."""

    def f(x: "int" = 1) -> list[str]:
        """Docstring."""
        y = 7  # pragma: no mutate
        return x
    '''
    found = mutants(textwrap.dedent(source), "m.py")
    assert [(m.operator, m.detail) for m in found] == [
        ("number", "1 -> 2"),
        ("number", "1 -> 0"),
        ("return-none", "return x"),
    ]


def test_ids_name_the_file_scope_operator_and_code_and_survive_edits_elsewhere() -> None:
    source = "def f(a):\n    return a < 1 or a < 1\n"
    ids = [m.id for m in mutants(source, "model/m.py") if m.operator == "compare"]
    assert ids == ["model/m.py::f::compare::a < 1: < -> <=#0", "model/m.py::f::compare::a < 1: < -> <=#1"]
    moved = "X = 0\n\n\n" + source
    assert [m.id for m in mutants(moved, "model/m.py") if m.operator == "compare"] == ids


def test_a_mutant_knows_whether_it_lives_in_a_function_or_runs_at_import() -> None:
    source = textwrap.dedent(
        """
        LIMIT = 10

        class Box:
            size = 3

            def fits(self, n, extra=1):
                def inner():
                    return n + extra
                return inner() < LIMIT
        """
    )
    where = {(m.operator, m.detail): (m.scope, m.function) for m in mutants(source, "m.py")}
    assert where[("number", "10 -> 11")] == ("<module>", None)
    assert where[("number", "3 -> 4")] == ("Box", None)
    assert where[("number", "1 -> 2")] == ("Box", None)  # a default value is computed by the `def`
    assert where[("arithmetic", "n + extra: + -> -")] == ("Box.fits.inner", "Box.fits")
    assert where[("compare", "inner() < LIMIT: < -> <=")] == ("Box.fits", "Box.fits")


def test_applying_refuses_a_mutant_of_a_changed_file() -> None:
    mutant = mutants("x = a < b\n", "m.py")[0]
    with pytest.raises(ValueError, match="changed since"):
        apply("x = a + b\n", "m.py", mutant)


def test_the_function_to_patch_is_found_through_classes_properties_and_decorators() -> None:
    source = textwrap.dedent(
        """
        import functools

        class Box:
            @property
            def size(self):
                return 3

        @functools.lru_cache
        def cached(n):
            return n + 1
        """
    )
    module = types.ModuleType("m")
    exec(compile(source, "m.py", "exec"), module.__dict__)
    size = _live_function(module, "Box.size")
    assert size is not None and size.__code__.co_qualname == "Box.size"
    cached = _live_function(module, "cached")
    assert cached is not None and cached.__code__.co_qualname == "cached"
    mutant = next(m for m in mutants(source, "m.py") if m.detail == "n + 1: + -> -")
    new = _code_named(compile(apply(source, "m.py", mutant), "m.py", "exec"), "cached")
    assert new is not None
    cached.__code__ = new
    assert module.cached.__wrapped__(5) == 4


def test_module_names_follow_the_package_folders() -> None:
    assert module_name("model/rules/volumes.py") == "aks_backup_model.rules.volumes"
    assert module_name("model/rules/__init__.py") == "aks_backup_model.rules"
    assert module_name("conformance/cli.py") == "aks_backup_conformance.cli"


def test_a_reloaded_mutant_tries_first_the_tests_named_after_the_words_it_changes() -> None:
    source = 'REGIONS = (\n    "East US",\n    "West US",\n)\nVERSIONS = {"1.27": 1}\n'
    [east] = [m for m in mutants(source, "t.py") if m.operator == "remove-element" and "East US" in m.detail]
    assert hints(source, east) == {"East US"}
    nodeids = ["f.py::test_a[West US]", "f.py::test_b", "f.py::test_a[East US]", "f.py::test_c[East US 2]"]
    assert named_first(nodeids, {"East US"}) == [
        "f.py::test_a[East US]", "f.py::test_c[East US 2]", "f.py::test_a[West US]", "f.py::test_b",
    ]  # fmt: skip
    assert named_first(nodeids, set()) == nodeids


def test_the_readers_of_a_table_follow_derived_names_across_modules() -> None:
    tables = "REGIONS = ('a', 'b')\nKNOWN = frozenset(REGIONS)\nOTHER = 1\n"
    rules = textwrap.dedent(
        """
        from tables import KNOWN

        def listed(region):
            return region in KNOWN

        def unrelated():
            return 2
        """
    )
    trees = {"tables.py": ast.parse(tables), "rules.py": ast.parse(rules)}
    seen = readers(trees, "tables.py", 1)
    assert seen is not None
    assert {"REGIONS", "KNOWN"} <= seen.names and "OTHER" not in seen.names
    assert seen.lines == {"rules.py": frozenset({4, 5})}
    # a module-level statement that is not a definition (a loop, a call) may do anything: take everything
    trees["rules.py"] = ast.parse("from tables import KNOWN\nfor k in KNOWN:\n    register(k)\n")
    assert readers(trees, "tables.py", 1) is None


def test_a_decorator_is_read_by_everything() -> None:
    trees = {"r.py": ast.parse("@rule('X', on=('a',))\ndef f():\n    return 1\n")}
    assert readers(trees, "r.py", 1) is None
    assert readers(trees, "r.py", 3) is not None


def test_every_mutant_of_the_model_compiles() -> None:
    root = Path(__file__).resolve().parent.parent
    for path in [root / "model/evaluate.py", root / "model/rules/regions.py"]:
        relative = str(path.relative_to(root))
        source = path.read_text()
        found: list[Mutant] = mutants(source, relative)
        assert found
        for mutant in found:
            compile(apply(source, relative, mutant), relative, "exec")


def test_the_report_scores_killed_over_measured_and_lists_the_survivors(tmp_path: Path) -> None:
    source = "def f(a):\n    return a < 1\n"
    found = mutants(source, "model/m.py")
    status = {m.id: {"status": "killed", "phase": "features"} for m in found}
    status[found[0].id] = {"status": "survived", "phase": "tests", "how": "in place"}
    equivalents = {"model/m.py::f::x#0": Equivalent("model/m.py::f::x#0", "because")}
    recs = records(found, status, equivalents, ["model/"], tests_phase=True)
    group, module = recs
    assert (group["module"], group["kind"], module["module"]) == ("model/", "group", "model/m.py")
    assert (module["killed"], module["total"], module["equivalent"]) == (len(found) - 1, len(found), 1)
    assert module["score"] == round((len(found) - 1) / len(found), 4)
    assert [s["id"] for s in module["survivors"]] == [found[0].id]
    assert "model/m.py" in summary(recs) and found[0].id in summary(recs)


def test_an_equivalent_without_a_reason_is_refused(tmp_path: Path) -> None:
    listed = tmp_path / "equivalents.yaml"
    listed.write_text("- id: a\n  reason: it cannot change anything\n")
    assert load_equivalents(listed)["a"].reason == "it cannot change anything"
    listed.write_text("- id: a\n")
    with pytest.raises(SystemExit, match="non-empty `reason`"):
        load_equivalents(listed)


def test_the_features_of_every_edition_run_before_the_tests(tmp_path: Path) -> None:
    others = [e for e in JUDGED if e != DEFAULT_EDITION]
    assert phases() == ["features", *(f"features@{e}" for e in others), "tests"]
    assert phase_setup("features") == ("steps", ())
    assert phase_setup("features@2025-06-10") == ("steps", ("--edition=2025-06-10",))
    assert phase_setup("tests") == ("tests", ())
    assert phase_results(tmp_path, "features") == {}  # a phase that never ran measured nothing
    (tmp_path / "features.results.json").write_text('{"m": {"status": "killed"}}')
    assert phase_results(tmp_path, "features") == {"m": {"status": "killed"}}
