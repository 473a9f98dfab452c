"""The statement catalog of the AKS Backup support matrix, every edition the project reads.

One entry per testable statement, in the order of the source document. The ids are the stable ids of
the project's catalog (shared/spec/statements.yaml for edition 2025-06-10; ids added by a later
edition continue each area's numbering); they are never reused. Texts are our own restatements; the
source document stays the authority. Where the matrix is vague, `interpretation` states the reading
the model takes once, and a feature example pins it.

Editions: a statement holds from `edition` (the first edition that says it) until `retired_in` (the
first that no longer does). An edition that says it differently gives it a `Revision` (its own text,
interpretation and, when the behaviour changes, `behavioural=True`); `in_edition(name)` is the
statement as that edition words it. Edition names are ISO dates, so they order as strings.
"""

from __future__ import annotations

import dataclasses
import enum
from dataclasses import dataclass
from typing import Final

from .errors import UnknownStatement

SOURCE_URL: Final = (
    "https://learn.microsoft.com/azure/backup/azure-kubernetes-service-cluster-backup-support-matrix"
)


class Kind(enum.StrEnum):
    """What sort of fact a statement is; it decides how the model can express it."""

    REGION = "region"
    RULE = "rule"
    LIMIT = "limit"
    TIMING = "timing"
    CAPABILITY = "capability"
    GUIDANCE = "guidance"


@dataclass(frozen=True, slots=True, kw_only=True)
class Revision:
    """How a later edition says a statement differently (the id stays)."""

    edition: str
    text: str
    summary: str
    """What the edition changed, in a few words (shown by `diff`)."""
    behavioural: bool
    """True when the change alters what the model answers; False for a rewording of the same fact."""
    interpretation: str | None = None
    """The reading under this edition; None keeps the previous one."""


@dataclass(frozen=True, slots=True)
class Section:
    """A heading of the source page as an edition words it."""

    title: str
    anchor: str


SECTION_RENAMES: Final[dict[str, dict[str, Section]]] = {
    # 2026-01-06 puts "supported scenarios and" in front of the Vault-tier heading, so its anchor changes.
    "2026-01-06": {
        "limitations-specific-for-vaulted-backup-and-cross-region-restore": Section(
            "Supported Scenarios and limitations specific for Vaulted backup and Cross Region Restore",
            "supported-scenarios-and-limitations-specific-for-vaulted-backup-and-cross-region-restore",
        ),
    },
}
"""Per edition, the headings it renames: old anchor -> the heading (title, anchor) in that edition."""


@dataclass(frozen=True, slots=True, kw_only=True)
class Statement:
    """One testable statement of the matrix."""

    id: str
    section: str
    kind: Kind
    area: str
    """The feature file and rules module that carry it (`features/<area>.feature`)."""
    anchor: str
    text: str
    interpretation: str | None = None
    edition: str = "2025-06-10"
    """The edition the statement was first read in."""
    retired_in: str | None = None
    """The first edition that no longer says it (the id stays, never reused)."""
    revisions: tuple[Revision, ...] = ()
    """How later editions say it differently, oldest first."""

    @property
    def source(self) -> str:
        return f"{SOURCE_URL}#{self.anchor}"

    def holds_in(self, edition: str) -> bool:
        """Whether the edition says this statement (it is not yet added, or already retired, otherwise)."""
        return self.edition <= edition and (self.retired_in is None or edition < self.retired_in)

    def revision_in(self, edition: str) -> Revision | None:
        """The revision the edition itself makes, if any (not one of an earlier edition)."""
        return next((r for r in self.revisions if r.edition == edition), None)

    @property
    def editions_changed(self) -> tuple[str, ...]:
        return tuple(r.edition for r in self.revisions)

    def in_edition(self, edition: str) -> Statement:
        """The statement as `edition` words it: the latest revision up to it, and its section's heading."""
        text, interpretation = self.text, self.interpretation
        for revision in self.revisions:
            if revision.edition <= edition:
                text = revision.text
                if revision.interpretation is not None:
                    interpretation = revision.interpretation
        section, anchor = self.section, self.anchor
        for name, renames in SECTION_RENAMES.items():
            if name <= edition and anchor in renames:
                section, anchor = renames[anchor].title, renames[anchor].anchor
        if (text, interpretation, section, anchor) == (
            self.text,
            self.interpretation,
            self.section,
            self.anchor,
        ):
            return self
        return dataclasses.replace(
            self, text=text, interpretation=interpretation, section=section, anchor=anchor
        )


