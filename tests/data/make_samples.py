"""Write the artifact samples of `tests/data/` (run from the repository root after changing this file).

    python tests/data/make_samples.py

Each sample is a folder of files as `aks-backup-conformance collect` writes them (or a subset), made
up by us in the shapes real `az`, ARM and `kubectl` output has (all ids and names are invented). The
`supported/` sample's Azure files are written by hand; this script writes its `kubectl.json` and
role assignments, and derives the other samples from it, one change of fact each, so that every
sample differs from the supported one where its name says. Beside each folder,
`<sample>.expected.yaml` states the answer `check --from` must give (status, exit code, statements).
"""

from __future__ import annotations

import json
import shutil
import zlib
from pathlib import Path
from typing import Any

HERE = Path(__file__).resolve().parent
BASE = HERE / "supported"
SUB = "11111111-2222-3333-4444-555555555555"
TENANT = "99999999-8888-7777-6666-555555555555"
CLUSTER_ID = f"/subscriptions/{SUB}/resourcegroups/rg-shop-weu/providers/Microsoft.ContainerService/managedClusters/aks-shop-weu"
SNAPSHOT_RG = f"/subscriptions/{SUB}/resourceGroups/rg-shop-snapshots"
ACCOUNT_ID = f"/subscriptions/{SUB}/resourceGroups/rg-shop-backup/providers/Microsoft.Storage/storageAccounts/stshopbackupweu"
NODE_RG = f"/subscriptions/{SUB}/resourceGroups/MC_rg-shop-weu_aks-shop-weu_westeurope"
FILES_ACCOUNT = "f0a1b2c3d4e5f6a7b8c9d0e1"
"""The storage account the Azure Files CSI driver made for dynamic shares (in the node resource group)."""
FILES_ACCOUNT_ID = f"{NODE_RG}/providers/Microsoft.Storage/storageAccounts/{FILES_ACCOUNT}"
VAULT_PRINCIPAL = "aaaaaaaa-0000-4000-8000-000000000005"
CLUSTER_PRINCIPAL = "aaaaaaaa-0000-4000-8000-000000000001"
EXTENSION_PRINCIPAL = "aaaaaaaa-0000-4000-8000-000000000004"
ROLES = {
    "Reader": "acdd72a7-3385-48ef-bd42-f606fba81ae7",
    "Contributor": "b24988ac-6180-42a0-ab88-20f7382dd24c",
    "Storage Blob Data Contributor": "ba92f5b4-2d11-453d-a403-e96b0029c9fe",
}


def write(folder: Path, name: str, data: Any) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / name).write_text(json.dumps(data, indent=2) + "\n")


def read(folder: Path, name: str) -> Any:
    return json.loads((folder / name).read_text())


def role(n: int, principal: str, name: str, scope: str, kind: str = "ServicePrincipal") -> dict[str, Any]:
    guid = f"5ea1c0de-0000-4000-8000-{n:012d}"
    return {
        "condition": None,
        "conditionVersion": None,
        "createdBy": "aaaaaaaa-0000-4000-8000-0000000000ff",
        "createdOn": "2025-03-02T10:31:07.000000+00:00",
        "delegatedManagedIdentityResourceId": None,
        "description": None,
        "id": f"{scope}/providers/Microsoft.Authorization/roleAssignments/{guid}",
        "name": guid,
        "principalId": principal,
        "principalType": kind,
        "roleDefinitionId": f"/subscriptions/{SUB}/providers/Microsoft.Authorization/roleDefinitions/{ROLES[name]}",
        "roleDefinitionName": name,
        "scope": scope,
        "type": "Microsoft.Authorization/roleAssignments",
        "updatedBy": "aaaaaaaa-0000-4000-8000-0000000000ff",
        "updatedOn": "2025-03-02T10:31:07.000000+00:00",
    }


def role_assignments() -> list[dict[str, Any]]:
    return [
        role(1, VAULT_PRINCIPAL, "Reader", CLUSTER_ID),
        role(2, VAULT_PRINCIPAL, "Reader", SNAPSHOT_RG),
        role(3, CLUSTER_PRINCIPAL, "Contributor", SNAPSHOT_RG),
        role(4, EXTENSION_PRINCIPAL, "Storage Blob Data Contributor", ACCOUNT_ID),
    ]


def meta(name: str, namespace: str | None = None, **extra: Any) -> dict[str, Any]:
    data: dict[str, Any] = {
        "creationTimestamp": "2025-03-02T10:20:00Z",
        "name": name,
        "resourceVersion": str(1000 + len(name)),
        "uid": f"0c0ffee0-0000-4000-8000-{zlib.crc32((name).encode()) % 10**12:012d}",
    }
    if namespace is not None:
        data["namespace"] = namespace
    data.update(extra)
    return data


