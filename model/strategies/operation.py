"""Strategies for what is asked of the model: `operations()` (restores with their target and staging)."""

from __future__ import annotations

import string
from collections.abc import Collection, Sequence
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument

from ..operations import (
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
from ._values import _REGIONS, _good, _mostly, _names, _subscriptions, _tenants, kubernetes_versions


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
