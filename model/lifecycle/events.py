"""The events of a time line: backups, reported tiering jobs, restores, deletions, health and time.

Events carry their timestamp `at`; `simulate` and `Lifecycle.apply` take them in time order.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Literal, TypeAlias

from .times import ZERO


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
