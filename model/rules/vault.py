"""The Backup vault and its protections (matrix #supported-scenarios)."""

from __future__ import annotations

from collections.abc import Iterator

from ..operations import BACKUP_KINDS
from ..outcome import Effect, Finding
from ..tables import ROLE_PROPAGATION_MINUTES
from . import Context, cannot_tell, finding, rule
from .volumes import kept_files


@rule("SM-SUP-12", on=BACKUP_KINDS)
def vault_beside_cluster(ctx: Context) -> Iterator[Finding]:
    """The vault is in the cluster's region and tenant; the subscription may differ."""
    vault, cluster = ctx.env.vault, ctx.env.cluster
    for fact, values in (
        ("region", (cluster.region, vault.region)),
        ("tenant", (cluster.tenant, vault.tenant)),
    ):
        for owner, value in zip(("cluster", "vault"), values, strict=True):
            if value is None:
                yield cannot_tell(
                    "SM-SUP-12", f"{owner}.{fact}", f"whether the vault and the cluster share a {fact}"
                )
    if vault.region is not None and cluster.region is not None and vault.region != cluster.region:
        yield finding(
            "SM-SUP-12", Effect.BLOCKS, "vault.region",
            f"the vault is in {vault.region} and the cluster in {cluster.region}; they must share a region.",
        )  # fmt: skip
    if vault.tenant is None or cluster.tenant is None:
        return
    if vault.tenant != cluster.tenant:
        yield finding(
            "SM-SUP-12", Effect.BLOCKS, "vault.tenant",
            "the vault and the cluster are in different tenants.",
        )  # fmt: skip
    elif (
        None not in (vault.subscription, cluster.subscription) and vault.subscription != cluster.subscription
    ):
        yield finding(
            "SM-SUP-12", Effect.INFORMS, "vault.subscription",
            "the vault is in another subscription of the cluster's tenant, which is supported.",
        )  # fmt: skip


@rule("SM-SUP-22", on=("configure_alerts",))
def azure_monitor_alerts(ctx: Context) -> Iterator[Finding]:
    """Backup failures are alerted through Azure Monitor (built-in, classic and custom log alerts)."""
    via = ctx.op.via  # type: ignore[union-attr]
    if via == "Other":
        yield finding(
            "SM-SUP-22", Effect.BLOCKS, "operation.via",
            "backup failure alerts come only through Azure Monitor (built-in, classic or custom log alerts).",
        )  # fmt: skip
    else:
        yield finding(
            "SM-SUP-22", Effect.INFORMS, "operation.via",
            f"backup failures raise {via} alerts through Azure Monitor.",
        )  # fmt: skip


@rule("SM-SUP-23", on=("view_report",))
def reports_need_all_workloads(ctx: Context) -> Iterator[Finding]:
    """Backup reports show AKS data only with the workload-type filter set to All."""
    workload = ctx.op.workload_type  # type: ignore[union-attr]
    if workload != "All":
        yield finding(
            "SM-SUP-23", Effect.BLOCKS, "operation.workload_type",
            f"with the workload type filter on {workload!r} the reports show no AKS backup data; choose All.",
        )  # fmt: skip


@rule("SM-SUP-24", on=("delete_recovery_points",))
def soft_delete(ctx: Context) -> Iterator[Finding]:
    """Enhanced soft delete keeps deleted Vault-tier points; Operational snapshots are deleted for good."""
    tier = ctx.op.tier  # type: ignore[union-attr]
    if tier == "Operational":
        yield finding(
            "SM-SUP-24", Effect.WARNS, "operation.tier",
            "Operational-tier snapshots are not soft deleted: once deleted they cannot be recovered.",
        )  # fmt: skip
    elif ctx.env.vault.soft_delete is None:  # a warning that may or may not apply is left unsaid
        return
    elif ctx.env.vault.soft_delete == "Off":
        yield finding(
            "SM-SUP-24", Effect.WARNS, "vault.soft_delete",
            "soft delete is off on the vault: deleted Vault-tier points cannot be recovered.",
        )  # fmt: skip
    else:
        yield finding(
            "SM-SUP-24", Effect.INFORMS, "vault.soft_delete",
            "deleted Vault-tier points are soft deleted and can be undeleted during the soft delete period.",
        )  # fmt: skip


@rule("SM-SUP-25", on=("critical_vault_operation",))
def multi_user_authorization(ctx: Context) -> Iterator[Finding]:
    """Multi-user authorization can guard the vault's critical operations."""
    op = ctx.op
    if ctx.env.vault.mua is None:
        if not op.approved:  # type: ignore[union-attr]
            yield cannot_tell(
                "SM-SUP-25", "vault.mua", "whether a resource guard must approve this operation"
            )
    elif not ctx.env.vault.mua:
        yield finding(
            "SM-SUP-25", Effect.INFORMS, "vault.mua",
            "the vault has no resource guard; critical operations are not under multi-user authorization.",
        )  # fmt: skip
    elif not op.approved:  # type: ignore[union-attr]
        yield finding(
            "SM-SUP-25", Effect.BLOCKS, "operation.approved",
            f"{op.name} is a critical operation guarded by multi-user authorization and "  # type: ignore[union-attr]
            "has no approval from the resource guard.",
        )  # fmt: skip
    else:
        yield finding(
            "SM-SUP-25", Effect.INFORMS, "operation.approved",
            "the resource guard approved this critical operation.",
        )  # fmt: skip


