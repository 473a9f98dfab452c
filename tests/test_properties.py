"""Properties of the reference model that must hold for every environment and every operation.

Each test states one property over the public strategies (`aks_backup_model.strategies`), in the `ci`
profile of conftest.py (derandomized, 150 examples). A failure prints the shrunk environment as the
compact JSON a user would write (only what differs from the defaults).
"""

from __future__ import annotations

import copy
import re
from collections.abc import Callable
from typing import TypeVar

import pytest
from hypothesis import assume, event, example, given, note, settings
from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from pydantic import BaseModel

from aks_backup_model import (
    STATEMENTS,
    Cluster,
    Destination,
    Effect,
    Environment,
    Outcome,
    Status,
    Volume,
    evaluate,
)
from aks_backup_model.environment import VaultTier
from aks_backup_model.operations import BACKUP_KINDS, OPERATION_KINDS, Operation
from aks_backup_model.outcome import VolumePlan
from aks_backup_model.strategies import clusters, environments, operations, regions, volumes
from aks_backup_model.subjects import resolve
from aks_backup_model.tables import (
    AZURE_DISK_CSI_DRIVER,
    IN_TREE_DRIVERS,
    MAX_DISKS_PER_BACKUP_INSTANCE,
    MAX_NAMESPACES_PER_BACKUP_INSTANCE,
    OPERATIONAL_ONLY_REGIONS,
    UNSUPPORTED_DISK_SKUS,
    UNSUPPORTED_VOLUME_DRIVERS,
    VAULT_AND_OPERATIONAL_REGIONS,
)

M = TypeVar("M", bound=BaseModel)

ANY_OPERATION = st.none() | operations()
BACKUP_OPERATIONS = operations(kinds=BACKUP_KINDS)
EVERY_OPERATION = st.tuples(st.none(), *(operations(kinds={kind}) for kind in OPERATION_KINDS))
"""One operation of each kind (and None: the environment's own). Generating an environment costs far
more than evaluating it, so the single-environment properties check every operation on each one."""


def show(env: Environment, op: Operation | None = None, outcome: Outcome | None = None) -> None:
    """Print (on failure) the environment as compact JSON, the operation and the outcome's findings."""
    note(f"env = {env.model_dump_json(exclude_defaults=True)}")
    if op is not None:
        note(f"op = {op.model_dump_json(exclude_defaults=True)} (kind {op.kind})")
    if outcome is not None:
        note(f"status = {outcome.status.value}")
        for f in outcome.findings:
            note(f"  {f.statement_id} {f.effect.value} {f.subject}: {f.message}")


def replace(model: M, **changes: object) -> M:
    """A validated copy of a pydantic model with some fields changed."""
    return type(model).model_validate({**dict(model), **changes})


def with_cluster(env: Environment, **changes: object) -> Environment:
    return Environment.model_validate({**dict(env), "cluster": replace(env.cluster, **changes)})


def plans_by_claim(outcome: Outcome) -> dict[str, VolumePlan]:
    return {plan.claim: plan for plan in outcome.volumes}


def blocking(outcome: Outcome) -> set[str]:
    return {f.statement_id for f in outcome.findings if f.effect is Effect.BLOCKS}


# --- the evaluation never fails and is a function --------------------------------------------------


@given(env=environments(), ops=EVERY_OPERATION)
def test_evaluate_never_raises_and_answers_the_operation_asked(
    env: Environment, ops: tuple[Operation | None, ...]
) -> None:
    for op in ops:
        show(env, op)
        outcome = evaluate(env, op)
        asked = op or env.operation
        assert isinstance(outcome, Outcome)
        assert outcome.operation == (asked.kind if asked is not None else "configure_backup")
        assert outcome.edition == env.edition
        assert isinstance(outcome.status, Status)
        event(f"{outcome.operation}: {outcome.status.value}")


