"""`collect`: run read-only `az` and `kubectl` commands for one cluster and keep their JSON in a folder.

Every command this tool may run is in `COMMANDS`, in the order it runs; each only reads (`show`,
`list`, `get`, `version`: `tests/test_collect.py` holds every one to that). Later commands take
values from earlier answers (the storage account named by the extension, the vault found by the
cluster's backup instance, the disks behind the PVs). A command whose answer the check cannot do
without (`az account show`, `az aks show`, `kubectl get`) stops the collection with a clear error;
any other that fails is recorded in `collect.json` and left out, so what it would have said stays
unknown. The folder is what `check --from` reads.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
import subprocess
from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from .io.importers.documents import COLLECTION_MARK, Kind

__all__ = ["COMMANDS", "Collection", "CollectError", "Command", "collect", "commands_for"]

TIMEOUT_SECONDS = 300
"""The longest one command may take (a large cluster's `kubectl get` included)."""

KUBECTL_RESOURCES = (
    "namespaces,nodes,storageclasses,persistentvolumes,persistentvolumeclaims,pods,deployments"
)


class CollectError(Exception):
    """A collection that cannot go on: a tool missing, not logged in, or an essential command failed."""


@dataclass(frozen=True)
class Command:
    """One read-only command, its argument template and the file its JSON answer is kept in."""

    file: str
    """The file written (`aks-show.json`); also the key under which later commands find the answer."""
    argv: tuple[str, ...]
    """Words of the command; `{name}` is filled from the values known so far."""
    artifact: Kind | None
    """What the answer is (written into `collect.json`, which tells `check` what an empty answer was)."""
    essential: bool = False
    """Its failure stops the collection (exit 2)."""
    repeat: str | None = None
    """A value that is a list: the command runs once per item (`{repeat}` in argv), answers merged."""
    keep: bool = True
    """Whether the answer is written to the folder (`az account show` is only asked to check the login)."""
    unless: str | None = None
    """A value that, when already known, makes the command needless (the vault, when it is named)."""

    @property
    def tool(self) -> str:
        return self.argv[0]

    def placeholders(self) -> set[str]:
        import string

        return {name for word in self.argv for _, name, _, _ in string.Formatter().parse(word) if name}


_AZ_JSON = ("--only-show-errors", "-o", "json")

COMMANDS: tuple[Command, ...] = (
    Command("account.json", ("az", "account", "show", *_AZ_JSON), None, essential=True, keep=False),
    Command("az-version.json", ("az", "version", "-o", "json"), Kind.AZ_VERSION),
    Command(
        "aks-show.json",
        ("az", "aks", "show", "--resource-group", "{group}", "--name", "{cluster}", *_AZ_JSON),
        Kind.MANAGED_CLUSTER,
        essential=True,
    ),
    Command(
        "nodepools.json",
        (
            "az",
            "aks",
            "nodepool",
            "list",
            "--resource-group",
            "{group}",
            "--cluster-name",
            "{cluster}",
            *_AZ_JSON,
        ),
        Kind.AGENT_POOLS,
    ),
    Command(
        "extensions.json",
        (
            "az",
            "k8s-extension",
            "list",
            "--resource-group",
            "{group}",
            "--cluster-name",
            "{cluster}",
            "--cluster-type",
            "managedClusters",
            *_AZ_JSON,
        ),
        Kind.EXTENSIONS,
    ),
    Command(
        "kubectl.json",
        ("kubectl", "get", KUBECTL_RESOURCES, "--all-namespaces", "-o", "json", "{context_option}"),
        Kind.KUBERNETES,
        essential=True,
    ),
    Command(
        "storage-account.json",
        (
            "az",
            "storage",
            "account",
            "show",
            "--resource-group",
            "{storage_group}",
            "--name",
            "{storage_account}",
            *_AZ_JSON,
        ),
        Kind.STORAGE_ACCOUNT,
    ),
    Command("disks.json", ("az", "disk", "show", "--ids", "{disk_ids}", *_AZ_JSON), Kind.DISKS),
    # The Azure file shares behind Azure Files volumes (edition 2026-01-06): their storage accounts, the
    # shares themselves (enabledProtocols) and their file counts (the FileCount metric, per share).
    Command(
        "files-storage-accounts.json",
        ("az", "storage", "account", "show", "--ids", "{files_account_ids}", *_AZ_JSON),
        Kind.STORAGE_ACCOUNT,
    ),
    Command(
        "file-shares.json",
        ("az", "storage", "share-rm", "show", "--ids", "{files_share_ids}", *_AZ_JSON),
        Kind.FILE_SHARES,
    ),
    Command(
        "file-counts.json",
        (
            "az",
            "monitor",
            "metrics",
            "list",
            "--resource",
            "{repeat}",
            "--metric",
            "FileCount",
            "--filter",
            "FileShare eq '*'",
            "--interval",
            "PT1H",
            *_AZ_JSON,
        ),
        Kind.METRICS,
        repeat="files_services",
    ),
    Command(
        "cluster-backup-instances.json",
        (
            "az",
            "dataprotection",
            "backup-instance",
            "list-from-resourcegraph",
            "--datasource-type",
            "AzureKubernetesService",
            "--datasource-id",
            "{cluster_id}",
            *_AZ_JSON,
        ),
        None,
        keep=False,
        unless="vault",
    ),
    Command(
        "backup-vault.json",
        (
            "az",
            "dataprotection",
            "backup-vault",
            "show",
            "--resource-group",
            "{vault_group}",
            "--vault-name",
            "{vault}",
            *_AZ_JSON,
        ),
        Kind.BACKUP_VAULT,
    ),
    Command(
        "backup-policies.json",
        (
            "az",
            "dataprotection",
            "backup-policy",
            "list",
            "--resource-group",
            "{vault_group}",
            "--vault-name",
            "{vault}",
            *_AZ_JSON,
        ),
        Kind.BACKUP_POLICIES,
    ),
    Command(
        "backup-instances.json",
        (
            "az",
            "dataprotection",
            "backup-instance",
            "list",
            "--resource-group",
            "{vault_group}",
            "--vault-name",
            "{vault}",
            *_AZ_JSON,
        ),
        Kind.BACKUP_INSTANCES,
    ),
    Command(
        "role-assignments.json",
        ("az", "role", "assignment", "list", "--scope", "{repeat}", "--include-inherited", *_AZ_JSON),
        Kind.ROLE_ASSIGNMENTS,
        repeat="role_scopes",
    ),
)
"""Every command `collect` may run, in order. Each only reads."""

READ_ONLY_VERBS = {"az": {"show", "list", "list-from-resourcegraph", "version"}, "kubectl": {"get"}}
"""The verbs allowed: the word that says what an `az` command does (its last word before the options), or
`kubectl`'s first."""


def verb(command: Command) -> str:
    """The word that says what the command does: `show` in `az aks show --name ...`, `get` in `kubectl get`."""
    words = [w for w in command.argv[1:] if not w.startswith("{")]
    if command.tool == "kubectl":
        return words[0]
    before_options = [
        w for w in words[: next((i for i, w in enumerate(words) if w.startswith("-")), len(words))]
    ]
    return before_options[-1]


@dataclass
class Collection:
    """What one collection did: the folder, and per command its outcome."""

    folder: Path
    entries: list[dict[str, Any]] = field(default_factory=list)

    @property
    def warnings(self) -> list[str]:
        return [f"{e['file']}: {e['error']}" for e in self.entries if e.get("error")]


Runner = Callable[[Sequence[str]], "subprocess.CompletedProcess[str]"]


def _run(argv: Sequence[str]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(list(argv), capture_output=True, text=True, timeout=TIMEOUT_SECONDS, check=False)


LIST_VALUES = frozenset({"disk_ids", "files_account_ids", "files_share_ids"})
"""Values that are lists of resource ids, each one word of the command (`--ids A B C`)."""


def commands_for(values: Mapping[str, Any], command: Command) -> list[list[str]] | None:
    """The argument lists to run for `command` with `values`; None when a value it needs is not known."""
    needed = command.placeholders()
    if any(
        values.get(name) in (None, "", []) for name in needed - {"repeat", "context_option", *LIST_VALUES}
    ):
        return None
    runs: list[list[str]] = []
    repeats: list[Any] = list(values.get(command.repeat) or []) if command.repeat else [None]
    if command.repeat and not repeats:
        return None
    for item in repeats:
        argv: list[str] = []
        for word in command.argv:
            if word == "{context_option}":
                if values.get("context"):
                    argv += ["--context", str(values["context"])]
            elif word.strip("{}") in LIST_VALUES and word.startswith("{"):
                ids = values.get(word.strip("{}")) or []
                if not ids:
                    return None
                argv += list(ids)
            elif word == "{repeat}":
                argv.append(str(item))
            else:
                argv.append(word.format(**{k: v for k, v in values.items() if isinstance(v, str)}))
        runs.append(argv)
    return runs


def collect(
    cluster: str,
    group: str,
    out: Path,
    *,
    context: str | None = None,
    vault: str | None = None,
    vault_group: str | None = None,
    run: Runner = _run,
    now: dt.datetime | None = None,
) -> Collection:
    """Run `COMMANDS` for the cluster `group`/`cluster` and write their answers into `out`.

    Raises:
        CollectError: `az` or `kubectl` is missing, not logged in, or an essential command failed.
    """
    for tool in ("az", "kubectl"):
        if shutil.which(tool) is None and run is _run:
            raise CollectError(_missing(tool))
    out.mkdir(parents=True, exist_ok=True)
    collection = Collection(out)
    values: dict[str, Any] = {"cluster": cluster, "group": group, "context": context}
    if vault:
        values.update(vault=vault, vault_group=vault_group or group)
    for command in COMMANDS:
        if command.unless and values.get(command.unless):
            continue
        runs = commands_for(values, command)
        if runs is None:
            collection.entries.append({"file": command.file, "skipped": "a value it needs is not known"})
            continue
        answers: list[Any] = []
        error: str | None = None
        for argv in runs:
            try:
                answers.append(_answer(command, argv, run))
            except CollectError as failure:
                if command.essential:
                    raise
                error = str(failure)
                break
        entry: dict[str, Any] = {"file": command.file, "command": runs[0] if len(runs) == 1 else runs}
        if command.artifact is not None:
            entry["artifact"] = command.artifact.value
        if error is not None:
            entry["error"] = error
            collection.entries.append(entry)
            continue
        answer: Any = (
            answers[0]
            if len(answers) == 1
            else [item for a in answers for item in (a if isinstance(a, list) else [a])]
        )
        _learn(command.file, answer, values)
        if command.keep:
            (out / command.file).write_text(
                json.dumps(answer, indent=2, ensure_ascii=False) + "\n", encoding="utf-8"
            )
        collection.entries.append(entry)
    manifest = {
        "kind": COLLECTION_MARK,
        "version": 1,
        "cluster": cluster,
        "resourceGroup": group,
        "collectedAt": (now or dt.datetime.now(dt.UTC)).isoformat(timespec="seconds"),
        "files": collection.entries,
    }
    (out / "collect.json").write_text(json.dumps(manifest, indent=2) + "\n", encoding="utf-8")
    return collection


def _missing(tool: str) -> str:
    where = {
        "az": "install the Azure CLI (https://learn.microsoft.com/cli/azure/install-azure-cli)",
        "kubectl": "install kubectl (`az aks install-cli`)",
    }[tool]
    return f"{tool} was not found on PATH; {where}"


def _answer(command: Command, argv: Sequence[str], run: Runner) -> Any:
    try:
        done = run(argv)
    except FileNotFoundError:
        raise CollectError(_missing(command.tool)) from None
    except subprocess.TimeoutExpired:
        raise CollectError(f"`{' '.join(argv)}` did not answer within {TIMEOUT_SECONDS} s") from None
    shown = " ".join(argv)
    if done.returncode != 0:
        message = (done.stderr or done.stdout or "").strip().splitlines()
        text = " ".join(message[-3:]) or f"exit status {done.returncode}"
        lowered = text.lower()
        if command.tool == "az" and ("az login" in lowered or "not logged in" in lowered):
            raise CollectError(f"az is not logged in: run `az login` first ({text})")
        if command.tool == "kubectl" and any(
            hint in lowered
            for hint in (
                "must be logged in",
                "unauthorized",
                "current-context",
                "no configuration has been provided",
            )
        ):
            raise CollectError(
                "kubectl cannot reach the cluster with its credentials: run "
                f"`az aks get-credentials --resource-group <group> --name <cluster>` first ({text})"
            )
        raise CollectError(f"`{shown}` failed (exit {done.returncode}): {text}")
    try:
        return json.loads(done.stdout) if done.stdout.strip() else None
    except json.JSONDecodeError as error:
        raise CollectError(
            f"`{shown}` did not answer with JSON ({error.msg} at line {error.lineno})"
        ) from None


def _get(data: Any, *keys: str) -> Any:
    for key in keys:
        if not isinstance(data, dict):
            return None
        lowered = {k.lower().replace("_", ""): v for k, v in data.items() if isinstance(k, str)}
        data = lowered.get(key.lower())
        if data is None:
            props = lowered.get("properties")
            data = props.get(key) if isinstance(props, dict) else None
    return data


def _learn(file: str, answer: Any, values: dict[str, Any]) -> None:
    """Take from an answer the values later commands need."""
    if file == "aks-show.json":
        values["cluster_id"] = _get(answer, "id")
        values["node_group"] = _get(answer, "nodeResourceGroup")
        principal = _get(answer, "identity", "principalId")
        values["cluster_principal"] = principal
    elif file == "extensions.json":
        for extension in answer if isinstance(answer, list) else [answer]:
            if str(_get(extension, "extensionType") or "").lower() != "microsoft.dataprotection.kubernetes":
                continue
            settings = _get(extension, "configurationSettings") or {}
            prefix = "configuration.backupStorageLocation.config."
            values["storage_account"] = settings.get(prefix + "storageAccount")
            values["storage_group"] = settings.get(prefix + "resourceGroup")
    elif file == "storage-account.json":
        values.setdefault("role_scopes", []).append(_get(answer, "id"))
    elif file == "kubectl.json":
        _learn_shares(answer, values)
        values["disk_ids"] = sorted(
            {
                handle
                for item in (_get(answer, "items") or [])
                if isinstance(item, dict) and item.get("kind") == "PersistentVolume"
                for handle in [_disk_of(item)]
                if handle
            }
        )
    elif file == "cluster-backup-instances.json" and not values.get("vault"):
        for instance in answer if isinstance(answer, list) else [answer]:
            identifier = str(_get(instance, "id") or "")
            parts = identifier.strip("/").split("/")
            lowered = [p.lower() for p in parts]
            if "backupvaults" in lowered and "resourcegroups" in lowered:
                values["vault"] = parts[lowered.index("backupvaults") + 1]
                values["vault_group"] = parts[lowered.index("resourcegroups") + 1]
                break
    elif file == "backup-instances.json":
        for instance in answer if isinstance(answer, list) else [answer]:
            source = str(_get(instance, "dataSourceInfo", "resourceID") or "").lower()
            if source and source == str(values.get("cluster_id") or "").lower():
                for store in (
                    _get(instance, "policyInfo", "policyParameters", "dataStoreParametersList") or []
                ):
                    group = _get(store, "resourceGroupId")
                    if group:
                        values.setdefault("role_scopes", []).insert(0, group)
    if file == "aks-show.json" and values.get("cluster_id"):
        values.setdefault("role_scopes", []).insert(0, values["cluster_id"])


def _learn_shares(listing: Any, values: dict[str, Any]) -> None:
    """The storage accounts, shares and file services of the Azure Files CSI volumes (their resource ids,
    in the cluster's subscription)."""
    subscription = _subscription(str(values.get("cluster_id") or ""))
    accounts: set[str] = set()
    shares: set[str] = set()
    for item in _get(listing, "items") or []:
        if not isinstance(item, dict) or item.get("kind") != "PersistentVolume":
            continue
        found = _share_of(item, values.get("node_group"))
        if found is None or subscription is None:
            continue
        group, account, share = found
        account_id = f"/subscriptions/{subscription}/resourceGroups/{group}/providers/Microsoft.Storage/storageAccounts/{account}"
        accounts.add(account_id)
        shares.add(f"{account_id}/fileServices/default/shares/{share}")
    values["files_account_ids"] = sorted(accounts)
    values["files_share_ids"] = sorted(shares)
    values["files_services"] = [f"{account}/fileServices/default" for account in sorted(accounts)]


def _subscription(resource_id: str) -> str | None:
    parts = resource_id.strip("/").split("/")
    lowered = [p.lower() for p in parts]
    return parts[lowered.index("subscriptions") + 1] if "subscriptions" in lowered[:-1] else None


def _share_of(pv: dict[str, Any], node_group: Any) -> tuple[str, str, str] | None:
    """(resource group, account, share) of an Azure Files CSI PV: its `volumeAttributes`, else its
    `volumeHandle` (`rg#account#share#...`); the node resource group when it names none."""
    csi = (pv.get("spec") or {}).get("csi") or {}
    if str(csi.get("driver", "")).lower() != "file.csi.azure.com":
        return None
    attributes = {str(k).lower(): v for k, v in (csi.get("volumeAttributes") or {}).items()}
    handle = str(csi.get("volumeHandle") or "").split("#")
    group = attributes.get("resourcegroup") or (handle[0] if len(handle) >= 3 else None) or node_group
    account = attributes.get("storageaccount") or (handle[1] if len(handle) >= 3 else None)
    share = attributes.get("sharename") or (handle[2] if len(handle) >= 3 else None)
    if not (isinstance(group, str) and isinstance(account, str) and isinstance(share, str)):
        return None
    return (group, account, share) if group and account and share else None


def _disk_of(pv: dict[str, Any]) -> str | None:
    spec = pv.get("spec") or {}
    csi = spec.get("csi") or {}
    if str(csi.get("driver", "")).lower() == "disk.csi.azure.com":
        handle = csi.get("volumeHandle")
        return (
            handle
            if isinstance(handle, str) and "/providers/microsoft.compute/disks/" in handle.lower()
            else None
        )
    disk = spec.get("azureDisk") or {}
    uri = disk.get("diskURI")
    return uri if isinstance(uri, str) else None