def namespace(name: str, labels: dict[str, str] | None = None) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Namespace",
        "metadata": meta(name, labels={"kubernetes.io/metadata.name": name, **(labels or {})}),
        "spec": {"finalizers": ["kubernetes"]},
        "status": {"phase": "Active"},
    }


def node(
    name: str,
    pool: str,
    *,
    arch: str = "amd64",
    os: str = "linux",
    sku: str = "Ubuntu",
    mode: str = "system",
    size: str = "Standard_D4ds_v5",
) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": meta(
            name,
            labels={
                "agentpool": pool,
                "beta.kubernetes.io/arch": arch,
                "beta.kubernetes.io/instance-type": size,
                "beta.kubernetes.io/os": os,
                "kubernetes.azure.com/agentpool": pool,
                "kubernetes.azure.com/cluster": "MC_rg-shop-weu_aks-shop-weu_westeurope",
                "kubernetes.azure.com/mode": mode,
                "kubernetes.azure.com/os-sku": sku,
                "kubernetes.azure.com/role": "agent",
                "kubernetes.io/arch": arch,
                "kubernetes.io/hostname": name,
                "kubernetes.io/os": os,
                "node.kubernetes.io/instance-type": size,
                "topology.disk.csi.azure.com/zone": "westeurope-1",
                "topology.kubernetes.io/region": "westeurope",
                "topology.kubernetes.io/zone": "westeurope-1",
            },
            annotations={
                "csi.volume.kubernetes.io/nodeid": json.dumps({"disk.csi.azure.com": name}),
                "node.alpha.kubernetes.io/ttl": "0",
            },
        ),
        "spec": {
            "podCIDR": "10.244.0.0/24",
            "providerID": f"azure://{NODE_RG}/providers/Microsoft.Compute/virtualMachineScaleSets/aks-{pool}-12345678-vmss/virtualMachines/0",
        },
        "status": {
            "allocatable": {
                "cpu": "3860m",
                "ephemeral-storage": "119703055367",
                "memory": "12881168Ki",
                "pods": "110",
            },
            "capacity": {
                "cpu": "4",
                "ephemeral-storage": "129886128Ki",
                "memory": "16375056Ki",
                "pods": "110",
            },
            "conditions": [
                {
                    "lastHeartbeatTime": "2025-10-01T08:00:00Z",
                    "lastTransitionTime": "2025-09-30T10:00:00Z",
                    "message": "kubelet is posting ready status",
                    "reason": "KubeletReady",
                    "status": "True",
                    "type": "Ready",
                }
            ],
            "nodeInfo": {
                "architecture": arch,
                "containerRuntimeVersion": "containerd://1.7.27-1",
                "kernelVersion": "5.15.0-1092-azure",
                "kubeProxyVersion": "",
                "kubeletVersion": "v1.32.7",
                "machineID": "0" * 32,
                "operatingSystem": os,
                "osImage": "Ubuntu 22.04.5 LTS",
                "bootID": "b",
                "systemUUID": "s",
            },
        },
    }


def storage_class(
    name: str, provisioner: str, parameters: dict[str, str], *, default: bool = False
) -> dict[str, Any]:
    annotations = {"storageclass.kubernetes.io/is-default-class": "true"} if default else {}
    return {
        "allowVolumeExpansion": True,
        "apiVersion": "storage.k8s.io/v1",
        "kind": "StorageClass",
        "metadata": meta(
            name,
            labels={
                "addonmanager.kubernetes.io/mode": "EnsureExists",
                "kubernetes.io/cluster-service": "true",
            },
            annotations=annotations,
        ),
        "parameters": parameters,
        "provisioner": provisioner,
        "reclaimPolicy": "Delete",
        "volumeBindingMode": "WaitForFirstConsumer",
    }


def disk_uri(name: str) -> str:
    return f"{NODE_RG}/providers/Microsoft.Compute/disks/{name}"


