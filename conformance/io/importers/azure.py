"""Facts from Azure artifacts: `az ... -o json` output and ARM GET responses, in either shape.

One function per kind of artifact; each reads what the matrix needs and puts it into `Facts` under
the environment's field path, with the file and JSON pointer it came from. A value of the wrong type
is a located error; a field that is absent stays unknown, except where Azure itself defines what its
absence means (said beside each such case). Field names: shared vocabulary of `az` and ARM, matched
case-insensitively (`diskCsiDriver` / `diskCSIDriver`), flattened (`az`) or under `properties` (ARM).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterable
from dataclasses import dataclass, field

import isodate

from .documents import Node, resource_parts
from .facts import Facts

__all__ = [
    "AzureIds",
    "agent_pools",
    "az_version",
    "backup_instance",
    "backup_policy",
    "backup_vault",
    "extension",
    "managed_cluster",
    "role_assignments",
    "storage_account",
]

BACKUP_EXTENSION_TYPE = "microsoft.dataprotection.kubernetes"

READER = "acdd72a7-3385-48ef-bd42-f606fba81ae7"
CONTRIBUTOR = "b24988ac-6180-42a0-ab88-20f7382dd24c"
OWNER = "8e3af657-a8ff-443c-a75c-2fe8c4bcb635"
STORAGE_BLOB_DATA_CONTRIBUTOR = "ba92f5b4-2d11-453d-a403-e96b0029c9fe"
STORAGE_BLOB_DATA_OWNER = "b7e6dc6d-f1e8-4753-8033-0f276bb0955b"
ROLE_NAMES = {
    "reader": READER,
    "contributor": CONTRIBUTOR,
    "owner": OWNER,
    "storage blob data contributor": STORAGE_BLOB_DATA_CONTRIBUTOR,
    "storage blob data owner": STORAGE_BLOB_DATA_OWNER,
}
"""Built-in role names -> their role definition ids (ARM lists only the id, `az` adds the name)."""
SATISFIES = {
    READER: {READER, CONTRIBUTOR, OWNER},
    CONTRIBUTOR: {CONTRIBUTOR, OWNER},
    STORAGE_BLOB_DATA_CONTRIBUTOR: {STORAGE_BLOB_DATA_CONTRIBUTOR, STORAGE_BLOB_DATA_OWNER},
}
"""A needed role -> the built-in roles that grant at least as much."""


@dataclass
class AzureIds:
    """Ids that tie artifacts together (the vault's principal, the cluster's id, ...)."""

    cluster_id: str | None = None
    cluster_principal: str | None = None
    vault_id: str | None = None
    vault_principal: str | None = None
    extension_principal: str | None = None
    storage_account: str | None = None
    storage_account_id: str | None = None
    snapshot_group_id: str | None = None
    policy_id: str | None = None
    disks: dict[str, Node] = field(default_factory=dict)
    """Disk resource id (lower case) -> the disk's node."""


def _choices(*values: str) -> dict[str, str]:
    return {value.lower(): value for value in values}


def _put_text(facts: Facts, path: str, node: Node | None) -> str | None:
    if node is None:
        return None
    value = node.text()
    facts.put(path, value, node)
    return value


def _state_enabled(node: Node | None) -> bool | None:
    """`Enabled`/`Disabled` (any case) -> True/False; None when absent."""
    if node is None:
        return None
    return node.one_of({"enabled": "1", "disabled": ""}, "Enabled or Disabled") == "1"


def _healthy(resource: Node) -> tuple[bool, Node] | None:
    """Running and Succeeded -> True; a known other state -> False; None when neither is given."""
    power = resource.prop("powerState", "code")
    state = resource.prop("provisioningState")
    if power is None and state is None:
        return None
    good = True
    if power is not None and power.text().lower() != "running":
        good = False
    if state is not None and state.text().lower() != "succeeded":
        good = False
    return good, power or state  # type: ignore[return-value]


