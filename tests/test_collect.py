"""`collect`: only read-only commands, their JSON in a folder that `check --from` reads, clear errors.

`az` and `kubectl` are fakes written into a temporary folder that is the whole PATH: they answer from
a sample of `tests/data/`, log every command line they get, and can play a missing login, a missing
cluster or refused credentials.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner, Result

from aks_backup_conformance.cli import app
from aks_backup_conformance.collect import COMMANDS, KUBECTL_RESOURCES, READ_ONLY_VERBS, verb
from aks_backup_conformance.io.importers import import_cluster

DATA = Path(__file__).resolve().parent / "data"

FAKE = r"""#!{python}
import json, os, sys
from pathlib import Path

tool = Path(sys.argv[0]).name
args = sys.argv[1:]
data = Path(os.environ["FAKE_DATA"])
mode = os.environ.get("FAKE_MODE", "ok")
with open(os.environ["FAKE_LOG"], "a") as log:
    log.write(json.dumps([tool, *args]) + "\n")

def answer(name, scope=None):
    path = data / name
    if not path.exists():
        sys.stderr.write("ERROR: (ResourceNotFound) The resource was not found.\n")
        sys.exit(3)
    value = json.loads(path.read_text())
    if scope is not None:
        value = [item for item in value if item["scope"].lower() == scope.lower()]
    print(json.dumps(value))
    sys.exit(0)

if tool == "kubectl":
    if mode == "kubectl-unauthorized":
        sys.stderr.write("error: You must be logged in to the server (Unauthorized)\n")
        sys.exit(1)
    answer("kubectl.json")
words = " ".join(a for a in args if not a.startswith("-"))
if args[:2] == ["account", "show"]:
    if mode == "not-logged-in":
        sys.stderr.write("ERROR: Please run 'az login' to setup account.\n")
        sys.exit(1)
    print(json.dumps({"id": "11111111-2222-3333-4444-555555555555", "state": "Enabled"}))
    sys.exit(0)
if args[:1] == ["version"]:
    answer("az-version.json")
if args[:2] == ["aks", "show"]:
    if mode == "no-cluster":
        sys.stderr.write("ERROR: (ResourceNotFound) The Resource 'Microsoft.ContainerService/managedClusters/aks-x' under resource group 'rg-x' was not found.\n")
        sys.exit(3)
    answer("aks-show.json")
if args[:3] == ["storage", "account", "show"] and "--ids" in args:
    answer("files-storage-account.json")  # the Azure Files shares' account (every-volume-kind)
table = {
    ("storage", "share-rm", "show"): "file-share.json",
    ("monitor", "metrics", "list"): "file-count.json",
    ("aks", "nodepool", "list"): "nodepools.json",
    ("k8s-extension", "list"): "extensions.json",
    ("storage", "account", "show"): "storage-account.json",
    ("disk", "show"): "disks.json",
    ("dataprotection", "backup-instance", "list-from-resourcegraph"): "backup-instances.json",
    ("dataprotection", "backup-vault", "show"): "backup-vault.json",
    ("dataprotection", "backup-policy", "list"): "backup-policies.json",
    ("dataprotection", "backup-instance", "list"): "backup-instances.json",
}
for words, name in table.items():
    if tuple(args[: len(words)]) == words:
        answer(name)
if args[:3] == ["role", "assignment", "list"]:
    answer("role-assignments.json", scope=args[args.index("--scope") + 1])
sys.stderr.write("ERROR: fake az does not know " + " ".join(args) + "\n")
sys.exit(2)
"""


@pytest.fixture
def fakes(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A PATH of fake `az` and `kubectl` answering from the supported sample; returns the log file."""
    bin_dir = tmp_path / "bin"
    bin_dir.mkdir()
    for tool in ("az", "kubectl"):
        script = bin_dir / tool
        script.write_text(FAKE.replace("{python}", sys.executable))
        script.chmod(0o755)
    log = tmp_path / "calls.jsonl"
    log.touch()
    monkeypatch.setenv("PATH", str(bin_dir))
    monkeypatch.setenv("FAKE_DATA", str(DATA / "supported"))
    monkeypatch.setenv("FAKE_LOG", str(log))
    monkeypatch.setenv("FAKE_MODE", "ok")
    return log


