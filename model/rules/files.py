"""Azure Files volumes (matrix 2026-01-06: #supported-scenarios, #unsupported-scenarios-and-limitations
and its section on Azure Files volumes).

From 2026-01-06 an Azure Files volume of the CSI driver is backed up when its share speaks SMB and is
reachable publicly, to the Operational tier only, with its snapshots kept in the share's storage
account. These rules run only under an edition that says their statements (the catalog knows which);
what decides whether a volume is kept lives with the other volume guards in `rules/volumes.py`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..fields import version_tuple
from ..operations import BACKUP_KINDS, RESTORE_AND_BACKUP_KINDS, Restore
from ..outcome import Effect, Finding
from . import Context, cannot_tell, finding, rule
from .volumes import about, kept_files, subject, unknown_fields

BUILT_IN_FILES_CLASSES = frozenset(
    {"azurefile", "azurefile-csi", "azurefile-csi-premium", "azurefile-premium"}
)
"""The storage classes AKS creates for Azure Files (azure-vocabulary.md §3); any other is custom."""
SECRET_TYPE = "v1/Secret"
POLICY_KINDS = BACKUP_KINDS | {"create_policy"}


def _policy_retention(ctx: Context) -> int | None:
    policy = ctx.env.policy
    if policy is None or policy.operational is None:
        return None
    return policy.operational.retention_days


def _secrets_taken(ctx: Context) -> bool:
    bi = ctx.env.backup_instance
    if SECRET_TYPE in bi.excluded_resource_types:
        return False
    return bi.included_resource_types is None or SECRET_TYPE in bi.included_resource_types


@rule("SM-SUP-29", on=BACKUP_KINDS)
def smb_files_volumes(ctx: Context) -> Iterator[Finding]:
    """Azure Files volumes over SMB, Standard or Premium, are backed up (to the Operational tier)."""
    files = kept_files(ctx)
    if files:
        claims = ", ".join(v.claim for _, v in files)
        yield finding(
            "SM-SUP-29", Effect.INFORMS, "cluster.volumes",
            f"Azure Files volumes over SMB are backed up to the Operational tier: {claims}.",
        )  # fmt: skip


@rule("SM-SUP-30", on=BACKUP_KINDS)
def files_csi_driver_version(ctx: Context) -> Iterator[Finding]:
    """Backing up Azure Files volumes needs the Azure Files CSI driver 1.32 or later."""
    if not kept_files(ctx):
        return
    profile = ctx.env.cluster.storage_profile
    minimum = ctx.tables.min_files_csi_driver
    if profile.file_csi_driver_version is None and minimum is not None:
        yield cannot_tell(
            "SM-SUP-30", "cluster.storage_profile.file_csi_driver_version",
            "whether the Azure Files CSI driver is recent enough for Azure Files volumes",
        )  # fmt: skip
    if profile.file_csi_driver is False:
        yield finding(
            "SM-SUP-30", Effect.BLOCKS, "cluster.storage_profile.file_csi_driver",
            "the Azure Files CSI driver is disabled on the cluster; the Azure Files volumes cannot be backed up.",
        )  # fmt: skip
    elif (
        minimum is not None
        and profile.file_csi_driver_version is not None
        and version_tuple(profile.file_csi_driver_version) < minimum
    ):
        wanted = ".".join(map(str, minimum[:2]))
        yield finding(
            "SM-SUP-30", Effect.BLOCKS, "cluster.storage_profile.file_csi_driver_version",
            f"the Azure Files CSI driver is {profile.file_csi_driver_version}; backing up Azure Files "
            f"volumes needs {wanted} or later.",
        )  # fmt: skip


def _files_retention(ctx: Context, statement_id: str, why: str) -> Iterator[Finding]:
    limit = ctx.tables.max_files_retention_days
    if limit is None or not kept_files(ctx):
        return
    days = _policy_retention(ctx)
    if days is None:
        policy = ctx.env.policy
        if policy is None or policy.operational is not None:
            # the fact not given: the policy itself when the environment gives none (a subject that resolves)
            yield cannot_tell(
                statement_id, "policy" if policy is None else "policy.operational.retention_days",
                f"whether the policy keeps Azure Files backups for {limit} days at most",
            )  # fmt: skip
        return
    if days > limit:
        yield finding(
            statement_id, Effect.BLOCKS, "policy.operational.retention_days",
            f"the policy keeps Operational points {days} days; a policy for Azure Files "
            f"volumes keeps them at most {limit} days{why}.",
        )  # fmt: skip


@rule("SM-SUP-31", on=POLICY_KINDS)
def files_retention_cap(ctx: Context) -> Iterator[Finding]:
    """Operational retention for Azure Files volumes is at most 30 days."""
    yield from _files_retention(ctx, "SM-SUP-31", "")


@rule("SM-UNS-10", on=BACKUP_KINDS)
def nfs_shares_not_supported(ctx: Context) -> Iterator[Finding]:
    """Azure Files volumes over NFS are not backed up."""
    for i, volume, verdict in about(ctx, "SM-UNS-10"):
        if verdict.skipped:
            yield finding(
                "SM-UNS-10", Effect.SKIPS, subject(i),
                f"{volume.claim} is an Azure Files volume over NFS; only SMB shares are backed up, it is skipped.",
            )  # fmt: skip
        else:
            question = f"whether the share of {volume.claim} speaks SMB"
            yield from unknown_fields("SM-UNS-10", i, verdict.unknown, question)


def _too_many_files(ctx: Context, statement_id: str) -> Iterator[Finding]:
    limit = ctx.tables.max_files_per_share
    if limit is None:
        return
    for i, volume in kept_files(ctx):
        count = volume.share.file_count if volume.share is not None else None
        if count is None:
            yield cannot_tell(
                statement_id, f"{subject(i)}.share.file_count",
                f"whether the share of {volume.claim} holds at most {limit:,} files",
            )  # fmt: skip
        elif count > limit:
            yield finding(
                statement_id, Effect.NOT_COVERED, f"{subject(i)}.share.file_count",
                f"the share of {volume.claim} holds {count:,} files, over {limit:,}; restoring it may fail.",
            )  # fmt: skip


@rule("SM-UNS-11", on=RESTORE_AND_BACKUP_KINDS)
def files_per_share(ctx: Context) -> Iterator[Finding]:
    """A share with more than 25,000 files is not covered: its restore may fail."""
    yield from _too_many_files(ctx, "SM-UNS-11")


@rule("SM-UNS-12", on=BACKUP_KINDS)
def private_shares_not_supported(ctx: Context) -> Iterator[Finding]:
    """Shares behind private endpoints (or closed to public networks) are not backed up."""
    for i, volume, verdict in about(ctx, "SM-UNS-12"):
        if not verdict.skipped:
            question = f"whether the share of {volume.claim} is reachable from all networks"
            yield from unknown_fields("SM-UNS-12", i, verdict.unknown, question)
        else:
            yield finding(
                "SM-UNS-12", Effect.SKIPS, subject(i),
                f"the share of {volume.claim} is reached through a private endpoint or is closed to public "
                "networks; only publicly reachable shares (endpoint type All) are backed up, it is skipped.",
            )  # fmt: skip


@rule("SM-AFS-01", on=BACKUP_KINDS)
def files_snapshots_in_share_account(ctx: Context) -> Iterator[Finding]:
    """Snapshots of Azure Files volumes live in the share's storage account, not the snapshot group."""
    for i, volume in kept_files(ctx):
        account = volume.share.storage_account.name if volume.share is not None else None
        where = f"storage account {account}" if account else "the storage account of its share"
        yield finding(
            "SM-AFS-01", Effect.INFORMS, subject(i),
            f"the snapshots of {volume.claim} are kept in {where}, not in the snapshot resource group.",
        )  # fmt: skip


