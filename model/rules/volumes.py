"""Persistent volumes (matrix #supported-scenarios, #unsupported-scenarios-and-limitations and
#limitations-specific-for-vaulted-backup-and-cross-region-restore).

What a backup takes of each volume depends on its driver, its disk SKU, how it was provisioned, its
size and its network access, and on the edition judged by (its tables, `ctx.tables`): 2026-01-06 also
takes Premium SSD v2 and Ultra disks and Azure Files volumes over SMB on a public share. A skipped volume never refuses the backup: the rest goes on (SM-UNS-03).
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
    AZURE_FILES_CSI_DRIVER,
    IN_TREE_DRIVERS,
    MAX_DISKS_PER_BACKUP_INSTANCE,
    MAX_VAULT_DISK_SIZE_GIB,
    VAULT_ELIGIBLE_DISK_NETWORK_ACCESS,
    EditionTables,
    for_edition,
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


CUSTOMER_KEY_TYPES = frozenset(
    {"EncryptionAtRestWithCustomerKey", "EncryptionAtRestWithPlatformAndCustomerKeys"}
)
"""Disk `encryption.type` values that mean a disk encryption set encrypts the disk (SM-VLT-03, 2026-01-06)."""


def is_disk(volume: Volume) -> bool:
    return volume.driver == AZURE_DISK_CSI_DRIVER


def is_files(volume: Volume) -> bool:
    return volume.driver == AZURE_FILES_CSI_DRIVER


def private_share(volume: Volume) -> bool | None:
    """SM-UNS-12: the share's account has a private endpoint or is closed to public networks (None: not
    given)."""
    if volume.share is None:
        return None
    account = volume.share.storage_account
    if (
        (account.private_endpoints or 0) > 0
        or account.public_network_access in ("Disabled", "SecuredByPerimeter")
        or account.default_action == "Deny"
    ):
        return True
    if None in (account.private_endpoints, account.public_network_access, account.default_action):
        return None
    return False


def _share_fields(volume: Volume) -> tuple[str, ...]:
    if volume.share is None:
        return ("share",)
    account = volume.share.storage_account
    return tuple(
        f"share.storage_account.{name}"
        for name in ("private_endpoints", "public_network_access", "default_action")
        if getattr(account, name) is None
    )


def fate(volume: Volume, t: EditionTables | None = None) -> Fate:
    """Whether the volume is kept, skipped (and by which statement), or cannot be told (and which
    statement needs which of its fields), under the edition of the tables `t` (default 2025-06-10). In
    order: an inline or non-CSI volume (SM-SUP-02), storage the edition does not support (SM-UNS-02), an
    Azure Files share over NFS (SM-UNS-10) or behind a private endpoint (SM-UNS-12), a disk SKU the
    edition does not support (SM-UNS-01), a static volume without a storage class (SM-SUP-04)."""
    t = t or _SEED_TABLES
    if volume.pod is not None:
        return Fate("SM-SUP-02", True)
    if volume.driver is None:
        return Fate("SM-SUP-02", False, ("driver",))
    if volume.driver in t.unsupported_volume_drivers:
        return Fate("SM-UNS-02", True)
    if volume.driver not in t.supported_volume_drivers:
        return Fate("SM-SUP-02", True)
    if is_files(volume):
        protocol = volume.share.protocol if volume.share is not None else None
        if protocol is None:
            # the field not given: the share itself when the volume gives none (a subject that resolves)
            return Fate("SM-UNS-10", False, ("share",) if volume.share is None else ("share.protocol",))
        if protocol not in t.files_protocols:
            return Fate("SM-UNS-10", True)
        private = private_share(volume)
        if private:
            return Fate("SM-UNS-12", True)
        if private is None:
            return Fate("SM-UNS-12", False, _share_fields(volume))
    elif t.unsupported_disk_skus:
        if volume.sku is None:
            return Fate("SM-UNS-01", False, ("sku",))
        if volume.sku in t.unsupported_disk_skus:
            return Fate("SM-UNS-01", True)
    if volume.provisioning == "dynamic" or volume.storage_class:
        return _KEPT
    if volume.provisioning == "static" and volume.storage_class == "":
        return Fate("SM-SUP-04", True)
    unknown: tuple[str, ...] = ("provisioning",) if volume.provisioning is None else ()
    unknown += ("storage_class",) if volume.storage_class is None else ()
    return Fate("SM-SUP-04", False, unknown)


_SEED_TABLES = for_edition("2025-06-10")


def fates(ctx: Context) -> tuple[tuple[int, Volume, Fate], ...]:
    """(index, volume, fate) of every volume the backup instance takes or may take."""
    t = ctx.tables
    return ctx.memo("fates", lambda: tuple((i, v, fate(v, t)) for i, v in ctx.candidate_volumes))


def kept_volumes(ctx: Context) -> tuple[tuple[int, Volume], ...]:
    """(index, volume) of the backed-up volumes that no statement skips and none cannot tell about."""
    return ctx.memo("kept_volumes", lambda: tuple((i, v) for i, v, f in fates(ctx) if f.statement_id is None))


def kept_files(ctx: Context) -> tuple[tuple[int, Volume], ...]:
    """(index, volume) of the kept Azure Files volumes (2026-01-06; none before)."""
    return ctx.memo("kept_files", lambda: tuple((i, v) for i, v in kept_volumes(ctx) if is_files(v)))


def kept_disks(ctx: Context) -> tuple[tuple[int, Volume], ...]:
    return ctx.memo("kept_disks", lambda: tuple((i, v) for i, v in kept_volumes(ctx) if not is_files(v)))


def about(ctx: Context, statement_id: str) -> Iterator[tuple[int, Volume, Fate]]:
    """(index, volume, fate) of the volumes whose fate `statement_id` decides (or cannot tell)."""
    return _about(ctx, statement_id)


def _about(ctx: Context, statement_id: str) -> Iterator[tuple[int, Volume, Fate]]:
    return ((i, v, f) for i, v, f in fates(ctx) if f.statement_id == statement_id)


def unknown_fields(
    statement_id: str, index: int, fields: tuple[str, ...], question: str
) -> Iterator[Finding]:
    return _unknown(statement_id, index, fields, question)


def _unknown(statement_id: str, index: int, fields: tuple[str, ...], question: str) -> Iterator[Finding]:
    for field in fields:
        yield cannot_tell(statement_id, f"{subject(index)}.{field}", question)


def too_large_for_vault(volume: Volume) -> bool | None:
    """SM-VLT-01: over 1 TiB (None: the size is not given)."""
    return None if volume.size_gib is None else volume.size_gib > MAX_VAULT_DISK_SIZE_GIB


def private_disk(volume: Volume, t: EditionTables | None = None) -> bool | None:
    """SM-VLT-03: the disk cannot be tiered under the edition's conditions (None: not given). Always:
    network access other than public from all networks; from 2026-01-06 also Entra ID data-access
    authentication or a disk encryption set."""
    conditions = (t or _SEED_TABLES).vault_disk_conditions
    if vault_disk_problems(volume, t):
        return True
    fields = ["network_access", "public_network_access"]
    if "data_access_auth" in conditions:
        fields.append("data_access_auth_mode")
    if "no_disk_encryption_set" in conditions:
        fields.append("encryption_type")
    if any(getattr(volume, f) is None for f in fields):
        return None
    return False


def vault_disk_fields(volume: Volume, t: EditionTables | None = None) -> tuple[str, ...]:
    """The fields SM-VLT-03 needs under the edition that the volume does not give."""
    conditions = (t or _SEED_TABLES).vault_disk_conditions
    fields = ["network_access", "public_network_access"]
    fields += ["data_access_auth_mode"] if "data_access_auth" in conditions else []
    fields += ["encryption_type"] if "no_disk_encryption_set" in conditions else []
    return tuple(f for f in fields if getattr(volume, f) is None)


def vault_disk_problems(volume: Volume, t: EditionTables | None = None) -> list[str]:
    """SM-VLT-03: why the disk cannot be tiered under the edition's conditions (empty: no known reason)."""
    conditions = (t or _SEED_TABLES).vault_disk_conditions
    problems = []
    if volume.network_access not in (None, VAULT_ELIGIBLE_DISK_NETWORK_ACCESS) or (
        volume.public_network_access == "Disabled"
    ):
        problems.append(
            f"network access {volume.network_access} / public access {volume.public_network_access}"
        )
    if "data_access_auth" in conditions and volume.data_access_auth_mode == "AzureActiveDirectory":
        problems.append("Entra ID data-access authentication (dataAccessAuthMode AzureActiveDirectory)")
    if "no_disk_encryption_set" in conditions and volume.encryption_type in CUSTOMER_KEY_TYPES:
        problems.append(f"a disk encryption set ({volume.encryption_type})")
    return problems


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
            served = " or ".join(
                f"the {name} CSI driver" for name in ctx.tables.supported_volume_drivers.values()
            )
            yield finding(
                "SM-SUP-02", Effect.SKIPS, subject(i),
                f"{volume.claim} is served by {kind}, not {served}; it is skipped.",
            )  # fmt: skip
    for i, volume, _ in _about(ctx, "SM-UNS-02"):
        # The same fact as SM-UNS-02, which names these services (statements.OVERLAPS).
        yield finding(
            "SM-SUP-02", Effect.SKIPS, subject(i),
            f"{volume.claim} is an {ctx.tables.unsupported_volume_drivers[volume.driver or '']} volume, not an Azure "
            "Disk volume of the CSI driver; it is skipped.",
        )  # fmt: skip


