"""Oracles: the registry, the command oracle and its error handling (fault-injecting oracles), the
wire format and its schemas, time-line questions, plugins, and features run against an oracle other
than the in-process model."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys
import textwrap
from pathlib import Path
from typing import Any

import pytest

import aks_backup_conformance.oracles as oracles
from aks_backup_conformance.io.load import load_environment
from aks_backup_conformance.oracles import (
    TimelineQuestion,
    UnknownOracle,
    answers_timelines,
    get,
    simulate_reference,
)
from aks_backup_conformance.oracles.command import CommandOracle, OracleError
from aks_backup_conformance.oracles.wire import timeline_document
from aks_backup_model import Effect, Environment, Status, evaluate
from aks_backup_model.editions import DEFAULT_EDITION
from aks_backup_model.environment import Policy, VaultTier
from aks_backup_model.lifecycle import (
    DeletionRequested,
    HealthChanged,
    OnDemandBackup,
    RestoreRequested,
    ScheduledBackup,
    TimePasses,
    utc,
)
from aks_backup_model.operations import OnDemandBackup as OnDemandBackupOperation
from aks_backup_model.operations import Restore
from tests.oracle_tools import cleanup, faulty, left_behind

ROOT = Path(__file__).resolve().parent.parent
REFERENCE_CLI = [sys.executable, "-c", "from aks_backup_conformance.cli import main; main()", "answer"]


def tool(tmp_path: Path, body: str) -> list[str]:
    """A fake third-party tool: a Python script that reads the request and answers as `body` says."""
    script = tmp_path / "tool.py"
    script.write_text(
        "import json, sys, time\nrequest = json.load(sys.stdin)\n" + textwrap.dedent(body), encoding="utf-8"
    )
    return [sys.executable, str(script)]


ANSWER = {
    "schema_version": "1.0",
    "question": "evaluate",
    "operation": "configure_backup",
    "edition": DEFAULT_EDITION,
    "findings": [
        {"statement": "SM-SUP-05", "effect": "blocks", "subject": "cluster.identity", "message": "no SPN"}
    ],
    "volumes": [],
    "namespaces": [],
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
        answer = {"schema_version": "1.0", "question": "evaluate", "operation": request["operation"]["kind"],
                  "edition": request["edition"], "findings": [], "volumes": [], "namespaces": []}
        assert request["environment"]["cluster"]["region"] == "westus3", request["environment"]["cluster"]
        assert request["environment"]["operation"] == request["operation"], request
        print(json.dumps(answer))
        """,
    )
    env = Environment.model_validate({"cluster": {"region": "West US 3"}})
    assert CommandOracle(command).evaluate(env, OnDemandBackupOperation()).operation == "on_demand_backup"


@pytest.mark.parametrize(
    ("fault", "message"),
    [
        ("crash", r"exit code 1; its stderr ends: .*KeyError: 'cluster'"),
        (
            "hang-with-child",
            r"no answer within 1 s \(its process group was killed\); its stderr ends: waiting",
        ),
        ("exits-leaving-a-child-on-stdout", r"no answer within 1 s"),
        ("garbage", r"its answer is not JSON \(Expecting value at line 1 column 1; it begins 'Everything"),
        ("non-utf8", r"its answer is not UTF-8 \(byte 0xff at offset 39\)"),
        ("unknown-id", r"cites ids that are not in the catalog: SM-XXX-99"),
        (
            "wrong-operation",
            r"operation: the answer is about 'restore', the request asked 'configure_backup'",
        ),
        # examples/mixed-volumes.yaml states edition 2025-06-10; the faulty tool answers about another one.
        ("wrong-edition", r"edition: the answer is about '2026-01-06', the request asked '2025-06-10'"),
        ("no-plan-keys", r"its answer breaks the answer schema \(1\.0\) at \$\.volumes: Field required"),
    ],
)
def test_a_faulty_command_is_an_oracle_error_never_an_answer(
    tmp_path: Path, fault: str, message: str
) -> None:
    oracle = CommandOracle(faulty(tmp_path, fault), timeout=1 if "child" in fault else 30)
    try:
        with pytest.raises(OracleError, match=message):
            oracle.evaluate(load_environment(ROOT / "examples" / "mixed-volumes.yaml"))
        assert left_behind(tmp_path) == []
    finally:
        cleanup(tmp_path)


def test_an_inconsistent_status_is_malformed(tmp_path: Path) -> None:
    body = f"answer = {ANSWER!r}\nanswer['status'] = 'supported'\nprint(json.dumps(answer))\n"
    with pytest.raises(OracleError, match="contradicts the findings"):
        CommandOracle(tool(tmp_path, body)).evaluate(Environment())


def test_an_answer_to_another_question_is_malformed(tmp_path: Path) -> None:
    body = f"answer = {ANSWER!r}\nanswer['question'] = 'timeline'\nprint(json.dumps(answer))\n"
    with pytest.raises(
        OracleError, match="question: the answer is to 'timeline', the request asked 'evaluate'"
    ):
        CommandOracle(tool(tmp_path, body)).evaluate(Environment())


