"""The input: an AKS environment as the support matrix talks about it.

Frozen, typed, unknown fields rejected. Field names follow Azure's own (ARM REST and `az` shapes, see
shared/spec/azure-vocabulary.md) in snake case; enum values are Azure's. Every field says which
statements read it. Most fields are optional, with the default that Azure gives or the one that meets
the matrix, so that a file states only what matters about a cluster.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from .editions import JUDGED
from .fields import Region, Version
from .operations import Operation

EDITIONS: tuple[str, ...] = JUDGED
"""The names of the editions an environment can be judged by (see `editions.py`)."""
Edition = Literal["2025-06-10"]


class Frozen(BaseModel):
    """Base of every input model: immutable, strict about unknown fields, documented."""

    model_config = ConfigDict(frozen=True, extra="forbid", use_attribute_docstrings=True)


Name = Annotated[str, Field(min_length=1, max_length=253)]
Count = Annotated[int, Field(ge=0)]


# --- Cluster ------------------------------------------------------------------------------------------


class StorageProfile(Frozen):
    """`properties.storageProfile` of the managed cluster (AKS defaults)."""

    disk_csi_driver: bool = True
    """`diskCSIDriver.enabled`. Read by SM-SUP-02."""
    file_csi_driver: bool = True
    """`fileCSIDriver.enabled`. Informational in this edition."""
    blob_csi_driver: bool = False
    """`blobCSIDriver.enabled`. Informational in this edition."""
    snapshot_controller: bool = True
    """`snapshotController.enabled`. Read by SM-SUP-02."""


class NodePool(Frozen):
    """An agent pool (`properties.agentPoolProfiles[]`)."""

    name: Name
    mode: Literal["System", "User", "Gateway"] = "User"
    """Read by SM-UNS-04 (a System pool is the preferred home of the extension)."""
    os_sku: str = "Ubuntu"
    """`osSKU` as AKS reports it: Ubuntu, AzureLinux, CBLMariner, Windows2019, Windows2022, ...
    Read by SM-SUP-20 and SM-UNS-04."""
    arch: Literal["x86_64", "arm64"] = "x86_64"
    """Processor architecture (node label `kubernetes.io/arch`, amd64 = x86_64). Read by SM-SUP-20, SM-UNS-04."""
    vm_size: str | None = None
    """`vmSize`, e.g. Standard_D4ds_v5. Informational (importers derive `arch` from it)."""
    healthy: bool = True
    """Power state Running and provisioning Succeeded."""


class Namespace(Frozen):
    """A Kubernetes namespace of the cluster."""

    name: Name
    labels: dict[str, str] = {}
    """Read by SM-UNS-06 (velero.io prefix)."""
    annotations: dict[str, str] = {}
    """Read by SM-UNS-06 (velero.io prefix)."""


class Volume(Frozen):
    """A persistent volume with its claim."""

    claim: Annotated[str, Field(pattern=r"^[^/\s]+/[^/\s]+$")]
    """`namespace/name` of the PersistentVolumeClaim."""
    driver: str = "disk.csi.azure.com"
    """The CSI driver (`spec.csi.driver`) or in-tree plugin (`kubernetes.io/azure-disk`, ...) that serves it.
    Read by SM-SUP-02, SM-UNS-02, SM-UNS-03."""
    sku: Literal[
        "Standard_LRS", "StandardSSD_LRS", "StandardSSD_ZRS", "Premium_LRS", "Premium_ZRS",
        "PremiumV2_LRS", "UltraSSD_LRS",
    ] | None = "StandardSSD_LRS"  # fmt: skip
    """The disk `sku.name` (Azure Disk volumes only). Read by SM-SUP-03 and SM-UNS-01."""
    size_gib: Annotated[int, Field(ge=1, le=65536)] = 32
    """`diskSizeGB`. Read by SM-VLT-01."""
    provisioning: Literal["dynamic", "static"] = "dynamic"
    """Read by SM-SUP-04."""
    storage_class: str | None = "managed-csi"
    """`storageClassName` of the PV/PVC; null when the YAML names none. Read by SM-SUP-04."""
    network_access: Literal["AllowAll", "AllowPrivate", "DenyAll"] = "AllowAll"
    """The disk's `networkAccessPolicy`. Read by SM-VLT-03."""
    public_network_access: Literal["Enabled", "Disabled"] = "Enabled"
    """The disk's `publicNetworkAccess`. Read by SM-VLT-03."""
    labels: dict[str, str] = {}
    """Read by SM-UNS-06."""
    annotations: dict[str, str] = {}
    """Read by SM-UNS-06."""

    @property
    def namespace(self) -> str:
        return self.claim.split("/", 1)[0]


