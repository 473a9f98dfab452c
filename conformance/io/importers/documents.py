"""Artifacts as documents: read a file, tell what it is by its content, walk it with located errors.

A `Node` is a value inside one artifact together with the file it came from and its JSON pointer, so
every fact read from it can say where it came from (`Source`) and every wrong value can be reported
as file, pointer, value and what was expected. Keys are matched the way `az` and ARM spell them
alike: case-insensitively and ignoring `_` (`diskCSIDriver` = `diskCsiDriver` = `disk_csi_driver`),
and `prop()` looks both at the top level (the flattened `az` shape) and under `properties` (ARM).
"""

from __future__ import annotations

import enum
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, NoReturn

from aks_backup_model.environment import Environment
from aks_backup_model.errors import InvalidInput

from ..load import Limits, read_document, read_text
from ..problems import shown
from ..sources import Source, pointer_parts

__all__ = ["Artifact", "Kind", "Node", "classify", "read_artifact"]


class Kind(enum.StrEnum):
    """What an artifact is, as told by its content."""

    MANAGED_CLUSTER = "managed-cluster"
    """`az aks show` or ARM `managedClusters` GET."""
    AGENT_POOLS = "agent-pools"
    """`az aks nodepool list` (or one agent pool)."""
    EXTENSIONS = "extensions"
    """`az k8s-extension show` or `list`."""
    STORAGE_ACCOUNT = "storage-account"
    """`az storage account show`."""
    DISKS = "disks"
    """`az disk show` (one disk or several)."""
    BACKUP_VAULT = "backup-vault"
    """`az dataprotection backup-vault show`."""
    BACKUP_POLICIES = "backup-policies"
    """`az dataprotection backup-policy show` or `list`."""
    BACKUP_INSTANCES = "backup-instances"
    """`az dataprotection backup-instance show` or `list`."""
    FILE_SHARES = "file-shares"
    """`az storage share-rm show` or `list` (ARM `storageAccounts/fileServices/shares`)."""
    METRICS = "metrics"
    """`az monitor metrics list` (the FileCount of a storage account's file service)."""
    ROLE_ASSIGNMENTS = "role-assignments"
    """`az role assignment list`."""
    KUBERNETES = "kubernetes"
    """`kubectl get ... -o json`: a `List` or single objects."""
    AZ_VERSION = "az-version"
    """`az version`."""
    COLLECTION = "collection"
    """The `collect.json` manifest written by `aks-backup-conformance collect`."""
    ENVIRONMENT = "environment"
    """An environment file (the shape `check ENV_FILE` reads) stating what no artifact can say: the
    operation, the date, WORM, how backup is deployed, ..."""


ARM_TYPES: dict[str, Kind] = {
    "microsoft.containerservice/managedclusters": Kind.MANAGED_CLUSTER,
    "microsoft.containerservice/managedclusters/agentpools": Kind.AGENT_POOLS,
    "microsoft.kubernetesconfiguration/extensions": Kind.EXTENSIONS,
    "microsoft.storage/storageaccounts": Kind.STORAGE_ACCOUNT,
    "microsoft.compute/disks": Kind.DISKS,
    "microsoft.dataprotection/backupvaults": Kind.BACKUP_VAULT,
    "microsoft.dataprotection/backupvaults/backuppolicies": Kind.BACKUP_POLICIES,
    "microsoft.dataprotection/backupvaults/backupinstances": Kind.BACKUP_INSTANCES,
    "microsoft.authorization/roleassignments": Kind.ROLE_ASSIGNMENTS,
    "microsoft.storage/storageaccounts/fileservices/shares": Kind.FILE_SHARES,
}
"""ARM resource `type` (lower case) -> kind of artifact."""

COLLECTION_MARK = "aks-backup-conformance/collection"

ENVIRONMENT_KEYS = frozenset(Environment.model_fields)
"""Top-level fields of an environment file; a mapping with some of them (and no ARM or Kubernetes
marks) is one. Its other keys are then refused by the environment, with their place."""
"""The `kind` of the manifest `collect` writes."""


