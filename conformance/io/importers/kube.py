"""Facts from `kubectl get namespaces,nodes,storageclasses,persistentvolumes,persistentvolumeclaims,pods,
deployments -A -o json` (a `List`), or any file of such objects, read with the official `kubernetes`
client's models.

Each object is validated by its model (`V1PersistentVolume`, ...; fields a newer API server adds are
ignored); a value of the wrong type is a located error. From them: namespaces with labels and
annotations; each node pool's OS and architecture (node labels); each claimed volume's driver (CSI or
in-tree), disk SKU (the PV's attributes, the disk behind it, else its storage class's `skuName`),
size (`kubernetes.utils.parse_quantity`), static or dynamic provisioning and storage class (`""` when
it names none); disks and shares written inline in pods (volumes of their pod); where the backup extension's pods run; whether a standalone Velero runs.
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from pydantic import ValidationError

from aks_backup_model.errors import InvalidInput
from aks_backup_model.tables import DISK_SKUS

from ..problems import shown
from ..sources import Source, pointer
from .documents import Node
from .facts import Facts
from .files import FILES_CSI_DRIVER, ShareArtifacts, csi_share, driver_version, in_tree_share

if TYPE_CHECKING:
    from kubernetes.client.models import (
        V1Deployment,
        V1Namespace,
        V1Node,
        V1PersistentVolume,
        V1PersistentVolumeClaim,
        V1Pod,
        V1StorageClass,
        V1Volume,
    )

__all__ = ["KubeObjects", "read_objects", "apply"]

EXTENSION_NAMESPACE = "dataprotection-microsoft"
"""Where the backup extension runs (its release namespace)."""
PROVISIONED_BY = ("pv.kubernetes.io/provisioned-by", "pv.kubernetes.io/migrated-to")
"""Annotations a provisioner puts on the volumes it creates (absent on statically created ones)."""
POOL_LABELS = ("kubernetes.azure.com/agentpool", "agentpool")
ARCHES = {"amd64": "x86_64", "arm64": "arm64"}
IN_TREE = {
    "azure_disk": "kubernetes.io/azure-disk",
    "azure_file": "kubernetes.io/azure-file",
    "host_path": "kubernetes.io/host-path",
    "local": "kubernetes.io/local-volume",
    "nfs": "kubernetes.io/nfs",
    "iscsi": "kubernetes.io/iscsi",
    "fc": "kubernetes.io/fc",
}
"""PV `spec` member of an in-tree plugin -> the plugin's name as a driver."""
_SKUS = {sku.lower(): sku for sku in DISK_SKUS}


@dataclass
class KubeObjects:
    """The objects of one cluster, each with its node in the file it came from."""

    namespaces: list[tuple[V1Namespace, Node]] = field(default_factory=list)
    nodes: list[tuple[V1Node, Node]] = field(default_factory=list)
    classes: dict[str, tuple[V1StorageClass, Node]] = field(default_factory=dict)
    volumes: list[tuple[V1PersistentVolume, Node]] = field(default_factory=list)
    claims: dict[str, tuple[V1PersistentVolumeClaim, Node]] = field(default_factory=dict)
    pods: list[tuple[V1Pod, Node]] = field(default_factory=list)
    deployments: list[tuple[V1Deployment, Node]] = field(default_factory=list)
    """Only those that look like Velero."""
    inline: list[tuple[str, V1Volume, Node]] = field(default_factory=list)
    """Azure Disk and Azure Files volumes written inline in pods: (namespace/pod, volume, where)."""
    files_driver: list[tuple[str, Node]] = field(default_factory=list)
    """(version, image) of each Azure Files CSI driver container seen (`csi-azurefile-node` pods)."""
    kinds: set[str] = field(default_factory=set)
    listing: Node | None = None
    """The (first) artifact the objects came from."""

    def __bool__(self) -> bool:
        return bool(self.kinds)


def _models() -> dict[str, Any]:
    # Imported on first use: the kubernetes client is large, and `check FILE` never needs it.
    from kubernetes.client.models import (
        V1Deployment,
        V1Namespace,
        V1Node,
        V1PersistentVolume,
        V1PersistentVolumeClaim,
        V1Pod,
        V1StorageClass,
    )

    return {
        "Namespace": V1Namespace,
        "Node": V1Node,
        "StorageClass": V1StorageClass,
        "PersistentVolume": V1PersistentVolume,
        "PersistentVolumeClaim": V1PersistentVolumeClaim,
        "Pod": V1Pod,
        "Deployment": V1Deployment,
    }


