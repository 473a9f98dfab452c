"""The input: an AKS environment as the support matrix talks about it.

Frozen, typed, unknown fields rejected. Field names follow Azure's own (ARM REST and `az` shapes, see
shared/spec/azure-vocabulary.md) in snake case; enum values are Azure's. Every field says which
statements read it.

A fact the environment does not give is unknown: the field is `None`, and a statement that needs it says
it cannot tell (effect `cannot_tell`, status `unknown`) instead of assuming a value that meets the
matrix. Defaults remain only where Azure or Kubernetes defines what absence means, and each says so:
an object without labels has none, a backup instance without `includedNamespaces` takes every
namespace, a policy without a Vault tier rule has no Vault tier (each class's `NONE_MEANS`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Annotated, ClassVar, Literal

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, WithJsonSchema, model_validator

from .docstrings import describe_fields
from .editions import DEFAULT_EDITION, JUDGED
from .fields import ClockTime, Day, Flag, Region, Version, Whole
from .labels import parse_selector
from .operations import Operation
from .shares import FileShare

EDITIONS: tuple[str, ...] = JUDGED
"""The names of the editions an environment can be judged by (see `editions.py`)."""
Edition = Literal["2025-06-10", "2026-01-06"]


class Frozen(BaseModel):
    """Base of every input model: immutable, strict about unknown fields, documented.

    `NONE_MEANS` names the fields whose `None` is a fact in itself (no Vault tier, every namespace, not
    pinned to a pool), with what it means; every other field that may be `None` is a fact the
    environment does not give, which the model treats as unknown.
    """

    model_config = ConfigDict(frozen=True, extra="forbid", json_schema_extra=describe_fields)
    NONE_MEANS: ClassVar[Mapping[str, str]] = {}


Name = Annotated[str, Field(min_length=1, max_length=253)]
Count = Annotated[Whole, Field(ge=0)]
Claim = Annotated[str, Field(pattern=r"^[^/\s]+/[^/\s]+$")]


# --- Cluster ------------------------------------------------------------------------------------------


class StorageProfile(Frozen):
    """`properties.storageProfile` of the managed cluster (`az aks show`: `storageProfile`)."""

    disk_csi_driver: Flag | None = None
    """`diskCSIDriver.enabled`. Read by SM-SUP-02."""
    file_csi_driver: Flag | None = None
    """`fileCSIDriver.enabled`. Informational in this edition."""
    blob_csi_driver: Flag | None = None
    """`blobCSIDriver.enabled`. Informational in this edition."""
    snapshot_controller: Flag | None = None
    """`snapshotController.enabled`. Read by SM-SUP-02."""
    file_csi_driver_version: Version | None = None
    """Version of the Azure Files CSI driver (the image tag of `csi-azurefile-node`, e.g. 1.32.2); null
    when not given. Read by SM-SUP-30 (2026-01-06)."""


class NodePool(Frozen):
    """An agent pool (`properties.agentPoolProfiles[]`, `az aks nodepool list`)."""

    name: Name
    mode: Literal["System", "User", "Gateway"] | None = None
    """`mode`. Informational (SM-UNS-04 advises a System pool for the extension)."""
    os_sku: str | None = None
    """`osSKU` as AKS reports it: Ubuntu, AzureLinux, CBLMariner, Windows2019, Windows2022, ...
    Read by SM-SUP-20 and SM-UNS-04."""
    arch: Literal["x86_64", "arm64"] | None = None
    """Processor architecture (node label `kubernetes.io/arch`, amd64 = x86_64). Read by SM-SUP-20, SM-UNS-04."""
    vm_size: str | None = None
    """`vmSize`, e.g. Standard_D4ds_v5. Informational (importers derive `arch` from it)."""
    healthy: Flag | None = None
    """Power state Running and provisioning Succeeded. Informational."""


class Namespace(Frozen):
    """A Kubernetes namespace of the cluster (`kubectl get namespaces`)."""

    name: Name
    labels: dict[str, str] = {}
    """`metadata.labels`; Kubernetes reads an object without labels as having none. Read by SM-UNS-06."""
    annotations: dict[str, str] = {}
    """`metadata.annotations`; none when absent, as in Kubernetes. Read by SM-UNS-06."""


DiskSku = Literal[
    "Standard_LRS", "StandardSSD_LRS", "StandardSSD_ZRS", "Premium_LRS", "Premium_ZRS",
    "PremiumV2_LRS", "UltraSSD_LRS",
]  # fmt: skip


_SIZE_SCHEMA = {
    "anyOf": [
        {"type": "integer", "minimum": 1, "maximum": 65536},
        {"type": "string", "pattern": r"^\s*[0-9]+(\.[0-9]+)?(Ki|Mi|Gi|Ti|Pi|Ei|k|M|G|T|P|E)\s*$"},
    ],
    "description": "Whole GiB, or a Kubernetes quantity with a unit (10Gi, 2Ti), which files may use.",
}


class Volume(Frozen):
    """A volume of a workload: a persistent volume with its claim, or a disk declared inline in a pod."""

    NONE_MEANS: ClassVar[Mapping[str, str]] = {"pod": "the volume is a PersistentVolumeClaim"}

    claim: Claim
    """`namespace/name` of the PersistentVolumeClaim; for an inline volume (`pod` given),
    `namespace/name` of the volume in the pod's `spec.volumes[]`."""
    pod: Name | None = None
    """For a disk declared inline in a pod (`spec.volumes[].azureDisk`, no claim behind it): the pod's
    name, in the claim's namespace. Such a volume is not a persistent volume. Read by SM-SUP-02."""
    driver: str | None = None
    """The CSI driver (`spec.csi.driver` of the PV) or in-tree plugin (`kubernetes.io/azure-disk` for a
    PV's or a pod's `azureDisk`) that serves it. Read by SM-SUP-02, SM-UNS-02, SM-UNS-03."""
    sku: DiskSku | None = None
    """The disk's `sku.name` (`az disk show`), or the storage class's `skuName`; when the class names no
    `skuName`, the Azure Disk CSI driver creates `StandardSSD_LRS` disks (its documented default, see
    `tables.CSI_DEFAULT_DISK_SKU`). Azure Disk volumes only. Read by SM-SUP-03 and SM-UNS-01."""
    size_gib: Annotated[Whole, Field(ge=1, le=65536), WithJsonSchema(_SIZE_SCHEMA)] | None = None
    """`diskSizeGB` (or the claim's `spec.resources.requests.storage`, rounded up to whole GiB, as the
    CSI driver does; the command line also accepts a quantity such as `10Gi`). Read by SM-VLT-01."""
    provisioning: Literal["dynamic", "static"] | None = None
    """Whether a storage class created the PV (dynamic) or it was made by hand for an existing disk
    (static). Read by SM-SUP-04."""
    storage_class: str | None = None
    """`storageClassName` of the PV/PVC; `""` when it names none (Kubernetes' own spelling). Read by
    SM-SUP-04."""
    network_access: Literal["AllowAll", "AllowPrivate", "DenyAll"] | None = None
    """The disk's `networkAccessPolicy` (`az disk show`). Read by SM-VLT-03."""
    public_network_access: Literal["Enabled", "Disabled"] | None = None
    """The disk's `publicNetworkAccess` (`az disk show`). Read by SM-VLT-03."""
    data_access_auth_mode: Literal["AzureActiveDirectory", "None"] | None = None
    """The disk's `dataAccessAuthMode` (`az disk show`). Read by SM-VLT-03 (2026-01-06)."""
    encryption_type: (
        Literal[
            "EncryptionAtRestWithPlatformKey",
            "EncryptionAtRestWithCustomerKey",
            "EncryptionAtRestWithPlatformAndCustomerKeys",
        ]
        | None
    ) = None
    """The disk's `encryption.type` (`az disk show`): a customer key means a disk encryption set
    (`encryption.diskEncryptionSetId`). Read by SM-VLT-03 (2026-01-06)."""
    reclaim_policy: Literal["Retain", "Delete", "Recycle"] | None = None
    """The PV's `spec.persistentVolumeReclaimPolicy`. Read by SM-AFS-02 (2026-01-06)."""
    share: FileShare | None = None
    """The Azure file share of an Azure Files volume (`file.csi.azure.com`). Read by the Azure Files
    statements (2026-01-06)."""
    labels: dict[str, str] = {}
    """`metadata.labels` of the claim; none when absent, as in Kubernetes. Read by SM-UNS-06 and the
    backup instance's label selectors."""
    annotations: dict[str, str] = {}
    """`metadata.annotations` of the claim; none when absent. Read by SM-UNS-06."""

    @property
    def namespace(self) -> str:
        return self.claim.split("/", 1)[0]

    @property
    def key(self) -> str:
        """What names the volume uniquely in a cluster: the claim, or `claim (pod P)` for an inline one."""
        return self.claim if self.pod is None else f"{self.claim} (pod {self.pod})"


