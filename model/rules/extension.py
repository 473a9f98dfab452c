"""The backup extension, its node pool and its storage account (matrix #supported-scenarios,
#unsupported-scenarios-and-limitations, #limitations-specific-for-vaulted-backup-and-cross-region-restore)."""

from __future__ import annotations

from collections.abc import Iterator

from ..environment import NodePool
from ..operations import BACKUP_KINDS, PROTECTION_KINDS, RUNNING_KINDS, TIERING_KINDS
from ..outcome import Effect, Finding
from ..tables import (
    EXTENSION_ARCHITECTURES,
    EXTENSION_OS_SKUS,
    SUPPORTED_STORAGE_ACCOUNT_KINDS,
    VELERO_PREFIX,
    WINDOWS_OS_SKUS,
)
from . import Context, finding, rule

NEEDS_EXTENSION = RUNNING_KINDS | {"configure_backup"}


def windows_or_arm(pool: NodePool) -> bool:
    """SM-UNS-04: a Windows or an ARM64 node pool."""
    return pool.os_sku in WINDOWS_OS_SKUS or pool.arch not in EXTENSION_ARCHITECTURES


def extension_capable(pool: NodePool) -> bool:
    """SM-SUP-20: x86 and Ubuntu or Azure Linux."""
    return pool.os_sku in EXTENSION_OS_SKUS and pool.arch in EXTENSION_ARCHITECTURES


def _pool_subject(pool: NodePool) -> str:
    return f'cluster.node_pools["{pool.name}"]'


def _chosen_pool(ctx: Context) -> NodePool | None:
    name = ctx.env.extension.node_pool
    return next((p for p in ctx.env.cluster.node_pools if p.name == name), None)


@rule("SM-SUP-17", on=NEEDS_EXTENSION | {"install_extension"})
def extension_and_container(ctx: Context) -> Iterator[Finding]:
    """The extension must be installed, with a storage account and a container for backups only."""
    extension = ctx.env.extension
    container = extension.storage_account.container
    if ctx.kind != "install_extension":
        if not extension.installed:
            yield finding(
                "SM-SUP-17", Effect.BLOCKS, "extension.installed",
                "the backup extension is not installed on the cluster.",
            )  # fmt: skip
        return
    if container.foreign_files:
        yield finding(
            "SM-SUP-17", Effect.BLOCKS, "extension.storage_account.container.foreign_files",
            f"blob container {container.name!r} holds files that are not backups; give the extension "
            "a container of its own.",
        )  # fmt: skip
    elif not container.empty:
        yield finding(
            "SM-SUP-17", Effect.WARNS, "extension.storage_account.container.empty",
            f"blob container {container.name!r} is not empty; an empty container is preferred.",
        )  # fmt: skip


@rule("SM-SUP-18", on=("install_extension", "configure_backup"))
def extension_storage_account(ctx: Context) -> Iterator[Finding]:
    """The extension's storage account is general-purpose v2, not Premium, in the cluster's region."""
    account, cluster = ctx.env.extension.storage_account, ctx.env.cluster
    if account.region != cluster.region:
        yield finding(
            "SM-SUP-18", Effect.BLOCKS, "extension.storage_account.region",
            f"storage account {account.name!r} is in {account.region}, the cluster in {cluster.region}.",
        )  # fmt: skip
    if account.kind not in SUPPORTED_STORAGE_ACCOUNT_KINDS:
        yield finding(
            "SM-SUP-18", Effect.BLOCKS, "extension.storage_account.kind",
            f"storage account kind {account.kind} is not general-purpose v2 (StorageV2).",
        )  # fmt: skip
    if account.sku.startswith("Premium"):
        yield finding(
            "SM-SUP-18", Effect.BLOCKS, "extension.storage_account.sku",
            f"storage account SKU {account.sku} is a Premium account, which is not supported.",
        )  # fmt: skip


@rule("SM-SUP-20", on=("install_extension",))
def extension_node_pool_os(ctx: Context) -> Iterator[Finding]:
    """The extension runs only on x86 node pools with Ubuntu or Azure Linux.

    A Windows or an ARM64 pool is refused here too, with the same subject as SM-UNS-04 (which states
    that part alone; see `statements.OVERLAPS`)."""
    name = ctx.env.extension.node_pool
    pools = ctx.env.cluster.node_pools
    if name is not None:
        pool = _chosen_pool(ctx)
        if pool is None:
            yield finding(
                "SM-SUP-20", Effect.BLOCKS, "extension.node_pool",
                f"the cluster has no node pool named {name!r}.",
            )  # fmt: skip
        elif not extension_capable(pool):
            yield finding(
                "SM-SUP-20", Effect.BLOCKS, _pool_subject(pool),
                f"node pool {pool.name!r} is {pool.os_sku}/{pool.arch}; the extension needs Ubuntu or "
                "Azure Linux on x86.",
            )  # fmt: skip
    elif not any(extension_capable(p) for p in pools):
        yield finding(
            "SM-SUP-20", Effect.BLOCKS, "cluster.node_pools",
            "no node pool runs Ubuntu or Azure Linux on x86, so the extension has nowhere to run.",
        )  # fmt: skip