def _objects(root: Node) -> Iterator[Node]:
    value = root.value
    if isinstance(value, list):
        for item in root.items():
            yield from _objects(item)
    elif (
        isinstance(value, dict)
        and isinstance(value.get("items"), list)
        and str(value.get("kind", "")).endswith("List")
    ):
        for item in root.child("items", value["items"]).items():
            yield item
    else:
        yield root


def read_objects(root: Node, into: KubeObjects) -> None:
    """Validate the objects of one artifact with the client's models and file them by kind.

    Pods and deployments are many and only a few of their fields matter, so only the ones that
    matter are validated: the extension's pods, the Azure volumes written inline in any pod, and the
    deployments that look like Velero.
    """
    models = _models()
    if into.listing is None:
        into.listing = root
    for item in _objects(root):
        if not isinstance(item.value, dict):
            item.fail("expected a Kubernetes object (with kind and apiVersion)")
        kind = item.value.get("kind")
        model = models.get(kind) if isinstance(kind, str) else None
        if model is None:
            continue
        into.kinds.add(kind)  # type: ignore[arg-type]
        if kind == "Pod":
            _pod(item, into, models)
            continue
        if kind == "Deployment":
            if _looks_like_velero(item):
                into.deployments.append((_validated(model, item), item))
            continue
        obj = _validated(model, item)
        meta = obj.metadata
        if kind == "Namespace":
            into.namespaces.append((obj, item))
        elif kind == "Node":
            into.nodes.append((obj, item))
        elif kind == "StorageClass" and meta is not None and meta.name:
            into.classes[meta.name] = (obj, item)
        elif kind == "PersistentVolume":
            into.volumes.append((obj, item))
        elif kind == "PersistentVolumeClaim" and meta is not None and meta.name:
            into.claims[f"{meta.namespace or 'default'}/{meta.name}"] = (obj, item)


def _validated(model: Any, item: Node) -> Any:
    try:
        return model.model_validate(item.value, extra="ignore")
    except ValidationError as error:
        raise InvalidInput(item.file, _problems(item, error)) from None


def _pod(item: Node, into: KubeObjects, models: dict[str, Any]) -> None:
    namespace = item.get("metadata", "namespace")
    if namespace is not None and namespace.text() == EXTENSION_NAMESPACE:
        into.pods.append((_validated(models["Pod"], item), item))
        return
    if namespace is not None and namespace.value == "kube-system":
        _files_driver(item, into)
    volumes = item.get("spec", "volumes")
    if volumes is None:
        return
    for volume in volumes.items():
        if isinstance(volume.value, dict) and any(
            k in volume.value for k in ("azureDisk", "azureFile", "csi")
        ):
            name = item.get("metadata", "name")
            pod = f"{namespace.text() if namespace else 'default'}/{name.text() if name else '?'}"
            into.inline.append((pod, _validated(_volume_model(), volume), volume))


def _files_driver(item: Node, into: KubeObjects) -> None:
    """The Azure Files CSI driver's version: the tag of its `azurefile-csi` image (kube-system pods)."""
    containers = item.get("spec", "containers")
    if containers is None or not isinstance(containers.value, list):
        return
    for container in containers.items():
        image = container.get("image") if isinstance(container.value, dict) else None
        if image is not None and isinstance(image.value, str):
            version = driver_version(image.value)
            if version is not None:
                into.files_driver.append((version, image))


def _volume_model() -> Any:
    from kubernetes.client.models import V1Volume

    return V1Volume


def _looks_like_velero(item: Node) -> bool:
    """A deployment named velero, or running a velero/velero image (outside the extension's namespace)."""
    namespace = item.get("metadata", "namespace")
    if namespace is not None and namespace.value == EXTENSION_NAMESPACE:
        return False
    name = item.get("metadata", "name")
    if name is not None and name.value == "velero":
        return True
    containers = item.get("spec", "template", "spec", "containers")
    if containers is None or not isinstance(containers.value, list):
        return False
    return any(isinstance(c, dict) and "velero/velero" in str(c.get("image", "")) for c in containers.value)


def _problems(item: Node, error: ValidationError) -> list[tuple[str, object, str]]:
    problems = []
    for details in error.errors(include_url=False):
        where = item.pointer + pointer(*details["loc"])
        problems.append((where, shown(details.get("input")), f"expected {_expectation(details['msg'])}"))
    return problems


def _expectation(message: str) -> str:
    text = message.removeprefix("Input should be ").removeprefix("input should be ")
    return text[:1].lower() + text[1:]


def _meta_maps(obj: Any) -> tuple[dict[str, str], dict[str, str]]:
    meta = obj.metadata
    if meta is None:
        return {}, {}
    return dict(meta.labels or {}), dict(meta.annotations or {})