# --- the managed cluster ------------------------------------------------------------------------------


def managed_cluster(root: Node, facts: Facts, ids: AzureIds, *, pools_elsewhere: bool) -> None:
    """`az aks show` or ARM `managedClusters/{name}` GET."""
    _put_text(facts, "cluster.name", root.get("name"))
    _put_text(facts, "cluster.region", root.get("location"))
    identifier = root.get("id")
    if identifier is not None:
        ids.cluster_id = identifier.text()
        subscription = resource_parts(ids.cluster_id).get("subscriptions")
        if subscription:
            facts.put("cluster.subscription", subscription, identifier)
    version = root.prop("currentKubernetesVersion") or root.prop("kubernetesVersion")
    _put_text(facts, "cluster.kubernetes_version", version)
    plan = root.prop("supportPlan")
    if plan is not None:
        facts.put(
            "cluster.support_plan",
            plan.one_of(
                _choices("KubernetesOfficial", "AKSLongTermSupport"),
                "KubernetesOfficial or AKSLongTermSupport",
            ),
            plan,
        )
    _identity(root, facts, ids)

    private = root.prop("apiServerAccessProfile", "enablePrivateCluster")
    if private is not None:
        facts.put("cluster.private_cluster", private.flag(), private)
    elif root.prop("apiServerAccessProfile") is not None or root.prop("kubernetesVersion") is not None:
        # ARM leaves out `enablePrivateCluster` (or the whole profile) on a public cluster.
        facts.put("cluster.private_cluster", False, root.prop("apiServerAccessProfile") or root)

    source = root.prop("bootstrapProfile", "artifactSource")
    if source is not None:
        facts.put(
            "cluster.network_isolated",
            source.one_of(_choices("Direct", "Cache"), "Direct or Cache") == "Cache",
            source,
        )
    elif root.prop("kubernetesVersion") is not None:
        # Without a bootstrap profile AKS pulls its images directly (artifactSource Direct).
        facts.put("cluster.network_isolated", False, root)

    health = _healthy(root)
    if health is not None:
        facts.put("cluster.healthy", health[0], health[1])

    for key, name in (
        ("diskCSIDriver", "disk_csi_driver"),
        ("fileCSIDriver", "file_csi_driver"),
        ("blobCSIDriver", "blob_csi_driver"),
        ("snapshotController", "snapshot_controller"),
    ):
        enabled = root.prop("storageProfile", key, "enabled")
        if enabled is not None:
            facts.put(f"cluster.storage_profile.{name}", enabled.flag(), enabled)

    profiles = root.prop("agentPoolProfiles")
    if profiles is not None and not pools_elsewhere:
        agent_pools(profiles, facts)


def _identity(root: Node, facts: Facts, ids: AzureIds) -> None:
    kind = root.get("identity", "type")
    client = root.prop("servicePrincipalProfile", "clientId")
    if kind is not None:
        value = kind.one_of(
            _choices("SystemAssigned", "UserAssigned", "None"), "SystemAssigned, UserAssigned or None"
        )
        facts.put("cluster.identity", "ServicePrincipal" if value == "None" else value, kind)
        tenant = root.get("identity", "tenantId")
        _put_text(facts, "cluster.tenant", tenant)
        principal = root.get("identity", "principalId")
        if principal is not None:
            ids.cluster_principal = principal.text()
        elif value == "UserAssigned":
            for _, assigned in (root.get("identity", "userAssignedIdentities") or Node({}, "")).entries():
                found = assigned.get("principalId")
                if found is not None:
                    ids.cluster_principal = found.text()
    elif client is not None and client.text().lower() != "msi":
        # No managed identity and a real application id: the cluster runs as a service principal.
        facts.put("cluster.identity", "ServicePrincipal", client)


_ARM_SIZE = re.compile(r"^standard_[a-z]+\d+(?P<features>[a-z]*)", re.IGNORECASE)


