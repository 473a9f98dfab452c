"""Rendering environments as Kubernetes objects: every manifest validates offline against the schemas of
the environment's Kubernetes minor, and facts a cluster cannot hold are refused by name."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import kubernetes_validate
import pytest
from hypothesis import HealthCheck, given, settings

from aks_backup_conformance.harness.render import (
    DEFAULT_DISK_SKU,
    HARNESS_LABEL,
    Unrepresentable,
    _dynamic_csi,
    render,
    representable,
)
from aks_backup_conformance.harness.validate import (
    InvalidManifest,
    schema_version,
    supported_versions,
    validate_manifest,
)
from aks_backup_conformance.io.load import load_environment, parse_data
from aks_backup_model import Environment
from aks_backup_model.strategies import environments

from .envs import complete

EXAMPLES = sorted((Path(__file__).resolve().parent.parent / "examples").glob("*.yaml"))


def kinds(manifests: list[dict[str, Any]]) -> list[str]:
    return [m["kind"] for m in manifests]


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda p: p.stem)
def test_every_example_renders_to_valid_manifests(path: Path) -> None:
    env = representable(load_environment(path))
    if path.stem == "cluster-facts-only":  # its namespaces and volumes are not given: nothing to make
        with pytest.raises(Unrepresentable, match="not given"):
            render(env, run="r1")
        return
    manifests = render(env, run="r1")
    assert manifests
    for manifest in manifests:
        assert manifest["metadata"]["labels"][HARNESS_LABEL] == "r1"
        validate_manifest(manifest, env.cluster.kubernetes_version)


def test_a_volume_becomes_a_class_a_volume_and_a_claim() -> None:
    env = Environment.model_validate(
        {
            "cluster": {
                "kubernetes_version": "1.31.5",
                "node_pools": [{"name": "system", "mode": "System", "os_sku": "Windows2022", "arch": "arm64"}],
                "namespaces": [{"name": "payments", "labels": {"velero.io/exclude-from-backup": "true"}}],
                "volumes": [
                    {"claim": "payments/data", "driver": "disk.csi.azure.com", "sku": "Premium_LRS",
                     "size_gib": 256, "provisioning": "dynamic", "storage_class": "managed-csi-premium",
                     "network_access": "AllowAll", "public_network_access": "Enabled"},
                    {"claim": "payments/old", "driver": "kubernetes.io/azure-disk", "size_gib": 8,
                     "provisioning": "static", "storage_class": None},
                ],
                "velero_installed": True,
            }
        }
    )  # fmt: skip
    manifests = render(env, run="r2")
    assert kinds(manifests) == [
        "Namespace", "Node", "StorageClass", "PersistentVolume", "PersistentVolumeClaim",
        "PersistentVolume", "PersistentVolumeClaim", "Namespace", "CustomResourceDefinition", "Deployment",
    ]  # fmt: skip
    namespace, node, storage_class, pv, pvc, static_pv, static_pvc = manifests[:7]
    assert namespace["metadata"]["labels"]["velero.io/exclude-from-backup"] == "true"
    assert node["metadata"]["labels"]["kubernetes.io/os"] == "windows"
    assert node["metadata"]["labels"]["kubernetes.io/arch"] == "arm64"
    assert node["metadata"]["labels"]["kubernetes.azure.com/mode"] == "system"
    assert storage_class["provisioner"] == "disk.csi.azure.com"
    assert storage_class["parameters"] == {
        "skuName": "Premium_LRS",
        "networkAccessPolicy": "AllowAll",
        "publicNetworkAccess": "Enabled",
    }
    assert pv["spec"]["csi"]["driver"] == "disk.csi.azure.com"
    assert pv["metadata"]["annotations"] == {"pv.kubernetes.io/provisioned-by": "disk.csi.azure.com"}
    assert pv["spec"]["capacity"] == {"storage": "256Gi"}
    assert pvc["spec"]["storageClassName"] == "managed-csi-premium"
    assert pvc["spec"]["volumeName"] == pv["metadata"]["name"]
    assert "azureDisk" in static_pv["spec"] and "annotations" not in static_pv["metadata"]
    assert "storageClassName" not in static_pv["spec"] and "storageClassName" not in static_pvc["spec"]
    for manifest in manifests:
        validate_manifest(manifest, "1.31.5")


@pytest.mark.parametrize(
    ("change", "path"),
    [
        ({"namespaces": [{"name": "-bad"}]}, "cluster.namespaces[0].name"),
        ({"namespaces": [{"name": "ok", "labels": {"a": "-x"}}]}, "cluster.namespaces[0].labels['a']"),
        ({"namespaces": [{"name": "ok"}], "volumes": [{"claim": "elsewhere/x"}]}, "cluster.volumes[0].claim"),
        (
            {
                "namespaces": [{"name": "ok"}],
                "volumes": [
                    {"claim": "ok/a", "sku": "Premium_LRS", "storage_class": "c"},
                    {"claim": "ok/b", "sku": "Standard_LRS", "storage_class": "c"},
                ],
            },
            "cluster.volumes[1].storage_class",
        ),
    ],
)
def test_facts_a_cluster_cannot_hold_are_refused_with_their_path(change: dict[str, Any], path: str) -> None:
    disk = {"driver": "disk.csi.azure.com", "size_gib": 8, "provisioning": "dynamic"}
    cluster = {"kubernetes_version": "1.31.5", "node_pools": [], "volumes": [], **change}
    cluster["volumes"] = [{**disk, **volume} for volume in cluster["volumes"]]
    env = Environment.model_validate({"cluster": cluster})
    with pytest.raises(Unrepresentable) as refused:
        render(env, run="r3")
    assert refused.value.path == path
    assert "cannot be made in a cluster" in str(refused.value)


def test_schema_versions_follow_the_cluster_within_what_is_shipped() -> None:
    oldest, newest = supported_versions()[0], supported_versions()[-1]
    assert schema_version("1.31.5") == (1, 31)
    assert schema_version("v1.30") == (1, 30)
    assert schema_version("1.99.0") == newest
    assert schema_version("1.10.0") == oldest
    assert schema_version(None) == newest


@pytest.mark.parametrize(
    "manifest",
    [
        {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "a"},
         "spec": {"accessModes": "ReadWriteOnce", "csi": {"driver": "d", "volumeHandle": "h"}}},
        {"apiVersion": "v1", "kind": "PersistentVolume", "metadata": {"name": "a"}, "spec": {"csi": {}}},
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}, "bogusField": 1},
        {"apiVersion": "v1", "kind": "Namespace", "metadata": {"name": "a"}},
    ],
)  # fmt: skip
def test_the_cached_validator_agrees_with_kubernetes_validate(manifest: dict[str, Any]) -> None:
    try:
        kubernetes_validate.validate(manifest, "1.31", strict=True)
        expected_valid = True
    except kubernetes_validate.ValidationError:
        expected_valid = False
    try:
        validate_manifest(manifest, "1.31.2")
        valid = True
    except InvalidManifest:
        valid = False
    assert valid == expected_valid


def test_an_unknown_kind_is_an_invalid_manifest() -> None:
    with pytest.raises(InvalidManifest, match="no schema"):
        validate_manifest(
            {"apiVersion": "example.com/v1", "kind": "Gadget", "metadata": {"name": "g"}}, "1.31"
        )


@settings(max_examples=500, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(environments(unknowns=False, max_namespaces=40, max_volumes=30))
def test_every_manifest_of_random_environments_validates(env: Environment) -> None:
    """500 random environments (made representable: valid names, one SKU per class), every object
    valid for the environment's minor."""
    ready = representable(env)
    for manifest in render(ready, run="h"):
        validate_manifest(manifest, ready.cluster.kubernetes_version)


