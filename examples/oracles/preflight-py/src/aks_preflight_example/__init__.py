"""A preflight check for AKS Backup, of the kind a platform team writes by hand before onboarding a
cluster, wrapped as an oracle plug-in so that `aks-backup-conformance crosscheck` can test it.

It checks ten statements of the support matrix. Like many such scripts it was written from memory and
from an older copy of the documentation, and it carries five mistakes on purpose (the README of
examples/oracles shows the cross-check finding each one):

1. REGIONS: the list of regions was copied from an older page; regions added since are missing, so a
   cluster there is refused (SM-REG-03).
2. ONE_TB: "1 TB" is read as 10**12 bytes (931 GiB), so disks between 932 and 1024 GiB are said to
   stay out of the Vault tier (SM-VLT-01).
3. Static volumes that name no storage class are taken for backed-up volumes (SM-SUP-04): the script
   read only the first half of the statement.
4. The namespaces that are never backed up (kube-system, kube-node-lease, kube-public) are counted
   against the limit of 800 per backup instance (SM-LIM-04).
5. FREQUENCIES allows a backup every 2 hours (SM-SUP-08).

The checks read the environment the way the matrix's model does (`aks_backup_model.Environment`) and
answer with its `Outcome`; they do not call the model. It needs every fact (it was written against a
live cluster), so cross-check it with `--complete`; and it gives no volume plan, so with `--no-plans`.
"""

from __future__ import annotations

import sys
from collections.abc import Iterator

from aks_backup_model.environment import Environment, Volume
from aks_backup_model.operations import Operation
from aks_backup_model.outcome import Effect, Finding, Outcome

REGIONS_BOTH_TIERS = {
    # Copied from an older page (mistake 1): italynorth, jioindiawest, norwaywest, swedencentral and
    # switzerlandwest were added since and are missing here.
    "australiacentral", "australiacentral2", "australiaeast", "australiasoutheast", "brazilsouth",
    "brazilsoutheast", "canadacentral", "canadaeast", "centralindia", "centralus", "eastasia", "eastus",
    "eastus2", "francecentral", "francesouth", "germanynorth", "germanywestcentral", "japaneast",
    "japanwest", "koreacentral", "koreasouth", "northcentralus", "northeurope", "norwayeast",
    "southafricanorth", "southafricawest", "southcentralus", "southindia", "southeastasia", "switzerlandnorth",
    "uaenorth", "uksouth", "ukwest", "westcentralus", "westeurope", "westus", "westus2", "westus3",
}  # fmt: skip
REGIONS_OPERATIONAL_ONLY = {
    "chinaeast2", "chinaeast3", "chinanorth2", "chinanorth3", "usgovarizona", "usgovtexas", "usgovvirginia",
    "israelcentral", "polandcentral", "spaincentral",
}  # fmt: skip
FREQUENCIES = (2, 4, 6, 8, 12, 24)  # mistake 5: 2 hours is not offered
ONE_TB = 10**12  # mistake 2: the matrix's 1 TB is 1 TiB (1024 GiB)
MAX_NAMESPACES = 800
MAX_ON_DEMAND_PER_DAY = 10
SYSTEM_NAMESPACES = ("kube-system", "kube-node-lease", "kube-public")
DISK_DRIVER = "disk.csi.azure.com"

BACKUP = {"configure_backup", "scheduled_backup", "on_demand_backup", "tier_to_vault"}
CLUSTER = BACKUP | {"install_extension", "restore", "delete_expired_recovery_points"}
REGIONAL = (CLUSTER - {"delete_expired_recovery_points"}) | {"create_policy"}
POLICY = BACKUP | {"create_policy"}

COVERS = frozenset({
    "SM-REG-02", "SM-REG-03", "SM-SUP-04", "SM-SUP-05", "SM-SUP-08", "SM-SUP-12", "SM-UNS-05",
    "SM-LIM-03", "SM-LIM-04", "SM-VLT-01",
})  # fmt: skip


def _found(statement: str, effect: Effect, subject: str, message: str, tier: str | None = None) -> Finding:
    return Finding(statement, effect, subject, message, tier)


