"""The limits table (matrix #unsupported-scenarios-and-limitations)."""

from __future__ import annotations

from collections.abc import Iterator

from ..outcome import Effect, Finding
from ..tables import (
    EXCLUDED_NAMESPACES,
    MAX_BACKUP_INSTANCES_PER_VAULT,
    MAX_NAMESPACES_PER_BACKUP_INSTANCE,
    MAX_ON_DEMAND_BACKUPS_PER_DAY,
    MAX_POLICIES_PER_VAULT,
    MAX_RESTORES_PER_DAY,
)
from . import Context, cannot_tell, finding, rule


@rule("SM-LIM-01", on=("create_policy",))
def policies_per_vault(ctx: Context) -> Iterator[Finding]:
    """A vault holds at most 5,000 backup policies."""
    count = ctx.env.vault.policies
    if count is None:
        yield cannot_tell("SM-LIM-01", "vault.policies", "whether the vault has room for another policy")
    elif count >= MAX_POLICIES_PER_VAULT:
        yield finding(
            "SM-LIM-01", Effect.BLOCKS, "vault.policies",
            f"the vault already has {count} policies; the limit is {MAX_POLICIES_PER_VAULT:,}.",
        )  # fmt: skip


@rule("SM-LIM-02", on=("configure_backup",))
def backup_instances_per_vault(ctx: Context) -> Iterator[Finding]:
    """A vault holds at most 5,000 backup instances."""
    count = ctx.env.vault.backup_instances
    if count is None:
        yield cannot_tell(
            "SM-LIM-02", "vault.backup_instances", "whether the vault has room for another backup instance"
        )
    elif count >= MAX_BACKUP_INSTANCES_PER_VAULT:
        yield finding(
            "SM-LIM-02", Effect.BLOCKS, "vault.backup_instances",
            f"the vault already has {count} backup instances; "
            f"the limit is {MAX_BACKUP_INSTANCES_PER_VAULT:,}.",
        )  # fmt: skip


@rule("SM-LIM-03", on=("on_demand_backup",))
def on_demand_backups_per_day(ctx: Context) -> Iterator[Finding]:
    """At most 10 on-demand backups per backup instance per day."""
    count = ctx.env.backup_instance.on_demand_backups_today
    if count is None:
        yield cannot_tell(
            "SM-LIM-03",
            "backup_instance.on_demand_backups_today",
            "whether today's on-demand backups are used up",
        )
    elif count >= MAX_ON_DEMAND_BACKUPS_PER_DAY:
        yield finding(
            "SM-LIM-03", Effect.BLOCKS, "backup_instance.on_demand_backups_today",
            f"{count} on-demand backups were already taken today; "
            f"the limit is {MAX_ON_DEMAND_BACKUPS_PER_DAY}.",
        )  # fmt: skip


@rule("SM-LIM-04", on=("configure_backup",))
def namespaces_per_backup_instance(ctx: Context) -> Iterator[Finding]:
    """A backup instance takes at most 800 namespaces."""
    instance = ctx.env.backup_instance
    selected, cluster_namespaces = instance.namespaces, ctx.env.cluster.namespaces
    if selected is None and cluster_namespaces is None:
        yield cannot_tell("SM-LIM-04", "cluster.namespaces", "how many namespaces the backup instance takes")
        return
    names = {n.name for n in cluster_namespaces or ()} if selected is None else set(selected)
    count = len(names - set(EXCLUDED_NAMESPACES) - set(instance.excluded_namespaces))
    if count > MAX_NAMESPACES_PER_BACKUP_INSTANCE:
        subject = "cluster.namespaces" if selected is None else "backup_instance.namespaces"
        yield finding(
            "SM-LIM-04", Effect.BLOCKS, subject,
            f"the backup instance would take {count} namespaces; "
            f"the limit is {MAX_NAMESPACES_PER_BACKUP_INSTANCE}.",
        )  # fmt: skip


@rule("SM-LIM-05", on=("restore",))
def restores_per_day(ctx: Context) -> Iterator[Finding]:
    """At most 10 restores per backup instance per day."""
    count = ctx.env.backup_instance.restores_today
    if count is None:
        yield cannot_tell(
            "SM-LIM-05", "backup_instance.restores_today", "whether today's restores are used up"
        )
    elif count >= MAX_RESTORES_PER_DAY:
        yield finding(
            "SM-LIM-05", Effect.BLOCKS, "backup_instance.restores_today",
            f"{count} restores were already requested today; the limit is {MAX_RESTORES_PER_DAY}.",
        )  # fmt: skip