def collect(out: Path, *extra: str) -> Result:
    return CliRunner().invoke(
        app,
        [
            "collect",
            "--cluster",
            "aks-shop-weu",
            "--resource-group",
            "rg-shop-weu",
            "--out",
            str(out),
            *extra,
        ],
    )


def calls(log: Path) -> list[list[str]]:
    return [json.loads(line) for line in log.read_text().splitlines()]


WRITING_WORDS = {
    "create",
    "update",
    "delete",
    "set",
    "apply",
    "patch",
    "install",
    "add",
    "remove",
    "get-credentials",
}


@pytest.mark.parametrize("command", COMMANDS, ids=lambda c: c.file)
def test_every_command_only_reads(command: object) -> None:
    from aks_backup_conformance.collect import Command

    assert isinstance(command, Command)
    assert command.tool in READ_ONLY_VERBS
    assert verb(command) in READ_ONLY_VERBS[command.tool]
    assert not WRITING_WORDS & set(command.argv)


def test_collect_writes_what_check_from_reads(tmp_path: Path, fakes: Path) -> None:
    out = tmp_path / "out"
    result = collect(out)
    assert result.exit_code == 0, result.output
    written = sorted(p.name for p in out.iterdir())
    assert written == sorted(
        [
            "aks-show.json", "az-version.json", "backup-instances.json", "backup-policies.json",
            "backup-vault.json", "collect.json", "extensions.json", "kubectl.json", "role-assignments.json",
            "storage-account.json",
        ]
    )  # fmt: skip
    # No disks.json: the fake answers `az disk show` with "not found" for the sample's dynamic disks.
    manifest = json.loads((out / "collect.json").read_text())
    assert any(entry["file"] == "disks.json" and "error" in entry for entry in manifest["files"])
    assert "disks.json" in result.output  # named among the warnings
    shutil.copy(DATA / "supported" / "stated.yaml", out)  # what no command shows, stated by the owner
    collected = import_cluster(out).environment
    assert collected == import_cluster(DATA / "supported").environment
    check = CliRunner().invoke(app, ["check", "--from", str(out)])
    assert check.exit_code == 0, check.output


def test_collect_runs_only_the_listed_read_only_commands(tmp_path: Path, fakes: Path) -> None:
    collect(tmp_path / "out")
    made = calls(fakes)
    assert made, "no command ran"
    for argv in made:
        listed = [c for c in COMMANDS if c.tool == argv[0] and all(w in argv for w in c.argv if "{" not in w)]
        assert listed, f"not a listed command: {argv}"
        assert not WRITING_WORDS & set(argv)
    assert made[[a[0] for a in made].index("kubectl")][:2] == ["kubectl", "get"]
    role_calls = [a for a in made if a[1:4] == ["role", "assignment", "list"]]
    scopes = {a[a.index("--scope") + 1].lower() for a in role_calls}
    assert len(scopes) == 3  # the cluster, the storage account and the snapshot resource group


def test_the_vault_can_be_named(tmp_path: Path, fakes: Path) -> None:
    result = collect(tmp_path / "out", "--vault", "bv-shop-weu", "--vault-resource-group", "rg-shop-backup")
    assert result.exit_code == 0, result.output
    assert not any("list-from-resourcegraph" in argv for argv in calls(fakes))


