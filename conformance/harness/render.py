"""From an environment to the Kubernetes objects of its Kubernetes side.

What the matrix says about objects inside the cluster (namespaces and their labels, persistent volumes by
driver and provisioning, storage classes and their SKUs, static volumes without a class, in-tree
plugins, node OS and architecture, Velero) becomes manifests a Kubernetes API server accepts. The
Azure side (regions, vault, policy, disk network settings...) stays in the environment: a cluster
cannot hold it.

Every object carries the harness label with the run's id, so the harness can find, and delete, exactly
what it made. Objects the harness needs but the environment does not describe (the namespace a Velero
deployment lives in when the environment names none) are marked as scaffolding, so the read-back can
leave them out of the environment it rebuilds.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any, TypeVar

from aks_backup_model.environment import Environment, NodePool, Volume
from aks_backup_model.tables import AZURE_DISK_CSI_DRIVER

__all__ = [
    "HARNESS_LABEL",
    "SCAFFOLDING_LABEL",
    "Manifest",
    "Unrepresentable",
    "render",
]

HARNESS_LABEL = "conformance.aks-backup.dev/harness-run"
"""Label on every object the harness creates; its value is the run id."""
SCAFFOLDING_LABEL = "conformance.aks-backup.dev/scaffolding"
"""Label on objects the harness needs but the environment does not describe."""

Manifest = dict[str, Any]

_DNS_SUBDOMAIN = re.compile(r"^[a-z0-9]([-a-z0-9.]{0,251}[a-z0-9])?$")
_DNS_LABEL = re.compile(r"^[a-z0-9]([-a-z0-9]{0,61}[a-z0-9])?$")
_LABEL_VALUE = re.compile(r"^(([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9])?$")
_LABEL_NAME = re.compile(r"^([A-Za-z0-9][-A-Za-z0-9_.]{0,61})?[A-Za-z0-9]$")

IN_TREE_DISK = "kubernetes.io/azure-disk"
IN_TREE_FILE = "kubernetes.io/azure-file"
IN_TREE_GCE_PD = "kubernetes.io/gce-pd"
VELERO_NAMESPACE = "velero"
EXTENSION_NAMESPACE = "dataprotection-microsoft"
DEFAULT_DISK_SKU = "StandardSSD_LRS"
"""The Azure Disk CSI driver's `skuName` when a storage class names none (the driver's documented default)."""

_WINDOWS = re.compile(r"^windows", re.IGNORECASE)
_ARCH = {"x86_64": "amd64", "arm64": "arm64"}


@dataclass(frozen=True)
class Unrepresentable(Exception):
    """Raised when a fact of the environment cannot exist in a Kubernetes cluster (a name Kubernetes
    refuses, two volumes of one storage class with different SKUs...). `path` locates the fact."""

    path: str
    value: object
    why: str

    def __str__(self) -> str:
        return f"{self.path}={self.value!r} cannot be made in a cluster: {self.why}"


@dataclass
class _Rendering:
    run: str
    objects: list[Manifest] = field(default_factory=list)

    def meta(self, name: str, *, namespace: str | None = None, scaffolding: bool = False) -> dict[str, Any]:
        labels = {HARNESS_LABEL: self.run}
        if scaffolding:
            labels[SCAFFOLDING_LABEL] = "true"
        meta: dict[str, Any] = {"name": name, "labels": labels}
        if namespace is not None:
            meta["namespace"] = namespace
        return meta


def render(env: Environment, *, run: str) -> list[Manifest]:
    """The manifests of `env`'s Kubernetes side, in an order an API server accepts (namespaces and
    classes before what lives in them).

    Raises:
        Unrepresentable: a fact of `env` cannot exist in a Kubernetes cluster.
    """
    if not _DNS_LABEL.match(run):
        raise ValueError(f"run id {run!r} is not a DNS label")
    out = _Rendering(run)
    cluster = env.cluster
    namespaces = _given("cluster.namespaces", cluster.namespaces)
    pools = _given("cluster.node_pools", cluster.node_pools)
    volumes = _given("cluster.volumes", cluster.volumes)
    version = _given("cluster.kubernetes_version", cluster.kubernetes_version)
    listed = {ns.name for ns in namespaces}
    for index, ns in enumerate(namespaces):
        _name(f"cluster.namespaces[{index}].name", ns.name, _DNS_LABEL)
        meta = out.meta(ns.name)
        meta["labels"] |= _labels(f"cluster.namespaces[{index}].labels", ns.labels)
        if ns.annotations:
            meta["annotations"] = dict(ns.annotations)
        out.objects.append({"apiVersion": "v1", "kind": "Namespace", "metadata": meta})
    for index, pool in enumerate(pools):
        out.objects.append(_node(out, index, pool, version))
    out.objects.extend(_storage_classes(out, volumes))
    inline: dict[tuple[str, str], list[tuple[int, Volume]]] = {}
    for index, volume in enumerate(volumes):
        if volume.namespace not in listed:
            raise Unrepresentable(
                f"cluster.volumes[{index}].claim", volume.claim, "its namespace is not among the cluster's"
            )
        if volume.pod is not None:
            inline.setdefault((volume.namespace, volume.pod), []).append((index, volume))
        else:
            out.objects.extend(_volume(out, index, volume))
    for (namespace, pod), entries in inline.items():
        out.objects.append(_inline_pod(out, namespace, pod, entries))
    if cluster.velero_installed:
        out.objects.extend(_velero(out, listed))
    return out.objects


T = TypeVar("T")


def _given(path: str, value: T | None) -> T:
    """`value`, which a cluster always has: a fact the environment leaves unknown cannot be made."""
    if value is None:
        raise Unrepresentable(path, None, "not given; a cluster to make needs this fact")
    return value


def _inline_pod(out: _Rendering, namespace: str, pod: str, entries: list[tuple[int, Volume]]) -> Manifest:
    """A pod that declares its disks inline (`spec.volumes[]`, no claim behind them)."""
    _name(f"cluster.volumes[{entries[0][0]}].pod", pod, _DNS_SUBDOMAIN)
    sources = []
    for index, volume in entries:
        path = f"cluster.volumes[{index}]"
        name = _name(f"{path}.claim", volume.claim.split("/", 1)[1], _DNS_LABEL)
        driver = _given(f"{path}.driver", volume.driver)
        disk = f"inline-{namespace}-{pod}-{name}"[:80]
        if driver == IN_TREE_DISK:
            uri = f"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/mc-harness/providers/Microsoft.Compute/disks/{disk}"
            source: dict[str, Any] = {"azureDisk": {"diskName": disk, "diskURI": uri, "kind": "Managed"}}
        elif driver == IN_TREE_FILE:
            source = {"azureFile": {"secretName": f"azure-storage-{name}", "shareName": disk}}
        elif driver == IN_TREE_GCE_PD:
            source = {"gcePersistentDisk": {"pdName": disk}}
        else:
            source = {"csi": {"driver": _csi_driver(path, driver)}}
        sources.append({"name": name, **source})
    return {
        "apiVersion": "v1",
        "kind": "Pod",
        "metadata": out.meta(pod, namespace=namespace),
        "spec": {
            "containers": [{"name": "workload", "image": "registry.k8s.io/pause:3.9"}],
            "volumes": sources,
        },
    }


def _name(path: str, value: str, pattern: re.Pattern[str]) -> str:
    if not pattern.match(value):
        raise Unrepresentable(path, value, "not a valid Kubernetes name")
    return value


def _labels(path: str, labels: dict[str, str]) -> dict[str, str]:
    for key, value in labels.items():
        prefix, _, name = key.rpartition("/")
        if (prefix and not _DNS_SUBDOMAIN.match(prefix)) or not _LABEL_NAME.match(name):
            raise Unrepresentable(f"{path}[{key!r}]", key, "not a valid label key")
        if not _LABEL_VALUE.match(value):
            raise Unrepresentable(f"{path}[{key!r}]", value, "not a valid label value")
        if key in (HARNESS_LABEL, SCAFFOLDING_LABEL):
            raise Unrepresentable(f"{path}[{key!r}]", key, "the harness's own label")
    return dict(labels)


def _node(out: _Rendering, index: int, pool: NodePool, version: str) -> Manifest:
    """One node per pool, labelled the way AKS labels its nodes."""
    name = _name(f"cluster.node_pools[{index}].name", pool.name, _DNS_LABEL)
    os_sku = _given(f"cluster.node_pools[{index}].os_sku", pool.os_sku)
    mode = _given(f"cluster.node_pools[{index}].mode", pool.mode)
    arch = _given(f"cluster.node_pools[{index}].arch", pool.arch)
    meta = out.meta(f"aks-{name}-0")
    meta["labels"] |= {
        "kubernetes.azure.com/agentpool": name,
        "kubernetes.azure.com/mode": mode.lower(),
        "kubernetes.azure.com/os-sku": _name(f"cluster.node_pools[{index}].os_sku", os_sku, _LABEL_VALUE),
        "kubernetes.io/os": "windows" if _WINDOWS.match(os_sku) else "linux",
        "kubernetes.io/arch": _ARCH[arch],
    }
    ready = "Unknown" if pool.healthy is None else "True" if pool.healthy else "False"
    return {
        "apiVersion": "v1",
        "kind": "Node",
        "metadata": meta,
        "spec": {},
        "status": {
            "conditions": [{"type": "Ready", "status": ready, "reason": "KubeletReady"}],
            "nodeInfo": {
                "architecture": _ARCH[arch],
                "operatingSystem": "windows" if _WINDOWS.match(os_sku) else "linux",
                "kubeletVersion": f"v{version}",
                "kubeProxyVersion": f"v{version}",
                "bootID": "",
                "containerRuntimeVersion": "containerd://1.7.0",
                "kernelVersion": "",
                "machineID": "",
                "osImage": os_sku,
                "systemUUID": "",
            },
        },
    }


def _dynamic_csi(volume: Volume) -> bool:
    return volume.provisioning == "dynamic" and volume.driver == AZURE_DISK_CSI_DRIVER


def _class_facts(volume: Volume) -> tuple[object, ...]:
    """What a volume's storage class says about it: one class cannot say two different things."""
    return (volume.driver, volume.sku, volume.network_access, volume.public_network_access)


