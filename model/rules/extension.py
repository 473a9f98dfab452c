"""The backup extension, its node pool and its storage account (matrix #supported-scenarios,
#unsupported-scenarios-and-limitations, #limitations-specific-for-vaulted-backup-and-cross-region-restore)."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

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
from . import Context, cannot_tell, finding, rule

NEEDS_EXTENSION = RUNNING_KINDS | {"configure_backup"}


def windows_or_arm(pool: NodePool) -> bool:
    """SM-UNS-04: a Windows or an ARM64 node pool, as far as its given facts show (a pool whose OS or
    architecture is not given is one `extension_capable` is unsure about)."""
    return pool.os_sku in WINDOWS_OS_SKUS or (
        pool.arch is not None and pool.arch not in EXTENSION_ARCHITECTURES
    )


def extension_capable(pool: NodePool) -> bool | None:
    """SM-SUP-20: x86 and Ubuntu or Azure Linux (None: its OS or architecture is not given)."""
    if (pool.os_sku is not None and pool.os_sku not in EXTENSION_OS_SKUS) or (
        pool.arch is not None and pool.arch not in EXTENSION_ARCHITECTURES
    ):
        return False
    if pool.os_sku is None or pool.arch is None:
        return None
    return True


def _unknown_pool_facts(statement_id: str, pools: Iterable[NodePool], question: str) -> Iterator[Finding]:
    for pool in pools:
        for field in ("os_sku", "arch"):
            if getattr(pool, field) is None:
                yield cannot_tell(statement_id, f"{_pool_subject(pool)}.{field}", question)


def _pool_subject(pool: NodePool) -> str:
    return f'cluster.node_pools["{pool.name}"]'


def _chosen_pool(ctx: Context) -> NodePool | None:
    name = ctx.env.extension.node_pool
    return next((p for p in ctx.env.cluster.node_pools or () if p.name == name), None)


@rule("SM-SUP-17", on=NEEDS_EXTENSION | {"install_extension"})
def extension_and_container(ctx: Context) -> Iterator[Finding]:
    """The extension must be installed, with a storage account and a container for backups only."""
    extension = ctx.env.extension
    container = extension.storage_account.container
    if ctx.kind != "install_extension":
        if extension.installed is None:
            yield cannot_tell("SM-SUP-17", "extension.installed", "whether the backup extension is installed")
        elif not extension.installed:
            yield finding(
                "SM-SUP-17", Effect.BLOCKS, "extension.installed",
                "the backup extension is not installed on the cluster.",
            )  # fmt: skip
        return
    if container.foreign_files is None:
        yield cannot_tell(
            "SM-SUP-17", "extension.storage_account.container.foreign_files",
            "whether the blob container holds files that are not backups",
        )  # fmt: skip
    elif container.foreign_files:
        yield finding(
            "SM-SUP-17", Effect.BLOCKS, "extension.storage_account.container.foreign_files",
            f"blob container {container.name!r} holds files that are not backups; give the extension "
            "a container of its own.",
        )  # fmt: skip
    elif container.empty is False:
        yield finding(
            "SM-SUP-17", Effect.WARNS, "extension.storage_account.container.empty",
            f"blob container {container.name!r} is not empty; an empty container is preferred.",
        )  # fmt: skip


@rule("SM-SUP-18", on=("install_extension", "configure_backup"))
def extension_storage_account(ctx: Context) -> Iterator[Finding]:
    """The extension's storage account is general-purpose v2, not Premium, in the cluster's region."""
    account, cluster = ctx.env.extension.storage_account, ctx.env.cluster
    for where, value in (
        ("cluster.region", cluster.region),
        ("extension.storage_account.region", account.region),
    ):
        if value is None:
            yield cannot_tell("SM-SUP-18", where, "whether the storage account is in the cluster's region")
    for field, value in (("kind", account.kind), ("sku", account.sku)):
        if value is None:
            yield cannot_tell(
                "SM-SUP-18", f"extension.storage_account.{field}",
                "whether the storage account is a general-purpose v2, non-Premium account",
            )  # fmt: skip
    if None not in (account.region, cluster.region) and account.region != cluster.region:
        yield finding(
            "SM-SUP-18", Effect.BLOCKS, "extension.storage_account.region",
            f"storage account {account.name!r} is in {account.region}, the cluster in {cluster.region}.",
        )  # fmt: skip
    if account.kind is not None and account.kind not in SUPPORTED_STORAGE_ACCOUNT_KINDS:
        yield finding(
            "SM-SUP-18", Effect.BLOCKS, "extension.storage_account.kind",
            f"storage account kind {account.kind} is not general-purpose v2 (StorageV2).",
        )  # fmt: skip
    if account.sku is not None and account.sku.startswith("Premium"):
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
    question = "whether a node pool can run the extension"
    if pools is None:
        yield cannot_tell("SM-SUP-20", "cluster.node_pools", question)
    elif name is not None:
        pool = _chosen_pool(ctx)
        if pool is None:
            yield finding(
                "SM-SUP-20", Effect.BLOCKS, "extension.node_pool",
                f"the cluster has no node pool named {name!r}.",
            )  # fmt: skip
        elif extension_capable(pool) is False:
            yield finding(
                "SM-SUP-20", Effect.BLOCKS, _pool_subject(pool),
                f"node pool {pool.name!r} is {pool.os_sku}/{pool.arch}; the extension needs Ubuntu or "
                "Azure Linux on x86.",
            )  # fmt: skip
        elif extension_capable(pool) is None:
            yield from _unknown_pool_facts("SM-SUP-20", [pool], question)
    elif not any(extension_capable(p) for p in pools):
        unsure = [p for p in pools if extension_capable(p) is None]
        if unsure:
            yield from _unknown_pool_facts("SM-SUP-20", unsure, question)
        else:
            yield finding(
                "SM-SUP-20", Effect.BLOCKS, "cluster.node_pools",
                "no node pool runs Ubuntu or Azure Linux on x86, so the extension has nowhere to run.",
            )  # fmt: skip


@rule("SM-UNS-04", on=("install_extension",))
def no_windows_or_arm64_pools(ctx: Context) -> Iterator[Finding]:
    """The extension cannot run on Windows or ARM64 pools; add a Linux x86 pool (preferably System)."""
    advice = "add a Linux x86 node pool (preferably a System pool) for the extension."
    pools = ctx.env.cluster.node_pools
    question = "whether the extension would land on a Windows or ARM64 pool"
    if pools is None:
        yield cannot_tell("SM-UNS-04", "cluster.node_pools", question)
    elif ctx.env.extension.node_pool is not None:
        pool = _chosen_pool(ctx)
        if pool is not None and windows_or_arm(pool):
            yield finding(
                "SM-UNS-04", Effect.BLOCKS, _pool_subject(pool),
                f"node pool {pool.name!r} is {pool.os_sku}/{pool.arch}; {advice}",
            )  # fmt: skip
        elif pool is not None and extension_capable(pool) is None:
            yield from _unknown_pool_facts("SM-UNS-04", [pool], question)
    elif not any(extension_capable(p) for p in pools):
        # Unsure about exactly the pools SM-SUP-20 is unsure about (the two state one fact).
        unsure = [p for p in pools if extension_capable(p) is None]
        if unsure:
            yield from _unknown_pool_facts("SM-UNS-04", unsure, question)
        elif any(windows_or_arm(p) for p in pools):
            yield finding(
                "SM-UNS-04", Effect.BLOCKS, "cluster.node_pools",
                f"every node pool is Windows, ARM64 or another OS; {advice}",
            )  # fmt: skip


@rule("SM-SUP-21", on=RUNNING_KINDS)
def healthy_cluster_and_extension(ctx: Context) -> Iterator[Finding]:
    """The cluster and the extension pods are running and healthy before backup, restore or pruning."""
    for where, value in (
        ("cluster.healthy", ctx.env.cluster.healthy),
        ("extension.healthy", ctx.env.extension.healthy),
    ):
        if value is None:
            yield cannot_tell(
                "SM-SUP-21", where, "whether the cluster and the extension are running and healthy"
            )
    if ctx.env.cluster.healthy is False:
        yield finding(
            "SM-SUP-21", Effect.BLOCKS, "cluster.healthy",
            "the cluster is not running and healthy.",
        )  # fmt: skip
    if ctx.env.extension.healthy is False:
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
    if cluster.velero_installed is None:
        yield cannot_tell("SM-UNS-06", "cluster.velero_installed", "whether Velero runs beside the extension")
    elif cluster.velero_installed:
        yield finding(
            "SM-UNS-06", Effect.BLOCKS, "cluster.velero_installed",
            "Velero (or a Velero-based tool) runs in the cluster; it conflicts with the backup extension.",
        )  # fmt: skip
    if ctx.kind not in BACKUP_KINDS:
        return
    for namespace in cluster.namespaces or ():
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
    prefix = key.rpartition("/")[0]  # "" when the key has no prefix
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
    if ctx.vault_tier is False or account.publicly_reachable or account.trusted_vault:
        return
    blocks = ctx.kind in TIERING_KINDS  # a warning that may or may not apply is left unsaid
    unknown = [
        f"extension.storage_account.{field}"
        for field in ("public_network_access", "default_action", "trusted_vault")
        if getattr(account, field) is None
        and (field == "trusted_vault" or account.publicly_reachable is None)
    ]
    if ctx.vault_tier is None or unknown:
        if blocks:
            question = "whether tiering can read the extension's storage account"
            for where in unknown if ctx.vault_tier else ["policy"]:
                yield cannot_tell("SM-VLT-08", where, question)
        return
    effect = Effect.BLOCKS if blocks else Effect.WARNS
    yield finding(
        "SM-VLT-08", effect, "extension.storage_account.trusted_vault",
        f"storage account {account.name!r} is not public and does not trust the Backup vault; "
        "add the vault as a trusted service so that tiering can read it.",
    )  # fmt: skip
