"""Hypothesis strategies for environments and operations: property tests for the model and for your tool.

    >>> from hypothesis import given
    >>> from aks_backup_model.strategies import environments, operations
    >>> @given(env=environments(), op=operations())
    ... def test_my_tool_agrees(env, op): ...

The style is Hypothesis' own (api-style.rst): plural names, keyword-only options, and defaults that
generate *everything* the model accepts, the unsupported included: unlisted regions, Premium SSD v2 and
Ultra disks, Azure Files volumes, in-tree plugins, Windows and ARM64 pools, frequencies the matrix does
not offer, disks around 1 TiB, counts around the limits, Kubernetes versions around the AKS calendar,
velero.io labels. Values are biased towards the tables in `tables.py` and just outside them, and the
fields whose bad value refuses the operation (tenants, regions, health...) usually take the good value,
so that the other facts get a chance to matter. Every value drawn is a valid `Environment` (or
`Operation`); contradictory options raise `hypothesis.errors.InvalidArgument` at call time.

This module is not part of the pure core: it is the one place of the package that imports Hypothesis.
"""

from __future__ import annotations

import datetime as dt
import string
from collections.abc import Callable, Collection, Sequence
from typing import Any, TypeVar

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from pydantic import BaseModel

from .environment import (
    EDITIONS,
    BackupInstance,
    BlobContainer,
    Cluster,
    Environment,
    Extension,
    Namespace,
    NodePool,
    OperationalTier,
    Policy,
    RoleAssignments,
    StorageAccount,
    StorageProfile,
    Tooling,
    Vault,
    VaultTier,
    Volume,
)
from .operations import (
    OPERATION_KINDS,
    ConfigureAlerts,
    ConfigureBackup,
    CreatePolicy,
    CriticalVaultOperation,
    DeleteExpiredRecoveryPoints,
    DeleteRecoveryPoints,
    InstallExtension,
    ModifyBackupInstance,
    OnDemandBackup,
    Operation,
    Restore,
    RestoreTarget,
    ScheduledBackup,
    StagingLocation,
    TierToVault,
    ViewReport,
)
from .tables import (
    AKS_VERSION_CALENDAR,
    AZURE_DISK_CSI_DRIVER,
    BACKUP_FREQUENCIES_HOURS,
    DISK_SKUS,
    EXCLUDED_NAMESPACES,
    EXTENSION_OS_SKUS,
    KNOWN_VOLUME_DRIVERS,
    MAX_BACKUP_INSTANCES_PER_VAULT,
    MAX_DISKS_PER_BACKUP_INSTANCE,
    MAX_NAMESPACES_PER_BACKUP_INSTANCE,
    MAX_ON_DEMAND_BACKUPS_PER_DAY,
    MAX_POLICIES_PER_VAULT,
    MAX_RESTORES_PER_DAY,
    MAX_VAULT_DISK_SIZE_GIB,
    MIN_AZURE_CLI_VERSION,
    MIN_TERRAFORM_AZURERM_VERSION,
    OPERATIONAL_ONLY_REGIONS,
    OTHER_LINUX_OS_SKUS,
    PAIRED_REGION,
    REGION_DISPLAY_NAMES,
    ROLE_PROPAGATION_MINUTES,
    SUPPORTED_DISK_SKUS,
    VAULT_AND_OPERATIONAL_REGIONS,
    VELERO_PREFIX,
    WINDOWS_OS_SKUS,
)

__all__ = [
    "backup_instances",
    "clusters",
    "environments",
    "extensions",
    "kubernetes_versions",
    "namespaces",
    "node_pools",
    "operations",
    "policies",
    "regions",
    "storage_accounts",
    "vaults",
    "volumes",
]

T = TypeVar("T")
M = TypeVar("M", bound=BaseModel)

# How many elements a list strategy draws one by one; beyond, bulk fillers reach the limits cheaply.
_DRAWN_NAMESPACES = 5
_DRAWN_VOLUMES = 5


# --- helpers ------------------------------------------------------------------------------------------


def _mostly(value: T, others: Sequence[T], *, weight: int = 3) -> st.SearchStrategy[T]:
    """`value` about `weight` times in `weight + 1`, else one of `others`; shrinks to `value`."""
    return st.sampled_from((value,) * (weight * len(others)) + tuple(others))


