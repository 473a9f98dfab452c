"""The wire format of oracles: the request a command oracle reads, the answer it writes, and their schemas.

Every document carries `schema_version` (`SCHEMA_VERSION`; a reader takes any `1.x`) and `question`:

- `evaluate`: the request holds the `edition`, the `operation` and the `environment` (the shape of an
  environment file, its `operation` set to the same operation); the answer is the outcome document
  `aks-backup-conformance check --format json` prints: `operation` and `edition` echoing the request,
  `findings` (statement, effect, subject, message, optional tier), `volumes` (subject, claim,
  destination, statement) and `namespaces` (name, included, statement), and optionally `status`,
  which must be what the findings' effects imply.
- `timeline`: the request holds the `edition`, a `policy`, its `vault`, an optional `start`, the
  tiering mode and a list of `events` (each with its `kind` and its time `at`); the answer is the time
  line the model's `lifecycle.simulate` returns: the recovery points of each tier, the tiering jobs,
  the prunings, the refusals and bounds with their statement ids, a result per event, the RPO and why
  each live Operational point is kept.

Keys an answer adds beyond these are ignored; a key it lacks, a value of the wrong type, a statement id
not in the catalog, an answer to another question, operation or edition than the request's: each is a
`MalformedAnswer`, never a silent default. Effects, statuses, destinations and tiers travel by their
values, so every value of the model's enums is a valid value on the wire.

`request_schema()` and `answer_schema()` are the JSON Schemas of the two documents
(`aks-backup-conformance schema --request / --answer`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Annotated, Any, Literal, TypeAlias

from pydantic import BaseModel, ConfigDict, Field, TypeAdapter, ValidationError

from aks_backup_model.environment import Environment, Policy, Vault
from aks_backup_model.lifecycle import (
    Bound,
    DeletionRequested,
    Event,
    EventResult,
    HealthChanged,
    OnDemandBackup,
    Origin,
    Pruning,
    RecoveryPoint,
    Refusal,
    Removal,
    RestoreRequested,
    Rpo,
    ScheduledBackup,
    Tier,
    TieringFinished,
    TieringJob,
    TieringStarted,
    Timeline,
    TimePasses,
)
from aks_backup_model.lifecycle import TieringMode as TieringMode
from aks_backup_model.operations import Operation
from aks_backup_model.outcome import Destination, Effect, Finding, NamespacePlan, Outcome, Status, VolumePlan
from aks_backup_model.statements import STATEMENTS

from ..answer import SCHEMA_VERSION as SCHEMA_VERSION
from ..answer import outcome_document as outcome_document

DEFAULT_EDITION: str = Environment.model_fields["edition"].get_default()


_VERSION_PATTERN = r"^1\.\d+$"
_SCHEMA_BASE = "urn:aks-backup-conformance:schema"

Question: TypeAlias = Literal["evaluate", "timeline"]


class MalformedAnswer(ValueError):
    """Raised when an oracle's answer is not an answer document, or not an answer to its request."""


class SchemaViolation(MalformedAnswer):
    """A request or an answer that breaks its JSON Schema (`schema --request` / `--answer`), located by
    the JSON path of the first value at fault (`$.findings[0].effect`)."""

    def __init__(self, document: str, path: str, problem: str) -> None:
        self.document, self.path, self.problem = document, path, problem
        super().__init__(f"it breaks the {document} schema ({SCHEMA_VERSION}) at {path}: {problem}")


MalformedOutcome = MalformedAnswer
"""The former name of `MalformedAnswer`."""


class _Wire(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True, use_attribute_docstrings=True)


class _Request(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True, use_attribute_docstrings=True)


_Version = Annotated[str, Field(pattern=_VERSION_PATTERN, examples=[SCHEMA_VERSION])]

# ## The evaluate question ---------------------------------------------------------------------------


class EvaluateRequest(_Request):
    """What happens when `operation` is asked of `environment`, judged by the matrix of `edition`?"""

    schema_version: _Version
    question: Literal["evaluate"]
    edition: str
    """The edition of the matrix to judge by; the answer's `edition` must echo it."""
    operation: Operation
    """The operation asked; the answer's `operation` must echo its `kind`."""
    environment: Environment
    """The environment, in the shape of an environment file, its `operation` set to the same operation."""


