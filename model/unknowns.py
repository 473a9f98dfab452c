"""Where a user finds each fact the environment may leave unknown. Pure data: no I/O.

A statement that needs a fact the environment does not give says `cannot_tell` about the field
(`cluster.kubernetes_version`); `where_to_find` says where that fact comes from: an `az` command and its
output field, a `kubectl` object, or, for the facts no command shows, "state it in the file".
"""

from __future__ import annotations

import re

__all__ = ["SOURCES", "field_pattern", "where_to_find"]

_AKS = "`az aks show`"
_POOLS = "`az aks nodepool list`"
_EXT = "`az k8s-extension show --name azure-aks-backup`"
_SA = "`az storage account show`"
_VAULT = "`az dataprotection backup-vault show`"
_POLICY = "`az dataprotection backup-policy show`"
_BI = "`az dataprotection backup-instance show`"
_STATE = "no command shows it: state it in the file"

SOURCES: dict[str, str] = {
    "as_of": f"{_STATE} (or pass --as-of)",
    "cluster": _AKS,
    "cluster.region": f"{_AKS}: `location`",
    "cluster.subscription": f"{_AKS}: the subscription id in `id`",
    "cluster.tenant": f"{_AKS}: `identity.tenantId` (or `az account show`: `tenantId`)",
    "cluster.kubernetes_version": f"{_AKS}: `currentKubernetesVersion`",
    "cluster.support_plan": f"{_AKS}: `supportPlan`",
    "cluster.identity": f"{_AKS}: `identity.type` (`servicePrincipalProfile.clientId` other than msi: ServicePrincipal)",
    "cluster.private_cluster": f"{_AKS}: `apiServerAccessProfile.enablePrivateCluster`",
    "cluster.private_endpoint": f"`az network private-endpoint list`; {_STATE}",
    "cluster.network_isolated": f"{_AKS}: `bootstrapProfile.artifactSource` and `networkProfile.outboundType`",
    "cluster.healthy": f"{_AKS}: `powerState.code` and `provisioningState`",
    "cluster.storage_profile.disk_csi_driver": f"{_AKS}: `storageProfile.diskCsiDriver.enabled`",
    "cluster.storage_profile.snapshot_controller": f"{_AKS}: `storageProfile.snapshotController.enabled`",
    "cluster.node_pools": _POOLS,
    "cluster.node_pools[].os_sku": f"{_POOLS}: `osSku`",
    "cluster.node_pools[].arch": f"{_POOLS}: `vmSize` (or `kubectl get nodes`: label `kubernetes.io/arch`)",
    "cluster.namespaces": "`kubectl get namespaces -o json`",
    "cluster.volumes": "`kubectl get persistentvolumes,persistentvolumeclaims,pods -A -o json`",
    "cluster.volumes[].driver": "`kubectl get persistentvolume`: `spec.csi.driver` (or `spec.azureDisk`)",
    "cluster.volumes[].sku": "`az disk show`: `sku.name` (or the storage class's `skuName`)",
    "cluster.volumes[].size_gib": "`az disk show`: `diskSizeGB` (or the claim's `spec.resources.requests.storage`)",
    "cluster.volumes[].provisioning": "`kubectl get persistentvolume`: annotation `pv.kubernetes.io/provisioned-by`",
    "cluster.volumes[].storage_class": "`kubectl get persistentvolume`: `spec.storageClassName`",
    "cluster.volumes[].network_access": "`az disk show`: `networkAccessPolicy`",
    "cluster.volumes[].public_network_access": "`az disk show`: `publicNetworkAccess`",
    "cluster.volumes[].data_access_auth_mode": "`az disk show`: `dataAccessAuthMode`",
    "cluster.volumes[].encryption_type": "`az disk show`: `encryption.type`",
    "cluster.volumes[].reclaim_policy": "`kubectl get persistentvolume`: `spec.persistentVolumeReclaimPolicy`",
    "cluster.volumes[].share": "`kubectl get persistentvolume`: `spec.csi.volumeAttributes` (storage account, share)",
    "cluster.volumes[].share.protocol": (
        "`az storage share-rm show`: `enabledProtocols` (or the PV's `spec.csi.volumeAttributes.protocol`, "
        "else its storage class's `parameters.protocol`; neither: smb, the driver's default)"
    ),
    "cluster.volumes[].share.file_count": (
        "`az monitor metrics list --metric FileCount --filter \"FileShare eq '*'\"` on the account's file service"
    ),
    "cluster.volumes[].share.key_in_secret": "`kubectl get persistentvolume`: `spec.csi.nodeStageSecretRef`",
    "cluster.volumes[].share.storage_account.public_network_access": f"{_SA}: `publicNetworkAccess`",
    "cluster.volumes[].share.storage_account.default_action": f"{_SA}: `networkRuleSet.defaultAction`",
    "cluster.volumes[].share.storage_account.private_endpoints": f"{_SA}: `privateEndpointConnections`",
    "cluster.volumes[].share.storage_account.locks": "`az lock list --resource <account>`: `level`",
    "cluster.volumes[].share.storage_account.cluster_roles": "`az role assignment list --scope <account>`",
    "cluster.storage_profile.file_csi_driver": f"{_AKS}: `storageProfile.fileCsiDriver.enabled`",
    "cluster.storage_profile.file_csi_driver_version": (
        "`kubectl get pods -n kube-system`: the tag of the `azurefile-csi` image of the csi-azurefile-node pods"
    ),
    "cluster.velero_installed": "`kubectl get deployments -A -o json` (a `velero` deployment)",
    "cluster.autoscaler_enabled": f"{_POOLS}: `enableAutoScaling`",
    "cluster.sufficient_capacity": _STATE,
    "extension.installed": _EXT,
    "extension.healthy": f"{_EXT}: `provisioningState` (and `kubectl get pods -n dataprotection-microsoft`)",
    "extension.storage_account": _SA,
    "extension.storage_account.region": f"{_SA}: `location`",
    "extension.storage_account.kind": f"{_SA}: `kind`",
    "extension.storage_account.sku": f"{_SA}: `sku.name`",
    "extension.storage_account.public_network_access": f"{_SA}: `publicNetworkAccess`",
    "extension.storage_account.default_action": f"{_SA}: `networkRuleSet.defaultAction`",
    "extension.storage_account.trusted_vault": f"{_SA}: `networkRuleSet.resourceAccessRules` and `bypass`",
    "extension.storage_account.container.empty": f"`az storage blob list`; {_STATE}",
    "extension.storage_account.container.foreign_files": f"`az storage blob list`; {_STATE}",
    "vault": _VAULT,
    "vault.region": f"{_VAULT}: `location`",
    "vault.subscription": f"{_VAULT}: the subscription id in `id`",
    "vault.tenant": f"{_VAULT}: `identity.tenantId`",
    "vault.redundancy": f"{_VAULT}: `storageSettings[].type`",
    "vault.cross_region_restore": f"{_VAULT}: `featureSettings.crossRegionRestoreSettings.state`",
    "vault.cross_subscription_restore": f"{_VAULT}: `featureSettings.crossSubscriptionRestoreSettings.state`",
    "vault.soft_delete": f"{_VAULT}: `securitySettings.softDeleteSettings.state`",
    "vault.immutability": f"{_VAULT}: `securitySettings.immutabilitySettings.state`",
    "vault.worm": _STATE,
    "vault.mua": "`az dataprotection resource-guard` / the vault's `backupResourceGuardProxies`",
    "vault.cmk": f"{_VAULT}: `securitySettings.encryptionSettings`",
    "vault.policies": "`az dataprotection backup-policy list` (count)",
    "vault.backup_instances": "`az dataprotection backup-instance list` (count)",
    "vault.role_assignments.granted": "`az role assignment list --assignee <vault identity>`",
    "vault.role_assignments.minutes_since_granted": "`az role assignment list`: `createdOn`",
    "policy": _POLICY,
    "policy.every_hours": f"{_POLICY}: the period of `repeatingTimeIntervals` (PT4H = 4)",
    "policy.start": f"{_POLICY}: the start of `repeatingTimeIntervals`",
    "backup_instance": _BI,
    "backup_instance.on_demand_backups_today": "`az dataprotection job list` (today's on-demand backups)",
    "backup_instance.restores_today": "`az dataprotection job list` (today's restores)",
    "tooling.deployed_with": _STATE,
    "tooling.azure_cli": "`az version`: `azure-cli`",
    "tooling.terraform_azurerm": "`terraform version`: provider registry.terraform.io/hashicorp/azurerm",
}
"""Field pattern (list positions and names written `[]`) -> where the fact comes from."""

_POSITION = re.compile(r'\[(?:\d+|"(?:[^"\\]|\\.)*")\]')


def field_pattern(subject: str) -> str:
    """`cluster.volumes[3].sku` -> `cluster.volumes[].sku` (the key of `SOURCES`)."""
    return _POSITION.sub("[]", subject)


def where_to_find(subject: str) -> str:
    """Where the fact at `subject` comes from ("no command shows it: state it in the file" for the
    facts no `az` or `kubectl` output holds)."""
    return SOURCES.get(field_pattern(subject), _STATE)