def _usually(
    common: st.SearchStrategy[T], rare: st.SearchStrategy[T], *, weight: int = 3
) -> st.SearchStrategy[T]:
    """`common` about `weight` times in `weight + 1`, else `rare`; shrinks towards `common`.

    (`st.one_of` would not do: it drops repeated branches, so it cannot weight them.)
    """
    return st.integers(0, weight).flatmap(lambda i: rare if i == weight else common)


def _good(value: bool = True, *, weight: int = 9) -> st.SearchStrategy[bool]:
    """A flag that usually has the value that meets the matrix (else many environments would be refused
    for the same few reasons and the other facts would never matter); shrinks to that value."""
    return _mostly(value, (not value,), weight=weight)


def _around(limit: int) -> st.SearchStrategy[int]:
    """Counts: usually under the limit, else at it, just either side of it, or anywhere up to twice it."""
    edges = st.sampled_from((limit - 1, limit, limit + 1, 0, 1))
    return _usually(st.integers(0, limit - 1), edges | st.integers(0, 2 * limit), weight=2)


def _dotted(version: tuple[int, ...]) -> str:
    return ".".join(map(str, version))


def _versions_around(minimum: tuple[int, int, int]) -> st.SearchStrategy[str]:
    """Versions at a minimum, just below and above it, in the short and the `v` forms, and random ones."""
    major, minor, patch = minimum
    near = [
        minimum,
        (major, minor, patch + 1),
        (major, minor + 1, 0),
        (major, minor - 1, 99) if minor else (major - 1, 99, 0),
        (major, max(minor - 1, 0), 0),
        (major + 1, 0, 0),
        (max(major - 1, 0), 0, 0),
    ]
    forms = [_dotted(v) for v in near] + [f"{major}.{minor}", f"v{_dotted(minimum)}"]
    random = st.builds("{}.{}.{}".format, st.integers(0, major + 2), st.integers(0, 120), st.integers(0, 30))
    return st.sampled_from(forms) | random


def _check_type(name: str, value: object, expected: type) -> None:
    if isinstance(value, bool) is not (expected is bool) or not isinstance(value, expected):
        raise InvalidArgument(f"{name}={value!r} must be of type {expected.__name__}")


def _check_bounds(what: str, lo: int, hi: int | None) -> None:
    """InvalidArgument unless `0 <= min_<what> <= max_<what>`, integers (max_<what> may be None)."""
    _check_type(f"min_{what}", lo, int)
    if hi is not None:
        _check_type(f"max_{what}", hi, int)
    if lo < 0:
        raise InvalidArgument(f"min_{what}={lo!r} must be at least 0")
    if hi is not None and hi < lo:
        raise InvalidArgument(f"max_{what}={hi!r} is less than min_{what}={lo!r}")


def _check_strategy(name: str, value: object) -> None:
    if value is not None and not isinstance(value, st.SearchStrategy):
        raise InvalidArgument(f"{name}={value!r} must be a Hypothesis strategy or None")


def _replace(model: M, **changes: object) -> M:
    """`model` with `changes`, validated (unlike `model_copy(update=...)`, which would keep a region in
    display form, say, where the model stores the ARM form)."""
    return type(model).model_validate({**dict(model), **changes})


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
_BESIDE = _mostly(True, (False,), weight=4)
"""Whether a dependent resource sits where the cluster is (region, subscription, tenant)."""


# --- identifiers and vocabulary -----------------------------------------------------------------------

_NAME_ALPHABET = string.ascii_lowercase + string.digits + "-"
_GUID_SUBSCRIPTION = "00000000-0000-0000-0000-000000000001"
_GUID_TENANT = "00000000-0000-0000-0000-0000000000aa"
_OTHER_SUBSCRIPTIONS = ("5c0d4a4e-1b0f-4c3e-9e59-3f1a2b3c4d5e", "11111111-2222-3333-4444-555555555555")
_OTHER_TENANTS = ("72f988bf-86f1-41af-91ab-2d7cd011db47", "ffffffff-0000-0000-0000-0000000000bb")