def volume_pair(
    ns: str,
    claim: str,
    size: str,
    *,
    sc: str | None = "managed-csi-premium",
    driver: str | None = "disk.csi.azure.com",
    sku: str | None = "Premium_LRS",
    dynamic: bool = True,
    source: dict[str, Any] | None = None,
    pv_name: str | None = None,
) -> tuple[dict[str, Any], dict[str, Any]]:
    pv_name = pv_name or f"pvc-{zlib.crc32((ns + claim).encode()) % 10**8:08d}-0000-4000-8000-000000000000"
    pv_spec: dict[str, Any] = {
        "accessModes": ["ReadWriteOnce"],
        "capacity": {"storage": size},
        "claimRef": {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "name": claim,
            "namespace": ns,
            "resourceVersion": "4242",
            "uid": "c1a1c1a1-0000-4000-8000-000000000000",
        },
        "persistentVolumeReclaimPolicy": "Delete" if dynamic else "Retain",
        "volumeMode": "Filesystem",
    }
    if sc is not None:
        pv_spec["storageClassName"] = sc
    if source is not None:
        pv_spec.update(source)
    elif driver == "disk.csi.azure.com":
        attributes = {
            "csi.storage.k8s.io/pv/name": pv_name,
            "csi.storage.k8s.io/pvc/name": claim,
            "csi.storage.k8s.io/pvc/namespace": ns,
            "requestedsizegib": size.removesuffix("Gi"),
            "storage.kubernetes.io/csiProvisionerIdentity": "1759222800000-1234-disk.csi.azure.com",
        }
        if sku is not None:
            attributes["skuname"] = sku
        pv_spec["csi"] = {"driver": driver, "volumeAttributes": attributes, "volumeHandle": disk_uri(pv_name)}
        pv_spec["nodeAffinity"] = {
            "required": {
                "nodeSelectorTerms": [
                    {
                        "matchExpressions": [
                            {
                                "key": "topology.disk.csi.azure.com/zone",
                                "operator": "In",
                                "values": ["westeurope-1"],
                            }
                        ]
                    }
                ]
            }
        }
    elif driver == "file.csi.azure.com":
        # As the Azure Files CSI driver provisions it from a class without a protocol parameter: no
        # protocol attribute (the driver's default, SMB), the account and share in the volume handle.
        pv_spec["csi"] = {
            "driver": driver,
            "volumeAttributes": {
                "csi.storage.k8s.io/pv/name": pv_name,
                "csi.storage.k8s.io/pvc/name": claim,
                "csi.storage.k8s.io/pvc/namespace": ns,
                "secretnamespace": ns,
                "skuName": "Standard_LRS",
                "storage.kubernetes.io/csiProvisionerIdentity": "1759222800000-1234-file.csi.azure.com",
            },
            "volumeHandle": f"MC_rg-shop-weu_aks-shop-weu_westeurope#{FILES_ACCOUNT}#{pv_name}###{ns}",
        }
    elif driver is not None:
        pv_spec["csi"] = {
            "driver": driver,
            "volumeAttributes": {"protocol": "fuse2"},
            "volumeHandle": f"rg#acct#{pv_name}###{ns}",
        }
    pv_annotations = (
        {
            "pv.kubernetes.io/provisioned-by": driver or "kubernetes.io/azure-disk",
            "volume.kubernetes.io/provisioner-deletion-secret-name": "",
            "volume.kubernetes.io/provisioner-deletion-secret-namespace": "",
        }
        if dynamic
        else {}
    )
    pv = {
        "apiVersion": "v1",
        "kind": "PersistentVolume",
        "metadata": meta(pv_name, annotations=pv_annotations, finalizers=["kubernetes.io/pv-protection"]),
        "spec": pv_spec,
        "status": {"lastPhaseTransitionTime": "2025-03-02T10:21:00Z", "phase": "Bound"},
    }
    pvc_spec: dict[str, Any] = {
        "accessModes": ["ReadWriteOnce"],
        "resources": {"requests": {"storage": size}},
        "volumeMode": "Filesystem",
        "volumeName": pv_name,
    }
    pvc_spec["storageClassName"] = sc if sc is not None else ""
    pvc_annotations = {
        "pv.kubernetes.io/bind-completed": "yes",
        "pv.kubernetes.io/bound-by-controller": "yes",
    }
    if dynamic:
        pvc_annotations["volume.beta.kubernetes.io/storage-provisioner"] = (
            driver or "kubernetes.io/azure-disk"
        )
        pvc_annotations["volume.kubernetes.io/storage-provisioner"] = driver or "kubernetes.io/azure-disk"
    pvc = {
        "apiVersion": "v1",
        "kind": "PersistentVolumeClaim",
        "metadata": meta(
            claim,
            ns,
            annotations=pvc_annotations,
            finalizers=["kubernetes.io/pvc-protection"],
            labels={"app.kubernetes.io/name": claim.split("-")[0]},
        ),
        "spec": pvc_spec,
        "status": {"accessModes": ["ReadWriteOnce"], "capacity": {"storage": size}, "phase": "Bound"},
    }
    return pv, pvc