_CATALOG: Final[tuple[Statement, ...]] = (
    Statement(
        id="SM-REG-01",
        section="Supported regions",
        kind=Kind.REGION,
        area="regions",
        anchor="supported-regions",
        text=(
            "Both the Vault tier and the Operational (snapshot) tier are offered in 43 named public regions "
            "(Australia Central ... West US 3)."
        ),
        interpretation=(
            "Region names are compared in ARM form (lower case, no spaces): 'West US 3' and 'westus3' are the "
            "same region."
        ),
    ),
    Statement(
        id="SM-REG-02",
        section="Supported regions",
        kind=Kind.REGION,
        area="regions",
        anchor="supported-regions",
        text=(
            "Only the Operational tier is offered in China East 2, China East 3, China North 2, China North "
            "3, US Gov Arizona, US Gov Texas, US Gov Virginia, Israel Central, Poland Central and Spain "
            "Central; a policy that asks for the Vault tier there is not supported."
        ),
    ),
    Statement(
        id="SM-REG-03",
        section="Supported regions",
        kind=Kind.RULE,
        area="regions",
        anchor="supported-regions",
        text=(
            "A region named in neither list offers no AKS backup at all (implied by the two lists being the "
            "whole of the supported regions)."
        ),
        interpretation=(
            "A region in neither list (e.g. 'Austria East', or a misspelling) makes every backup operation "
            "unsupported there."
        ),
    ),
    Statement(
        id="SM-REG-04",
        section="Supported regions (note)",
        kind=Kind.RULE,
        area="restore",
        anchor="supported-regions",
        text=(
            "Geo-redundant backups that can be restored on demand in the paired region need the Vault tier "
            "and Cross Region Restore enabled on the Backup vault."
        ),
        interpretation=(
            "Cross Region Restore only protects Vault-tier points: with an Operational-only policy it has no "
            "effect (a warning), and it needs a GeoRedundant vault."
            " In a region without an Azure paired region, Cross Region Restore protects nothing (a warning)."
        ),
    ),
    Statement(
        id="SM-SUP-01",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="cluster",
        anchor="supported-scenarios",
        text=(
            "Only clusters on a supported Kubernetes version are covered. On an unsupported version backup "
            "and restore may still run, but their failures are not covered by support (a warning, not a "
            "refusal)."
        ),
        interpretation=(
            "A minor version is supported on a date when it is between its AKS GA month and its end-of-life "
            "month (inclusive), or, with support plan AKSLongTermSupport, within its LTS window. The date is "
            "the environment's `as_of` (default: the edition's date), never the clock. The AKS calendar the "
            "model carries is complete until 2026-01-06: a minor newer than all it lists was not yet GA up to "
            "that day, and after it cannot be told (unknown, never refused and never supported)."
        ),
    ),
    Statement(
        id="SM-SUP-02",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="volumes",
        anchor="supported-scenarios",
        text=(
            "Only CSI-driver persistent volumes of Azure Disk are backed up; in-tree volume plugins are not "
            "supported. The cluster must have the CSI disk driver and the snapshot controller enabled."
        ),
        interpretation=(
            "A volume whose driver is neither disk.csi.azure.com nor one of the named unsupported kinds (SM- "
            "UNS-02) is skipped citing this statement; a disabled CSI disk driver or snapshot controller "
            "refuses the backup."
        ),
    ),
    Statement(
        id="SM-SUP-03",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="volumes",
        anchor="supported-scenarios",
        text=("Supported disk SKUs are Standard HDD, Standard SSD and Premium SSD."),
        interpretation=(
            "Standard_LRS is Standard HDD; StandardSSD_LRS and StandardSSD_ZRS are Standard SSD; Premium_LRS "
            "and Premium_ZRS are Premium SSD."
        ),
    ),
    Statement(
        id="SM-SUP-04",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="volumes",
        anchor="supported-scenarios",
        text=(
            "Dynamically and statically provisioned volumes are both supported; a static volume whose YAML "
            "does not name a storage class explicitly is skipped during backup."
        ),
    ),
    Statement(
        id="SM-SUP-05",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="cluster",
        anchor="supported-scenarios",
        text=(
            "The cluster must use a system-assigned or user-assigned managed identity; a cluster that uses a "
            "service principal is not supported."
        ),
    ),
    Statement(
        id="SM-SUP-06",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="policy",
        anchor="supported-scenarios",
        text=(
            "A backup policy enables either the Operational tier alone or the Operational and Vault tiers "
            "together (no Vault-only policy). Operational tier = volume snapshots plus metadata in the blob "
            "container given at extension install; Vault tier = copies held offsite, outside the tenant."
        ),
    ),
    Statement(
        id="SM-SUP-07",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="volumes",
        anchor="supported-scenarios",
        text=(
            "Operational-tier snapshots are crash consistent; snapshots of several volumes are not taken at "
            "the same instant, so there is no application/multi-volume consistency."
        ),
        interpretation=(
            "Asking for application-consistent or multi-volume-consistent snapshots is unsupported; crash "
            "consistency is what every backup gets."
        ),
    ),
    Statement(
        id="SM-SUP-08",
        section="Supported Scenarios",
        kind=Kind.TIMING,
        area="policy",
        anchor="supported-scenarios",
        text=("Scheduled backup frequency is one of every 4, 6, 8, 12 or 24 hours; 4 hours is the minimum."),
        interpretation=(
            "A frequency other than 4, 6, 8, 12 or 24 hours is refused when the policy is created or used (a "
            "finding, not an input error)."
        ),
    ),
    Statement(
        id="SM-SUP-09",
        section="Supported Scenarios",
        kind=Kind.TIMING,
        area="lifecycle",
        anchor="supported-scenarios",
        text=("A scheduled backup is expected to complete within 2 hours of its scheduled start."),
        interpretation=(
            "A backup that ends more than 2 hours after its scheduled start still makes a recovery point, dated at its scheduled start and counted in that day (it can be the day's Vault point); the overrun is reported as the bound exceeded."
        ),
    ),
    Statement(
        id="SM-SUP-10",
        section="Supported Scenarios",
        kind=Kind.TIMING,
        area="lifecycle",
        anchor="supported-scenarios",
        text=(
            "Only the first successful Operational-tier backup in each 24-hour period is eligible to move to "
            "the Vault tier."
        ),
        interpretation=(
            "A 24-hour period is the UTC calendar day of the backup's scheduled start, not a rolling window and not counted from the policy's start time, like Azure's FirstOfDay criterion. The first successful backup is the first to end. On-demand backups do not take the day's place."
        ),
    ),
    Statement(
        id="SM-SUP-11",
        section="Supported Scenarios",
        kind=Kind.TIMING,
        area="lifecycle",
        anchor="supported-scenarios",
        text=(
            "Moving an Operational-tier backup to the Vault tier can take up to 4 hours after it was created."
        ),
        interpretation=(
            "Counted from the end of the backup, which is when it becomes eligible: the copy is in the Vault tier within 4 hours. Without reported tiering jobs the time line assumes the worst case, the copy landing exactly 4 hours after the backup ended."
        ),
    ),
    Statement(
        id="SM-SUP-12",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="vault",
        anchor="supported-scenarios",
        text=(
            "The Backup vault and the cluster must be in the same region; they may be in different "
            "subscriptions of the same tenant, never in different tenants."
        ),
        interpretation=(
            "Different subscriptions of one tenant are fine; a vault in another tenant or another region "
            "refuses the configuration."
        ),
    ),
    Statement(
        id="SM-SUP-13",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="restore",
        anchor="supported-scenarios",
        text=(
            "Restore works to the same or to another cluster, from either tier; the target may be in another "
            "subscription (Cross-Subscription Restore)."
        ),
        interpretation=(
            "Cross-subscription restore stays within the tenant and needs the vault's cross-subscription "
            "restore setting not to be disabled."
        ),
    ),
    Statement(
        id="SM-SUP-14",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="restore",
        anchor="supported-scenarios",
        text=(
            "Restoring from the Operational tier needs the target cluster in the same region as the backups. "
            "Restoring from the Vault tier to another region is possible only to the Azure paired region, and "
            "only when the vault is geo-redundant with Cross Region Restore enabled."
        ),
    ),
    Statement(
        id="SM-SUP-15",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="tooling",
        anchor="supported-scenarios",
        text=("Enabling AKS backup with Azure CLI needs version 2.41.0 or later."),
    ),
    Statement(
        id="SM-SUP-16",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="tooling",
        anchor="supported-scenarios",
        text=("Enabling AKS backup with Terraform needs version 3.99.0 or later (of the azurerm provider)."),
    ),
    Statement(
        id="SM-SUP-17",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="extension",
        anchor="supported-scenarios",
        text=(
            "The backup extension must be installed; it takes a storage account and, preferably, an empty "
            "blob container. A container holding files that are not backup files must not be used."
        ),
        interpretation=(
            "A non-empty container that holds only backup files is accepted; a container holding other files "
            "refuses the install."
        ),
    ),
    Statement(
        id="SM-SUP-18",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="extension",
        anchor="supported-scenarios",
        text=(
            "The extension's storage account must be in the cluster's region and be General-purpose v2; "
            "Premium storage accounts are not supported."
        ),
    ),
    Statement(
        id="SM-SUP-19",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="cluster",
        anchor="supported-scenarios",
        text=(
            "A cluster deployed in a private virtual network needs a private endpoint configured for backup "
            "operations."
        ),
        interpretation=(
            "Read as: a private cluster (API server private) needs `private_endpoint: true` for backup "
            "operations."
        ),
    ),
    Statement(
        id="SM-SUP-20",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="extension",
        anchor="supported-scenarios",
        text=("The extension installs only on node pools with x86 processors running Ubuntu or Azure Linux."),
        interpretation=(
            "CBLMariner, AzureLinux and AzureLinux3 are Azure Linux; Ubuntu, Ubuntu2204 and Ubuntu2404 are "
            "Ubuntu."
        ),
    ),
    Statement(
        id="SM-SUP-21",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="extension",
        anchor="supported-scenarios",
        text=(
            "The cluster and the extension pods must be running and healthy before any backup or restore "
            "operation, the deletion of expired recovery points included."
        ),
    ),
    Statement(
        id="SM-SUP-22",
        section="Supported Scenarios",
        kind=Kind.CAPABILITY,
        area="vault",
        anchor="supported-scenarios",
        text=(
            "Backup failures raise alerts through Azure Monitor (built-in alerts, classic alerts and custom "
            "log alerts)."
        ),
    ),
    Statement(
        id="SM-SUP-23",
        section="Supported Scenarios",
        kind=Kind.CAPABILITY,
        area="vault",
        anchor="supported-scenarios",
        text=('Backup reports show AKS backup data only when the report\'s workload-type filter is "All".'),
    ),
    Statement(
        id="SM-SUP-24",
        section="Supported Scenarios",
        kind=Kind.CAPABILITY,
        area="vault",
        anchor="supported-scenarios",
        text=(
            "Enhanced soft delete protects Vault-tier backups; Operational-tier snapshots are not soft "
            "deleted and can be deleted permanently."
        ),
        interpretation=(
            "Deleting Vault-tier points in a vault with soft delete On or AlwaysOn soft-deletes them; "
            "Operational-tier points are always deleted for good (a warning)."
        ),
    ),
    Statement(
        id="SM-SUP-25",
        section="Supported Scenarios",
        kind=Kind.CAPABILITY,
        area="vault",
        anchor="supported-scenarios",
        text=("Multi-user authorization (MUA) protects critical operations on the Backup vault."),
    ),
    Statement(
        id="SM-SUP-26",
        section="Supported Scenarios",
        kind=Kind.CAPABILITY,
        area="vault",
        anchor="supported-scenarios",
        text=(
            "Immutable vaults are supported and block operations that would lose recovery points; WORM "
            "storage for backups is not supported."
        ),
        interpretation=(
            "An Unlocked or Locked immutable vault refuses deleting recovery points before they expire; "
            "asking for WORM storage is unsupported."
            " Early deletion is refused for recovery points of either tier, since both are deleted through the vault."
        ),
    ),
    Statement(
        id="SM-SUP-27",
        section="Supported Scenarios",
        kind=Kind.CAPABILITY,
        area="vault",
        anchor="supported-scenarios",
        text=("Customer-managed key (CMK) encryption applies only to Vault-tier backups."),
        interpretation=(
            "With CMK on the vault and an Operational-only policy the data is not under the customer's key (a "
            "warning)."
        ),
    ),
    Statement(
        id="SM-SUP-28",
        section="Supported Scenarios",
        kind=Kind.RULE,
        area="vault",
        anchor="supported-scenarios",
        text=(
            "The Backup vault's managed identity needs role assignments for backup and restore; new role "
            "assignments take a few minutes to take effect, so operations right after assigning roles can "
            "fail with permission errors."
        ),
        interpretation=(
            "'A few minutes' is read as 10 minutes: roles granted less than 10 minutes before the operation "
            "make it not covered; missing roles refuse it."
        ),
    ),
    Statement(
        id="SM-UNS-01",
        section="Unsupported Scenarios and Limitations",
        kind=Kind.RULE,
        area="volumes",
        anchor="unsupported-scenarios-and-limitations",
        text=("Premium SSD v2 and Ultra Disk SKUs are not supported."),
    ),
    Statement(
        id="SM-UNS-02",
        section="Unsupported Scenarios and Limitations",
        kind=Kind.RULE,
        area="volumes",
        anchor="unsupported-scenarios-and-limitations",
        text=(
            "Persistent volumes on Azure Files, Azure Blob Storage or Azure Container Storage are not "
            "supported (they have their own backup solutions)."
        ),
    ),
    Statement(
        id="SM-UNS-03",
        section="Unsupported Scenarios and Limitations",
        kind=Kind.RULE,
        area="volumes",
        anchor="unsupported-scenarios-and-limitations",
        text=(
            "Persistent volumes of an unsupported type are skipped automatically; the backup of the rest goes "
            "on."
        ),
    ),
    Statement(
        id="SM-UNS-04",
        section="Unsupported Scenarios and Limitations",
        kind=Kind.RULE,
        area="extension",
        anchor="unsupported-scenarios-and-limitations",
        text=(
            "The extension cannot be installed on Windows or ARM64 node pools; such a cluster needs a "
            "separate Linux x86 node pool (preferably a system pool) for it."
        ),
    ),
    Statement(
        id="SM-UNS-05",
        section="Unsupported Scenarios and Limitations",
        kind=Kind.RULE,
        area="cluster",
        anchor="unsupported-scenarios-and-limitations",
        text=("Network-isolated AKS clusters are not supported."),
    ),
    Statement(
        id="SM-UNS-06",
        section="Unsupported Scenarios and Limitations",
        kind=Kind.RULE,
        area="extension",
        anchor="unsupported-scenarios-and-limitations",
        text=(
            "The extension must not be installed alongside Velero or a Velero-based backup solution; "
            "resources carrying labels or annotations with the prefix velero.io can behave unexpectedly."
        ),
        interpretation=(
            "A standalone Velero refuses the install and every backup; velero.io labels or annotations on "
            "namespaces or volumes are warnings."
        ),
    ),
    Statement(
        id="SM-UNS-07",
        section="Unsupported Scenarios and Limitations",
        kind=Kind.RULE,
        area="backup_instance",
        anchor="unsupported-scenarios-and-limitations",
        text=(
            "Changing the backup configuration, or the snapshot resource group, of an existing backup "
            "instance is not supported."
        ),
    ),
    Statement(
        id="SM-UNS-08",
        section="Unsupported Scenarios and Limitations",
        kind=Kind.RULE,
        area="backup_instance",
        anchor="unsupported-scenarios-and-limitations",
        text=(
            "The namespaces kube-system, kube-node-lease and kube-public are skipped and cannot be selected "
            "for backup."
        ),
        interpretation=(
            "These namespaces are left out when all namespaces are selected, and skipped (not refused) when "
            "named explicitly."
        ),
    ),
    Statement(
        id="SM-UNS-09",
        section="Unsupported Scenarios and Limitations",
        kind=Kind.GUIDANCE,
        area="restore",
        anchor="unsupported-scenarios-and-limitations",
        text=(
            "Restore does not scale out nodes; the target cluster (or its autoscaler) must have enough "
            "capacity, or the restore can fail or perform poorly."
        ),
    ),
    Statement(
        id="SM-LIM-01",
        section="Unsupported Scenarios and Limitations (limits table)",
        kind=Kind.LIMIT,
        area="limits",
        anchor="unsupported-scenarios-and-limitations",
        text=("At most 5,000 backup policies per Backup vault."),
        interpretation=(
            "The vault's count is what exists before the operation; creating one more must stay within the "
            "limit."
        ),
    ),
    Statement(
        id="SM-LIM-02",
        section="Unsupported Scenarios and Limitations (limits table)",
        kind=Kind.LIMIT,
        area="limits",
        anchor="unsupported-scenarios-and-limitations",
        text=("At most 5,000 backup instances per Backup vault."),
        interpretation=(
            "The vault's count is what exists before the operation; creating one more must stay within the "
            "limit."
        ),
    ),
    Statement(
        id="SM-LIM-03",
        section="Unsupported Scenarios and Limitations (limits table)",
        kind=Kind.LIMIT,
        area="limits",
        anchor="unsupported-scenarios-and-limitations",
        text=("At most 10 on-demand backups per backup instance per day."),
        interpretation=(
            "A day is the UTC calendar day; the count is of on-demand backups already taken that day."
        ),
    ),
    Statement(
        id="SM-LIM-04",
        section="Unsupported Scenarios and Limitations (limits table)",
        kind=Kind.LIMIT,
        area="limits",
        anchor="unsupported-scenarios-and-limitations",
        text=("At most 800 namespaces per backup instance."),
    ),
    Statement(
        id="SM-LIM-05",
        section="Unsupported Scenarios and Limitations (limits table)",
        kind=Kind.LIMIT,
        area="limits",
        anchor="unsupported-scenarios-and-limitations",
        text=("At most 10 restores per backup instance per day."),
        interpretation=(
            "A day is the UTC calendar day; the count is of restores already requested that day."
        ),
    ),
    Statement(
        id="SM-VLT-01",
        section="Limitations specific for Vaulted backup and Cross Region Restore",
        kind=Kind.RULE,
        area="volumes",
        anchor="limitations-specific-for-vaulted-backup-and-cross-region-restore",
        text=(
            "Only persistent volumes of 1 TB or less move to the Vault tier; larger disks are left out of the "
            "Vault-tier copy (they stay in the Operational tier)."
        ),
        interpretation=(
            "1 TB is read as 1 TiB (1024 GiB), the size of the largest disk tier below it (P30/E30/S30)."
        ),
    ),
    Statement(
        id="SM-VLT-02",
        section="Limitations specific for Vaulted backup and Cross Region Restore",
        kind=Kind.LIMIT,
        area="volumes",
        anchor="limitations-specific-for-vaulted-backup-and-cross-region-restore",
        text=(
            "A backup instance may have at most 100 disks attached as persistent volumes; above that, backup "
            "and restore may fail."
        ),
        interpretation=(
            "Counted: the Azure Disk volumes in the namespaces the backup instance selects. Above 100 the "
            "operation is not covered."
        ),
    ),
    Statement(
        id="SM-VLT-03",
        section="Limitations specific for Vaulted backup and Cross Region Restore",
        kind=Kind.RULE,
        area="volumes",
        anchor="limitations-specific-for-vaulted-backup-and-cross-region-restore",
        text=(
            "Only disks whose network access is public from all networks can move to the Vault tier; any "
            "other network access setting makes the tiering operation fail."
        ),
        interpretation=(
            "Only networkAccessPolicy AllowAll with publicNetworkAccess Enabled can be tiered; tiering "
            "operations are refused otherwise, configuration warns."
        ),
    ),
    Statement(
        id="SM-VLT-04",
        section="Limitations specific for Vaulted backup and Cross Region Restore",
        kind=Kind.RULE,
        area="restore",
        anchor="limitations-specific-for-vaulted-backup-and-cross-region-restore",
        text=(
            "Disaster recovery works only between Azure paired regions, with a geo-redundant vault that has "
            "Cross Region Restore enabled; the backup data is available only in the paired region."
        ),
    ),
    Statement(
        id="SM-VLT-05",
        section="Limitations specific for Vaulted backup and Cross Region Restore",
        kind=Kind.TIMING,
        area="lifecycle",
        anchor="limitations-specific-for-vaulted-backup-and-cross-region-restore",
        text=(
            "The Vault tier keeps one scheduled recovery point per day, an RPO of 24 hours in the primary "
            "region; replication to the secondary region can take up to 12 more hours, an RPO of up to 36 "
            "hours."
        ),
        interpretation=(
            "RPO is computed from point timestamps: in the primary region the longest gap between consecutive Vault points (the time line's first and last backup attempt close the ends); the paired region adds 12 hours and exists only for a GeoRedundant vault with Cross Region Restore."
        ),
    ),
    Statement(
        id="SM-VLT-06",
        section="Limitations specific for Vaulted backup and Cross Region Restore",
        kind=Kind.TIMING,
        area="lifecycle",
        anchor="limitations-specific-for-vaulted-backup-and-cross-region-restore",
        text=(
            "Once an Operational-tier backup becomes eligible for the Vault tier, tiering may take up to 4 "
            "hours to begin."
        ),
        interpretation=(
            "The tiering job starts within 4 hours of the backup ending (eligibility); a job not started by then is reported as the bound exceeded."
        ),
    ),
    Statement(
        id="SM-VLT-07",
        section="Limitations specific for Vaulted backup and Cross Region Restore",
        kind=Kind.TIMING,
        area="lifecycle",
        anchor="limitations-specific-for-vaulted-backup-and-cross-region-restore",
        text=(
            "Pruning of the Operational tier never removes the most recent Operational recovery point nor the "
            "Operational recovery point linked to the latest Vault-tier recovery point, so some operational "
            "backups outlive the configured retention."
        ),
        interpretation=(
            "Pruning keeps the newest live Operational point and the Operational source of the newest Vault point still present; a point waiting for its tiering job is kept too. Retention counts from the point's timestamp. With an Operational-only policy nothing outlives its retention."
        ),
    ),
    Statement(
        id="SM-VLT-08",
        section="Limitations specific for Vaulted backup and Cross Region Restore",
        kind=Kind.RULE,
        area="extension",
        anchor="limitations-specific-for-vaulted-backup-and-cross-region-restore",
        text=(
            "For tiering, the extension's storage account should allow public network access; behind a "
            "firewall or with private access only, the Backup vault must be added as a trusted service."
        ),
        interpretation=(
            "Public network access Enabled with default action Allow needs nothing; otherwise the vault must "
            "be trusted (a resource access rule for it, or the AzureServices bypass)."
        ),
    ),
    Statement(
        id="SM-VLT-09",
        section="Limitations specific for Vaulted backup and Cross Region Restore",
        kind=Kind.GUIDANCE,
        area="restore",
        anchor="limitations-specific-for-vaulted-backup-and-cross-region-restore",
        text=(
            "After a restore from the Vault tier, the hydrated resources in the staging storage account and "
            "resource group are not cleaned up; they must be deleted by hand."
        ),
    ),
    Statement(
        id="SM-VLT-10",
        section="Limitations specific for Vaulted backup and Cross Region Restore",
        kind=Kind.RULE,
        area="restore",
        anchor="limitations-specific-for-vaulted-backup-and-cross-region-restore",
        text=("During restore, the staging storage account must allow public network access."),
    ),
    Statement(
        id="SM-VLT-11",
        section="Limitations specific for Vaulted backup and Cross Region Restore",
        kind=Kind.RULE,
        area="restore",
        anchor="limitations-specific-for-vaulted-backup-and-cross-region-restore",
        text=(
            "During restore to a target cluster in a private virtual network, a private endpoint between the "
            "cluster and the staging storage account is needed."
        ),
    ),
    Statement(
        id="SM-VLT-12",
        section="Limitations specific for Vaulted backup and Cross Region Restore",
        kind=Kind.GUIDANCE,
        area="restore",
        anchor="limitations-specific-for-vaulted-backup-and-cross-region-restore",
        text=(
            "When the target cluster's Kubernetes version differs from the backed-up cluster's, restore may "
            "fail or finish with warnings (deprecated resources); from the Vault tier the hydrated staging "
            "resources can be used to restore by hand."
        ),
        interpretation=(
            "Versions are compared by minor: another patch of the same minor counts as the same version."
        ),
    ),
    Statement(
        id="SM-VLT-13",
        section="Limitations specific for Vaulted backup and Cross Region Restore",
        kind=Kind.RULE,
        area="tooling",
        anchor="limitations-specific-for-vaulted-backup-and-cross-region-restore",
        text=("Vault-tier backup cannot be configured through a Terraform deployment."),
        interpretation=("Applies when the deployment tool is Terraform and the policy has a Vault tier."),
    ),
)