@rule("SM-AFS-02", on=BACKUP_KINDS)
def files_reclaim_policy(ctx: Context) -> Iterator[Finding]:
    """Deleting a share deletes its snapshots: Azure Files volumes should keep reclaim policy Retain."""
    for i, volume in kept_files(ctx):
        if volume.reclaim_policy in ("Delete", "Recycle"):
            yield finding(
                "SM-AFS-02", Effect.WARNS, f"{subject(i)}.reclaim_policy",
                f"{volume.claim} has reclaim policy {volume.reclaim_policy}: deleting the claim deletes the "
                "share and every backup of it; set it to Retain.",
            )  # fmt: skip


@rule("SM-AFS-03", on=("configure_backup", "restore"))
def files_key_secrets(ctx: Context) -> Iterator[Finding]:
    """A volume whose storage account key is in a secret needs secrets in the backup."""
    if _secrets_taken(ctx):
        return
    for i, volume in kept_files(ctx):
        in_secret = volume.share.key_in_secret if volume.share is not None else None
        if in_secret is None:
            yield cannot_tell(
                "SM-AFS-03", f"{subject(i)}.share.key_in_secret",
                f"whether {volume.claim} needs secrets in the backup to mount after a restore",
            )  # fmt: skip
        elif in_secret:
            yield finding(
                "SM-AFS-03", Effect.NOT_COVERED, "backup_instance.excluded_resource_types",
                f"{volume.claim} reads its storage account key from a secret, but the backup instance leaves "
                "secrets out; the restored volume will not mount.",
            )  # fmt: skip


@rule("SM-AFS-04", on=("configure_backup",))
def files_custom_storage_class(ctx: Context) -> Iterator[Finding]:
    """An Azure Files volume of a custom storage class needs the storage class backed up too."""
    for i, volume in kept_files(ctx):
        if volume.storage_class and volume.storage_class not in BUILT_IN_FILES_CLASSES:
            yield finding(
                "SM-AFS-04", Effect.WARNS, f"{subject(i)}.storage_class",
                f"{volume.claim} uses the custom storage class {volume.storage_class!r}; back up the "
                "storage class as well.",
            )  # fmt: skip