_POOL_NAMES = ("system", "user", "nodepool1", "win1", "arm64", "gpu")
_NAMESPACE_NAMES = (
    "payments",
    "orders",
    "default",
    *EXCLUDED_NAMESPACES,
    "velero",
    "dataprotection-microsoft",
)
_CLAIM_NAMES = ("data", "db", "logs", "cache", "ledger")
_LABEL_KEYS = (
    "app",
    "team",
    "app.kubernetes.io/name",
    f"{VELERO_PREFIX}/exclude-from-backup",
    f"backup.{VELERO_PREFIX}/backup-volumes",
    f"{VELERO_PREFIX}/restore-name",
    "veleroio/almost",
    f"example.com/{VELERO_PREFIX}",
)
_OTHER_DRIVERS = ("ebs.csi.aws.com", "nfs.csi.k8s.io", "kubernetes.io/gce-pd", "driver.longhorn.io")
_OTHER_OS_SKUS = ("RHEL", "Ubuntu1804", "windows")
_VM_SIZES = ("Standard_D4ds_v5", "Standard_D4pds_v5", "Standard_B2s", "Standard_NC6s_v3")
_STORAGE_CLASSES = ("managed-csi", "managed-csi-premium", "default", "managed-premium", "")
_STANDARD_STORAGE_SKUS = (
    *("Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_GZRS", "Standard_RAGRS", "Standard_RAGZRS"),
)
_PREMIUM_STORAGE_SKUS = ("Premium_LRS", "Premium_ZRS")
_OFF_FREQUENCIES = (1, 2, 3, 5, 7, 9, 11, 13, 18, 23, 25, 48, 168, 8760)


def _names(known: Sequence[str], *, max_size: int = 12) -> st.SearchStrategy[str]:
    """A name from `known`, or any short DNS-ish name."""
    return st.sampled_from(known) | st.text(_NAME_ALPHABET, min_size=1, max_size=max_size)


def _namespace_names() -> st.SearchStrategy[str]:
    return _names(_NAMESPACE_NAMES)


def _subscriptions(usual: str = _GUID_SUBSCRIPTION) -> st.SearchStrategy[str]:
    return _mostly(usual, (_GUID_SUBSCRIPTION, *_OTHER_SUBSCRIPTIONS))


def _tenants(usual: str = _GUID_TENANT) -> st.SearchStrategy[str]:
    return _mostly(usual, (_GUID_TENANT, *_OTHER_TENANTS), weight=6)


def _labels() -> st.SearchStrategy[dict[str, str]]:
    keys = st.sampled_from(_LABEL_KEYS) | st.text(_NAME_ALPHABET, min_size=1, max_size=8)
    return _usually(
        st.just({}), st.dictionaries(keys, st.text(_NAME_ALPHABET, max_size=8), min_size=1, max_size=3)
    )


# --- regions, versions, dates -------------------------------------------------------------------------

_LISTED_REGIONS = ("westeurope", *sorted(VAULT_AND_OPERATIONAL_REGIONS - {"westeurope"}))
_OPERATIONAL_ONLY = tuple(sorted(OPERATIONAL_ONLY_REGIONS))
# Just outside the lists: real regions of the pair table that the matrix does not name, and near-misses.
_UNLISTED_REGIONS = (
    *sorted(set(PAIRED_REGION) - VAULT_AND_OPERATIONAL_REGIONS - OPERATIONAL_ONLY_REGIONS),
    "qatarcentral",
    "mexicocentral",
    "westeurope2",
    "west-europe",
    "eastus3",
)


def regions(*, unlisted: bool = True) -> st.SearchStrategy[str]:
    """Azure regions: both lists of the matrix (ARM and display forms) and, unless `unlisted=False`,
    regions in neither list (real ones the matrix does not name, near-misses and arbitrary names)."""
    _check_type("unlisted", unlisted, bool)
    listed = (
        st.sampled_from(_LISTED_REGIONS)
        | st.sampled_from(_OPERATIONAL_ONLY)
        | st.sampled_from(sorted(REGION_DISPLAY_NAMES.values()))
    )
    if not unlisted:
        return listed
    other = st.sampled_from(_UNLISTED_REGIONS) | st.text(
        string.ascii_lowercase + string.digits, min_size=1, max_size=14
    )
    return _usually(listed, other, weight=4)