# --- Edition 2026-01-06 ------------------------------------------------------------------------------
# Source: the matrix as of 2026-01-06 (MicrosoftDocs/azure-docs commit 0f337ad); shared/research/domain.md
# §1.3 lists what changed. New ids continue each area's numbering; AFS is the page's new section on
# Azure Files volumes. Each entry is placed after the statement it follows on the 2026-01-06 page.

_E2026: Final = "2026-01-06"
_FILES_SECTION: Final = "Azure Files-based Persistent Volumes - Additional Considerations"
_FILES_ANCHOR: Final = "azure-files-based-persistent-volumes---additional-considerations"
_UNSUPPORTED: Final = "Unsupported Scenarios and Limitations"
_UNSUPPORTED_ANCHOR: Final = "unsupported-scenarios-and-limitations"

_ADDED: Final[tuple[tuple[str, Statement], ...]] = (
    (
        "SM-SUP-03",
        Statement(
            id="SM-SUP-29",
            section="Supported Scenarios",
            kind=Kind.RULE,
            area="files",
            anchor="supported-scenarios",
            edition=_E2026,
            text=(
                "Azure Files volumes served by the CSI driver are backed up when the share speaks SMB; "
                "shares of the Standard and of the Premium tier both qualify."
            ),
            interpretation=(
                "A volume of driver file.csi.azure.com whose share protocol is SMB is backed up to the "
                "Operational tier; the NFS case is SM-UNS-10. An environment that does not give the protocol "
                "leaves it unknown (SM-UNS-10 cannot tell). Read from a cluster, a PV and storage class that "
                "name no protocol mean SMB, the Azure Files CSI driver's default: the import records SMB "
                "with that class or PV as its source."
            ),
        ),
    ),
    (
        "SM-SUP-29",
        Statement(
            id="SM-SUP-30",
            section="Supported Scenarios",
            kind=Kind.RULE,
            area="files",
            anchor="supported-scenarios",
            edition=_E2026,
            text="Backing up Azure Files volumes needs version 1.32 or newer of the Azure Files CSI driver.",
            interpretation=(
                "An older driver refuses the backup of a cluster that has Azure Files volumes; a version "
                "not given is unknown, so the statement cannot tell."
            ),
        ),
    ),
    (
        "SM-SUP-10",
        Statement(
            id="SM-SUP-31",
            section="Supported Scenarios",
            kind=Kind.LIMIT,
            area="files",
            anchor="supported-scenarios",
            edition=_E2026,
            text="Operational-tier retention for Azure Files volumes is capped at 30 days.",
            interpretation=(
                "A policy that keeps Operational points longer than 30 days cannot protect Azure Files "
                "volumes; the backup of such a volume is refused."
            ),
        ),
    ),
    (
        "SM-UNS-01",
        Statement(
            id="SM-UNS-10",
            section=_UNSUPPORTED,
            kind=Kind.RULE,
            area="files",
            anchor=_UNSUPPORTED_ANCHOR,
            edition=_E2026,
            text="Azure Files volumes whose share uses the NFS protocol are not supported.",
            interpretation=(
                "Such a volume is skipped; the rest of the backup goes on. A share whose protocol is not "
                "given cannot be told apart (unknown); see SM-SUP-29 for what the import reads."
            ),
        ),
    ),
    (
        "SM-UNS-10",
        Statement(
            id="SM-UNS-11",
            section=_UNSUPPORTED,
            kind=Kind.LIMIT,
            area="files",
            anchor=_UNSUPPORTED_ANCHOR,
            edition=_E2026,
            text=(
                "An Azure file share is supported with at most 25,000 files in it; restoring a share that "
                "holds more can fail."
            ),
            interpretation="Above 25,000 files the volume's backup and restore are not covered.",
        ),
    ),
    (
        "SM-UNS-11",
        Statement(
            id="SM-UNS-12",
            section=_UNSUPPORTED,
            kind=Kind.RULE,
            area="files",
            anchor=_UNSUPPORTED_ANCHOR,
            edition=_E2026,
            text=(
                "Azure file shares reached through private endpoints are not supported: the share's "
                "network endpoint must be public (the portal's endpoint type All)."
            ),
            interpretation=(
                "A share whose storage account has a private endpoint or denies public network access is "
                "skipped."
            ),
        ),
    ),
    (
        "SM-LIM-05",
        Statement(
            id="SM-AFS-01",
            section=_FILES_SECTION,
            kind=Kind.CAPABILITY,
            area="files",
            anchor=_FILES_ANCHOR,
            edition=_E2026,
            text=(
                "Snapshots of an Azure Files volume are kept in the storage account of its share, not in "
                "the snapshot resource group used for disks."
            ),
        ),
    ),
    (
        "SM-AFS-01",
        Statement(
            id="SM-AFS-02",
            section=_FILES_SECTION,
            kind=Kind.GUIDANCE,
            area="files",
            anchor=_FILES_ANCHOR,
            edition=_E2026,
            text=(
                "A share's snapshots live and die with the share: deleting the share or its storage account "
                "loses the backups, so volumes should keep the reclaim policy Retain."
            ),
            interpretation="A backed-up Azure Files volume with reclaim policy Delete gets a warning.",
        ),
    ),
    (
        "SM-AFS-02",
        Statement(
            id="SM-AFS-03",
            section=_FILES_SECTION,
            kind=Kind.RULE,
            area="files",
            anchor=_FILES_ANCHOR,
            edition=_E2026,
            text=(
                "When the storage account key of an Azure Files volume sits in a Kubernetes secret, the "
                "backup must take secrets too, or the restored volume cannot be mounted."
            ),
            interpretation=(
                "A backup instance that leaves secrets out while an Azure Files volume reads its key from "
                "a secret is not covered."
            ),
        ),
    ),
    (
        "SM-AFS-03",
        Statement(
            id="SM-AFS-04",
            section=_FILES_SECTION,
            kind=Kind.GUIDANCE,
            area="files",
            anchor=_FILES_ANCHOR,
            edition=_E2026,
            text="An Azure Files volume made from a custom storage class needs that storage class backed up as well.",
        ),
    ),
    (
        "SM-AFS-04",
        Statement(
            id="SM-AFS-05",
            section=_FILES_SECTION,
            kind=Kind.RULE,
            area="files",
            anchor=_FILES_ANCHOR,
            edition=_E2026,
            text=(
                "A storage account that holds backed-up shares must carry no read-only or delete lock; a "
                "lock stops expired recovery points from being removed."
            ),
            interpretation=(
                "With a CanNotDelete or ReadOnly lock on the share's account, deleting expired recovery "
                "points is refused and configuring backup warns."
            ),
        ),
    ),
    (
        "SM-AFS-05",
        Statement(
            id="SM-AFS-06",
            section=_FILES_SECTION,
            kind=Kind.RULE,
            area="files",
            anchor=_FILES_ANCHOR,
            edition=_E2026,
            text=(
                "Azure Files volumes cannot be restored into another subscription or another region: their "
                "snapshots belong to the storage account."
            ),
        ),
    ),
    (
        "SM-AFS-06",
        Statement(
            id="SM-AFS-07",
            section=_FILES_SECTION,
            kind=Kind.RULE,
            area="files",
            anchor=_FILES_ANCHOR,
            edition=_E2026,
            text=(
                "One backup instance may hold both disk and Azure Files volumes; to send disks to the Vault "
                "tier while Files stay Operational, use one backup instance per kind."
            ),
            interpretation=(
                "With a Vault-tier policy, Azure Files volumes of the instance stay in the Operational tier "
                "(an informational finding names them)."
            ),
        ),
    ),
    (
        "SM-AFS-07",
        Statement(
            id="SM-AFS-08",
            section=_FILES_SECTION,
            kind=Kind.RULE,
            area="files",
            anchor=_FILES_ANCHOR,
            edition=_E2026,
            text=(
                "Backup of Azure Files volumes can be set up only in the Azure portal; the CLI, PowerShell, "
                "Terraform and other programmatic tools cannot do it yet."
            ),
        ),
    ),
    (
        "SM-AFS-08",
        Statement(
            id="SM-AFS-09",
            section=_FILES_SECTION,
            kind=Kind.LIMIT,
            area="files",
            anchor=_FILES_ANCHOR,
            edition=_E2026,
            text="The Azure Files section repeats the limit of 25,000 files per share; larger shares may fail to restore.",
            interpretation="Read together with SM-UNS-11; the finding cites both.",
        ),
    ),
    (
        "SM-AFS-09",
        Statement(
            id="SM-AFS-10",
            section=_FILES_SECTION,
            kind=Kind.RULE,
            area="files",
            anchor=_FILES_ANCHOR,
            edition=_E2026,
            text="Only SMB shares are taken: a share on the NFS protocol is skipped when a backup is made.",
            interpretation="Read together with SM-UNS-10.",
        ),
    ),
    (
        "SM-AFS-10",
        Statement(
            id="SM-AFS-11",
            section=_FILES_SECTION,
            kind=Kind.LIMIT,
            area="files",
            anchor=_FILES_ANCHOR,
            edition=_E2026,
            text=(
                "Policies protecting Azure Files volumes keep backups for at most 30 days, because a share "
                "can hold no more than 200 snapshots at once."
            ),
            interpretation="Read together with SM-SUP-31.",
        ),
    ),
)

