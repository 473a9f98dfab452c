"""Persistent volumes (matrix #supported-scenarios, #unsupported-scenarios-and-limitations and
#limitations-specific-for-vaulted-backup-and-cross-region-restore).

What a backup takes of each volume depends on its driver, its disk SKU, how it was provisioned, its
size and its network access. A skipped volume never refuses the backup: the rest goes on (SM-UNS-03).
"""

from __future__ import annotations

from collections.abc import Iterator

from ..environment import Volume
from ..operations import BACKUP_KINDS, RESTORE_AND_BACKUP_KINDS, TIERING_KINDS
from ..outcome import Effect, Finding
from ..tables import (
    AZURE_DISK_CSI_DRIVER,
    IN_TREE_DRIVERS,
    MAX_DISKS_PER_BACKUP_INSTANCE,
    MAX_VAULT_DISK_SIZE_GIB,
    SUPPORTED_DISK_SKUS,
    UNSUPPORTED_DISK_SKUS,
    UNSUPPORTED_VOLUME_DRIVERS,
    VAULT_ELIGIBLE_DISK_NETWORK_ACCESS,
)
from . import Context, finding, rule

DEFAULT_DISK_SKU = "StandardSSD_LRS"
"""The CSI driver's default `skuName` (azure-vocabulary.md §3), used when a volume names none."""


def subject(index: int) -> str:
    return f"cluster.volumes[{index}]"


# --- one guard per statement; SM-UNS-03 combines them -----------------------------------------------


def not_azure_disk_csi(volume: Volume) -> bool:
    """SM-SUP-02: served by an in-tree plugin or by a CSI driver the matrix does not name."""
    return volume.driver != AZURE_DISK_CSI_DRIVER and volume.driver not in UNSUPPORTED_VOLUME_DRIVERS


def unsupported_storage(volume: Volume) -> bool:
    """SM-UNS-02: Azure Files, Azure Blob or Azure Container Storage."""
    return volume.driver in UNSUPPORTED_VOLUME_DRIVERS


def disk_sku(volume: Volume) -> str:
    return volume.sku or DEFAULT_DISK_SKU


def supported_sku_product(volume: Volume) -> str:
    """SM-SUP-03: the disk type the matrix names for the volume's SKU (Standard HDD, Standard SSD, ...)."""
    return SUPPORTED_DISK_SKUS.get(disk_sku(volume), disk_sku(volume))


def unsupported_sku(volume: Volume) -> bool:
    """SM-UNS-01: an Azure Disk volume of SKU Premium SSD v2 or Ultra Disk."""
    return volume.driver == AZURE_DISK_CSI_DRIVER and disk_sku(volume) in UNSUPPORTED_DISK_SKUS


def static_without_storage_class(volume: Volume) -> bool:
    """SM-SUP-04: an Azure Disk CSI volume of a supported SKU, statically provisioned, no storage class named.

    Volumes that another statement already skips (driver, SKU) are left to that statement, so that each
    skipped volume has exactly one reason.
    """
    return (
        volume.driver == AZURE_DISK_CSI_DRIVER
        and not unsupported_sku(volume)
        and volume.provisioning == "static"
        and not volume.storage_class
    )


def skipped(volume: Volume) -> bool:
    """The volume is left out of the backup altogether."""
    return (
        not_azure_disk_csi(volume)
        or unsupported_storage(volume)
        or unsupported_sku(volume)
        or static_without_storage_class(volume)
    )


def kept_volumes(ctx: Context) -> tuple[tuple[int, Volume], ...]:
    """(index, volume) of the backed-up volumes that no statement skips altogether."""
    return ctx.memo("kept_volumes", lambda: tuple((i, v) for i, v in ctx.backed_up_volumes if not skipped(v)))


def too_large_for_vault(volume: Volume) -> bool:
    """SM-VLT-01: over 1 TiB."""
    return volume.size_gib > MAX_VAULT_DISK_SIZE_GIB


def private_disk(volume: Volume) -> bool:
    """SM-VLT-03: network access other than public from all networks."""
    return (
        volume.network_access != VAULT_ELIGIBLE_DISK_NETWORK_ACCESS
        or volume.public_network_access != "Enabled"
    )


