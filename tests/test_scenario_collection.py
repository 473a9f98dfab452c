"""Every compiled scenario example runs exactly once.

The features are compiled with the official Gherkin pickle compiler (one pickle per scenario and per
row of an outline's Examples) and compared, by feature file and line, with what pytest collects under
`steps/` (read back from the results file of the project's pytest plugin). A test of the test builds a
small project where two scenarios of one feature share a name (pytest-bdd then binds only one of them)
and shows that both the plugin's guard and the comparison name the lost scenario's file and line.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

from aks_backup_conformance.report.features import compile_features
from aks_backup_conformance.report.results import collection_problems

ROOT = Path(__file__).resolve().parent.parent


def collect(root: Path, *paths: str) -> tuple[subprocess.CompletedProcess[str], dict[str, Any]]:
    """`pytest --collect-only` in a fresh interpreter, and the results file it wrote."""
    results = root / "build" / "collected.json"
    results.unlink(missing_ok=True)
    process = subprocess.run(
        [sys.executable, "-m", "pytest", *paths, "--collect-only", "-q", "-p", "no:randomly",
         f"--results={results}"],
        cwd=root, capture_output=True, text=True, timeout=300, check=False,
        env=None if root == ROOT else {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
    )  # fmt: skip
    assert results.exists(), f"no results file:\n{process.stdout}\n{process.stderr}"
    return process, json.loads(results.read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def project_collection(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    process, document = collect(ROOT, "steps")
    assert process.returncode == 0, process.stdout + process.stderr
    return document


def test_every_compiled_example_is_collected_exactly_once(project_collection: dict[str, Any]) -> None:
    examples = compile_features(ROOT)
    assert collection_problems(examples, project_collection["items"]) == []
    assert len(project_collection["items"]) == len(examples)


def test_every_collected_scenario_is_a_compiled_example(project_collection: dict[str, Any]) -> None:
    locations = {e.location for e in compile_features(ROOT)}
    stray = [
        i["nodeid"] for i in project_collection["items"] if f"{i['feature']}:{i['line']}" not in locations
    ]
    assert stray == []


def _row_cells(root: Path) -> dict[str, list[str]]:
    """`file:line` of every Examples row -> its cell values, straight from the Gherkin AST."""
    from gherkin.parser import Parser

    cells = {}
    for path in sorted((root / "features").rglob("*.feature")):
        document: Any = Parser().parse(path.read_text(encoding="utf-8"))
        stack = list(document["feature"]["children"])
        while stack:
            child = stack.pop()
            if "rule" in child:
                stack.extend(child["rule"]["children"])
            for table in (child.get("scenario") or {}).get("examples") or []:
                for row in table.get("tableBody") or []:
                    location = f"{path.relative_to(root).as_posix()}:{row['location']['line']}"
                    cells[location] = [c["value"] for c in row["cells"]]
    return cells


def test_each_outline_row_is_located_at_its_own_line(project_collection: dict[str, Any]) -> None:
    """An outline's item runs the row it is located at: its parameters are that row's cells."""
    cells = _row_cells(ROOT)
    rows = [i for i in project_collection["items"] if i["line"] != i["scenario_line"]]
    assert len(rows) == len(cells)
    for item in rows:
        expected = "-".join(cells[f"{item['feature']}:{item['line']}"])
        assert item["nodeid"].endswith(f"[{expected}]"), (item["nodeid"], expected)


# ## The test of the test ---------------------------------------------------------------------------

TWINS = """\
    Feature: Twins
      Rule: one rule

        Scenario: the same name
          Given a step

        Scenario: another name
          Given a step

        Scenario: the same name
          Given a step
"""

STEPS = """\
    from pytest_bdd import given, scenarios

    scenarios("twins.feature")


    @given("a step")
    def _() -> None:
        pass
"""

INI = """\
    [pytest]
    bdd_features_base_dir = features/
    addopts = -p pytest_bdd.plugin -p aks_backup_conformance.pytest_plugin -p no:cacheprovider
"""


def small_project(root: Path, feature: str) -> Path:
    (root / "features").mkdir()
    (root / "steps").mkdir()
    (root / "features" / "twins.feature").write_text(textwrap.dedent(feature), encoding="utf-8")
    (root / "steps" / "test_twins.py").write_text(textwrap.dedent(STEPS), encoding="utf-8")
    (root / "pytest.ini").write_text(textwrap.dedent(INI), encoding="utf-8")
    return root


def test_two_scenarios_with_one_name_fail_the_check_naming_file_and_line(tmp_path: Path) -> None:
    root = small_project(tmp_path, TWINS)
    process, document = collect(root, "steps")
    # pytest-bdd keeps the later of two scenarios with one name: the one at line 4 is lost.
    problems = collection_problems(compile_features(root), document["items"])
    assert problems == ["features/twins.feature:4: 'the same name' is compiled but was never collected"]
    # ... and the plugin refuses the run, naming the file and the line of the second one.
    assert process.returncode == pytest.ExitCode.USAGE_ERROR
    assert "features/twins.feature:10: scenario 'the same name' has the name of the scenario at line 4" in (
        process.stderr
    )


def test_distinct_names_pass_the_check(tmp_path: Path) -> None:
    root = small_project(tmp_path, TWINS.replace("the same name", "a third name", 1))
    process, document = collect(root, "steps")
    assert process.returncode == 0, process.stdout + process.stderr
    assert collection_problems(compile_features(root), document["items"]) == []
    assert len(document["items"]) == 3


def test_another_projects_features_are_left_alone(tmp_path: Path) -> None:
    """The plugin is a pytest11 entry point: loaded in every pytest run of a venv that has the package.
    Another project's pytest-bdd features (not the suite's, no `--results`) are not held to the suite's
    rules: the twins run (as pytest-bdd binds them), and a failure keeps pytest's own report."""
    parts = TWINS.split("Given a step")  # the second scenario ("another name") fails
    root = small_project(
        tmp_path,
        parts[0] + "Given a step" + parts[1] + "Given a failing step" + parts[2] + "Given a step" + parts[3],
    )
    (root / "steps" / "test_twins.py").write_text(
        textwrap.dedent(STEPS)
        + '\n\n@given("a failing step")\ndef failing() -> None:\n    assert 1 + 1 == 3, "their own message"\n',
        encoding="utf-8",
    )
    process = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-q", "-p", "no:randomly"],
        cwd=root, capture_output=True, text=True, timeout=300, check=False,
        env={**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"},
    )  # fmt: skip
    assert process.returncode == pytest.ExitCode.TESTS_FAILED, process.stdout + process.stderr
    assert "has the name of the scenario" not in process.stdout + process.stderr
    assert "their own message" in process.stdout and "assert 1 + 1 == 3" in process.stdout  # pytest's report


def test_the_suites_conftest_carries_every_fixture_hook_and_step_of_common() -> None:
    """`steps/conftest.py` re-exports `steps/common.py` (a star import leaves out `_` names): nothing
    that pytest or pytest-bdd would look for may be left behind."""
    import steps.common as common
    import steps.conftest as conftest

    wanted = {
        name
        for name, value in vars(common).items()
        if name.startswith(("pytest_", "pytestbdd_")) or type(value).__name__ == "FixtureFunctionDefinition"
    }
    assert {"oracle", "env_data", "_only_covered_statements", "pytest_bdd_after_scenario"} <= wanted
    assert sorted(n for n in wanted if getattr(conftest, n, None) is not getattr(common, n)) == []