class FindingDocument(_Wire):
    statement: str
    """A statement id of the catalog (`SM-SUP-05`)."""
    effect: Effect
    subject: str = ""
    """A path into the environment: `cluster.identity`, `cluster.volumes[3]`."""
    message: str = ""
    tier: str | None = None


class VolumeDocument(_Wire):
    subject: str
    claim: str
    destination: Destination
    statement: str | None = None
    """The statement that decided the destination (null: the backup instance does not select it)."""


class NamespaceDocument(_Wire):
    name: str
    included: bool
    statement: str | None = None
    """The statement that left it out, when it is left out."""


class StatementText(_Wire):
    section: str
    text: str


class MissingFactDocument(_Wire):
    """A fact the environment does not give, which statements need (their findings say cannot_tell)."""

    field: str
    """Its path in the environment, e.g. `cluster.volumes[2].sku`."""
    statements: list[str]
    source: str | None = None
    """Optional: where a user finds it (an `az` or `kubectl` output field, or "state it in the file")."""


class EvaluateAnswer(_Wire):
    """The outcome: the findings and the backup plan. `check --format json` prints this document."""

    schema_version: _Version
    question: Literal["evaluate"]
    operation: str
    """The kind of the operation judged: the request's."""
    edition: str
    """The edition judged by: the request's."""
    as_of: dt.date | None = None
    """Optional: the date judged (the request's environment states it)."""
    status: Status | None = None
    """Optional: the status the findings imply (an answer whose status contradicts them is malformed)."""
    findings: list[FindingDocument]
    volumes: list[VolumeDocument]
    """The plan of every volume the answer's statements decide (an empty list when there is no plan)."""
    namespaces: list[NamespaceDocument]
    """The plan of every namespace of the backup instance (an empty list when there is no plan)."""
    exit_code: int | None = None
    """Optional: the exit code of `check`."""
    source: str | None = None
    """Optional: the file judged."""
    statements: dict[str, StatementText] | None = None
    """Optional: the text of each cited statement."""
    missing: list[MissingFactDocument] | None = None
    """Optional: the facts the `cannot_tell` findings name, most needed first."""


# ## The timeline question ---------------------------------------------------------------------------


class _Event(_Request):
    at: dt.datetime
    """When the event happens (UTC; events come in time order)."""


class ScheduledBackupEvent(_Event):
    kind: Literal["scheduled_backup"]
    duration: dt.timedelta = dt.timedelta(0)
    succeeded: bool = True


class OnDemandBackupEvent(_Event):
    kind: Literal["on_demand_backup"]
    duration: dt.timedelta = dt.timedelta(0)
    succeeded: bool = True
    to_vault: bool = False


class TieringStartedEvent(_Event):
    kind: Literal["tiering_started"]
    point: dt.datetime
    """The time the Operational point being tiered was taken at."""


class TieringFinishedEvent(_Event):
    kind: Literal["tiering_finished"]
    point: dt.datetime


class RestoreRequestedEvent(_Event):
    kind: Literal["restore_requested"]
    tier: Literal["Operational", "Vault"] = "Operational"
    region: Literal["primary", "secondary"] = "primary"


class DeletionRequestedEvent(_Event):
    kind: Literal["deletion_requested"]
    point: Annotated[dt.datetime | str, Field(union_mode="left_to_right")]
    """The point to delete: the time it was taken at, or its id."""
    tier: Literal["Operational", "Vault"] = "Vault"


class HealthChangedEvent(_Event):
    kind: Literal["health_changed"]
    healthy: bool


class TimePassesEvent(_Event):
    kind: Literal["time_passes"]


EventDocument: TypeAlias = Annotated[
    ScheduledBackupEvent
    | OnDemandBackupEvent
    | TieringStartedEvent
    | TieringFinishedEvent
    | RestoreRequestedEvent
    | DeletionRequestedEvent
    | HealthChangedEvent
    | TimePassesEvent,
    Field(discriminator="kind"),
]