# --- rules ------------------------------------------------------------------------------------------


@rule("SM-SUP-02", on=BACKUP_KINDS)
def csi_disk_volumes_only(ctx: Context) -> Iterator[Finding]:
    """Only Azure Disk volumes of the CSI driver are backed up; the driver and the snapshot controller
    must be enabled."""
    profile = ctx.env.cluster.storage_profile
    if not profile.disk_csi_driver:
        yield finding(
            "SM-SUP-02", Effect.BLOCKS, "cluster.storage_profile.disk_csi_driver",
            "the Azure Disk CSI driver is disabled on the cluster; enable it before configuring backup.",
        )  # fmt: skip
    if not profile.snapshot_controller:
        yield finding(
            "SM-SUP-02", Effect.BLOCKS, "cluster.storage_profile.snapshot_controller",
            "the snapshot controller is disabled on the cluster; enable it before configuring backup.",
        )  # fmt: skip
    for i, volume in ctx.backed_up_volumes:
        if not_azure_disk_csi(volume):
            kind = IN_TREE_DRIVERS.get(volume.driver, f"driver {volume.driver!r}")
            yield finding(
                "SM-SUP-02", Effect.SKIPS, subject(i),
                f"{volume.claim} is served by {kind}, not the Azure Disk CSI driver; it is skipped.",
            )  # fmt: skip
        elif unsupported_storage(volume):
            # The same fact as SM-UNS-02, which names these services (statements.OVERLAPS).
            yield finding(
                "SM-SUP-02", Effect.SKIPS, subject(i),
                f"{volume.claim} is an {UNSUPPORTED_VOLUME_DRIVERS[volume.driver]} volume, not an Azure "
                "Disk volume of the CSI driver; it is skipped.",
            )  # fmt: skip


@rule("SM-SUP-03", on=BACKUP_KINDS)
def supported_disk_skus(ctx: Context) -> Iterator[Finding]:
    """Standard HDD, Standard SSD and Premium SSD disks are backed up (each volume's plan cites this);
    Premium SSD v2 and Ultra Disk volumes, which SM-UNS-01 names, are not (statements.OVERLAPS)."""
    for i, volume in ctx.backed_up_volumes:
        if unsupported_sku(volume):
            yield finding(
                "SM-SUP-03", Effect.SKIPS, subject(i),
                f"{volume.claim} is a {UNSUPPORTED_DISK_SKUS[disk_sku(volume)]} disk, not one of the "
                "supported disk types; it is skipped.",
            )  # fmt: skip
    products = sorted({supported_sku_product(v) for _, v in kept_volumes(ctx)})
    if products:
        yield finding(
            "SM-SUP-03", Effect.INFORMS, "cluster.volumes",
            f"disks of supported SKUs are backed up: {', '.join(products)}.",
        )  # fmt: skip


@rule("SM-SUP-04", on=BACKUP_KINDS)
def static_volumes_need_storage_class(ctx: Context) -> Iterator[Finding]:
    """Dynamic and static volumes are both backed up; a static one without a storage class is skipped."""
    for i, volume in ctx.backed_up_volumes:
        if static_without_storage_class(volume):
            yield finding(
                "SM-SUP-04", Effect.SKIPS, subject(i),
                f"{volume.claim} is statically provisioned and names no storage class; it is skipped.",
            )  # fmt: skip


@rule("SM-SUP-07", on=("configure_backup",))
def crash_consistent_snapshots(ctx: Context) -> Iterator[Finding]:
    """Snapshots are crash consistent; volumes are not snapshotted at the same instant."""
    wanted = ctx.env.backup_instance.consistency
    if wanted != "CrashConsistent":
        yield finding(
            "SM-SUP-07", Effect.BLOCKS, "backup_instance.consistency",
            f"{wanted} snapshots are not offered: snapshots are crash consistent, one volume at a time.",
        )  # fmt: skip
    elif len(kept_volumes(ctx)) > 1:
        yield finding(
            "SM-SUP-07", Effect.INFORMS, "cluster.volumes",
            "each volume's snapshot is crash consistent; the volumes are not captured at the same instant.",
        )  # fmt: skip