def pod(
    name: str,
    ns: str,
    node_name: str,
    image: str,
    volumes: list[dict[str, Any]] | None = None,
    phase: str = "Running",
) -> dict[str, Any]:
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": meta(
            name,
            ns,
            labels={"app": name.rsplit("-", 2)[0]},
            ownerReferences=[
                {
                    "apiVersion": "apps/v1",
                    "blockOwnerDeletion": True,
                    "controller": True,
                    "kind": "ReplicaSet",
                    "name": name.rsplit("-", 1)[0],
                    "uid": "0e0e0e0e-0000-4000-8000-000000000000",
                }
            ],
        ),
        "spec": {
            "containers": [
                {
                    "image": image,
                    "imagePullPolicy": "IfNotPresent",
                    "name": name.rsplit("-", 2)[0],
                    "resources": {"requests": {"cpu": "100m", "memory": "128Mi"}},
                    "terminationMessagePath": "/dev/termination-log",
                    "terminationMessagePolicy": "File",
                }
            ],
            "dnsPolicy": "ClusterFirst",
            "enableServiceLinks": True,
            "nodeName": node_name,
            "preemptionPolicy": "PreemptLowerPriority",
            "priority": 0,
            "restartPolicy": "Always",
            "schedulerName": "default-scheduler",
            "serviceAccountName": "default",
            "terminationGracePeriodSeconds": 30,
            "volumes": volumes or [],
        },
        "status": {
            "conditions": [{"lastTransitionTime": "2025-03-02T10:22:00Z", "status": "True", "type": "Ready"}],
            "containerStatuses": [
                {
                    "containerID": "containerd://00",
                    "image": image,
                    "imageID": image,
                    "name": name.rsplit("-", 2)[0],
                    "ready": phase == "Running",
                    "restartCount": 0,
                    "started": phase == "Running",
                    "state": {"running": {"startedAt": "2025-03-02T10:22:00Z"}},
                }
            ],
            "hostIP": "10.224.0.4",
            "phase": phase,
            "podIP": "10.244.0.17",
            "qosClass": "Burstable",
            "startTime": "2025-03-02T10:21:30Z",
        },
    }


def deployment(name: str, ns: str, image: str) -> dict[str, Any]:
    return {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": meta(
            name,
            ns,
            annotations={"deployment.kubernetes.io/revision": "1"},
            generation=1,
            labels={"app": name},
        ),
        "spec": {
            "progressDeadlineSeconds": 600,
            "replicas": 1,
            "revisionHistoryLimit": 10,
            "selector": {"matchLabels": {"app": name}},
            "strategy": {
                "rollingUpdate": {"maxSurge": "25%", "maxUnavailable": "25%"},
                "type": "RollingUpdate",
            },
            "template": {
                "metadata": {"labels": {"app": name}},
                "spec": {
                    "containers": [{"image": image, "imagePullPolicy": "IfNotPresent", "name": name}],
                    "dnsPolicy": "ClusterFirst",
                    "restartPolicy": "Always",
                    "schedulerName": "default-scheduler",
                    "terminationGracePeriodSeconds": 30,
                },
            },
        },
        "status": {
            "availableReplicas": 1,
            "observedGeneration": 1,
            "readyReplicas": 1,
            "replicas": 1,
            "updatedReplicas": 1,
        },
    }


def kube_list(items: list[dict[str, Any]]) -> dict[str, Any]:
    return {"apiVersion": "v1", "items": items, "kind": "List", "metadata": {"resourceVersion": ""}}


STANDARD_CLASSES = [
    storage_class("default", "disk.csi.azure.com", {"skuname": "StandardSSD_LRS"}, default=True),
    storage_class("managed-csi", "disk.csi.azure.com", {"skuname": "StandardSSD_LRS"}),
    storage_class("managed-csi-premium", "disk.csi.azure.com", {"skuname": "Premium_LRS"}),
    storage_class("azurefile-csi", "file.csi.azure.com", {"skuName": "Standard_LRS"}),
]
SYSTEM_NAMESPACES = ["default", "kube-system", "kube-public", "kube-node-lease", "dataprotection-microsoft"]