def test_a_missing_command_is_an_oracle_error() -> None:
    with pytest.raises(OracleError, match=r"cannot run: .*No such file"):
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
        name = "preflight"  # the entry point's own name, not the oracle's

        def load(self) -> type[_PluginOracle]:
            return _PluginOracle

    groups: list[str] = []
    monkeypatch.setattr(oracles, "_plugins_loaded", False)
    monkeypatch.setattr(oracles, "_REGISTRY", dict(oracles._REGISTRY))
    monkeypatch.setattr(oracles, "entry_points", lambda group: groups.append(group) or [EntryPoint()])
    assert get("plugin-under-test").covers() == {"SM-SUP-05"}
    assert groups == [oracles.ENTRY_POINT_GROUP]
    assert "plugin-under-test" in oracles.names()
    assert get("preflight").name == "plugin-under-test"  # by the entry point's name too


ORACLE_MODULE = """\
from aks_backup_model import evaluate


class Preflight:
    name = "preflight-script"

    def covers(self):
        return frozenset({"SM-SUP-05"})

    def evaluate(self, env, op=None):
        return evaluate(env, op).restrict(self.covers())


INSTANCE = Preflight()
NOT_AN_ORACLE = 42
"""


def test_an_oracle_is_named_by_module_and_attribute(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """`module:attribute`, importable from the current folder: a class (made) or an instance."""
    (tmp_path / "my_preflight_oracle.py").write_text(ORACLE_MODULE, encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    monkeypatch.syspath_prepend(str(tmp_path))
    made = get("my_preflight_oracle:Preflight")
    assert made.name == "preflight-script" and made.covers() == {"SM-SUP-05"}
    assert get("my_preflight_oracle:INSTANCE").name == "preflight-script"
    with pytest.raises(UnknownOracle, match="has no attribute 'Missing'"):
        get("my_preflight_oracle:Missing")
    with pytest.raises(UnknownOracle, match="is not an oracle"):
        get("my_preflight_oracle:NOT_AN_ORACLE")
    with pytest.raises(UnknownOracle, match="cannot import 'no_such_module_here'"):
        get("no_such_module_here:Oracle")


def _pytest(*arguments: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "pytest", "-q", "-p", "no:cacheprovider", *arguments],
        cwd=ROOT, capture_output=True, text=True, check=False, timeout=300,
    )  # fmt: skip


def test_features_run_against_a_command_oracle() -> None:
    oracle = "command:" + " ".join(f"'{part}'" for part in REFERENCE_CLI)
    done = _pytest("steps/test_cluster.py", "--oracle", oracle, "--statement", "SM-SUP-05")
    assert done.returncode == 0, done.stdout[-2000:]
    assert "6 passed" in done.stdout


def test_scenarios_of_statements_an_oracle_does_not_cover_are_skipped() -> None:
    done = _pytest("steps/test_cluster.py", "--oracle-covers", "SM-SUP-05")
    assert done.returncode == 0, done.stdout[-2000:]
    # the six SM-SUP-05 examples ran; every other scenario of the feature (however many) was skipped
    # (scenarios of another edition are deselected, so the line may go on)
    assert re.search(r"^6 passed, \d+ skipped\b", done.stdout, re.M), done.stdout[-2000:]


def test_a_wrong_answer_fails_the_scenario_that_checks_it(tmp_path: Path) -> None:
    always_supported = tool(
        tmp_path,
        "print(json.dumps({'schema_version': '1.0', 'question': 'evaluate', 'operation': request['operation']['kind'],"
        " 'edition': request['edition'], 'findings': [], 'volumes': [], 'namespaces': []}))\n",
    )
    oracle = "command:" + " ".join(always_supported)
    done = _pytest("steps/test_cluster.py", "--oracle", oracle, "--statement", "SM-SUP-05")
    assert done.returncode == 1
    assert "failed" in done.stdout
    # one line per failed scenario: the statement, what the oracle answered, what the matrix says
    assert (
        "[SM-SUP-05] Then the backup is refused citing SM-SUP-05: SM-SUP-05: the oracle answered supported, citing nothing; the matrix says unsupported, citing SM-SUP-05 blocks"
        in done.stdout
    )


def test_features_against_a_hanging_oracle_stop_after_three_errors_and_say_why(tmp_path: Path) -> None:
    oracle = "command:" + " ".join(faulty(tmp_path, "hang-with-child"))
    try:
        done = _pytest("steps/test_cluster.py", "--oracle", oracle, "--oracle-timeout", "0.5")
        assert done.returncode == 1, done.stdout[-2000:]
        assert "stopped after 3 consecutive errors of the oracle" in done.stdout
        assert "no answer within 0.5 s" in done.stdout
        assert "3 failed" in done.stdout and "passed" not in done.stdout
        assert left_behind(tmp_path) == []
    finally:
        cleanup(tmp_path)


def test_an_answer_about_another_operation_fails_the_scenarios(tmp_path: Path) -> None:
    oracle = "command:" + " ".join(faulty(tmp_path, "wrong-operation"))
    done = _pytest(
        "steps/test_cluster.py", "--oracle", oracle, "--statement", "SM-SUP-05", "--oracle-max-errors", "0"
    )
    reference = _pytest("steps/test_cluster.py", "--statement", "SM-SUP-05")
    examples = re.search(r"(\d+) passed", reference.stdout)
    assert reference.returncode == 0 and examples is not None
    # Every SM-SUP-05 example the reference passes fails against the oracle that answers another question.
    assert done.returncode == 1
    assert f"{examples.group(1)} failed" in done.stdout and "the answer is about" in done.stdout


# ## Time-line questions ------------------------------------------------------------------------------

QUESTION = TimelineQuestion(
    Policy(every_hours=4, vault=VaultTier(retention_days=30)),
    (
        ScheduledBackup(utc(dt.datetime(2025, 6, 2, 1)), dt.timedelta(hours=2, minutes=30)),
        OnDemandBackup(utc(dt.datetime(2025, 6, 2, 3)), to_vault=True),
        RestoreRequested(utc(dt.datetime(2025, 6, 2, 12)), "Vault"),
        DeletionRequested(utc(dt.datetime(2025, 6, 3, 1)), utc(dt.datetime(2025, 6, 2, 1)), "Vault"),
        HealthChanged(utc(dt.datetime(2025, 6, 3, 2)), healthy=False),
        TimePasses(utc(dt.datetime(2025, 6, 12))),
    ),
)


def test_the_reference_cli_answers_time_line_questions_as_the_model_does() -> None:
    answer = CommandOracle(REFERENCE_CLI, timelines=True).simulate(QUESTION)
    expected = simulate_reference(QUESTION)
    assert timeline_document(answer, edition="2025-06-10") == timeline_document(
        expected, edition="2025-06-10"
    )
    assert [r.label for r in answer.results] == [r.label for r in expected.results]
    assert answer.results[0].event == QUESTION.events[0]


def test_a_command_that_does_not_say_it_answers_time_lines_is_never_asked() -> None:
    oracle = CommandOracle(REFERENCE_CLI)
    assert not answers_timelines(oracle) and answers_timelines(get("reference"))
    with pytest.raises(OracleError, match="does not answer time-line questions"):
        oracle.simulate(QUESTION)


def test_a_time_line_answer_must_give_one_result_per_event(tmp_path: Path) -> None:
    body = """
        import contextlib, io
        from aks_backup_conformance.cli import _answer
        out = io.StringIO()
        with contextlib.redirect_stdout(out):
            _answer(json.dumps(request).encode())
        answer = json.loads(out.getvalue())
        answer["results"] = answer["results"][:-1]
        print(json.dumps(answer))
        """
    with pytest.raises(OracleError, match="one result per event is expected"):
        CommandOracle(tool(tmp_path, body), timelines=True, timeout=30).simulate(QUESTION)


def test_time_line_scenarios_are_not_covered_by_an_oracle_that_does_not_answer_them() -> None:
    oracle = "command:" + " ".join(f"'{part}'" for part in REFERENCE_CLI)
    done = _pytest("steps/test_lifecycle.py", "--oracle", oracle, "-rs")
    assert done.returncode == 0, done.stdout[-2000:]
    assert "passed" not in done.stdout and re.search(r"^\d+ skipped in", done.stdout, re.M), done.stdout[
        -2000:
    ]
    assert "not covered by the oracle: it does not answer time-line questions" in done.stdout


def test_time_line_scenarios_ask_the_oracle_under_test(tmp_path: Path) -> None:
    reference = "command:" + " ".join(f"'{part}'" for part in REFERENCE_CLI)
    done = _pytest(
        "steps/test_lifecycle.py", "--oracle", reference, "--oracle-timelines", "--statement", "SM-SUP-10"
    )
    assert done.returncode == 0, done.stdout[-2000:]
    assert "4 passed" in done.stdout
    lazy = tool(
        tmp_path,
        "print(json.dumps({'schema_version': '1.0', 'question': 'timeline', 'edition': request['edition'],"
        " 'now': None, 'points': [], 'tiering_jobs': [], 'prunings': [], 'refusals': [], 'bounds': [],"
        " 'results': [{'index': i, 'label': ''} for i in range(len(request['events']))],"
        " 'rpo': {'operational': None, 'primary': None, 'secondary': None}, 'keep_reasons': {}}))\n",
    )
    done = _pytest("steps/test_lifecycle.py", "--oracle", "command:" + " ".join(lazy), "--oracle-timelines",
                   "--statement", "SM-SUP-10")  # fmt: skip
    assert done.returncode == 1 and "4 failed" in done.stdout, done.stdout[-2000:]
