"""Importers: each artifact's facts, both casings and shapes, ISO 8601 schedules, located errors."""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aks_backup_conformance.io.importers import Imported, import_cluster, import_files
from aks_backup_conformance.io.importers.documents import Kind, Node, classify
from aks_backup_model.errors import InvalidInput

DATA = Path(__file__).resolve().parent / "data"
SUPPORTED = DATA / "supported"


def load(name: str) -> Any:
    return json.loads((SUPPORTED / name).read_text())


def folder_with(tmp_path: Path, changes: dict[str, Callable[[Any], Any] | None] | None = None) -> Path:
    """A copy of the supported sample with `changes` applied: file -> edit (returning the new data) or None (dropped)."""
    target = tmp_path / "cluster"
    shutil.copytree(SUPPORTED, target)
    for name, change in (changes or {}).items():
        if change is None:
            (target / name).unlink()
        else:
            data = load(name) if (SUPPORTED / name).exists() else None
            (target / name).write_text(json.dumps(change(copy.deepcopy(data)), indent=2))
    return target


def imported(tmp_path: Path, **changes: Callable[[Any], Any] | None) -> Imported:
    return import_cluster(
        folder_with(tmp_path, {k.replace("_", "-") + ".json": v for k, v in changes.items()})
    )


def bad(tmp_path: Path, **changes: Callable[[Any], Any] | None) -> InvalidInput:
    with pytest.raises(InvalidInput) as caught:
        imported(tmp_path, **changes)
    return caught.value


def to_arm(az: dict[str, Any]) -> dict[str, Any]:
    """The ARM GET shape of an `az aks show` answer: members under `properties`, REST casing."""
    top = {"id", "location", "name", "type", "identity", "sku", "tags", "systemData"}
    properties = {k: v for k, v in az.items() if k not in top and k != "resourceGroup"}
    storage = properties.pop("storageProfile")
    properties["storageProfile"] = {
        "diskCSIDriver": storage["diskCsiDriver"],
        "fileCSIDriver": storage["fileCsiDriver"],
        "snapshotController": storage["snapshotController"],
    }
    arm = {k: v for k, v in az.items() if k in top}
    arm["properties"] = properties
    arm["type"] = "Microsoft.ContainerService/managedClusters"
    return arm


# --- what each artifact gives --------------------------------------------------------------------------


def test_az_and_arm_shapes_of_the_cluster_give_the_same_environment(tmp_path: Path) -> None:
    az = import_cluster(SUPPORTED).environment
    arm = imported(tmp_path, aks_show=to_arm).environment
    assert arm == az


def test_the_disk_csi_driver_is_read_in_either_casing(tmp_path: Path) -> None:
    def disabled(data: dict[str, Any]) -> dict[str, Any]:
        arm = to_arm(data)
        arm["properties"]["storageProfile"]["diskCSIDriver"]["enabled"] = False
        return arm

    result = imported(tmp_path, aks_show=disabled)
    assert result.environment.cluster.storage_profile.disk_csi_driver is False
    assert result.provenance["cluster.storage_profile.disk_csi_driver"].pointer == (
        "/properties/storageProfile/diskCSIDriver/enabled"
    )


def test_every_fact_remembers_file_pointer_and_line() -> None:
    result = import_cluster(SUPPORTED)
    source = result.provenance["cluster.kubernetes_version"]
    assert (Path(source.file).name, source.pointer) == ("aks-show.json", "/currentKubernetesVersion")
    text = Path(source.file).read_text().splitlines()
    assert source.line is not None and '"currentKubernetesVersion": "1.32.7"' in text[source.line - 1]
    assert result.provenance["vault.redundancy"].pointer == "/properties/storageSettings/0/type"
    assert result.provenance["policy.every_hours"].pointer == (
        "/0/properties/policyRules/0/trigger/schedule/repeatingTimeIntervals/0"
    )