class Cluster(Frozen):
    """The AKS managed cluster (`Microsoft.ContainerService/managedClusters`, `az aks show`)."""

    NONE_MEANS: ClassVar[Mapping[str, str]] = {"name": "no name is given (nothing reads it)"}

    name: Name | None = None
    """`name`. Informational."""
    region: Region | None = None
    """`location`. Read by SM-REG-01..03, SM-SUP-12, SM-SUP-14, SM-SUP-18, SM-VLT-04."""
    subscription: str | None = None
    """The subscription id in the cluster's `id`. Read by SM-SUP-12 and SM-SUP-13."""
    tenant: str | None = None
    """`identity.tenantId` (or `az account show`: `tenantId`). Read by SM-SUP-12 and SM-SUP-13."""
    kubernetes_version: Version | None = None
    """`currentKubernetesVersion`. Read by SM-SUP-01 and SM-VLT-12."""
    support_plan: Literal["KubernetesOfficial", "AKSLongTermSupport"] | None = None
    """`supportPlan`. Read by SM-SUP-01 (LTS windows), only when the version's standard support is over."""
    identity: Literal["SystemAssigned", "UserAssigned", "ServicePrincipal"] | None = None
    """`identity.type`; ServicePrincipal where ARM says `None` (a `servicePrincipalProfile.clientId` other
    than `msi`). Read by SM-SUP-05."""
    private_cluster: Flag | None = None
    """`apiServerAccessProfile.enablePrivateCluster`. Read by SM-SUP-19 and SM-VLT-11."""
    private_endpoint: Flag | None = None
    """A private endpoint is configured for backup operations. Read by SM-SUP-19 (private clusters only)."""
    network_isolated: Flag | None = None
    """Network isolated cluster (`bootstrapProfile.artifactSource` = Cache, outbound none). Read by SM-UNS-05."""
    healthy: Flag | None = None
    """`powerState.code` Running and `provisioningState` Succeeded. Read by SM-SUP-21."""
    storage_profile: StorageProfile = StorageProfile()
    node_pools: tuple[NodePool, ...] | None = None
    """`agentPoolProfiles` (`az aks nodepool list`). Read by SM-SUP-20 and SM-UNS-04."""
    namespaces: tuple[Namespace, ...] | None = None
    """`kubectl get namespaces`. Read by SM-LIM-04 and SM-UNS-06."""
    volumes: tuple[Volume, ...] | None = None
    """`kubectl get persistentvolumes,persistentvolumeclaims,pods` (and `az disk show` for the disks).
    Read by the volume statements (SM-SUP-02..04, SM-UNS-01..03, SM-VLT-01..03)."""
    velero_installed: Flag | None = None
    """A standalone Velero (or Velero-based tool) runs in the cluster (`kubectl get deployments -A`).
    Read by SM-UNS-06."""
    autoscaler_enabled: Flag | None = None
    """`agentPoolProfiles[].enableAutoScaling` on some pool (restore target). Read by SM-UNS-09."""
    sufficient_capacity: Flag | None = None
    """Whether the nodes can take the restored workloads. Read by SM-UNS-09."""

    @model_validator(mode="after")
    def _unique_names(self) -> Cluster:
        for field, names in (
            ("node_pools", [p.name for p in self.node_pools or ()]),
            ("namespaces", [n.name for n in self.namespaces or ()]),
            ("volumes", [v.key for v in self.volumes or ()]),
        ):
            seen: set[str] = set()
            for index, name in enumerate(names):
                if name in seen:
                    raise ValueError(f"{field}[{index}] repeats the name {name!r}; names must be unique")
                seen.add(name)
        return self