def _storage_classes(out: _Rendering, volumes: tuple[Volume, ...]) -> Iterator[Manifest]:
    """One class per class name of the dynamically provisioned volumes (its provisioner and SKU are
    those of the volumes it provisioned: one class cannot give two SKUs)."""
    classes: dict[str, tuple[int, Volume]] = {}
    for index, volume in enumerate(volumes):
        if volume.pod is not None or volume.provisioning != "dynamic" or not volume.storage_class:
            continue
        path = f"cluster.volumes[{index}]"
        _name(f"{path}.storage_class", volume.storage_class, _DNS_SUBDOMAIN)
        if volume.storage_class in classes:
            first_index, first = classes[volume.storage_class]
            if _class_facts(first) != _class_facts(volume):
                raise Unrepresentable(
                    f"{path}.storage_class",
                    volume.storage_class,
                    f"cluster.volumes[{first_index}] has the same class with another driver or SKU",
                )
            continue
        classes[volume.storage_class] = (index, volume)
        parameters: dict[str, str] = {}
        if volume.driver == AZURE_DISK_CSI_DRIVER:
            # the disk CSI driver's class parameters: the SKU and the network settings of the disks it makes
            for key, value in (
                ("skuName", volume.sku),
                ("networkAccessPolicy", volume.network_access),
                ("publicNetworkAccess", volume.public_network_access),
            ):
                if value is not None:
                    parameters[key] = value
        yield {
            "apiVersion": "storage.k8s.io/v1",
            "kind": "StorageClass",
            "metadata": out.meta(volume.storage_class),
            "provisioner": volume.driver,
            "parameters": parameters,
            "reclaimPolicy": "Delete",
            "volumeBindingMode": "WaitForFirstConsumer",
            "allowVolumeExpansion": True,
        }