_REVISED: Final[dict[str, tuple[Revision, ...]]] = {
    "SM-SUP-02": (
        Revision(
            edition=_E2026,
            behavioural=True,
            summary="no longer limited to Azure Disk: any CSI volume type the page supports",
            text=(
                "Only persistent volumes served by a CSI driver are backed up; in-tree volume plugins are "
                "not supported. The cluster must have the CSI drivers and the snapshot controller enabled."
            ),
            interpretation=(
                "A volume served by neither the Azure Disk nor the Azure Files CSI driver, nor one of the "
                "named unsupported kinds (SM-UNS-02), is skipped citing this statement; a disabled CSI disk "
                "driver or snapshot controller refuses the backup."
            ),
        ),
    ),
    "SM-SUP-03": (
        Revision(
            edition=_E2026,
            behavioural=True,
            summary="Premium SSD v2 and Ultra Disk join the supported disk SKUs (their data may show late)",
            text=(
                "Supported disk SKUs are Standard HDD, Standard SSD, Premium SSD, Premium SSD v2 and Ultra "
                "Disk. Snapshots and restores of Premium SSD v2 and Ultra disks copy the data in the "
                "background and can take longer, so restored data may appear after the volume is mounted."
            ),
            interpretation=(
                "Standard_LRS is Standard HDD; StandardSSD_LRS and StandardSSD_ZRS are Standard SSD; "
                "Premium_LRS and Premium_ZRS are Premium SSD; PremiumV2_LRS is Premium SSD v2; UltraSSD_LRS "
                "is Ultra Disk. The delayed data of the last two is an informational finding."
            ),
        ),
    ),
    "SM-SUP-06": (
        Revision(
            edition=_E2026,
            behavioural=True,
            summary="Operational tier takes disks and Azure Files; the Vault tier takes disks only",
            text=(
                "A backup policy enables either the Operational tier alone or the Operational and Vault "
                "tiers together (no Vault-only policy). Operational tier = snapshots of disk and Azure "
                "Files volumes plus metadata in the extension's blob container; Vault tier = offsite "
                "copies outside the tenant, for disk volumes only (Azure Files stay Operational)."
            ),
        ),
    ),
    "SM-SUP-10": (
        Revision(
            edition=_E2026,
            behavioural=True,
            summary="the daily Vault-tier copy concerns disk volumes only",
            text=(
                "Only the first successful Operational-tier backup in each 24-hour period is eligible to "
                "move to the Vault tier, and only its disk volumes move."
            ),
        ),
    ),
    "SM-SUP-28": (
        Revision(
            edition=_E2026,
            behavioural=True,
            summary=(
                "Azure Files volumes need Storage File Data Privileged Contributor for the source and "
                "target clusters on the share's storage account"
            ),
            text=(
                "The Backup vault's managed identity needs role assignments for backup and restore; new "
                "role assignments take a few minutes to take effect, so operations right after assigning "
                "roles can fail with permission errors. For Azure Files volumes, the source and the target "
                "cluster both need the Storage File Data Privileged Contributor role on the storage account "
                "of the shares: granted by hand for static shares, by the vault for dynamic ones."
            ),
            interpretation=(
                "'A few minutes' is read as 10 minutes: roles granted less than 10 minutes before the "
                "operation make it not covered; missing roles refuse it. A static Azure Files volume whose "
                "share account lacks the role for the cluster refuses the backup (or restore)."
            ),
        ),
    ),
    "SM-UNS-02": (
        Revision(
            edition=_E2026,
            behavioural=True,
            summary="Azure Files leaves the list: only Blob Storage and Container Storage remain unsupported",
            text=(
                "Persistent volumes on Azure Blob Storage or Azure Container Storage are not supported "
                "(they have their own backup solutions)."
            ),
        ),
    ),
    "SM-UNS-03": (
        Revision(
            edition=_E2026,
            behavioural=False,
            summary="says explicitly that in-tree volumes (azure-disk, azure-file provisioners) are among the skipped",
            text=(
                "Persistent volumes of an unsupported type are skipped automatically, in-tree volumes "
                "(provisioners kubernetes.io/azure-disk and kubernetes.io/azure-file) included; the backup "
                "of the rest goes on."
            ),
        ),
    ),
    "SM-UNS-07": (
        Revision(
            edition=_E2026,
            behavioural=True,
            summary="an existing backup instance cannot be changed to take Azure Files volumes",
            text=(
                "Changing the backup configuration, or the snapshot resource group, of an existing backup "
                "instance is not supported; to protect Azure Files volumes, create a new backup instance "
                "rather than extending an existing one."
            ),
        ),
    ),
    "SM-VLT-03": (
        Revision(
            edition=_E2026,
            behavioural=True,
            summary=(
                "a disk also needs Entra ID data-access authentication off and no disk encryption set to "
                "reach the Vault tier"
            ),
            text=(
                "A disk moves to the Vault tier only when public network access is on, Entra ID (AAD) "
                "data-access authentication is off and no disk encryption set encrypts it; otherwise the "
                "tiering operation fails."
            ),
            interpretation=(
                "Tiering needs networkAccessPolicy AllowAll with publicNetworkAccess Enabled, "
                "dataAccessAuthMode not AzureActiveDirectory, and no encryption.diskEncryptionSetId; "
                "tiering operations are refused otherwise, configuration warns."
            ),
        ),
    ),
    "SM-VLT-05": (
        Revision(
            edition=_E2026,
            behavioural=False,
            summary="the primary-region RPO is now 'up to' 24 hours (the time line already reads it as a bound)",
            text=(
                "The Vault tier keeps one scheduled recovery point per day, an RPO of up to 24 hours in the "
                "primary region; replication to the secondary region can take up to 12 more hours, an RPO "
                "of up to 36 hours."
            ),
        ),
    ),
}