def check(env: Environment, kind: str, source_tier: str | None = None) -> Iterator[Finding]:
    """The preflight checks: what blocks the operation, what is skipped, what is worth knowing."""
    cluster, policy, instance = env.cluster, env.policy, env.backup_instance
    vault_tier = None if policy is None else policy.vault is not None
    region = cluster.region

    if kind in REGIONAL:
        wants_vault = source_tier == "Vault" if kind == "restore" else vault_tier
        if region is None:
            if wants_vault is not False:
                yield Finding("SM-REG-02", Effect.CANNOT_TELL, "cluster.region", "region not given")
            yield Finding("SM-REG-03", Effect.CANNOT_TELL, "cluster.region", "region not given")
        elif region in REGIONS_OPERATIONAL_ONLY:
            if kind != "restore" and vault_tier is None:
                yield _found(
                    "SM-REG-02",
                    Effect.CANNOT_TELL,
                    "policy",
                    "no policy to say whether it wants the Vault tier",
                )
            elif kind != "restore" and vault_tier:
                yield _found("SM-REG-02", Effect.BLOCKS, "policy.vault", f"{region} has no Vault tier")
            elif kind == "restore" and source_tier == "Vault":
                yield _found(
                    "SM-REG-02", Effect.BLOCKS, "operation.source_tier", f"{region} has no Vault tier"
                )
            else:
                yield _found(
                    "SM-REG-02", Effect.INFORMS, "cluster.region", f"{region}: Operational tier only"
                )
        elif region not in REGIONS_BOTH_TIERS:
            yield _found("SM-REG-03", Effect.BLOCKS, "cluster.region", f"{region} is not a supported region")

    if kind in CLUSTER:
        if cluster.identity == "ServicePrincipal":
            yield _found("SM-SUP-05", Effect.BLOCKS, "cluster.identity", "use a managed identity")
        if cluster.network_isolated:
            yield _found("SM-UNS-05", Effect.BLOCKS, "cluster.network_isolated", "network-isolated cluster")

    if kind in POLICY and policy is not None and policy.every_hours not in FREQUENCIES:
        yield _found(
            "SM-SUP-08", Effect.BLOCKS, "policy.every_hours", f"every {policy.every_hours} h is not offered"
        )

    if kind in BACKUP:
        vault = env.vault
        if vault.region != region:
            yield _found(
                "SM-SUP-12", Effect.BLOCKS, "vault.region", "the vault must be in the cluster's region"
            )
        if vault.tenant != cluster.tenant:
            yield _found(
                "SM-SUP-12", Effect.BLOCKS, "vault.tenant", "the vault must be in the cluster's tenant"
            )
        elif vault.subscription != cluster.subscription:
            yield _found("SM-SUP-12", Effect.INFORMS, "vault.subscription", "another subscription: fine")
        if vault_tier:
            for index, volume in enumerate(cluster.volumes or ()):
                # mistake 3: a static volume without a storage class counts as backed up
                if _backed_up_disk(env, volume) and (volume.size_gib or 0) * 2**30 > ONE_TB:
                    yield _found("SM-VLT-01", Effect.SKIPS, f"cluster.volumes[{index}]",
                                 f"{volume.claim} is over 1 TB: Operational tier only", tier="Vault")  # fmt: skip

    if kind == "on_demand_backup" and (instance.on_demand_backups_today or 0) >= MAX_ON_DEMAND_PER_DAY:
        yield _found("SM-LIM-03", Effect.BLOCKS, "backup_instance.on_demand_backups_today", "too many today")

    if kind == "configure_backup":
        selected = instance.namespaces
        names = {n.name for n in cluster.namespaces or ()} if selected is None else set(selected)
        # mistake 4: kube-system, kube-node-lease and kube-public are counted too
        count = len(names - set(instance.excluded_namespaces))
        if count > MAX_NAMESPACES:
            subject = "cluster.namespaces" if selected is None else "backup_instance.namespaces"
            yield _found("SM-LIM-04", Effect.BLOCKS, subject, f"{count} namespaces, over {MAX_NAMESPACES}")


def _backed_up_disk(env: Environment, volume: Volume) -> bool:
    """A CSI Azure Disk volume (not written inline in a pod) that the backup instance selects."""
    instance = env.backup_instance
    namespace = volume.namespace
    if volume.driver != DISK_DRIVER or volume.pod is not None:
        return False
    if namespace in SYSTEM_NAMESPACES or namespace in instance.excluded_namespaces:
        return False
    if instance.namespaces is not None and namespace not in instance.namespaces:
        return False
    if instance.included_volume_types is not None and "AzureDisk" not in instance.included_volume_types:
        return False
    return all(_matches(selector, volume.labels) for selector in instance.label_selectors)


def _matches(selector: str, labels: dict[str, str]) -> bool:
    """A label selector of one requirement: `key`, `!key`, `key=value`, `key!=value`, `key in (a,b)`."""
    text = selector.strip()
    if text.startswith("!"):
        return text[1:].strip() not in labels
    if " in " in text:
        key, _, values = text.partition(" in ")
        return labels.get(key.strip()) in {v.strip() for v in values.strip("() ").split(",")}
    if "!=" in text:
        key, _, value = text.partition("!=")
        return labels.get(key.strip()) != value.strip()
    if "=" in text:
        key, _, value = text.partition("=")
        return labels.get(key.strip()) == value.strip().lstrip("=")
    return text in labels


class PreflightOracle:
    """The preflight check as an oracle (`aks_backup_conformance.oracles.Oracle`)."""

    name = "preflight-example"

    def covers(self) -> frozenset[str]:
        return COVERS

    def evaluate(self, env: Environment, op: Operation | None = None) -> Outcome:
        kind = op.kind if op is not None else (env.operation.kind if env.operation else "configure_backup")
        source_tier = getattr(op, "source_tier", None)
        return Outcome(kind, env.edition, tuple(check(env, kind, source_tier)))


def main(argv: list[str] | None = None) -> int:
    """`aks-preflight-example ENV.yaml`: print what the preflight check finds; exit 1 when it blocks."""
    from aks_backup_conformance.io.load import load_environment

    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: aks-preflight-example ENV.yaml", file=sys.stderr)
        return 2
    env = load_environment(args[0])
    findings = list(check(env, env.operation.kind if env.operation else "configure_backup"))
    for f in findings:
        print(f"{f.effect.value:<8} {f.statement_id} {f.subject}: {f.message}")
    return 1 if any(f.effect is Effect.BLOCKS for f in findings) else 0
