"""The mutable state behind `Lifecycle`: points and tiering jobs under way, the simulation's clock
(a queue of timed actions), and retention and pruning (SM-VLT-07, SM-SUP-21).

`_State` holds what the step machine knows and lets time act on it; `Lifecycle` (simulation.py) adds
the events. Deterministic: no clock is read, time is only what the events say.
"""

from __future__ import annotations

import datetime as dt
import heapq
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Final

from ..environment import OperationalTier, Policy, Vault, VaultTier
from .events import Event, TieringMode
from .results import (
    Bound,
    EventResult,
    Origin,
    Pruning,
    RecoveryPoint,
    Refusal,
    Removal,
    Rpo,
    Tier,
    TieringJob,
)
from .schedule import _schedule_minutes, policy_refusals
from .times import REPLICATION_MAX, ZERO, utc


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


def _retention(tier: OperationalTier | VaultTier | None, name: str) -> dt.timedelta:
    """How long the tier keeps a point (ZERO when the policy has no such tier).

    Raises:
        ValueError: the tier does not say its retention: a time line is about retention, so there is
            no value to assume.
    """
    if tier is None:
        return ZERO
    if tier.retention_days is None:
        raise ValueError(
            f"policy.{name}.retention_days is not given; a time line needs each tier's retention"
        )
    return dt.timedelta(days=tier.retention_days)


class _State:
    """The state of the step machine, its clock, and retention and pruning over it (see `Lifecycle`)."""

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
        self._op_retention = _retention(policy.operational, "operational")
        self._vault_retention = _retention(policy.vault, "vault")
        self._geo = self.vault.redundancy == "GeoRedundant" and self.vault.cross_region_restore is True
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