def base_kube(
    volumes: list[tuple[dict[str, Any], dict[str, Any]]] | None = None,
    *,
    nodes: list[dict[str, Any]] | None = None,
    extra: list[dict[str, Any]] | None = None,
    namespaces: list[str] | None = None,
) -> dict[str, Any]:
    volumes = (
        volumes
        if volumes is not None
        else [
            volume_pair("shop", "orders-db", "64Gi"),
            volume_pair("shop", "catalog-cache", "16Gi", sc="managed-csi", sku="StandardSSD_LRS"),
            volume_pair("payments", "ledger", "128Gi"),
        ]
    )
    nodes = nodes or [
        node("aks-system-12345678-vmss000000", "system"),
        node("aks-system-12345678-vmss000001", "system"),
    ]
    first = nodes[0]["metadata"]["name"]
    pods = [
        pod(
            "dataprotection-microsoft-kubernetes-agent-6c9f7d5b8-x2k4p",
            "dataprotection-microsoft",
            first,
            "mcr.microsoft.com/azurebackup/aks/backup-agent:1.0.1027",
        ),
        pod(
            "dataprotection-microsoft-geneva-service-5d8b7c6f9-q7w2e",
            "dataprotection-microsoft",
            first,
            "mcr.microsoft.com/azurebackup/aks/geneva:1.0.1027",
        ),
        pod(
            "orders-7d9f8c6b5-abcde",
            "shop",
            first,
            "shopacr.azurecr.io/orders:3.4.1",
            [{"name": "data", "persistentVolumeClaim": {"claimName": "orders-db"}}],
        ),
        pod(
            "coredns-6f8b9d7c5-fghij",
            "kube-system",
            first,
            "mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.11.3",
        ),
    ]
    deployments = [
        deployment("coredns", "kube-system", "mcr.microsoft.com/oss/v2/kubernetes/coredns:v1.11.3"),
        deployment("orders", "shop", "shopacr.azurecr.io/orders:3.4.1"),
        deployment(
            "dataprotection-microsoft-kubernetes-agent",
            "dataprotection-microsoft",
            "mcr.microsoft.com/azurebackup/aks/backup-agent:1.0.1027",
        ),
    ]
    items: list[dict[str, Any]] = [
        namespace(n) for n in SYSTEM_NAMESPACES + (namespaces or ["shop", "payments"])
    ]
    items += nodes + STANDARD_CLASSES
    items += [pv for pv, _ in volumes] + [pvc for _, pvc in volumes]
    items += pods + deployments + (extra or [])
    return kube_list(items)


def expected(
    name: str,
    status: str,
    exit_code: int,
    statements: list[str],
    why: str,
    editions: dict[str, tuple[str, int, list[str]]] | None = None,
) -> None:
    """The answer under the default edition; `editions`: (status, exit code, statements) under others."""
    text = (
        f"# What `aks-backup-conformance check --from tests/data/{name}` must answer.\n# {why}\n"
        f"status: {status}\nexit_code: {exit_code}\nstatements: [{', '.join(statements)}]\n"
    )
    if editions:
        text += "editions:\n"
        for edition, (e_status, e_code, e_statements) in editions.items():
            text += (
                f'  "{edition}":\n    status: {e_status}\n    exit_code: {e_code}\n'
                f"    statements: [{', '.join(e_statements)}]\n"
            )
    (HERE / f"{name}.expected.yaml").write_text(text)


def derive(name: str) -> Path:
    folder = HERE / name
    if folder.exists():
        shutil.rmtree(folder)
    shutil.copytree(BASE, folder)
    return folder


def edit(folder: Path, name: str, change: Any) -> None:
    data = read(folder, name)
    change(data)
    write(folder, name, data)


def windows_and_arm64() -> None:
    folder = derive("windows-arm64")
    pools = read(folder, "aks-show.json")["agentPoolProfiles"]
    system = pools[0]
    win = dict(
        system,
        name="win22",
        mode="User",
        osType="Windows",
        osSku="Windows2022",
        vmSize="Standard_D4s_v5",
        nodeImageVersion="AKSWindows-2022-containerd-20348.4171.250917",
        osDiskType="Managed",
    )
    arm = dict(
        system,
        name="arm64",
        mode="User",
        osSku="AzureLinux",
        vmSize="Standard_D4ps_v5",
        nodeImageVersion="AKSAzureLinux-V3gen2arm64-202509.23.0",
        enableAutoScaling=True,
        minCount=1,
        maxCount=5,
    )
    nodepools = []
    for pool in (system, win, arm):
        item = {k: v for k, v in pool.items() if k != "type"}
        item.update(
            id=f"{CLUSTER_ID}/agentPools/{pool['name']}",
            resourceGroup="rg-shop-weu",
            type="Microsoft.ContainerService/managedClusters/agentPools",
            typePropertiesType="VirtualMachineScaleSets",
        )
        nodepools.append(item)
    write(folder, "nodepools.json", nodepools)
    edit(
        folder,
        "aks-show.json",
        lambda d: d.update(
            agentPoolProfiles=[system, win, arm],
            windowsProfile={"adminUsername": "azureuser", "enableCsiProxy": True},
        ),
    )
    nodes = [
        node("aks-system-12345678-vmss000000", "system"),
        node("akswin22000000", "win22", os="windows", sku="Windows2022", mode="user", size="Standard_D4s_v5"),
        node(
            "aks-arm64-87654321-vmss000000",
            "arm64",
            arch="arm64",
            sku="AzureLinux",
            mode="user",
            size="Standard_D4ps_v5",
        ),
    ]
    write(folder, "kubectl.json", base_kube(nodes=nodes))
    expected(
        "windows-arm64",
        "supported",
        0,
        [],
        "A Windows pool and an Arm64 pool beside the x86-64 Linux system pool that runs the extension.",
    )


