"""The matrix's tables as the model holds them (`aks_backup_model.tables`), laid out for the site.

Each table is read from the model's constants when the site is built, never copied: the site cannot
say other than the model, and `tests/test_docs_site.py` holds the rendered cells against the model.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Mapping
from dataclasses import dataclass

from aks_backup_model import tables as t
from aks_backup_model.editions import EDITIONS


@dataclass(frozen=True, slots=True)
class Table:
    key: str
    """Stable id of the table in the page (`data-table`)."""
    title: str
    source: str
    """The section of the matrix (or the outside source) it mirrors."""
    statements: tuple[str, ...]
    header: tuple[str, ...]
    rows: tuple[tuple[str, ...], ...]


def _region(name: str) -> str:
    return t.REGION_DISPLAY_NAMES.get(name, name)


def _version(parts: tuple[int, ...]) -> str:
    return ".".join(map(str, parts))


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"


def _show(value: object) -> str:
    """A value of an edition's tables as the comparison table shows it."""
    if value is None:
        return "-"
    if isinstance(value, tuple) and all(isinstance(v, int) for v in value):
        return _version(value)
    if isinstance(value, tuple | frozenset | set):
        return ", ".join(sorted(map(str, value))) or "-"
    if isinstance(value, Mapping):
        return ", ".join(f"{k} ({v})" for k, v in value.items()) or "-"
    return str(value)


def edition_tables(name: str) -> list[Table]:
    """The tables edition `name` holds (`tables.for_edition`), each keyed `<table>-<edition>`."""
    e = t.for_edition(name)
    limits = (
        ("backup policies per Backup vault", e.max_policies_per_vault, "SM-LIM-01"),
        ("backup instances per Backup vault", e.max_backup_instances_per_vault, "SM-LIM-02"),
        ("on-demand backups per backup instance per day", e.max_on_demand_backups_per_day, "SM-LIM-03"),
        ("namespaces per backup instance", e.max_namespaces_per_backup_instance, "SM-LIM-04"),
        ("restores per backup instance per day", e.max_restores_per_day, "SM-LIM-05"),
        ("disk size for the Vault tier (GiB)", e.max_vault_disk_size_gib, "SM-VLT-01"),
        ("disks per backup instance with the Vault tier", e.max_disks_per_backup_instance, "SM-VLT-02"),
        ("operational points kept by pruning", t.PRUNING_KEEPS_OPERATIONAL_POINTS, "SM-VLT-07"),
    )
    skus = {**e.supported_disk_skus, **e.unsupported_disk_skus}
    drivers = [
        *((d, what, "yes") for d, what in e.supported_volume_drivers.items()),
        *((d, what, "no (in-tree)") for d, what in t.IN_TREE_DRIVERS.items()),
        *((d, what, "no") for d, what in e.unsupported_volume_drivers.items()),
    ]
    return [
        Table(
            f"disk-skus-{name}",
            f"Disk SKUs ({name})",
            "Supported scenarios and unsupported scenarios",
            ("SM-SUP-03", "SM-UNS-01"),
            ("sku", "product", "backed up", "data copied in the background"),
            tuple(
                (sku, product, _yes(sku in e.supported_disk_skus), _yes(sku in e.delayed_data_disk_skus))
                for sku, product in skus.items()
            ),
        ),
        Table(
            f"volume-drivers-{name}",
            f"Volume types ({name})",
            "Supported scenarios and unsupported scenarios",
            ("SM-SUP-02", "SM-UNS-02", "SM-SUP-06"),
            ("driver", "what it serves", "backed up", "to the Vault tier"),
            tuple((d, what, ok, _yes(d in e.vault_volume_drivers)) for d, what, ok in drivers),
        ),
        Table(
            f"limits-{name}",
            f"Limits ({name})",
            "Unsupported scenarios and limitations; vaulted backup limitations",
            tuple(sid for _, _, sid in limits),
            ("limit", "value", "statement"),
            tuple((what, str(value), sid) for what, value, sid in limits),
        ),
    ]


def editions_compared() -> Table:
    """Every field of the editions' tables side by side, one column per edition."""
    names = [e.name for e in sorted(EDITIONS.values(), key=lambda e: (e.published, e.name))]
    fields = [f.name for f in dataclasses.fields(t.EditionTables) if f.name != "edition"]
    return Table(
        "editions-compared",
        "The editions' tables side by side",
        "tables.EditionTables of each edition",
        (),
        ("field", *names),
        tuple((field, *(_show(getattr(t.for_edition(n), field)) for n in names)) for field in fields),
    )