def _volume(out: _Rendering, index: int, volume: Volume) -> Iterator[Manifest]:
    """The claim and the volume bound to it. A dynamic volume names the class that provisioned it and
    carries the provisioner's annotation; a static one was written by hand (no such annotation) and
    names a class only when its YAML does."""
    path = f"cluster.volumes[{index}]"
    namespace, claim = volume.claim.split("/", 1)
    _name(f"{path}.claim", claim, _DNS_SUBDOMAIN)
    driver = _given(f"{path}.driver", volume.driver)
    _given(f"{path}.provisioning", volume.provisioning)
    pv_name = f"pv-{namespace}-{claim}"
    if len(pv_name) > 253:
        raise Unrepresentable(f"{path}.claim", volume.claim, "too long for a volume name")
    size = f"{_given(f'{path}.size_gib', volume.size_gib)}Gi"
    pvc_meta = out.meta(claim, namespace=namespace)
    pvc_meta["labels"] |= _labels(f"{path}.labels", volume.labels)
    if volume.annotations:
        pvc_meta["annotations"] = dict(volume.annotations)
    pv_meta = out.meta(pv_name)
    if volume.provisioning == "dynamic":
        pv_meta["annotations"] = {"pv.kubernetes.io/provisioned-by": driver}
    pvc_spec: dict[str, Any] = {
        "accessModes": ["ReadWriteOnce"],
        "resources": {"requests": {"storage": size}},
        "volumeName": pv_name,
    }
    pv_spec: dict[str, Any] = {
        "capacity": {"storage": size},
        "accessModes": ["ReadWriteOnce"],
        "persistentVolumeReclaimPolicy": "Delete" if volume.provisioning == "dynamic" else "Retain",
        "claimRef": {
            "apiVersion": "v1",
            "kind": "PersistentVolumeClaim",
            "namespace": namespace,
            "name": claim,
        },
    }
    if volume.storage_class is not None:
        pvc_spec["storageClassName"] = volume.storage_class
        pv_spec["storageClassName"] = volume.storage_class
    disk_uri = f"/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/mc-harness/providers/Microsoft.Compute/disks/{pv_name}"
    if volume.driver == IN_TREE_DISK:
        pv_spec["azureDisk"] = {
            "diskName": pv_name,
            "diskURI": disk_uri,
            "kind": "Managed",
            "cachingMode": "ReadOnly",
        }
    elif volume.driver == IN_TREE_FILE:
        pv_spec["azureFile"] = {"secretName": f"azure-storage-{claim}", "shareName": pv_name}
    elif volume.driver == IN_TREE_GCE_PD:
        pv_spec["gcePersistentDisk"] = {"pdName": pv_name}
    else:
        pv_spec["csi"] = {"driver": _csi_driver(path, driver), "volumeHandle": disk_uri}
        if volume.driver == AZURE_DISK_CSI_DRIVER and volume.sku:
            pv_spec["csi"]["volumeAttributes"] = {"skuName": volume.sku}
    yield {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": pv_meta, "spec": pv_spec}
    yield {"apiVersion": "v1", "kind": "PersistentVolumeClaim", "metadata": pvc_meta, "spec": pvc_spec}


def _csi_driver(path: str, driver: str) -> str:
    if not _DNS_SUBDOMAIN.match(driver) or len(driver) > 63:
        raise Unrepresentable(f"{path}.driver", driver, "not a valid CSI driver name")
    return driver


def _velero(out: _Rendering, listed: set[str]) -> Iterator[Manifest]:
    """A Velero server: its CRD and its deployment, in the `velero` namespace (scaffolding when the
    environment does not list it)."""
    if VELERO_NAMESPACE not in listed:
        yield {
            "apiVersion": "v1",
            "kind": "Namespace",
            "metadata": out.meta(VELERO_NAMESPACE, scaffolding=True),
        }
    crd_meta = out.meta("backups.velero.io", scaffolding=True)
    yield {
        "apiVersion": "apiextensions.k8s.io/v1",
        "kind": "CustomResourceDefinition",
        "metadata": crd_meta,
        "spec": {
            "group": "velero.io",
            "names": {"kind": "Backup", "listKind": "BackupList", "plural": "backups", "singular": "backup"},
            "scope": "Namespaced",
            "versions": [
                {
                    "name": "v1",
                    "served": True,
                    "storage": True,
                    "schema": {
                        "openAPIV3Schema": {"type": "object", "x-kubernetes-preserve-unknown-fields": True}
                    },
                }
            ],
        },
    }
    labels = {"app.kubernetes.io/name": "velero", "component": "velero"}
    meta = out.meta("velero", namespace=VELERO_NAMESPACE)
    meta["labels"] |= labels
    yield {
        "apiVersion": "apps/v1",
        "kind": "Deployment",
        "metadata": meta,
        "spec": {
            "replicas": 1,
            "selector": {"matchLabels": labels},
            "template": {
                "metadata": {"labels": labels},
                "spec": {
                    "containers": [
                        {"name": "velero", "image": "velero/velero:v1.14.0", "command": ["/velero"]}
                    ]
                },
            },
        },
    }


# --- making a random environment one a cluster can hold ------------------------------------------------

_INVALID = re.compile(r"[^a-z0-9-]+")


def _dns_label(name: str) -> str:
    fixed = _INVALID.sub("-", name.lower()).strip("-")[:63].strip("-")
    return fixed or "x"


def _label_value(value: str) -> str:
    fixed = re.sub(r"[^A-Za-z0-9_.-]+", "-", value)[:63]
    fixed = re.sub(r"^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "", fixed)
    return fixed


def _label_key(key: str) -> str:
    prefix, _, name = key.rpartition("/")
    name = re.sub(r"^[^A-Za-z0-9]+|[^A-Za-z0-9]+$", "", re.sub(r"[^A-Za-z0-9_.-]+", "-", name)[:63]) or "x"
    if prefix:
        prefix = ".".join(_dns_label(part) for part in prefix.split("."))
        return f"{prefix}/{name}"
    return name


def _unique(names: list[str]) -> list[str]:
    seen: dict[str, int] = {}
    out = []
    for name in names:
        candidate = name
        while candidate in seen:
            seen[name] += 1
            candidate = f"{name[:60]}-{seen[name]}"
        seen.setdefault(candidate, 0)
        out.append(candidate)
    return out


def representable(env: Environment) -> Environment:
    """`env` with the facts a cluster cannot hold made into ones it can, every other fact unchanged:
    names Kubernetes refuses become valid names (kept unique), label keys and values likewise, and
    volumes that share a storage class name with a different driver or SKU get a class of their own.
    The cross-check asks both the model and the harness about the result, so both see the same names."""
    cluster = env.cluster
    cluster_namespaces = cluster.namespaces or ()
    cluster_pools = cluster.node_pools or ()
    cluster_volumes = cluster.volumes or ()
    # the backup extension's own namespace: the importer reads the pods there as the extension's, so a
    # workload of the environment cannot live there in a cluster the harness makes
    ns_names = _unique(
        [
            _dns_label(ns.name) + ("-app" if ns.name == EXTENSION_NAMESPACE else "")
            for ns in cluster_namespaces
        ]
    )
    renamed = dict(zip((ns.name for ns in cluster_namespaces), ns_names, strict=True))

    def labels(values: dict[str, str]) -> dict[str, str]:
        return {
            _label_key(k): _label_value(v)
            for k, v in values.items()
            if k not in (HARNESS_LABEL, SCAFFOLDING_LABEL)
        }

    namespaces = tuple(
        ns.model_copy(update={"name": name, "labels": labels(ns.labels)})
        for ns, name in zip(cluster_namespaces, ns_names, strict=True)
    )
    pool_names = _unique([_dns_label(p.name)[:12] for p in cluster_pools])
    pools = tuple(
        p.model_copy(
            update={"name": name, "os_sku": None if p.os_sku is None else _label_value(p.os_sku) or "Ubuntu"}
        )
        for p, name in zip(cluster_pools, pool_names, strict=True)
    )
    claims = []
    for volume in cluster_volumes:
        namespace, claim = volume.claim.split("/", 1)
        claims.append(f"{renamed.get(namespace, _dns_label(namespace))}/{_dns_label(claim)}")
    claims = _unique(claims)
    classes: dict[str, tuple[object, ...]] = {}
    volumes = []
    for volume, claim in zip(cluster_volumes, claims, strict=True):
        update: dict[str, object] = {"claim": claim, "labels": labels(volume.labels)}
        if _dynamic_csi(volume) and volume.sku is None:
            # a disk the CSI driver made has a SKU: its class's, or the driver's default
            update["sku"] = DEFAULT_DISK_SKU
        if volume.storage_class:
            name = _dns_label(volume.storage_class)
            key = _class_facts(volume.model_copy(update=update))
            while classes.setdefault(name, key) != key:
                name = _dns_label(f"{name[:50]}-{len(classes)}")
            update["storage_class"] = name
        if (
            volume.driver is not None
            and volume.driver not in (IN_TREE_DISK, IN_TREE_FILE, IN_TREE_GCE_PD)
            and not _DNS_SUBDOMAIN.match(volume.driver)
        ):
            update["driver"] = ".".join(
                _dns_label(part) for part in volume.driver.replace("/", ".").split(".")
            )
        volumes.append(volume.model_copy(update=update))
    extension_pool = env.extension.node_pool
    if extension_pool is not None:
        by_old = dict(zip((p.name for p in cluster_pools), pool_names, strict=True))
        extension_pool = by_old.get(extension_pool, extension_pool)
    new_cluster = cluster.model_copy(
        update={
            "namespaces": None if cluster.namespaces is None else namespaces,
            "node_pools": None if cluster.node_pools is None else pools,
            "volumes": None if cluster.volumes is None else tuple(volumes),
        }
    )
    return env.model_copy(
        update={
            "cluster": new_cluster,
            "extension": env.extension.model_copy(update={"node_pool": extension_pool}),
        }
    )