def _param(parameters: dict[str, str] | None, *names: str) -> str | None:
    """A storage class parameter, its name matched case-insensitively (as the Azure drivers do)."""
    for key, value in (parameters or {}).items():
        if key.lower() in names:
            return value
    return None


def apply(
    objects: KubeObjects, facts: Facts, disks: dict[str, Node], shares: ShareArtifacts | None = None
) -> None:
    """Put what the Kubernetes objects say into `facts` (after the Azure artifacts, which they refine).

    `disks`: `az disk show` answers by disk id (lower case); `shares`: the storage accounts, file shares
    and file counts the Azure Files volumes are joined with."""
    shares = shares or ShareArtifacts()
    if "Namespace" in objects.kinds:
        for index, (ns, node) in enumerate(objects.namespaces):
            labels, annotations = _meta_maps(ns)
            name = ns.metadata.name if ns.metadata else None
            if not name:
                node.fail("expected a namespace with metadata.name")
            facts.put(
                f"cluster.namespaces[{index}]",
                {"name": name, "labels": labels, "annotations": annotations},
                node,
            )
    if "Node" in objects.kinds:
        _node_pools(objects, facts)
    if "PersistentVolume" in objects.kinds:
        _volumes(objects, facts, disks, shares)
    if "Pod" in objects.kinds:
        _inline_volumes(objects, facts, disks)
    if "Pod" in objects.kinds:
        _extension_pods(objects, facts)
    if "Deployment" in objects.kinds:
        _velero(objects, facts)
    if objects.files_driver:
        # The oldest one running (nodes are upgraded one by one): what every node can be relied on for.
        version, image = min(objects.files_driver, key=lambda found: _numbers(found[0]))
        facts.put("cluster.storage_profile.file_csi_driver_version", version, image)


def _numbers(version: str) -> tuple[int, ...]:
    return tuple(int(part) for part in version.split("."))


def _pool_of(labels: dict[str, str]) -> str | None:
    return next((labels[key] for key in POOL_LABELS if key in labels), None)


def _node_pools(objects: KubeObjects, facts: Facts) -> None:
    """Node labels say each pool's architecture, OS SKU and mode; they refine the Azure view."""
    pools = facts.get("cluster.node_pools") or []
    index_of = {pool["name"]: i for i, pool in enumerate(pools) if isinstance(pool, dict) and "name" in pool}
    for _, (node_obj, node) in enumerate(objects.nodes):
        labels, _ = _meta_maps(node_obj)
        pool = _pool_of(labels)
        if pool is None:
            continue
        if pool not in index_of:
            index_of[pool] = len(index_of)
            facts.put(f"cluster.node_pools[{index_of[pool]}].name", pool, node)
        base = f"cluster.node_pools[{index_of[pool]}]"
        labels_node = node.get("metadata", "labels") or node
        arch = labels.get("kubernetes.io/arch")
        if arch in ARCHES:
            facts.put(f"{base}.arch", ARCHES[arch], labels_node)
        sku = labels.get("kubernetes.azure.com/os-sku")
        if sku and not facts.has(f"{base}.os_sku"):
            facts.put(f"{base}.os_sku", sku, labels_node)
        mode = labels.get("kubernetes.azure.com/mode")
        if mode in ("system", "user") and not facts.has(f"{base}.mode"):
            facts.put(f"{base}.mode", mode.capitalize(), labels_node)


class _Record:
    """One volume's fields and where each came from, put into `Facts` at once (there are many volumes)."""

    __slots__ = ("node", "sources", "values")

    def __init__(self, node: Node) -> None:
        self.node = node
        self.values: dict[str, Any] = {}
        self.sources: dict[str, Source] = {}

    def set(self, name: str, value: Any, where: str | Node) -> None:
        """`where`: a pointer below the PV (`/spec/csi/driver`, canonical keys) or a node elsewhere.
        `name` may be dotted (`share.protocol`): the field of a nested object."""
        *parents, last = name.split(".")
        target = self.values
        for part in parents:
            target = target.setdefault(part, {})
        target[last] = value
        if isinstance(where, Node):
            self.sources[name] = where.source
        else:
            self.sources[name] = Source(self.node.file, self.node.pointer + where)