@rule("SM-AFS-05", on=("configure_backup", "delete_expired_recovery_points"))
def files_account_locks(ctx: Context) -> Iterator[Finding]:
    """Read-only or delete locks on the share's account stop expired recovery points being removed."""
    blocking = ctx.tables.blocking_lock_levels
    effect = Effect.BLOCKS if ctx.kind == "delete_expired_recovery_points" else Effect.WARNS
    for i, volume in kept_files(ctx):
        locks = volume.share.storage_account.locks if volume.share is not None else None
        if locks is None and effect is Effect.BLOCKS:
            yield cannot_tell(
                "SM-AFS-05", f"{subject(i)}.share.storage_account.locks",
                f"whether a lock keeps expired recovery points of {volume.claim} from being deleted",
            )  # fmt: skip
        found = sorted(set(locks or ()) & blocking)
        if found:
            yield finding(
                "SM-AFS-05", effect, f"{subject(i)}.share.storage_account.locks",
                f"the storage account of {volume.claim}'s share has a {' and '.join(found)} lock; expired "
                "recovery points of the share cannot be deleted.",
            )  # fmt: skip


@rule("SM-AFS-06", on=("restore",))
def files_restore_same_subscription_and_region(ctx: Context) -> Iterator[Finding]:
    """Azure Files volumes cannot be restored into another subscription or region."""
    op = ctx.op
    if not isinstance(op, Restore) or not kept_files(ctx):
        return
    cluster = ctx.env.cluster
    moves = []
    if op.target.subscription is not None and op.target.subscription != cluster.subscription:
        moves.append("another subscription")
    if op.target.region is not None and op.target.region != cluster.region:
        moves.append("another region")
    if moves:
        yield finding(
            "SM-AFS-06", Effect.BLOCKS, "operation.target",
            f"the restore goes to {' and '.join(moves)}; Azure Files volumes can only be restored within "
            "the subscription and region of their storage account.",
        )  # fmt: skip


@rule("SM-AFS-07", on=BACKUP_KINDS)
def files_and_disks_in_one_instance(ctx: Context) -> Iterator[Finding]:
    """Disks and Azure Files may share a backup instance; different tiers need separate instances."""
    if not ctx.vault_tier or not kept_files(ctx):
        return
    yield finding(
        "SM-AFS-07", Effect.INFORMS, "backup_instance",
        "with the Vault tier on, this backup instance copies its disks to the Vault tier but keeps its Azure "
        "Files volumes in the Operational tier; use one backup instance per kind to choose their tiers apart.",
    )  # fmt: skip


@rule("SM-AFS-08", on=("configure_backup",))
def files_portal_only(ctx: Context) -> Iterator[Finding]:
    """Backup of Azure Files volumes can only be configured in the Azure portal."""
    tool = ctx.env.tooling.deployed_with
    if kept_files(ctx) and tool is None:
        yield cannot_tell(
            "SM-AFS-08",
            "tooling.deployed_with",
            "whether backup of the Azure Files volumes is set up in the portal",
        )
    elif kept_files(ctx) and tool not in ctx.tables.files_tools:
        yield finding(
            "SM-AFS-08", Effect.BLOCKS, "tooling.deployed_with",
            f"backup of Azure Files volumes is configured only in the Azure portal, not with {tool}.",
        )  # fmt: skip


@rule("SM-AFS-09", on=RESTORE_AND_BACKUP_KINDS)
def files_per_share_again(ctx: Context) -> Iterator[Finding]:
    """The Azure Files section repeats the 25,000 files per share limit."""
    yield from _too_many_files(ctx, "SM-AFS-09")


@rule("SM-AFS-10", on=BACKUP_KINDS)
def nfs_shares_skipped(ctx: Context) -> Iterator[Finding]:
    """NFS shares are skipped when a backup is made (the skip itself cites SM-UNS-10)."""
    for i, volume, verdict in about(ctx, "SM-UNS-10"):
        if verdict.skipped:
            yield finding(
                "SM-AFS-10", Effect.INFORMS, subject(i),
                f"{volume.claim} is on an NFS share: the backup leaves it out and takes the rest.",
            )  # fmt: skip


@rule("SM-AFS-11", on=POLICY_KINDS)
def files_retention_snapshots(ctx: Context) -> Iterator[Finding]:
    """Policies for Azure Files keep at most 30 days: a share holds at most 200 snapshots."""
    most = ctx.tables.max_concurrent_share_snapshots
    yield from _files_retention(ctx, "SM-AFS-11", f" (a share holds at most {most} snapshots at once)")


__all__ = ["BUILT_IN_FILES_CLASSES"]