def agent_pools(pools: Node, facts: Facts) -> None:
    """`az aks nodepool list` (or the cluster's `agentPoolProfiles`): one node pool each."""
    items = list(pools.items()) if isinstance(pools.value, list) else [pools]
    autoscaler = False
    for index, pool in enumerate(items):
        base = f"cluster.node_pools[{index}]"
        name = pool.get("name")
        if name is None:
            pool.fail("expected an agent pool with a `name`")
        facts.put(f"{base}.name", name.text(), name)
        mode = pool.prop("mode")
        if mode is not None:
            word = mode.text()
            if word.lower() in ("system", "user", "gateway"):
                facts.put(f"{base}.mode", word[:1].upper() + word[1:].lower(), mode)
            else:
                facts.note(f"{pool.file}{mode.pointer}: pool mode {word!r} is not one the matrix speaks of")
        os_sku = pool.prop("osSku")
        os_type = pool.prop("osType")
        if os_sku is not None:
            facts.put(f"{base}.os_sku", os_sku.text(), os_sku)
        elif os_type is not None and os_type.text().lower() == "linux":
            # AKS gives a Linux pool without an osSKU the Ubuntu image.
            facts.put(f"{base}.os_sku", "Ubuntu", os_type)
        size = pool.prop("vmSize")
        if size is not None:
            text = size.text()
            facts.put(f"{base}.vm_size", text, size)
            match = _ARM_SIZE.match(text)
            if match is not None:
                # VM size naming: a lower-case `p` among the additive features marks an Arm64 CPU.
                arch = "arm64" if "p" in match["features"].lower() else "x86_64"
                facts.put(f"{base}.arch", arch, size)
        health = _healthy(pool)
        if health is not None:
            facts.put(f"{base}.healthy", health[0], health[1])
        scaling = pool.prop("enableAutoScaling")
        if scaling is not None and scaling.flag():
            autoscaler = True
    facts.put("cluster.autoscaler_enabled", autoscaler, pools)


# --- the backup extension and its storage account -------------------------------------------------------

_SETTING = "configuration.backupStorageLocation."


def extension(root: Node, facts: Facts, ids: AzureIds) -> None:
    """`az k8s-extension show` (one) or `list` (all of the cluster's extensions)."""
    listing = isinstance(root.value, list)
    items = list(root.items()) if listing else [root]
    for item in items:
        kind = item.prop("extensionType")
        if kind is None or kind.text().lower() != BACKUP_EXTENSION_TYPE:
            continue
        facts.put("extension.installed", True, kind)
        health = _healthy(item)
        if health is not None:
            facts.put("extension.healthy", health[0], health[1])
        settings = item.prop("configurationSettings")
        if settings is not None:
            values = {key.lower(): node for key, node in settings.entries()}
            account = values.get((_SETTING + "config.storageAccount").lower())
            if account is not None:
                ids.storage_account = _put_text(facts, "extension.storage_account.name", account)
            bucket = values.get((_SETTING + "bucket").lower())
            _put_text(facts, "extension.storage_account.container.name", bucket)
            tenant = values.get("credentials.tenantid")
            if tenant is not None and not facts.has("cluster.tenant"):
                # The tenant the extension signs in to is the cluster's (a service principal
                # cluster's `az aks show` names none).
                _put_text(facts, "cluster.tenant", tenant)
        principal = item.prop("aksAssignedIdentity", "principalId")
        if principal is not None:
            ids.extension_principal = principal.text()
        return
    if listing:
        # `az k8s-extension list` names every extension of the cluster: the backup one is not there.
        facts.put("extension.installed", False, root)


