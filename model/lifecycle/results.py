"""What a time line gives: recovery points, tiering jobs, prunings, refusals, bounds and the RPO,
gathered in a frozen `Timeline`.
"""

from __future__ import annotations

import datetime as dt
import enum
from dataclasses import dataclass

from ..environment import Policy, Vault
from ..outcome import Effect, Finding
from .events import Event
from .times import hours


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


def _taken(point: RecoveryPoint) -> dt.datetime:
    return point.taken_at
