"""Restore and Cross Region Restore (matrix #supported-regions note, #supported-scenarios,
#unsupported-scenarios-and-limitations, #limitations-specific-for-vaulted-backup-and-cross-region-restore)."""

from __future__ import annotations

from collections.abc import Iterator

from ..fields import minor_of
from ..operations import Restore
from ..outcome import Effect, Finding
from ..tables import PAIRED_REGION, REGION_DISPLAY_NAMES
from . import Context, cannot_tell, finding, rule


def _restore(ctx: Context) -> Restore:
    assert isinstance(ctx.op, Restore)
    return ctx.op


def target_region(ctx: Context) -> str | None:
    return _restore(ctx).target.region or ctx.env.cluster.region


def _name(region: str) -> str:
    return REGION_DISPLAY_NAMES.get(region, region)


def _geo_restore_ready(ctx: Context) -> bool | None:
    """A GeoRedundant vault with Cross Region Restore on (None: not given)."""
    vault = ctx.env.vault
    if vault.redundancy not in (None, "GeoRedundant") or vault.cross_region_restore is False:
        return False
    if vault.redundancy is None or vault.cross_region_restore is None:
        return None
    return True


def _geo_restore_unknown(ctx: Context, statement_id: str, question: str) -> Iterator[Finding]:
    vault = ctx.env.vault
    for field in ("redundancy", "cross_region_restore"):
        if getattr(vault, field) is None:
            yield cannot_tell(statement_id, f"vault.{field}", question)


def _geo_restore_missing(ctx: Context) -> str:
    vault = ctx.env.vault
    return (
        f"a GeoRedundant vault with Cross Region Restore (this vault: {vault.redundancy}, Cross Region "
        f"Restore {'on' if vault.cross_region_restore else 'off'})"
    )


@rule("SM-REG-04", on=("configure_backup",))
def geo_redundant_restore(ctx: Context) -> Iterator[Finding]:
    """Restores in the paired region need the Vault tier and Cross Region Restore on the vault."""
    vault = ctx.env.vault
    if vault.cross_region_restore is None or vault.redundancy is None or ctx.vault_tier is None:
        return  # it only warns or informs: silent when a fact it reads is not given
    if vault.cross_region_restore and vault.redundancy != "GeoRedundant":
        yield finding(
            "SM-REG-04", Effect.WARNS, "vault.redundancy",
            f"Cross Region Restore needs a GeoRedundant vault; this one is {vault.redundancy}.",
        )  # fmt: skip
    elif vault.cross_region_restore and not ctx.vault_tier:
        yield finding(
            "SM-REG-04", Effect.WARNS, "policy.vault",
            "Cross Region Restore covers only Vault-tier points and the policy keeps only the "
            "Operational tier: nothing will be restorable in the paired region.",
        )  # fmt: skip
    elif _geo_restore_ready(ctx) and ctx.vault_tier:
        region = ctx.env.cluster.region
        if region is None:
            return
        pair = PAIRED_REGION.get(region)
        # Cross Region Restore reaches only the Azure paired region: without a pair it protects nothing.
        if pair is None:
            yield finding(
                "SM-REG-04", Effect.WARNS, "cluster.region",
                f"{_name(region)} has no Azure paired region: Cross Region Restore "
                "cannot make the Vault-tier points restorable anywhere else.",
            )  # fmt: skip
        else:
            yield finding(
                "SM-REG-04", Effect.INFORMS, "vault.cross_region_restore",
                f"Vault-tier points will also be restorable in {_name(pair)}.",
            )  # fmt: skip