_RETIRED: Final[dict[str, str]] = {
    "SM-UNS-01": _E2026,  # Premium SSD v2 and Ultra Disk become supported (SM-SUP-03)
}


def _assemble() -> tuple[Statement, ...]:
    entries = [
        dataclasses.replace(
            s, revisions=_REVISED.get(s.id, s.revisions), retired_in=_RETIRED.get(s.id, s.retired_in)
        )
        for s in _CATALOG
    ]
    for after, added in _ADDED:
        position = next(i for i, s in enumerate(entries) if s.id == after)
        entries.insert(position + 1, added)
    return tuple(entries)


STATEMENTS: Final[dict[str, Statement]] = {s.id: s for s in _assemble()}
"""Every statement of every edition by id, in document order (an added statement follows the one it
comes after on its page)."""


def statement(statement_id: str) -> Statement:
    """The statement with this id.

    Raises:
        UnknownStatement: the id is not in the catalog.
    """
    try:
        return STATEMENTS[statement_id]
    except KeyError:
        raise UnknownStatement(statement_id, known=STATEMENTS) from None


# --- Statements that state the same fact ----------------------------------------------------------


@dataclass(frozen=True, slots=True, kw_only=True)
class Overlap:
    """Two or more statements of the matrix that state one fact; the model cites all of them.

    `narrow` states only the shared fact, so wherever the model cites it, the fact applies; each of
    `broad` states it among other things. Wherever the model cites `narrow` with an effect on a subject,
    it cites every `broad` statement with the same effect on the same subject (a reader may look the
    answer up under any of them). The overlap holds in an edition where all of them hold."""

    narrow: str
    broad: tuple[str, ...]
    fact: str
    """The shared fact, in our words."""

    @property
    def statement_ids(self) -> tuple[str, ...]:
        return (self.narrow, *self.broad)

    def holds_in(self, edition: str) -> bool:
        return all(STATEMENTS[i].holds_in(edition) for i in self.statement_ids)


