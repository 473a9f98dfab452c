"""Create rendered objects through the official client, list them back as `kubectl get -o json` would,
and delete exactly what the harness made.

Only objects that carry the harness label with this run's id are ever listed back or deleted; an
object without it is never touched, whatever the API server returns.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from typing import Any

from kubernetes import client as k8s

from .render import HARNESS_LABEL, SCAFFOLDING_LABEL, Manifest
from .targets import GuardedApiClient

__all__ = ["KINDS", "Kind", "apply", "cleanup", "materialised", "read_back"]


@dataclass(frozen=True)
class Kind:
    """How the official client creates, lists and deletes one kind of object."""

    kind: str
    api_version: str
    api: Callable[[GuardedApiClient], Any]
    create: str
    list_all: str
    delete: str
    namespaced: bool


KINDS: tuple[Kind, ...] = (
    Kind("Namespace", "v1", k8s.CoreV1Api, "create_namespace", "list_namespace", "delete_namespace", False),
    Kind("Node", "v1", k8s.CoreV1Api, "create_node", "list_node", "delete_node", False),
    Kind("CustomResourceDefinition", "apiextensions.k8s.io/v1", k8s.ApiextensionsV1Api,
         "create_custom_resource_definition", "list_custom_resource_definition",
         "delete_custom_resource_definition", False),
    Kind("StorageClass", "storage.k8s.io/v1", k8s.StorageV1Api, "create_storage_class", "list_storage_class",
         "delete_storage_class", False),
    Kind("PersistentVolume", "v1", k8s.CoreV1Api, "create_persistent_volume", "list_persistent_volume",
         "delete_persistent_volume", False),
    Kind("PersistentVolumeClaim", "v1", k8s.CoreV1Api, "create_namespaced_persistent_volume_claim",
         "list_persistent_volume_claim_for_all_namespaces", "delete_namespaced_persistent_volume_claim", True),
    Kind("Pod", "v1", k8s.CoreV1Api, "create_namespaced_pod", "list_pod_for_all_namespaces",
         "delete_namespaced_pod", True),
    Kind("Deployment", "apps/v1", k8s.AppsV1Api, "create_namespaced_deployment",
         "list_deployment_for_all_namespaces", "delete_namespaced_deployment", True),
)  # fmt: skip
"""In creation order: namespaces, nodes and definitions first, what lives in namespaces last."""

_BY_KIND = {k.kind: k for k in KINDS}


def _ours(item: dict[str, Any], run: str) -> bool:
    return bool((item.get("metadata") or {}).get("labels", {}).get(HARNESS_LABEL) == run)


def apply(api: GuardedApiClient, manifests: list[Manifest]) -> None:
    """Create each manifest, in order. A node's status (readiness, OS, architecture) is written
    through its status subresource when the create dropped it, as a real API server does."""
    for manifest in manifests:
        kind = _BY_KIND[manifest["kind"]]
        handle = kind.api(api)
        if kind.namespaced:
            getattr(handle, kind.create)(manifest["metadata"]["namespace"], manifest)
        else:
            created = getattr(handle, kind.create)(manifest)
            if (
                kind.kind == "Node"
                and manifest.get("status")
                and not (created.status and created.status.conditions)
            ):
                handle.patch_node_status(manifest["metadata"]["name"], {"status": manifest["status"]})


def _listed(api: GuardedApiClient, kind: Kind, run: str) -> Iterator[dict[str, Any]]:
    result = getattr(kind.api(api), kind.list_all)(label_selector=f"{HARNESS_LABEL}={run}")
    for item in result.items:
        data: dict[str, Any] = api.sanitize_for_serialization(item)  # type: ignore[no-untyped-call]
        data.setdefault("apiVersion", kind.api_version)
        data.setdefault("kind", kind.kind)
        if _ours(data, run):
            yield data


def read_back(api: GuardedApiClient, run: str, *, scaffolding: bool = False) -> dict[str, Any]:
    """What the API server returns for this run's objects, as the `List` that `kubectl get
    namespaces,nodes,storageclasses,persistentvolumes,persistentvolumeclaims,pods,deployments -A -o json`
    prints. Scaffolding (objects the environment does not describe) is left out unless asked for."""
    items = [
        item
        for kind in KINDS
        if kind.kind != "CustomResourceDefinition" or scaffolding
        for item in _listed(api, kind, run)
        if scaffolding or item["metadata"].get("labels", {}).get(SCAFFOLDING_LABEL) != "true"
    ]
    return {"apiVersion": "v1", "kind": "List", "metadata": {"resourceVersion": ""}, "items": items}


def cleanup(api: GuardedApiClient, run: str) -> int:
    """Delete every object of this run, in the reverse order of creation; return how many. Only
    objects carrying the harness label with this run's id are deleted."""
    deleted = 0
    for kind in reversed(KINDS):
        handle = kind.api(api)
        for item in list(_listed(api, kind, run)):
            meta = item["metadata"]
            if kind.namespaced:
                getattr(handle, kind.delete)(meta["name"], meta["namespace"])
            else:
                getattr(handle, kind.delete)(meta["name"])
            deleted += 1
    return deleted


@contextmanager
def materialised(api: GuardedApiClient, manifests: list[Manifest], run: str) -> Iterator[dict[str, Any]]:
    """Create `manifests`, yield what the API server returns for them (a kubectl `List`), and delete
    them all afterwards: when the block ends, when a step fails, and when the run is interrupted."""
    try:
        apply(api, manifests)
        yield read_back(api, run)
    finally:
        cleanup(api, run)