@given(env=environments(), ops=EVERY_OPERATION)
def test_same_input_gives_the_same_outcome_also_after_a_copy_or_a_round_trip(
    env: Environment, ops: tuple[Operation | None, ...]
) -> None:
    show(env)
    reloaded = Environment.model_validate(env.model_dump())
    assert reloaded == env, "the strategy generated an environment that validation would change"
    from_json = Environment.model_validate_json(env.model_dump_json())
    copied = copy.deepcopy(env)
    for op in ops:
        note(f"op = {op!r}")
        first = evaluate(env, op)
        assert evaluate(env, op) == first
        assert evaluate(copied, copy.deepcopy(op)) == first
        assert evaluate(reloaded, op) == first
        assert evaluate(from_json, op).to_dict() == first.to_dict()


# --- findings name real statements and real subjects -----------------------------------------------


@given(env=environments(), ops=EVERY_OPERATION)
# SM-VLT-07 once named policy.operational.retention_days for a policy without an Operational tier.
@example(env=Environment.model_validate({"policy": {"operational": None, "vault": {}}}), ops=(None,))
def test_every_finding_cites_a_catalog_statement_about_a_subject_that_resolves(
    env: Environment, ops: tuple[Operation | None, ...]
) -> None:
    for op in ops:
        outcome = evaluate(env, op)
        show(env, op, outcome)
        for finding in outcome.findings:
            assert finding.statement_id in STATEMENTS, f"{finding.statement_id} is not in the catalog"
            assert isinstance(finding.effect, Effect)
            assert finding.message.strip(), f"{finding.statement_id} on {finding.subject} has no message"
            resolve(env, op, finding.subject)  # raises LookupError when the subject names nothing
        for plan in outcome.volumes:
            assert plan.statement_id is None or plan.statement_id in STATEMENTS
            volume = resolve(env, op, plan.subject)
            assert isinstance(volume, Volume) and volume.claim == plan.claim


# --- status and plan --------------------------------------------------------------------------------


@given(env=environments(), ops=EVERY_OPERATION)
def test_the_status_agrees_with_the_findings(env: Environment, ops: tuple[Operation | None, ...]) -> None:
    for op in ops:
        outcome = evaluate(env, op)
        show(env, op, outcome)
        effects = {f.effect for f in outcome.findings}
        if Effect.BLOCKS in effects:
            assert outcome.status is Status.UNSUPPORTED
        elif Effect.CANNOT_TELL in effects:
            assert outcome.status is Status.UNKNOWN
        elif Effect.NOT_COVERED in effects:
            assert outcome.status is Status.NOT_COVERED
        else:
            assert outcome.status is Status.SUPPORTED
        # Skips and advice alone never refuse anything: dropping them leaves the status as it is.
        decisive = tuple(
            f for f in outcome.findings if f.effect in (Effect.BLOCKS, Effect.CANNOT_TELL, Effect.NOT_COVERED)
        )
        assert Outcome(outcome.operation, outcome.edition, decisive).status is outcome.status


@given(env=environments(), ops=EVERY_OPERATION)
def test_every_volume_of_a_backup_gets_exactly_one_plan_entry(
    env: Environment, ops: tuple[Operation | None, ...]
) -> None:
    claims = [v.claim for v in env.cluster.volumes or ()]
    for op in ops:
        outcome = evaluate(env, op)
        show(env, op, outcome)
        if outcome.operation not in BACKUP_KINDS:
            assert outcome.volumes == ()
            continue
        assert [p.claim for p in outcome.volumes] == claims
        assert [p.subject for p in outcome.volumes] == [f"cluster.volumes[{i}]" for i in range(len(claims))]
        skipped = {f.subject for f in outcome.findings if f.effect is Effect.SKIPS and f.tier is None}
        for plan in outcome.volumes:
            event(f"destination={plan.destination.value}")
            # Skipped in the plan exactly when a finding skips it (a volume not selected is neither).
            if plan.destination is not Destination.NOT_SELECTED:
                assert (plan.destination is Destination.SKIPPED) == (plan.subject in skipped)
            # A destination the model cannot tell is never part of a known answer.
            if plan.destination is Destination.UNKNOWN:
                assert outcome.status in (Status.UNKNOWN, Status.UNSUPPORTED)