class TimelineRequest(_Request):
    """What does `policy` (in `vault`) make of these events, in time order?"""

    schema_version: _Version
    question: Literal["timeline"]
    edition: str
    policy: Policy
    vault: Vault
    start: dt.datetime | None = None
    """Where the time line starts (null: at the first event)."""
    tiering: TieringMode
    """`worst_case`: every tiering job starts and ends at the latest moment the matrix allows;
    `reported`: the events report the tiering jobs."""
    until: dt.datetime | None = None
    """Where the time line ends (null: at the last event)."""
    events: list[EventDocument]


class PointDocument(_Wire):
    id: str
    tier: Tier
    origin: Origin
    taken_at: dt.datetime
    available_at: dt.datetime
    expires_at: dt.datetime
    source: str | None = None
    """For a Vault point, the id of the Operational point it was copied from."""
    vault_eligible: bool = False
    statement: str | None = None
    """The statement that selected it for the Vault tier."""
    replicated_by: dt.datetime | None = None
    removed_at: dt.datetime | None = None
    removal: Removal | None = None


class TieringJobDocument(_Wire):
    point: str
    eligible_at: dt.datetime
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    vault_point: str | None
    reported: bool
    cancelled_at: dt.datetime | None = None


class PruningDocument(_Wire):
    at: dt.datetime
    point: str
    tier: Tier
    expired_at: dt.datetime
    held_by: list[str] = []
    """The statements that kept the point past its expiry, in the order they applied."""


class RefusalDocument(_Wire):
    at: dt.datetime | None
    event: int | None
    """The index of the refused event (null: the policy itself is refused)."""
    statement: str
    message: str
    subject: str | None = None


class BoundDocument(_Wire):
    statement: str
    subject: str
    what: str
    limit: dt.timedelta
    observed: dt.timedelta


class ResultDocument(_Wire):
    index: int
    """The index of the event in the request."""
    label: str
    """What the event gave, in the words of the features' `expect` column."""
    point: str | None = None
    refusal: RefusalDocument | None = None


class RpoDocument(_Wire):
    operational: dt.timedelta | None
    primary: dt.timedelta | None
    secondary: dt.timedelta | None


class TimelineAnswer(_Wire):
    """The time line: what became of every event, every recovery point and every bound."""

    schema_version: _Version
    question: Literal["timeline"]
    edition: str
    now: dt.datetime | None
    points: list[PointDocument]
    """Every point ever made, removed ones included, in order of creation."""
    tiering_jobs: list[TieringJobDocument]
    prunings: list[PruningDocument]
    refusals: list[RefusalDocument]
    bounds: list[BoundDocument]
    results: list[ResultDocument]
    """One result per event of the request, in order."""
    rpo: RpoDocument
    keep_reasons: dict[str, str]
    """Why each live Operational point is still there, by point id."""


RequestDocument: TypeAlias = Annotated[EvaluateRequest | TimelineRequest, Field(discriminator="question")]
AnswerDocument: TypeAlias = Annotated[EvaluateAnswer | TimelineAnswer, Field(discriminator="question")]
_REQUEST: TypeAdapter[EvaluateRequest | TimelineRequest] = TypeAdapter(RequestDocument)
_ANSWER: TypeAdapter[EvaluateAnswer | TimelineAnswer] = TypeAdapter(AnswerDocument)


# ## Requests ----------------------------------------------------------------------------------------


def evaluate_request(env: Environment, op: Operation) -> dict[str, Any]:
    """The request document of the evaluate question (plain JSON data)."""
    return {
        "schema_version": SCHEMA_VERSION,
        "question": "evaluate",
        "edition": env.edition,
        "operation": op.model_dump(mode="json"),
        # The environment states the date to judge by (its own, else the edition's), so that a tool that
        # would otherwise judge as of today answers the same question as the model.
        "environment": env.model_copy(update={"operation": op, "as_of": env.date}).model_dump(mode="json"),
    }


