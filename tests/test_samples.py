"""`check --from tests/data/<sample>` gives each sample's expected answer, and the samples as a fleet.

Each folder of `tests/data/` holds one cluster's artifacts (az, ARM and kubectl JSON, written by us
in their real shapes; `tests/data/make_samples.py` writes them). Beside it, `<sample>.expected.yaml`
states the status, the exit code and the statements behind the answer (every finding that is more
than information) under the default edition, and the operation asked when it is not configure_backup;
`editions:` maps another edition to its answer where that edition answers otherwise (each is checked
with `--edition`).
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.io.importers import import_cluster
from aks_backup_model.editions import DEFAULT_EDITION, EDITIONS

DATA = Path(__file__).resolve().parent / "data"
SAMPLES = sorted(p.name.removesuffix(".expected.yaml") for p in DATA.glob("*.expected.yaml"))


def expected(sample: str) -> dict[str, Any]:
    data = yaml.safe_load((DATA / f"{sample}.expected.yaml").read_text())
    assert isinstance(data, dict)
    return data


def check(*args: str) -> tuple[int, dict[str, Any]]:
    result = CliRunner().invoke(app, ["check", *args, "--format", "json"])
    return result.exit_code, json.loads(result.stdout)


def test_there_are_at_least_eight_samples_each_a_folder_with_its_answer() -> None:
    assert len(SAMPLES) >= 8
    for sample in SAMPLES:
        assert (DATA / sample).is_dir(), sample


def _answers() -> list[tuple[str, str | None]]:
    """(sample, edition) of every expected answer: None is the default edition."""
    return [(s, None) for s in SAMPLES] + [(s, e) for s in SAMPLES for e in expected(s).get("editions", {})]


@pytest.mark.parametrize(("sample", "edition"), _answers())
def test_check_from_a_sample_gives_its_expected_answer(sample: str, edition: str | None) -> None:
    answer = expected(sample)
    args = ["--from", str(DATA / sample)]
    if "operation" in answer:
        args += ["--operation", answer["operation"]]
    if edition is not None:
        args += ["--edition", edition]
        answer = answer["editions"][edition]
    code, document = check(*args)
    deciding = {f["statement"] for f in document["findings"] if f["effect"] != "informs"}
    assert document["edition"] == (edition or DEFAULT_EDITION)
    assert (document["status"], code, sorted(deciding)) == (
        answer["status"],
        answer["exit_code"],
        sorted(answer["statements"]),
    )


def test_the_editions_answer_a_sample_differently_only_where_its_expected_file_says() -> None:
    """A sample without an answer for an edition answers as under the default edition."""
    for sample in SAMPLES:
        answer = expected(sample)
        if "operation" in answer:
            continue
        default = check("--from", str(DATA / sample))
        for edition in EDITIONS:
            if edition == DEFAULT_EDITION or edition in answer.get("editions", {}):
                continue
            code, document = check("--from", str(DATA / sample), "--edition", edition)
            assert (document["status"], code) == (default[1]["status"], default[0]), (sample, edition)


def test_the_samples_folder_is_a_fleet_worst_first() -> None:
    code, document = check("--from", str(DATA))
    rows = document["fleet"]
    assert sorted(Path(row["source"]).name for row in rows) == SAMPLES
    order = [2, 3, 5, 4, 0]
    ranks = [order.index(row["exit_code"]) for row in rows]
    assert ranks == sorted(ranks)
    assert code == rows[0]["exit_code"] == min((expected(s)["exit_code"] for s in SAMPLES), key=order.index)
    for row in rows:
        answer = expected(Path(row["source"]).name)
        if "operation" not in answer:
            assert (row["status"], row["exit_code"]) == (answer["status"], answer["exit_code"])


def test_several_from_folders_are_one_fleet() -> None:
    code, document = check("--from", str(DATA / "supported"), "--from", str(DATA / "service-principal"))
    assert [Path(row["source"]).name for row in document["fleet"]] == ["service-principal", "supported"]
    assert code == 3


def test_windows_and_arm64_pools_are_read_from_pools_and_node_labels() -> None:
    env = import_cluster(DATA / "windows-arm64").environment
    pools = {pool.name: (pool.mode, pool.os_sku, pool.arch) for pool in env.cluster.node_pools}
    assert pools == {
        "system": ("System", "Ubuntu", "x86_64"),
        "win22": ("User", "Windows2022", "x86_64"),
        "arm64": ("User", "AzureLinux", "arm64"),
    }
    assert env.extension.node_pool == "system"
    assert env.cluster.autoscaler_enabled is True


def test_every_volume_kind_is_imported_as_what_it_is() -> None:
    imported = import_cluster(DATA / "every-volume-kind")
    volumes = {
        v.claim: (v.driver, v.sku, v.provisioning, v.storage_class, v.size_gib)
        for v in imported.environment.cluster.volumes
    }
    assert volumes == {
        "shop/orders-db": ("disk.csi.azure.com", "Premium_LRS", "dynamic", "managed-csi-premium", 64),
        "shop/search-index": (
            "disk.csi.azure.com",
            "PremiumV2_LRS",
            "dynamic",
            "managed-csi-premium-v2",
            256,
        ),
        "shop/uploads": ("file.csi.azure.com", None, "dynamic", "azurefile-csi", 100),
        "shop/media": ("blob.csi.azure.com", None, "dynamic", "azureblob-fuse-premium", 50),
        "payments/ledger-intree": (
            "kubernetes.io/azure-disk",
            "Premium_LRS",
            "dynamic",
            "managed-premium-intree",
            32,
        ),
        "payments/reports-static": ("disk.csi.azure.com", "Standard_LRS", "static", "", 20),
        "payments/scratch": ("kubernetes.io/azure-disk", None, None, None, None),
        "shop/shared-files-intree": ("kubernetes.io/azure-file", None, "dynamic", "azurefile-intree", 10),
    }
    # The static volume's SKU and size come from `az disk show`, and say so.
    static = [v.claim for v in imported.environment.cluster.volumes].index("payments/reports-static")
    source = imported.provenance[f"cluster.volumes[{static}].sku"]
    assert (Path(source.file).name, source.pointer) == ("disks.json", "/0/sku/name")
    assert (
        source.line is not None
        and '"name": "Standard_LRS"' in Path(source.file).read_text().splitlines()[source.line - 1]
    )
    inline = next(v for v in imported.environment.cluster.volumes if v.claim == "payments/scratch")
    assert inline.pod == "legacy-batch-5c4d3b2a1-zyxwv"


def test_sarif_of_a_fleet_locates_each_finding_in_its_artifact() -> None:
    from tests.test_reports import validate_sarif

    folders = ["--from", str(DATA / "service-principal"), "--from", str(DATA / "every-volume-kind")]
    # Judged by 2025-06-10, which has SM-UNS-01 (retired in 2026-01-06).
    result = CliRunner().invoke(app, ["check", *folders, "--format", "sarif", "--edition", "2025-06-10"])
    assert result.exit_code == 3
    document = json.loads(result.stdout)
    validate_sarif(document)
    assert len(document["runs"]) == 2
    located = {
        (r["ruleId"], Path(r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]).name)
        for run in document["runs"]
        for r in run["results"]
        if r["level"] != "note"
    }
    assert ("SM-SUP-05", "aks-show.json") in located  # the identity, read from az aks show
    assert ("SM-UNS-01", "kubectl.json") in located  # the Premium SSD v2 volume, read from its PV
    lines = [
        r["locations"][0]["physicalLocation"]["region"]["startLine"]
        for run in document["runs"]
        for r in run["results"]
        if r["ruleId"] == "SM-SUP-05"
    ]
    text = (DATA / "service-principal" / "aks-show.json").read_text().splitlines()
    assert '"clientId": "0a0b0c0d-1111-4222-8333-444455556666"' in text[lines[0] - 1]  # not "msi"