def service_principal() -> None:
    folder = derive("service-principal")

    def change(d: dict[str, Any]) -> None:
        d["identity"] = None
        d["identityProfile"] = None
        d["servicePrincipalProfile"] = {"clientId": "0a0b0c0d-1111-4222-8333-444455556666"}

    edit(folder, "aks-show.json", change)
    expected(
        "service-principal",
        "unsupported",
        3,
        ["SM-SUP-05", "SM-SUP-28"],
        "The cluster runs as a service principal (no managed identity); without one, whether the roles\n"
        "# are granted cannot be told (SM-SUP-28 cannot tell), and the refusal stands.",
    )


def private_without_endpoint() -> None:
    folder = derive("private-no-endpoint")

    def change(d: dict[str, Any]) -> None:
        d["apiServerAccessProfile"] = {
            "authorizedIpRanges": None,
            "disableRunCommand": False,
            "enablePrivateCluster": True,
            "enablePrivateClusterPublicFqdn": False,
            "enableVnetIntegration": False,
            "privateDnsZone": "system",
            "subnetId": None,
        }
        d["privateFqdn"] = "aks-shop-weu-dns-0a1b2c3d.privatelink.westeurope.azmk8s.io"
        d["fqdn"] = None

    edit(folder, "aks-show.json", change)
    expected(
        "private-no-endpoint",
        "unsupported",
        3,
        ["SM-SUP-19"],
        "A private cluster whose backup storage account has no private endpoint.",
    )


def premium_storage_account() -> None:
    folder = derive("premium-storage-account")

    def change(d: dict[str, Any]) -> None:
        d["kind"] = "BlockBlobStorage"
        d["sku"] = {"name": "Premium_LRS", "tier": "Premium"}
        d.pop("accessTier", None)

    edit(folder, "storage-account.json", change)
    expected(
        "premium-storage-account",
        "unsupported",
        3,
        ["SM-SUP-18"],
        "The extension's storage account is a Premium block blob account, not Standard general-purpose v2.",
    )