@rule("SM-SUP-03", on=BACKUP_KINDS)
def supported_disk_skus(ctx: Context) -> Iterator[Finding]:
    """Standard HDD, Standard SSD and Premium SSD disks are backed up (each volume's plan cites this);
    volumes of the disk types that SM-UNS-01 names, where the edition has them, are not
    (statements.OVERLAPS)."""
    t = ctx.tables
    yield from _volumes_unknown(ctx, "SM-SUP-03")
    for i, volume, verdict in _about(ctx, "SM-UNS-01"):
        if verdict.skipped:
            yield finding(
                "SM-SUP-03", Effect.SKIPS, subject(i),
                f"{volume.claim} is a {t.unsupported_disk_skus[volume.sku or '']} disk, not one of the "
                "supported disk types; it is skipped.",
            )  # fmt: skip
        else:
            yield from _unknown(
                "SM-SUP-03", i, verdict.unknown, f"whether {volume.claim} is a supported disk type"
            )
    disks = kept_disks(ctx)
    products = sorted(
        {t.supported_disk_skus[v.sku] for _, v in disks if v.sku and v.sku in t.supported_disk_skus}
    )
    if products:
        yield finding(
            "SM-SUP-03", Effect.INFORMS, "cluster.volumes",
            f"disks of supported SKUs are backed up: {', '.join(products)}.",
        )  # fmt: skip
    for i, volume in disks:
        delayed = t.delayed_data_disk_skus.get(volume.sku or "")
        if delayed:
            yield finding(
                "SM-SUP-03", Effect.INFORMS, subject(i),
                f"{volume.claim} is a {delayed} disk: its snapshot and restore copy data in the background, "
                "so they take longer and restored data can show after the volume is mounted.",
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
            product = ctx.tables.unsupported_disk_skus[volume.sku or ""]
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
        product = ctx.tables.unsupported_volume_drivers[volume.driver or ""]
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
        if any(too_large_for_vault(v) is not False for _, v in kept_disks(ctx)):
            yield cannot_tell("SM-VLT-01", "policy", "whether large disks are left out of a Vault tier")
        return
    for i, volume in kept_disks(ctx):
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
    disks = sum(1 for _, v in ctx.backed_up_volumes if is_disk(v))
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
    t = ctx.tables
    candidates = [
        (i, v, too_large_for_vault(v), private_disk(v, t))
        for i, v in kept_disks(ctx)
        if too_large_for_vault(v) is not True and private_disk(v, t) is not False
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
                f"{volume.claim} has {' and '.join(vault_disk_problems(volume, t))}; moving it to the Vault "
                "tier fails, so it has no Vault-tier copy.",
            )  # fmt: skip
        elif blocks:
            fields: tuple[str, ...] = ("size_gib",) if large is None else ()
            if private is None:
                fields += vault_disk_fields(volume, t)
            yield from _unknown(
                "SM-VLT-03", i, fields, f"whether {volume.claim} can be moved to the Vault tier"
            )
