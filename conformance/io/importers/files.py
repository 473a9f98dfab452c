"""Facts about the Azure file share behind an Azure Files volume (what edition 2026-01-06 asks about).

From the volume itself (`kubectl get persistentvolume`): the share's protocol (the PV's
`spec.csi.volumeAttributes.protocol`, else its storage class's `parameters.protocol`, else `smb`, the
Azure Files CSI driver's default, recorded with the class or PV it was read from; an in-tree
`azureFile` volume always mounts over SMB), the storage account and share it names
(`volumeAttributes.storageAccount`/`shareName`, or the CSI `volumeHandle` `rg#account#share#...`), and
whether it reads the account key from a Kubernetes secret (`nodeStageSecretRef`, `secretName`, the
class's `csi.storage.k8s.io/node-stage-secret-name`, the in-tree `secretName`).

From Azure, when given: the share (`az storage share-rm show`, ARM `.../fileServices/default/shares`:
`enabledProtocols` wins over what the volume says), its storage account (`az storage account show`:
`publicNetworkAccess`, `networkRuleSet.defaultAction`, approved `privateEndpointConnections`) and the
share's file count (`az monitor metrics list --metric FileCount` on the account's file service, split
by the `FileShare` dimension).

What no artifact says (the account's locks, the roles the cluster holds on it, a count without the
share's dimension) stays unknown.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass, field
from typing import Any

from .documents import Node, resource_parts

__all__ = ["FILES_CSI_DRIVER", "ShareArtifacts", "csi_share", "in_tree_share"]

FILES_CSI_DRIVER = "file.csi.azure.com"
PROTOCOLS = {"smb": "SMB", "nfs": "NFS"}
"""The Azure Files CSI driver's `protocol` values (and the share's `enabledProtocols`) -> ours."""
DEFAULT_PROTOCOL = "SMB"
"""What the Azure Files CSI driver mounts when neither the PV nor its class names a protocol."""
SECRET_PARAMETERS = ("csi.storage.k8s.io/node-stage-secret-name", "secretname")
_VERSION = re.compile(r"v?(\d+\.\d+(?:\.\d+)?)")


def _key(account: str, share: str) -> tuple[str, str]:
    return account.lower(), share.lower()


@dataclass
class ShareArtifacts:
    """The Azure artifacts about storage accounts and file shares, keyed for joining with volumes."""

    accounts: dict[str, Node] = field(default_factory=dict)
    """Storage account name (lower case) -> `az storage account show`."""
    shares: dict[tuple[str, str], Node] = field(default_factory=dict)
    """(account, share) (lower case) -> `az storage share-rm show`."""
    file_counts: dict[tuple[str, str], Node] = field(default_factory=dict)
    """(account, share) -> the latest FileCount data point of that share."""
    used: set[str] = field(default_factory=set)
    """Accounts a volume's share was found on."""

    def add_account(self, root: Node) -> None:
        name = root.get("name")
        if name is not None:
            self.accounts.setdefault(name.text().lower(), root)

    def add_shares(self, root: Node) -> None:
        """`az storage share-rm show` (one) or `list` (several)."""
        for item in root.items() if isinstance(root.value, list) else [root]:
            identifier = item.get("id")
            if identifier is None:
                continue
            parts = resource_parts(identifier.text())
            account, share = parts.get("storageaccounts"), parts.get("shares")
            if account and share:
                self.shares.setdefault(_key(account, share), item)

    def add_metrics(self, root: Node, notes: list[str]) -> None:
        """`az monitor metrics list --metric FileCount` on a file service, split by `FileShare` (or a list
        of such answers, as `collect` keeps them for several file services)."""
        if isinstance(root.value, list):
            for answer in root.items():
                self.add_metrics(answer, notes)
            return
        for metric in (root.get("value") or Node([], root.file)).items():
            name = metric.get("name", "value")
            identifier = metric.get("id")
            if name is None or name.text().lower() != "filecount" or identifier is None:
                continue
            account = resource_parts(identifier.text()).get("storageaccounts")
            if not account:
                continue
            for series in (metric.get("timeseries") or Node([], metric.file)).items():
                share = _dimension(series, "fileshare")
                point = _latest(series)
                if point is None:
                    continue
                if share is None:
                    notes.append(
                        f"{series.file}{series.pointer}: a FileCount of the whole file service of {account}, "
                        "not of one share; split it by share (--filter \"FileShare eq '*'\") to count per share"
                    )
                    continue
                self.file_counts.setdefault(_key(account, share), point)


def _dimension(series: Node, wanted: str) -> str | None:
    for entry in (series.get("metadatavalues") or Node([], series.file)).items():
        name = entry.get("name", "value")
        value = entry.get("value")
        if name is not None and value is not None and name.text().lower() == wanted:
            return value.text()
    return None


def _latest(series: Node) -> Node | None:
    """The last data point's average (or maximum, total) FileCount: the node holding the number."""
    found = None
    for point in (series.get("data") or Node([], series.file)).items():
        for aggregation in ("average", "maximum", "total"):
            value = point.get(aggregation)
            if value is not None:
                found = value
                break
    return found


def _count(node: Node) -> int:
    if isinstance(node.value, bool) or not isinstance(node.value, int | float) or node.value < 0:
        node.fail("expected a number of files (zero or more)")
    return math.ceil(node.value)


