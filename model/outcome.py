"""The answer: a status, the findings that decide it, and the backup plan. A value, never an exception."""

from __future__ import annotations

import datetime as dt
import enum
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Any, NamedTuple


class Status(enum.StrEnum):
    """How the matrix answers an operation: supported, unsupported, unknown or not covered.

    From worst to best: unsupported (a known fact refuses it), unknown (a fact a statement needs is not
    given), not covered, supported.
    """

    SUPPORTED = "supported"
    """No finding blocks the operation and none puts it outside support."""
    UNSUPPORTED = "unsupported"
    """The matrix refuses the operation or says it fails."""
    NOT_COVERED = "not_covered"
    """It may run, but the matrix puts it outside support or says it may fail."""
    UNKNOWN = "unknown"
    """No known fact refuses it, but a statement needs a fact the environment does not give."""


class Effect(enum.StrEnum):
    """What a finding does to the operation: blocks, cannot_tell, skips, not_covered, warns or informs."""

    BLOCKS = "blocks"
    """The operation is refused or fails (status unsupported)."""
    CANNOT_TELL = "cannot_tell"
    """The statement needs a fact that is not given; the subject names it (status unknown)."""
    SKIPS = "skips"
    """A part (a volume, a namespace) is left out; the rest goes on."""
    NOT_COVERED = "not_covered"
    """The operation may run but is outside support (status not_covered)."""
    WARNS = "warns"
    """Advice the matrix gives; the operation is supported."""
    INFORMS = "informs"
    """A fact about what happens; nothing to act on."""


_STATUS_OF: dict[Effect, Status] = {
    Effect.BLOCKS: Status.UNSUPPORTED,
    Effect.CANNOT_TELL: Status.UNKNOWN,
    Effect.NOT_COVERED: Status.NOT_COVERED,
}
STATUS_RANK: dict[Status, int] = {
    Status.SUPPORTED: 0,
    Status.NOT_COVERED: 1,
    Status.UNKNOWN: 2,
    Status.UNSUPPORTED: 3,
}
"""Statuses from best (0) to worst: the status of many findings is the worst their effects imply."""


class Destination(enum.StrEnum):
    """Where a volume's backup goes: the Operational tier, both tiers, skipped, not selected, or unknown."""

    OPERATIONAL = "operational"
    OPERATIONAL_AND_VAULT = "operational+vault"
    SKIPPED = "skipped"
    NOT_SELECTED = "not_selected"
    UNKNOWN = "unknown"
    """A fact the statement that decides it needs is not given."""


@dataclass(frozen=True, slots=True)
class Finding:
    """What one statement says about one subject of the environment."""

    statement_id: str
    effect: Effect
    subject: str
    """A path into the environment: `cluster`, `cluster.volumes[3]`, `cluster.node_pools["win1"]`."""
    message: str
    tier: str | None = None
    """For a skip: the tier the subject is left out of (`Vault`), or None for the whole backup."""
    beyond_tables: bool = field(default=False, compare=False)
    """For `cannot_tell`: the subject is given, but the tables the model carries do not reach it (a
    Kubernetes minor newer than the AKS calendar held). Such a finding names no missing fact."""

    def to_dict(self) -> dict[str, Any]:
        data: dict[str, Any] = {
            "statement": self.statement_id,
            "effect": self.effect.value,
            "subject": self.subject,
            "message": self.message,
        }
        if self.tier is not None:
            data["tier"] = self.tier
        return data