@rule("SM-UNS-01", on=BACKUP_KINDS)
def premium_v2_and_ultra_disks(ctx: Context) -> Iterator[Finding]:
    """Premium SSD v2 and Ultra Disk volumes are not backed up."""
    for i, volume in ctx.backed_up_volumes:
        if unsupported_sku(volume):
            product = UNSUPPORTED_DISK_SKUS[disk_sku(volume)]
            yield finding(
                "SM-UNS-01", Effect.SKIPS, subject(i),
                f"{volume.claim} is a {product} disk ({disk_sku(volume)}); it is skipped.",
            )  # fmt: skip


@rule("SM-UNS-02", on=BACKUP_KINDS)
def files_blob_and_container_storage(ctx: Context) -> Iterator[Finding]:
    """Azure Files, Azure Blob and Azure Container Storage volumes are not backed up."""
    for i, volume in ctx.backed_up_volumes:
        if unsupported_storage(volume):
            product = UNSUPPORTED_VOLUME_DRIVERS[volume.driver]
            yield finding(
                "SM-UNS-02", Effect.SKIPS, subject(i),
                f"{volume.claim} is an {product} volume; it is skipped (back it up with its own solution).",
            )  # fmt: skip


@rule("SM-UNS-03", on=BACKUP_KINDS)
def unsupported_volumes_are_skipped(ctx: Context) -> Iterator[Finding]:
    """Volumes of an unsupported type are skipped and the rest of the backup goes on."""
    left_out = len(ctx.backed_up_volumes) - len(kept_volumes(ctx))
    if left_out:
        yield finding(
            "SM-UNS-03", Effect.INFORMS, "cluster.volumes",
            f"{left_out} volume(s) are skipped; the backup of the other resources goes on.",
        )  # fmt: skip


@rule("SM-VLT-01", on=BACKUP_KINDS)
def vault_disk_size(ctx: Context) -> Iterator[Finding]:
    """Disks up to 1 TB move to the Vault tier; larger ones stay in the Operational tier only."""
    if not ctx.vault_tier:
        return
    for i, volume in kept_volumes(ctx):
        if too_large_for_vault(volume):
            yield finding(
                "SM-VLT-01", Effect.SKIPS, subject(i),
                f"{volume.claim} is {volume.size_gib} GiB, over {MAX_VAULT_DISK_SIZE_GIB} GiB; "
                "it stays in the Operational tier and is left out of the Vault tier.",
                tier="Vault",
            )  # fmt: skip


@rule("SM-VLT-02", on=RESTORE_AND_BACKUP_KINDS)
def disks_per_backup_instance(ctx: Context) -> Iterator[Finding]:
    """At most 100 disks per backup instance; beyond, backup and restore may fail."""
    disks = sum(1 for _, v in ctx.backed_up_volumes if v.driver == AZURE_DISK_CSI_DRIVER)
    if disks > MAX_DISKS_PER_BACKUP_INSTANCE:
        yield finding(
            "SM-VLT-02", Effect.NOT_COVERED, "cluster.volumes",
            f"the backup instance has {disks} disks, over {MAX_DISKS_PER_BACKUP_INSTANCE}; "
            "backup and restore may fail.",
        )  # fmt: skip


@rule("SM-VLT-03", on=BACKUP_KINDS)
def vault_disk_network_access(ctx: Context) -> Iterator[Finding]:
    """Only disks open to all networks can be tiered; others make the tiering fail."""
    if not ctx.vault_tier:
        return
    effect = Effect.BLOCKS if ctx.kind in TIERING_KINDS else Effect.WARNS
    for i, volume in kept_volumes(ctx):
        if not too_large_for_vault(volume) and private_disk(volume):
            yield finding(
                "SM-VLT-03", effect, subject(i),
                f"{volume.claim} has network access {volume.network_access} / public access "
                f"{volume.public_network_access}; moving it to the Vault tier fails.",
            )  # fmt: skip
