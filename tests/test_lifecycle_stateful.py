"""Hypothesis stateful tests: random event sequences for random policies, the matrix's bounds as invariants.

Each step sends one event (or a short burst) to a `Lifecycle`; after every step the invariants check
the whole time line so far. A failure shrinks to a short sequence of steps, and the notes print it as a
time line in the words of features/lifecycle.feature.
"""

from __future__ import annotations

import datetime as dt
from collections import Counter, defaultdict

from hypothesis import note, settings
from hypothesis import strategies as st
from hypothesis.stateful import RuleBasedStateMachine, initialize, invariant, precondition, rule

from aks_backup_model.environment import OperationalTier, Policy, Vault, VaultTier
from aks_backup_model.lifecycle import (
    TIERING_START_MAX,
    DeletionRequested,
    Event,
    EventResult,
    HealthChanged,
    Lifecycle,
    OnDemandBackup,
    Origin,
    Removal,
    RestoreRequested,
    ScheduledBackup,
    Tier,
    TieringFinished,
    TieringMode,
    TieringStarted,
    Timeline,
    TimePasses,
    scheduled_starts,
    stamp,
)
from aks_backup_model.tables import (
    BACKUP_FREQUENCIES_HOURS,
    BACKUP_WINDOW_HOURS,
    MAX_ON_DEMAND_BACKUPS_PER_DAY,
    MAX_RESTORES_PER_DAY,
)

START = dt.datetime(2025, 6, 1, tzinfo=dt.UTC)  # a Sunday, 00:00 UTC
MINUTE = dt.timedelta(minutes=1)


def policies() -> st.SearchStrategy[Policy]:
    """Supported policies with short retentions, so that expiry and pruning happen within a few days."""
    return st.builds(
        Policy,
        every_hours=st.sampled_from(BACKUP_FREQUENCIES_HOURS),
        start=st.builds(dt.time, st.integers(0, 23), st.sampled_from([0, 30])),
        operational=st.builds(OperationalTier, retention_days=st.integers(1, 4)),
        vault=st.none() | st.builds(VaultTier, retention_days=st.integers(1, 6)),
    )


def vaults() -> st.SearchStrategy[Vault]:
    return st.builds(
        Vault,
        redundancy=st.sampled_from(["LocallyRedundant", "ZoneRedundant", "GeoRedundant"]),
        cross_region_restore=st.booleans(),
        soft_delete=st.sampled_from(["Off", "On", "AlwaysOn"]),
        immutability=st.sampled_from(["Disabled", "Unlocked", "Locked"]),
    )