def test_a_service_principal_cluster(tmp_path: Path) -> None:
    def service_principal(data: dict[str, Any]) -> dict[str, Any]:
        data["identity"] = None
        data["servicePrincipalProfile"] = {"clientId": "0a0b0c0d-1111-4222-8333-444455556666"}
        return data

    env = imported(tmp_path, aks_show=service_principal).environment
    assert env.cluster.identity == "ServicePrincipal"
    assert env.cluster.tenant == "99999999-8888-7777-6666-555555555555"  # from the extension's sign-in


@pytest.mark.parametrize(
    ("interval", "hours", "start"),
    [
        ("R/2025-03-02T09:00:00+00:00/PT4H", 4, "09:00:00"),
        ("R/2025-03-02T09:30:00+02:00/PT12H", 12, "07:30:00"),
        ("R/2025-03-02T22:00:00Z/P1D", 24, "22:00:00"),
    ],
)
def test_schedules_are_iso_8601_repeating_intervals(
    tmp_path: Path, interval: str, hours: int, start: str
) -> None:
    def schedule(data: list[Any]) -> list[Any]:
        data[0]["properties"]["policyRules"][0]["trigger"]["schedule"]["repeatingTimeIntervals"] = [interval]
        return data

    policy = imported(tmp_path, backup_policies=schedule).environment.policy
    assert (policy.every_hours, policy.start.isoformat()) == (hours, start)


@pytest.mark.parametrize(("duration", "days"), [("P7D", 7), ("P2W", 14), ("P1M", 31), ("P1Y", 366)])
def test_retention_is_an_iso_8601_duration_counted_from_the_schedule_start(
    tmp_path: Path, duration: str, days: int
) -> None:
    def retention(data: list[Any]) -> list[Any]:
        data[0]["properties"]["policyRules"][1]["lifecycles"][0]["deleteAfter"]["duration"] = duration
        data[0]["properties"]["policyRules"][0]["trigger"]["schedule"]["repeatingTimeIntervals"] = [
            "R/2024-01-01T09:00:00+00:00/PT4H"
        ]
        return data

    vault = imported(tmp_path, backup_policies=retention).environment.policy.vault
    assert vault is not None and vault.retention_days == days


def test_a_vault_rule_no_tagging_criterion_feeds_keeps_the_vault_tier_empty(tmp_path: Path) -> None:
    def untagged(data: list[Any]) -> list[Any]:
        data[0]["properties"]["policyRules"][0]["trigger"]["taggingCriteria"].pop(0)
        return data

    result = imported(tmp_path, backup_policies=untagged)
    assert result.environment.policy.vault is None
    assert any("no tagging criterion selects backups" in note for note in result.notes)


def test_an_operational_only_policy(tmp_path: Path) -> None:
    def operational_only(data: list[Any]) -> list[Any]:
        rules = data[0]["properties"]["policyRules"]
        del rules[1]
        rules[0]["trigger"]["taggingCriteria"].pop(0)
        return data

    policy = imported(tmp_path, backup_policies=operational_only).environment.policy
    assert policy.vault is None and policy.operational is not None and policy.operational.retention_days == 7


def test_the_backup_instance_gives_namespaces_and_snapshot_group() -> None:
    env = import_cluster(SUPPORTED).environment
    assert env.backup_instance.namespaces == ("shop", "payments")
    assert env.backup_instance.snapshot_resource_group == "rg-shop-snapshots"
    assert (env.vault.policies, env.vault.backup_instances) == (1, 1)


def test_an_extension_list_without_the_backup_extension_says_it_is_not_installed(tmp_path: Path) -> None:
    def flux_only(data: list[Any]) -> list[Any]:
        data[0]["extensionType"] = "microsoft.flux"
        return data

    assert imported(tmp_path, extensions=flux_only).environment.extension.installed is False


def test_an_empty_answer_counts_only_with_collects_manifest(tmp_path: Path) -> None:
    folder = folder_with(tmp_path, {"extensions.json": lambda _: []})
    (folder / "kubectl.json").unlink()  # the extension's pods would say it runs
    result = import_cluster(folder)
    assert any("extensions.json: not an artifact" in note for note in result.notes)
    assert "extension.installed" not in result.provenance
    manifest = {
        "kind": "aks-backup-conformance/collection",
        "version": 1,
        "files": [
            {"file": "extensions.json", "artifact": "extensions", "command": ["az", "k8s-extension", "list"]}
        ],
    }
    (folder / "collect.json").write_text(json.dumps(manifest))
    assert import_cluster(folder).environment.extension.installed is False