def _volumes(objects: KubeObjects, facts: Facts, disks: dict[str, Node], shares: ShareArtifacts) -> None:
    index = 0
    for pv, node in objects.volumes:
        spec = pv.spec
        claim_ref = spec.claim_ref if spec else None
        if spec is None or claim_ref is None or not claim_ref.name:
            name = pv.metadata.name if pv.metadata else "?"
            facts.note(f"{node.file}{node.pointer}: volume {name} is bound to no claim; no backup takes it")
            continue
        record = _Record(node)
        claim = f"{claim_ref.namespace or 'default'}/{claim_ref.name}"
        record.set("claim", claim, "/spec/claimRef")
        pvc = objects.claims.get(claim)
        pv_annotations = _meta_maps(pv)[1]
        if pvc is not None:
            # Label selectors and the velero.io check read the claim's labels and annotations.
            claim_labels, claim_annotations = _meta_maps(pvc[0])
            record.set("labels", claim_labels, pvc[1].get("metadata") or pvc[1])
            record.set("annotations", claim_annotations, pvc[1].get("metadata") or pvc[1])

        csi = spec.csi
        driver: str | None = None
        if csi is not None:
            driver = csi.driver
            record.set("driver", driver, "/spec/csi/driver")
        else:
            for member, plugin in IN_TREE.items():
                if getattr(spec, member, None) is not None:
                    driver = plugin
                    record.set("driver", driver, "/spec")
                    break
            else:
                facts.note(
                    f"{node.file}{node.pointer}: volume of a kind not recognised; its driver stays unknown"
                )

        class_name = spec.storage_class_name or (
            pvc[0].spec.storage_class_name if pvc and pvc[0].spec else None
        )
        record.set("storage_class", class_name or "", "/spec/storageClassName")  # "" names none
        dynamic = any(key in pv_annotations for key in PROVISIONED_BY)
        record.set("provisioning", "dynamic" if dynamic else "static", "/metadata/annotations")
        if spec.persistent_volume_reclaim_policy:
            record.set(
                "reclaim_policy", spec.persistent_volume_reclaim_policy, "/spec/persistentVolumeReclaimPolicy"
            )

        disk_id = None
        if csi is not None and (driver or "").lower() == "disk.csi.azure.com":
            disk_id = csi.volume_handle
        elif spec.azure_disk is not None:
            disk_id = spec.azure_disk.disk_uri
        disk = disks.get(disk_id.lower()) if disk_id else None
        storage_class = objects.classes.get(class_name) if class_name else None
        if driver in ("disk.csi.azure.com", "kubernetes.io/azure-disk"):
            _disk_facts(record, csi, disk, storage_class)
        elif driver is not None:
            record.set("sku", None, "/spec")  # not an Azure disk: no disk SKU
        if csi is not None and driver == FILES_CSI_DRIVER:
            csi_share(record, csi, storage_class, shares)
        elif spec.azure_file is not None:
            in_tree_share(record, spec.azure_file, "/spec/azureFile")
        capacity = (spec.capacity or {}).get("storage")
        if capacity is not None and "size_gib" not in record.values:
            record.set("size_gib", _gib(capacity, node), "/spec/capacity/storage")
        facts.put_record(f"cluster.volumes[{index}]", record.values, record.sources)
        index += 1


def _gib(quantity: str, pv: Node) -> int:
    from kubernetes.utils import parse_quantity

    try:
        size = parse_quantity(quantity)  # type: ignore[no-untyped-call]
    except ValueError:
        where = pv.get("spec", "capacity", "storage") or pv
        where.fail("expected a Kubernetes quantity such as 10Gi")
    return max(1, math.ceil(int(size) / 2**30))