_MINORS = tuple(entry.minor for entry in AKS_VERSION_CALENDAR)


def _minor_after(minor: str, step: int) -> str:
    major, number = minor.split(".")
    return f"{major}.{int(number) + step}"


def _version(minor: str, patch: int | None, prefix: str) -> str:
    return f"{prefix}{minor}" if patch is None else f"{prefix}{minor}.{patch}"


def kubernetes_versions() -> st.SearchStrategy[str]:
    """Kubernetes versions of every minor of the AKS calendar, one minor either side, and older ones;
    with or without a patch number, sometimes with a leading `v`."""
    outside = (_minor_after(_MINORS[0], -1), _minor_after(_MINORS[-1], 1), "1.20", "2.0")
    minors = st.sampled_from((*reversed(_MINORS), *outside))
    patch = st.integers(0, 20) | st.none()
    return st.builds(_version, minors, patch, _mostly("", ("v",), weight=5))


def _calendar_dates() -> st.SearchStrategy[dt.date | None]:
    """None (the edition's date) or a date around a GA or end-of-life date of the AKS calendar."""
    edges: set[dt.date] = set()
    for entry in AKS_VERSION_CALENDAR:
        for day in (entry.ga, entry.end_of_life, entry.lts_end_of_life):
            if day is not None:
                edges.update((day - dt.timedelta(days=1), day, day + dt.timedelta(days=1)))
    return st.none() | st.sampled_from(sorted(edges)) | st.dates(min(edges), max(edges))


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
    dynamic, with and without a storage class, private and public disks.

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
        driver=_usually(
            st.just(AZURE_DISK_CSI_DRIVER), st.sampled_from(KNOWN_VOLUME_DRIVERS + _OTHER_DRIVERS), weight=2
        ),
        sku=st.sampled_from(DISK_SKUS) | st.none(),
        size_gib=st.sampled_from((32, 1, 128, 512, limit - 1, limit, limit + 1, 4 * limit, 65536))
        | st.integers(1, 2 * limit),
        provisioning=_mostly("dynamic", ("static",), weight=2),
        storage_class=st.sampled_from(_STORAGE_CLASSES) | st.none(),
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
        "sufficient_capacity": st.none() | st.booleans(),
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


# --- extension, vault, policy, backup instance, tooling ------------------------------------------------