def storage_account(root: Node, facts: Facts, ids: AzureIds) -> None:
    """`az storage account show` (`networkRuleSet`) or ARM GET (`properties.networkAcls`)."""
    name = root.get("name")
    if name is not None and ids.storage_account and name.text().lower() != ids.storage_account.lower():
        return  # another account (an Azure Files share's, or one not used: noted after the volumes)
    base = "extension.storage_account"
    _put_text(facts, f"{base}.name", name)
    identifier = root.get("id")
    if identifier is not None:
        ids.storage_account_id = identifier.text()
    _put_text(facts, f"{base}.region", root.get("location"))
    kind = root.get("kind")
    if kind is not None:
        facts.put(
            f"{base}.kind",
            kind.one_of(
                _choices("Storage", "StorageV2", "BlobStorage", "BlockBlobStorage", "FileStorage"),
                "Storage, StorageV2, BlobStorage, BlockBlobStorage or FileStorage",
            ),
            kind,
        )
    _put_text(facts, f"{base}.sku", root.get("sku", "name"))
    access = root.prop("publicNetworkAccess")
    if access is not None:
        facts.put(
            f"{base}.public_network_access",
            access.one_of(
                _choices("Enabled", "Disabled", "SecuredByPerimeter"),
                "Enabled, Disabled or SecuredByPerimeter",
            ),
            access,
        )
    elif root.prop("provisioningState") is not None:
        # Azure: an account that never set publicNetworkAccess is reachable publicly (Enabled).
        facts.put(f"{base}.public_network_access", "Enabled", root)
    rules = root.prop("networkRuleSet") or root.prop("networkAcls")
    if rules is not None:
        action = rules.get("defaultAction")
        if action is not None:
            facts.put(
                f"{base}.default_action", action.one_of(_choices("Allow", "Deny"), "Allow or Deny"), action
            )
        bypass = rules.get("bypass")
        trusted = bypass is not None and "azureservices" in bypass.text().replace(" ", "").lower().split(",")
        for rule in (rules.get("resourceAccessRules") or Node([], rules.file)).items():
            resource = rule.get("resourceId")
            if resource is not None and "/microsoft.dataprotection/backupvaults/" in resource.text().lower():
                trusted = True
        facts.put(f"{base}.trusted_vault", trusted, rules)
    connections = root.prop("privateEndpointConnections")
    if connections is not None:
        approved = False
        for connection in connections.items():
            status = connection.prop("privateLinkServiceConnectionState", "status")
            if status is not None and status.text().lower() == "approved":
                approved = True
        facts.put(f"{base}.private_endpoint", approved, connections)
        # Our reading of SM-SUP-19: the private endpoint a private cluster's backups go through is
        # the one on the extension's storage account.
        facts.put("cluster.private_endpoint", approved, connections)


# --- the vault, its policy and the backup instance ---------------------------------------------------


