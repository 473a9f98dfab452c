"""The per-statement verdict is computed from what ran, and partial runs are judged on what they chose.

Three layers: `summarise` on hand-made results (each status and each way a statement is or is not
judged); a small project run by pytest with a passing, a failing, a skipped and a not-covered scenario
(the plugin's results file, the summary and its exit status); and the project's own features with
`--statement` and `--oracle-covers`.
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

from aks_backup_conformance.report import conformance
from aks_backup_conformance.report.features import Example, compile_features
from aks_backup_conformance.report.results import (
    NOT_COVERED,
    RESULTS_FORMAT,
    ResultsError,
    Verdict,
    summarise,
)
from aks_backup_model.editions import DEFAULT_EDITION, EDITIONS

ROOT = Path(__file__).resolve().parent.parent
IDS = ("SM-A-01", "SM-B-01", "SM-C-01")


def example(line: int, *ids: str, feature: str = "features/x.feature") -> Example:
    return Example(feature, line, line, None, f"scenario at {line}", f"scenario at {line}", ids)


def item(
    line: int, outcome: str, reason: str | None = None, feature: str = "features/x.feature"
) -> dict[str, Any]:
    return {"nodeid": f"steps/test_x.py::test_{line}", "feature": feature, "line": line, "outcome": outcome,
            "reason": reason}  # fmt: skip


def document(
    *items: dict[str, Any], statements: list[str] | None = None, covers: list[str] | None = None
) -> dict[str, Any]:
    return {"format": RESULTS_FORMAT, "selection": {"statements": statements, "covers": covers, "oracle": "x"},
            "items": list(items)}  # fmt: skip


def verdicts(examples: list[Example], doc: dict[str, Any]) -> dict[str, Verdict]:
    return {s.statement_id: s.verdict for s in summarise(examples, doc, IDS).statements}


# ## summarise -------------------------------------------------------------------------------------


def test_a_statement_is_ok_when_its_examples_ran_and_passed() -> None:
    examples = [example(3, "SM-A-01"), example(5, "SM-A-01"), example(7, "SM-B-01"), example(9, "SM-C-01")]
    doc = document(item(3, "passed"), item(5, "passed"), item(7, "passed"), item(9, "passed"))
    summary = summarise(examples, doc, IDS)
    assert {s.statement_id: s.verdict for s in summary.statements} == dict.fromkeys(IDS, Verdict.OK)
    assert summary.ok
    assert summary.headline() == "3 statements judged, 3 ok."


def test_one_failed_example_fails_its_statements_and_the_run() -> None:
    examples = [example(3, "SM-A-01", "SM-B-01"), example(5, "SM-A-01"), example(7, "SM-C-01")]
    summary = summarise(examples, document(item(3, "failed"), item(5, "passed"), item(7, "passed")), IDS)
    assert [s.verdict for s in summary.statements] == [Verdict.FAILED, Verdict.FAILED, Verdict.OK]
    assert not summary.ok
    assert summary.statements[0].count("passed") == 1 and summary.statements[0].count("failed") == 1
    assert summary.headline() == "3 statements judged, 1 ok, 2 failed."


def test_an_example_that_never_ran_is_never_a_pass() -> None:
    """Compiled but not collected (the old name collision), skipped for another reason, or not reached."""
    examples = [example(3, "SM-A-01"), example(5, "SM-A-01"), example(7, "SM-B-01"), example(9, "SM-C-01")]
    doc = document(item(3, "passed"), item(7, "skipped", "no network"), item(9, "not run"))
    summary = summarise(examples, doc, IDS)
    assert [s.verdict for s in summary.statements] == [Verdict.NOT_RUN] * 3
    assert [(e.location, e.reason) for e in summary.statements[0].examples if e.status == "not run"] == [
        ("features/x.feature:5", "never collected")
    ]
    assert not summary.ok


def test_an_example_collected_twice_is_a_failure() -> None:
    examples = [example(3, "SM-A-01"), example(5, "SM-B-01"), example(7, "SM-C-01")]
    doc = document(
        item(3, "passed"), {**item(3, "passed"), "nodeid": "other"}, item(5, "passed"), item(7, "passed")
    )
    assert verdicts(examples, doc)["SM-A-01"] is Verdict.FAILED


def test_a_statement_without_scenarios_is_not_ok() -> None:
    summary = summarise(
        [example(3, "SM-A-01"), example(5, "SM-B-01")], document(item(3, "passed"), item(5, "passed")), IDS
    )
    assert summary.statements[2].verdict is Verdict.NO_SCENARIO
    assert not summary.ok


def test_not_covered_examples_count_neither_as_pass_nor_as_failure() -> None:
    examples = [example(3, "SM-A-01"), example(5, "SM-A-01"), example(7, "SM-B-01"), example(9, "SM-C-01")]
    doc = document(
        item(3, "passed"), item(5, "skipped", f"{NOT_COVERED}: time lines"),
        item(7, "skipped", f"{NOT_COVERED}: SM-B-01"), item(9, "passed"),
    )  # fmt: skip
    summary = summarise(examples, doc, IDS)
    a, b, c = summary.statements
    assert (a.verdict, a.count("passed"), a.count("not covered")) == (Verdict.OK, 1, 1)
    assert (b.verdict, b.count("passed"), b.count("failed")) == (Verdict.NOT_COVERED, 0, 0)
    assert c.verdict is Verdict.OK
    assert summary.ok
    assert summary.headline() == "2 statements covered by the oracle, 2 ok; 1 not covered."


def test_a_skip_whose_reason_merely_mentions_coverage_is_not_run() -> None:
    examples = [example(3, "SM-A-01")]
    doc = document(item(3, "skipped", f"the oracle is {NOT_COVERED}"))
    assert verdicts(examples, doc)["SM-A-01"] is Verdict.NOT_RUN


def test_statement_selection_judges_only_the_selected_ids() -> None:
    examples = [example(3, "SM-A-01", "SM-B-01"), example(5, "SM-B-01"), example(7, "SM-C-01")]
    doc = document(item(3, "passed"), item(5, "deselected"), item(7, "deselected"), statements=["SM-A-01"])
    summary = summarise(examples, doc, IDS)
    assert [s.verdict for s in summary.statements] == [Verdict.OK, Verdict.NOT_SELECTED, Verdict.NOT_SELECTED]
    assert summary.ok
    assert summary.headline() == "1 statement selected, 1 ok; 2 not selected."
    # ... a failure of an unselected statement's scenario is not held against the run, nor is its
    # pass credited: SM-B-01 stays "not selected" either way.
    doc = document(item(3, "passed"), item(5, "failed"), item(7, "deselected"), statements=["SM-A-01"])
    assert verdicts(examples, doc) == {
        "SM-A-01": Verdict.OK, "SM-B-01": Verdict.NOT_SELECTED, "SM-C-01": Verdict.NOT_SELECTED,
    }  # fmt: skip


def test_a_selected_statement_that_fails_fails_the_partial_run() -> None:
    examples = [example(3, "SM-A-01"), example(5, "SM-B-01")]
    doc = document(item(3, "failed"), item(5, "deselected"), statements=["SM-A-01"])
    summary = summarise(examples, doc, IDS)
    assert not summary.ok
    assert summary.headline() == "1 statement selected, 0 ok, 1 failed; 2 not selected."


def test_coverage_judges_only_the_covered_ids() -> None:
    examples = [example(3, "SM-A-01"), example(5, "SM-B-01"), example(7, "SM-C-01")]
    doc = document(
        item(3, "passed"), item(5, "skipped", NOT_COVERED), item(7, "failed"), covers=["SM-A-01", "SM-C-01"]
    )
    summary = summarise(examples, doc, IDS)
    assert [s.verdict for s in summary.statements] == [Verdict.OK, Verdict.NOT_COVERED, Verdict.FAILED]
    assert not summary.ok


def test_every_example_deselected_means_not_selected_and_nothing_judged_is_not_a_pass() -> None:
    examples = [example(3, "SM-A-01")]
    summary = summarise(examples, document(item(3, "deselected")), ("SM-A-01",))
    assert summary.statements[0].verdict is Verdict.NOT_SELECTED
    assert not summary.ok
    assert summary.headline() == "0 statements selected, 0 ok; 1 not selected."


def test_results_of_examples_the_features_no_longer_have_spoil_the_run() -> None:
    summary = summarise(
        [example(3, "SM-A-01")], document(item(3, "passed"), item(99, "passed")), ("SM-A-01",)
    )
    assert summary.problems == [
        "features/x.feature:99: steps/test_x.py::test_99 ran an example the features no longer have"
    ]
    assert not summary.ok


@pytest.mark.parametrize(
    ("doc", "field"),
    [
        ({"format": "other"}, "format"),
        ({**document(), "items": {}}, "items"),
        ({**document(), "items": [{"nodeid": 1}]}, "items[0].nodeid"),
        ({**document(), "selection": {"statements": "SM-A-01"}}, "selection.statements"),
        ({**document(), "selection": None}, "selection"),
    ],
)
def test_a_malformed_results_file_is_named(doc: dict[str, Any], field: str) -> None:
    with pytest.raises(ResultsError) as raised:
        summarise([], doc, IDS)
    assert str(raised.value).startswith(f"{field}: expected")


# ## A small project run by pytest ----------------------------------------------------------------

FEATURE = """\
    Feature: Verdicts

      @SM-VLT-01
      Rule: one passes

        Scenario Outline: it passes with <n>
          Given it is fine

          Examples:
            | n |
            | 1 |
            | 2 |

      @SM-VLT-02
      Rule: one fails

        Scenario: it fails
          Given it is broken

      @SM-VLT-03
      Rule: one is not covered

        Scenario: the oracle cannot answer it
          Given the oracle does not cover it

      @SM-VLT-04
      Rule: one is skipped for another reason

        Scenario: it is skipped
          Given it is skipped