def every_volume_kind() -> None:
    folder = derive("every-volume-kind")
    static_disk = f"{NODE_RG}/providers/Microsoft.Compute/disks/disk-legacy-reports"
    in_tree_uri = f"{NODE_RG}/providers/Microsoft.Compute/disks/kubernetes-dynamic-pvc-0d0e0f10"
    volumes = [
        volume_pair("shop", "orders-db", "64Gi"),
        volume_pair("shop", "search-index", "256Gi", sc="managed-csi-premium-v2", sku="PremiumV2_LRS"),
        volume_pair("shop", "uploads", "100Gi", sc="azurefile-csi", driver="file.csi.azure.com", sku=None),
        volume_pair(
            "shop", "media", "50Gi", sc="azureblob-fuse-premium", driver="blob.csi.azure.com", sku=None
        ),
        volume_pair(
            "payments",
            "ledger-intree",
            "32Gi",
            sc="managed-premium-intree",
            driver="kubernetes.io/azure-disk",
            source={
                "azureDisk": {
                    "cachingMode": "ReadOnly",
                    "diskName": "kubernetes-dynamic-pvc-0d0e0f10",
                    "diskURI": in_tree_uri,
                    "fsType": "",
                    "kind": "Managed",
                    "readOnly": False,
                }
            },
        ),
        volume_pair(
            "payments",
            "reports-static",
            "20Gi",
            sc=None,
            dynamic=False,
            pv_name="pv-legacy-reports",
            source={"csi": {"driver": "disk.csi.azure.com", "fsType": "ext4", "volumeHandle": static_disk}},
        ),
        volume_pair(
            "shop",
            "shared-files-intree",
            "10Gi",
            sc="azurefile-intree",
            driver="kubernetes.io/azure-file",
            source={
                "azureFile": {
                    "secretName": "azure-storage-account-secret",
                    "secretNamespace": "shop",
                    "shareName": "shared",
                    "readOnly": False,
                }
            },
        ),
    ]
    extra_classes = [
        storage_class(
            "managed-csi-premium-v2",
            "disk.csi.azure.com",
            {"skuName": "PremiumV2_LRS", "cachingMode": "None"},
        ),
        storage_class(
            "azureblob-fuse-premium", "blob.csi.azure.com", {"skuName": "Premium_LRS", "protocol": "fuse2"}
        ),
        storage_class(
            "managed-premium-intree",
            "kubernetes.io/azure-disk",
            {"storageaccounttype": "Premium_LRS", "kind": "Managed"},
        ),
        storage_class("azurefile-intree", "kubernetes.io/azure-file", {"skuName": "Standard_LRS"}),
    ]
    inline = pod(
        "legacy-batch-5c4d3b2a1-zyxwv",
        "payments",
        "aks-system-12345678-vmss000000",
        "shopacr.azurecr.io/batch:1.0",
        [
            {
                "name": "scratch",
                "azureDisk": {
                    "cachingMode": "ReadWrite",
                    "diskName": "disk-batch-scratch",
                    "diskURI": f"{NODE_RG}/providers/Microsoft.Compute/disks/disk-batch-scratch",
                    "fsType": "ext4",
                    "kind": "Managed",
                    "readOnly": False,
                },
            }
        ],
    )
    files_node = pod(
        "csi-azurefile-node-7xk2p-abcde",
        "kube-system",
        "aks-system-12345678-vmss000000",
        "mcr.microsoft.com/oss/v2/kubernetes-csi/azurefile-csi:v1.32.5",
    )
    write(folder, "kubectl.json", base_kube(volumes, extra=[*extra_classes, inline, files_node]))
    files_share_facts(folder, volumes[2][0]["metadata"]["name"])
    # Backup of Azure Files volumes is configured in the portal only (SM-AFS-08, 2026-01-06).
    (folder / "stated.yaml").write_text(STATED.replace("deployed_with: azure-cli", "deployed_with: portal"))
    disk = {
        "creationData": {"createOption": "Empty"},
        "diskIOPSReadWrite": 500,
        "diskMBpsReadWrite": 100,
        "diskSizeBytes": 21474836480,
        "diskSizeGb": 20,
        "diskState": "Attached",
        "encryption": {"type": "EncryptionAtRestWithPlatformKey"},
        "id": static_disk,
        "location": "westeurope",
        "name": "disk-legacy-reports",
        "networkAccessPolicy": "AllowAll",
        "provisioningState": "Succeeded",
        "publicNetworkAccess": "Enabled",
        "resourceGroup": "MC_rg-shop-weu_aks-shop-weu_westeurope",
        "sku": {"name": "Standard_LRS", "tier": "Standard"},
        "tier": "",
        "timeCreated": "2024-11-02T08:12:44.123456+00:00",
        "type": "Microsoft.Compute/disks",
        "zones": ["1"],
    }
    write(folder, "disks.json", [disk])
    edit(
        folder,
        "backup-instances.json",
        lambda d: d[0]["properties"]["policyInfo"]["policyParameters"]["backupDatasourceParametersList"][
            0
        ].update(includedVolumeTypes=["AzureDisk", "AzureFileShareSMB"]),
    )
    expected(
        "every-volume-kind",
        "supported",
        4,
        ["SM-AFS-02", "SM-SUP-02", "SM-SUP-04", "SM-SUP-06"],
        "CSI disks (Premium, Premium v2), Azure Files and Blob CSI, in-tree disk and file, a static disk PV "
        "without a class, and an inline pod disk; Azure's view of the Azure Files share (its account, "
        "enabledProtocols, FileCount) and the Azure Files CSI driver's pod. Under 2026-01-06 (the default) "
        "the Premium SSD v2 disk is backed up, and so is the Azure Files volume (SMB: the class names no "
        "protocol, the share says SMB; public account; 1,204 files; driver 1.32.5), to the Operational tier "
        "only (SM-SUP-06), with a warning on its reclaim policy Delete (SM-AFS-02); set up in the portal "
        "(SM-AFS-08). The Blob volume is not of a type the backup instance includes, so it is not taken. "
        "Under 2025-06-10 the unsupported ones (Premium SSD v2, Azure Files, Blob) are skipped.",
        editions={
            "2025-06-10": (
                "supported",
                4,
                ["SM-SUP-02", "SM-SUP-03", "SM-SUP-04", "SM-UNS-01", "SM-UNS-02"],
            )
        },
    )