def backup_vault(root: Node, facts: Facts, ids: AzureIds) -> None:
    """`az dataprotection backup-vault show` or ARM `backupVaults/{name}` GET."""
    _put_text(facts, "vault.name", root.get("name"))
    _put_text(facts, "vault.region", root.get("location"))
    identifier = root.get("id")
    if identifier is not None:
        ids.vault_id = identifier.text()
        subscription = resource_parts(ids.vault_id).get("subscriptions")
        if subscription:
            facts.put("vault.subscription", subscription, identifier)
    _put_text(facts, "vault.tenant", root.get("identity", "tenantId"))
    principal = root.get("identity", "principalId")
    if principal is not None:
        ids.vault_principal = principal.text()
    settings = root.prop("storageSettings")
    if settings is not None:
        for setting in settings.items():
            kind = setting.get("type")
            if kind is not None:
                facts.put(
                    "vault.redundancy",
                    kind.one_of(
                        _choices("LocallyRedundant", "ZoneRedundant", "GeoRedundant"),
                        "LocallyRedundant, ZoneRedundant or GeoRedundant",
                    ),
                    kind,
                )
                break
    crr = _state_enabled(root.prop("featureSettings", "crossRegionRestoreSettings", "state"))
    if crr is not None:
        facts.put(
            "vault.cross_region_restore",
            crr,
            root.prop("featureSettings", "crossRegionRestoreSettings", "state"),  # type: ignore[arg-type]
        )
    csr = root.prop("featureSettings", "crossSubscriptionRestoreSettings", "state")
    if csr is not None:
        facts.put(
            "vault.cross_subscription_restore",
            csr.one_of(
                _choices("Enabled", "Disabled", "PermanentlyDisabled"),
                "Enabled, Disabled or PermanentlyDisabled",
            ),
            csr,
        )
    soft = root.prop("securitySettings", "softDeleteSettings", "state")
    if soft is not None:
        # Azure's own examples also send Enabled/Disabled for On/Off.
        choices = {"on": "On", "enabled": "On", "off": "Off", "disabled": "Off", "alwayson": "AlwaysOn"}
        facts.put("vault.soft_delete", soft.one_of(choices, "On, Off or AlwaysOn"), soft)
    immutable = root.prop("securitySettings", "immutabilitySettings", "state")
    if immutable is not None:
        facts.put(
            "vault.immutability",
            immutable.one_of(_choices("Disabled", "Unlocked", "Locked"), "Disabled, Unlocked or Locked"),
            immutable,
        )
    encryption = root.prop("securitySettings", "encryptionSettings")
    if encryption is not None:
        state = encryption.get("state")
        cmk = (state is None or state.text().lower() == "enabled") and encryption.get(
            "keyVaultProperties", "keyUri"
        ) is not None
        facts.put("vault.cmk", cmk, encryption)
    elif root.prop("securitySettings") is not None:
        # Without encryption settings the vault uses platform-managed keys.
        facts.put("vault.cmk", False, root.prop("securitySettings"))  # type: ignore[arg-type]
    guarded = root.prop("isVaultProtectedByResourceGuard")
    if guarded is not None:
        facts.put("vault.mua", guarded.flag(), guarded)


def backup_instances(root: Node, facts: Facts, ids: AzureIds) -> Node | None:
    """`backup-instance show` or `list`: counts the vault's instances (a list) and picks this cluster's."""
    listing = isinstance(root.value, list)
    items = list(root.items()) if listing else [root]
    if listing:
        facts.put("vault.backup_instances", len(items), root)
    chosen: Node | None = None
    for item in items:
        source = item.prop("dataSourceInfo", "resourceID") or item.prop("dataSourceInfo", "resourceId")
        if source is not None and ids.cluster_id and source.text().lower() == ids.cluster_id.lower():
            return item
        if chosen is None and (not listing or len(items) == 1):
            chosen = item
    return chosen


def backup_instance(item: Node, facts: Facts, ids: AzureIds) -> None:
    """The backup instance of this cluster: namespaces selected and the snapshot resource group."""
    policy = item.prop("policyInfo", "policyId")
    if policy is not None:
        ids.policy_id = policy.text()
    for parameters in (
        item.prop("policyInfo", "policyParameters", "backupDatasourceParametersList") or _EMPTY
    ).items():
        included = parameters.get("includedNamespaces")
        if included is not None:
            names = included.texts()
            # An empty or absent list selects every namespace.
            facts.put("backup_instance.namespaces", names or None, included)
        elif parameters.get("objectType") is not None:
            facts.put("backup_instance.namespaces", None, parameters)
        excluded = parameters.get("excludedNamespaces")
        if excluded is not None:
            facts.put("backup_instance.excluded_namespaces", excluded.texts(), excluded)
        selectors = parameters.get("labelSelectors")
        if selectors is not None:
            facts.put("backup_instance.label_selectors", selectors.texts(), selectors)
        types = parameters.get("includedVolumeTypes")
        if types is not None:
            # An empty list takes every volume type, as Azure reads it.
            facts.put("backup_instance.included_volume_types", types.texts() or None, types)
        cluster_scope = parameters.get("includeClusterScopeResources")
        if cluster_scope is not None:
            facts.put("backup_instance.include_cluster_scope_resources", cluster_scope.flag(), cluster_scope)
    for store in (item.prop("policyInfo", "policyParameters", "dataStoreParametersList") or _EMPTY).items():
        group = store.get("resourceGroupId")
        if group is not None:
            ids.snapshot_group_id = group.text()
            name = resource_parts(ids.snapshot_group_id).get("resourcegroups")
            if name:
                facts.put("backup_instance.snapshot_resource_group", name, group)


