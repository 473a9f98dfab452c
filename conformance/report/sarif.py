"""SARIF 2.1.0 for `check --format sarif`: each finding a result, each statement a rule.

The document is written as plain data (no SARIF object model library is kept up to date; the shape is
checked against the OASIS 2.1.0 schema in `tests/test_reports.py`). One run per judged cluster:

- `tool.driver.rules`: the statements the results cite, `id` = statement id, the short description in
  our words (the catalog's text), the full one with our reading, and `helpUri` = the matrix section.
- `results`: one per finding, `ruleId` = statement id, `level` by effect (`blocks` error; `not_covered`,
  `cannot_tell`, `skips`, `warns` warning; `informs` note), the message, the subject as a logical
  location, and a physical location: the file and line of the fact behind the subject, looked up in
  the `Provenance` the reader recorded (an environment file's, `io.load.provenance`, or the artifacts'
  that the importers record), falling back to the nearest recorded parent, then to the file alone.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import PurePath
from typing import Any
from urllib.parse import quote

from aks_backup_model import __version__
from aks_backup_model.outcome import Finding, Outcome, exit_code
from aks_backup_model.statements import STATEMENTS, Statement

from ..io.sources import Provenance, Source, lookup

SARIF_SCHEMA = "https://json.schemastore.org/sarif-2.1.0.json"
SARIF_VERSION = "2.1.0"
TOOL_NAME = "aks-backup-conformance"
TOOL_URI = "https://pypi.org/project/aks-backup-conformance/"

LEVELS: Mapping[str, str] = {
    "blocks": "error",
    "not_covered": "warning",
    "cannot_tell": "warning",
    "skips": "warning",
    "warns": "warning",
    "informs": "note",
}
"""SARIF level of each effect; an effect not listed (a newer one) is a warning."""


@dataclass(frozen=True)
class Judged:
    """One cluster's answer and where its facts came from."""

    outcome: Outcome
    source: str | None = None
    """The file judged (`<stdin>` for standard input), when there is one file."""
    provenance: Provenance = field(default_factory=dict)
    """Field path -> the file, pointer and line it was read from."""
    name: str | None = None
    """The cluster's name, for reports of several clusters."""


def sarif_document(
    judged: Sequence[Judged], *, statements: Mapping[str, Statement] = STATEMENTS
) -> dict[str, Any]:
    """A SARIF 2.1.0 log with one run per judged cluster."""
    return {
        "$schema": SARIF_SCHEMA,
        "version": SARIF_VERSION,
        "runs": [_run(item, statements) for item in judged],
    }


def _run(item: Judged, statements: Mapping[str, Statement]) -> dict[str, Any]:
    outcome = item.outcome
    rule_ids = list(dict.fromkeys(f.statement_id for f in outcome.findings))
    index = {rule_id: position for position, rule_id in enumerate(rule_ids)}
    artifacts: dict[str, int] = {}
    results = [_result(finding, index, item, artifacts) for finding in outcome.findings]
    run: dict[str, Any] = {
        "tool": {
            "driver": {
                "name": TOOL_NAME,
                "version": __version__,
                "informationUri": TOOL_URI,
                "rules": [_rule(rule_id, statements) for rule_id in rule_ids],
            }
        },
        "invocations": [{"executionSuccessful": True, "exitCode": exit_code(outcome)}],
        "results": results,
        "properties": {
            "operation": outcome.operation,
            "edition": outcome.edition,
            "status": outcome.status.value,
            "exitCode": exit_code(outcome),
            **({"cluster": item.name} if item.name else {}),
        },
    }
    if artifacts:
        run["artifacts"] = [{"location": {"uri": uri}} for uri in artifacts]
    return run


def _rule(rule_id: str, statements: Mapping[str, Statement]) -> dict[str, Any]:
    entry = statements.get(rule_id)
    if entry is None:  # a statement of another catalog (an oracle's): the id alone
        return {"id": rule_id, "shortDescription": {"text": rule_id}}
    full = entry.text + (f" Our reading: {entry.interpretation}" if entry.interpretation else "")
    return {
        "id": rule_id,
        "shortDescription": {"text": _first_sentence(entry.text)},
        "fullDescription": {"text": full},
        "helpUri": entry.source,
        "help": {"text": f"{entry.section}: {full} ({entry.source})"},
        "properties": {"section": entry.section, "kind": entry.kind.value, "area": entry.area},
    }


def _result(
    finding: Finding, index: Mapping[str, int], item: Judged, artifacts: dict[str, int]
) -> dict[str, Any]:
    result: dict[str, Any] = {
        "ruleId": finding.statement_id,
        "ruleIndex": index[finding.statement_id],
        "level": LEVELS.get(finding.effect.value, "warning"),
        "message": {"text": finding.message},
        "properties": {
            "effect": finding.effect.value,
            "subject": finding.subject,
            **({"tier": finding.tier} if finding.tier else {}),
        },
    }
    location: dict[str, Any] = {
        "logicalLocations": [{"fullyQualifiedName": finding.subject, "kind": "member"}],
    }
    source = lookup(item.provenance, finding.subject)
    physical = _physical(source, item.source, artifacts)
    if physical is not None:
        location["physicalLocation"] = physical
    result["locations"] = [location]
    return result


def _physical(source: Source | None, file: str | None, artifacts: dict[str, int]) -> dict[str, Any] | None:
    path = source.file if source is not None else file
    if path is None or path.startswith("<"):  # standard input has no file to point at
        return None
    uri = file_uri(path)
    artifact = artifacts.setdefault(uri, len(artifacts))
    physical: dict[str, Any] = {"artifactLocation": {"uri": uri, "index": artifact}}
    if source is not None and source.line:
        region: dict[str, Any] = {"startLine": source.line}
        if source.column:
            region["startColumn"] = source.column
        physical["region"] = region
    return physical


def file_uri(path: str) -> str:
    """A URI reference for a file as the user named it: relative paths stay relative (`examples/a.yaml`)."""
    pure = PurePath(path)
    if pure.is_absolute():
        return pure.as_uri()
    return quote(pure.as_posix(), safe="/")


def _first_sentence(text: str) -> str:
    match = re.match(r"(.+?[a-z0-9)][.!?])\s+[A-Z]", text)  # not at "e.g." nor at "... West"
    return match.group(1) if match else text
