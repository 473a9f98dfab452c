"""An oracle that puts every question of the features through the wire format and checks both documents
against the published JSON Schemas (used by tests/test_wire_contract.py as `--oracle
tests.wire_contract:SchemaChecked`).

Each question becomes the request document a command oracle would read (`wire.evaluate_request` /
`timeline_request`), validated with jsonschema against `schema --request`; the reference answers it as
`aks-backup-conformance answer` does (the command's own function, in this process: a process per
question would take minutes), and that answer is validated against `schema --answer` before it is read
back. A document that breaks its schema fails the scenario with the JSON path of each fault. With
`WIRE_CONTRACT_LOG=FILE`, one JSON line per document checked is appended to FILE.
"""

from __future__ import annotations

import contextlib
import io
import json
import os
from collections import defaultdict
from typing import Any

from jsonschema import Draft202012Validator, ValidationError

from aks_backup_conformance.cli import _answer
from aks_backup_conformance.oracles.wire import (
    TimelineQuestion,
    TimelineRequest,
    answer_schema,
    evaluate_request,
    outcome_from_document,
    read_request,
    request_schema,
    timeline_from_document,
    timeline_request,
)
from aks_backup_model.environment import Environment
from aks_backup_model.lifecycle import Timeline
from aks_backup_model.operations import ConfigureBackup, Operation
from aks_backup_model.outcome import Outcome
from aks_backup_model.statements import STATEMENTS

VALIDATORS = {
    "request": Draft202012Validator(request_schema()),
    "answer": Draft202012Validator(answer_schema()),
}


def faults(kind: str, document: Any) -> list[str]:
    """Every way `document` breaks the `kind` schema, as `$.json.path: message` (inside a union, the
    faults of the member the document came closest to)."""
    return [
        "$"
        + "".join(f"[{p}]" if isinstance(p, int) else f".{p}" for p in leaf.absolute_path)
        + f": {leaf.message}"
        for error in VALIDATORS[kind].iter_errors(document)
        for leaf in _leaves(error)
    ]


def _leaves(error: ValidationError) -> list[ValidationError]:
    if not error.context:
        return [error]
    members: dict[Any, list[ValidationError]] = defaultdict(list)
    for sub in error.context:
        members[sub.relative_schema_path[0]].append(sub)
    closest = min(members.values(), key=len)
    return [leaf for sub in closest for leaf in _leaves(sub)]


class SchemaChecked:
    name = "schema-checked reference"
    answers_timelines = True

    def covers(self) -> frozenset[str]:
        return frozenset(STATEMENTS)

    def evaluate(self, env: Environment, op: Operation | None = None) -> Outcome:
        operation = op or env.operation or ConfigureBackup()
        answer = self._ask(evaluate_request(env, operation))
        return outcome_from_document(answer, edition=env.edition, operation=operation.kind)

    def simulate(self, question: TimelineQuestion) -> Timeline:
        request = timeline_request(question)
        answer = self._ask(request)
        parsed = read_request(request)
        assert isinstance(parsed, TimelineRequest)
        return timeline_from_document(answer, parsed)

    def _ask(self, request: dict[str, Any]) -> Any:
        self._check("request", request)
        output = io.StringIO()
        with contextlib.redirect_stdout(output):
            code = _answer(json.dumps(request).encode("utf-8"))
        assert code in (0, 3, 4, 5), f"the reference's answer command exited {code}"
        answer = json.loads(output.getvalue())
        self._check("answer", answer)
        return answer

    def _check(self, kind: str, document: Any) -> None:
        found = faults(kind, document)
        log = os.environ.get("WIRE_CONTRACT_LOG")
        if log:
            with open(log, "a", encoding="utf-8") as out:
                entry = {"document": kind, "question": document.get("question"), "faults": found}
                out.write(json.dumps(entry) + "\n")
        assert not found, f"the {kind} breaks the {kind} schema: " + "; ".join(found[:3])
