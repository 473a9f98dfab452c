"""The time model: schedules, tiering, retention and pruning, RPO and daily limits over time.

Given a backup instance's policy, its vault and a sequence of timestamped events, the model returns the
recovery points of each tier with their provenance, the tiering jobs, the prunings, the refusals and
the time bounds that apply, each citing its statement id. It is a deterministic discrete-event
simulation: no clock, no I/O; the same policy and events always give the same `Timeline`.

    >>> import datetime as dt
    >>> from aks_backup_model.environment import Policy, VaultTier
    >>> day = dt.datetime(2025, 6, 2, tzinfo=dt.UTC)
    >>> events = [ScheduledBackup(day + dt.timedelta(hours=h)) for h in (1, 5, 9)]
    >>> timeline = simulate(Policy(vault=VaultTier()), events, until=day + dt.timedelta(hours=12))
    >>> [stamp(p.taken_at) for p in timeline.live(Tier.VAULT)]
    ['2025-06-02 01:00']

The matrix leaves several readings open; the model takes the ones in `READINGS`, each pinned by an
example of features/lifecycle.feature:

- a "24-hour period" is the UTC calendar day of the backup's timestamp (neither rolling nor counted
  from the policy's start time);
- a backup that overruns the 2-hour window still makes a point of the day it started, reported as the
  bound exceeded; "first successful" follows the order in which backups complete;
- both 4-hour tiering bounds count from the moment the Operational point is complete: the job starts
  within 4 hours (SM-VLT-06) and the copy is in the Vault tier within 4 hours (SM-SUP-11);
- the RPO is the longest gap between the timestamps of consecutive Vault points (the time line's first
  and last backup attempt close the ends); the paired region adds 12 hours of replication;
- pruning keeps the newest live Operational point and the Operational source of the newest Vault point.

Events must come in time order. Timestamps are UTC: naive datetimes are read as UTC, aware ones are
converted. Refusals and exceeded bounds are values in the returned time line, never exceptions; only a
malformed event sequence (out of order, tiering events without `tiering="reported"`) raises
`InvalidInput`.
"""

from __future__ import annotations

import bisect
import datetime as dt
import enum
import heapq
import itertools
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import Final, Literal, TypeAlias

from .environment import Environment, Policy, Vault
from .errors import InvalidInput
from .operations import CreatePolicy
from .outcome import Effect, Finding
from .rules import RULES, Context
from .tables import (
    BACKUP_FREQUENCIES_HOURS,
    BACKUP_WINDOW_HOURS,
    MAX_ON_DEMAND_BACKUPS_PER_DAY,
    MAX_RESTORES_PER_DAY,
    SECONDARY_REPLICATION_MAX_HOURS,
    TIERING_MAX_HOURS,
    TIERING_START_MAX_HOURS,
    VAULT_ELIGIBILITY_PERIOD_HOURS,
    VAULT_RPO_PRIMARY_HOURS,
    VAULT_RPO_SECONDARY_HOURS,
)

ZERO: Final = dt.timedelta(0)
BACKUP_WINDOW: Final = dt.timedelta(hours=BACKUP_WINDOW_HOURS)
TIERING_START_MAX: Final = dt.timedelta(hours=TIERING_START_MAX_HOURS)
TIERING_MAX: Final = dt.timedelta(hours=TIERING_MAX_HOURS)
REPLICATION_MAX: Final = dt.timedelta(hours=SECONDARY_REPLICATION_MAX_HOURS)
RPO_PRIMARY: Final = dt.timedelta(hours=VAULT_RPO_PRIMARY_HOURS)
RPO_SECONDARY: Final = dt.timedelta(hours=VAULT_RPO_SECONDARY_HOURS)
_DAY_MINUTES: Final = VAULT_ELIGIBILITY_PERIOD_HOURS * 60


@dataclass(frozen=True, slots=True)
class Reading:
    """One reading the model takes where the matrix leaves a question open."""

    statement_ids: tuple[str, ...]
    question: str
    reading: str
    why: str