# --- Backup extension and its storage account ---------------------------------------------------------


class BlobContainer(Frozen):
    """The blob container the extension writes backups to (`configuration.backupStorageLocation.bucket`)."""

    name: Name | None = None
    """Informational."""
    empty: Flag | None = None
    """No blobs at install time (`az storage blob list`). Read by SM-SUP-17."""
    foreign_files: Flag | None = None
    """Holds files that are not backup files. Read by SM-SUP-17."""


StorageSku = Literal[
    "Standard_LRS", "Standard_ZRS", "Standard_GRS", "Standard_GZRS", "Standard_RAGRS",
    "Standard_RAGZRS", "Premium_LRS", "Premium_ZRS",
]  # fmt: skip


class StorageAccount(Frozen):
    """A storage account (`Microsoft.Storage/storageAccounts`, `az storage account show`)."""

    name: Name | None = None
    """Informational."""
    region: Region | None = None
    """`location`. Read by SM-SUP-18."""
    kind: Literal["Storage", "StorageV2", "BlobStorage", "BlockBlobStorage", "FileStorage"] | None = None
    """`kind`. Read by SM-SUP-18 (General-purpose v2 is StorageV2)."""
    sku: StorageSku | None = None
    """`sku.name`. Read by SM-SUP-18 (Premium_* is a Premium account)."""
    public_network_access: Literal["Enabled", "Disabled", "SecuredByPerimeter"] | None = None
    """`publicNetworkAccess`. Read by SM-VLT-08."""
    default_action: Literal["Allow", "Deny"] | None = None
    """`networkAcls.defaultAction` (az: `networkRuleSet.defaultAction`). Read by SM-VLT-08."""
    trusted_vault: Flag | None = None
    """The Backup vault is trusted: a resource access rule for it or the AzureServices bypass. Read by SM-VLT-08."""
    private_endpoint: Flag | None = None
    """An approved private endpoint to the target cluster's network. Informational (SM-VLT-11 reads the
    restore's staging account)."""
    container: BlobContainer = BlobContainer()

    @property
    def publicly_reachable(self) -> bool | None:
        """Open to all networks: public access Enabled and the firewall's default action Allow."""
        if self.public_network_access in ("Disabled", "SecuredByPerimeter") or self.default_action == "Deny":
            return False
        if self.public_network_access is None or self.default_action is None:
            return None
        return True