_EMPTY = Node([], "")


def backup_policies(root: Node, facts: Facts, ids: AzureIds) -> Node | None:
    """`backup-policy show` or `list`: counts the vault's policies (a list) and picks the instance's."""
    listing = isinstance(root.value, list)
    items = list(root.items()) if listing else [root]
    if listing:
        facts.put("vault.policies", len(items), root)
    for item in items:
        identifier = item.get("id")
        if identifier is not None and ids.policy_id and identifier.text().lower() == ids.policy_id.lower():
            return item
    if len(items) == 1:
        return items[0]
    facts.note(
        f"{root.file}: {len(items)} policies and none named by the backup instance; the policy stays unknown"
    )
    return None


def backup_policy(root: Node, facts: Facts) -> None:
    """A backup policy: schedule (`R/<start>/<period>`), retention per tier, tagging for the Vault tier."""
    rules = root.prop("policyRules")
    if rules is None:
        return
    schedule_start: dt.datetime | None = None
    tags: set[str] = set()
    retention: dict[str, tuple[Node, Node]] = {}
    for rule in rules.items():
        kind = (rule.get("objectType") or Node("", rule.file)).text().lower()
        if kind == "azurebackuprule":
            intervals = rule.get("trigger", "schedule", "repeatingTimeIntervals")
            if intervals is not None:
                first = next(iter(intervals.items()), None)
                if first is not None:
                    schedule_start, hours = _repeating_interval(first)
                    facts.put("policy.every_hours", hours, first)
                    facts.put("policy.start", schedule_start.astimezone(dt.UTC).time().isoformat(), first)
            for criterion in (rule.get("trigger", "taggingCriteria") or _EMPTY).items():
                name = criterion.get("tagInfo", "tagName")
                if name is not None:
                    tags.add(name.text().lower())
        elif kind == "azureretentionrule":
            name = rule.get("name")
            for lifecycle in (rule.get("lifecycles") or _EMPTY).items():
                store = lifecycle.get("sourceDataStore", "dataStoreType")
                after = lifecycle.get("deleteAfter", "duration")
                if store is not None and after is not None:
                    retention[store.text().lower()] = (after, name or rule)
    operational = retention.get("operationalstore")
    if operational is not None:
        facts.put(
            "policy.operational", {"retention_days": _days(operational[0], schedule_start)}, operational[0]
        )
    elif retention:
        facts.put("policy.operational", None, rules)
    vault = retention.get("vaultstore")
    if vault is not None:
        rule_name = vault[1].text().lower() if isinstance(vault[1].value, str) else ""
        if rule_name and rule_name != "default" and rule_name not in tags:
            facts.note(
                f"{root.file}{vault[1].pointer}: no tagging criterion selects backups for the Vault-tier "
                f"rule {vault[1].value!r}, so none reach the Vault tier"
            )
            facts.put("policy.vault", None, vault[1])
        else:
            facts.put("policy.vault", {"retention_days": _days(vault[0], schedule_start)}, vault[0])
    elif rules is not None and retention:
        facts.put("policy.vault", None, rules)


