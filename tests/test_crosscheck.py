"""Cross-checking an oracle against the model: agreement, a shrunk disagreement, and every fault of an
oracle (crash, hang, garbage, two answers to one case, ...) reported as the fault it is."""

from __future__ import annotations

import json
import sys
from pathlib import Path

import pytest
from hypothesis import strategies as st
from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.crosscheck import Verdict, crosscheck, differences
from aks_backup_conformance.oracles import Restricted, get
from aks_backup_conformance.oracles.command import OracleError
from aks_backup_model import Destination, Effect, Environment, Finding, Outcome
from aks_backup_model.operations import PROTECTION_KINDS, Operation
from aks_backup_model.outcome import NamespacePlan, VolumePlan
from aks_backup_model.rules import RULES
from aks_backup_model.strategies import environments, operations
from tests.oracle_tools import cleanup, faulty, left_behind


class IdentityChecker:
    """A third-party check of SM-SUP-05 with a bug: it refuses user-assigned identities too."""

    name = "identity-checker"

    def covers(self) -> frozenset[str]:
        return frozenset({"SM-SUP-05"})

    def evaluate(self, env: Environment, op: Operation | None = None) -> Outcome:
        kind = op.kind if op else "configure_backup"
        findings: tuple[Finding, ...] = ()
        if kind in PROTECTION_KINDS and env.cluster.identity != "SystemAssigned":
            findings = (Finding("SM-SUP-05", Effect.BLOCKS, "cluster.identity", "not a system identity"),)
        return Outcome(kind, env.edition, findings)


class Crashing(IdentityChecker):
    name = "crashing"

    def evaluate(self, env: Environment, op: Operation | None = None) -> Outcome:
        raise OracleError("the tool exited with code 1")


def test_the_model_agrees_with_itself() -> None:
    report = crosscheck(get("reference"), max_examples=25)
    assert report.verdict is Verdict.AGREE and report.environment is None


IDENTITIES = st.sampled_from(["SystemAssigned", "UserAssigned", "ServicePrincipal"])
SMALL = st.tuples(
    st.tuples(
        environments(operations=st.none(), max_node_pools=2, max_namespaces=2, max_volumes=2), IDENTITIES
    ).map(
        lambda pair: pair[0].model_copy(
            update={"cluster": pair[0].cluster.model_copy(update={"identity": pair[1]})}
        )
    ),
    operations(),
)
"""Small environments, every identity equally likely: shrinking a disagreement takes seconds."""


def test_shrinking_stops_at_its_time_budget() -> None:
    ticks = iter(range(10**6))
    report = crosscheck(
        IdentityChecker(), max_examples=200, seed=1, cases=SMALL, shrink_seconds=5, clock=lambda: next(ticks)
    )
    assert report.verdict is Verdict.DISAGREE
    assert report.environment is not None and report.environment.cluster.identity != "SystemAssigned"


def test_a_wrong_oracle_is_caught_and_shrunk_to_the_fact_that_matters() -> None:
    report = crosscheck(IdentityChecker(), max_examples=200, seed=1, cases=SMALL, shrink_seconds=600)
    assert report.verdict is Verdict.DISAGREE
    assert report.environment is not None and report.environment.cluster.identity == "UserAssigned"
    assert report.operation is not None and report.operation.kind in PROTECTION_KINDS
    assert any("SM-SUP-05" in line for line in report.details)


def test_an_oracle_that_fails_is_an_error_not_an_agreement() -> None:
    report = crosscheck(Crashing(), max_examples=10)
    assert report.verdict is Verdict.ORACLE_ERROR
    assert report.details == ["oracle error: OracleError: the tool exited with code 1"]
    assert report.cases == 0 and report.stopped == "stopped at the first oracle error"