@rule("SM-SUP-13", on=("restore",))
def restore_targets(ctx: Context) -> Iterator[Finding]:
    """Restore goes to the same or another cluster, from either tier, also in another subscription."""
    target, cluster, vault = _restore(ctx).target, ctx.env.cluster, ctx.env.vault
    if target.same_cluster:
        return
    if target.tenant is not None and cluster.tenant is None:
        yield cannot_tell(
            "SM-SUP-13", "cluster.tenant", "whether the target cluster is in the cluster's tenant"
        )
    elif target.tenant is not None and target.tenant != cluster.tenant:
        yield finding(
            "SM-SUP-13", Effect.BLOCKS, "operation.target.tenant",
            "the target cluster is in another tenant; restore crosses subscriptions, not tenants.",
        )  # fmt: skip
    elif target.subscription is not None and cluster.subscription is None:
        yield cannot_tell(
            "SM-SUP-13", "cluster.subscription", "whether the target cluster is in another subscription"
        )
    elif target.subscription is not None and target.subscription != cluster.subscription:
        if vault.cross_subscription_restore is None:
            yield cannot_tell(
                "SM-SUP-13",
                "vault.cross_subscription_restore",
                "whether the vault allows cross-subscription restore",
            )
        elif vault.cross_subscription_restore != "Enabled":
            yield finding(
                "SM-SUP-13", Effect.BLOCKS, "vault.cross_subscription_restore",
                f"cross-subscription restore is {vault.cross_subscription_restore} on the vault.",
            )  # fmt: skip
        else:
            yield finding(
                "SM-SUP-13", Effect.INFORMS, "operation.target.subscription",
                "restoring to a cluster in another subscription (cross-subscription restore).",
            )  # fmt: skip
    else:
        yield finding(
            "SM-SUP-13", Effect.INFORMS, "operation.target",
            "restoring to another cluster.",
        )  # fmt: skip


def _vault_restore_elsewhere(ctx: Context, statement_id: str) -> Iterator[Finding]:
    """A Vault-tier restore into another region: only into the Azure paired region, and only from a
    GeoRedundant vault with Cross Region Restore. SM-SUP-14 and SM-VLT-04 both state this
    (statements.OVERLAPS); each rule yields it whole, so an oracle covering one of them is judged on
    it alone, and the two cite the same effects on the same subjects."""
    source = ctx.env.cluster.region
    assert source is not None  # the callers say they cannot tell without it
    target = _restore(ctx).target.region or source
    pair = PAIRED_REGION.get(source)
    ready = _geo_restore_ready(ctx)
    if target != pair:
        where = f"its pair is {_name(pair)}" if pair else f"{_name(source)} has no paired region"
        yield finding(
            statement_id, Effect.BLOCKS, "operation.target.region",
            f"a Vault-tier restore leaves {_name(source)} only for its Azure paired region; {where}, "
            f"not {_name(target)}.",
        )  # fmt: skip
    if ready is None:
        yield from _geo_restore_unknown(
            ctx, statement_id, "whether the vault can restore into another region"
        )
    elif not ready:
        yield finding(
            statement_id, Effect.BLOCKS, "vault.cross_region_restore",
            f"restoring into another region needs {_geo_restore_missing(ctx)}.",
        )  # fmt: skip
    elif target == pair:
        yield finding(
            statement_id, Effect.INFORMS, "operation.target.region",
            f"restoring into the paired region {_name(pair)} (Cross Region Restore).",
        )  # fmt: skip


@rule("SM-SUP-14", on=("restore",))
def restore_regions(ctx: Context) -> Iterator[Finding]:
    """Operational restores stay in the region; Vault restores reach only the pair, with GRS and CRR."""
    op, source = _restore(ctx), ctx.env.cluster.region
    target = target_region(ctx)
    if target == source:
        return
    if source is None:
        yield cannot_tell("SM-SUP-14", "cluster.region", "whether the restore leaves the cluster's region")
        return
    assert target is not None  # target_region falls back on the source region
    if op.source_tier == "Operational":
        yield finding(
            "SM-SUP-14", Effect.BLOCKS, "operation.target.region",
            f"an Operational-tier restore must stay in {_name(source)}; the target is in {_name(target)}.",
        )  # fmt: skip
    else:
        yield from _vault_restore_elsewhere(ctx, "SM-SUP-14")


@rule("SM-VLT-04", on=("restore",))
def paired_regions_only(ctx: Context) -> Iterator[Finding]:
    """Disaster recovery reaches only the Azure paired region, from a GeoRedundant vault with CRR on."""
    if _restore(ctx).source_tier == "Vault" and target_region(ctx) != ctx.env.cluster.region:
        if ctx.env.cluster.region is None:
            yield cannot_tell(
                "SM-VLT-04", "cluster.region", "whether the target is the cluster's paired region"
            )
            return
        yield from _vault_restore_elsewhere(ctx, "SM-VLT-04")


