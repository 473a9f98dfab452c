"""Strategies for the Azure side of an environment: `storage_accounts()`, `extensions()`, `vaults()`,
`policies()`, `backup_instances()`.
"""

from __future__ import annotations

import datetime as dt
import string

from hypothesis import strategies as st

from ..environment import (
    BackupInstance,
    BlobContainer,
    Extension,
    OperationalTier,
    Policy,
    RoleAssignments,
    StorageAccount,
    Vault,
    VaultTier,
)
from ..tables import (
    BACKUP_FREQUENCIES_HOURS,
    MAX_BACKUP_INSTANCES_PER_VAULT,
    MAX_ON_DEMAND_BACKUPS_PER_DAY,
    MAX_POLICIES_PER_VAULT,
    MAX_RESTORES_PER_DAY,
    ROLE_PROPAGATION_MINUTES,
)
from ._values import (
    _OFF_FREQUENCIES,
    _POOL_NAMES,
    _PREMIUM_STORAGE_SKUS,
    _REGIONS,
    _STANDARD_STORAGE_SKUS,
    _around,
    _check_strategy,
    _good,
    _mostly,
    _names,
    _namespace_names,
    _subscriptions,
    _tenants,
    _usually,
)


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
            minutes_since_granted=st.sampled_from((10080, 0, propagation - 1, propagation, propagation + 1))
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


_SELECTORS = ("app=web", "tier!=scratch", "team", "!velero.io/exclude-from-backup", "app in (web,db)")
_VOLUME_TYPES = ("AzureDisk", "AzureFileShareSMB")


def backup_instances(*, names: st.SearchStrategy[str] | None = None) -> st.SearchStrategy[BackupInstance]:
    """Backup instances selecting all namespaces or a list of them (the excluded system ones included),
    now and then excluding namespaces, filtering by labels or by volume type, with today's on-demand
    backups and restores around the daily limits. `names`: the strategy for the
    selected namespace names (default: any namespace name)."""
    _check_strategy("names", names)
    names = names if names is not None else _namespace_names()
    selected = st.lists(names, unique=True, max_size=5)
    return st.builds(
        BackupInstance,
        namespaces=st.none() | selected.map(tuple),
        excluded_namespaces=_usually(st.just(()), st.lists(names, unique=True, max_size=2).map(tuple)),
        label_selectors=_usually(st.just(()), st.lists(st.sampled_from(_SELECTORS), max_size=2).map(tuple)),
        included_volume_types=_usually(
            st.none(), st.lists(st.sampled_from(_VOLUME_TYPES), unique=True, max_size=2).map(tuple)
        ),
        include_cluster_scope_resources=st.booleans(),
        snapshot_resource_group=_names(("rg-aks-snapshots",), max_size=20),
        consistency=_mostly("CrashConsistent", ("ApplicationConsistent", "MultiVolumeConsistent"), weight=8),
        on_demand_backups_today=_around(MAX_ON_DEMAND_BACKUPS_PER_DAY),
        restores_today=_around(MAX_RESTORES_PER_DAY),
    )
