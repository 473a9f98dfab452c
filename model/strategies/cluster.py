"""Strategies for the cluster and its parts: `node_pools()`, `namespaces()`, `volumes()`, `clusters()`."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..environment import Cluster, Namespace, NodePool, StorageProfile, Volume
from ..tables import (
    AZURE_DISK_CSI_DRIVER,
    DISK_SKUS,
    EXCLUDED_NAMESPACES,
    EXTENSION_OS_SKUS,
    KNOWN_VOLUME_DRIVERS,
    MAX_DISKS_PER_BACKUP_INSTANCE,
    MAX_NAMESPACES_PER_BACKUP_INSTANCE,
    MAX_VAULT_DISK_SIZE_GIB,
    OTHER_LINUX_OS_SKUS,
    SUPPORTED_DISK_SKUS,
    WINDOWS_OS_SKUS,
)
from ._values import (
    _CLAIM_NAMES,
    _OTHER_DRIVERS,
    _OTHER_OS_SKUS,
    _POOL_NAMES,
    _STORAGE_CLASSES,
    _VM_SIZES,
    T,
    _check_bounds,
    _check_strategy,
    _good,
    _labels,
    _mostly,
    _names,
    _namespace_names,
    _replace,
    _subscriptions,
    _tenants,
    _usually,
    kubernetes_versions,
    regions,
)

# How many elements a list strategy draws one by one; beyond, bulk fillers reach the limits cheaply.
_DRAWN_NAMESPACES = 5
_DRAWN_VOLUMES = 5


def _bulk_total(draw: st.DrawFn, limit: int, drawn: int, uncounted: int, lo: int, hi: int | None) -> int:
    """How long a list gets: at least `lo` and what was drawn; now and then (1 in 10) long enough that the
    elements the limit counts (all but `uncounted`) are one under, at or one over `limit`, when `hi`
    (None: no bound) allows it."""
    total = max(lo, drawn)
    if draw(_BULK):
        near = [n + uncounted for n in (limit - 1, limit, limit + 1)]
        near = [n for n in near if total <= n and (hi is None or n <= hi)]
        if near:
            total = draw(st.sampled_from(near))
    return total


_BULK = _mostly(False, (True,), weight=9)
"""Whether to fill a list up to a count around a limit (1 in 10)."""


# --- the cluster --------------------------------------------------------------------------------------


def node_pools(*, names: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[NodePool]:
    """Agent pools of any mode, OS SKU (Ubuntu and Azure Linux, Windows, other Linux, unknown) and
    architecture (x86_64, arm64). `names`: the strategy for pool names."""
    _check_strategy("names", names)
    return st.builds(
        NodePool,
        name=names if names is not None else _names(_POOL_NAMES),
        mode=st.sampled_from(("System", "User", "Gateway")),
        os_sku=_usually(
            st.sampled_from(("Ubuntu", *sorted(EXTENSION_OS_SKUS - {"Ubuntu"}))),
            st.sampled_from(sorted(WINDOWS_OS_SKUS | OTHER_LINUX_OS_SKUS) + list(_OTHER_OS_SKUS)),
            weight=2,
        ),
        arch=_mostly("x86_64", ("arm64",), weight=5),
        vm_size=st.none() | st.sampled_from(_VM_SIZES),
        healthy=_good(),
    )


def namespaces(*, names: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Namespace]:
    """Namespaces, the excluded system ones included, with labels and annotations that sometimes
    carry the velero.io prefix. `names`: the strategy for namespace names."""
    _check_strategy("names", names)
    return st.builds(
        Namespace,
        name=names if names is not None else _namespace_names(),
        labels=_labels(),
        annotations=_labels(),
    )


def volumes(*, namespace: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[Volume]:
    """Persistent volumes of every driver (Azure Disk CSI mostly; in-tree plugins, Azure Files, Blob and
    Container Storage, drivers the matrix never names), every disk SKU, sizes around 1 TiB, static and
    dynamic, with and without a storage class, private and public disks, now and then a disk declared
    inline in a pod. Every fact is given (see `environments(unknowns=...)` and `forgetting()`).

    `namespace`: the strategy for the claim's namespace (default: any namespace name).
    """
    _check_strategy("namespace", namespace)
    claims = st.builds(
        "{}/{}".format,
        namespace if namespace is not None else _namespace_names(),
        _names(_CLAIM_NAMES),
    )
    limit = MAX_VAULT_DISK_SIZE_GIB
    return st.builds(
        Volume,
        claim=claims,
        pod=_mostly(None, ("web-0", "report-builder-1"), weight=5),
        driver=_usually(
            st.just(AZURE_DISK_CSI_DRIVER), st.sampled_from(KNOWN_VOLUME_DRIVERS + _OTHER_DRIVERS), weight=2
        ),
        sku=st.sampled_from(DISK_SKUS),
        size_gib=st.sampled_from((32, 1, 128, 512, limit - 1, limit, limit + 1, 4 * limit, 65536))
        | st.integers(1, 2 * limit),
        provisioning=_mostly("dynamic", ("static",), weight=2),
        storage_class=st.sampled_from(_STORAGE_CLASSES),
        network_access=_mostly("AllowAll", ("AllowPrivate", "DenyAll"), weight=6),
        public_network_access=_mostly("Enabled", ("Disabled",), weight=6),
        labels=_labels(),
        annotations=_labels(),
    )


_NODE_POOLS = node_pools()
_NAMESPACES = namespaces()
_VOLUMES = volumes(namespace=st.just("ns"))
"""Volumes whose claim's namespace the cluster strategy replaces by one of its own."""
_CLUSTER_FIELDS = st.fixed_dictionaries(
    {
        "name": _names(("aks-prod-weu", "aks-cluster"), max_size=20),
        "region": regions(),
        "subscription": _subscriptions(),
        "tenant": _tenants(),
        "kubernetes_version": kubernetes_versions(),
        "support_plan": _mostly("KubernetesOfficial", ("AKSLongTermSupport",)),
        "identity": _mostly("SystemAssigned", ("UserAssigned", "ServicePrincipal"), weight=6),
        "private_cluster": _good(False, weight=4),
        "private_endpoint": st.booleans(),
        "network_isolated": _good(False),
        "healthy": _good(),
        "storage_profile": st.builds(
            StorageProfile,
            disk_csi_driver=_good(),
            file_csi_driver=st.booleans(),
            blob_csi_driver=st.booleans(),
            snapshot_controller=_good(),
        ),
        "velero_installed": _good(False),
        "autoscaler_enabled": st.booleans(),
        "sufficient_capacity": st.booleans(),
    }
)


