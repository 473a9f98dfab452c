"""The wire format: every request we send and every answer of the reference oracle validate against the
published JSON Schemas (`schema --request`, `schema --answer`), and both documents read back as sent."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator
from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.io.load import load_environment
from aks_backup_conformance.oracles import TimelineQuestion, simulate_reference
from aks_backup_conformance.oracles.wire import (
    SCHEMA_VERSION,
    EvaluateRequest,
    MalformedAnswer,
    TimelineRequest,
    answer_schema,
    evaluate_request,
    outcome_document,
    outcome_from_document,
    read_request,
    request_schema,
    timeline_document,
    timeline_from_document,
    timeline_question,
    timeline_request,
)
from aks_backup_conformance.report.json_report import outcome_document as check_document
from aks_backup_model import Environment, evaluate
from aks_backup_model.environment import Policy, Vault, VaultTier
from aks_backup_model.lifecycle import (
    DeletionRequested,
    HealthChanged,
    OnDemandBackup,
    RestoreRequested,
    ScheduledBackup,
    TieringFinished,
    TieringStarted,
    TimePasses,
    utc,
)
from aks_backup_model.operations import OPERATION_KINDS, Operation
from aks_backup_model.outcome import Destination, Effect, Status
from aks_backup_model.strategies import environments, operations

ROOT = Path(__file__).resolve().parent.parent
REQUESTS = Draft202012Validator(request_schema())
ANSWERS = Draft202012Validator(answer_schema())
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


def valid(validator: Draft202012Validator, document: Any) -> None:
    errors = [f"{'/'.join(map(str, e.absolute_path))}: {e.message}" for e in validator.iter_errors(document)]
    assert not errors, errors[:5]


def test_the_schemas_are_valid_and_versioned() -> None:
    for schema in (request_schema(), answer_schema()):
        Draft202012Validator.check_schema(schema)
        assert schema["schema_version"] == SCHEMA_VERSION
        assert schema["$id"].endswith(f":{SCHEMA_VERSION}")


def test_every_effect_status_and_destination_travels_by_its_value() -> None:
    text = json.dumps(answer_schema())
    for value in [*Effect, *Status, *Destination]:
        assert f'"{value.value}"' in text, value


@pytest.mark.parametrize("example", EXAMPLES, ids=[e.name for e in EXAMPLES])
def test_every_answer_of_the_reference_oracle_on_the_examples_is_valid(example: Path) -> None:
    env = load_environment(example)
    for kind in OPERATION_KINDS:
        op: Operation = operation_of(kind)
        request = evaluate_request(env, op)
        valid(REQUESTS, request)
        outcome = evaluate(env, op)
        for document in (outcome_document(outcome), check_document(outcome, source=str(example))):
            valid(ANSWERS, document)
            assert outcome_from_document(document, edition=env.edition, operation=kind) == outcome


def operation_of(kind: str) -> Operation:
    from pydantic import TypeAdapter

    return TypeAdapter(Operation).validate_python({"kind": kind})  # type: ignore[no-any-return]


@settings(max_examples=40)
@given(environments(operations=st.none(), max_node_pools=2, max_namespaces=3, max_volumes=3), operations())
def test_random_requests_and_their_answers_are_valid_and_read_back(env: Environment, op: Operation) -> None:
    request = evaluate_request(env, op)
    valid(REQUESTS, json.loads(json.dumps(request)))
    parsed = read_request(request)
    assert isinstance(parsed, EvaluateRequest)
    # the request states the date to judge by: the environment's, else the edition's
    assert parsed.operation == op
    assert parsed.environment == env.model_copy(update={"operation": op, "as_of": env.date})
    answer = outcome_document(evaluate(env, op))
    valid(ANSWERS, json.loads(json.dumps(answer)))


DAY = utc(dt.datetime(2025, 6, 2))
QUESTIONS = [
    TimelineQuestion(
        Policy(every_hours=4, vault=VaultTier(retention_days=30)),
        (
            ScheduledBackup(DAY + dt.timedelta(hours=1), dt.timedelta(hours=2, minutes=30)),
            OnDemandBackup(DAY + dt.timedelta(hours=3), to_vault=True),
            RestoreRequested(DAY + dt.timedelta(hours=12), "Vault", "secondary"),
            DeletionRequested(DAY + dt.timedelta(days=1), DAY + dt.timedelta(hours=1), "Vault"),
            HealthChanged(DAY + dt.timedelta(days=1, hours=1), healthy=False),
            TimePasses(DAY + dt.timedelta(days=10)),
        ),
        vault=Vault(redundancy="GeoRedundant", cross_region_restore=True),
    ),
    TimelineQuestion(
        Policy(every_hours=4, vault=VaultTier(retention_days=30)),
        (
            ScheduledBackup(DAY + dt.timedelta(hours=1)),
            TieringStarted(DAY + dt.timedelta(hours=6), DAY + dt.timedelta(hours=1)),
            TieringFinished(DAY + dt.timedelta(hours=7), DAY + dt.timedelta(hours=1)),
        ),
        until=DAY + dt.timedelta(days=2),
    ),
    TimelineQuestion(Policy(every_hours=5), (ScheduledBackup(DAY),), start=DAY - dt.timedelta(hours=1)),
]


@pytest.mark.parametrize("question", QUESTIONS, ids=["everything", "reported-tiering", "refused-policy"])
def test_time_line_requests_and_answers_are_valid_and_read_back(question: TimelineQuestion) -> None:
    request = timeline_request(question)
    valid(REQUESTS, request)
    parsed = read_request(request)
    assert isinstance(parsed, TimelineRequest)
    assert timeline_question(parsed).events == question.events
    timeline = simulate_reference(question)
    answer = timeline_document(timeline, edition=question.edition)
    valid(ANSWERS, answer)
    again = timeline_from_document(answer, parsed)
    assert timeline_document(again, edition=question.edition) == answer
    assert again.live == again.live and [r.label for r in again.results] == [
        r.label for r in timeline.results
    ]


def test_an_answer_must_echo_its_request() -> None:
    answer = outcome_document(evaluate(Environment(edition="2025-06-10")))
    with pytest.raises(MalformedAnswer, match="edition: the answer is about '2025-06-10'"):
        outcome_from_document(answer, edition="2026-01-06")
    with pytest.raises(MalformedAnswer, match="operation: the answer is about 'configure_backup'"):
        outcome_from_document(answer, operation="restore")
    with pytest.raises(MalformedAnswer, match="schema_version: String should match pattern"):
        outcome_from_document({**answer, "schema_version": "2.0"})
    with pytest.raises(MalformedAnswer, match="an answer is a JSON object, not list"):
        outcome_from_document([answer])


runner = CliRunner()


@pytest.mark.parametrize(("flag", "title"), [("--request", "request"), ("--answer", "answer")])
def test_the_schema_command_prints_the_versioned_schemas(flag: str, title: str) -> None:
    result = runner.invoke(app, ["schema", flag])
    assert result.exit_code == 0, result.output
    schema = json.loads(result.stdout)
    assert schema["schema_version"] == SCHEMA_VERSION and schema["title"].endswith(title)
    assert runner.invoke(app, ["schema", "--request", "--answer"]).exit_code == 2


def test_check_prints_an_answer_document() -> None:
    result = runner.invoke(app, ["check", str(ROOT / "examples" / "mixed-volumes.yaml"), "--format", "json"])
    valid(ANSWERS, json.loads(result.stdout))


def test_the_answer_command_refuses_what_is_not_a_request() -> None:
    for data in (b"\xff\xfe", b"{}", b'{"schema_version": "1.0", "question": "evaluate"}'):
        result = runner.invoke(app, ["answer"], input=data)
        assert result.exit_code == 2, result.output
        assert "not an oracle request" in result.output and "Traceback" not in result.output