READINGS: Final[tuple[Reading, ...]] = (
    Reading(
        ("SM-SUP-10", "SM-VLT-05"),
        "What is the 24-hour period in which only the first successful backup goes to the Vault tier?",
        "The UTC calendar day (00:00 to 24:00 UTC) of the backup's timestamp; it is neither a rolling "
        "window nor a day counted from the policy's start time. The default policy (every 4 hours from "
        "09:00) therefore sends the 01:00 point of each day.",
        "Azure tags that copy with the absolute criterion FirstOfDay, of the same family as the week that "
        "starts on Sunday and the month that starts on the 1st, and its FAQ says the selection does not "
        "depend on when the policy was created (domain.md §2.5). The daily limits (SM-LIM-03, SM-LIM-05) "
        "already count UTC days.",
    ),
    Reading(
        ("SM-SUP-09", "SM-SUP-10"),
        "Does a backup that overruns the 2-hour window count, and for which day?",
        "It counts: it makes a recovery point timestamped at its scheduled start, belonging to that day, "
        "and it can be the day's Vault point; the overrun is reported as SM-SUP-09 exceeded. 'First "
        "successful' follows the order of completion: a backup becomes eligible when it completes and no "
        "other scheduled backup of its day completed successfully before it.",
        "The matrix says backups are expected to finish in 2 hours, not that late ones fail. The service "
        "cannot wait to learn whether an earlier backup that is still running will succeed.",
    ),
    Reading(
        ("SM-SUP-11", "SM-VLT-06"),
        "From when is the 4-hour tiering delay measured, and what does it bound?",
        "From the moment the Operational point is complete, which is also when it becomes eligible. "
        "SM-VLT-06 bounds the start of the tiering job (4 hours), SM-SUP-11 the moment the copy is in the "
        "Vault tier (4 hours). Without reported jobs the model takes the worst case both allow: the job "
        "starts and ends 4 hours after the backup completed.",
        "The two sentences disagree on what the 4 hours bound (the move, or the start of the move); "
        "keeping both is the only reading that breaks neither.",
    ),
    Reading(
        ("SM-VLT-05",),
        "How are the 24-hour primary and 36-hour secondary RPO computed?",
        "From recovery point timestamps: the primary RPO is the longest gap between the timestamps of "
        "consecutive Vault points, the time line's first and last backup attempt closing the two ends; "
        "the paired region's RPO adds the 12 hours replication can take, and exists only for a "
        "GeoRedundant vault with Cross Region Restore. A failed first backup of the day shows as an "
        "exceeded bound (the next point comes later than 24 hours after the previous one).",
        "The matrix derives 24 hours from one point a day and adds only replication for 36 hours: its "
        "figures leave the tiering delay out, which SM-VLT-06 bounds on its own.",
    ),
    Reading(
        ("SM-VLT-07",),
        "Which two Operational points does pruning keep?",
        "The newest live Operational point (by timestamp) and the Operational point that the newest Vault "
        "point in the Vault tier (tiered, not deleted) was copied from. A point past its retention is "
        "pruned as soon as it is neither; a point whose tiering job has not finished is also kept. "
        "Retention counts from the point's timestamp. A policy without the Vault tier keeps nothing "
        "past its retention.",
        "These are the two the matrix names. A point waiting for its tiering job is kept because a pruned "
        "snapshot cannot be copied; once the job ends, only the two named points remain held. The matrix "
        "gives tiering as the reason for keeping them, so without tiering there is none.",
    ),
    Reading(
        ("SM-SUP-21",),
        "What does an unhealthy cluster or extension hold back over time?",
        "Scheduled and on-demand backups and restores are refused while it lasts, and pruning of expired "
        "Operational points waits until both are healthy again. Vault points expire inside the vault and "
        "tiering is the vault's job: neither waits.",
        "The extension takes the snapshots and deletes them; the Vault tier is outside the cluster.",
    ),
    Reading(
        ("SM-LIM-03", "SM-LIM-05"),
        "Which requests count towards the daily limits?",
        "Requests accepted on the UTC calendar day of the request, whether the backup then succeeds or "
        "fails; refused requests do not count.",
        "The limits count requests the service took; a refused request never ran.",
    ),
    Reading(
        ("SM-SUP-10", "SM-VLT-05"),
        "Do on-demand backups take the day's Vault point?",
        "No: the one-a-day rule is about scheduled points. An on-demand backup asked for the Vault tier "
        "goes there besides the scheduled one, with the same tiering bounds.",
        "The matrix speaks of one scheduled recovery point a day; the AKS backup overview lets any "
        "number of on-demand backups go to the Vault tier (domain.md §2.5).",
    ),
    Reading(
        ("SM-SUP-24", "SM-SUP-26", "SM-VLT-07"),
        "How do user deletions meet soft delete, immutability and pruning?",
        "An immutable vault (Unlocked or Locked) refuses deleting a point of either tier before it expires; "
        "a point kept past its retention by SM-VLT-07 has expired and can be deleted. Vault points are "
        "soft deleted when soft delete is On or AlwaysOn; Operational points are always deleted for good. "
        "SM-VLT-07 limits pruning only, not deletions a user asks for.",
        "As the rules of SM-SUP-24 and SM-SUP-26 read a single deletion (rules/vault.py).",
    ),
    Reading(
        ("SM-SUP-08",),
        "When do scheduled backups run?",
        "At the policy's start time plus whole multiples of its period, every day (each allowed period "
        "divides 24 hours). A scheduled backup at any other time is refused citing SM-SUP-08. The policy "
        "shape has one Operational retention and one Vault retention for the first point of each day, so "
        "of the retention rule priorities (year > month > week > day > default) only day over default is "
        "in play, and both keep the Operational copy the same number of days.",
        "The policy's repeating interval is R/<start>/PT<n>H (domain.md §2.5 and §4).",
    ),
)


# --- Events -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class ScheduledBackup:
    """A scheduled backup starts at `at` (a slot of the schedule), runs `duration`, then succeeds or fails."""

    at: dt.datetime
    duration: dt.timedelta = ZERO
    succeeded: bool = True


@dataclass(frozen=True, slots=True)
class OnDemandBackup:
    """An on-demand backup is asked for at `at`; `to_vault` asks for a Vault-tier copy too."""

    at: dt.datetime
    duration: dt.timedelta = ZERO
    succeeded: bool = True
    to_vault: bool = False


@dataclass(frozen=True, slots=True)
class TieringStarted:
    """The tiering job of the Operational point taken at `point` starts (needs tiering="reported")."""

    at: dt.datetime
    point: dt.datetime


@dataclass(frozen=True, slots=True)
class TieringFinished:
    """The tiering job of the Operational point taken at `point` ends with the copy in the Vault tier."""

    at: dt.datetime
    point: dt.datetime


@dataclass(frozen=True, slots=True)
class RestoreRequested:
    """A restore of the newest available point of `tier`, in the primary or the paired (secondary) region."""

    at: dt.datetime
    tier: Literal["Operational", "Vault"] = "Operational"
    region: Literal["primary", "secondary"] = "primary"


@dataclass(frozen=True, slots=True)
class DeletionRequested:
    """A user asks to delete a point of `tier`: the one with that id, or the first one taken at that time."""

    at: dt.datetime
    point: dt.datetime | str
    tier: Literal["Operational", "Vault"] = "Vault"


@dataclass(frozen=True, slots=True)
class HealthChanged:
    """The cluster and the extension pods become healthy (`healthy=True`) or stop being so (SM-SUP-21)."""

    at: dt.datetime
    healthy: bool


@dataclass(frozen=True, slots=True)
class TimePasses:
    """Nothing is asked; the time line advances to `at` (tiering, replication and pruning go on)."""

    at: dt.datetime


Event: TypeAlias = (
    ScheduledBackup
    | OnDemandBackup
    | TieringStarted
    | TieringFinished
    | RestoreRequested
    | DeletionRequested
    | HealthChanged
    | TimePasses
)
TieringMode: TypeAlias = Literal["worst_case", "reported"]


# --- Results ----------------------------------------------------------------------------------------


