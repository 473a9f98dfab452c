"""The cluster itself (matrix #supported-scenarios, #unsupported-scenarios-and-limitations)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from ..fields import minor_of, version_tuple
from ..operations import PROTECTION_KINDS
from ..outcome import Effect, Finding
from ..tables import AKS_CALENDAR_COMPLETE_UNTIL, AKS_VERSION_CALENDAR, AKS_VERSIONS
from . import Context, cannot_tell, finding, rule


def kubernetes_version_supported(version: str, *, on: dt.date, lts: bool) -> bool:
    """Whether AKS supports this version's minor on the date `on`.

    With `lts`, a minor that has a long-term-support window is supported until the end of that window;
    a minor the calendar does not know is not supported here (see `beyond_calendar` for the newer ones).
    """
    entry = AKS_VERSIONS.get(minor_of(version))
    return entry is not None and entry.ga <= on <= (
        entry.lts_end_of_life if lts and entry.lts_end_of_life else entry.end_of_life
    )


_NEWEST = max(AKS_VERSION_CALENDAR, key=lambda entry: version_tuple(entry.minor)).minor
"""The newest minor of the AKS calendar the model carries."""


def beyond_calendar(version: str, *, on: dt.date) -> bool:
    """Whether the calendar the model carries cannot say if AKS supports `version` on `on`: its minor is
    newer than every minor of the calendar and `on` is after the day the calendar is complete until."""
    return version_tuple(minor_of(version)) > version_tuple(_NEWEST) and on > AKS_CALENDAR_COMPLETE_UNTIL


@rule("SM-SUP-01", on=PROTECTION_KINDS)
def supported_kubernetes_versions(ctx: Context) -> Iterator[Finding]:
    """Only supported Kubernetes versions are covered; on others backup may run but is not covered."""
    cluster = ctx.env.cluster
    if cluster.kubernetes_version is None:
        yield cannot_tell(
            "SM-SUP-01",
            "cluster.kubernetes_version",
            f"whether the Kubernetes version is supported on {ctx.env.date}",
        )
        return
    if beyond_calendar(cluster.kubernetes_version, on=ctx.env.date):
        yield Finding(
            "SM-SUP-01", Effect.CANNOT_TELL, "cluster.kubernetes_version",
            f"cannot tell whether AKS supports Kubernetes {cluster.kubernetes_version} on {ctx.env.date}: "
            f"the AKS calendar this tool carries ends with {_NEWEST} (complete until "
            f"{AKS_CALENDAR_COMPLETE_UNTIL}); check the AKS release calendar or a newer release of this tool.",
            beyond_tables=True,
        )  # fmt: skip
        return
    supported = {
        lts: kubernetes_version_supported(cluster.kubernetes_version, on=ctx.env.date, lts=lts)
        for lts in (False, True)
    }
    if cluster.support_plan is None and supported[False] != supported[True]:
        yield cannot_tell(
            "SM-SUP-01", "cluster.support_plan",
            f"whether Kubernetes {cluster.kubernetes_version} is in a long-term support window on {ctx.env.date}",
        )  # fmt: skip
        return
    # Without a support plan both windows say the same here; the standard one is read.
    lts = cluster.support_plan == "AKSLongTermSupport"
    if not supported[lts]:
        yield finding(
            "SM-SUP-01", Effect.NOT_COVERED, "cluster.kubernetes_version",
            f"Kubernetes {cluster.kubernetes_version} is not a supported AKS version on {ctx.env.date}; "
            "backup and restore may run, but their failures are not covered.",
        )  # fmt: skip


@rule("SM-SUP-05", on=PROTECTION_KINDS)
def managed_identity(ctx: Context) -> Iterator[Finding]:
    """The cluster must use a system-assigned or user-assigned managed identity."""
    if ctx.env.cluster.identity is None:
        yield cannot_tell("SM-SUP-05", "cluster.identity", "whether the cluster uses a managed identity")
    elif ctx.env.cluster.identity == "ServicePrincipal":
        yield finding(
            "SM-SUP-05", Effect.BLOCKS, "cluster.identity",
            "the cluster uses a service principal; switch it to a system- or user-assigned managed identity.",
        )  # fmt: skip


@rule("SM-SUP-19", on=PROTECTION_KINDS)
def private_cluster_endpoint(ctx: Context) -> Iterator[Finding]:
    """A cluster in a private network needs a private endpoint for backup operations."""
    cluster = ctx.env.cluster
    if cluster.private_cluster is None:
        yield cannot_tell("SM-SUP-19", "cluster.private_cluster", "whether the cluster is private")
    elif cluster.private_cluster and cluster.private_endpoint is None:
        yield cannot_tell(
            "SM-SUP-19",
            "cluster.private_endpoint",
            "whether the private cluster has a private endpoint for backup",
        )
    elif cluster.private_cluster and not cluster.private_endpoint:
        yield finding(
            "SM-SUP-19", Effect.BLOCKS, "cluster.private_endpoint",
            "the cluster is private and no private endpoint is configured for backup operations.",
        )  # fmt: skip


@rule("SM-UNS-05", on=PROTECTION_KINDS)
def network_isolated_clusters(ctx: Context) -> Iterator[Finding]:
    """Network-isolated clusters are not supported."""
    if ctx.env.cluster.network_isolated is None:
        yield cannot_tell("SM-UNS-05", "cluster.network_isolated", "whether the cluster is network isolated")
    elif ctx.env.cluster.network_isolated:
        yield finding(
            "SM-UNS-05", Effect.BLOCKS, "cluster.network_isolated",
            "AKS backup does not support network-isolated clusters in this edition.",
        )  # fmt: skip
