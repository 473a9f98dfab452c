"""The wire format is a contract (issue 9, item 3): every request the features send and every answer of
the reference oracle validate against the published JSON Schemas (`schema --request` / `--answer`),
checked by jsonschema, not by the pydantic models they were generated from; and a document that breaks
its schema is reported as such, with the JSON path of the fault.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import textwrap
from collections import Counter
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.io.load import load_environment
from aks_backup_conformance.oracles.command import CommandOracle, OracleError
from aks_backup_conformance.oracles.wire import (
    SchemaViolation,
    answer_schema,
    outcome_from_document,
    read_request,
)
from aks_backup_model.editions import JUDGED
from tests.wire_contract import faults

ROOT = Path(__file__).resolve().parent.parent


@pytest.mark.parametrize("edition", JUDGED)
def test_every_request_of_the_features_and_every_answer_of_the_reference_meet_the_schemas(
    tmp_path: Path, edition: str
) -> None:
    log, results = tmp_path / "wire.jsonl", tmp_path / "results.json"
    done = subprocess.run(
        [sys.executable, "-m", "pytest", "steps", "-q", "-p", "no:randomly", "-p", "no:cacheprovider",
         "--oracle", "tests.wire_contract:SchemaChecked", f"--edition={edition}", f"--results={results}"],
        cwd=ROOT, capture_output=True, text=True, timeout=900, check=False,
        env={**os.environ, "WIRE_CONTRACT_LOG": str(log)},
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:]
    items = json.loads(results.read_text(encoding="utf-8"))["items"]
    outcomes = Counter(i["outcome"] for i in items)
    assert set(outcomes) == {"passed", "deselected"}, outcomes  # every scenario of the edition asked
    checked = [json.loads(line) for line in log.read_text(encoding="utf-8").splitlines()]
    assert [c for c in checked if c["faults"]] == []
    by_kind = Counter((c["document"], c["question"]) for c in checked)
    assert by_kind[("request", "evaluate")] == by_kind[("answer", "evaluate")] >= outcomes["passed"] - 60
    assert by_kind[("request", "timeline")] == by_kind[("answer", "timeline")] > 0
    assert sum(by_kind.values()) >= 2 * outcomes["passed"]  # a request and an answer per scenario at least


def test_the_schema_check_names_the_json_path_of_each_fault() -> None:
    answer = {"schema_version": "1.0", "question": "evaluate", "operation": "configure_backup",
              "edition": "2025-06-10", "findings": [{"statement": "SM-REG-01", "effect": "blocked",
              "subject": "cluster.region", "message": "no"}], "namespaces": []}  # fmt: skip
    found = faults("answer", answer)
    assert any(f.startswith("$.findings[0].effect: 'blocked' is not one of") for f in found), found
    assert any(f.startswith("$: 'volumes' is a required property") for f in found), found
    with pytest.raises(SchemaViolation) as raised:
        outcome_from_document(answer)
    assert raised.value.path in ("$.findings[0].effect", "$.volumes")
    assert str(raised.value).startswith(f"it breaks the answer schema (1.0) at {raised.value.path}: ")


MISSPELT = """\
import json, sys
from aks_backup_conformance.oracles.wire import outcome_document, read_request
from aks_backup_model.evaluate import evaluate
asked = read_request(json.loads(sys.stdin.read()))
answer = outcome_document(evaluate(asked.environment, asked.operation))
answer["findings"].append({"statement": "SM-SUP-05", "effect": "blocked", "subject": "cluster", "message": "?"})
answer.pop("status", None)
print(json.dumps(answer))
"""


def test_a_command_oracle_whose_answer_breaks_the_schema_is_told_where(tmp_path: Path) -> None:
    script = tmp_path / "misspelt.py"
    script.write_text(textwrap.dedent(MISSPELT), encoding="utf-8")
    oracle = CommandOracle([sys.executable, str(script)], timeout=60)
    env = load_environment(ROOT / "examples" / "mixed-volumes.yaml")
    with pytest.raises(OracleError) as raised:
        oracle.evaluate(env)
    message = str(raised.value)
    assert "its answer breaks the answer schema (1.0) at $.findings[" in message
    assert "].effect: Input should be 'blocks'" in message and "(got 'blocked')" in message


def test_a_request_that_breaks_the_schema_is_told_where() -> None:
    request = {"schema_version": "1.0", "question": "timeline", "edition": "2025-06-10", "tiering": "worst_case",
               "policy": {}, "vault": {}, "events": [{"kind": "scheduled_backup"}]}  # fmt: skip
    with pytest.raises(SchemaViolation) as raised:
        read_request(request)
    assert raised.value.document == "request"
    assert raised.value.path == "$.events[0].at"
    assert any(f.startswith("$.events[0]: 'at' is a required property") for f in faults("request", request))
    result = CliRunner().invoke(app, ["answer"], input=json.dumps(request))
    assert result.exit_code == 2
    assert (
        f"not an oracle request: it breaks the request schema (1.0) at {raised.value.path}: " in result.output
    )
    assert "Traceback" not in result.output


def test_the_words_of_the_answer_are_fixed_by_the_schema() -> None:
    """The words an answer uses for statuses, effects, destinations and time-line points are the contract
    other tools code against: changing one is a change of the wire format, never a side effect."""
    definitions = answer_schema()["$defs"]
    words = {name: definitions[name]["enum"] for name in sorted(definitions) if "enum" in definitions[name]}
    assert words == {
        "Destination": ["operational", "operational+vault", "skipped", "not_selected", "unknown"],
        "Effect": ["blocks", "cannot_tell", "skips", "not_covered", "warns", "informs"],
        "Origin": ["scheduled", "on-demand"],
        "Removal": ["pruned", "deleted", "soft deleted"],
        "Status": ["supported", "unsupported", "not_covered", "unknown"],
        "Tier": ["Operational", "Vault"],
    }
