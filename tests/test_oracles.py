"""Oracles: the registry, the command oracle and its error handling, plugins, and features run
against an oracle other than the in-process model."""

from __future__ import annotations

import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import aks_backup_conformance.oracles as oracles
from aks_backup_conformance.io.load import load_environment
from aks_backup_conformance.oracles import UnknownOracle, get
from aks_backup_conformance.oracles.command import CommandOracle, OracleError
from aks_backup_model import Effect, Environment, Status, evaluate
from aks_backup_model.operations import OnDemandBackup, Restore

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_CLI = [
    sys.executable,
    "-c",
    "from aks_backup_conformance.cli import main; main()",
    "check",
    "-",
    "--format",
    "json",
]


def tool(tmp_path: Path, body: str) -> list[str]:
    """A fake third-party tool: a Python script that reads the request and answers as `body` says."""
    script = tmp_path / "tool.py"
    script.write_text(
        "import json, sys, time\nrequest = json.load(sys.stdin)\n" + textwrap.dedent(body), encoding="utf-8"
    )
    return [sys.executable, str(script)]


ANSWER = {
    "operation": "configure_backup",
    "findings": [
        {"statement": "SM-SUP-05", "effect": "blocks", "subject": "cluster.identity", "message": "no SPN"}
    ],
}


def test_a_command_that_answers_gives_its_outcome(tmp_path: Path) -> None:
    command = tool(tmp_path, f"print(json.dumps({ANSWER!r}))\nsys.exit(3)\n")
    outcome = CommandOracle(command).evaluate(Environment())
    assert outcome.status is Status.UNSUPPORTED
    assert outcome.cites("SM-SUP-05", Effect.BLOCKS)


def test_the_command_receives_the_environment_with_the_operation(tmp_path: Path) -> None:
    command = tool(
        tmp_path,
        """
        answer = {"operation": request["operation"]["kind"], "findings": []}
        assert request["cluster"]["region"] == "westus3", request["cluster"]["region"]
        print(json.dumps(answer))
        """,
    )
    env = Environment.model_validate({"cluster": {"region": "West US 3"}})
    assert CommandOracle(command).evaluate(env, OnDemandBackup()).operation == "on_demand_backup"


@pytest.mark.parametrize(
    ("body", "message"),
    [
        ("time.sleep(5)\n", "no answer within 0.5 s"),
        (
            "sys.stderr.write('Traceback ...\\nKeyError: cluster\\n'); sys.exit(1)\n",
            "exit code 1: KeyError: cluster",
        ),
        ("print('not json')\n", "not an outcome document"),
        ("print(json.dumps({'findings': []}))\n", "operation: Field required"),
        (
            "print(json.dumps({'operation': 'x', 'findings': [{'statement': 'SM-XXX-01', 'effect': 'blocks'}]}))\n",
            "not in the catalog: SM-XXX-01",
        ),
        (
            "print(json.dumps({'operation': 'x', 'status': 'unsupported', 'findings': []}))\n",
            "contradicts the findings",
        ),
    ],
    ids=["hangs", "crashes", "prints-garbage", "lacks-a-field", "cites-an-unknown-id", "inconsistent-status"],
)
def test_a_misbehaving_command_is_an_oracle_error_never_an_answer(
    tmp_path: Path, body: str, message: str
) -> None:
    oracle = CommandOracle(tool(tmp_path, body), timeout=0.5)
    with pytest.raises(OracleError, match=message.replace("(", r"\(").replace(".", r"\.")):
        oracle.evaluate(Environment())


def test_a_missing_command_is_an_oracle_error() -> None:
    with pytest.raises(OracleError, match="not found"):
        CommandOracle("no-such-preflight-tool --json").evaluate(Environment())


@pytest.mark.parametrize(
    "example", ["mixed-volumes.yaml", "windows-linux.yaml", "restore-paired-region.yaml"]
)
def test_the_reference_cli_as_a_command_oracle_agrees_with_the_model(example: str) -> None:
    env = load_environment(ROOT / "examples" / example)
    answer = CommandOracle(REFERENCE_CLI).evaluate(env)
    assert answer.to_dict() == evaluate(env).to_dict()


def test_a_restore_goes_through_the_command_oracle_too() -> None:
    env = load_environment(ROOT / "examples" / "restore-paired-region.yaml")
    op = Restore.model_validate({"source_tier": "Operational", "target": {"region": "westus"}})
    assert CommandOracle(REFERENCE_CLI).evaluate(env, op).to_dict() == evaluate(env, op).to_dict()


def test_oracles_are_found_by_name() -> None:
    assert get("reference").name == "reference"
    command = get("command:my-tool --json")
    assert isinstance(command, CommandOracle) and command.command == ["my-tool", "--json"]
    with pytest.raises(UnknownOracle, match="known oracles: reference"):
        get("refrence")


class _PluginOracle:
    name = "plugin-under-test"

    def covers(self) -> frozenset[str]:
        return frozenset({"SM-SUP-05"})

    def evaluate(self, env: Environment, op: Any = None) -> Any:
        return evaluate(env, op).restrict(self.covers())


def test_plugins_register_through_the_entry_point_group(monkeypatch: pytest.MonkeyPatch) -> None:
    class EntryPoint:
        def load(self) -> type[_PluginOracle]:
            return _PluginOracle

    groups: list[str] = []
    monkeypatch.setattr(oracles, "_plugins_loaded", False)
    monkeypatch.setattr(oracles, "_REGISTRY", dict(oracles._REGISTRY))
    monkeypatch.setattr(oracles, "entry_points", lambda group: groups.append(group) or [EntryPoint()])
    assert get("plugin-under-test").covers() == {"SM-SUP-05"}
    assert groups == [oracles.ENTRY_POINT_GROUP]
    assert "plugin-under-test" in oracles.names()


def _pytest(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *arguments],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


def test_features_run_against_a_command_oracle() -> None:
    oracle = "command:" + " ".join(f"'{part}'" for part in REFERENCE_CLI)
    done = _pytest("steps/test_cluster.py", "--oracle", oracle, "--statement", "SM-SUP-05")
    assert done.returncode == 0, done.stdout[-2000:]
    assert "4 passed" in done.stdout


def test_scenarios_of_statements_an_oracle_does_not_cover_are_skipped() -> None:
    done = _pytest("steps/test_cluster.py", "--oracle-covers", "SM-SUP-05")
    assert done.returncode == 0, done.stdout[-2000:]
    assert "4 passed, 29 skipped" in done.stdout


def test_a_wrong_answer_fails_the_scenario_that_checks_it(tmp_path: Path) -> None:
    always_supported = tool(tmp_path, "print(json.dumps({'operation': 'x', 'findings': []}))\n")
    oracle = "command:" + " ".join(always_supported)
    done = _pytest("steps/test_cluster.py", "--oracle", oracle, "--statement", "SM-SUP-05")
    assert done.returncode == 1
    assert "failed" in done.stdout and "status supported" in done.stdout
