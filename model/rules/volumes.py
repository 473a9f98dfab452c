"""Persistent volumes (matrix #supported-scenarios, #unsupported-scenarios-and-limitations and
#limitations-specific-for-vaulted-backup-and-cross-region-restore).

What a backup takes of each volume depends on its driver, its disk SKU, how it was provisioned, its
size and its network access. A skipped volume never refuses the backup: the rest goes on (SM-UNS-03).
Each volume's fate is decided once (`fate`), so that every skipped volume has exactly one reason and a
volume whose fate depends on a fact not given has exactly one statement that cannot tell.
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import NamedTuple

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
from . import Context, cannot_tell, finding, rule


def subject(index: int) -> str:
    return f"cluster.volumes[{index}]"


class Fate(NamedTuple):
    """What the volume statements make of one volume the backup instance takes."""

    statement_id: str | None
    """The statement that skips the volume, or that cannot tell; None when the volume is kept."""
    skipped: bool
    unknown: tuple[str, ...] = ()
    """The fields of the volume, not given, that the statement needs (empty unless it cannot tell)."""


_KEPT = Fate(None, False)


def fate(volume: Volume) -> Fate:
    """Whether the volume is kept, skipped (and by which statement), or cannot be told (and which
    statement needs which of its fields). In order: an inline or non-CSI volume (SM-SUP-02), Azure
    Files, Blob or Container Storage (SM-UNS-02), a Premium SSD v2 or Ultra disk (SM-UNS-01), a static
    volume without a storage class (SM-SUP-04)."""
    if volume.pod is not None:
        return Fate("SM-SUP-02", True)
    if volume.driver is None:
        return Fate("SM-SUP-02", False, ("driver",))
    if volume.driver in UNSUPPORTED_VOLUME_DRIVERS:
        return Fate("SM-UNS-02", True)
    if volume.driver != AZURE_DISK_CSI_DRIVER:
        return Fate("SM-SUP-02", True)
    if volume.sku is None:
        return Fate("SM-UNS-01", False, ("sku",))
    if volume.sku in UNSUPPORTED_DISK_SKUS:
        return Fate("SM-UNS-01", True)
    if volume.provisioning == "dynamic" or volume.storage_class:
        return _KEPT
    if volume.provisioning == "static" and volume.storage_class == "":
        return Fate("SM-SUP-04", True)
    unknown: tuple[str, ...] = ("provisioning",) if volume.provisioning is None else ()
    unknown += ("storage_class",) if volume.storage_class is None else ()
    return Fate("SM-SUP-04", False, unknown)


def fates(ctx: Context) -> tuple[tuple[int, Volume, Fate], ...]:
    """(index, volume, fate) of every volume the backup instance takes or may take."""
    return ctx.memo("fates", lambda: tuple((i, v, fate(v)) for i, v in ctx.candidate_volumes))


def kept_volumes(ctx: Context) -> tuple[tuple[int, Volume], ...]:
    """(index, volume) of the backed-up volumes that no statement skips and none cannot tell about."""
    return ctx.memo("kept_volumes", lambda: tuple((i, v) for i, v, f in fates(ctx) if f.statement_id is None))


def _about(ctx: Context, statement_id: str) -> Iterator[tuple[int, Volume, Fate]]:
    return ((i, v, f) for i, v, f in fates(ctx) if f.statement_id == statement_id)


def _unknown(statement_id: str, index: int, fields: tuple[str, ...], question: str) -> Iterator[Finding]:
    for field in fields:
        yield cannot_tell(statement_id, f"{subject(index)}.{field}", question)


def too_large_for_vault(volume: Volume) -> bool | None:
    """SM-VLT-01: over 1 TiB (None: the size is not given)."""
    return None if volume.size_gib is None else volume.size_gib > MAX_VAULT_DISK_SIZE_GIB


def private_disk(volume: Volume) -> bool | None:
    """SM-VLT-03: network access other than public from all networks (None: not given)."""
    if volume.network_access not in (None, VAULT_ELIGIBLE_DISK_NETWORK_ACCESS):
        return True
    if volume.public_network_access == "Disabled":
        return True
    if volume.network_access is None or volume.public_network_access is None:
        return None
    return False


def _volumes_unknown(ctx: Context, statement_id: str) -> Iterator[Finding]:
    if ctx.env.cluster.volumes is None:
        yield cannot_tell(statement_id, "cluster.volumes", "which volumes the backup takes")


# --- rules ------------------------------------------------------------------------------------------


@rule("SM-SUP-02", on=BACKUP_KINDS)
def csi_disk_volumes_only(ctx: Context) -> Iterator[Finding]:
    """Only Azure Disk volumes of the CSI driver are backed up; the driver and the snapshot controller
    must be enabled."""
    profile = ctx.env.cluster.storage_profile
    for field, what in (
        ("disk_csi_driver", "Azure Disk CSI driver"),
        ("snapshot_controller", "snapshot controller"),
    ):
        enabled = getattr(profile, field)
        if enabled is None:
            yield cannot_tell(
                "SM-SUP-02",
                f"cluster.storage_profile.{field}",
                f"whether the {what} is enabled on the cluster",
            )
        elif not enabled:
            yield finding(
                "SM-SUP-02", Effect.BLOCKS, f"cluster.storage_profile.{field}",
                f"the {what} is disabled on the cluster; enable it before configuring backup.",
            )  # fmt: skip
    yield from _volumes_unknown(ctx, "SM-SUP-02")
    for i, volume, verdict in _about(ctx, "SM-SUP-02"):
        if not verdict.skipped:
            yield from _unknown(
                "SM-SUP-02", i, verdict.unknown, f"whether {volume.claim} is an Azure Disk CSI volume"
            )
        elif volume.pod is not None:
            yield finding(
                "SM-SUP-02", Effect.SKIPS, subject(i),
                f"{volume.claim} is declared inline in pod {volume.pod!r}, not a persistent volume; it is skipped.",
            )  # fmt: skip
        else:
            kind = IN_TREE_DRIVERS.get(volume.driver or "", f"driver {volume.driver!r}")
            yield finding(
                "SM-SUP-02", Effect.SKIPS, subject(i),
                f"{volume.claim} is served by {kind}, not the Azure Disk CSI driver; it is skipped.",
            )  # fmt: skip
    for i, volume, _ in _about(ctx, "SM-UNS-02"):
        # The same fact as SM-UNS-02, which names these services (statements.OVERLAPS).
        yield finding(
            "SM-SUP-02", Effect.SKIPS, subject(i),
            f"{volume.claim} is an {UNSUPPORTED_VOLUME_DRIVERS[volume.driver or '']} volume, not an Azure "
            "Disk volume of the CSI driver; it is skipped.",
        )  # fmt: skip


@rule("SM-SUP-03", on=BACKUP_KINDS)
def supported_disk_skus(ctx: Context) -> Iterator[Finding]:
    """Standard HDD, Standard SSD and Premium SSD disks are backed up (each volume's plan cites this);
    Premium SSD v2 and Ultra Disk volumes, which SM-UNS-01 names, are not (statements.OVERLAPS)."""
    yield from _volumes_unknown(ctx, "SM-SUP-03")
    for i, volume, verdict in _about(ctx, "SM-UNS-01"):
        if verdict.skipped:
            yield finding(
                "SM-SUP-03", Effect.SKIPS, subject(i),
                f"{volume.claim} is a {UNSUPPORTED_DISK_SKUS[volume.sku or '']} disk, not one of the "
                "supported disk types; it is skipped.",
            )  # fmt: skip
        else:
            yield from _unknown(
                "SM-SUP-03", i, verdict.unknown, f"whether {volume.claim} is a supported disk type"
            )
    products = sorted(
        {SUPPORTED_DISK_SKUS[v.sku] for _, v in kept_volumes(ctx) if v.sku in SUPPORTED_DISK_SKUS}
    )
    if products:
        yield finding(
            "SM-SUP-03", Effect.INFORMS, "cluster.volumes",
            f"disks of supported SKUs are backed up: {', '.join(products)}.",
        )  # fmt: skip


@rule("SM-SUP-04", on=BACKUP_KINDS)
def static_volumes_need_storage_class(ctx: Context) -> Iterator[Finding]:
    """Dynamic and static volumes are both backed up; a static one without a storage class is skipped."""
    yield from _volumes_unknown(ctx, "SM-SUP-04")
    for i, volume, verdict in _about(ctx, "SM-SUP-04"):
        if verdict.skipped:
            yield finding(
                "SM-SUP-04", Effect.SKIPS, subject(i),
                f"{volume.claim} is statically provisioned and names no storage class; it is skipped.",
            )  # fmt: skip
        else:
            question = f"whether {volume.claim} is a static volume without a storage class"
            yield from _unknown("SM-SUP-04", i, verdict.unknown, question)


@rule("SM-SUP-07", on=("configure_backup",))
def crash_consistent_snapshots(ctx: Context) -> Iterator[Finding]:
    """Snapshots are crash consistent; volumes are not snapshotted at the same instant."""
    wanted = ctx.env.backup_instance.consistency
    if wanted is not None and wanted != "CrashConsistent":
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
    yield from _volumes_unknown(ctx, "SM-UNS-01")
    for i, volume, verdict in _about(ctx, "SM-UNS-01"):
        if verdict.skipped:
            product = UNSUPPORTED_DISK_SKUS[volume.sku or ""]
            yield finding(
                "SM-UNS-01", Effect.SKIPS, subject(i),
                f"{volume.claim} is a {product} disk ({volume.sku}); it is skipped.",
            )  # fmt: skip
        else:
            question = f"whether {volume.claim} is a Premium SSD v2 or Ultra disk"
            yield from _unknown("SM-UNS-01", i, verdict.unknown, question)


@rule("SM-UNS-02", on=BACKUP_KINDS)
def files_blob_and_container_storage(ctx: Context) -> Iterator[Finding]:
    """Azure Files, Azure Blob and Azure Container Storage volumes are not backed up."""
    yield from _volumes_unknown(ctx, "SM-UNS-02")
    for i, volume, _ in _about(ctx, "SM-UNS-02"):
        product = UNSUPPORTED_VOLUME_DRIVERS[volume.driver or ""]
        yield finding(
            "SM-UNS-02", Effect.SKIPS, subject(i),
            f"{volume.claim} is an {product} volume; it is skipped (back it up with its own solution).",
        )  # fmt: skip


@rule("SM-UNS-03", on=BACKUP_KINDS)
def unsupported_volumes_are_skipped(ctx: Context) -> Iterator[Finding]:
    """Volumes of an unsupported type are skipped and the rest of the backup goes on."""
    left_out = sum(1 for _, _, f in fates(ctx) if f.skipped)
    if left_out:
        yield finding(
            "SM-UNS-03", Effect.INFORMS, "cluster.volumes",
            f"{left_out} volume(s) are skipped; the backup of the other resources goes on.",
        )  # fmt: skip


@rule("SM-VLT-01", on=BACKUP_KINDS)
def vault_disk_size(ctx: Context) -> Iterator[Finding]:
    """Disks up to 1 TB move to the Vault tier; larger ones stay in the Operational tier only."""
    if ctx.vault_tier is False:
        return
    yield from _volumes_unknown(ctx, "SM-VLT-01")
    if ctx.vault_tier is None:
        if any(too_large_for_vault(v) is not False for _, v in kept_volumes(ctx)):
            yield cannot_tell("SM-VLT-01", "policy", "whether large disks are left out of a Vault tier")
        return
    for i, volume in kept_volumes(ctx):
        large = too_large_for_vault(volume)
        if large is None:
            yield cannot_tell(
                "SM-VLT-01", f"{subject(i)}.size_gib", f"whether {volume.claim} fits the Vault tier"
            )
        elif large:
            yield finding(
                "SM-VLT-01", Effect.SKIPS, subject(i),
                f"{volume.claim} is {volume.size_gib} GiB, over {MAX_VAULT_DISK_SIZE_GIB} GiB; "
                "it stays in the Operational tier and is left out of the Vault tier.",
                tier="Vault",
            )  # fmt: skip


@rule("SM-VLT-02", on=RESTORE_AND_BACKUP_KINDS)
def disks_per_backup_instance(ctx: Context) -> Iterator[Finding]:
    """At most 100 disks per backup instance; beyond, backup and restore may fail."""
    if ctx.env.cluster.volumes is None:
        yield cannot_tell("SM-VLT-02", "cluster.volumes", "how many disks the backup instance has")
        return
    disks = sum(1 for _, v in ctx.backed_up_volumes if v.driver == AZURE_DISK_CSI_DRIVER)
    maybe = [(i, v) for i, v in ctx.candidate_volumes if v.driver is None]
    if disks > MAX_DISKS_PER_BACKUP_INSTANCE:
        yield finding(
            "SM-VLT-02", Effect.NOT_COVERED, "cluster.volumes",
            f"the backup instance has {disks} disks, over {MAX_DISKS_PER_BACKUP_INSTANCE}; "
            "backup and restore may fail.",
        )  # fmt: skip
    elif disks + len(maybe) > MAX_DISKS_PER_BACKUP_INSTANCE:
        question = f"whether the backup instance has over {MAX_DISKS_PER_BACKUP_INSTANCE} disks"
        for i, _ in maybe:
            yield cannot_tell("SM-VLT-02", f"{subject(i)}.driver", question)


@rule("SM-VLT-03", on=BACKUP_KINDS)
def vault_disk_network_access(ctx: Context) -> Iterator[Finding]:
    """Only disks open to all networks can be tiered; others make the tiering fail."""
    if ctx.vault_tier is False:
        return
    blocks = ctx.kind in TIERING_KINDS  # a warning that may or may not apply is left unsaid
    if blocks:
        yield from _volumes_unknown(ctx, "SM-VLT-03")
    candidates = [
        (i, v, too_large_for_vault(v), private_disk(v))
        for i, v in kept_volumes(ctx)
        if too_large_for_vault(v) is not True and private_disk(v) is not False
    ]
    if ctx.vault_tier is None:
        if blocks and candidates:
            yield cannot_tell("SM-VLT-03", "policy", "whether private disks are moved to a Vault tier")
        return
    effect = Effect.BLOCKS if blocks else Effect.WARNS
    for i, volume, large, private in candidates:
        if large is False and private:
            yield finding(
                "SM-VLT-03", effect, subject(i),
                f"{volume.claim} has network access {volume.network_access} / public access "
                f"{volume.public_network_access}; moving it to the Vault tier fails.",
            )  # fmt: skip
        elif blocks:
            fields: tuple[str, ...] = ("size_gib",) if large is None else ()
            if private is None:
                fields += tuple(
                    f for f in ("network_access", "public_network_access") if getattr(volume, f) is None
                )
            yield from _unknown(
                "SM-VLT-03", i, fields, f"whether {volume.claim} can be moved to the Vault tier"
            )