"""

STEPS = """\
    import pytest
    from pytest_bdd import given, scenarios

    from aks_backup_conformance.pytest_plugin import skip_not_covered

    scenarios("verdicts.feature")


    @given("it is fine")
    def _() -> None:
        pass


    @given("it is broken")
    def _() -> None:
        raise AssertionError("deliberately")


    @given("the oracle does not cover it")
    def _() -> None:
        skip_not_covered("SM-VLT-03")


    @given("it is skipped")
    def _() -> None:
        pytest.skip("no reason to run")
"""

ISOLATED = {**os.environ, "PYTEST_DISABLE_PLUGIN_AUTOLOAD": "1"}
"""The small projects load only pytest-bdd and our plugin (pytest.ini), whatever else is installed."""

INI = """\
    [pytest]
    bdd_features_base_dir = features/
    addopts = -p pytest_bdd.plugin -p aks_backup_conformance.pytest_plugin -p no:cacheprovider
"""


@pytest.fixture(scope="module")
def small_run(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, int, dict[str, Any]]:
    root = tmp_path_factory.mktemp("verdicts")
    (root / "features").mkdir()
    (root / "steps").mkdir()
    (root / "features" / "verdicts.feature").write_text(textwrap.dedent(FEATURE), encoding="utf-8")
    (root / "steps" / "test_verdicts.py").write_text(textwrap.dedent(STEPS), encoding="utf-8")
    (root / "pytest.ini").write_text(textwrap.dedent(INI), encoding="utf-8")
    process = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-q", "-p", "no:randomly", "--results=results.json"],
        cwd=root, capture_output=True, text=True, timeout=300, check=False, env=ISOLATED,
    )  # fmt: skip
    return root, process.returncode, json.loads((root / "results.json").read_text(encoding="utf-8"))


def test_the_plugin_records_every_example_with_its_result(
    small_run: tuple[Path, int, dict[str, Any]],
) -> None:
    _, returncode, doc = small_run
    assert returncode == pytest.ExitCode.TESTS_FAILED
    got = [
        (i["feature"], i["scenario_line"], i["line"], i["statements"], i["outcome"], i["reason"])
        for i in doc["items"]
    ]
    assert got == [
        ("features/verdicts.feature", 6, 11, ["SM-VLT-01"], "passed", None),
        ("features/verdicts.feature", 6, 12, ["SM-VLT-01"], "passed", None),
        ("features/verdicts.feature", 17, 17, ["SM-VLT-02"], "failed", "failed in call"),
        ("features/verdicts.feature", 23, 23, ["SM-VLT-03"], "skipped", f"{NOT_COVERED}: SM-VLT-03"),
        ("features/verdicts.feature", 29, 29, ["SM-VLT-04"], "skipped", "no reason to run"),
    ]


def test_the_summary_of_the_small_run(small_run: tuple[Path, int, dict[str, Any]]) -> None:
    root, _, doc = small_run
    ids = ("SM-VLT-01", "SM-VLT-02", "SM-VLT-03", "SM-VLT-04", "SM-VLT-05")
    summary = summarise(compile_features(root), doc, ids)
    assert [(s.statement_id, s.verdict) for s in summary.statements] == [
        ("SM-VLT-01", Verdict.OK),
        ("SM-VLT-02", Verdict.FAILED),
        ("SM-VLT-03", Verdict.NOT_COVERED),
        ("SM-VLT-04", Verdict.NOT_RUN),
        ("SM-VLT-05", Verdict.NO_SCENARIO),
    ]
    assert summary.statements[0].count("passed") == 2
    assert not summary.ok


def test_the_summary_command_on_the_small_run(
    small_run: tuple[Path, int, dict[str, Any]], capsys: pytest.CaptureFixture[str]
) -> None:
    root, _, _ = small_run
    code = conformance.main(
        [str(root / "results.json"), "--root", str(root), "--summary", str(root / "s.json")]
    )
    out = capsys.readouterr().out
    assert code == 1
    assert "SM-VLT-02 failed: features/verdicts.feature:17 it fails (failed in call)" in out
    assert "SM-VLT-04 not run: features/verdicts.feature:29 it is skipped (skipped: no reason to run)" in out
    summary = json.loads((root / "s.json").read_text(encoding="utf-8"))
    assert summary["ok"] is False
    assert summary["statements"]["SM-VLT-01"] == {
        "verdict": "ok", "passed": 2, "failed": 0, "not_run": 0, "not_selected": 0, "not_covered": 0, "problems": [],
    }  # fmt: skip
    assert summary["statements"]["SM-VLT-03"]["verdict"] == "not covered"


@pytest.mark.parametrize(
    "content",
    [
        "{",
        "[]",
        json.dumps({"format": "other"}),
        json.dumps(
            {**document(), "selection": {"statements": None, "covers": None, "edition": "1999-01-01"}}
        ),
    ],
)
def test_the_summary_command_refuses_a_malformed_results_file(
    tmp_path: Path, content: str, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "results.json"
    path.write_text(content, encoding="utf-8")
    assert conformance.main([str(path), "--root", str(ROOT)]) == 2
    assert f"{path}: not a readable results file" in capsys.readouterr().out.replace("\n", "")


# ## The project's own features, partial runs ------------------------------------------------------


def run_features(tmp_path: Path, *options: str) -> tuple[int, str]:
    """pytest on `steps/` with `options`, then the summary command; its exit status and output."""
    results = tmp_path / "results.json"
    process = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-q", "-p", "no:randomly", f"--results={results}", *options],
        cwd=ROOT, capture_output=True, text=True, timeout=600, check=False,
    )  # fmt: skip
    assert process.returncode == 0, process.stdout + process.stderr
    summary = subprocess.run(
        [sys.executable, "-m", "aks_backup_conformance.report.conformance", str(results), "--root", str(ROOT)],
        cwd=ROOT, capture_output=True, text=True, timeout=300, check=False,
    )  # fmt: skip
    return summary.returncode, summary.stdout


def test_one_selected_statement_is_judged_alone(tmp_path: Path) -> None:
    code, out = run_features(tmp_path, "--statement", "SM-VLT-01")
    others = len(EDITIONS[DEFAULT_EDITION].statement_ids) - 1
    assert out.splitlines()[-1] == f"1 statement selected, 1 ok; {others} not selected."
    assert code == 0


def test_an_oracle_judged_on_some_statements_is_judged_on_those(tmp_path: Path) -> None:
    code, out = run_features(tmp_path, "--oracle-covers", "SM-VLT-01,SM-SUP-02")
    others = len(EDITIONS[DEFAULT_EDITION].statement_ids) - 2
    assert out.splitlines()[-1] == f"2 statements covered by the oracle, 2 ok; {others} not covered."
    assert code == 0
