"""What is asked of an environment: the operations the support matrix has something to say about.

An operation is a small frozen value with a `kind`. Most need nothing more than the environment; a
restore names its source tier, its target cluster and its staging location.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field

from .docstrings import describe_fields
from .fields import Region, Version


class _Op(BaseModel):
    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_extra=describe_fields)


class InstallExtension(_Op):
    """Install the backup extension on the cluster."""

    kind: Literal["install_extension"] = "install_extension"


class ConfigureBackup(_Op):
    """Create a backup instance for the cluster with the policy (configure protection)."""

    kind: Literal["configure_backup"] = "configure_backup"


class ScheduledBackup(_Op):
    """A scheduled backup of the instance runs."""

    kind: Literal["scheduled_backup"] = "scheduled_backup"


class OnDemandBackup(_Op):
    """An on-demand backup of the instance is asked for."""

    kind: Literal["on_demand_backup"] = "on_demand_backup"


class TierToVault(_Op):
    """An Operational-tier recovery point is moved to the Vault tier."""

    kind: Literal["tier_to_vault"] = "tier_to_vault"


class StagingLocation(_Op):
    """Where a Vault-tier restore hydrates the backup first (a storage account and a resource group)."""

    resource_group: str = "rg-aks-staging"
    public_network_access: Literal["Enabled", "Disabled", "SecuredByPerimeter"] = "Enabled"
    """Read by SM-VLT-10."""
    private_endpoint_to_target: bool = False
    """A private endpoint between the target cluster and the staging account. Read by SM-VLT-11."""


class RestoreTarget(_Op):
    """The cluster a restore writes to; omitted fields are the source cluster's."""

    same_cluster: bool = True
    """Restore to the cluster that was backed up (original location)."""
    region: Region | None = None
    """Read by SM-SUP-14 and SM-VLT-04."""
    subscription: str | None = None
    """Read by SM-SUP-13."""
    tenant: str | None = None
    """Read by SM-SUP-13."""
    kubernetes_version: Version | None = None
    """Read by SM-VLT-12."""
    private_cluster: bool | None = None
    """Read by SM-VLT-11."""
    sufficient_capacity: bool | None = None
    """Read by SM-UNS-09."""
    autoscaler_enabled: bool | None = None
    """Read by SM-UNS-09."""
    healthy: bool | None = None
    """Cluster and extension pods healthy on the target. Read by SM-SUP-21."""


class Restore(_Op):
    """Restore a recovery point."""

    kind: Literal["restore"] = "restore"
    source_tier: Literal["Operational", "Vault"] = "Operational"
    target: RestoreTarget = RestoreTarget()
    staging: StagingLocation = StagingLocation()
    """Used only when restoring from the Vault tier."""


class DeleteExpiredRecoveryPoints(_Op):
    """The service deletes recovery points whose retention has run out."""

    kind: Literal["delete_expired_recovery_points"] = "delete_expired_recovery_points"


class DeleteRecoveryPoints(_Op):
    """A user deletes recovery points (or stops protection and deletes data)."""

    kind: Literal["delete_recovery_points"] = "delete_recovery_points"
    tier: Literal["Operational", "Vault"] = "Vault"
    before_expiry: bool = True
    """The points have not reached the end of their retention. Read by SM-SUP-26."""


class ModifyBackupInstance(_Op):
    """Change an existing backup instance."""

    kind: Literal["modify_backup_instance"] = "modify_backup_instance"
    change: Literal["backup_configuration", "snapshot_resource_group", "include_azure_files"] = (
        "backup_configuration"
    )
    """What is changed. Read by SM-UNS-07."""


class CreatePolicy(_Op):
    """Create the environment's policy in the vault."""

    kind: Literal["create_policy"] = "create_policy"


class ViewReport(_Op):
    """Open Backup reports for the cluster's backups."""

    kind: Literal["view_report"] = "view_report"
    workload_type: str = "All"
    """The report's workload-type filter. Read by SM-SUP-23."""


class ConfigureAlerts(_Op):
    """Be notified of backup failures."""

    kind: Literal["configure_alerts"] = "configure_alerts"
    via: Literal["AzureMonitor", "ClassicAlerts", "CustomLogAlerts", "Other"] = "AzureMonitor"
    """Read by SM-SUP-22."""


class CriticalVaultOperation(_Op):
    """An operation that multi-user authorization guards (disable soft delete, stop protection, ...)."""

    kind: Literal["critical_vault_operation"] = "critical_vault_operation"
    name: str = "DisableSoftDelete"
    approved: bool = False
    """A resource guard owner approved it. Read by SM-SUP-25."""


Operation = Annotated[
    InstallExtension
    | ConfigureBackup
    | ScheduledBackup
    | OnDemandBackup
    | TierToVault
    | Restore
    | DeleteExpiredRecoveryPoints
    | DeleteRecoveryPoints
    | ModifyBackupInstance
    | CreatePolicy
    | ViewReport
    | ConfigureAlerts
    | CriticalVaultOperation,
    Field(discriminator="kind"),
]

OPERATION_KINDS: tuple[str, ...] = (
    "install_extension",
    "configure_backup",
    "scheduled_backup",
    "on_demand_backup",
    "tier_to_vault",
    "restore",
    "delete_expired_recovery_points",
    "delete_recovery_points",
    "modify_backup_instance",
    "create_policy",
    "view_report",
    "configure_alerts",
    "critical_vault_operation",
)

# Groups of kinds that rules run on.
BACKUP_KINDS = frozenset({"configure_backup", "scheduled_backup", "on_demand_backup", "tier_to_vault"})
"""Operations that take (or set up taking) a backup of the cluster's volumes."""
TIERING_KINDS = frozenset({"scheduled_backup", "on_demand_backup", "tier_to_vault"})
"""Operations during which recovery points move to the Vault tier when the policy has it."""
RUNNING_KINDS = frozenset(
    {"scheduled_backup", "on_demand_backup", "tier_to_vault", "restore", "delete_expired_recovery_points"}
)
"""Operations the extension performs in the cluster (SM-SUP-21)."""
RESTORE_AND_BACKUP_KINDS = BACKUP_KINDS | {"restore"}
"""Operations that move volume data one way or the other."""
PROTECTION_KINDS = BACKUP_KINDS | RUNNING_KINDS | {"install_extension"}
"""Everything that touches the cluster."""
REGIONAL_KINDS = (PROTECTION_KINDS - {"delete_expired_recovery_points"}) | {"create_policy"}
"""Operations that depend on the tiers offered in the cluster's region."""
