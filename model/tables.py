"""The matrix's tables as data, in document order.

Each block is headed by the section of the source it mirrors, so a reviewer can diff this file against
the page. Rules read their numbers and lists from here; no magic numbers live in `rules/`.
Facts that come from elsewhere than the matrix (region pairs, the AKS version calendar, Azure SKU
names) say where they come from.

The module-level constants are those of edition 2025-06-10. What an edition changes (disk SKUs, volume
drivers, the conditions a disk must meet for the Vault tier, the Azure Files limits) is gathered per
edition in `EditionTables` at the end of the file; rules read it through `for_edition(name)`.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Mapping
from dataclasses import dataclass
from types import MappingProxyType
from typing import Final


def arm_region(name: str) -> str:
    """The ARM form of a region name: 'West US 3' -> 'westus3', 'US GOV Arizona' -> 'usgovarizona'."""
    return "".join(name.split()).lower()


# --- Source: matrix #supported-regions, first list (SM-REG-01) -----------------------------------
# Display names as the matrix lists them; the Vault and the Operational tier are both offered.
VAULT_AND_OPERATIONAL_REGIONS_DISPLAY: Final = (
    "Australia Central", "Australia Central 2", "Australia East", "Australia Southeast", "Brazil South",
    "Brazil Southeast", "Canada Central", "Canada East", "Central India", "Central US", "East Asia",
    "East US", "East US 2", "France Central", "France South", "Germany North", "Germany West Central",
    "Italy North", "Japan East", "Japan West", "Jio India West", "Korea Central", "Korea South",
    "North Central US", "North Europe", "Norway East", "Norway West", "South Africa North",
    "South Africa West", "South Central US", "South India", "Southeast Asia", "Sweden Central",
    "Switzerland North", "Switzerland West", "UAE North", "UK South", "UK West", "West Central US",
    "West Europe", "West US", "West US 2", "West US 3",
)  # fmt: skip

# --- Source: matrix #supported-regions, second list (SM-REG-02) ----------------------------------
OPERATIONAL_ONLY_REGIONS_DISPLAY: Final = (
    "China East 2", "China East 3", "China North 2", "China North 3", "US Gov Arizona", "US Gov Texas",
    "US Gov Virginia", "Israel Central", "Poland Central", "Spain Central",
)  # fmt: skip

VAULT_AND_OPERATIONAL_REGIONS: Final = frozenset(map(arm_region, VAULT_AND_OPERATIONAL_REGIONS_DISPLAY))
OPERATIONAL_ONLY_REGIONS: Final = frozenset(map(arm_region, OPERATIONAL_ONLY_REGIONS_DISPLAY))
REGION_DISPLAY_NAMES: Final[dict[str, str]] = {
    arm_region(n): n for n in VAULT_AND_OPERATIONAL_REGIONS_DISPLAY + OPERATIONAL_ONLY_REGIONS_DISPLAY
}

# --- Source: matrix #supported-regions (note) and Azure's region pair list (SM-REG-04, SM-VLT-04) ---
# Not in the matrix itself: Microsoft Learn "Azure paired regions" (reliability/regions-paired.md,
# 2025-01-13), read in shared/research/domain.md §6. One-way pairs are written one way only.
PAIRED_REGION: Final[dict[str, str]] = {
    "eastasia": "southeastasia", "southeastasia": "eastasia",
    "australiaeast": "australiasoutheast", "australiasoutheast": "australiaeast",
    "australiacentral": "australiacentral2", "australiacentral2": "australiacentral",
    "brazilsouth": "southcentralus", "brazilsoutheast": "brazilsouth",
    "canadacentral": "canadaeast", "canadaeast": "canadacentral",
    "chinanorth": "chinaeast", "chinaeast": "chinanorth",
    "chinanorth2": "chinaeast2", "chinaeast2": "chinanorth2",
    "chinanorth3": "chinaeast3", "chinaeast3": "chinanorth3",
    "northeurope": "westeurope", "westeurope": "northeurope",
    "francecentral": "francesouth", "francesouth": "francecentral",
    "germanywestcentral": "germanynorth", "germanynorth": "germanywestcentral",
    "centralindia": "southindia", "southindia": "centralindia", "westindia": "southindia",
    "jioindiawest": "jioindiacentral", "jioindiacentral": "jioindiawest",
    "japaneast": "japanwest", "japanwest": "japaneast",
    "koreacentral": "koreasouth", "koreasouth": "koreacentral",
    "norwayeast": "norwaywest", "norwaywest": "norwayeast",
    "southafricanorth": "southafricawest", "southafricawest": "southafricanorth",
    "swedencentral": "swedensouth", "swedensouth": "swedencentral",
    "switzerlandnorth": "switzerlandwest", "switzerlandwest": "switzerlandnorth",
    "ukwest": "uksouth", "uksouth": "ukwest",
    "eastus": "westus", "westus": "eastus",
    "eastus2": "centralus", "centralus": "eastus2",
    "northcentralus": "southcentralus", "southcentralus": "northcentralus",
    "westus2": "westcentralus", "westcentralus": "westus2",
    "westus3": "eastus",
    "uaenorth": "uaecentral", "uaecentral": "uaenorth",
    "usgovarizona": "usgovtexas", "usgovvirginia": "usgovtexas", "usgovtexas": "usgovvirginia",
}  # fmt: skip

# --- Source: matrix #supported-scenarios, Kubernetes versions (SM-SUP-01) ------------------------
# Not in the matrix itself: the AKS version calendar (aks/supported-kubernetes-versions.md,
# 2024-10-30, shared/research/domain.md §7). Months are inclusive: a minor is supported from the first
# day of its GA month to the last day of its end-of-life month. 1.33 and 1.34 come from the public AKS
# release calendar (GA June 2025 and end of life June 2026 for 1.33) and are marked as such.


@dataclass(frozen=True, slots=True)
class KubernetesMinor:
    minor: str
    ga: dt.date
    end_of_life: dt.date
    lts_end_of_life: dt.date | None = None


def _month_end(year: int, month: int) -> dt.date:
    return dt.date(year, month, calendar.monthrange(year, month)[1])


AKS_VERSION_CALENDAR: Final[tuple[KubernetesMinor, ...]] = (
    KubernetesMinor("1.27", dt.date(2023, 6, 1), _month_end(2024, 7), lts_end_of_life=_month_end(2025, 7)),
    KubernetesMinor("1.28", dt.date(2023, 11, 1), _month_end(2025, 1)),
    KubernetesMinor("1.29", dt.date(2024, 3, 1), _month_end(2025, 3)),
    KubernetesMinor("1.30", dt.date(2024, 7, 1), _month_end(2025, 7), lts_end_of_life=_month_end(2026, 7)),
    KubernetesMinor("1.31", dt.date(2024, 11, 1), _month_end(2025, 11)),
    KubernetesMinor("1.32", dt.date(2025, 3, 1), _month_end(2026, 3)),
    KubernetesMinor("1.33", dt.date(2025, 6, 1), _month_end(2026, 6)),  # public AKS calendar
    KubernetesMinor("1.34", dt.date(2025, 11, 1), _month_end(2026, 11)),  # public AKS calendar
)
AKS_VERSIONS: Final[dict[str, KubernetesMinor]] = {v.minor: v for v in AKS_VERSION_CALENDAR}
AKS_CALENDAR_COMPLETE_UNTIL: Final = dt.date(2026, 1, 6)
"""The calendar above lists every minor AKS had made generally available up to this day (the newest
edition's date). A minor newer than all of them was not yet GA on or before it; after it, whether AKS
supports such a minor is beyond what the model knows (SM-SUP-01 cannot tell), never "not supported"."""

# --- Source: matrix #supported-scenarios, disk SKUs (SM-SUP-03) and #unsupported (SM-UNS-01) -----
# The matrix names products; these are their Azure `sku.name` values (azure-vocabulary.md §2).
SUPPORTED_DISK_SKUS: Final[dict[str, str]] = {
    "Standard_LRS": "Standard HDD",
    "StandardSSD_LRS": "Standard SSD",
    "StandardSSD_ZRS": "Standard SSD",
    "Premium_LRS": "Premium SSD",
    "Premium_ZRS": "Premium SSD",
}
UNSUPPORTED_DISK_SKUS: Final[dict[str, str]] = {
    "PremiumV2_LRS": "Premium SSD v2",
    "UltraSSD_LRS": "Ultra Disk",
}
DISK_SKUS: Final = tuple(SUPPORTED_DISK_SKUS) + tuple(UNSUPPORTED_DISK_SKUS)

# --- Source: matrix #supported-scenarios, volume drivers (SM-SUP-02) and #unsupported (SM-UNS-02) --
AZURE_DISK_CSI_DRIVER: Final = "disk.csi.azure.com"
IN_TREE_DRIVERS: Final[dict[str, str]] = {
    "kubernetes.io/azure-disk": "in-tree Azure Disk",
    "kubernetes.io/azure-file": "in-tree Azure Files",
}
UNSUPPORTED_VOLUME_DRIVERS: Final[dict[str, str]] = {
    "file.csi.azure.com": "Azure Files",
    "blob.csi.azure.com": "Azure Blob Storage",
    "containerstorage.csi.azure.com": "Azure Container Storage",
    "localdisk.csi.acstor.io": "Azure Container Storage",
}
KNOWN_VOLUME_DRIVERS: Final = (AZURE_DISK_CSI_DRIVER, *IN_TREE_DRIVERS, *UNSUPPORTED_VOLUME_DRIVERS)

# --- Source: Azure, not the matrix: the Azure CLI's default AKS backup policy (azure-vocabulary.md §6) --
DEFAULT_POLICY_EVERY_HOURS: Final = 4
"""`R/<start>/PT4H`: the default policy's period, which the time line plans with when a policy omits it."""
DEFAULT_POLICY_START: Final = dt.time(9, 0)
"""`R/2023-01-04T09:00:00+00:00/...`: the default policy's start time (UTC)."""

# --- Source: Azure, not the matrix: azure-vocabulary.md §3 (Azure Disk CSI driver parameters) and §7 ---
CSI_DEFAULT_DISK_SKU: Final = "StandardSSD_LRS"
"""The disk SKU the Azure Disk CSI driver creates when the storage class names no `skuName`."""
VOLUME_TYPE_DRIVERS: Final[dict[str, frozenset[str]]] = {
    "AzureDisk": frozenset({AZURE_DISK_CSI_DRIVER, "kubernetes.io/azure-disk"}),
    "AzureFileShareSMB": frozenset({"file.csi.azure.com", "kubernetes.io/azure-file"}),
}
"""The drivers behind each value of a backup instance's `includedVolumeTypes[]`."""

# --- Source: matrix #supported-scenarios, tiers (SM-SUP-06) and frequencies (SM-SUP-08) ---------
BACKUP_FREQUENCIES_HOURS: Final = (4, 6, 8, 12, 24)
MIN_BACKUP_FREQUENCY_HOURS: Final = min(BACKUP_FREQUENCIES_HOURS)
BACKUP_WINDOW_HOURS: Final = 2  # SM-SUP-09
VAULT_ELIGIBILITY_PERIOD_HOURS: Final = 24  # SM-SUP-10
TIERING_MAX_HOURS: Final = 4  # SM-SUP-11

# --- Source: matrix #supported-scenarios, tools (SM-SUP-15, SM-SUP-16) ---------------------------
MIN_AZURE_CLI_VERSION: Final = (2, 41, 0)
MIN_TERRAFORM_AZURERM_VERSION: Final = (3, 99, 0)

# --- Source: matrix #supported-scenarios, storage account (SM-SUP-18) ----------------------------
SUPPORTED_STORAGE_ACCOUNT_KINDS: Final = frozenset({"StorageV2"})

# --- Source: matrix #supported-scenarios, extension node pools (SM-SUP-20, SM-UNS-04) -----------
# AKS `osSKU` values (azure-vocabulary.md §1) grouped by the two systems the matrix names.
UBUNTU_OS_SKUS: Final = frozenset({"Ubuntu", "Ubuntu2204", "Ubuntu2404", "Ubuntu2604"})
AZURE_LINUX_OS_SKUS: Final = frozenset({"AzureLinux", "AzureLinux3", "CBLMariner", "Mariner"})
EXTENSION_OS_SKUS: Final = UBUNTU_OS_SKUS | AZURE_LINUX_OS_SKUS
WINDOWS_OS_SKUS: Final = frozenset({"Windows2019", "Windows2022", "Windows2025", "WindowsAnnual"})
OTHER_LINUX_OS_SKUS: Final = frozenset({"AzureContainerLinux", "Flatcar"})
NODE_OS_SKUS: Final = tuple(sorted(EXTENSION_OS_SKUS) + sorted(WINDOWS_OS_SKUS) + sorted(OTHER_LINUX_OS_SKUS))
EXTENSION_ARCHITECTURES: Final = frozenset({"x86_64"})

# --- Source: matrix #supported-scenarios, role assignments (SM-SUP-28) --------------------------
# "a few minutes" is our reading (see the statement's interpretation).
ROLE_PROPAGATION_MINUTES: Final = 10

# --- Source: matrix #unsupported-scenarios-and-limitations (SM-UNS-06, SM-UNS-08) ---------------
VELERO_PREFIX: Final = "velero.io"
EXCLUDED_NAMESPACES: Final = ("kube-system", "kube-node-lease", "kube-public")

# --- Source: matrix #unsupported-scenarios-and-limitations, limits table --------------------------
MAX_POLICIES_PER_VAULT: Final = 5000  # SM-LIM-01
MAX_BACKUP_INSTANCES_PER_VAULT: Final = 5000  # SM-LIM-02
MAX_ON_DEMAND_BACKUPS_PER_DAY: Final = 10  # SM-LIM-03
MAX_NAMESPACES_PER_BACKUP_INSTANCE: Final = 800  # SM-LIM-04
MAX_RESTORES_PER_DAY: Final = 10  # SM-LIM-05

# --- Source: matrix #limitations-specific-for-vaulted-backup-and-cross-region-restore ------------
MAX_VAULT_DISK_SIZE_GIB: Final = 1024  # SM-VLT-01, 1 TB read as 1 TiB
MAX_DISKS_PER_BACKUP_INSTANCE: Final = 100  # SM-VLT-02
VAULT_ELIGIBLE_DISK_NETWORK_ACCESS: Final = "AllowAll"  # SM-VLT-03
VAULT_RPO_PRIMARY_HOURS: Final = 24  # SM-VLT-05
SECONDARY_REPLICATION_MAX_HOURS: Final = 12  # SM-VLT-05
VAULT_RPO_SECONDARY_HOURS: Final = VAULT_RPO_PRIMARY_HOURS + SECONDARY_REPLICATION_MAX_HOURS
TIERING_START_MAX_HOURS: Final = 4  # SM-VLT-06
PRUNING_KEEPS_OPERATIONAL_POINTS: Final = 2  # SM-VLT-07


# ====================================================================================================
# Tables per edition. A field is the same table as above when an edition keeps it; a later edition
# states only what it changes (see `_E2026_01_06`).


@dataclass(frozen=True, slots=True, kw_only=True)
class EditionTables:
    """The tables of one edition of the matrix."""

    edition: str
    supported_disk_skus: Mapping[str, str]
    """Disk `sku.name` -> the product the matrix names (SM-SUP-03)."""
    unsupported_disk_skus: Mapping[str, str]
    """Disk SKUs the edition refuses (SM-UNS-01; empty once retired)."""
    delayed_data_disk_skus: Mapping[str, str]
    """Supported disk SKUs whose snapshot and restore copy data in the background (SM-SUP-03, 2026-01-06)."""
    supported_volume_drivers: Mapping[str, str]
    """CSI drivers whose volumes are backed up (SM-SUP-02, SM-SUP-29)."""
    unsupported_volume_drivers: Mapping[str, str]
    """CSI drivers of storage the edition names as not supported (SM-UNS-02)."""
    vault_volume_drivers: frozenset[str]
    """Drivers whose volumes can be copied to the Vault tier (SM-SUP-06)."""
    vault_disk_conditions: tuple[str, ...]
    """What a disk must meet to be tiered (SM-VLT-03): `network_access` (AllowAll and public access on),
    and from 2026-01-06 `data_access_auth` (no Entra ID data-access authentication) and
    `no_disk_encryption_set`."""
    files_protocols: frozenset[str]
    """Azure Files share protocols that are backed up (SM-SUP-29, SM-UNS-10); empty: none."""
    min_files_csi_driver: tuple[int, int, int] | None
    """Oldest Azure Files CSI driver version for backing up Files volumes (SM-SUP-30)."""
    max_files_per_share: int | None
    """Most files a backed-up share may hold (SM-UNS-11, SM-AFS-09)."""
    max_files_retention_days: int | None
    """Longest Operational retention for Azure Files volumes (SM-SUP-31, SM-AFS-11)."""
    max_concurrent_share_snapshots: int | None
    """Why the retention is capped: a share keeps at most this many snapshots at once (SM-AFS-11)."""
    files_share_role: str | None
    """The role the clusters need on the share's storage account (SM-SUP-28, 2026-01-06)."""
    files_tools: frozenset[str]
    """Tools that can configure backup of Azure Files volumes (SM-AFS-08)."""
    blocking_lock_levels: frozenset[str]
    """Storage account lock levels that stop expired Files recovery points from being deleted (SM-AFS-05)."""
    max_policies_per_vault: int = MAX_POLICIES_PER_VAULT
    max_backup_instances_per_vault: int = MAX_BACKUP_INSTANCES_PER_VAULT
    max_on_demand_backups_per_day: int = MAX_ON_DEMAND_BACKUPS_PER_DAY
    max_namespaces_per_backup_instance: int = MAX_NAMESPACES_PER_BACKUP_INSTANCE
    max_restores_per_day: int = MAX_RESTORES_PER_DAY
    max_vault_disk_size_gib: int = MAX_VAULT_DISK_SIZE_GIB
    max_disks_per_backup_instance: int = MAX_DISKS_PER_BACKUP_INSTANCE


def _frozen(mapping: Mapping[str, str]) -> Mapping[str, str]:
    return MappingProxyType(dict(mapping))


AZURE_FILES_CSI_DRIVER: Final = "file.csi.azure.com"

# --- Source: matrix 2025-06-10 (the tables above) ----------------------------------------------------
_E2025_06_10: Final = EditionTables(
    edition="2025-06-10",
    supported_disk_skus=_frozen(SUPPORTED_DISK_SKUS),
    unsupported_disk_skus=_frozen(UNSUPPORTED_DISK_SKUS),
    delayed_data_disk_skus=_frozen({}),
    supported_volume_drivers=_frozen({AZURE_DISK_CSI_DRIVER: "Azure Disk"}),
    unsupported_volume_drivers=_frozen(UNSUPPORTED_VOLUME_DRIVERS),
    vault_volume_drivers=frozenset({AZURE_DISK_CSI_DRIVER}),
    vault_disk_conditions=("network_access",),
    files_protocols=frozenset(),
    min_files_csi_driver=None,
    max_files_per_share=None,
    max_files_retention_days=None,
    max_concurrent_share_snapshots=None,
    files_share_role=None,
    files_tools=frozenset(),
    blocking_lock_levels=frozenset(),
)

# --- Source: matrix 2026-01-06, #supported-scenarios, #unsupported-scenarios-and-limitations, the Azure
# Files section and the Vault-tier section (shared/research/domain.md §1.3) -------------------------
_E2026_01_06: Final = EditionTables(
    edition="2026-01-06",
    # SM-SUP-03: Premium SSD v2 and Ultra Disk join the supported SKUs; SM-UNS-01 is retired.
    supported_disk_skus=_frozen(
        {**SUPPORTED_DISK_SKUS, "PremiumV2_LRS": "Premium SSD v2", "UltraSSD_LRS": "Ultra Disk"}
    ),
    unsupported_disk_skus=_frozen({}),
    delayed_data_disk_skus=_frozen({"PremiumV2_LRS": "Premium SSD v2", "UltraSSD_LRS": "Ultra Disk"}),
    # SM-SUP-02, SM-SUP-29: Azure Files (SMB) volumes of the CSI driver are backed up.
    supported_volume_drivers=_frozen(
        {AZURE_DISK_CSI_DRIVER: "Azure Disk", AZURE_FILES_CSI_DRIVER: "Azure Files"}
    ),
    # SM-UNS-02: only Blob Storage and Container Storage are left on the list.
    unsupported_volume_drivers=_frozen(
        {k: v for k, v in UNSUPPORTED_VOLUME_DRIVERS.items() if k != AZURE_FILES_CSI_DRIVER}
    ),
    # SM-SUP-06: the Vault tier takes disks only.
    vault_volume_drivers=frozenset({AZURE_DISK_CSI_DRIVER}),
    # SM-VLT-03: public network access, no Entra ID data-access authentication, no disk encryption set.
    vault_disk_conditions=("network_access", "data_access_auth", "no_disk_encryption_set"),
    files_protocols=frozenset({"SMB"}),  # SM-SUP-29, SM-UNS-10, SM-AFS-10
    min_files_csi_driver=(1, 32, 0),  # SM-SUP-30
    max_files_per_share=25_000,  # SM-UNS-11, SM-AFS-09
    max_files_retention_days=30,  # SM-SUP-31, SM-AFS-11
    max_concurrent_share_snapshots=200,  # SM-AFS-11
    files_share_role="Storage File Data Privileged Contributor",  # SM-SUP-28
    files_tools=frozenset({"portal"}),  # SM-AFS-08
    blocking_lock_levels=frozenset({"CanNotDelete", "ReadOnly"}),  # SM-AFS-05 (ARM lock levels)
)

TABLES: Final[Mapping[str, EditionTables]] = MappingProxyType(
    {t.edition: t for t in (_E2025_06_10, _E2026_01_06)}
)
"""The tables of every edition by name; `editions.EDITIONS` lists the same names (a test checks it)."""


def for_edition(name: str) -> EditionTables:
    """The tables of edition `name` (a KeyError for a name that is not an edition)."""
    return TABLES[name]