OVERLAPS: Final[tuple[Overlap, ...]] = (
    Overlap(
        narrow="SM-UNS-04",
        broad=("SM-SUP-20",),
        fact="the extension cannot run on a Windows node pool or on an ARM64 one",
    ),
    Overlap(
        narrow="SM-UNS-02",
        broad=("SM-SUP-02",),
        fact="volumes of Azure Files, Azure Blob Storage and Azure Container Storage are not backed up "
        "(SM-SUP-02 keeps only Azure Disk volumes of the CSI driver)",
    ),
    Overlap(
        narrow="SM-UNS-01",
        broad=("SM-SUP-03",),
        fact="Premium SSD v2 and Ultra Disk volumes are not backed up (SM-SUP-03 lists the disk types that are)",
    ),
    Overlap(
        narrow="SM-VLT-04",
        broad=("SM-SUP-14",),
        fact="a Vault-tier restore into another region reaches only the Azure paired region, from a "
        "geo-redundant vault with Cross Region Restore on",
    ),
)
"""Every set of statements (of any edition) that state one fact, found by reading the whole catalog
side by side. Pairs considered and left apart because the facts differ: SM-REG-04 (what a policy needs
so that restores in the pair will be possible, judged when backup is configured) beside SM-SUP-14 and
SM-VLT-04 (judged on the restore itself); SM-SUP-19 (private endpoint for backup) beside SM-VLT-11
(private endpoint to the restore's staging account); SM-VLT-08 (the extension's storage account)
beside SM-VLT-10 (the staging storage account); SM-UNS-03 (what happens to any skipped volume) beside
the statements that say which volumes are skipped. The time-line pairs SM-SUP-10/SM-VLT-05 (one
recovery point a day reaches the Vault tier) and SM-SUP-11/SM-VLT-06 (tiering within 4 hours) are
answered by `lifecycle.simulate`, not by `evaluate`; they are not recorded here yet."""