@dataclass(frozen=True, slots=True)
class TimelineQuestion:
    """The time-line question in the model's own terms: what the policy, in its vault, makes of events.

    `tiering` None defaults as in `simulate`: "reported" when the events report a tiering job.
    """

    policy: Policy
    events: tuple[Event, ...]
    vault: Vault = field(default_factory=Vault)
    edition: str = DEFAULT_EDITION
    start: dt.datetime | None = None
    tiering: TieringMode | None = None
    until: dt.datetime | None = None

    @property
    def tiering_mode(self) -> TieringMode:
        if self.tiering is not None:
            return self.tiering
        reported = any(isinstance(e, TieringStarted | TieringFinished) for e in self.events)
        return "reported" if reported else "worst_case"


def timeline_request(question: TimelineQuestion) -> dict[str, Any]:
    """The request document of the timeline question (plain JSON data)."""
    document = TimelineRequest(
        schema_version=SCHEMA_VERSION,
        question="timeline",
        edition=question.edition,
        policy=question.policy,
        vault=question.vault,
        start=question.start,
        tiering=question.tiering_mode,
        until=question.until,
        events=[_event_document(e) for e in question.events],
    )
    return document.model_dump(mode="json")


def timeline_question(request: TimelineRequest) -> TimelineQuestion:
    """The question a timeline request asks."""
    return TimelineQuestion(
        policy=request.policy,
        events=tuple(_event(e) for e in request.events),
        vault=request.vault,
        edition=request.edition,
        start=request.start,
        tiering=request.tiering,
        until=request.until,
    )


_EVENT_KINDS: dict[type, str] = {
    ScheduledBackup: "scheduled_backup",
    OnDemandBackup: "on_demand_backup",
    TieringStarted: "tiering_started",
    TieringFinished: "tiering_finished",
    RestoreRequested: "restore_requested",
    DeletionRequested: "deletion_requested",
    HealthChanged: "health_changed",
    TimePasses: "time_passes",
}
_EVENT_TYPES = {kind: cls for cls, kind in _EVENT_KINDS.items()}


def _event_document(event: Event) -> Any:
    fields = {name: getattr(event, name) for name in event.__slots__}
    return TypeAdapter(EventDocument).validate_python({"kind": _EVENT_KINDS[type(event)], **fields})


def _event(document: Any) -> Event:
    fields = document.model_dump(exclude={"kind"})
    event: Event = _EVENT_TYPES[document.kind](**fields)
    return event


def read_request(document: Any) -> EvaluateRequest | TimelineRequest:
    """The request a document describes (for a tool answering requests, such as `answer`).

    Raises:
        MalformedAnswer: the document is not a request (the message locates the first problem).
    """
    try:
        return _REQUEST.validate_python(document)
    except ValidationError as error:
        raise _violation("request", error, document) from None


# ## Answers -----------------------------------------------------------------------------------------


def timeline_document(timeline: Timeline, *, edition: str) -> dict[str, Any]:
    """The answer document of a time line."""

    def refusal(r: Refusal) -> dict[str, Any]:
        return {
            "at": r.at,
            "event": r.event,
            "statement": r.statement_id,
            "message": r.message,
            "subject": r.subject,
        }

    answer = TimelineAnswer(
        schema_version=SCHEMA_VERSION,
        question="timeline",
        edition=edition,
        now=timeline.now,
        points=[
            PointDocument(
                id=p.id,
                tier=p.tier,
                origin=p.origin,
                taken_at=p.taken_at,
                available_at=p.available_at,
                expires_at=p.expires_at,
                source=p.source,
                vault_eligible=p.vault_eligible,
                statement=p.statement_id,
                replicated_by=p.replicated_by,
                removed_at=p.removed_at,
                removal=p.removal,
            )
            for p in timeline.points
        ],
        tiering_jobs=[
            TieringJobDocument(
                point=j.point,
                eligible_at=j.eligible_at,
                started_at=j.started_at,
                finished_at=j.finished_at,
                vault_point=j.vault_point,
                reported=j.reported,
                cancelled_at=j.cancelled_at,
            )
            for j in timeline.tiering_jobs
        ],
        prunings=[
            PruningDocument(
                at=p.at, point=p.point, tier=p.tier, expired_at=p.expired_at, held_by=list(p.held_by)
            )
            for p in timeline.prunings
        ],
        refusals=[RefusalDocument.model_validate(refusal(r)) for r in timeline.refusals],
        bounds=[
            BoundDocument(
                statement=b.statement_id, subject=b.subject, what=b.what, limit=b.limit, observed=b.observed
            )
            for b in timeline.bounds
        ],
        results=[
            ResultDocument(
                index=r.index,
                label=r.label,
                point=r.point,
                refusal=RefusalDocument.model_validate(refusal(r.refusal)) if r.refusal else None,
            )
            for r in timeline.results
        ],
        rpo=RpoDocument(
            operational=timeline.rpo.operational,
            primary=timeline.rpo.primary,
            secondary=timeline.rpo.secondary,
        ),
        keep_reasons=dict(timeline.keep_reasons),
    )
    return answer.model_dump(mode="json")