def test_missing_role_assignments_are_not_granted(tmp_path: Path) -> None:
    result = imported(tmp_path, role_assignments=lambda data: data[:3])
    assert result.environment.vault.role_assignments.granted is False
    assert any("Storage Blob Data Contributor" in note for note in result.notes)


def test_role_assignments_without_the_vault_stay_unknown(tmp_path: Path) -> None:
    result = imported(tmp_path, backup_vault=None)
    assert "vault.role_assignments.granted" not in result.provenance


def test_kubernetes_quantities_and_disks_round_up_to_gibibytes(tmp_path: Path) -> None:
    def decimal(data: dict[str, Any]) -> dict[str, Any]:
        for item in data["items"]:
            if item["kind"] == "PersistentVolume":
                item["spec"]["capacity"]["storage"] = "100G"
        return data

    env = imported(tmp_path, kubectl=decimal).environment
    assert {v.size_gib for v in env.cluster.volumes} == {94}


def test_a_standalone_velero_is_found(tmp_path: Path) -> None:
    def velero(data: dict[str, Any]) -> dict[str, Any]:
        deployment = copy.deepcopy(next(i for i in data["items"] if i["kind"] == "Deployment"))
        deployment["metadata"].update(name="velero", namespace="velero")
        deployment["spec"]["template"]["spec"]["containers"][0]["image"] = "velero/velero:v1.16.1"
        data["items"].append(deployment)
        return data

    assert import_cluster(SUPPORTED).environment.cluster.velero_installed is False
    assert imported(tmp_path, kubectl=velero).environment.cluster.velero_installed is True


def test_a_failing_extension_pod_makes_the_extension_unhealthy(tmp_path: Path) -> None:
    def crashing(data: dict[str, Any]) -> dict[str, Any]:
        pod = next(i for i in data["items"] if i["kind"] == "Pod")
        pod["status"]["phase"] = "Pending"
        return data

    assert imported(tmp_path, kubectl=crashing).environment.extension.healthy is False


def test_arm64_is_told_by_the_vm_size_without_node_labels(tmp_path: Path) -> None:
    def arm(data: dict[str, Any]) -> dict[str, Any]:
        data["agentPoolProfiles"][0]["vmSize"] = "Standard_D4pds_v5"
        return data

    result = imported(tmp_path, aks_show=arm, kubectl=None)
    assert result.environment.cluster.node_pools[0].arch == "arm64"


def test_unknown_files_are_ignored_with_a_note(tmp_path: Path) -> None:
    folder = folder_with(tmp_path)
    (folder / "notes.yaml").write_text("owner: team-shop\n")
    result = import_cluster(folder)
    assert result.environment == import_cluster(SUPPORTED).environment
    assert any("notes.yaml: not an artifact" in note for note in result.notes)


def test_files_are_recognised_by_content_whatever_their_name(tmp_path: Path) -> None:
    names = {}
    for index, path in enumerate(sorted(SUPPORTED.glob("*.*"))):
        target = tmp_path / f"answer-{index}.yaml"
        shutil.copy(path, target)
        names[target] = path.name
    renamed = import_files(sorted(tmp_path.iterdir()))
    assert renamed.environment == import_cluster(SUPPORTED).environment