@dataclass(frozen=True, slots=True)
class VolumePlan:
    """One volume's place in the backup plan: its destination and the statement that decided it."""

    subject: str
    claim: str
    destination: Destination
    statement_id: str | None
    """The statement that decided the destination (None: the backup instance does not select it); for
    an unknown destination, the statement that cannot tell."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "subject": self.subject,
            "claim": self.claim,
            "destination": self.destination.value,
            "statement": self.statement_id,
        }


class NamespacePlan(NamedTuple):
    """One namespace of the backup instance: included, or left out and why."""

    # A named tuple, not a frozen dataclass: a backup instance may take 800 namespaces, and building
    # their plan must stay a small part of an evaluation (bench/bench_evaluate.py).

    name: str
    included: bool
    statement_id: str | None = None
    """The statement that left it out, when it is left out."""

    def to_dict(self) -> dict[str, Any]:
        return {"name": self.name, "included": self.included, "statement": self.statement_id}


@dataclass(frozen=True, slots=True)
class Outcome:
    """What the matrix says happens when `operation` is asked of an environment."""

    operation: str
    edition: str
    findings: tuple[Finding, ...]
    volumes: tuple[VolumePlan, ...] = ()
    namespaces: tuple[NamespacePlan, ...] = ()
    as_of: dt.date | None = field(default=None, compare=False)
    """The date the answer holds for (the environment's `as_of`, else the edition's date). Reports state
    it; outcomes that differ only in it compare equal (an oracle may not say it)."""
    status: Status = field(init=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "status", merge_status(f.effect for f in self.findings))

    @property
    def warnings(self) -> tuple[Finding, ...]:
        return tuple(f for f in self.findings if f.effect in (Effect.WARNS, Effect.SKIPS))

    @property
    def missing(self) -> tuple[MissingFact, ...]:
        """The facts the `cannot_tell` findings name, each once, the one most statements need first."""
        return missing_facts(self.findings)

    def cites(self, statement_id: str, effect: Effect | None = None) -> bool:
        return any(
            f.statement_id == statement_id and (effect is None or f.effect is effect) for f in self.findings
        )

    def restrict(self, statement_ids: Iterable[str]) -> Outcome:
        """The same outcome seen only through these statements (what an oracle covers)."""
        keep = frozenset(statement_ids)
        return Outcome(
            operation=self.operation,
            edition=self.edition,
            findings=tuple(f for f in self.findings if f.statement_id in keep),
            volumes=tuple(v for v in self.volumes if v.statement_id in keep),
            namespaces=self.namespaces,
            as_of=self.as_of,
        )

    def to_dict(self) -> dict[str, Any]:
        return {
            "operation": self.operation,
            "edition": self.edition,
            "as_of": None if self.as_of is None else self.as_of.isoformat(),
            "status": self.status.value,
            "findings": [f.to_dict() for f in self.findings],
            "volumes": [v.to_dict() for v in self.volumes],
            "namespaces": [n.to_dict() for n in self.namespaces],
            "missing": [m.to_dict() for m in self.missing],
        }


class MissingFact(NamedTuple):
    """A fact the environment does not give, and the statements that need it."""

    field: str
    """Its path in the environment, e.g. `cluster.volumes[2].sku`."""
    statements: tuple[str, ...]

    def to_dict(self) -> dict[str, Any]:
        return {"field": self.field, "statements": list(self.statements)}


def missing_facts(findings: Iterable[Finding]) -> tuple[MissingFact, ...]:
    """The subjects of the `cannot_tell` findings, each once with the statements that need it: the fact
    most statements need first, then in the order of the findings (the matrix's sections)."""
    needed: dict[str, list[str]] = {}
    for f in findings:
        if f.effect is Effect.CANNOT_TELL and not f.beyond_tables:
            ids = needed.setdefault(f.subject, [])
            if f.statement_id not in ids:
                ids.append(f.statement_id)
    order = sorted(enumerate(needed.items()), key=lambda item: (-len(item[1][1]), item[0]))
    return tuple(MissingFact(subject, tuple(ids)) for _, (subject, ids) in order)


def merge_status(effects: Iterable[Effect]) -> Status:
    """The status of a set of findings: the worst of what their effects imply."""
    status = Status.SUPPORTED
    for effect in effects:
        candidate = _STATUS_OF.get(effect, Status.SUPPORTED)
        if STATUS_RANK[candidate] > STATUS_RANK[status]:
            status = candidate
    return status


EXIT_SUPPORTED = 0
EXIT_INTERNAL_ERROR = 1
EXIT_BAD_INPUT = 2
EXIT_UNSUPPORTED = 3
EXIT_WARNINGS = 4
EXIT_UNKNOWN = 5


def exit_code(outcome: Outcome) -> int:
    """0 supported, 3 unsupported, 5 unknown, 4 not covered or supported with warnings or skips."""
    if outcome.status is Status.UNSUPPORTED:
        return EXIT_UNSUPPORTED
    if outcome.status is Status.UNKNOWN:
        return EXIT_UNKNOWN
    if outcome.status is Status.NOT_COVERED or outcome.warnings:
        return EXIT_WARNINGS
    return EXIT_SUPPORTED