@rule("SM-SUP-26", on=("configure_backup", "delete_recovery_points"))
def immutable_vaults(ctx: Context) -> Iterator[Finding]:
    """Immutable vaults refuse operations that lose recovery points; WORM storage is not offered."""
    vault = ctx.env.vault
    if ctx.kind == "configure_backup" and vault.worm is None:
        yield cannot_tell("SM-SUP-26", "vault.worm", "whether WORM storage is asked for")
    if ctx.kind == "configure_backup" and vault.worm:
        yield finding(
            "SM-SUP-26", Effect.BLOCKS, "vault.worm",
            "WORM storage is not offered for AKS backups in this edition.",
        )  # fmt: skip
    deleting_early = ctx.kind == "delete_recovery_points" and ctx.op.before_expiry  # type: ignore[union-attr]
    if deleting_early and vault.immutability is None:
        yield cannot_tell("SM-SUP-26", "vault.immutability", "whether the vault is immutable")
    elif deleting_early and vault.immutability != "Disabled":
        yield finding(
            "SM-SUP-26", Effect.BLOCKS, "vault.immutability",
            f"the vault is immutable ({vault.immutability}); recovery points cannot be deleted "
            "before they expire.",
        )  # fmt: skip


@rule("SM-SUP-27", on=("configure_backup",))
def customer_managed_keys(ctx: Context) -> Iterator[Finding]:
    """Customer-managed keys encrypt Vault-tier backups only."""
    if not ctx.env.vault.cmk or ctx.vault_tier is None:  # informs or warns only: silent when unknown
        return
    if ctx.vault_tier:
        yield finding(
            "SM-SUP-27", Effect.INFORMS, "vault.cmk",
            "the customer-managed key encrypts the Vault-tier copies; Operational snapshots use "
            "platform keys.",
        )  # fmt: skip
    else:
        yield finding(
            "SM-SUP-27", Effect.WARNS, "vault.cmk",
            "the policy keeps only the Operational tier, which the vault's customer-managed key "
            "does not cover.",
        )  # fmt: skip


@rule("SM-SUP-28", on=("configure_backup", "restore"))
def vault_identity_roles(ctx: Context) -> Iterator[Finding]:
    """The vault's managed identity needs its roles, and new assignments take minutes to apply."""
    roles = ctx.env.vault.role_assignments
    if roles.granted is None:
        yield cannot_tell(
            "SM-SUP-28",
            "vault.role_assignments.granted",
            "whether the vault's identity has the roles it needs",
        )
    elif not roles.granted:
        yield finding(
            "SM-SUP-28", Effect.BLOCKS, "vault.role_assignments.granted",
            "the vault's managed identity lacks the roles backup and restore need.",
        )  # fmt: skip
    elif roles.minutes_since_granted is None:
        yield cannot_tell(
            "SM-SUP-28",
            "vault.role_assignments.minutes_since_granted",
            "whether the roles have taken effect yet",
        )
    elif roles.minutes_since_granted < ROLE_PROPAGATION_MINUTES:
        yield finding(
            "SM-SUP-28", Effect.NOT_COVERED, "vault.role_assignments.minutes_since_granted",
            f"roles were granted {roles.minutes_since_granted} minute(s) ago; until they take effect "
            f"(about {ROLE_PROPAGATION_MINUTES} minutes) the operation may fail with permission errors.",
        )  # fmt: skip
    role = ctx.tables.files_share_role
    if role is None:
        return
    for i, volume in kept_files(ctx):
        held = volume.share.storage_account.cluster_roles if volume.share is not None else None
        if volume.provisioning == "dynamic" or (held is not None and role in held):
            continue  # the vault assigns the role to dynamic volumes
        if held is None or volume.provisioning is None:
            field = "provisioning" if held is not None else "share.storage_account.cluster_roles"
            yield cannot_tell(
                "SM-SUP-28", f"cluster.volumes[{i}].{field}",
                f"whether the cluster holds the {role} role the share of {volume.claim} needs",
            )  # fmt: skip
        else:
            yield finding(
                "SM-SUP-28", Effect.BLOCKS, f"cluster.volumes[{i}].share.storage_account.cluster_roles",
                f"{volume.claim} is a static Azure Files volume: the cluster needs the {role} role on its "
                "share's storage account, assigned by hand (the vault assigns it only for dynamic volumes).",
            )  # fmt: skip