def _protocol(node: Node) -> str:
    return node.one_of(PROTOCOLS, "smb or nfs")


def _attribute(pv: Node, *names: str) -> Node | None:
    """A `spec.csi.volumeAttributes` entry of the PV (names matched case-insensitively, as the driver does)."""
    attributes = pv.get("spec", "csi", "volumeAttributes")
    if attributes is None or not isinstance(attributes.value, dict):
        return None
    for key, node in attributes.entries():
        if key.lower() in names:
            return node
    return None


def csi_share(record: Any, csi: Any, storage_class: Any, artifacts: ShareArtifacts) -> None:
    """The share facts of an Azure Files CSI volume into `record` (a `kube._Record`)."""
    pv: Node = record.node
    account_node = _attribute(pv, "storageaccount", "storageaccountname")
    share_node = _attribute(pv, "sharename")
    account = account_node.text() if account_node is not None else None
    share = share_node.text() if share_node is not None else None
    handle = csi.volume_handle or ""
    parts = handle.split("#")
    if len(parts) >= 3 and (account is None or share is None):
        account = account or parts[1] or None
        share = share or parts[2] or None
        account_node = account_node or pv.get("spec", "csi", "volumeHandle")

    params: dict[str, str] = {}
    params_node: Node | None = None
    if storage_class is not None:
        sc, sc_node = storage_class
        params = sc.parameters or {}
        params_node = sc_node.get("parameters") or sc_node

    # The protocol: the PV's attribute, else the class's parameter, else the driver's default.
    stated = _attribute(pv, "protocol")
    if stated is None and params_node is not None:
        stated = next((params_node.child(k, v) for k, v in params.items() if k.lower() == "protocol"), None)
    if stated is not None:
        record.set("share.protocol", _protocol(stated), stated)
    else:
        # Neither names one: the driver mounts (and creates) the share over SMB, its default.
        where = params_node if params_node is not None else (pv.get("spec", "csi") or pv)
        record.set("share.protocol", DEFAULT_PROTOCOL, where)

    secret = None
    if csi.node_stage_secret_ref is not None:
        secret = pv.get("spec", "csi", "nodeStageSecretRef")
    elif (found := _attribute(pv, "secretname")) is not None:
        secret = found
    elif params_node is not None:
        secret = next(
            (params_node.child(k, v) for k, v in params.items() if k.lower() in SECRET_PARAMETERS), None
        )
    if secret is not None:
        record.set("share.key_in_secret", True, secret)

    if account:
        record.set("share.storage_account.name", account, account_node or pv)
        _azure_facts(record, account, share, artifacts)


def in_tree_share(record: Any, azure_file: Any, where: str) -> None:
    """An in-tree `azureFile` volume mounts over SMB, with the account key in the secret it names."""
    record.set("share.protocol", DEFAULT_PROTOCOL, where)
    if azure_file.secret_name:
        record.set("share.key_in_secret", True, f"{where}/secretName")


def _azure_facts(record: Any, account: str, share: str | None, artifacts: ShareArtifacts) -> None:
    found = artifacts.accounts.get(account.lower())
    if found is not None:
        artifacts.used.add(account.lower())
        _account_facts(record, found)
    if share is None:
        return
    share_doc = artifacts.shares.get(_key(account, share))
    if share_doc is not None:
        enabled = share_doc.prop("enabledProtocols")
        if enabled is not None:
            record.set("share.protocol", _protocol(enabled), enabled)
    count = artifacts.file_counts.get(_key(account, share))
    if count is not None:
        record.set("share.file_count", _count(count), count)


def _account_facts(record: Any, root: Node) -> None:
    """SM-UNS-12: whether the share's account is reachable from all networks."""
    base = "share.storage_account"
    whole = root.prop("provisioningState") is not None  # a whole `show` answer, not a fragment
    access = root.prop("publicNetworkAccess")
    if access is not None:
        choices = {v.lower(): v for v in ("Enabled", "Disabled", "SecuredByPerimeter")}
        record.set(
            f"{base}.public_network_access",
            access.one_of(choices, "Enabled, Disabled or SecuredByPerimeter"),
            access,
        )
    elif whole:
        record.set(f"{base}.public_network_access", "Enabled", root)  # never set: reachable publicly
    rules = root.prop("networkRuleSet") or root.prop("networkAcls")
    action = rules.get("defaultAction") if rules is not None else None
    if action is not None:
        record.set(
            f"{base}.default_action",
            action.one_of({"allow": "Allow", "deny": "Deny"}, "Allow or Deny"),
            action,
        )
    connections = root.prop("privateEndpointConnections")
    if connections is not None:
        approved = 0
        for connection in connections.items():
            status = connection.prop("privateLinkServiceConnectionState", "status")
            if status is not None and status.text().lower() == "approved":
                approved += 1
        record.set(f"{base}.private_endpoints", approved, connections)
    elif whole:
        record.set(f"{base}.private_endpoints", 0, root)


def driver_version(image: str) -> str | None:
    """`mcr.microsoft.com/oss/v2/kubernetes-csi/azurefile-csi:v1.32.5` -> `1.32.5`."""
    if "/azurefile-csi:" not in image:
        return None
    match = _VERSION.match(image.rsplit(":", 1)[-1])
    return match.group(1) if match else None
