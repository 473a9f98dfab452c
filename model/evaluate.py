"""evaluate(env, op) -> Outcome: run the rules that apply to the operation and build the plan."""

from __future__ import annotations

import functools
from collections.abc import Iterable

from .environment import Environment
from .operations import BACKUP_KINDS, Operation
from .outcome import Destination, Effect, Finding, NamespacePlan, Outcome, VolumePlan
from .rules import DEFAULT_OPERATION, RULES, Context
from .rules.volumes import fate
from .rules.volumes import subject as volume_subject
from .statements import OVERLAPS, STATEMENTS
from .tables import AZURE_FILES_CSI_DRIVER, EXCLUDED_NAMESPACES, OPERATIONAL_ONLY_REGIONS

_NARROWER: frozenset[tuple[str, str]] = frozenset((b, o.narrow) for o in OVERLAPS for b in o.broad)
"""(broad, narrow) statement pairs: when both skip a volume, the plan names the narrow one."""


@functools.cache
def _rules_for(kind: str, edition: str) -> tuple[str, ...]:
    """The rules run for an operation kind under an edition: those of the statements it says."""
    return tuple(i for i, r in RULES.items() if kind in r.operations and STATEMENTS[i].holds_in(edition))


def evaluate(env: Environment, op: Operation | None = None) -> Outcome:
    """What the support matrix says happens when `op` is asked of `env`.

    `op` defaults to the environment's own operation, then to configure_backup. Never raises on a
    well-typed environment: refusals are findings in the returned outcome.
    """
    op = op or env.operation or DEFAULT_OPERATION
    ctx = Context(env, op)
    findings: list[Finding] = []
    for statement_id in _rules_for(op.kind, env.edition):
        findings.extend(RULES[statement_id].function(ctx))
    if op.kind not in BACKUP_KINDS:
        return Outcome(op.kind, env.edition, tuple(findings), as_of=env.date)
    return Outcome(
        op.kind,
        env.edition,
        tuple(findings),
        volumes=plan_volumes(ctx, findings),
        namespaces=plan_namespaces(ctx),
        as_of=env.date,
    )


def plan_volumes(ctx: Context, findings: Iterable[Finding]) -> tuple[VolumePlan, ...]:
    """Each volume's destination and the statement that decided it (or that cannot tell)."""
    skipped: dict[str, str] = {}
    vault_skipped: dict[str, str] = {}
    unknown: dict[str, str] = {}
    for f in findings:
        if f.effect is Effect.SKIPS:
            target = vault_skipped if f.tier == "Vault" else skipped
            decided = target.get(f.subject)
            # Of two statements stating one fact, the one that states only it decides.
            if decided is None or (decided, f.statement_id) in _NARROWER:
                target[f.subject] = f.statement_id
        elif f.effect is Effect.CANNOT_TELL:
            # Keyed by the volume the subject names (cluster.volumes[2].share.protocol: cluster.volumes[2]);
            # a subject that names no volume gets a key no volume is looked up by.
            key = f.subject.partition("]")[0] + "]"
            decided = unknown.get(key)
            if decided is None or (decided, f.statement_id) in _NARROWER:
                unknown[key] = f.statement_id
        elif f.statement_id == "SM-VLT-03" and f.effect in (Effect.WARNS, Effect.BLOCKS):
            vault_skipped.setdefault(f.subject, f.statement_id)  # the disk cannot be tiered: no Vault copy
    region = ctx.env.cluster.region
    vault: bool | None = ctx.vault_tier
    tier_statement = "SM-SUP-06"  # the statement that names the tiers a policy keeps
    if vault and region is None:
        vault, tier_statement = None, "SM-REG-02"
    elif vault and region in OPERATIONAL_ONLY_REGIONS:
        vault = False
    plan = []
    for index, volume in enumerate(ctx.volumes):
        subject = volume_subject(index)
        taken = ctx.takes(volume)
        if taken is False:
            reason = "SM-UNS-08" if volume.namespace in EXCLUDED_NAMESPACES else None
            plan.append(VolumePlan(subject, volume.claim, Destination.NOT_SELECTED, reason))
        elif subject in skipped:
            plan.append(VolumePlan(subject, volume.claim, Destination.SKIPPED, skipped[subject]))
        elif subject in unknown or taken is None:
            reason = unknown.get(subject) or fate(volume).statement_id
            plan.append(VolumePlan(subject, volume.claim, Destination.UNKNOWN, reason))
        elif vault is False:
            kept_by = "SM-SUP-29" if volume.driver == AZURE_FILES_CSI_DRIVER else "SM-SUP-03"
            plan.append(VolumePlan(subject, volume.claim, Destination.OPERATIONAL, kept_by))
        elif vault is None:
            plan.append(VolumePlan(subject, volume.claim, Destination.UNKNOWN, tier_statement))
        elif subject in vault_skipped:
            plan.append(VolumePlan(subject, volume.claim, Destination.OPERATIONAL, vault_skipped[subject]))
        else:
            plan.append(VolumePlan(subject, volume.claim, Destination.OPERATIONAL_AND_VAULT, "SM-VLT-01"))
    return tuple(plan)


def plan_namespaces(ctx: Context) -> tuple[NamespacePlan, ...]:
    """Each namespace the backup instance names (or, for all, each namespace of the cluster)."""
    instance = ctx.env.backup_instance
    names = instance.namespaces
    if names is None:
        names = tuple(n.name for n in ctx.env.cluster.namespaces or ())
    excluded = frozenset(instance.excluded_namespaces)
    return tuple(
        [
            NamespacePlan(name, False, "SM-UNS-08")
            if name in EXCLUDED_NAMESPACES
            else NamespacePlan(name, name not in excluded)
            for name in names
        ]
    )