def matrix_tables() -> list[Table]:
    """Every table of the model, in the order of the matrix; the tables that differ by edition once
    per edition, then all of them side by side."""
    timings = (
        ("backup window (hours)", t.BACKUP_WINDOW_HOURS, "SM-SUP-09"),
        ("Vault eligibility period (hours)", t.VAULT_ELIGIBILITY_PERIOD_HOURS, "SM-SUP-10"),
        ("tiering takes at most (hours)", t.TIERING_MAX_HOURS, "SM-SUP-11"),
        ("Vault-tier RPO, primary region (hours)", t.VAULT_RPO_PRIMARY_HOURS, "SM-VLT-05"),
        ("replication to the paired region, at most (hours)", t.SECONDARY_REPLICATION_MAX_HOURS, "SM-VLT-05"),
        ("tiering starts within (hours)", t.TIERING_START_MAX_HOURS, "SM-VLT-06"),
        ("role assignments propagate within (minutes, our reading)", t.ROLE_PROPAGATION_MINUTES, "SM-SUP-28"),
    )
    per_edition = [table for e in sorted(EDITIONS) for table in edition_tables(e)]
    return [
        Table(
            "regions-vault-and-operational",
            "Regions with the Vault and the Operational tier",
            "Supported regions, first list",
            ("SM-REG-01",),
            ("region", "ARM name"),
            tuple((n, t.arm_region(n)) for n in t.VAULT_AND_OPERATIONAL_REGIONS_DISPLAY),
        ),
        Table(
            "regions-operational-only",
            "Regions with the Operational tier only",
            "Supported regions, second list",
            ("SM-REG-02",),
            ("region", "ARM name"),
            tuple((n, t.arm_region(n)) for n in t.OPERATIONAL_ONLY_REGIONS_DISPLAY),
        ),
        Table(
            "paired-regions",
            "Paired regions (for Cross Region Restore)",
            "Azure paired regions (outside the matrix)",
            ("SM-REG-04", "SM-VLT-04"),
            ("region", "paired region"),
            tuple((_region(a), _region(b)) for a, b in t.PAIRED_REGION.items()),
        ),
        Table(
            "node-pool-os",
            "Node pool operating systems for the extension",
            "Supported scenarios",
            ("SM-SUP-20", "SM-UNS-04"),
            ("os_sku", "family", "runs the extension"),
            tuple((s, "Ubuntu", "yes") for s in sorted(t.UBUNTU_OS_SKUS))
            + tuple((s, "Azure Linux", "yes") for s in sorted(t.AZURE_LINUX_OS_SKUS))
            + tuple((s, "Windows", "no") for s in sorted(t.WINDOWS_OS_SKUS))
            + tuple((s, "other Linux", "no") for s in sorted(t.OTHER_LINUX_OS_SKUS)),
        ),
        Table(
            "node-pool-arch",
            "Node pool architectures for the extension",
            "Supported scenarios",
            ("SM-SUP-20", "SM-UNS-04"),
            ("architecture",),
            tuple((a,) for a in sorted(t.EXTENSION_ARCHITECTURES)),
        ),
        Table(
            "frequencies",
            "Backup frequencies",
            "Supported scenarios",
            ("SM-SUP-08",),
            ("every (hours)",),
            tuple((str(h),) for h in t.BACKUP_FREQUENCIES_HOURS),
        ),
        Table(
            "timings",
            "Times",
            "Supported scenarios; vaulted backup limitations",
            tuple(s for _, _, s in timings),
            ("what", "value", "statement"),
            tuple((what, str(value), sid) for what, value, sid in timings),
        ),
        Table(
            "kubernetes-versions",
            "Kubernetes minor versions (AKS calendar)",
            "AKS version calendar (outside the matrix)",
            ("SM-SUP-01",),
            ("minor", "GA", "end of life", "LTS end of life"),
            tuple(
                (
                    v.minor,
                    v.ga.isoformat(),
                    v.end_of_life.isoformat(),
                    v.lts_end_of_life.isoformat() if v.lts_end_of_life else "-",
                )
                for v in t.AKS_VERSION_CALENDAR
            ),
        ),
        Table(
            "other-facts",
            "Other facts",
            "Supported scenarios; unsupported scenarios",
            ("SM-SUP-15", "SM-SUP-16", "SM-SUP-18", "SM-UNS-06", "SM-UNS-08", "SM-VLT-03"),
            ("fact", "value"),
            (
                ("minimum Azure CLI version", _version(t.MIN_AZURE_CLI_VERSION)),
                ("minimum Terraform azurerm provider", _version(t.MIN_TERRAFORM_AZURERM_VERSION)),
                ("storage account kinds", ", ".join(sorted(t.SUPPORTED_STORAGE_ACCOUNT_KINDS))),
                ("namespaces never backed up", ", ".join(t.EXCLUDED_NAMESPACES)),
                ("label prefix reserved by Velero", t.VELERO_PREFIX),
                ("disk network access for the Vault tier", t.VAULT_ELIGIBLE_DISK_NETWORK_ACCESS),
            ),
        ),
        *per_edition,
        editions_compared(),
    ]