def norm(key: str) -> str:
    """A key as compared: lower case, without `_` (`diskCSIDriver`, `disk_csi_driver` -> `diskcsidriver`)."""
    return key.replace("_", "").lower()


class Node:
    """A value inside an artifact, with the file and the JSON pointer it sits at (treat as immutable).

    A plain slotted class rather than a frozen dataclass: a large `kubectl` listing makes hundreds of
    thousands of them, and a frozen dataclass costs several times more to create.
    """

    __slots__ = ("file", "pointer", "value")

    def __init__(self, value: Any, file: str, pointer: str = "") -> None:
        self.value = value
        self.file = file
        self.pointer = pointer

    def __repr__(self) -> str:
        return f"Node({self.file}#{self.pointer or '/'})"

    @property
    def source(self) -> Source:
        return Source(self.file, self.pointer)

    def fail(self, expected: str) -> NoReturn:
        """Stop with a located problem: this file, this pointer, this value, what was expected."""
        raise InvalidInput(self.file, [(self.pointer or "/", shown(self.value), expected)])

    def child(self, key: str | int, value: Any) -> Node:
        if isinstance(key, int):
            part = str(key)
        elif "/" in key or "~" in key:
            part = key.replace("~", "~0").replace("/", "~1")
        else:
            part = key
        return Node(value, self.file, f"{self.pointer}/{part}")

    # --- walking ----------------------------------------------------------------------------------

    def get(self, *keys: str) -> Node | None:
        """The value at `keys` (matched case-insensitively, `_` ignored); None when absent or null.

        A step through something that is not an object is a located error, except through null.
        """
        node: Node = self
        for key in keys:
            if node.value is None:
                return None
            if not isinstance(node.value, dict):
                node.fail(f"expected an object with the field {key!r}")
            found = None
            if key in node.value:
                found = node.child(key, node.value[key])
            else:
                wanted = norm(key)
                for actual, value in node.value.items():
                    if isinstance(actual, str) and norm(actual) == wanted:
                        found = node.child(actual, value)
                        break
            if found is None:
                return None
            node = found
        return None if node.value is None else node

    def prop(self, *keys: str) -> Node | None:
        """`get(*keys)` in the flattened `az` shape, else under `properties` (the ARM shape)."""
        found = self.get(*keys)
        if found is None:
            found = self.get("properties", *keys)
        return found

    def items(self) -> Iterator[Node]:
        """The elements of a list (a located error when it is not a list)."""
        if not isinstance(self.value, list):
            self.fail("expected a list")
        for index, value in enumerate(self.value):
            yield self.child(index, value)

    def entries(self) -> Iterator[tuple[str, Node]]:
        """The members of an object (a located error when it is not an object)."""
        if not isinstance(self.value, dict):
            self.fail("expected an object")
        for key, value in self.value.items():
            yield str(key), self.child(str(key), value)

    # --- typed values -----------------------------------------------------------------------------

    def text(self) -> str:
        if not isinstance(self.value, str):
            self.fail("expected a string")
        return self.value

    def flag(self) -> bool:
        if not isinstance(self.value, bool):
            self.fail("expected true or false")
        return self.value

    def integer(self) -> int:
        if isinstance(self.value, bool) or not isinstance(self.value, int):
            self.fail("expected a whole number")
        return self.value

    def texts(self) -> list[str]:
        return [item.text() for item in self.items()]

    def string_map(self) -> dict[str, str]:
        result: dict[str, str] = {}
        for key, node in self.entries():
            result[key] = node.text()
        return result

    def one_of(self, choices: dict[str, str], expected: str) -> str:
        """The value, a string matched case-insensitively against `choices` (lower case -> value)."""
        word = self.text()
        if word.lower() not in choices:
            self.fail(f"expected {expected}")
        return choices[word.lower()]