def test_differences_look_only_at_covered_statements() -> None:
    model = Outcome("configure_backup", "2025-06-10", (
        Finding("SM-SUP-05", Effect.BLOCKS, "cluster.identity", "m"),
        Finding("SM-REG-03", Effect.BLOCKS, "cluster.region", "m"),
    ))  # fmt: skip
    oracle = Outcome("configure_backup", "2025-06-10", ())
    assert differences(model, oracle, frozenset({"SM-VLT-01"})) == []
    assert differences(model, oracle, frozenset({"SM-SUP-05"})) == [
        "status: model unsupported, oracle supported",
        "only the model: SM-SUP-05 blocks cluster.identity",
    ]


runner = CliRunner()


@pytest.fixture(autouse=True)
def _elsewhere(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """The command saves counterexamples under the current folder: not the repository's."""
    monkeypatch.chdir(tmp_path)


def test_the_command_exits_0_on_agreement_and_prints_json() -> None:
    result = runner.invoke(app, ["crosscheck", "--oracle", "reference", "-n", "10", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["verdict"] == "agree"


def test_the_command_exits_1_when_a_command_oracle_crashes(tmp_path: Path) -> None:
    script = tmp_path / "tool.py"
    script.write_text("import sys\nsys.stderr.write('boom\\n')\nsys.exit(1)\n", encoding="utf-8")
    result = runner.invoke(app, ["crosscheck", "--oracle", f"command:{sys.executable} {script}", "-n", "3"])
    assert result.exit_code == 1, result.output
    assert "ORACLE_ERROR" in result.output and "exit code 1; its stderr ends: boom" in result.output


def test_the_command_refuses_an_unknown_oracle_or_kind_with_exit_2() -> None:
    for arguments in (["--oracle", "nope"], ["--oracle", "reference", "--kind", "backup_everything"]):
        result = runner.invoke(app, ["crosscheck", *arguments])
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output


class Buggy(IdentityChecker):
    name = "buggy"

    def evaluate(self, env: Environment, op: Operation | None = None) -> Outcome:
        return [][0]  # type: ignore[no-any-return]


def test_an_oracle_that_raises_anything_is_an_oracle_error_not_an_internal_error() -> None:
    report = crosscheck(Buggy(), max_examples=5)
    assert report.verdict is Verdict.ORACLE_ERROR
    assert report.details == ["oracle error: IndexError: list index out of range"]


def test_differences_compare_the_volume_and_namespace_plans() -> None:
    plans = Outcome(
        "configure_backup", "2025-06-10", (),
        (VolumePlan("cluster.volumes[0]", "a/b", Destination.OPERATIONAL_AND_VAULT, "SM-VLT-01"),
         VolumePlan("cluster.volumes[1]", "c/d", Destination.SKIPPED, "SM-UNS-02")),
        (NamespacePlan("a", True), NamespacePlan("kube-system", False, "SM-UNS-08")),
    )  # fmt: skip
    bare = Outcome("configure_backup", "2025-06-10", ())
    assert differences(plans, bare, frozenset({"SM-SUP-05"})) == []
    assert differences(plans, bare, frozenset({"SM-VLT-01", "SM-UNS-08"})) == [
        "volume cluster.volumes[0]: model operational+vault (SM-VLT-01), oracle no plan",
        "namespace kube-system: model left out (SM-UNS-08), oracle no plan",
    ]
    wrong = Outcome(
        "configure_backup", "2025-06-10", (),
        (VolumePlan("cluster.volumes[1]", "c/d", Destination.OPERATIONAL, "SM-SUP-03"),),
        (NamespacePlan("a", False, "SM-UNS-08"),),
    )  # fmt: skip
    assert differences(plans, wrong, frozenset({"SM-UNS-02", "SM-UNS-08"})) == [
        "volume cluster.volumes[1]: model skipped (SM-UNS-02), oracle operational (SM-SUP-03)",
        "namespace a: model included, oracle left out (SM-UNS-08)",
        "namespace kube-system: model left out (SM-UNS-08), oracle no plan",
    ]


def test_the_report_counts_the_cases_that_ran_and_each_statement_holding_and_broken() -> None:
    report = crosscheck(get("reference"), max_examples=20, kinds=["configure_backup"])
    assert report.verdict is Verdict.AGREE and 0 < report.cases <= 20
    assert set(report.exercised) <= {s for s, r in RULES.items() if "configure_backup" in r.operations}
    assert all(e.holding + e.broken <= 20 for e in report.exercised.values())
    assert sum(e.broken for e in report.exercised.values()) > 0
    assert report.to_dict()["exercised"]["SM-SUP-05"] == {
        "holding": report.exercised["SM-SUP-05"].holding,
        "broken": report.exercised["SM-SUP-05"].broken,
        "disagreed": 0,
    }


FAULTS = [
    # fault, exit code, verdict, what the details say
    ("crash", 1, "oracle_error", "exit code 1; its stderr ends: Traceback"),
    ("hang-with-child", 1, "oracle_error", "no answer within 0.5 s (its process group was killed)"),
    ("exits-leaving-a-child-on-stdout", 1, "oracle_error", "no answer within 0.5 s"),
    ("garbage", 1, "oracle_error", "its answer is not JSON"),
    ("non-utf8", 1, "oracle_error", "its answer is not UTF-8"),
    ("unknown-id", 1, "oracle_error", "not in the catalog: SM-XXX-99"),
    ("wrong-operation", 1, "oracle_error", "operation: the answer is about"),
    ("wrong-edition", 1, "oracle_error", "edition: the answer is about"),
    ("no-plan-keys", 1, "oracle_error", "volumes: Field required"),
    ("empty-plans", 3, "disagree", "oracle no plan"),
    ("opposite-status", 3, "disagree", "status: model"),
    ("random", 1, "nondeterministic", "the oracle answered the same case two ways"),
]


@pytest.mark.parametrize(("fault", "code", "verdict", "detail"), FAULTS, ids=[f[0] for f in FAULTS])
def test_each_faulty_oracle_is_reported_as_the_fault_it_is(
    tmp_path: Path, fault: str, code: int, verdict: str, detail: str
) -> None:
    command = faulty(tmp_path, fault, "0")
    timeout = "0.5" if "child" in fault else "30"
    arguments = ["crosscheck", "--oracle", "command:" + " ".join(command), "-n", "5", "--shrink-seconds", "0",
                 "--timeout", timeout, "--kind", "configure_backup", "--format", "json"]  # fmt: skip
    try:
        result = runner.invoke(app, arguments)
        assert result.exit_code == code, result.output
        report = json.loads(result.stdout)
        assert report["verdict"] == verdict
        assert any(detail in line for line in report["details"]), report["details"]
        assert report["environment"] is not None and report["operation"] == {"kind": "configure_backup"}
        if verdict == "nondeterministic":
            first, second = report["answers"]
            assert first != second
        assert left_behind(tmp_path) == []
    finally:
        cleanup(tmp_path)


def test_an_oracle_answering_at_random_is_named_nondeterministic_in_20_runs_of_20(tmp_path: Path) -> None:
    verdicts = []
    for run in range(20):
        command = faulty(tmp_path / str(run), "random", str(run))
        arguments = ["crosscheck", "--oracle", "command:" + " ".join(command), "--covers", "SM-SUP-05",
                     "-n", "30", "--seed", str(run), "--shrink-seconds", "5", "--format", "json"]  # fmt: skip
        result = runner.invoke(app, arguments)
        report = json.loads(result.stdout)
        verdicts.append((result.exit_code, report["verdict"], len(report["answers"])))
        assert "the oracle answered the same case two ways:" in report["details"], report["details"]
    assert verdicts == [(1, "nondeterministic", 2)] * 20


def test_at_most_half_the_cases_asked_break_none_of_the_covered_statements() -> None:
    oracle = Restricted(get("reference"), frozenset({"SM-SUP-05"}))
    report = crosscheck(oracle, max_examples=30, seed=3)
    assert report.verdict is Verdict.AGREE and report.cases <= 30
    # Without the weighing, about 20 of 30 cases are asked and SM-SUP-05 is broken in none of them.
    assert report.cases - report.exercised["SM-SUP-05"].broken <= 15