@pytest.mark.parametrize(
    ("mode", "message"),
    [
        ("not-logged-in", "az is not logged in: run `az login` first"),
        ("no-cluster", "`az aks show --resource-group rg-shop-weu --name aks-shop-weu"),
        ("kubectl-unauthorized", "az aks get-credentials"),
    ],
)
def test_clear_errors_exit_2(
    tmp_path: Path, fakes: Path, monkeypatch: pytest.MonkeyPatch, mode: str, message: str
) -> None:
    monkeypatch.setenv("FAKE_MODE", mode)
    result = collect(tmp_path / "out")
    assert result.exit_code == 2
    assert message in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize("missing", ["az", "kubectl"])
def test_a_missing_tool_is_a_clear_error(tmp_path: Path, fakes: Path, missing: str) -> None:
    (Path(os.environ["PATH"]) / missing).unlink()
    result = collect(tmp_path / "out")
    assert result.exit_code == 2
    assert f"{missing} was not found on PATH" in result.output


def test_a_failing_optional_command_leaves_its_facts_unknown(
    tmp_path: Path, fakes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA / "supported", data)
    (data / "backup-vault.json").unlink()
    monkeypatch.setenv("FAKE_DATA", str(data))
    out = tmp_path / "out"
    result = collect(out)
    assert result.exit_code == 0
    assert "backup-vault.json" in result.output and "stay unknown" in result.output
    assert not (out / "backup-vault.json").exists()
    assert "vault.redundancy" not in import_cluster(out).provenance


def test_the_kubectl_context_can_be_named(tmp_path: Path, fakes: Path) -> None:
    assert collect(tmp_path / "out", "--context", "aks-shop-admin").exit_code == 0
    kubectl = [argv for argv in calls(fakes) if argv[0] == "kubectl"]
    assert kubectl == [
        ["kubectl", "get", KUBECTL_RESOURCES, "--all-namespaces", "-o", "json", "--context", "aks-shop-admin"]
    ]


def test_collect_reads_the_azure_files_shares(
    tmp_path: Path, fakes: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """For the Azure Files CSI volume of every-volume-kind: its account and share (ids built from the PV's
    volume handle in the cluster's subscription) and its file service's FileCount, read as the sample reads."""
    sample = DATA / "every-volume-kind"
    monkeypatch.setenv("FAKE_DATA", str(sample))
    out = tmp_path / "out"
    result = collect(out)
    assert result.exit_code == 0, result.output
    assert {"files-storage-accounts.json", "file-shares.json", "file-counts.json"} <= {
        p.name for p in out.iterdir()
    }
    account = json.loads((sample / "files-storage-account.json").read_text())["id"]
    share = json.loads((sample / "file-share.json").read_text())["id"]
    made = calls(fakes)
    assert any(a[:6] == ["az", "storage", "account", "show", "--ids", account] for a in made)
    assert any(a[:6] == ["az", "storage", "share-rm", "show", "--ids", share] for a in made)
    metrics = [a for a in made if a[1:4] == ["monitor", "metrics", "list"]]
    assert [a[a.index("--resource") + 1] for a in metrics] == [f"{account}/fileServices/default"]
    assert "FileShare eq '*'" in metrics[0]
    for name in ("stated.yaml", "disks.json"):
        shutil.copy(sample / name, out)
    collected = import_cluster(out).environment.cluster.volumes
    expected = import_cluster(sample).environment.cluster.volumes
    files = [i for i, v in enumerate(expected) if v.driver == "file.csi.azure.com"]
    assert files and all(collected[i].share == expected[i].share for i in files)
    assert collected[files[0]].share is not None and collected[files[0]].share.file_count == 1204


def test_a_cluster_without_azure_files_volumes_asks_nothing_about_shares(tmp_path: Path, fakes: Path) -> None:
    collect(tmp_path / "out")
    assert not any(a[1:3] in (["storage", "share-rm"], ["monitor", "metrics"]) for a in calls(fakes))
    manifest = json.loads((tmp_path / "out" / "collect.json").read_text())
    skipped = {e["file"] for e in manifest["files"] if "skipped" in e}
    assert {"files-storage-accounts.json", "file-shares.json", "file-counts.json"} <= skipped