def _disk_facts(record: _Record, csi: Any, disk: Node | None, storage_class: Any) -> None:
    """SKU, size and network access of an Azure Disk volume: the disk itself, else the PV, else its class."""
    if disk is not None:
        sku = disk.get("sku", "name")
        if sku is not None:
            record.set("sku", _sku(sku), sku)
        size = disk.prop("diskSizeGb")
        if size is not None:
            record.set("size_gib", size.integer(), size)
        for key, field_name in (
            ("networkAccessPolicy", "network_access"),
            ("publicNetworkAccess", "public_network_access"),
            ("dataAccessAuthMode", "data_access_auth_mode"),
        ):
            found = disk.prop(key)
            if found is not None:
                record.set(field_name, found.text(), found)
        if disk.prop("dataAccessAuthMode") is None and disk.prop("provisioningState") is not None:
            record.set("data_access_auth_mode", "None", disk)  # a whole answer without it: never set
        encryption = disk.prop("encryption", "type")
        if encryption is not None:
            record.set("encryption_type", encryption.text(), encryption)
    attributes = csi.volume_attributes if csi is not None else None
    if "sku" not in record.values and attributes:
        for key, value in attributes.items():
            if key.lower() in ("skuname", "storageaccounttype"):
                found = Node(
                    value,
                    record.node.file,
                    record.node.pointer + pointer("spec", "csi", "volumeAttributes", key),
                )
                record.set("sku", _sku(found), found)
                break
    if storage_class is None:
        return
    sc, sc_node = storage_class
    parameters = sc.parameters or {}
    params_node = sc_node.get("parameters") or sc_node
    if "sku" not in record.values:
        named = next(
            (
                params_node.child(k, v)
                for k, v in parameters.items()
                if k.lower() in ("skuname", "storageaccounttype")
            ),
            None,
        )
        if named is not None:
            record.set("sku", _sku(named), named)
        elif (sc.provisioner or "").lower() == "disk.csi.azure.com":
            # The Azure Disk CSI driver's default skuName when the class names none.
            record.set("sku", "StandardSSD_LRS", sc_node.get("provisioner") or sc_node)
    if disk is None and (sc.provisioner or "").lower() == "disk.csi.azure.com":
        # The driver's defaults for a new disk: AllowAll and Enabled unless the class says otherwise.
        record.set("network_access", _param(parameters, "networkaccesspolicy") or "AllowAll", params_node)
        record.set(
            "public_network_access", _param(parameters, "publicnetworkaccess") or "Enabled", params_node
        )
        # Entra ID data access only when the class asks for it; a disk encryption set only when the
        # class names one (`diskEncryptionSetID`, with `diskEncryptionType` or the customer-key default).
        record.set("data_access_auth_mode", _param(parameters, "dataaccessauthmode") or "None", params_node)
        if _param(parameters, "diskencryptionsetid"):
            kind = _param(parameters, "diskencryptiontype") or "EncryptionAtRestWithCustomerKey"
        else:
            kind = "EncryptionAtRestWithPlatformKey"
        record.set("encryption_type", kind, params_node)


def _sku(node: Node) -> str:
    return node.one_of(_SKUS, "a disk SKU (" + ", ".join(DISK_SKUS) + ")")


def _extension_pods(objects: KubeObjects, facts: Facts) -> None:
    """Where the extension's pods run (their node's pool) and whether they all run."""
    pool_of_node = {}
    for node_obj, _ in objects.nodes:
        labels, _ = _meta_maps(node_obj)
        if node_obj.metadata and node_obj.metadata.name:
            pool_of_node[node_obj.metadata.name] = _pool_of(labels)
    running = True
    seen = False
    for pod, node in objects.pods:
        seen = True
        phase = pod.status.phase if pod.status else None
        ready = all(status.ready for status in (pod.status.container_statuses or [])) if pod.status else False
        if phase != "Running" or not ready:
            running = False
        host = pod.spec.node_name if pod.spec else None
        pool = pool_of_node.get(host) if host else None
        if pool and not facts.has("extension.node_pool"):
            facts.put("extension.node_pool", pool, node.get("spec", "nodeName") or node)
    if seen:
        if not running or not facts.has("extension.healthy"):
            facts.put("extension.healthy", running, objects.pods[0][1])
        if not facts.has("extension.installed"):
            facts.put("extension.installed", True, objects.pods[0][1])


def _inline_volumes(objects: KubeObjects, facts: Facts, disks: dict[str, Node]) -> None:
    """Azure Disk, Azure Files and CSI volumes written inline in a pod (no claim behind them): volumes
    too, named `namespace/volume` with their pod."""
    index = len(facts.get("cluster.volumes") or [])
    for pod, volume, node in objects.inline:
        namespace, pod_name = pod.split("/", 1)
        record = _Record(node)
        record.set("claim", f"{namespace}/{volume.name}", "/name")
        record.set("pod", pod_name, node)
        if volume.azure_disk is not None:
            record.set("driver", "kubernetes.io/azure-disk", "/azureDisk")
            disk = disks.get((volume.azure_disk.disk_uri or "").lower())
            if disk is not None:
                _disk_facts(record, None, disk, None)
        elif volume.azure_file is not None:
            record.set("driver", "kubernetes.io/azure-file", "/azureFile")
            record.set("sku", None, "/azureFile")
            in_tree_share(record, volume.azure_file, "/azureFile")
        elif volume.csi is not None:
            # a CSI ephemeral volume written in the pod (found by the cluster harness: it was lost)
            record.set("driver", volume.csi.driver, "/csi/driver")
        facts.put_record(f"cluster.volumes[{index}]", record.values, record.sources)
        index += 1


def _velero(objects: KubeObjects, facts: Facts) -> None:
    """A Velero server outside the extension's namespace: a `velero` deployment or a velero image."""
    if objects.deployments:
        facts.put("cluster.velero_installed", True, objects.deployments[0][1])
    else:
        assert objects.listing is not None
        facts.put("cluster.velero_installed", False, objects.listing)