@dataclass(frozen=True, slots=True)
class Artifact:
    """One file, read and recognised."""

    kind: Kind | None
    """What it is; None when nothing in its content says."""
    root: Node
    """The parsed document at pointer ``""``."""
    text: str
    """The file's text (for line numbers)."""

    @property
    def file(self) -> str:
        return self.root.file


ARTIFACT_LIMITS = Limits(max_bytes=256 * 1024 * 1024)
"""The loader's limits, but for a file of up to 256 MiB: a large cluster's `kubectl get ... -o json`
is tens of megabytes (YAML stays at the loader's 4 MiB: collect JSON)."""


def read_artifact(path: Path, file: str | None = None) -> Artifact:
    """Read `path` (JSON or YAML, whatever its name says) and recognise it.

    Raises:
        InvalidInput: the file cannot be read or parsed, or is beyond `ARTIFACT_LIMITS`.
    """
    name = file or str(path)
    text = read_text(path, name, limits=ARTIFACT_LIMITS)
    fmt = "json" if text.lstrip()[:1] in ("{", "[") else "yaml"
    data = read_document(text, name, fmt=fmt, limits=ARTIFACT_LIMITS)
    root = Node(data, name)
    return Artifact(classify(root), root, text)


def classify(root: Node) -> Kind | None:
    """What a document is, by its content: ARM `type`, Kubernetes `kind`/`apiVersion`, or az shapes."""
    value = root.value
    if isinstance(value, list):
        kinds = {_classify_object(item) for item in value if isinstance(item, dict)}
        kinds.discard(None)
        if len(kinds) == 1:
            return kinds.pop()
        return None
    if isinstance(value, dict):
        return _classify_object(value)
    return None


def _classify_object(value: dict[str, Any]) -> Kind | None:
    kind = value.get("kind")
    if kind == COLLECTION_MARK:
        return Kind.COLLECTION
    if isinstance(kind, str) and isinstance(value.get("apiVersion"), str):
        return Kind.KUBERNETES
    arm_type = value.get("type")
    if isinstance(arm_type, str):
        found = ARM_TYPES.get(arm_type.lower())
        if found is not None:
            return found
    if isinstance(value.get("azure-cli"), str):
        return Kind.AZ_VERSION
    metrics = value.get("value")
    if isinstance(metrics, list) and any(
        isinstance(m, dict) and str(m.get("type", "")).lower() == "microsoft.insights/metrics"
        for m in metrics
    ):
        return Kind.METRICS
    if not ({"type", "id", "apiVersion", "kind"} & value.keys()) and ENVIRONMENT_KEYS & value.keys():
        return Kind.ENVIRONMENT
    if isinstance(value.get("properties"), dict) and isinstance(value.get("id"), str):
        # Some az commands (and older role assignment listings) omit `type`; the id still says.
        return _classify_id(value["id"])
    return None


def _classify_id(resource_id: str) -> Kind | None:
    parts = [p.lower() for p in resource_id.strip("/").split("/")]
    if "providers" not in parts:
        return None
    at = len(parts) - 1 - parts[::-1].index("providers")
    tail = parts[at + 1 :]
    if len(tail) < 3:
        return None
    arm_type = "/".join([tail[0], *tail[1::2]])
    return ARM_TYPES.get(arm_type)


def resource_parts(resource_id: str) -> dict[str, str]:
    """`/subscriptions/S/resourceGroups/R/providers/P/T/N` -> {"subscriptions": S, "resourcegroups": R, ...}."""
    parts = resource_id.strip("/").split("/")
    return {parts[i].lower(): parts[i + 1] for i in range(0, len(parts) - 1, 2)}


def pointer_to(root: Node, where: str) -> Node | None:
    """The node at JSON pointer `where` under `root`, when it exists."""
    node = root
    for part in pointer_parts(where):
        if isinstance(node.value, dict) and part in node.value:
            node = node.child(part, node.value[part])
        elif isinstance(node.value, list) and part.isdigit() and int(part) < len(node.value):
            node = node.child(int(part), node.value[int(part)])
        else:
            return None
    return node