@rule("SM-UNS-04", on=("install_extension",))
def no_windows_or_arm64_pools(ctx: Context) -> Iterator[Finding]:
    """The extension cannot run on Windows or ARM64 pools; add a Linux x86 pool (preferably System)."""
    advice = "add a Linux x86 node pool (preferably a System pool) for the extension."
    pools = ctx.env.cluster.node_pools
    if ctx.env.extension.node_pool is not None:
        pool = _chosen_pool(ctx)
        if pool is not None and windows_or_arm(pool):
            yield finding(
                "SM-UNS-04", Effect.BLOCKS, _pool_subject(pool),
                f"node pool {pool.name!r} is {pool.os_sku}/{pool.arch}; {advice}",
            )  # fmt: skip
    elif not any(extension_capable(p) for p in pools) and any(windows_or_arm(p) for p in pools):
        yield finding(
            "SM-UNS-04", Effect.BLOCKS, "cluster.node_pools",
            f"every node pool is Windows, ARM64 or another OS; {advice}",
        )  # fmt: skip


@rule("SM-SUP-21", on=RUNNING_KINDS)
def healthy_cluster_and_extension(ctx: Context) -> Iterator[Finding]:
    """The cluster and the extension pods are running and healthy before backup, restore or pruning."""
    if not ctx.env.cluster.healthy:
        yield finding(
            "SM-SUP-21", Effect.BLOCKS, "cluster.healthy",
            "the cluster is not running and healthy.",
        )  # fmt: skip
    if not ctx.env.extension.healthy:
        yield finding(
            "SM-SUP-21", Effect.BLOCKS, "extension.healthy",
            "the backup extension's pods are not running and healthy.",
        )  # fmt: skip
    if ctx.kind == "restore" and ctx.op.target.healthy is False:  # type: ignore[union-attr]
        yield finding(
            "SM-SUP-21", Effect.BLOCKS, "operation.target.healthy",
            "the target cluster or its backup extension is not running and healthy.",
        )  # fmt: skip


@rule("SM-UNS-06", on=PROTECTION_KINDS)
def no_velero(ctx: Context) -> Iterator[Finding]:
    """No Velero beside the extension; velero.io labels and annotations can misbehave."""
    cluster = ctx.env.cluster
    if cluster.velero_installed:
        yield finding(
            "SM-UNS-06", Effect.BLOCKS, "cluster.velero_installed",
            "Velero (or a Velero-based tool) runs in the cluster; it conflicts with the backup extension.",
        )  # fmt: skip
    if ctx.kind not in BACKUP_KINDS:
        return
    for namespace in cluster.namespaces:
        if _has_velero_keys(namespace.labels, namespace.annotations) and ctx.is_selected(namespace.name):
            yield finding(
                "SM-UNS-06", Effect.WARNS, f'cluster.namespaces["{namespace.name}"]',
                f"namespace {namespace.name!r} carries velero.io labels or annotations; expect surprises.",
            )  # fmt: skip
    for i, volume in ctx.backed_up_volumes:
        if _has_velero_keys(volume.labels, volume.annotations):
            yield finding(
                "SM-UNS-06", Effect.WARNS, f"cluster.volumes[{i}]",
                f"{volume.claim} carries velero.io labels or annotations; expect surprises.",
            )  # fmt: skip


def _velero_key(key: str) -> bool:
    """A label or annotation key whose prefix is velero.io or one of its subdomains."""
    prefix = key.split("/", 1)[0] if "/" in key else ""
    return prefix == VELERO_PREFIX or prefix.endswith("." + VELERO_PREFIX)


def _has_velero_keys(*mappings: dict[str, str]) -> bool:
    # Plain loops with a substring pre-check: this runs for every namespace (up to 800) of a backup.
    for mapping in mappings:
        for key in mapping:
            if VELERO_PREFIX in key and _velero_key(key):
                return True
    return False


@rule("SM-VLT-08", on=BACKUP_KINDS)
def storage_account_reachable_for_tiering(ctx: Context) -> Iterator[Finding]:
    """For tiering, the extension's storage account is public, or trusts the Backup vault."""
    account = ctx.env.extension.storage_account
    if not ctx.vault_tier or account.publicly_reachable or account.trusted_vault:
        return
    effect = Effect.BLOCKS if ctx.kind in TIERING_KINDS else Effect.WARNS
    yield finding(
        "SM-VLT-08", effect, "extension.storage_account.trusted_vault",
        f"storage account {account.name!r} is not public and does not trust the Backup vault; "
        "add the vault as a trusted service so that tiering can read it.",
    )  # fmt: skip
