"""The importers read what edition 2026-01-06 asks of Azure Files volumes (and of disks) from real artifacts.

Starting from the `every-volume-kind` sample (its Azure Files volume `shop/uploads` is `cluster.volumes[2]`,
its in-tree Azure Files volume `shop/shared-files-intree` is `cluster.volumes[6]`), one artifact is changed
or dropped at a time. The share's protocol comes from the share (`enabledProtocols`), else the PV's
`volumeAttributes.protocol`, else the class's `parameters.protocol`, else SMB, the Azure Files CSI driver's
default, recorded with the class (or PV) it was read from; an in-tree `azureFile` volume is SMB.
"""

from __future__ import annotations

import copy
import json
import shutil
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest
from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.io.importers import Imported, import_cluster
from aks_backup_model.errors import InvalidInput

SAMPLE = Path(__file__).resolve().parent / "data" / "every-volume-kind"
FILES = 2
"""Index of the Azure Files CSI volume `shop/uploads` among the sample's volumes."""
IN_TREE_FILES = 6


def folder(tmp_path: Path, **changes: Callable[[Any], Any] | None) -> Path:
    """A copy of the sample; `file_name=edit` (returning the new data) or `=None` (dropped); `_` is `-`."""
    target = tmp_path / "cluster"
    shutil.copytree(SAMPLE, target)
    for key, change in changes.items():
        path = target / (key.replace("_", "-") + ".json")
        if change is None:
            path.unlink()
        else:
            data = json.loads(path.read_text()) if path.exists() else None
            path.write_text(json.dumps(change(copy.deepcopy(data)), indent=2))
    return target


def imported(tmp_path: Path, **changes: Callable[[Any], Any] | None) -> Imported:
    return import_cluster(folder(tmp_path, **changes))


def answer(path: Path, *args: str) -> dict[str, Any]:
    result = CliRunner().invoke(app, ["check", "--from", str(path), "--format", "json", *args])
    document: dict[str, Any] = json.loads(result.stdout)
    document["exit"] = result.exit_code
    return document


def objects(kind: str) -> Callable[[dict[str, Any]], list[dict[str, Any]]]:
    def pick(data: dict[str, Any]) -> list[dict[str, Any]]:
        return [item for item in data["items"] if item["kind"] == kind]

    return pick


def files_pv(data: dict[str, Any]) -> dict[str, Any]:
    return next(pv for pv in objects("PersistentVolume")(data) if pv["spec"]["claimRef"]["name"] == "uploads")


def files_class(data: dict[str, Any]) -> dict[str, Any]:
    return next(sc for sc in objects("StorageClass")(data) if sc["metadata"]["name"] == "azurefile-csi")


def kube(change: Callable[[dict[str, Any]], None]) -> Callable[[Any], Any]:
    def edit(data: dict[str, Any]) -> dict[str, Any]:
        change(data)
        return data

    return edit


# --- the share's protocol ------------------------------------------------------------------------------


def test_the_share_says_its_protocol_and_the_import_says_where() -> None:
    result = import_cluster(SAMPLE)
    share = result.environment.cluster.volumes[FILES].share
    assert share is not None
    assert share.protocol == "SMB"
    source = result.provenance[f"cluster.volumes[{FILES}].share.protocol"]
    assert (Path(source.file).name, source.pointer) == ("file-share.json", "/enabledProtocols")


def test_without_azures_view_of_the_share_a_class_without_protocol_means_the_drivers_smb(
    tmp_path: Path,
) -> None:
    result = imported(tmp_path, file_share=None)
    assert result.environment.cluster.volumes[FILES].share.protocol == "SMB"  # type: ignore[union-attr]
    source = result.provenance[f"cluster.volumes[{FILES}].share.protocol"]
    assert Path(source.file).name == "kubectl.json"
    assert source.pointer.endswith("/parameters"), source  # the class's parameters, which name none