class Extension(Frozen):
    """The backup extension (`microsoft.dataprotection.kubernetes`, `az k8s-extension show`)."""

    NONE_MEANS: ClassVar[Mapping[str, str]] = {
        "node_pool": "the extension is not pinned to a pool: it runs on any pool that can take it"
    }

    installed: Flag | None = None
    """The extension exists on the cluster. Read by SM-SUP-17."""
    node_pool: str | None = None
    """The node pool it is pinned to; null (not pinned, as installed by default) lets it run on any
    eligible pool. Read by SM-SUP-20 and SM-UNS-04."""
    healthy: Flag | None = None
    """`provisioningState` Succeeded and its pods running (`kubectl get pods -n dataprotection-microsoft`).
    Read by SM-SUP-21."""
    storage_account: StorageAccount = StorageAccount()


# --- Backup vault -------------------------------------------------------------------------------------


class RoleAssignments(Frozen):
    """The roles the vault's managed identity needs (Reader on the cluster and snapshot group, ...)."""

    granted: Flag | None = None
    """`az role assignment list` shows them. Read by SM-SUP-28."""
    minutes_since_granted: Annotated[Whole, Field(ge=0)] | None = None
    """Minutes between the last of those assignments (`createdOn`) and the operation. Read by SM-SUP-28."""