def _repeating_interval(node: Node) -> tuple[dt.datetime, int]:
    """`R/2024-01-01T09:00:00+00:00/PT4H` -> (its start, 4 hours)."""
    text = node.text()
    parts = text.split("/")
    if len(parts) != 3 or not parts[0].upper().startswith("R"):
        node.fail("expected an ISO 8601 repeating interval such as R/2024-01-01T09:00:00+00:00/PT4H")
    try:
        start = isodate.parse_datetime(parts[1])
        period = isodate.parse_duration(parts[2])
    except (isodate.ISO8601Error, ValueError):
        node.fail("expected an ISO 8601 repeating interval such as R/2024-01-01T09:00:00+00:00/PT4H")
    if start.tzinfo is None:
        start = start.replace(tzinfo=dt.UTC)
    if isinstance(period, isodate.Duration):
        period = period.totimedelta(start=start)
    seconds = period.total_seconds()
    if seconds <= 0 or seconds % 3600:
        node.fail("expected a period of whole hours (PT4H, PT12H, P1D)")
    return start, int(seconds // 3600)


def _days(node: Node, start: dt.datetime | None) -> int:
    """`P7D` -> 7, `P1W` -> 7, `P1M` -> the days of that month from the schedule's start."""
    try:
        duration = isodate.parse_duration(node.text())
    except (isodate.ISO8601Error, ValueError):
        node.fail("expected an ISO 8601 duration such as P7D")
    if isinstance(duration, isodate.Duration):
        duration = duration.totimedelta(start=start or dt.datetime(2024, 1, 1, tzinfo=dt.UTC))
    if duration.total_seconds() <= 0 or duration.total_seconds() % 86400:
        node.fail("expected a retention of whole days (P7D, P4W, P1Y)")
    return int(duration.total_seconds() // 86400)


# --- role assignments and the CLI version ------------------------------------------------------------


def role_assignments(roots: list[Node], facts: Facts, ids: AzureIds) -> None:
    """`az role assignment list`: are the roles backup needs granted (SM-SUP-28)?

    Needed (as the CLI's AKS manifest grants them): the vault's identity Reader on the cluster and on
    the snapshot resource group; the cluster's identity Contributor on the snapshot resource group; the
    extension's identity Storage Blob Data Contributor on the storage account. A role at a parent scope
    counts. Only the needs whose identity and scope are known are checked; when one of those is missing
    the roles are not granted, and when all four are known and present they are.
    """
    held: list[tuple[str, str, str]] = []
    items = [item for root in roots for item in (root.items() if isinstance(root.value, list) else [root])]
    for item in items:
        principal = item.prop("principalId")
        scope = item.prop("scope")
        role = item.prop("roleDefinitionId")
        name = item.prop("roleDefinitionName")
        if principal is None or scope is None:
            continue
        definition = role.text().rsplit("/", 1)[-1].lower() if role is not None else ""
        if name is not None and name.text().lower() in ROLE_NAMES:
            definition = ROLE_NAMES[name.text().lower()]
        held.append((principal.text().lower(), scope.text().rstrip("/").lower(), definition))
    needs = [
        (ids.vault_principal, ids.cluster_id, READER),
        (ids.vault_principal, ids.snapshot_group_id, READER),
        (ids.cluster_principal, ids.snapshot_group_id, CONTRIBUTOR),
        (ids.extension_principal, ids.storage_account_id, STORAGE_BLOB_DATA_CONTRIBUTOR),
    ]
    known = [(p.lower(), s.rstrip("/").lower(), r) for p, s, r in needs if p and s]
    missing = [need for need in known if not _granted(need, held)]
    if missing:
        facts.put("vault.role_assignments.granted", False, roots[0])
        for who, where, needed in missing:
            facts.note(f"no role assignment gives {who} {_role_name(needed)} on {where}")
    elif len(known) == len(needs):
        facts.put("vault.role_assignments.granted", True, roots[0])


def _granted(need: tuple[str, str, str], held: Iterable[tuple[str, str, str]]) -> bool:
    principal, scope, role = need
    return any(
        p == principal and (scope == s or scope.startswith(s + "/")) and r in SATISFIES[role]
        for p, s, r in held
    )


def _role_name(definition: str) -> str:
    return next((name.title() for name, ident in ROLE_NAMES.items() if ident == definition), definition)


def az_version(root: Node, facts: Facts) -> None:
    """`az version`: the Azure CLI's version (SM-SUP-15)."""
    _put_text(facts, "tooling.azure_cli", root.get("azure-cli"))