class Tier(enum.StrEnum):
    OPERATIONAL = "Operational"
    VAULT = "Vault"


class Origin(enum.StrEnum):
    SCHEDULED = "scheduled"
    ON_DEMAND = "on-demand"


class Removal(enum.StrEnum):
    PRUNED = "pruned"
    """Its retention ran out."""
    DELETED = "deleted"
    """A user deleted it for good."""
    SOFT_DELETED = "soft deleted"
    """A user deleted it and the vault's soft delete keeps it, not restorable, for a while."""


@dataclass(frozen=True, slots=True)
class RecoveryPoint:
    """A recovery point of one tier. A Vault point is a copy of an Operational point (`source`)."""

    id: str
    tier: Tier
    origin: Origin
    taken_at: dt.datetime
    """The backup's start: what retention and RPO count from, and what decides its day."""
    available_at: dt.datetime
    """Operational: when the backup completed. Vault: when its tiering job ended."""
    expires_at: dt.datetime
    source: str | None = None
    """For a Vault point, the id of the Operational point it was copied from."""
    vault_eligible: bool = False
    """For an Operational point: it was selected for the Vault tier."""
    statement_id: str | None = None
    """The statement that selected it for the Vault tier (SM-SUP-10 for the first point of a day)."""
    replicated_by: dt.datetime | None = None
    """For a Vault point of a GeoRedundant vault with Cross Region Restore: when the paired region has
    it at the latest (SM-VLT-05)."""
    removed_at: dt.datetime | None = None
    removal: Removal | None = None

    def live_at(self, moment: dt.datetime) -> bool:
        """Restorable at `moment`: available and not yet pruned or deleted."""
        return self.available_at <= moment and (self.removed_at is None or moment < self.removed_at)


@dataclass(frozen=True, slots=True)
class TieringJob:
    """The copy of an eligible Operational point to the Vault tier."""

    point: str
    eligible_at: dt.datetime
    """When the Operational point completed and was selected (the origin of both 4-hour bounds)."""
    started_at: dt.datetime | None
    finished_at: dt.datetime | None
    vault_point: str | None
    reported: bool
    """Taken from reported events (True) or assumed at the worst case the matrix allows (False)."""
    cancelled_at: dt.datetime | None = None
    """The source point was deleted before the copy was made."""

    @property
    def start_deadline(self) -> dt.datetime:
        return self.eligible_at + TIERING_START_MAX

    @property
    def finish_deadline(self) -> dt.datetime:
        return self.eligible_at + TIERING_MAX


@dataclass(frozen=True, slots=True)
class Pruning:
    """A point removed because its retention ran out."""

    at: dt.datetime
    point: str
    tier: Tier
    expired_at: dt.datetime
    held_by: tuple[str, ...] = ()
    """The statements that kept it past its expiry (SM-VLT-07, SM-SUP-21), in the order they applied."""


@dataclass(frozen=True, slots=True)
class Refusal:
    """A request the matrix refuses, or a policy it refuses (`event` None)."""

    at: dt.datetime | None
    event: int | None
    statement_id: str
    message: str
    subject: str | None = None
    """The field a policy refusal is about (`policy.every_hours`); by default the event or `policy`."""

    def finding(self) -> Finding:
        subject = self.subject or ("policy" if self.event is None else f"events[{self.event}]")
        return Finding(self.statement_id, Effect.BLOCKS, subject, self.message)


@dataclass(frozen=True, slots=True)
class Bound:
    """A time bound of the matrix measured on the time line; `held` says whether it was kept."""

    statement_id: str
    subject: str
    what: str
    limit: dt.timedelta
    observed: dt.timedelta

    @property
    def held(self) -> bool:
        return self.observed <= self.limit

    def finding(self) -> Finding:
        verdict = "within" if self.held else "beyond"
        message = f"{self.what}: {hours(self.observed)}, {verdict} the bound of {hours(self.limit)}."
        return Finding(
            self.statement_id, Effect.INFORMS if self.held else Effect.WARNS, self.subject, message
        )


@dataclass(frozen=True, slots=True)
class EventResult:
    """What one event gave. `label` is the short text the feature tables compare (see `READINGS`)."""

    index: int
    event: Event
    label: str
    point: str | None = None
    refusal: Refusal | None = None


@dataclass(frozen=True, slots=True)
class Rpo:
    """Worst-case recovery point objectives over the time line (None: that copy does not exist)."""

    operational: dt.timedelta | None
    primary: dt.timedelta | None
    """The Vault tier in the vault's region."""
    secondary: dt.timedelta | None
    """The Vault tier in the paired region (GeoRedundant vault with Cross Region Restore only)."""


@dataclass(frozen=True, slots=True)
class Timeline:
    """The state of a backup instance after a sequence of events, and everything that happened."""

    policy: Policy
    vault: Vault
    now: dt.datetime | None
    points: tuple[RecoveryPoint, ...]
    """Every point ever made, removed ones included, in order of creation."""
    tiering_jobs: tuple[TieringJob, ...]
    prunings: tuple[Pruning, ...]
    refusals: tuple[Refusal, ...]
    bounds: tuple[Bound, ...]
    results: tuple[EventResult, ...]
    rpo: Rpo
    keep_reasons: dict[str, str]
    """Why each live Operational point is still there: within retention, or what holds it past it."""

    @property
    def refused(self) -> bool:
        """The policy itself is refused: nothing runs."""
        return any(r.event is None for r in self.refusals)

    def live(self, tier: Tier) -> tuple[RecoveryPoint, ...]:
        """The restorable points of `tier` now, oldest first."""
        if self.now is None:
            return ()
        now = self.now
        return tuple(sorted((p for p in self.points if p.tier is tier and p.live_at(now)), key=_taken))

    def point(self, point_id: str) -> RecoveryPoint:
        for p in self.points:
            if p.id == point_id:
                return p
        raise KeyError(point_id)

    def exceeded(self, statement_id: str | None = None) -> tuple[Bound, ...]:
        return tuple(
            b for b in self.bounds if not b.held and (statement_id is None or b.statement_id == statement_id)
        )

    def findings(self) -> tuple[Finding, ...]:
        """Refusals (blocks) and exceeded bounds (warns), in time order of the events."""
        return tuple(r.finding() for r in self.refusals) + tuple(b.finding() for b in self.exceeded())