def json_path(document: Any, location: Sequence[int | str]) -> str:
    """The JSON path (`$.events[2].at`) of a pydantic error location in `document`: the parts that are
    not keys or indexes of the document (the tags pydantic adds for a union's member) are left out."""
    path, node = "$", document
    for part in location:
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            path, node = f"{path}[{part}]", node[part]
        elif isinstance(node, dict) and isinstance(part, str) and (part in node or part == location[-1]):
            path = f"{path}.{part}" if part.isidentifier() else f"{path}[{part!r}]"
            node = node.get(part)
    return path


def _violation(what: str, error: ValidationError, document: Any) -> SchemaViolation:
    first = error.errors(include_url=False)[0]
    problem = str(first["msg"])
    if first["type"] not in ("missing",) and "input" in first:
        shown = repr(first["input"])
        problem += f" (got {shown[:80]}{'...' if len(shown) > 80 else ''})"
    return SchemaViolation(what, json_path(document, first["loc"]), problem)


def _answer(document: Any, question: Question) -> EvaluateAnswer | TimelineAnswer:
    if not isinstance(document, dict):
        raise SchemaViolation("answer", "$", f"an answer is a JSON object, not {type(document).__name__}")
    if "question" not in document:
        raise SchemaViolation("answer", "$.question", f"Field required (the question answered: {question!r})")
    if document["question"] != question:
        raise MalformedAnswer(
            f"question: the answer is to {document['question']!r}, the request asked {question!r}"
        )
    model = EvaluateAnswer if question == "evaluate" else TimelineAnswer
    try:
        return model.model_validate(document)
    except ValidationError as error:
        raise _violation("answer", error, document) from None


def _known(ids: Sequence[str | None]) -> None:
    unknown = sorted({i for i in ids if i is not None} - set(STATEMENTS))
    if unknown:
        raise MalformedAnswer(f"the answer cites ids that are not in the catalog: {', '.join(unknown)}")


def _echo(name: str, answered: str, asked: str) -> None:
    if answered != asked:
        raise MalformedAnswer(f"{name}: the answer is about {answered!r}, the request asked {asked!r}")


def outcome_from_document(
    document: Any, *, edition: str | None = None, operation: str | None = None
) -> Outcome:
    """The `Outcome` an oracle's answer describes, checked against the request's edition and operation.

    Raises:
        MalformedAnswer: the document lacks a key, has a wrong type, cites an id not in the catalog,
            answers another question, operation or edition, or states a status its findings do not imply.
    """
    wire = _answer(document, "evaluate")
    assert isinstance(wire, EvaluateAnswer)
    if operation is not None:
        _echo("operation", wire.operation, operation)
    if edition is not None:
        _echo("edition", wire.edition, edition)
    _known(
        [f.statement for f in wire.findings]
        + [v.statement for v in wire.volumes]
        + [n.statement for n in wire.namespaces]
    )
    outcome = Outcome(
        operation=wire.operation,
        edition=wire.edition,
        findings=tuple(Finding(f.statement, f.effect, f.subject, f.message, f.tier) for f in wire.findings),
        volumes=tuple(VolumePlan(v.subject, v.claim, v.destination, v.statement) for v in wire.volumes),
        namespaces=tuple(NamespacePlan(n.name, n.included, n.statement) for n in wire.namespaces),
        as_of=wire.as_of,
    )
    if wire.status is not None and wire.status is not outcome.status:
        raise MalformedAnswer(
            f"status {wire.status.value!r} contradicts the findings, which imply {outcome.status.value!r}"
        )
    return outcome