@rule("SM-UNS-09", on=("restore",))
def restore_capacity(ctx: Context) -> Iterator[Finding]:
    """Restore does not add nodes; the target needs the capacity (or an autoscaler)."""
    target, cluster = _restore(ctx).target, ctx.env.cluster
    capacity, autoscaler = target.sufficient_capacity, target.autoscaler_enabled
    if target.same_cluster:
        capacity = cluster.sufficient_capacity if capacity is None else capacity
        autoscaler = cluster.autoscaler_enabled if autoscaler is None else autoscaler
    if capacity is False and autoscaler is False:  # it only warns: silent when a fact is not given
        yield finding(
            "SM-UNS-09", Effect.WARNS, "operation.target.sufficient_capacity",
            "the target cluster lacks capacity and has no autoscaler; restore adds no nodes and may fail.",
        )  # fmt: skip


@rule("SM-VLT-09", on=("restore",))
def staging_left_behind(ctx: Context) -> Iterator[Finding]:
    """After a Vault-tier restore the staging storage account and resource group stay; delete them."""
    op = _restore(ctx)
    if op.source_tier == "Vault":
        yield finding(
            "SM-VLT-09", Effect.WARNS, "operation.staging",
            f"the hydrated resources in staging resource group {op.staging.resource_group!r} and its "
            "storage account are not cleaned up; delete them once the restore is done.",
        )  # fmt: skip


@rule("SM-VLT-10", on=("restore",))
def staging_public_access(ctx: Context) -> Iterator[Finding]:
    """The staging storage account allows public network access during a restore."""
    op = _restore(ctx)
    if op.source_tier == "Vault" and op.staging.public_network_access != "Enabled":
        yield finding(
            "SM-VLT-10", Effect.BLOCKS, "operation.staging.public_network_access",
            f"the staging storage account's public network access is {op.staging.public_network_access}; "
            "the restore cannot move data through it.",
        )  # fmt: skip


@rule("SM-VLT-11", on=("restore",))
def staging_private_endpoint(ctx: Context) -> Iterator[Finding]:
    """A private target cluster needs a private endpoint to the staging storage account."""
    op, cluster = _restore(ctx), ctx.env.cluster
    private = op.target.private_cluster
    if private is None:
        private = cluster.private_cluster if op.target.same_cluster else False
    if op.source_tier != "Vault" or op.staging.private_endpoint_to_target:
        return
    if private is None:
        yield cannot_tell(
            "SM-VLT-11", "cluster.private_cluster", "whether the restore's target cluster is private"
        )
    elif private:
        yield finding(
            "SM-VLT-11", Effect.BLOCKS, "operation.staging.private_endpoint_to_target",
            "the target cluster is private and has no private endpoint to the staging storage account.",
        )  # fmt: skip


@rule("SM-VLT-12", on=("restore",))
def target_version_differs(ctx: Context) -> Iterator[Finding]:
    """A target on another Kubernetes version may fail or warn; Vault staging resources can help."""
    op, cluster = _restore(ctx), ctx.env.cluster
    version = op.target.kubernetes_version
    if version is None:
        return
    if cluster.kubernetes_version is None:
        yield cannot_tell(
            "SM-VLT-12",
            "cluster.kubernetes_version",
            "whether the target runs the backed-up Kubernetes version",
        )
        return
    if minor_of(version) == minor_of(cluster.kubernetes_version):
        return
    vault = op.source_tier == "Vault"
    extra = " The hydrated staging resources can be used to restore by hand." if vault else ""
    yield finding(
        "SM-VLT-12", Effect.NOT_COVERED, "operation.target.kubernetes_version",
        f"the target runs Kubernetes {version}, the backup was taken on {cluster.kubernetes_version}; "
        f"the restore may fail or finish with warnings (deprecated resources).{extra}",
    )  # fmt: skip