class Cluster(Frozen):
    """The AKS managed cluster (`Microsoft.ContainerService/managedClusters`)."""

    name: Name = "aks-cluster"
    region: Region = "westeurope"
    """`location`. Read by SM-REG-01..03, SM-SUP-12, SM-SUP-14, SM-SUP-18, SM-VLT-04."""
    subscription: str = "00000000-0000-0000-0000-000000000001"
    """Read by SM-SUP-12 and SM-SUP-13."""
    tenant: str = "00000000-0000-0000-0000-0000000000aa"
    """Read by SM-SUP-12 and SM-SUP-13."""
    kubernetes_version: Version = "1.31.5"
    """`currentKubernetesVersion`. Read by SM-SUP-01 and SM-VLT-12."""
    support_plan: Literal["KubernetesOfficial", "AKSLongTermSupport"] = "KubernetesOfficial"
    """`supportPlan`. Read by SM-SUP-01 (LTS windows)."""
    identity: Literal["SystemAssigned", "UserAssigned", "ServicePrincipal"] = "SystemAssigned"
    """`identity.type`; ServicePrincipal where ARM says `None`. Read by SM-SUP-05."""
    private_cluster: bool = False
    """`apiServerAccessProfile.enablePrivateCluster`. Read by SM-SUP-19 and SM-VLT-11."""
    private_endpoint: bool = False
    """A private endpoint is configured for backup operations. Read by SM-SUP-19."""
    network_isolated: bool = False
    """Network isolated cluster (`bootstrapProfile.artifactSource` = Cache, outbound none). Read by SM-UNS-05."""
    healthy: bool = True
    """Power state Running and provisioning Succeeded. Read by SM-SUP-21."""
    storage_profile: StorageProfile = StorageProfile()
    node_pools: tuple[NodePool, ...] = (NodePool(name="system", mode="System"),)
    namespaces: tuple[Namespace, ...] = ()
    volumes: tuple[Volume, ...] = ()
    velero_installed: bool = False
    """A standalone Velero (or Velero-based tool) runs in the cluster. Read by SM-UNS-06."""
    autoscaler_enabled: bool = False
    """Cluster autoscaler on (restore target). Read by SM-UNS-09."""
    sufficient_capacity: bool | None = None
    """Whether the nodes can take the restored workloads; null when unknown. Read by SM-UNS-09."""

    @model_validator(mode="after")
    def _unique_names(self) -> Cluster:
        for field, names in (
            ("node_pools", [p.name for p in self.node_pools]),
            ("namespaces", [n.name for n in self.namespaces]),
            ("volumes", [v.claim for v in self.volumes]),
        ):
            seen: set[str] = set()
            for index, name in enumerate(names):
                if name in seen:
                    raise ValueError(f"{field}[{index}] repeats the name {name!r}; names must be unique")
                seen.add(name)
        return self


# --- Backup extension and its storage account ---------------------------------------------------------


class BlobContainer(Frozen):
    name: Name = "aks-backup"
    empty: bool = True
    """No blobs at install time. Read by SM-SUP-17."""
    foreign_files: bool = False
    """Holds files that are not backup files. Read by SM-SUP-17."""