def files_share_facts(folder: Path, share: str) -> None:
    """What Azure says about the Azure Files volume's share: its storage account (`az storage account
    show`), the share (`az storage share-rm show`) and its file count (`az monitor metrics list`)."""
    account = read(BASE, "storage-account.json")
    account.update(
        id=FILES_ACCOUNT_ID,
        name=FILES_ACCOUNT,
        resourceGroup="MC_rg-shop-weu_aks-shop-weu_westeurope",
        primaryEndpoints={"file": f"https://{FILES_ACCOUNT}.file.core.windows.net/"},
        tags={"k8s-azure-created-by": "azure"},
    )
    write(folder, "files-storage-account.json", account)
    share_id = f"{FILES_ACCOUNT_ID}/fileServices/default/shares/{share}"
    write(
        folder,
        "file-share.json",
        {
            "accessTier": "TransactionOptimized",
            "enabledProtocols": "SMB",
            "etag": '"0x8DD5A1B2C3D4E5F"',
            "id": share_id,
            "lastModifiedTime": "2025-03-02T10:21:02+00:00",
            "name": share,
            "resourceGroup": "MC_rg-shop-weu_aks-shop-weu_westeurope",
            "shareQuota": 100,
            "type": "Microsoft.Storage/storageAccounts/fileServices/shares",
        },
    )
    write(
        folder,
        "file-count.json",
        {
            "cost": 59,
            "interval": "PT1H",
            "namespace": "Microsoft.Storage/storageAccounts/fileServices",
            "resourceregion": "westeurope",
            "timespan": "2025-09-30T22:00:00Z/2025-10-01T00:00:00Z",
            "value": [
                {
                    "displayDescription": "The number of files in the storage account's Azure Files service.",
                    "errorCode": "Success",
                    "id": f"{FILES_ACCOUNT_ID}/fileServices/default/providers/Microsoft.Insights/metrics/FileCount",
                    "name": {"localizedValue": "File Count", "value": "FileCount"},
                    "resourceGroup": "MC_rg-shop-weu_aks-shop-weu_westeurope",
                    "timeseries": [
                        {
                            "data": [
                                {"average": 1180.0, "timeStamp": "2025-09-30T22:00:00Z"},
                                {"average": 1204.0, "timeStamp": "2025-09-30T23:00:00Z"},
                            ],
                            "metadatavalues": [
                                {
                                    "name": {"localizedValue": "fileshare", "value": "fileshare"},
                                    "value": share,
                                }
                            ],
                        }
                    ],
                    "type": "Microsoft.Insights/metrics",
                    "unit": "Count",
                }
            ],
        },
    )


def unsupported_kubernetes() -> None:
    folder = derive("unsupported-kubernetes")

    def change(d: dict[str, Any]) -> None:
        d["kubernetesVersion"] = "1.27"
        d["currentKubernetesVersion"] = "1.27.9"
        for pool in d["agentPoolProfiles"]:
            pool["orchestratorVersion"] = pool["currentOrchestratorVersion"] = "1.27.9"

    edit(folder, "aks-show.json", change)
    expected(
        "unsupported-kubernetes",
        "not_covered",
        4,
        ["SM-SUP-01"],
        "Kubernetes 1.27 is out of AKS support, so backup is outside the matrix's support.",
    )


def files_missing() -> None:
    folder = HERE / "files-missing"
    if folder.exists():
        shutil.rmtree(folder)
    folder.mkdir()
    for name in ("aks-show.json", "kubectl.json", "stated.yaml"):
        shutil.copy(BASE / name, folder / name)
    expected(
        "files-missing",
        "unknown",
        5,
        ["SM-LIM-02", "SM-SUP-06", "SM-SUP-08", "SM-SUP-12", "SM-SUP-15", "SM-SUP-18", "SM-SUP-28"],
        "Only `az aks show`, `kubectl get` and the stated facts: what the vault, its policy and instance, "
        "the storage account, the role assignments and `az version` would say is unknown.",
    )


def velero_alongside() -> None:
    folder = derive("velero-alongside")
    velero = deployment("velero", "velero", "velero/velero:v1.16.1")
    velero["spec"]["template"]["spec"]["containers"][0]["args"] = ["server", "--features="]
    agent = pod("velero-6b7c9d8f5-lmnop", "velero", "aks-system-12345678-vmss000000", "velero/velero:v1.16.1")
    write(folder, "kubectl.json", base_kube(namespaces=["shop", "payments", "velero"], extra=[velero, agent]))
    expected(
        "velero-alongside",
        "unsupported",
        3,
        ["SM-UNS-06"],
        "A standalone Velero server runs in its own namespace beside the backup extension.",
    )


STATED = """\
# What no az or kubectl command shows, stated by the cluster's owner (an environment file beside the
# artifacts: check --from reads it with them, and what it states wins).
as_of: 2025-10-01
tooling: {deployed_with: azure-cli}
vault:
  worm: false
  role_assignments: {minutes_since_granted: 43200}
"""


def main() -> None:
    (BASE / "stated.yaml").write_text(STATED)
    write(BASE, "role-assignments.json", role_assignments())
    write(BASE, "kubectl.json", base_kube())
    expected(
        "supported",
        "supported",
        0,
        [],
        "A cluster, its extension, vault, policy and instance that meet the matrix.",
    )
    for make in (
        windows_and_arm64,
        service_principal,
        private_without_endpoint,
        premium_storage_account,
        every_volume_kind,
        unsupported_kubernetes,
        velero_alongside,
        files_missing,
    ):
        make()
    print(
        "written:",
        ", ".join(sorted(p.name for p in HERE.iterdir() if p.is_dir() and not p.name.startswith("_"))),
    )


if __name__ == "__main__":
    main()