class Vault(Frozen):
    """The Backup vault (`Microsoft.DataProtection/backupVaults`, `az dataprotection backup-vault show`)."""

    name: Name | None = None
    """Informational."""
    region: Region | None = None
    """`location`. Read by SM-SUP-12."""
    subscription: str | None = None
    """The subscription id in the vault's `id`. Read by SM-SUP-12."""
    tenant: str | None = None
    """`identity.tenantId`. Read by SM-SUP-12."""
    redundancy: Literal["LocallyRedundant", "ZoneRedundant", "GeoRedundant"] | None = None
    """`storageSettings[].type`. Read by SM-REG-04, SM-SUP-14, SM-VLT-04."""
    cross_region_restore: Flag | None = None
    """`featureSettings.crossRegionRestoreSettings.state` Enabled. Read by SM-REG-04, SM-SUP-14, SM-VLT-04."""
    cross_subscription_restore: Literal["Enabled", "Disabled", "PermanentlyDisabled"] | None = None
    """`featureSettings.crossSubscriptionRestoreSettings.state`. Read by SM-SUP-13."""
    soft_delete: Literal["Off", "On", "AlwaysOn"] | None = None
    """`securitySettings.softDeleteSettings.state`. Read by SM-SUP-24."""
    immutability: Literal["Disabled", "Unlocked", "Locked"] | None = None
    """`securitySettings.immutabilitySettings.state`. Read by SM-SUP-26."""
    worm: Flag | None = None
    """WORM storage for the backups is asked for (state it in the file). Read by SM-SUP-26."""
    mua: Flag | None = None
    """A resource guard proxy protects the vault (multi-user authorization). Read by SM-SUP-25."""
    cmk: Flag | None = None
    """`securitySettings.encryptionSettings` with a customer-managed key. Read by SM-SUP-27."""
    policies: Count | None = None
    """Backup policies in the vault (`az dataprotection backup-policy list`). Read by SM-LIM-01."""
    backup_instances: Count | None = None
    """Backup instances in the vault (`az dataprotection backup-instance list`). Read by SM-LIM-02."""
    role_assignments: RoleAssignments = RoleAssignments()


# --- Policy, backup instance, tooling -----------------------------------------------------------------


class OperationalTier(Frozen):
    """The policy's retention rule on `OperationalStore`."""

    retention_days: Annotated[Whole, Field(ge=1, le=3650)] | None = None
    """Its `deleteAfter` duration in days (`P7D` = 7). Read by the lifecycle model."""


class VaultTier(Frozen):
    """The policy's retention rule on `VaultStore`."""

    retention_days: Annotated[Whole, Field(ge=1, le=36500)] | None = None
    """Its `deleteAfter` in days, for the first successful backup of each day. Read by the lifecycle model."""


class Policy(Frozen):
    """The backup policy of the instance (`backupVaults/{v}/backupPolicies/{p}`). A policy that is given
    has the tiers it states: a tier left out is a tier the policy does not have."""

    NONE_MEANS: ClassVar[Mapping[str, str]] = {
        "operational": "the policy has no Operational tier",
        "vault": "the policy has no Vault tier (Operational only)",
    }

    every_hours: Annotated[Whole, Field(ge=1, le=8760)] | None = None
    """The schedule's period (`R/<start>/PT<n>H`, or P1D = 24). Read by SM-SUP-08."""
    start: ClockTime | None = None
    """Start time of the schedule, UTC (the `<start>` of the repeating interval). Read by the lifecycle model."""
    operational: OperationalTier | None = None
    """The Operational tier; null means the policy has none. Read by SM-SUP-06."""
    vault: VaultTier | None = None
    """The Vault tier; null means Operational only. Read by SM-REG-02, SM-SUP-06, SM-VLT-*, SM-SUP-27."""


VolumeType = Literal["AzureDisk", "AzureFileShareSMB"]


def _check_selector(text: str) -> str:
    parse_selector(text)
    return text


LabelSelector = Annotated[str, AfterValidator(_check_selector)]