class StorageAccount(Frozen):
    """A storage account (`Microsoft.Storage/storageAccounts`)."""

    name: Name = "aksbackupsa"
    region: Region = "westeurope"
    """`location`. Read by SM-SUP-18."""
    kind: Literal["Storage", "StorageV2", "BlobStorage", "BlockBlobStorage", "FileStorage"] = "StorageV2"
    """Read by SM-SUP-18 (General-purpose v2 is StorageV2)."""
    sku: Literal[
        "Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_GZRS", "Standard_RAGRS",
        "Standard_RAGZRS", "Premium_LRS", "Premium_ZRS",
    ] = "Standard_LRS"  # fmt: skip
    """`sku.name`. Read by SM-SUP-18 (Premium_* is a Premium account)."""
    public_network_access: Literal["Enabled", "Disabled", "SecuredByPerimeter"] = "Enabled"
    """Read by SM-VLT-08 and SM-VLT-10."""
    default_action: Literal["Allow", "Deny"] = "Allow"
    """`networkAcls.defaultAction` (firewall). Read by SM-VLT-08 and SM-VLT-10."""
    trusted_vault: bool = False
    """The Backup vault is trusted: a resource access rule for it or the AzureServices bypass. Read by SM-VLT-08."""
    private_endpoint: bool = False
    """An approved private endpoint to the target cluster's network. Read by SM-VLT-11."""
    container: BlobContainer = BlobContainer()

    @property
    def publicly_reachable(self) -> bool:
        return self.public_network_access == "Enabled" and self.default_action == "Allow"


class Extension(Frozen):
    """The backup extension (`microsoft.dataprotection.kubernetes`)."""

    installed: bool = True
    """Read by SM-SUP-17."""
    node_pool: str | None = None
    """The node pool it runs on; null lets it pick any eligible pool. Read by SM-SUP-20 and SM-UNS-04."""
    healthy: bool = True
    """Extension pods running and healthy. Read by SM-SUP-21."""
    storage_account: StorageAccount = StorageAccount()


# --- Backup vault -------------------------------------------------------------------------------------


class RoleAssignments(Frozen):
    """The roles the vault's managed identity needs (Reader on the cluster and snapshot group, ...)."""

    granted: bool = True
    """Read by SM-SUP-28."""
    minutes_since_granted: Annotated[int, Field(ge=0)] | None = None
    """Minutes between the last role assignment and the operation; null when long ago. Read by SM-SUP-28."""


class Vault(Frozen):
    """The Backup vault (`Microsoft.DataProtection/backupVaults`)."""

    name: Name = "bv-aks"
    region: Region = "westeurope"
    """Read by SM-SUP-12."""
    subscription: str = "00000000-0000-0000-0000-000000000001"
    """Read by SM-SUP-12."""
    tenant: str = "00000000-0000-0000-0000-0000000000aa"
    """Read by SM-SUP-12."""
    redundancy: Literal["LocallyRedundant", "ZoneRedundant", "GeoRedundant"] = "LocallyRedundant"
    """`storageSettings[].type`. Read by SM-REG-04, SM-SUP-14, SM-VLT-04."""
    cross_region_restore: bool = False
    """`featureSettings.crossRegionRestoreSettings.state` Enabled. Read by SM-REG-04, SM-SUP-14, SM-VLT-04."""
    cross_subscription_restore: Literal["Enabled", "Disabled", "PermanentlyDisabled"] = "Enabled"
    """`featureSettings.crossSubscriptionRestoreSettings.state`. Read by SM-SUP-13."""
    soft_delete: Literal["Off", "On", "AlwaysOn"] = "On"
    """`securitySettings.softDeleteSettings.state`. Read by SM-SUP-24."""
    immutability: Literal["Disabled", "Unlocked", "Locked"] = "Disabled"
    """`securitySettings.immutabilitySettings.state`. Read by SM-SUP-26."""
    worm: bool = False
    """WORM storage for the backups is asked for. Read by SM-SUP-26."""
    mua: bool = False
    """A resource guard proxy protects the vault (multi-user authorization). Read by SM-SUP-25."""
    cmk: bool = False
    """`securitySettings.encryptionSettings` with a customer-managed key. Read by SM-SUP-27."""
    policies: Count = 1
    """Backup policies in the vault. Read by SM-LIM-01."""
    backup_instances: Count = 1
    """Backup instances in the vault. Read by SM-LIM-02."""
    role_assignments: RoleAssignments = RoleAssignments()