def _taking(duration: dt.timedelta) -> str:
    minutes = int(duration.total_seconds() // 60)
    if not minutes:
        return ""
    h, m = divmod(minutes, 60)
    return " taking " + (f"{h}h" if h else "") + (f"{m}m" if m else "")


def phrase(event: Event) -> str:
    """The event as a row of a feature time line (the inverse of steps/test_lifecycle.py's EVENTS)."""
    match event:
        case ScheduledBackup(duration=d, succeeded=ok):
            return "scheduled backup" + ("" if ok else " fails") + _taking(d)
        case OnDemandBackup(duration=d, succeeded=ok, to_vault=vault):
            where = " to the Vault tier" if vault else ""
            return f"on-demand backup{where}" + ("" if ok else " fails") + _taking(d)
        case TieringStarted(point=p):
            return f"tiering of {stamp(p)} starts"
        case TieringFinished(point=p):
            return f"tiering of {stamp(p)} finishes"
        case RestoreRequested(tier=tier, region=region):
            return f"restore from the {tier} tier" + (
                " in the paired region" if region == "secondary" else ""
            )
        case DeletionRequested(point=str(p), tier=tier):
            return f"delete the {tier} point {p}"
        case DeletionRequested(point=p, tier=tier):
            return f"delete the {stamp(p)} {tier} point"
        case HealthChanged(healthy=healthy):
            return "the extension is healthy again" if healthy else "the extension becomes unhealthy"
        case TimePasses():
            return "time passes"
    raise TypeError(f"not an event: {event!r}")


def _counts(result: EventResult) -> bool:
    if isinstance(result.event, RestoreRequested):
        return result.point is not None
    return result.refusal is None


class LifecycleMachine(RuleBasedStateMachine):
    """Drives one backup instance through random events and checks the time-line statements."""

    machine: Lifecycle
    policy: Policy
    vault: Vault
    tiering: TieringMode

    def __init__(self) -> None:
        super().__init__()
        self.sent: list[tuple[Event, EventResult]] = []
        self.healthy = True
        self.checked_prunings = 0
        self.last_slot: dt.datetime | None = None
        self._snapshot: tuple[tuple[int, dt.datetime | None], Timeline] | None = None

    @initialize(policy=policies(), vault=vaults(), tiering=st.sampled_from(["worst_case", "reported"]))
    def start(self, policy: Policy, vault: Vault, tiering: TieringMode) -> None:
        self.policy, self.vault, self.tiering = policy, vault, tiering
        self.machine = Lifecycle(policy, vault=vault, tiering=tiering, start=START)
        note(f"policy {policy!r}\nvault {vault!r}\ntiering {tiering}")

    # -- helpers -------------------------------------------------------------------------------------

    @property
    def now(self) -> dt.datetime:
        assert self.machine.now is not None
        return self.machine.now

    def send(self, event: Event) -> EventResult:
        result = self.machine.apply(event)
        self.sent.append((event, result))
        note(f"| {stamp(event.at)} | {phrase(event)} | {result.label} |")
        return result

    def accepted(self, kind: type[OnDemandBackup | RestoreRequested], day: dt.date) -> int:
        """Requests of `kind` on `day` that the model took (a restore with nothing to restore is none)."""
        return len([e for e, r in self.sent if isinstance(e, kind) and e.at.date() == day and _counts(r)])

    # -- rules ---------------------------------------------------------------------------------------

    @rule(
        slot=st.integers(0, 3),
        minutes=st.sampled_from([0, 30, 110, 150, 300]),
        succeeded=st.booleans(),
    )
    def scheduled_backup(self, slot: int, minutes: int, succeeded: bool) -> None:
        slots = list(scheduled_starts(self.policy, self.now, self.now + dt.timedelta(days=2)))
        at = slots[min(slot, len(slots) - 1)]
        result = self.send(ScheduledBackup(at, minutes * MINUTE, succeeded))
        if at == self.last_slot:
            assert result.label == "refused citing SM-SUP-08", result
        elif self.healthy:
            assert result.refusal is None, result
        else:
            assert result.label == "refused citing SM-SUP-21", result
        self.last_slot = at

    @rule(outcomes=st.lists(st.booleans(), min_size=2, max_size=7), minutes=st.sampled_from([0, 20, 130]))
    def a_day_of_scheduled_backups(self, outcomes: list[bool], minutes: int) -> None:
        """The next few slots of the schedule in a row, each succeeding or failing."""
        slots = scheduled_starts(self.policy, self.now + MINUTE, self.now + dt.timedelta(days=8))
        for succeeded, at in zip(outcomes, slots, strict=False):
            result = self.send(ScheduledBackup(at, minutes * MINUTE, succeeded))
            assert (result.refusal is None) == self.healthy, result
            self.last_slot = at

    @rule(
        count=st.integers(1, 12), gap=st.sampled_from([1, 20, 90]), to_vault=st.booleans(), ok=st.booleans()
    )
    def on_demand_backups(self, count: int, gap: int, to_vault: bool, ok: bool) -> None:
        for _ in range(count):
            at = self.now + gap * MINUTE
            before = self.accepted(OnDemandBackup, at.date())
            result = self.send(OnDemandBackup(at, succeeded=ok, to_vault=to_vault))
            if not self.healthy:
                assert result.label == "refused citing SM-SUP-21", result
            elif to_vault and self.policy.vault is None:
                assert result.label == "refused citing SM-SUP-06", result
            elif before >= MAX_ON_DEMAND_BACKUPS_PER_DAY:
                assert result.label == "refused citing SM-LIM-03", result
            else:
                assert result.refusal is None, result

    @rule(
        count=st.integers(1, 12),
        gap=st.sampled_from([1, 45, 180]),
        tier=st.sampled_from(["Operational", "Vault"]),
        paired=st.booleans(),
    )
    def restores(self, count: int, gap: int, tier: str, paired: bool) -> None:
        for _ in range(count):
            at = self.now + gap * MINUTE
            before = self.accepted(RestoreRequested, at.date())
            event = RestoreRequested(
                at, "Vault" if tier == "Vault" else "Operational", "secondary" if paired else "primary"
            )
            result = self.send(event)
            if self.healthy and before >= MAX_RESTORES_PER_DAY:
                assert result.label == "refused citing SM-LIM-05", result

    @rule(data=st.data(), tier=st.sampled_from(list(Tier)), minutes=st.integers(0, 600))
    def delete_point(self, data: st.DataObject, tier: Tier, minutes: int) -> None:
        at = self.now + minutes * MINUTE
        self.machine.advance(at)
        live = self.machine.timeline().live(tier)
        if not live:
            return
        point = data.draw(st.sampled_from(live), label="point")
        result = self.send(DeletionRequested(at, point.id, tier.value))
        after = self.machine.timeline().point(point.id)
        if self.vault.immutability != "Disabled" and at < point.expires_at:
            assert result.label == "refused citing SM-SUP-26", result
            assert after.removed_at is None
        elif tier is Tier.VAULT and self.vault.soft_delete != "Off":
            assert after.removal is Removal.SOFT_DELETED, after
        else:
            assert after.removal is Removal.DELETED, after

    @precondition(lambda self: self.tiering == "reported")
    @rule(
        data=st.data(),
        delay=st.sampled_from([0, 60, 239, 241, 400]),
        finish=st.none() | st.sampled_from([0, 30]),
    )
    def report_tiering(self, data: st.DataObject, delay: int, finish: int | None) -> None:
        pending = [
            j for j in self.machine.timeline().tiering_jobs if j.started_at is None and j.cancelled_at is None
        ]
        if not pending:
            return
        job = data.draw(st.sampled_from(pending), label="job")
        taken = self.machine.timeline().point(job.point).taken_at
        start = max(self.now, job.eligible_at + delay * MINUTE)
        result = self.send(TieringStarted(start, taken))
        late = start - job.eligible_at > TIERING_START_MAX
        assert result.label == ("tiering started late citing SM-VLT-06" if late else "tiering started"), (
            result
        )
        if finish is not None:
            self.send(TieringFinished(start + finish * MINUTE, taken))

    @rule(hours_=st.integers(1, 30))
    def time_passes(self, hours_: int) -> None:
        self.send(TimePasses(self.now + dt.timedelta(hours=hours_)))

    @precondition(lambda self: self.healthy)
    @rule(minutes=st.integers(0, 600))
    def extension_fails(self, minutes: int) -> None:
        self.healthy = False
        self.send(HealthChanged(self.now + minutes * MINUTE, healthy=False))

    @precondition(lambda self: not self.healthy)
    @rule(minutes=st.integers(0, 600))
    def extension_recovers(self, minutes: int) -> None:
        self.healthy = True
        self.send(HealthChanged(self.now + minutes * MINUTE, healthy=True))

    # -- invariants ------------------------------------------------------------------------------------

    def timeline(self) -> Timeline:
        """The time line now, computed once per state (the invariants all read it)."""
        key = (len(self.sent), self.machine.now)
        if self._snapshot is None or self._snapshot[0] != key:
            self._snapshot = (key, self.machine.timeline())
        return self._snapshot[1]

    @invariant()
    def at_most_one_scheduled_vault_point_a_day(self) -> None:
        days = Counter(
            p.taken_at.date()
            for p in self.timeline().points
            if p.tier is Tier.VAULT and p.origin is Origin.SCHEDULED
        )
        assert all(count <= 1 for count in days.values()), days

    @invariant()
    def each_day_sends_its_first_successful_scheduled_backup(self) -> None:
        """Recomputed from the events sent: the first scheduled backup of each UTC day to end well."""
        first: dict[dt.date, tuple[dt.datetime, int, dt.datetime]] = {}
        for index, (event, result) in enumerate(self.sent):
            if not isinstance(event, ScheduledBackup) or result.refusal or not event.succeeded:
                continue
            end = event.at + event.duration
            if end > self.now:
                continue
            key = (end, index, event.at)
            day = event.at.date()
            if day not in first or key < first[day]:
                first[day] = key
        timeline = self.timeline()
        chosen = {
            p.taken_at.date(): p.taken_at
            for p in timeline.points
            if p.tier is Tier.OPERATIONAL and p.origin is Origin.SCHEDULED and p.vault_eligible
        }
        expected = {day: key[2] for day, key in first.items()} if self.policy.vault else {}
        assert chosen == expected
        for vault_point in (
            p for p in timeline.points if p.tier is Tier.VAULT and p.origin is Origin.SCHEDULED
        ):
            assert vault_point.source is not None
            assert vault_point.taken_at == expected[vault_point.taken_at.date()], vault_point

    @invariant()
    def tiering_starts_within_its_bound_or_is_reported_late(self) -> None:
        timeline = self.timeline()
        late = {b.subject for b in timeline.bounds if b.statement_id == "SM-VLT-06" and not b.held}
        for job in timeline.tiering_jobs:
            waited = (job.started_at or self.now) - job.eligible_at
            if job.cancelled_at is None and waited > TIERING_START_MAX:
                assert job.point in late, job
            if self.tiering == "worst_case" and job.started_at is not None:
                assert job.started_at - job.eligible_at <= TIERING_START_MAX, job

    @invariant()
    def pruning_keeps_the_latest_point_and_the_one_behind_the_latest_vault_point(self) -> None:
        timeline = self.timeline()
        # Points with the same timestamp are ordered by creation, as the model orders them.
        order = {p.id: (p.taken_at, index) for index, p in enumerate(timeline.points)}
        for pruning in timeline.prunings[self.checked_prunings :]:
            pruned = timeline.point(pruning.point)
            at = pruning.at
            assert at >= pruning.expired_at, pruning
            if pruned.tier is not Tier.OPERATIONAL or self.policy.vault is None:
                continue
            alive = [p for p in timeline.points if p.live_at(at)]
            newer = [p for p in alive if p.tier is Tier.OPERATIONAL and order[p.id] > order[pruned.id]]
            assert newer, f"{pruning} removed the latest Operational point"
            vault_alive = [p for p in alive if p.tier is Tier.VAULT]
            if vault_alive:
                latest = max(vault_alive, key=lambda p: order[p.id])
                assert latest.source != pruned.id, f"{pruning} removed the source of {latest}"
        self.checked_prunings = len(timeline.prunings)
        for point in timeline.live(Tier.OPERATIONAL):
            if point.expires_at <= self.now:
                assert timeline.keep_reasons[point.id] not in ("", "within retention"), point

    @invariant()
    def restores_get_points_that_are_there(self) -> None:
        timeline = self.timeline()
        for result in timeline.results:
            if isinstance(result.event, RestoreRequested) and result.point is not None:
                restored = timeline.point(result.point)
                assert restored.live_at(result.event.at), (result, restored)
                if result.event.region == "secondary":
                    assert restored.replicated_by is not None and restored.replicated_by <= result.event.at

    @invariant()
    def daily_limits_hold(self) -> None:
        for kind, limit in (
            (OnDemandBackup, MAX_ON_DEMAND_BACKUPS_PER_DAY),
            (RestoreRequested, MAX_RESTORES_PER_DAY),
        ):
            per_day: defaultdict[dt.date, int] = defaultdict(int)
            for result in self.timeline().results:
                if isinstance(result.event, kind) and _counts(result):
                    per_day[result.event.at.date()] += 1
            assert all(count <= limit for count in per_day.values()), (kind.__name__, dict(per_day))

    @invariant()
    def only_vault_points_are_soft_deleted_and_immutable_vaults_lose_none_early(self) -> None:
        for point in self.timeline().points:
            if point.removal is Removal.SOFT_DELETED:
                assert point.tier is Tier.VAULT and self.vault.soft_delete != "Off", point
            if (
                point.removal in (Removal.DELETED, Removal.SOFT_DELETED)
                and self.vault.immutability != "Disabled"
            ):
                assert point.removed_at is not None and point.removed_at >= point.expires_at, point
            if point.removal is Removal.PRUNED:
                assert point.removed_at is not None and point.removed_at >= point.expires_at, point

    @invariant()
    def overruns_are_reported(self) -> None:
        timeline = self.timeline()
        late = {b.subject for b in timeline.bounds if b.statement_id == "SM-SUP-09" and not b.held}
        overran = {
            result.point
            for result in timeline.results
            if isinstance(result.event, ScheduledBackup)
            and result.point
            and result.event.duration > dt.timedelta(hours=BACKUP_WINDOW_HOURS)
        }
        assert overran == late


# An example (up to 40 steps, every invariant after each) takes 5-50 ms: the profile's number of
# examples keeps the `ci` run within a few seconds.
LifecycleMachine.TestCase.settings = settings(settings.default, stateful_step_count=40, deadline=None)
TestLifecycle = LifecycleMachine.TestCase