@pytest.mark.parametrize(
    ("data", "kind"),
    [
        ({"type": "Microsoft.ContainerService/ManagedClusters"}, Kind.MANAGED_CLUSTER),
        ({"type": "Microsoft.DataProtection/Backupvaults"}, Kind.BACKUP_VAULT),
        ([{"type": "Microsoft.ContainerService/managedClusters/agentPools"}], Kind.AGENT_POOLS),
        ({"kind": "List", "apiVersion": "v1", "items": []}, Kind.KUBERNETES),
        ({"azure-cli": "2.77.0"}, Kind.AZ_VERSION),
        (
            {"id": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Compute/disks/d", "properties": {}},
            Kind.DISKS,
        ),
        ({"kind": "StorageV2"}, None),
        ([], None),
    ],
)
def test_what_an_artifact_is_comes_from_its_content(data: Any, kind: Kind | None) -> None:
    assert classify(Node(data, "f.json")) is kind


# --- bad artifacts: file, pointer, value, expectation ---------------------------------------------------


def test_a_wrong_type_names_file_pointer_value_and_expectation(tmp_path: Path) -> None:
    def retyped(data: dict[str, Any]) -> dict[str, Any]:
        data["storageProfile"]["diskCsiDriver"]["enabled"] = "yes"
        return data

    error = bad(tmp_path, aks_show=retyped)
    assert Path(error.source).name == "aks-show.json"
    assert error.problems == [("/storageProfile/diskCsiDriver/enabled", "yes", "expected true or false")]


def test_a_bad_kubernetes_object_is_located_by_the_clients_model(tmp_path: Path) -> None:
    def retyped(data: dict[str, Any]) -> dict[str, Any]:
        pv = next(i for i, item in enumerate(data["items"]) if item["kind"] == "PersistentVolume")
        data["items"][pv]["spec"]["capacity"] = {"storage": 64}
        return data

    error = bad(tmp_path, kubectl=retyped)
    (where, value, expected), *_ = error.problems
    assert Path(error.source).name == "kubectl.json"
    assert where.startswith("/items/") and where.endswith("/spec/capacity/storage")
    assert (value, expected) == (64, "expected a valid string")


def test_a_bad_quantity_is_located(tmp_path: Path) -> None:
    def odd(data: dict[str, Any]) -> dict[str, Any]:
        next(i for i in data["items"] if i["kind"] == "PersistentVolume")["spec"]["capacity"]["storage"] = (
            "lots"
        )
        return data

    error = bad(tmp_path, kubectl=odd)
    assert error.problems[0][0].endswith("/spec/capacity/storage")
    assert "quantity" in error.problems[0][2]


def test_a_bad_schedule_is_located(tmp_path: Path) -> None:
    def odd(data: list[Any]) -> list[Any]:
        data[0]["properties"]["policyRules"][0]["trigger"]["schedule"]["repeatingTimeIntervals"] = [
            "every 4h"
        ]
        return data

    error = bad(tmp_path, backup_policies=odd)
    assert error.problems[0][:2] == (
        "/0/properties/policyRules/0/trigger/schedule/repeatingTimeIntervals/0",
        "every 4h",
    )


def test_a_value_the_environment_refuses_is_pointed_back_at_its_artifact(tmp_path: Path) -> None:
    def odd(data: dict[str, Any]) -> dict[str, Any]:
        data["currentKubernetesVersion"] = "latest"
        return data

    error = bad(tmp_path, aks_show=odd)
    assert Path(error.source).name == "aks-show.json"
    where, value, expected = error.problems[0]
    assert (where, value) == (
        "/currentKubernetesVersion",
        "latest",
    ) and "cluster.kubernetes_version" in expected


def test_truncated_json_is_located(tmp_path: Path) -> None:
    folder = folder_with(tmp_path)
    text = (folder / "backup-vault.json").read_text()
    (folder / "backup-vault.json").write_text(text[: len(text) // 2])
    with pytest.raises(InvalidInput) as caught:
        import_cluster(folder)
    assert Path(caught.value.source).name == "backup-vault.json"
    assert caught.value.problems[0][0].startswith("line ")


def test_two_clusters_in_one_folder_are_refused(tmp_path: Path) -> None:
    folder = folder_with(tmp_path)
    other = load("aks-show.json")
    other["id"] = other["id"].replace("aks-shop-weu", "aks-other")
    (folder / "other-cluster.json").write_text(json.dumps(other))
    with pytest.raises(InvalidInput, match="one cluster per folder"):
        import_cluster(folder)


def test_an_empty_folder_is_bad_input(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput, match=r"expected a folder with \.json or \.yaml artifacts"):
        import_cluster(tmp_path)


def test_a_large_kubectl_listing_is_read_beyond_the_environment_files_limit(tmp_path: Path) -> None:
    def padded(data: dict[str, Any]) -> dict[str, Any]:
        data["items"][0]["metadata"]["annotations"] = {"note": "x" * (17 * 1024 * 1024)}
        return data

    assert import_cluster(folder_with(tmp_path, {"kubectl.json": padded})).environment.cluster.volumes


def test_an_environment_file_beside_the_artifacts_states_what_no_command_shows(tmp_path: Path) -> None:
    folder = folder_with(tmp_path)
    (folder / "stated.yaml").write_text(
        "# what no command shows\ntooling: {deployed_with: azure-cli}\nvault: {worm: false}\n"
    )
    result = import_cluster(folder)
    assert result.environment.tooling.deployed_with == "azure-cli"
    assert result.environment.tooling.azure_cli == "2.77.0"  # still from az version
    assert result.environment.vault.worm is False
    assert result.environment.vault.redundancy == "GeoRedundant"  # still from the vault
    source = result.provenance["tooling.deployed_with"]
    assert (Path(source.file).name, source.line) == ("stated.yaml", 2)


def test_a_wrong_field_in_the_stated_file_is_located(tmp_path: Path) -> None:
    folder = folder_with(tmp_path)
    (folder / "stated.yaml").write_text("vault: {worm: false, wrom: true}\n")
    with pytest.raises(InvalidInput) as caught:
        import_cluster(folder)
    assert Path(caught.value.source).name == "stated.yaml"
    assert caught.value.problems[0][0] == "/vault/wrom"


def test_pools_and_namespaces_are_also_located_by_name() -> None:
    provenance = import_cluster(DATA / "windows-arm64").provenance
    source = provenance['cluster.node_pools["arm64"].arch']
    assert (Path(source.file).name, source.pointer) == (
        "kubectl.json",
        provenance["cluster.node_pools[2].arch"].pointer,
    )
    assert 'cluster.namespaces["kube-system"]' in provenance


def test_yaml_output_reads_as_its_json(tmp_path: Path) -> None:
    import yaml

    folder = folder_with(tmp_path)
    for name in ("kubectl.json", "aks-show.json", "backup-policies.json"):
        data = json.loads((folder / name).read_text())
        (folder / name).unlink()
        (folder / name.replace(".json", ".yaml")).write_text(yaml.safe_dump(data, sort_keys=False))
    assert import_cluster(folder).environment == import_cluster(SUPPORTED).environment


def test_the_backup_instance_selection_is_read(tmp_path: Path) -> None:
    def selection(data: list[Any]) -> list[Any]:
        parameters = data[0]["properties"]["policyInfo"]["policyParameters"][
            "backupDatasourceParametersList"
        ][0]
        parameters.update(
            includedNamespaces=[],
            excludedNamespaces=["kube-system"],
            labelSelectors=["app.kubernetes.io/name=orders"],
            includedVolumeTypes=[],
            includeClusterScopeResources=False,
        )
        return data

    result = imported(tmp_path, backup_instances=selection)
    instance = result.environment.backup_instance
    assert instance.namespaces is None  # an empty list selects every namespace
    assert instance.excluded_namespaces == ("kube-system",)
    assert instance.label_selectors == ("app.kubernetes.io/name=orders",)
    assert instance.included_volume_types is None  # an empty list takes every type
    assert instance.include_cluster_scope_resources is False
    assert result.provenance["backup_instance.label_selectors"].pointer.endswith("/labelSelectors")


def test_a_disk_written_inline_in_a_pod_is_a_volume_of_its_pod() -> None:
    volumes = import_cluster(DATA / "every-volume-kind").environment.cluster.volumes
    inline = [v for v in volumes if v.pod is not None]
    assert [(v.claim, v.pod, v.driver) for v in inline] == [
        ("payments/scratch", "legacy-batch-5c4d3b2a1-zyxwv", "kubernetes.io/azure-disk")
    ]
