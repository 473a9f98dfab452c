"""The time model: schedules, tiering, retention and pruning, RPO and daily limits over time.

Given a backup instance's policy, its vault and a sequence of timestamped events, the model returns the
recovery points of each tier with their provenance, the tiering jobs, the prunings, the refusals and
the time bounds that apply, each citing its statement id. It is a deterministic discrete-event
simulation: no clock, no I/O; the same policy and events always give the same `Timeline`.

    >>> import datetime as dt
    >>> from aks_backup_model.environment import OperationalTier, Policy, VaultTier
    >>> day = dt.datetime(2025, 6, 2, tzinfo=dt.UTC)
    >>> events = [ScheduledBackup(day + dt.timedelta(hours=h)) for h in (1, 5, 9)]
    >>> policy = Policy(operational=OperationalTier(retention_days=7), vault=VaultTier(retention_days=30))
    >>> timeline = simulate(policy, events, until=day + dt.timedelta(hours=12))
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

# The time model's modules: times (durations, `stamp`/`hours`/`utc`), readings, events, results,
# schedule, state and simulation. Besides `__all__`, the durations and `TieringMode` stay importable here.
from .events import (
    DeletionRequested,
    Event,
    HealthChanged,
    OnDemandBackup,
    RestoreRequested,
    ScheduledBackup,
    TieringFinished,
    TieringStarted,
    TimePasses,
)
from .events import TieringMode as TieringMode
from .readings import READINGS, Reading
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
    Timeline,
)
from .schedule import is_scheduled, planned_backups, policy_refusals, schedule_times, scheduled_starts
from .simulation import Lifecycle, simulate
from .times import BACKUP_WINDOW as BACKUP_WINDOW
from .times import REPLICATION_MAX as REPLICATION_MAX
from .times import RPO_PRIMARY as RPO_PRIMARY
from .times import RPO_SECONDARY as RPO_SECONDARY
from .times import TIERING_MAX as TIERING_MAX
from .times import TIERING_START_MAX as TIERING_START_MAX
from .times import ZERO as ZERO
from .times import hours, stamp, utc

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