def storage_accounts(*, regions: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[StorageAccount]:
    """The extension's storage account: every kind and SKU (Premium included), public or behind a
    firewall, trusting the vault or not, its blob container empty, used or shared with other files.
    `regions`: the strategy for its region (default: any region)."""
    _check_strategy("regions", regions)
    return st.builds(
        StorageAccount,
        name=st.text(string.ascii_lowercase + string.digits, min_size=3, max_size=24),
        region=regions if regions is not None else _REGIONS,
        kind=_mostly("StorageV2", ("Storage", "BlobStorage", "BlockBlobStorage", "FileStorage"), weight=12),
        sku=_usually(
            st.sampled_from(_STANDARD_STORAGE_SKUS), st.sampled_from(_PREMIUM_STORAGE_SKUS), weight=6
        ),
        public_network_access=_mostly("Enabled", ("Disabled", "SecuredByPerimeter"), weight=6),
        default_action=_mostly("Allow", ("Deny",), weight=4),
        trusted_vault=st.booleans(),
        private_endpoint=st.booleans(),
        container=st.builds(
            BlobContainer,
            name=_names(("aks-backup", "backups")),
            empty=_good(weight=3),
            foreign_files=_good(False),
        ),
    )


def extensions(
    *,
    node_pools: st.SearchStrategy[str | None] | None = None,
    regions: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Extension]:
    """The backup extension, installed or not, healthy or not. `node_pools`: the strategy for the pool it
    is pinned to (None lets it pick; default: None or any pool name); `regions`: for its storage account."""
    _check_strategy("node_pools", node_pools)
    _check_strategy("regions", regions)
    return st.builds(
        Extension,
        installed=_good(),
        node_pool=node_pools if node_pools is not None else st.none() | _names(_POOL_NAMES),
        healthy=_good(),
        storage_account=storage_accounts(regions=regions),
    )


def vaults(
    *,
    regions: st.SearchStrategy[str] | None = None,
    subscriptions: st.SearchStrategy[str] | None = None,
    tenants: st.SearchStrategy[str] | None = None,
) -> st.SearchStrategy[Vault]:
    """Backup vaults of every redundancy and security setting, with policy and instance counts around the
    5,000 limits and role assignments granted long ago, minutes ago (around the propagation delay) or
    not at all. `regions`, `subscriptions`, `tenants`: strategies for where the vault lives."""
    for name, value in (("regions", regions), ("subscriptions", subscriptions), ("tenants", tenants)):
        _check_strategy(name, value)
    propagation = ROLE_PROPAGATION_MINUTES
    return st.builds(
        Vault,
        name=_names(("bv-aks",), max_size=20),
        region=regions if regions is not None else _REGIONS,
        subscription=subscriptions if subscriptions is not None else _subscriptions(),
        tenant=tenants if tenants is not None else _tenants(),
        redundancy=st.sampled_from(("LocallyRedundant", "ZoneRedundant", "GeoRedundant")),
        cross_region_restore=st.booleans(),
        cross_subscription_restore=_mostly("Enabled", ("Disabled", "PermanentlyDisabled")),
        soft_delete=st.sampled_from(("On", "AlwaysOn", "Off")),
        immutability=st.sampled_from(("Disabled", "Unlocked", "Locked")),
        worm=_good(False),
        mua=st.booleans(),
        cmk=st.booleans(),
        policies=_around(MAX_POLICIES_PER_VAULT),
        backup_instances=_around(MAX_BACKUP_INSTANCES_PER_VAULT),
        role_assignments=st.builds(
            RoleAssignments,
            granted=_good(),
            minutes_since_granted=st.none()
            | st.sampled_from((0, propagation - 1, propagation, propagation + 1))
            | st.integers(0, 10**6),
        ),
    )


def policies() -> st.SearchStrategy[Policy]:
    """Backup policies: the offered frequencies and others (hourly, odd hours, weekly...), any start
    time, with or without the Operational tier, with or without the Vault tier."""
    return st.builds(
        Policy,
        every_hours=_usually(
            st.sampled_from(BACKUP_FREQUENCIES_HOURS),
            st.sampled_from(_OFF_FREQUENCIES) | st.integers(1, 8760),
            weight=4,
        ),
        start=st.builds(dt.time, st.integers(0, 23), st.sampled_from((0, 30, 15, 45, 59))),
        operational=_usually(
            st.builds(
                OperationalTier, retention_days=st.sampled_from((7, 1, 360, 3650)) | st.integers(1, 3650)
            ),
            st.none(),
            weight=4,
        ),
        vault=st.none()
        | st.builds(VaultTier, retention_days=st.sampled_from((30, 1, 3650, 36500)) | st.integers(1, 36500)),
    )


def backup_instances(*, names: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[BackupInstance]:
    """Backup instances selecting all namespaces or a list of them (the excluded system ones included),
    with today's on-demand backups and restores around the daily limits. `names`: the strategy for the
    selected namespace names (default: any namespace name)."""
    _check_strategy("names", names)
    selected = st.lists(names if names is not None else _namespace_names(), unique=True, max_size=5)
    return st.builds(
        BackupInstance,
        namespaces=st.none() | selected.map(tuple),
        snapshot_resource_group=_names(("rg-aks-snapshots",), max_size=20),
        consistency=_mostly("CrashConsistent", ("ApplicationConsistent", "MultiVolumeConsistent"), weight=8),
        on_demand_backups_today=_around(MAX_ON_DEMAND_BACKUPS_PER_DAY),
        restores_today=_around(MAX_RESTORES_PER_DAY),
    )


def _toolings() -> st.SearchStrategy[Tooling]:
    return st.builds(
        Tooling,
        deployed_with=st.sampled_from(("portal", "azure-cli", "terraform", "powershell", "arm", "bicep")),
        azure_cli=st.none() | _versions_around(MIN_AZURE_CLI_VERSION),
        terraform_azurerm=st.none() | _versions_around(MIN_TERRAFORM_AZURERM_VERSION),
    )


# --- operations ---------------------------------------------------------------------------------------


def _restores() -> st.SearchStrategy[Restore]:
    target = st.builds(
        RestoreTarget,
        same_cluster=_good(weight=2),
        region=st.none() | _REGIONS,
        subscription=st.none() | _subscriptions(),
        tenant=st.none() | _tenants(),
        kubernetes_version=st.none() | kubernetes_versions(),
        private_cluster=st.none() | st.booleans(),
        sufficient_capacity=st.none() | st.booleans(),
        autoscaler_enabled=st.none() | st.booleans(),
        healthy=st.none() | st.booleans(),
    )
    staging = st.builds(
        StagingLocation,
        resource_group=_names(("rg-aks-staging",), max_size=20),
        public_network_access=_mostly("Enabled", ("Disabled", "SecuredByPerimeter"), weight=4),
        private_endpoint_to_target=st.booleans(),
    )
    return st.builds(
        Restore, source_tier=st.sampled_from(("Operational", "Vault")), target=target, staging=staging
    )


_REGIONS = regions()
_OPERATIONS: dict[str, st.SearchStrategy[Any]] = {
    "install_extension": st.builds(InstallExtension),
    "configure_backup": st.builds(ConfigureBackup),
    "scheduled_backup": st.builds(ScheduledBackup),
    "on_demand_backup": st.builds(OnDemandBackup),
    "tier_to_vault": st.builds(TierToVault),
    "restore": _restores(),
    "delete_expired_recovery_points": st.builds(DeleteExpiredRecoveryPoints),
    "delete_recovery_points": st.builds(
        DeleteRecoveryPoints, tier=st.sampled_from(("Vault", "Operational")), before_expiry=st.booleans()
    ),
    "modify_backup_instance": st.builds(
        ModifyBackupInstance, change=st.sampled_from(("backup_configuration", "snapshot_resource_group"))
    ),
    "create_policy": st.builds(CreatePolicy),
    "view_report": st.builds(
        ViewReport,
        workload_type=st.sampled_from(("All", "Azure Kubernetes Service", "Azure Virtual Machines"))
        | st.text(string.ascii_letters + " ", max_size=20),
    ),
    "configure_alerts": st.builds(
        ConfigureAlerts, via=st.sampled_from(("AzureMonitor", "ClassicAlerts", "CustomLogAlerts", "Other"))
    ),
    "critical_vault_operation": st.builds(
        CriticalVaultOperation,
        name=st.sampled_from(("DisableSoftDelete", "StopProtectionAndDelete", "ReduceRetention")),
        approved=st.booleans(),
    ),
}
if tuple(_OPERATIONS) != OPERATION_KINDS:  # pragma: no cover - a new kind needs its strategy here
    raise ImportError(f"strategies cover {tuple(_OPERATIONS)}, the operations are {OPERATION_KINDS}")


def operations(*, kinds: Collection[str] | None = None) -> st.SearchStrategy[Operation]:
    """Operations of every kind (or of the `kinds` named), restores with any source tier, target cluster
    (same or other; region, subscription, tenant, version, privacy, capacity, health) and staging.

    Raises `InvalidArgument` when `kinds` is empty or names a kind that is not in `OPERATION_KINDS`.
    """
    if kinds is None:
        chosen: Sequence[str] = OPERATION_KINDS
    else:
        if isinstance(kinds, str) or not isinstance(kinds, Collection):
            raise InvalidArgument(f"kinds={kinds!r} must be a collection of operation kinds")
        unknown = sorted(set(kinds) - set(OPERATION_KINDS))
        if unknown:
            raise InvalidArgument(
                f"kinds={sorted(kinds)!r} names {unknown[0]!r}, which is not an operation kind; "
                f"known kinds: {', '.join(OPERATION_KINDS)}"
            )
        if not kinds:
            raise InvalidArgument(f"kinds={kinds!r} would generate nothing; name at least one operation kind")
        chosen = [k for k in OPERATION_KINDS if k in kinds]
    return st.one_of(*(_OPERATIONS[k] for k in chosen))


_ALL_OPERATIONS = st.none() | operations()
_PINNED_FREE, _PINNED_POOL, _PINNED_OTHER = "free", "pool", "other"


# --- the whole environment ----------------------------------------------------------------------------

_EXTENSIONS = extensions(node_pools=st.none())
_VAULTS = vaults()
_POLICIES = policies()
_BACKUP_INSTANCES = backup_instances()
_TOOLINGS = _toolings()
_AS_OF = _calendar_dates()
_PIN = st.sampled_from((_PINNED_FREE, _PINNED_POOL, _PINNED_POOL, _PINNED_OTHER))
_SELECTION = st.sampled_from(("as drawn", "cluster's", "cluster's", "every one named"))


@st.composite
def _environments(
    draw: st.DrawFn,
    edition: str,
    ops: st.SearchStrategy[Operation | None],
    cluster_strategy: st.SearchStrategy[Cluster],
) -> Environment:
    """An environment around a drawn cluster: its vault and storage account usually beside it (same
    region, subscription, tenant; else SM-SUP-12/18 refuse everything), the extension free or pinned to
    one of its pools (or to a pool it does not have), the backup instance selecting its namespaces."""
    cluster = draw(cluster_strategy)

    def beside(value: str, other: st.SearchStrategy[str]) -> str:
        return value if draw(_BESIDE) else draw(other)

    extension = draw(_EXTENSIONS)
    pool_names = [p.name for p in cluster.node_pools]
    pin = draw(_PIN)
    pinned = (
        None
        if pin == _PINNED_FREE
        else draw(st.sampled_from(pool_names))
        if pin == _PINNED_POOL and pool_names
        else draw(_names(_POOL_NAMES))
    )
    account = _replace(extension.storage_account, region=beside(cluster.region, _REGIONS))
    extension = _replace(extension, node_pool=pinned, storage_account=account)

    vault = _replace(
        draw(_VAULTS),
        region=beside(cluster.region, _REGIONS),
        subscription=beside(cluster.subscription, _subscriptions()),
        tenant=beside(cluster.tenant, _tenants()),
    )

    instance = draw(_BACKUP_INSTANCES)
    names = [n.name for n in cluster.namespaces]
    selection = draw(_SELECTION)
    if names and selection == "cluster's":
        chosen = draw(
            st.none() | st.lists(st.sampled_from(names), unique=True, min_size=1, max_size=5).map(tuple)
        )
        instance = _replace(instance, namespaces=chosen)
    elif names and selection == "every one named":  # SM-LIM-04 on the instance's own list
        instance = _replace(instance, namespaces=tuple(names))

    return Environment(
        edition=edition,  # checked against EDITIONS by environments()
        as_of=draw(_AS_OF),
        cluster=cluster,
        extension=extension,
        vault=vault,
        policy=draw(_POLICIES),
        backup_instance=instance,
        tooling=draw(_TOOLINGS),
        operation=draw(ops),
    )


def environments(
    *,
    edition: str = EDITIONS[0],
    operations: st.SearchStrategy[Operation | None] | None = None,
    min_node_pools: int = 1,
    max_node_pools: int = 4,
    min_namespaces: int = 0,
    max_namespaces: int | None = None,
    min_volumes: int = 0,
    max_volumes: int | None = None,
) -> st.SearchStrategy[Environment]:
    """Whole environments: a cluster (see `clusters()` for the size options), its backup extension and
    storage account, the vault, the policy, the backup instance, the tooling, a date around the AKS
    calendar, and the environment's own operation.

    `edition`: the matrix edition the environments are judged by (one of `EDITIONS`).
    `operations`: the strategy for `Environment.operation` (default: None or any operation; pass
    `st.none()` to leave it unset). Raises `InvalidArgument` for an unknown edition, a value that is not
    a strategy, or contradictory sizes.
    """
    if edition not in EDITIONS:
        raise InvalidArgument(
            f"edition={edition!r} is not an edition of the matrix; known: {', '.join(EDITIONS)}"
        )
    _check_strategy("operations", operations)
    cluster_strategy = clusters(
        min_node_pools=min_node_pools,
        max_node_pools=max_node_pools,
        min_namespaces=min_namespaces,
        max_namespaces=max_namespaces,
        min_volumes=min_volumes,
        max_volumes=max_volumes,
    )
    return _environments(edition, operations if operations is not None else _ALL_OPERATIONS, cluster_strategy)
