"""The outcome document oracles answer with, read back into an `Outcome`.

It is the document `aks-backup-conformance check --format json` prints: `findings` (statement, effect,
subject, message, optional tier), `volumes` (subject, claim, destination, statement) and `namespaces`
(name, included, statement). Keys beyond these are ignored; a `status` that contradicts the findings
is an error, since the status is what the findings' effects imply.
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, ValidationError

from aks_backup_model.outcome import Destination, Effect, Finding, NamespacePlan, Outcome, Status, VolumePlan
from aks_backup_model.statements import STATEMENTS


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class _Finding(_Wire):
    statement: str
    effect: Effect
    subject: str = ""
    message: str = ""
    tier: str | None = None


class _Volume(_Wire):
    subject: str
    claim: str
    destination: Destination
    statement: str | None = None


class _Namespace(_Wire):
    name: str
    included: bool
    statement: str | None = None


class _Outcome(_Wire):
    operation: str
    edition: str = "2025-06-10"
    status: Status | None = None
    findings: list[_Finding] = []
    volumes: list[_Volume] = []
    namespaces: list[_Namespace] = []


class MalformedOutcome(ValueError):
    """Raised when an oracle's answer is not an outcome document."""


def outcome_from_document(document: Any) -> Outcome:
    """The `Outcome` an oracle's answer describes.

    Raises:
        MalformedOutcome: the document lacks a field, has a wrong type, cites an id not in the
            catalog, or states a status its findings do not imply.
    """
    try:
        wire = _Outcome.model_validate(document)
    except ValidationError as error:
        first = error.errors(include_url=False)[0]
        where = ".".join(str(part) for part in first["loc"]) or "(top level)"
        raise MalformedOutcome(f"{where}: {first['msg']}") from None
    unknown = sorted({f.statement for f in wire.findings} - set(STATEMENTS))
    if unknown:
        raise MalformedOutcome(f"findings cite ids that are not in the catalog: {', '.join(unknown)}")
    outcome = Outcome(
        operation=wire.operation,
        edition=wire.edition,
        findings=tuple(Finding(f.statement, f.effect, f.subject, f.message, f.tier) for f in wire.findings),
        volumes=tuple(VolumePlan(v.subject, v.claim, v.destination, v.statement) for v in wire.volumes),
        namespaces=tuple(NamespacePlan(n.name, n.included, n.statement) for n in wire.namespaces),
    )
    if wire.status is not None and wire.status is not outcome.status:
        raise MalformedOutcome(
            f"status {wire.status.value!r} contradicts the findings, which imply {outcome.status.value!r}"
        )
    return outcome