# --- adding an unsupported volume ------------------------------------------------------------------


@st.composite
def unsupported_volumes(draw: st.DrawFn, namespace: str) -> Volume:
    """A volume of a type the matrix leaves out of backups (SM-UNS-01, SM-UNS-02, SM-SUP-02, SM-SUP-04)."""
    base = draw(volumes(namespace=st.just(namespace)))
    kind = draw(st.sampled_from(("sku", "storage", "in-tree", "static")))
    changes: dict[str, object]
    if kind == "sku":
        changes = {
            "driver": AZURE_DISK_CSI_DRIVER,
            "sku": draw(st.sampled_from(sorted(UNSUPPORTED_DISK_SKUS))),
        }
    elif kind == "storage":
        changes = {"driver": draw(st.sampled_from(sorted(UNSUPPORTED_VOLUME_DRIVERS)))}
    elif kind == "in-tree":
        changes = {"driver": draw(st.sampled_from(sorted(IN_TREE_DRIVERS)))}
    else:
        changes = {"driver": AZURE_DISK_CSI_DRIVER, "provisioning": "static", "storage_class": ""}
    return Volume.model_validate({**dict(base), **changes})


@st.composite
def environments_with_an_added_unsupported_volume(
    draw: st.DrawFn,
) -> tuple[Environment, Environment, Operation]:
    """(before, after, op): `after` is `before` with one unsupported volume inserted somewhere. Judged by
    2025-06-10: `unsupported_volumes` draws what that edition does not back up (2026-01-06 backs up
    Premium SSD v2 and Ultra disks, and Azure Files over SMB)."""
    env = draw(environments(unknowns=False)).model_copy(update={"edition": "2025-06-10"})
    op = draw(BACKUP_OPERATIONS)
    known = env.cluster.volumes or ()
    homes = sorted({v.namespace for v in known} | {n.name for n in env.cluster.namespaces or ()})
    namespace = draw(st.sampled_from(homes) if homes else st.just("payments"))
    added = draw(unsupported_volumes(namespace))
    assume(added.claim not in {v.claim for v in known})
    existing = list(known)
    existing.insert(draw(st.integers(0, len(existing))), added)
    return env, with_cluster(env, volumes=tuple(existing)), op


@given(case=environments_with_an_added_unsupported_volume())
def test_adding_an_unsupported_volume_changes_neither_the_other_plans_nor_the_refusals(
    case: tuple[Environment, Environment, Operation],
) -> None:
    """The added volume is skipped (SM-UNS-03: the rest goes on): every other volume keeps its plan
    entry, and the skip by itself neither adds nor lifts a refusal."""
    before, after, op = case
    old, new = evaluate(before, op), evaluate(after, op)
    show(after, op, new)
    old_plans, new_plans = plans_by_claim(old), plans_by_claim(new)
    (added,) = set(new_plans) - set(old_plans)
    note(f"added volume: {added}")
    for claim, plan in old_plans.items():
        assert (new_plans[claim].destination, new_plans[claim].statement_id) == (
            plan.destination,
            plan.statement_id,
        ), claim
    assert new_plans[added].destination in (Destination.SKIPPED, Destination.NOT_SELECTED)
    event(f"status before={old.status.value}")
    assert blocking(new) == blocking(old)
    assert (new.status is Status.UNSUPPORTED) == (old.status is Status.UNSUPPORTED)


# --- monotonicity -----------------------------------------------------------------------------------