def timeline_from_document(document: Any, request: TimelineRequest) -> Timeline:
    """The `Timeline` an oracle's answer describes, checked against its request.

    Raises:
        MalformedAnswer: the document is not a timeline answer, cites an id not in the catalog, answers
            another edition, or does not give one result per event of the request.
    """
    wire = _answer(document, "timeline")
    assert isinstance(wire, TimelineAnswer)
    _echo("edition", wire.edition, request.edition)
    refusals = [*wire.refusals, *(r.refusal for r in wire.results if r.refusal)]
    _known(
        [r.statement for r in refusals]
        + [b.statement for b in wire.bounds]
        + [p.statement for p in wire.points]
        + [s for p in wire.prunings for s in p.held_by]
    )
    if [r.index for r in wire.results] != list(range(len(request.events))):
        raise MalformedAnswer(
            f"results: one result per event is expected, indexed 0 to {len(request.events) - 1}; "
            f"the answer gives indexes {[r.index for r in wire.results]}"
        )
    named = {j.point for j in wire.tiering_jobs} | {p.point for p in wire.prunings} | set(wire.keep_reasons)
    missing = sorted(named - {p.id for p in wire.points})
    if missing:
        raise MalformedAnswer(f"the answer names points it does not list: {', '.join(missing)}")
    events = timeline_question(request).events

    def refusal(r: RefusalDocument) -> Refusal:
        return Refusal(r.at, r.event, r.statement, r.message, r.subject)

    return Timeline(
        policy=request.policy,
        vault=request.vault,
        now=wire.now,
        points=tuple(
            RecoveryPoint(
                p.id,
                p.tier,
                p.origin,
                p.taken_at,
                p.available_at,
                p.expires_at,
                p.source,
                p.vault_eligible,
                p.statement,
                p.replicated_by,
                p.removed_at,
                p.removal,
            )
            for p in wire.points
        ),
        tiering_jobs=tuple(
            TieringJob(
                j.point, j.eligible_at, j.started_at, j.finished_at, j.vault_point, j.reported, j.cancelled_at
            )
            for j in wire.tiering_jobs
        ),
        prunings=tuple(Pruning(p.at, p.point, p.tier, p.expired_at, tuple(p.held_by)) for p in wire.prunings),
        refusals=tuple(refusal(r) for r in wire.refusals),
        bounds=tuple(Bound(b.statement, b.subject, b.what, b.limit, b.observed) for b in wire.bounds),
        results=tuple(
            EventResult(r.index, events[r.index], r.label, r.point, refusal(r.refusal) if r.refusal else None)
            for r in wire.results
        ),
        rpo=Rpo(wire.rpo.operational, wire.rpo.primary, wire.rpo.secondary),
        keep_reasons=dict(wire.keep_reasons),
    )


# ## Schemas -----------------------------------------------------------------------------------------


def _schema(adapter: TypeAdapter[Any], name: str, title: str) -> dict[str, Any]:
    body = adapter.json_schema(mode="validation")
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{_SCHEMA_BASE}:{name}:{SCHEMA_VERSION}",
        "title": title,
        "schema_version": SCHEMA_VERSION,
        **body,
    }


def request_schema() -> dict[str, Any]:
    """The JSON Schema of the request document a command oracle reads on standard input."""
    return _schema(_REQUEST, "request", "aks-backup-conformance oracle request")


def answer_schema() -> dict[str, Any]:
    """The JSON Schema of the answer document (the oracle's answer; `check --format json` prints one)."""
    return _schema(_ANSWER, "answer", "aks-backup-conformance oracle answer")
