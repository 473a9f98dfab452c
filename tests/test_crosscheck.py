"""Cross-checking an oracle against the model: agreement, a shrunk disagreement, an oracle error."""

from __future__ import annotations

import json
import sys
from pathlib import Path

from hypothesis import strategies as st
from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.crosscheck import Verdict, crosscheck, differences
from aks_backup_conformance.oracles import get
from aks_backup_conformance.oracles.command import OracleError
from aks_backup_model import Effect, Environment, Finding, Outcome
from aks_backup_model.operations import PROTECTION_KINDS, Operation
from aks_backup_model.strategies import environments, operations


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
    report = crosscheck(IdentityChecker(), max_examples=200, seed=1, cases=SMALL, shrink_seconds=30)
    assert report.verdict is Verdict.DISAGREE
    assert report.environment is not None and report.environment.cluster.identity == "UserAssigned"
    assert report.operation is not None and report.operation.kind in PROTECTION_KINDS
    assert any("SM-SUP-05" in line for line in report.details)


def test_an_oracle_that_fails_is_an_error_not_an_agreement() -> None:
    report = crosscheck(Crashing(), max_examples=10)
    assert report.verdict is Verdict.ORACLE_ERROR
    assert report.details == ["oracle error: the tool exited with code 1"]


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


def test_the_command_exits_0_on_agreement_and_prints_json() -> None:
    result = runner.invoke(app, ["crosscheck", "--oracle", "reference", "-n", "10", "--format", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["verdict"] == "agree"


def test_the_command_exits_4_when_a_command_oracle_crashes(tmp_path: Path) -> None:
    script = tmp_path / "tool.py"
    script.write_text("import sys\nsys.stderr.write('boom\\n')\nsys.exit(1)\n", encoding="utf-8")
    result = runner.invoke(app, ["crosscheck", "--oracle", f"command:{sys.executable} {script}", "-n", "3"])
    assert result.exit_code == 4, result.output
    assert "exit code 1: boom" in result.output


def test_the_command_refuses_an_unknown_oracle_or_kind_with_exit_2() -> None:
    for arguments in (["--oracle", "nope"], ["--oracle", "reference", "--kind", "backup_everything"]):
        result = runner.invoke(app, ["crosscheck", *arguments])
        assert result.exit_code == 2, result.output
        assert "Traceback" not in result.output
