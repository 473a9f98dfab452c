"""The examples (`examples/*.yaml`) with the outcome the model gives them, and the JSON Schemas."""

from __future__ import annotations

import functools
import json
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aks_backup_model.environment import Environment
from aks_backup_model.errors import InvalidInput
from aks_backup_model.evaluate import evaluate
from aks_backup_model.outcome import exit_code

from ..commands import judged_as_of
from ..io.load import load_environment
from ..oracles.wire import answer_schema, request_schema
from ..report.text import status_label

EXPECT = re.compile(r"^# expect: status (\w+), exit (\d+)$", re.MULTILINE)


@dataclass(frozen=True, slots=True)
class Example:
    name: str
    shows: str
    """Its header comment: what it shows."""
    source: str
    expected: str | None
    """`status S, exit N` as its header promises, or None."""
    status: str
    """`supported`, `supported with warnings`, `unsupported`, `unknown`, `not covered`, or `bad input`."""
    exit_code: int
    findings: tuple[dict[str, Any], ...]
    volumes: tuple[dict[str, Any], ...]

    @property
    def as_expected(self) -> bool | None:
        if self.expected is None:
            return None
        status = self.status.replace(" with warnings", "").replace(" ", "_")
        return self.expected == f"status {status}, exit {self.exit_code}"


def example(path: Path) -> Example:
    """One example file and the model's answer (bad input is shown as such, never raised)."""
    text = path.read_text(encoding="utf-8")
    header = [line for line in text.splitlines() if line.startswith("#")]
    shows = " ".join(
        line.lstrip("#").strip() for line in header if not EXPECT.match(line) and not line.startswith("# Try")
    )
    match = EXPECT.search("\n".join(header))
    expected = f"status {match.group(1)}, exit {match.group(2)}" if match else None
    try:
        # judged as the command line judges it: as of its own as_of, else the day the site is built
        outcome = evaluate(judged_as_of(load_environment(path), None))
    except InvalidInput as error:
        findings = tuple(
            {"statement": "-", "effect": "bad input", "subject": p, "message": e}
            for p, _, e in error.problems
        )
        return Example(path.name, shows, text, expected, "bad input", 2, findings, ())
    return Example(
        name=path.name,
        shows=shows,
        source=text,
        expected=expected,
        status=status_label(outcome),
        exit_code=exit_code(outcome),
        findings=tuple(f.to_dict() for f in outcome.findings),
        volumes=tuple(v.to_dict() for v in outcome.volumes),
    )


def examples(folder: Path | None) -> list[Example]:
    if folder is None:
        return []
    return [example(path) for path in sorted(folder.glob("*.yaml"))]


@functools.cache
def _schemas() -> tuple[tuple[str, str], ...]:
    documents = {
        "environment.schema.json": Environment.model_json_schema(),
        "request.schema.json": request_schema(),
        "answer.schema.json": answer_schema(),
    }
    return tuple((name, json.dumps(schema)) for name, schema in documents.items())


def schemas() -> dict[str, dict[str, Any]]:
    """The JSON Schemas by file name: the environment file (`schema`), and the wire format of command
    oracles (`schema --request`, `schema --answer`; `check --format json` prints an answer)."""
    # They depend on the code only: generated once per process (pydantic takes a while), copied per call.
    return {name: json.loads(text) for name, text in _schemas()}