# --- Formatting shared by the features and the report -------------------------------------------------


def stamp(moment: dt.datetime) -> str:
    """'2025-06-02 01:00' (UTC), the form the feature tables use."""
    return utc(moment).strftime("%Y-%m-%d %H:%M")


def hours(delta: dt.timedelta) -> str:
    """'24 hours', '1 hour', '2 hours 30 minutes'."""
    minutes = int(delta.total_seconds() // 60)
    whole, rest = divmod(minutes, 60)
    text = f"{whole} hour{'' if whole == 1 else 's'}"
    return f"{text} {rest} minute{'' if rest == 1 else 's'}" if rest else text


def utc(moment: dt.datetime) -> dt.datetime:
    """`moment` in UTC; a naive datetime is read as UTC."""
    if moment.tzinfo is dt.UTC:
        return moment
    if moment.tzinfo is None:
        return moment.replace(tzinfo=dt.UTC)
    return moment.astimezone(dt.UTC)


def _taken(point: RecoveryPoint) -> dt.datetime:
    return point.taken_at


# --- Schedule ---------------------------------------------------------------------------------------


def schedule_times(policy: Policy) -> tuple[dt.time, ...]:
    """The times of day (UTC) of the policy's scheduled backups, earliest first; () if SM-SUP-08 refuses
    the frequency."""
    hours_ = policy.every_hours
    if hours_ not in BACKUP_FREQUENCIES_HOURS:
        return ()
    first = policy.start.hour * 60 + policy.start.minute
    minutes = sorted((first + k * hours_ * 60) % _DAY_MINUTES for k in range(_DAY_MINUTES // (hours_ * 60)))
    return tuple(dt.time(m // 60, m % 60) for m in minutes)


def is_scheduled(policy: Policy, moment: dt.datetime) -> bool:
    """Whether the policy schedules a backup at `moment` (UTC, to the minute)."""
    return _on_schedule(_schedule_minutes(policy), utc(moment))


def _schedule_minutes(policy: Policy) -> frozenset[int]:
    return frozenset(t.hour * 60 + t.minute for t in schedule_times(policy))


def _on_schedule(minutes: frozenset[int], moment: dt.datetime) -> bool:
    return not (moment.second or moment.microsecond) and moment.hour * 60 + moment.minute in minutes


def scheduled_starts(policy: Policy, start: dt.datetime, end: dt.datetime) -> Iterator[dt.datetime]:
    """The policy's scheduled backup times in [start, end), in order."""
    start, end = utc(start), utc(end)
    times = schedule_times(policy)
    day = dt.datetime.combine(start.date(), dt.time(), dt.UTC)
    while day < end:
        for time in times:
            moment = day.replace(hour=time.hour, minute=time.minute)
            if start <= moment < end:
                yield moment
        day += dt.timedelta(days=1)


def planned_backups(
    policy: Policy, start: dt.datetime, days: int, *, duration: dt.timedelta = BACKUP_WINDOW
) -> list[Event]:
    """Every scheduled backup of `days` days from `start`, all succeeding in `duration`, then enough time
    for the last ones to reach the Vault tier (the time line a planner reads)."""
    start = utc(start)
    end = start + dt.timedelta(days=days)
    events: list[Event] = [ScheduledBackup(at, duration) for at in scheduled_starts(policy, start, end)]
    settle = max(end, (events[-1].at + duration) if events else end) + max(TIERING_MAX, TIERING_START_MAX)
    events.append(TimePasses(settle))
    return events


def policy_refusals(policy: Policy) -> tuple[Refusal, ...]:
    """The refusals of the policy itself: its tiers (SM-SUP-06) and its frequency (SM-SUP-08).

    Reuses the rules that judge a single operation, so the time line and `evaluate` never disagree.
    """
    ctx = Context(Environment(policy=policy), CreatePolicy())
    return tuple(
        Refusal(None, None, f.statement_id, f.message, f.subject)
        for statement_id in ("SM-SUP-06", "SM-SUP-08")
        for f in RULES[statement_id].function(ctx)
        if f.effect is Effect.BLOCKS
    )


# --- The simulation ---------------------------------------------------------------------------------


class _Point:
    __slots__ = (
        "available_at", "expires_at", "held_by", "id", "job", "origin", "removal", "removed_at",
        "replicated_by", "source", "statement_id", "taken_at", "tier", "vault_eligible",
    )  # fmt: skip

    def __init__(
        self, id: str, tier: Tier, origin: Origin, taken_at: dt.datetime, available_at: dt.datetime,
        expires_at: dt.datetime, source: _Point | None = None,
    ) -> None:  # fmt: skip
        self.id = id
        self.tier = tier
        self.origin = origin
        self.taken_at = taken_at
        self.available_at = available_at
        self.expires_at = expires_at
        self.source = source
        self.vault_eligible = False
        self.statement_id: str | None = None
        self.replicated_by: dt.datetime | None = None
        self.removed_at: dt.datetime | None = None
        self.removal: Removal | None = None
        self.job: _Job | None = None
        self.held_by: list[str] = []

    def freeze(self) -> RecoveryPoint:
        return RecoveryPoint(
            id=self.id, tier=self.tier, origin=self.origin, taken_at=self.taken_at,
            available_at=self.available_at, expires_at=self.expires_at,
            source=self.source.id if self.source else None, vault_eligible=self.vault_eligible,
            statement_id=self.statement_id, replicated_by=self.replicated_by, removed_at=self.removed_at,
            removal=self.removal,
        )  # fmt: skip


class _Job:
    __slots__ = (
        "cancelled_at",
        "eligible_at",
        "finished_at",
        "point",
        "reported",
        "started_at",
        "vault_point",
    )

    def __init__(self, point: _Point, eligible_at: dt.datetime, reported: bool) -> None:
        self.point = point
        self.eligible_at = eligible_at
        self.reported = reported
        self.started_at: dt.datetime | None = None
        self.finished_at: dt.datetime | None = None
        self.vault_point: _Point | None = None
        self.cancelled_at: dt.datetime | None = None

    @property
    def pending(self) -> bool:
        return self.finished_at is None and self.cancelled_at is None

    def freeze(self) -> TieringJob:
        return TieringJob(
            self.point.id, self.eligible_at, self.started_at, self.finished_at,
            self.vault_point.id if self.vault_point else None, self.reported, self.cancelled_at,
        )  # fmt: skip


@dataclass(slots=True)
class _Result:
    event: Event
    label: str = ""
    point: str | None = None
    refusal: Refusal | None = None

    def freeze(self, index: int) -> EventResult:
        return EventResult(index, self.event, self.label, self.point, self.refusal)


@dataclass(slots=True)
class _Backup:
    index: int
    origin: Origin
    at: dt.datetime
    duration: dt.timedelta
    succeeded: bool
    to_vault: bool


_HEALTH: Final = "SM-SUP-21"
_PRUNING: Final = "SM-VLT-07"


class Lifecycle:
    """The step machine behind `simulate`: feed events in time order with `apply`, read `timeline()`.

    Mutable but deterministic: it reads no clock, and its state depends only on the policy, the vault,
    the tiering mode and the events applied so far. `tiering="worst_case"` assumes every tiering job
    starts and ends at the latest moment the matrix allows; `tiering="reported"` takes jobs from
    TieringStarted/TieringFinished events and reports a job that has not started in time as SM-VLT-06
    exceeded.
    """

    def __init__(
        self, policy: Policy, *, vault: Vault | None = None, tiering: TieringMode = "worst_case",
        start: dt.datetime | None = None,
    ) -> None:  # fmt: skip
        self.policy = policy
        self.vault = vault or Vault()
        self.tiering: TieringMode = tiering
        self.now: dt.datetime | None = utc(start) if start else None
        self._policy_refusals = policy_refusals(policy)
        self._slots = _schedule_minutes(policy)
        self._last_slot: dt.datetime | None = None
        self._refusals: list[Refusal] = list(self._policy_refusals)
        self._op_retention = (
            dt.timedelta(days=policy.operational.retention_days) if policy.operational else ZERO
        )
        self._vault_retention = dt.timedelta(days=policy.vault.retention_days) if policy.vault else ZERO
        self._geo = self.vault.redundancy == "GeoRedundant" and self.vault.cross_region_restore
        self._queue: list[tuple[dt.datetime, int, Callable[[], object]]] = []
        self._seq = 0
        self._points: list[_Point] = []
        self._op_live: list[_Point] = []
        self._vault_live: list[_Point] = []
        self._jobs: list[_Job] = []
        self._overdue: list[_Point] = []
        self._vault_days: set[dt.date] = set()
        self._on_demand: dict[dt.date, int] = {}
        self._restores: dict[dt.date, int] = {}
        self._healthy = True
        self._attempts: tuple[dt.datetime, dt.datetime] | None = None
        """The first and the last backup attempt: the two ends of the RPO measurement."""
        self._results: list[_Result] = []
        self._bounds: list[Bound] = []
        self._prunings: list[Pruning] = []
        self._counts = {Tier.OPERATIONAL: 0, Tier.VAULT: 0}

    # -- driving ---------------------------------------------------------------------------------

    def apply(self, event: Event) -> EventResult:
        """Advance to the event's time, apply it, and return its result as known at that time.

        A backup that is still running has the label "running"; `timeline().results` has its final one.

        Raises:
            InvalidInput: the event is earlier than the previous one, or reports a tiering job while the
                tiering mode is "worst_case".
        """
        index = self._apply(event)
        return self._results[index].freeze(index)

    def _apply(self, event: Event) -> int:
        index = len(self._results)
        at = utc(event.at)
        if self.now is not None and at < self.now:
            raise InvalidInput(
                "events", [(f"events[{index}].at", stamp(at), f"a time not before {stamp(self.now)}")]
            )
        if isinstance(event, TieringStarted | TieringFinished) and self.tiering != "reported":
            raise InvalidInput(
                "events", [(f"events[{index}]", type(event).__name__, 'tiering="reported" to report jobs')]
            )
        self._advance(at)
        self._results.append(_Result(event))
        refusal = self._refused_by_policy(index, event, at)
        if refusal is None:
            self._dispatch(index, event, at)
        self._advance(at)
        return index

    def advance(self, to: dt.datetime) -> None:
        """Let time pass to `to` without an event (tiering, expiry and pruning go on)."""
        to = utc(to)
        if self.now is None or to > self.now:
            self._advance(to)

    def timeline(self) -> Timeline:
        """A frozen snapshot of everything so far."""
        now = self.now
        bounds = list(self._bounds)
        if now is not None:
            bounds.extend(self._open_tiering_bounds(now))
        rpo = self._rpo()
        if rpo.primary is not None:
            bounds.append(
                Bound(
                    "SM-VLT-05",
                    "vault.primary",
                    "worst-case RPO in the primary region",
                    RPO_PRIMARY,
                    rpo.primary,
                )
            )
        if rpo.secondary is not None:
            bounds.append(
                Bound(
                    "SM-VLT-05", "vault.secondary", "worst-case RPO in the paired region", RPO_SECONDARY,
                    rpo.secondary,
                )
            )  # fmt: skip
        return Timeline(
            policy=self.policy, vault=self.vault, now=now,
            points=tuple(p.freeze() for p in self._points),
            tiering_jobs=tuple(j.freeze() for j in self._jobs),
            prunings=tuple(self._prunings), refusals=tuple(self._refusals), bounds=tuple(bounds),
            results=tuple(r.freeze(i) for i, r in enumerate(self._results)), rpo=rpo,
            keep_reasons=self._keep_reasons(),
        )  # fmt: skip

    # -- the clock of the simulation -----------------------------------------------------------------

    def _at(self, moment: dt.datetime, action: Callable[[], object]) -> None:
        self._seq += 1
        heapq.heappush(self._queue, (moment, self._seq, action))

    def _advance(self, to: dt.datetime) -> None:
        queue = self._queue
        while queue and queue[0][0] <= to:
            moment, _, action = heapq.heappop(queue)
            self.now = moment
            action()
        self.now = to

    # -- events --------------------------------------------------------------------------------------

    def _refused_by_policy(self, index: int, event: Event, at: dt.datetime) -> Refusal | None:
        if not self._policy_refusals or isinstance(event, TimePasses | HealthChanged):
            return None
        first = self._policy_refusals[0]
        return self._refuse(index, at, first.statement_id, f"the policy is refused: {first.message}")

    def _dispatch(self, index: int, event: Event, at: dt.datetime) -> None:
        match event:
            case ScheduledBackup():
                self._scheduled(index, event, at)
            case OnDemandBackup():
                self._on_demand_backup(index, event, at)
            case TieringStarted() | TieringFinished():
                self._reported_tiering(index, event, at)
            case RestoreRequested():
                self._restore(index, event, at)
            case DeletionRequested():
                self._delete(index, event, at)
            case HealthChanged():
                self._healthy = event.healthy
                if event.healthy:
                    self._prune_overdue()
            case TimePasses():
                pass

    def _refuse(self, index: int, at: dt.datetime, statement_id: str, message: str) -> Refusal:
        refusal = Refusal(at, index, statement_id, message)
        self._refusals.append(refusal)
        self._set_result(index, f"refused citing {statement_id}", refusal=refusal)
        return refusal

    def _set_result(
        self, index: int, label: str, *, point: str | None = None, refusal: Refusal | None = None
    ) -> None:
        result = self._results[index]
        result.label, result.point, result.refusal = label, point, refusal

    def _scheduled(self, index: int, event: ScheduledBackup, at: dt.datetime) -> None:
        if not _on_schedule(self._slots, at):
            times = ", ".join(t.strftime("%H:%M") for t in schedule_times(self.policy))
            self._refuse(
                index, at, "SM-SUP-08", f"the policy schedules no backup at {stamp(at)}; it runs at {times}."
            )
            return
        if at == self._last_slot:
            self._refuse(index, at, "SM-SUP-08", f"the backup scheduled at {stamp(at)} has already run.")
            return
        self._last_slot = at
        self._attempts = (self._attempts[0] if self._attempts else at, at)
        if not self._healthy:
            self._refuse(
                index, at, _HEALTH, "the cluster or the extension is not healthy; the backup cannot run."
            )
            return
        self._start_backup(_Backup(index, Origin.SCHEDULED, at, event.duration, event.succeeded, False))

    def _on_demand_backup(self, index: int, event: OnDemandBackup, at: dt.datetime) -> None:
        if not self._healthy:
            self._refuse(
                index, at, _HEALTH, "the cluster or the extension is not healthy; the backup cannot run."
            )
            return
        if event.to_vault and self.policy.vault is None:
            self._refuse(index, at, "SM-SUP-06", "the policy keeps only the Operational tier; no Vault copy.")
            return
        day = at.date()
        taken = self._on_demand.get(day, 0)
        if taken >= MAX_ON_DEMAND_BACKUPS_PER_DAY:
            self._refuse(
                index, at, "SM-LIM-03",
                f"{taken} on-demand backups were already taken on {day}; "
                f"the limit is {MAX_ON_DEMAND_BACKUPS_PER_DAY}.",
            )  # fmt: skip
            return
        self._on_demand[day] = taken + 1
        self._attempts = (self._attempts[0] if self._attempts else at, at)
        self._start_backup(
            _Backup(index, Origin.ON_DEMAND, at, event.duration, event.succeeded, event.to_vault)
        )

    def _start_backup(self, backup: _Backup) -> None:
        end = backup.at + backup.duration
        self._results[backup.index].label = "running"
        self._at(end, lambda: self._complete(backup))

    def _complete(self, backup: _Backup) -> None:
        now = self._now()
        if not backup.succeeded:
            self._set_result(backup.index, "no point")
            return
        point = self._new_point(
            Tier.OPERATIONAL, backup.origin, backup.at, now, backup.at + self._op_retention
        )
        label = ["Operational point"]
        if self.policy.vault is not None:
            day = backup.at.date()
            if backup.origin is Origin.SCHEDULED and day not in self._vault_days:
                self._vault_days.add(day)
                point.vault_eligible, point.statement_id = True, "SM-SUP-10"
            elif backup.to_vault:
                point.vault_eligible = True
            if point.vault_eligible:
                label.append("goes to the Vault tier")
                self._new_job(point, now)
        if backup.origin is Origin.SCHEDULED:
            self._bounds.append(
                Bound("SM-SUP-09", point.id, "backup duration", BACKUP_WINDOW, backup.duration)
            )
            if backup.duration > BACKUP_WINDOW:
                label.append("late citing SM-SUP-09")
        bisect.insort(self._op_live, point, key=_point_taken)
        self._at(max(point.expires_at, now), lambda: self._expire_operational(point))
        self._set_result(backup.index, ", ".join(label), point=point.id)
        self._prune_overdue()

    # -- tiering -------------------------------------------------------------------------------------

    def _new_job(self, point: _Point, eligible_at: dt.datetime) -> None:
        job = _Job(point, eligible_at, reported=self.tiering == "reported")
        point.job = job
        self._jobs.append(job)
        if self.tiering == "worst_case":
            start = eligible_at + TIERING_START_MAX
            finish = max(start, eligible_at + TIERING_MAX)
            self._at(start, lambda: self._start_job(job))
            self._at(finish, lambda: self._finish_job(job))

    def _start_job(self, job: _Job) -> bool:
        """Start the job now. True when it starts within SM-VLT-06's bound; False when it starts late,
        or cannot start (cancelled, or already started)."""
        if job.cancelled_at is not None or job.started_at is not None:
            return False
        now = self._now()
        job.started_at = now
        bound = Bound("SM-VLT-06", job.point.id, "start of tiering after eligibility", TIERING_START_MAX,
                      now - job.eligible_at)  # fmt: skip
        self._bounds.append(bound)
        return bound.held

    def _finish_job(self, job: _Job) -> bool:
        """End a started job with the copy in the Vault tier. True when that is within SM-SUP-11's bound."""
        if not job.pending or job.started_at is None:
            return False
        now = self._now()
        job.finished_at = now
        source = job.point
        bound = Bound("SM-SUP-11", source.id, "move to the Vault tier after the backup", TIERING_MAX,
                      now - job.eligible_at)  # fmt: skip
        self._bounds.append(bound)
        vault_point = self._new_point(
            Tier.VAULT, source.origin, source.taken_at, now, source.taken_at + self._vault_retention, source
        )
        vault_point.statement_id = source.statement_id
        if self._geo:
            vault_point.replicated_by = now + REPLICATION_MAX
        job.vault_point = vault_point
        bisect.insort(self._vault_live, vault_point, key=_point_taken)
        self._at(max(vault_point.expires_at, now), lambda: self._expire_vault(vault_point))
        self._prune_overdue()
        return bound.held

    def _reported_tiering(self, index: int, event: TieringStarted | TieringFinished, at: dt.datetime) -> None:
        taken = utc(event.point)
        candidates = [p for p in self._op_live if p.taken_at == taken]
        job = next((p.job for p in candidates if p.job is not None), None)
        if job is None:
            why = (
                f"the point taken at {stamp(taken)} is not the first successful backup of its day"
                if candidates
                else f"no Operational point taken at {stamp(taken)} waits for the Vault tier"
            )
            self._refuse(index, at, "SM-SUP-10", f"{why}; only that one goes to the Vault tier.")
            return
        if isinstance(event, TieringStarted):
            if job.started_at is not None:
                self._set_result(index, "tiering already started")
            elif self._start_job(job):
                self._set_result(index, "tiering started")
            else:
                self._set_result(index, "tiering started late citing SM-VLT-06")
            return
        if job.finished_at is not None:
            self._set_result(index, "already in the Vault tier")
            return
        started_late = job.started_at is None and not self._start_job(job)
        in_time = self._finish_job(job)
        label = "in the Vault tier" if in_time else "in the Vault tier late citing SM-SUP-11"
        if started_late:
            label += ", started late citing SM-VLT-06"
        self._set_result(index, label, point=job.vault_point.id if job.vault_point else None)

    def _open_tiering_bounds(self, now: dt.datetime) -> Iterator[Bound]:
        """The wait so far of jobs that have not started or ended: held until their deadline passes."""
        for job in self._jobs:
            if not job.pending:
                continue
            waited = now - job.eligible_at
            if job.started_at is None:
                yield Bound("SM-VLT-06", job.point.id, "tiering not started yet", TIERING_START_MAX, waited)
            yield Bound("SM-SUP-11", job.point.id, "not in the Vault tier yet", TIERING_MAX, waited)

    # -- restores and deletions ------------------------------------------------------------------------

    def _restore(self, index: int, event: RestoreRequested, at: dt.datetime) -> None:
        if not self._healthy:
            self._refuse(
                index, at, _HEALTH, "the cluster or the extension is not healthy; the restore cannot run."
            )
            return
        day = at.date()
        done = self._restores.get(day, 0)
        if done >= MAX_RESTORES_PER_DAY:
            self._refuse(
                index, at, "SM-LIM-05",
                f"{done} restores were already requested on {day}; the limit is {MAX_RESTORES_PER_DAY}.",
            )  # fmt: skip
            return
        secondary = event.region == "secondary"
        if secondary and event.tier == "Operational":
            self._refuse(index, at, "SM-SUP-14", "Operational-tier points restore only in their own region.")
            return
        if secondary and not self._geo:
            self._refuse(
                index, at, "SM-VLT-04",
                "the paired region holds copies only for a GeoRedundant vault with Cross Region Restore.",
            )  # fmt: skip
            return
        if event.tier == "Vault" and self.policy.vault is None:
            self._refuse(index, at, "SM-SUP-06", "the policy keeps only the Operational tier.")
            return
        point = self._newest(event.tier, secondary, at)
        if point is None:
            if event.tier == "Operational":
                self._set_result(index, "nothing to restore")
            elif secondary:
                self._refuse(index, at, "SM-VLT-05", "no Vault point has reached the paired region yet.")
            else:
                self._refuse(index, at, "SM-SUP-11", "no point has reached the Vault tier yet.")
            return
        self._restores[day] = done + 1
        where = " in the paired region" if secondary else ""
        self._set_result(
            index, f"restores the {stamp(point.taken_at)} {point.tier} point{where}", point=point.id
        )

    def _newest(self, tier: str, secondary: bool, at: dt.datetime) -> _Point | None:
        live = self._op_live if tier == "Operational" else self._vault_live
        if not secondary:
            return live[-1] if live else None
        ready = [p for p in live if p.replicated_by is not None and p.replicated_by <= at]
        return ready[-1] if ready else None

    def _delete(self, index: int, event: DeletionRequested, at: dt.datetime) -> None:
        tier = Tier(event.tier)
        live = self._op_live if tier is Tier.OPERATIONAL else self._vault_live
        wanted = event.point
        if isinstance(wanted, str):
            point = next((p for p in live if p.id == wanted), None)
        else:
            taken = utc(wanted)
            point = next((p for p in live if p.taken_at == taken), None)
        if point is None:
            self._set_result(index, "no such point")
            return
        if self.vault.immutability != "Disabled" and at < point.expires_at:
            self._refuse(
                index, at, "SM-SUP-26",
                f"the vault is immutable ({self.vault.immutability}); the point expires only at "
                f"{stamp(point.expires_at)}.",
            )  # fmt: skip
            return
        if tier is Tier.VAULT and self.vault.soft_delete != "Off":
            self._remove(point, Removal.SOFT_DELETED)
            self._set_result(index, "soft deleted citing SM-SUP-24", point=point.id)
        else:
            self._remove(point, Removal.DELETED)
            self._set_result(index, "deleted for good citing SM-SUP-24", point=point.id)
        if point.job is not None and point.job.pending:
            point.job.cancelled_at = at
        self._prune_overdue()

    # -- retention and pruning ---------------------------------------------------------------------

    def _holds(self, point: _Point) -> list[str]:
        """What keeps an expired Operational point: statement ids, or "tiering" for a pending job."""
        holds = []
        if not self._healthy:
            holds.append(_HEALTH)
        vault_live = self._vault_live
        tiered = self.policy.vault is not None
        if tiered and (point is self._op_live[-1] or (vault_live and vault_live[-1].source is point)):
            holds.append(_PRUNING)
        if point.job is not None and point.job.pending:
            holds.append("tiering")
        return holds

    def _expire_operational(self, point: _Point) -> None:
        if point.removed_at is not None:
            return
        holds = self._holds(point)
        if holds:
            point.held_by.extend(h for h in holds if h not in point.held_by)
            self._overdue.append(point)
        else:
            self._prune(point)

    def _prune_overdue(self) -> None:
        if not self._overdue:
            return
        for point in list(self._overdue):
            if point.removed_at is not None:
                self._overdue.remove(point)
                continue
            holds = self._holds(point)
            if holds:
                point.held_by.extend(h for h in holds if h not in point.held_by)
            else:
                self._overdue.remove(point)
                self._prune(point)

    def _expire_vault(self, point: _Point) -> None:
        if point.removed_at is None:
            self._prune(point)

    def _prune(self, point: _Point) -> None:
        self._remove(point, Removal.PRUNED)
        held = tuple(h for h in point.held_by if h != "tiering")
        self._prunings.append(Pruning(self._now(), point.id, point.tier, point.expires_at, held))
        if point.tier is Tier.VAULT:
            self._prune_overdue()

    def _remove(self, point: _Point, removal: Removal) -> None:
        point.removed_at, point.removal = self._now(), removal
        (self._op_live if point.tier is Tier.OPERATIONAL else self._vault_live).remove(point)

    def _keep_reasons(self) -> dict[str, str]:
        now = self.now
        reasons: dict[str, str] = {}
        if now is None:
            return reasons
        vault_live = self._vault_live
        for point in self._op_live:
            if now < point.expires_at:
                reasons[point.id] = "within retention"
                continue
            why = []
            if self.policy.vault is not None and point is self._op_live[-1]:
                why.append("latest Operational point citing SM-VLT-07")
            if vault_live and vault_live[-1].source is point:
                why.append("linked to the latest Vault point citing SM-VLT-07")
            if not self._healthy:
                why.append("waits for a healthy cluster and extension citing SM-SUP-21")
            if point.job is not None and point.job.pending:
                why.append("waits for its tiering job")
            reasons[point.id] = ", ".join(why)
        return reasons

    # -- helpers -------------------------------------------------------------------------------------

    def _now(self) -> dt.datetime:
        assert self.now is not None  # set by _advance before any action runs
        return self.now

    def _new_point(
        self, tier: Tier, origin: Origin, taken_at: dt.datetime, available_at: dt.datetime,
        expires_at: dt.datetime, source: _Point | None = None,
    ) -> _Point:  # fmt: skip
        self._counts[tier] += 1
        prefix = "OP" if tier is Tier.OPERATIONAL else "V"
        point = _Point(
            f"{prefix}-{self._counts[tier]}", tier, origin, taken_at, available_at, expires_at, source
        )
        self._points.append(point)
        return point

    def _rpo(self) -> Rpo:
        if self._policy_refusals or self._attempts is None:
            return Rpo(None, None, None)
        edges = self._attempts
        operational = _largest_gap(edges, (p.taken_at for p in self._points if p.tier is Tier.OPERATIONAL))
        if self.policy.vault is None:
            return Rpo(operational, None, None)
        primary = _largest_gap(edges, (p.taken_at for p in self._points if p.tier is Tier.VAULT))
        return Rpo(operational, primary, primary + REPLICATION_MAX if self._geo else None)


def _point_taken(point: _Point) -> dt.datetime:
    return point.taken_at


def _largest_gap(edges: tuple[dt.datetime, dt.datetime], stamps: Iterable[dt.datetime]) -> dt.timedelta:
    """The longest gap between consecutive timestamps, the time line's first and last attempt included."""
    first, last = edges
    ordered = sorted([first, *stamps, last])
    return max((b - a for a, b in itertools.pairwise(ordered)), default=ZERO)


def simulate(
    policy: Policy, events: Sequence[Event], *, vault: Vault | None = None,
    tiering: TieringMode | None = None, until: dt.datetime | None = None,
) -> Timeline:  # fmt: skip
    """Run `events` (in time order) against the policy and the vault; return the time line at `until`
    (default: the last event).

    `tiering` defaults to "reported" when the events report a tiering job, else "worst_case".

    Raises:
        InvalidInput: an event is earlier than the one before it.
    """
    if tiering is None:
        reported = any(isinstance(e, TieringStarted | TieringFinished) for e in events)
        tiering = "reported" if reported else "worst_case"
    machine = Lifecycle(policy, vault=vault, tiering=tiering)
    for event in events:
        machine._apply(event)
    if until is not None:
        machine.advance(until)
    return machine.timeline()


__all__ = [
    "READINGS",
    "Bound",
    "DeletionRequested",
    "Event",
    "EventResult",
    "HealthChanged",
    "Lifecycle",
    "OnDemandBackup",
    "Origin",
    "Pruning",
    "Reading",
    "RecoveryPoint",
    "Refusal",
    "Removal",
    "RestoreRequested",
    "Rpo",
    "ScheduledBackup",
    "TieringFinished",
    "TieringJob",
    "TieringStarted",
    "Tier",
    "TimePasses",
    "Timeline",
    "hours",
    "is_scheduled",
    "planned_backups",
    "policy_refusals",
    "schedule_times",
    "scheduled_starts",
    "simulate",
    "stamp",
    "utc",
]