def _fill(drawn: Sequence[T], total: int, make: Callable[[int], T], key: Callable[[T], str]) -> tuple[T, ...]:
    """`drawn`, then `make(0)`, `make(1)`... (skipping keys already taken) up to `total` elements."""
    taken = {key(item) for item in drawn}
    out = list(drawn)
    index = 0
    while len(out) < total:
        item = make(index)
        index += 1
        if key(item) not in taken:
            out.append(item)
    return tuple(out)


@st.composite
def _clusters(
    draw: st.DrawFn,
    pools: st.SearchStrategy[list[NodePool]],
    spaces: st.SearchStrategy[list[Namespace]],
    space_bounds: tuple[int, int | None],
    volume_bounds: tuple[int, int | None],
) -> Cluster:
    """A cluster whose volumes' claims are in its namespaces. Namespaces and volumes are drawn one by one
    up to a few; then, now and then (or to reach the minimum), plain ones fill the lists up to a count
    around the 800-namespace (SM-LIM-04) or the 100-disk (SM-VLT-02) limit, which would be far too
    many to draw one by one."""
    node_pool_list = draw(pools)
    drawn_spaces = draw(spaces)
    lo, hi = space_bounds
    excluded = sum(n.name in EXCLUDED_NAMESPACES for n in drawn_spaces)
    total = _bulk_total(draw, MAX_NAMESPACES_PER_BACKUP_INSTANCE, len(drawn_spaces), excluded, lo, hi)
    space_list = _fill(drawn_spaces, total, lambda i: Namespace(name=f"bulk-ns-{i}"), lambda n: n.name)

    names = [n.name for n in space_list]
    volume_list: tuple[Volume, ...] = ()
    if names:
        lo, hi = volume_bounds
        homes = st.sampled_from(names)
        drawn = draw(
            st.lists(
                st.tuples(homes, _VOLUMES).map(lambda t: _replace(t[1], claim=_reclaim(*t))),
                min_size=min(lo, _DRAWN_VOLUMES),
                max_size=_DRAWN_VOLUMES if hi is None else min(hi, _DRAWN_VOLUMES),
                unique_by=lambda v: v.claim,
            )
        )
        selected = [n for n in names if n not in EXCLUDED_NAMESPACES]
        other = sum(v.driver != AZURE_DISK_CSI_DRIVER or v.namespace not in selected for v in drawn)
        total = _bulk_total(draw, MAX_DISKS_PER_BACKUP_INSTANCE, len(drawn), other, lo, hi)
        homes_of_bulk = selected or names
        template = Volume(
            claim=f"{homes_of_bulk[0]}/bulk-pvc",
            sku=draw(st.sampled_from(tuple(SUPPORTED_DISK_SKUS))),
            size_gib=draw(st.sampled_from((8, 32, 128, MAX_VAULT_DISK_SIZE_GIB))),
        )
        volume_list = _fill(
            drawn,
            total,
            lambda i: _replace(template, claim=f"{homes_of_bulk[i % len(homes_of_bulk)]}/bulk-pvc-{i}"),
            lambda v: v.claim,
        )
    return Cluster(
        **draw(_CLUSTER_FIELDS), node_pools=tuple(node_pool_list), namespaces=space_list, volumes=volume_list
    )