# --- Policy, backup instance, tooling -----------------------------------------------------------------


class OperationalTier(Frozen):
    retention_days: Annotated[int, Field(ge=1, le=3650)] = 7
    """The Default retention rule's `deleteAfter` on OperationalStore."""


class VaultTier(Frozen):
    retention_days: Annotated[int, Field(ge=1, le=36500)] = 30
    """`deleteAfter` on VaultStore, for the first successful backup of each day."""


class Policy(Frozen):
    """The backup policy of the instance (`backupVaults/{v}/backupPolicies/{p}`)."""

    every_hours: Annotated[int, Field(ge=1, le=8760)] = 4
    """The schedule's period (`R/<start>/PT<n>H`, or P1D = 24). Read by SM-SUP-08."""
    start: dt.time = dt.time(9, 0)
    """Start time of the schedule, UTC. Read by the lifecycle model."""
    operational: OperationalTier | None = OperationalTier()
    """The Operational tier; null means the policy has none. Read by SM-SUP-06."""
    vault: VaultTier | None = None
    """The Vault tier; null means Operational only. Read by SM-REG-02, SM-SUP-06, SM-VLT-*, SM-SUP-27."""


class BackupInstance(Frozen):
    """The backup instance (`backupVaults/{v}/backupInstances/{bi}`)."""

    namespaces: tuple[Name, ...] | None = None
    """`includedNamespaces`; null selects all namespaces. Read by SM-UNS-08 and SM-LIM-04."""
    snapshot_resource_group: Name = "rg-aks-snapshots"
    """`dataStoreParametersList[].resourceGroupId`. Read by SM-UNS-07."""
    consistency: Literal["CrashConsistent", "ApplicationConsistent", "MultiVolumeConsistent"] = (
        "CrashConsistent"
    )
    """The consistency the owner expects of the snapshots. Read by SM-SUP-07."""
    on_demand_backups_today: Count = 0
    """On-demand backups already taken today (UTC). Read by SM-LIM-03."""
    restores_today: Count = 0
    """Restores already requested today (UTC). Read by SM-LIM-05."""


class Tooling(Frozen):
    """How backup is being enabled."""

    deployed_with: Literal["portal", "azure-cli", "terraform", "powershell", "arm", "bicep"] = "portal"
    """Read by SM-SUP-15, SM-SUP-16, SM-VLT-13."""
    azure_cli: Version | None = None
    """`az version` (azure-cli). Read by SM-SUP-15."""
    terraform_azurerm: Version | None = None
    """The azurerm provider version. Read by SM-SUP-16."""


class Environment(Frozen):
    """Everything the support matrix talks about, for one cluster and one question."""

    edition: Edition = "2025-06-10"
    """The edition of the matrix to judge by."""
    as_of: dt.date | None = None
    """The date the environment describes; defaults to the edition's date. Read by SM-SUP-01."""
    cluster: Cluster = Cluster()
    extension: Extension = Extension()
    vault: Vault = Vault()
    policy: Policy = Policy()
    backup_instance: BackupInstance = BackupInstance()
    tooling: Tooling = Tooling()
    operation: Operation | None = None
    """The question; the command line's --operation overrides it. Default: configure_backup."""

    @property
    def date(self) -> dt.date:
        return self.as_of or dt.date.fromisoformat(self.edition)