@pytest.mark.parametrize("written", ["nfs", "NFS", "smb"])
def test_the_pv_says_its_protocol(tmp_path: Path, written: str) -> None:
    def protocol(data: dict[str, Any]) -> None:
        files_pv(data)["spec"]["csi"]["volumeAttributes"]["protocol"] = written

    result = imported(tmp_path, file_share=None, kubectl=kube(protocol))
    assert result.environment.cluster.volumes[FILES].share.protocol == written.upper()  # type: ignore[union-attr]
    source = result.provenance[f"cluster.volumes[{FILES}].share.protocol"]
    assert source.pointer.endswith("/spec/csi/volumeAttributes/protocol"), source


def test_the_class_says_its_protocol_when_the_pv_does_not(tmp_path: Path) -> None:
    def protocol(data: dict[str, Any]) -> None:
        files_class(data)["parameters"]["protocol"] = "nfs"

    result = imported(tmp_path, file_share=None, kubectl=kube(protocol))
    assert result.environment.cluster.volumes[FILES].share.protocol == "NFS"  # type: ignore[union-attr]
    assert result.provenance[f"cluster.volumes[{FILES}].share.protocol"].pointer.endswith(
        "/parameters/protocol"
    )


def test_a_static_pv_without_class_or_protocol_mounts_over_smb(tmp_path: Path) -> None:
    def static(data: dict[str, Any]) -> None:
        pv = files_pv(data)
        pv["spec"].pop("storageClassName")
        pv["metadata"]["annotations"] = {}
        pv["spec"]["csi"]["volumeAttributes"] = {
            "storageAccount": "f0a1b2c3d4e5f6a7b8c9d0e1",
            "shareName": "legacy",
        }
        claim = next(c for c in objects("PersistentVolumeClaim")(data) if c["metadata"]["name"] == "uploads")
        claim["spec"]["storageClassName"] = ""

    result = imported(tmp_path, file_share=None, kubectl=kube(static))
    volume = result.environment.cluster.volumes[FILES]
    assert volume.share is not None and volume.share.protocol == "SMB"
    assert result.provenance[f"cluster.volumes[{FILES}].share.protocol"].pointer.endswith("/spec/csi")


def test_the_shares_enabled_protocols_win_over_what_the_volume_says(tmp_path: Path) -> None:
    def nfs(data: dict[str, Any]) -> dict[str, Any]:
        data["enabledProtocols"] = "NFS"
        return data

    document = answer(folder(tmp_path, file_share=nfs))
    plan = {v["claim"]: (v["destination"], v["statement"]) for v in document["volumes"]}
    assert plan["shop/uploads"] == ("skipped", "SM-UNS-10")


def test_an_nfs_share_is_skipped_and_an_smb_share_backed_up_under_2026(tmp_path: Path) -> None:
    smb = answer(SAMPLE)
    assert {v["claim"]: v["destination"] for v in smb["volumes"]}["shop/uploads"] == "operational"

    def protocol(data: dict[str, Any]) -> None:
        files_pv(data)["spec"]["csi"]["volumeAttributes"]["protocol"] = "nfs"

    nfs = answer(folder(tmp_path, file_share=None, kubectl=kube(protocol)))
    assert {v["claim"]: v["statement"] for v in nfs["volumes"]}["shop/uploads"] == "SM-UNS-10"
    assert "SM-UNS-10" in {f["statement"] for f in nfs["findings"] if f["effect"] == "skips"}


def test_a_protocol_the_driver_does_not_know_is_located(tmp_path: Path) -> None:
    def cifs(data: dict[str, Any]) -> None:
        files_pv(data)["spec"]["csi"]["volumeAttributes"]["protocol"] = "cifs"

    with pytest.raises(InvalidInput) as caught:
        imported(tmp_path, file_share=None, kubectl=kube(cifs))
    (where, value, expected), *_ = caught.value.problems
    assert where.endswith("/spec/csi/volumeAttributes/protocol")
    assert value == "'cifs'" or "cifs" in str(value)
    assert "smb or nfs" in expected


def test_an_in_tree_azure_file_volume_is_smb_with_its_key_in_a_secret() -> None:
    result = import_cluster(SAMPLE)
    share = result.environment.cluster.volumes[IN_TREE_FILES].share
    assert share is not None and (share.protocol, share.key_in_secret) == ("SMB", True)
    assert result.provenance[f"cluster.volumes[{IN_TREE_FILES}].share.protocol"].pointer.endswith(
        "/spec/azureFile"
    )