@given(environments(unknowns=False, max_namespaces=20, max_volumes=12))
def test_making_an_environment_representable_keeps_its_matrix_facts(env: Environment) -> None:
    """Only names change: the counts, drivers, SKUs, sizes and provisioning the matrix reads stay."""
    ready = representable(env)
    before, after = env.cluster, ready.cluster
    assert len(after.namespaces) == len(before.namespaces)
    facts = [(v.driver, v.sku, v.size_gib, v.provisioning, v.network_access) for v in after.volumes]
    assert facts == [
        # a disk the CSI driver made always has a SKU: its class's, or the driver's default
        (
            v.driver,
            v.sku or (DEFAULT_DISK_SKU if _dynamic_csi(v) else None),
            v.size_gib,
            v.provisioning,
            v.network_access,
        )
        for v in before.volumes
    ]
    assert [(p.mode, p.arch) for p in after.node_pools] == [(p.mode, p.arch) for p in before.node_pools]
    assert [(v.storage_class is None) for v in after.volumes] == [
        (v.storage_class is None) for v in before.volumes
    ]


# --- unknown facts and inline volumes -----------------------------------------------------------------


def test_a_fact_the_environment_leaves_unknown_cannot_be_made_and_the_error_names_it() -> None:
    data = complete()
    data["cluster"]["node_pools"][0]["os_sku"] = None
    with pytest.raises(Unrepresentable) as caught:
        render(parse_data(data), run="h")
    assert caught.value.path == "cluster.node_pools[0].os_sku"
    data = complete()
    del data["cluster"]["volumes"]
    with pytest.raises(Unrepresentable) as caught:
        render(parse_data(data), run="h")
    assert caught.value.path == "cluster.volumes"


def test_a_disk_declared_inline_is_a_pod_with_an_azure_disk_volume() -> None:
    data = complete()
    disk = data["cluster"]["volumes"][1]
    data["cluster"]["volumes"].append(
        {**disk, "claim": "orders/scratch", "pod": "batch-0", "driver": "kubernetes.io/azure-disk"}
    )
    env = parse_data(data)
    pods = [m for m in render(env, run="h") if m["kind"] == "Pod"]
    assert [p["metadata"]["name"] for p in pods] == ["batch-0"]
    (volume,) = pods[0]["spec"]["volumes"]
    assert volume["name"] == "scratch" and volume["azureDisk"]["kind"] == "Managed"
    validate_manifest(pods[0], env.cluster.kubernetes_version)