class BackupInstance(Frozen):
    """The backup instance (`backupVaults/{v}/backupInstances/{bi}`, its
    `KubernetesClusterBackupDatasourceParameters`). A list left out selects as Azure does when the
    instance's parameters leave it empty: every namespace, no exclusion, no label filter, every
    volume type."""

    NONE_MEANS: ClassVar[Mapping[str, str]] = {
        "namespaces": "every namespace (an empty `includedNamespaces`)",
        "included_volume_types": "every volume type (an empty `includedVolumeTypes`)",
        "included_resource_types": "every resource type (an empty `includedResourceTypes`)",
    }

    namespaces: tuple[Name, ...] | None = None
    """`includedNamespaces`; null selects all namespaces. Read by SM-UNS-08 and SM-LIM-04."""
    excluded_namespaces: tuple[Name, ...] = ()
    """`excludedNamespaces`: left out even when included. Read by SM-LIM-04 and the volume statements."""
    label_selectors: tuple[LabelSelector, ...] = ()
    """`labelSelectors[]`: only resources whose labels match every selector are taken (a volume by its
    claim's labels). Read by the volume statements."""
    included_volume_types: tuple[VolumeType, ...] | None = None
    """`includedVolumeTypes[]`: only volumes of these types are taken (AzureDisk: the Azure Disk CSI
    driver and in-tree plugin; AzureFileShareSMB: Azure Files); null takes every type. Read by the
    volume statements."""
    include_cluster_scope_resources: Flag | None = None
    """`includeClusterScopeResources`. Informational: no statement of this edition depends on it."""
    excluded_resource_types: tuple[str, ...] = ()
    """`excludedResourceTypes[]` (e.g. `v1/Secret`): kinds of resources left out. Read by SM-AFS-03."""
    included_resource_types: tuple[str, ...] | None = None
    """`includedResourceTypes[]`; null (an empty list) takes every kind. Read by SM-AFS-03."""
    snapshot_resource_group: Name | None = None
    """`dataStoreParametersList[].resourceGroupId`. Informational (SM-UNS-07 forbids changing it)."""
    consistency: Literal["CrashConsistent", "ApplicationConsistent", "MultiVolumeConsistent"] | None = None
    """The consistency the owner needs of the snapshots (state it in the file). Read by SM-SUP-07."""
    on_demand_backups_today: Count | None = None
    """On-demand backups already taken today (UTC) (`az dataprotection job list`). Read by SM-LIM-03."""
    restores_today: Count | None = None
    """Restores already requested today (UTC) (`az dataprotection job list`). Read by SM-LIM-05."""


class Tooling(Frozen):
    """How backup is being enabled (state it in the file)."""

    deployed_with: Literal["portal", "azure-cli", "terraform", "powershell", "arm", "bicep"] | None = None
    """Read by SM-SUP-15, SM-SUP-16, SM-VLT-13."""
    azure_cli: Version | None = None
    """`az version` (azure-cli). Read by SM-SUP-15."""
    terraform_azurerm: Version | None = None
    """The azurerm provider version (`terraform version`). Read by SM-SUP-16."""


class Environment(Frozen):
    """Everything the support matrix talks about, for one cluster and one question."""

    NONE_MEANS: ClassVar[Mapping[str, str]] = {
        "as_of": "the edition's date (the command line gives today's)",
        "operation": "configure_backup (or the command line's --operation)",
    }

    edition: Edition = DEFAULT_EDITION  # type: ignore[assignment]
    """The edition of the matrix to judge by (default: the newest; `2025-06-10` pins the older one)."""
    as_of: Day | None = None
    """The date the environment describes; defaults to the edition's date (the command line supplies
    today's). Read by SM-SUP-01."""
    cluster: Cluster = Cluster()
    extension: Extension = Extension()
    vault: Vault = Vault()
    policy: Policy | None = None
    """The backup policy; null when it is not given (then its schedule and tiers are unknown)."""
    backup_instance: BackupInstance = BackupInstance()
    tooling: Tooling = Tooling()
    operation: Operation | None = None
    """The question; the command line's --operation overrides it. Default: configure_backup."""

    @property
    def date(self) -> dt.date:
        return self.as_of or dt.date.fromisoformat(self.edition)