# --- the share's account, file count and secret; the driver ---------------------------------------------


def test_the_shares_account_and_file_count_come_from_azure() -> None:
    result = import_cluster(SAMPLE)
    share = result.environment.cluster.volumes[FILES].share
    assert share is not None
    account = share.storage_account
    assert (account.name, account.public_network_access, account.default_action, account.private_endpoints) == (
        "f0a1b2c3d4e5f6a7b8c9d0e1", "Enabled", "Allow", 0,
    )  # fmt: skip
    assert share.file_count == 1204  # the latest data point
    source = result.provenance[f"cluster.volumes[{FILES}].share.file_count"]
    assert Path(source.file).name == "file-count.json" and source.pointer.endswith("/data/1/average")
    assert (account.locks, account.cluster_roles) == (None, None)  # no artifact says them


def test_a_private_share_account_is_skipped_by_sm_uns_12(tmp_path: Path) -> None:
    def private(data: dict[str, Any]) -> dict[str, Any]:
        data["publicNetworkAccess"] = "Disabled"
        return data

    document = answer(folder(tmp_path, files_storage_account=private))
    assert {v["claim"]: v["statement"] for v in document["volumes"]}["shop/uploads"] == "SM-UNS-12"


def test_without_the_shares_account_sm_uns_12_cannot_tell(tmp_path: Path) -> None:
    document = answer(folder(tmp_path, files_storage_account=None))
    assert (document["status"], document["exit"]) == ("unknown", 5)
    assert f"cluster.volumes[{FILES}].share.storage_account.public_network_access" in {
        m["field"] for m in document["missing"]
    }
    assert not any(m["field"].endswith("share.protocol") for m in document["missing"])


def test_a_file_count_of_the_whole_file_service_is_not_a_shares_count(tmp_path: Path) -> None:
    def whole(data: dict[str, Any]) -> dict[str, Any]:
        for series in data["value"][0]["timeseries"]:
            series.pop("metadatavalues")
        return data

    result = imported(tmp_path, file_count=whole)
    assert result.environment.cluster.volumes[FILES].share.file_count is None  # type: ignore[union-attr]
    assert any("whole file service" in note for note in result.notes)


def test_a_share_over_25000_files_is_not_covered(tmp_path: Path) -> None:
    def many(data: dict[str, Any]) -> dict[str, Any]:
        data["value"][0]["timeseries"][0]["data"][-1]["average"] = 25001.0
        return data

    document = answer(folder(tmp_path, file_count=many))
    assert document["status"] == "not_covered"
    assert "SM-UNS-11" in {f["statement"] for f in document["findings"]}


def test_a_secret_the_pv_names_means_the_key_is_in_a_secret(tmp_path: Path) -> None:
    def secret(data: dict[str, Any]) -> None:
        files_pv(data)["spec"]["csi"]["nodeStageSecretRef"] = {"name": "azure-secret", "namespace": "shop"}

    before = import_cluster(SAMPLE).environment.cluster.volumes[FILES].share
    assert before is not None and before.key_in_secret is None  # nothing says: unknown
    result = imported(tmp_path, kubectl=kube(secret))
    assert result.environment.cluster.volumes[FILES].share.key_in_secret is True  # type: ignore[union-attr]
    assert result.provenance[f"cluster.volumes[{FILES}].share.key_in_secret"].pointer.endswith(
        "/nodeStageSecretRef"
    )


def test_the_files_csi_driver_version_is_the_oldest_image_running(tmp_path: Path) -> None:
    assert import_cluster(SAMPLE).environment.cluster.storage_profile.file_csi_driver_version == "1.32.5"

    def two(data: dict[str, Any]) -> None:
        node = next(p for p in objects("Pod")(data) if p["metadata"]["name"].startswith("csi-azurefile-node"))
        older = copy.deepcopy(node)
        older["metadata"]["name"] = "csi-azurefile-node-old"
        older["spec"]["containers"][0]["image"] = (
            "mcr.microsoft.com/oss/v2/kubernetes-csi/azurefile-csi:v1.31.9"
        )
        data["items"].append(older)

    document = answer(folder(tmp_path, kubectl=kube(two)))
    assert document["status"] == "unsupported"
    assert "SM-SUP-30" in {f["statement"] for f in document["findings"] if f["effect"] == "blocks"}