@given(env=environments(), op=ANY_OPERATION, listed=regions(unlisted=False))
def test_moving_the_cluster_to_a_listed_region_never_adds_an_unlisted_region_finding(
    env: Environment, op: Operation | None, listed: str
) -> None:
    moved = with_cluster(env, region=listed)
    assert moved.cluster.region in VAULT_AND_OPERATIONAL_REGIONS | OPERATIONAL_ONLY_REGIONS
    outcome = evaluate(moved, op)
    show(moved, op, outcome)
    assert not outcome.cites("SM-REG-03")


@given(env=environments(unknowns=False), op=ANY_OPERATION, tier=st.builds(VaultTier))
def test_dropping_the_vault_tier_never_adds_a_refusal(
    env: Environment, op: Operation | None, tier: VaultTier
) -> None:
    assert env.policy is not None
    with_vault = Environment.model_validate(
        {**dict(env), "policy": replace(env.policy, vault=env.policy.vault or tier)}
    )
    operational_only = Environment.model_validate({**dict(env), "policy": replace(env.policy, vault=None)})
    before, after = evaluate(with_vault, op), evaluate(operational_only, op)
    show(with_vault, op, after)
    assert blocking(after) <= blocking(before)


@given(env=environments(unknowns=False), op=BACKUP_OPERATIONS, data=st.data())
def test_adding_a_volume_never_lifts_a_refusal(env: Environment, op: Operation, data: st.DataObject) -> None:
    homes = sorted({n.name for n in env.cluster.namespaces or ()}) or ["payments"]
    added = data.draw(volumes(namespace=st.sampled_from(homes)), label="added")
    known = env.cluster.volumes or ()
    assume(added.claim not in {v.claim for v in known})
    bigger = with_cluster(env, volumes=(*known, added))
    before, after = evaluate(env, op), evaluate(bigger, op)
    show(bigger, op, after)
    assert blocking(before) <= blocking(after)
    if before.status is Status.UNSUPPORTED:
        assert after.status is Status.UNSUPPORTED


# --- the strategies themselves ----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("make", "named"),
    [
        (lambda: environments(min_volumes=3, max_volumes=2), "max_volumes=2"),
        (lambda: environments(min_namespaces=-1), "min_namespaces=-1"),
        (lambda: environments(edition="2024-01-01"), "edition='2024-01-01'"),
        (lambda: environments(operations="restore"), "operations='restore'"),
        (lambda: clusters(min_volumes=1, max_namespaces=0), "min_volumes=1"),
        (lambda: clusters(max_node_pools=2.5), "max_node_pools=2.5"),
        (lambda: operations(kinds=["restore", "backup"]), "'backup'"),
        (lambda: operations(kinds=[]), "kinds=[]"),
        (lambda: operations(kinds="restore"), "kinds='restore'"),
        (lambda: regions(unlisted="yes"), "unlisted='yes'"),
        (lambda: volumes(namespace="payments"), "namespace='payments'"),
    ],
)
def test_contradictory_strategy_options_raise_invalid_argument_naming_them(
    make: Callable[[], object], named: str
) -> None:
    with pytest.raises(InvalidArgument, match=re.escape(named)):
        make()


@settings(max_examples=5)
@given(
    cluster=clusters(
        min_namespaces=MAX_NAMESPACES_PER_BACKUP_INSTANCE + 1,
        max_namespaces=MAX_NAMESPACES_PER_BACKUP_INSTANCE + 1,
        min_volumes=MAX_DISKS_PER_BACKUP_INSTANCE + 1,
        max_volumes=MAX_DISKS_PER_BACKUP_INSTANCE + 1,
    )
)
def test_cluster_sizes_reach_just_past_the_limits_when_asked(cluster: Cluster) -> None:
    assert len(cluster.namespaces) == MAX_NAMESPACES_PER_BACKUP_INSTANCE + 1
    assert len(cluster.volumes) == MAX_DISKS_PER_BACKUP_INSTANCE + 1
    names = {n.name for n in cluster.namespaces}
    assert all(v.namespace in names for v in cluster.volumes)
