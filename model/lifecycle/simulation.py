"""The simulation: `Lifecycle`, the step machine that applies events in time order, and `simulate`,
which runs a whole sequence of events and returns the `Timeline`.
"""

from __future__ import annotations

import bisect
import datetime as dt
from collections.abc import Iterator, Sequence

from ..environment import Policy, Vault
from ..errors import InvalidInput
from ..tables import MAX_ON_DEMAND_BACKUPS_PER_DAY, MAX_RESTORES_PER_DAY
from .events import (
    DeletionRequested,
    Event,
    HealthChanged,
    OnDemandBackup,
    RestoreRequested,
    ScheduledBackup,
    TieringFinished,
    TieringMode,
    TieringStarted,
    TimePasses,
)
from .results import Bound, EventResult, Origin, Refusal, Removal, Tier, Timeline
from .schedule import _on_schedule, schedule_times
from .state import _HEALTH, _Backup, _Job, _Point, _point_taken, _Result, _State
from .times import (
    BACKUP_WINDOW,
    REPLICATION_MAX,
    RPO_PRIMARY,
    RPO_SECONDARY,
    TIERING_MAX,
    TIERING_START_MAX,
    stamp,
    utc,
)


class Lifecycle(_State):
    """The step machine behind `simulate`: feed events in time order with `apply`, read `timeline()`.

    Mutable but deterministic: it reads no clock, and its state depends only on the policy, the vault,
    the tiering mode and the events applied so far. `tiering="worst_case"` assumes every tiering job
    starts and ends at the latest moment the matrix allows; `tiering="reported"` takes jobs from
    TieringStarted/TieringFinished events and reports a job that has not started in time as SM-VLT-06
    exceeded.
    """

    # The constructor (policy, *, vault, tiering, start), the state, the clock, retention and pruning
    # are `_State`'s (state.py); this class adds the events.

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
        if self.vault.immutability is None and at < point.expires_at:
            self._set_result(
                index, "cannot tell citing SM-SUP-26: vault.immutability is not given", point=point.id
            )
            return
        if self.vault.immutability != "Disabled" and at < point.expires_at:
            self._refuse(
                index, at, "SM-SUP-26",
                f"the vault is immutable ({self.vault.immutability}); the point expires only at "
                f"{stamp(point.expires_at)}.",
            )  # fmt: skip
            return
        if tier is Tier.VAULT and self.vault.soft_delete is None:
            self._remove(point, Removal.DELETED)
            self._set_result(
                index, "deleted; soft delete cannot be told citing SM-SUP-24 (vault.soft_delete is not given)",
                point=point.id,
            )  # fmt: skip
        elif tier is Tier.VAULT and self.vault.soft_delete != "Off":
            self._remove(point, Removal.SOFT_DELETED)
            self._set_result(index, "soft deleted citing SM-SUP-24", point=point.id)
        else:
            self._remove(point, Removal.DELETED)
            self._set_result(index, "deleted for good citing SM-SUP-24", point=point.id)
        if point.job is not None and point.job.pending:
            point.job.cancelled_at = at
        self._prune_overdue()


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