def test_without_the_drivers_pod_sm_sup_30_cannot_tell(tmp_path: Path) -> None:
    def drop(data: dict[str, Any]) -> None:
        data["items"] = [
            i for i in data["items"] if not i["metadata"]["name"].startswith("csi-azurefile-node")
        ]

    document = answer(folder(tmp_path, kubectl=kube(drop)))
    assert document["status"] == "unknown"
    assert "cluster.storage_profile.file_csi_driver_version" in {m["field"] for m in document["missing"]}


# --- reclaim policy and disks --------------------------------------------------------------------------


def test_the_reclaim_policy_is_the_pvs() -> None:
    result = import_cluster(SAMPLE)
    volumes = result.environment.cluster.volumes
    assert volumes[FILES].reclaim_policy == "Delete"
    assert volumes[5].reclaim_policy == "Retain"  # the static disk
    assert result.provenance[f"cluster.volumes[{FILES}].reclaim_policy"].pointer.endswith(
        "/spec/persistentVolumeReclaimPolicy"
    )


def test_a_disk_encryption_set_and_entra_id_access_come_from_the_disk_or_its_class(tmp_path: Path) -> None:
    volumes = import_cluster(SAMPLE).environment.cluster.volumes
    # a class without diskEncryptionSetID: the driver's platform key, no Entra ID data access
    assert (volumes[0].encryption_type, volumes[0].data_access_auth_mode) == (
        "EncryptionAtRestWithPlatformKey",
        "None",
    )
    # the static disk: `az disk show` says so
    assert volumes[5].encryption_type == "EncryptionAtRestWithPlatformKey"

    def des(data: dict[str, Any]) -> None:
        premium = next(
            sc for sc in objects("StorageClass")(data) if sc["metadata"]["name"] == "managed-csi-premium"
        )
        premium["parameters"]["diskEncryptionSetID"] = (
            "/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/diskEncryptionSets/des"
        )

    result = imported(tmp_path, kubectl=kube(des))
    assert result.environment.cluster.volumes[0].encryption_type == "EncryptionAtRestWithCustomerKey"

    def entra(data: list[dict[str, Any]]) -> list[dict[str, Any]]:
        data[0]["dataAccessAuthMode"] = "AzureActiveDirectory"
        data[0]["encryption"] = {
            "type": "EncryptionAtRestWithPlatformAndCustomerKeys",
            "diskEncryptionSetId": "x",
        }
        return data

    static = imported(tmp_path / "b", disks=entra).environment.cluster.volumes[5]
    assert (static.data_access_auth_mode, static.encryption_type) == (
        "AzureActiveDirectory", "EncryptionAtRestWithPlatformAndCustomerKeys",
    )  # fmt: skip


def test_a_disk_encryption_set_keeps_a_disk_out_of_the_vault_tier_under_2026(tmp_path: Path) -> None:
    def des(data: dict[str, Any]) -> None:
        premium = next(
            sc for sc in objects("StorageClass")(data) if sc["metadata"]["name"] == "managed-csi-premium"
        )
        premium["parameters"]["diskEncryptionSetID"] = (
            "/subscriptions/x/resourceGroups/y/providers/Microsoft.Compute/diskEncryptionSets/des"
        )

    path = folder(tmp_path, kubectl=kube(des))
    plan_2026 = {v["claim"]: v["destination"] for v in answer(path)["volumes"]}
    plan_2025 = {v["claim"]: v["destination"] for v in answer(path, "--edition", "2025-06-10")["volumes"]}
    assert (plan_2026["shop/orders-db"], plan_2025["shop/orders-db"]) == ("operational", "operational+vault")