def _reclaim(namespace: str, volume: Volume) -> str:
    return f"{namespace}/{volume.claim.split('/', 1)[1]}"


def clusters(
    *,
    min_node_pools: int = 1,
    max_node_pools: int = 4,
    min_namespaces: int = 0,
    max_namespaces: int | None = None,
    min_volumes: int = 0,
    max_volumes: int | None = None,
) -> st.SearchStrategy[Cluster]:
    """AKS clusters: node pools with unique names, namespaces with unique names, and volumes with unique
    claims in those namespaces (when there are volumes there is at least one namespace).

    A few namespaces and volumes are drawn one by one; now and then (and whenever `min_*` asks for more)
    the lists are filled with plain ones until the counts the matrix limits (selectable namespaces, Azure
    Disk CSI volumes in them) are one under, at or one over the limit (800 namespaces per backup
    instance, 100 disks), when `max_*` (None: no bound) allows it. Raises `InvalidArgument` when a
    `min_*` exceeds its `max_*` or volumes are asked for with no namespace to hold their claims.
    """
    _check_bounds("node_pools", min_node_pools, max_node_pools)
    _check_bounds("namespaces", min_namespaces, max_namespaces)
    _check_bounds("volumes", min_volumes, max_volumes)
    if min_volumes > 0 and max_namespaces == 0:
        raise InvalidArgument(
            f"min_volumes={min_volumes!r} needs a namespace for the claims, but max_namespaces=0"
        )
    lo = max(min_namespaces, 1 if min_volumes else 0)
    pools = st.lists(
        _NODE_POOLS, min_size=min_node_pools, max_size=max_node_pools, unique_by=lambda p: p.name
    )
    spaces = st.lists(
        _NAMESPACES,
        min_size=min(lo, _DRAWN_NAMESPACES),
        max_size=_DRAWN_NAMESPACES if max_namespaces is None else min(max_namespaces, _DRAWN_NAMESPACES),
        unique_by=lambda n: n.name,
    )
    return _clusters(pools, spaces, (lo, max_namespaces), (min_volumes, max_volumes))
