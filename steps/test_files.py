"""Binds features/files.feature: Azure Files volumes, their shares and storage accounts (2026-01-06)."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, scenarios

from .common import feature, files_share, set_path, volume

scenarios(feature("files.feature"))

CLAIM = r'"(?P<claim>[^"\s]+)"'


@given(parsers.re(r"the cluster's Azure Files CSI driver is version (?P<version>[\d.]+)$"))
def _(env_data: dict[str, Any], version: str) -> None:
    set_path(env_data, "cluster.storage_profile.file_csi_driver_version", version)


@given("the cluster's Azure Files CSI driver is disabled")
def _(env_data: dict[str, Any]) -> None:
    set_path(env_data, "cluster.storage_profile.file_csi_driver", False)


@given(parsers.re(r"the policy keeps Operational points (?P<days>\d+) days$"))
def _(env_data: dict[str, Any], days: str) -> None:
    set_path(env_data, "policy.operational.retention_days", int(days))


@given(parsers.re(rf"the share of {CLAIM} holds (?P<count>\d+) files$"))
def _(env_data: dict[str, Any], claim: str, count: str) -> None:
    files_share(env_data, claim)["file_count"] = int(count)


@given(parsers.re(rf"the storage account of the share of {CLAIM} has (?P<count>\d+) private endpoints?$"))
def _(env_data: dict[str, Any], claim: str, count: str) -> None:
    files_share(env_data, claim)["storage_account"]["private_endpoints"] = int(count)


@given(
    parsers.re(
        rf"the storage account of the share of {CLAIM} has public network access (?P<access>\w+) "
        r"and default action (?P<action>\w+)$"
    )
)
def _(env_data: dict[str, Any], claim: str, access: str, action: str) -> None:
    account = files_share(env_data, claim)["storage_account"]
    account["public_network_access"] = access
    account["default_action"] = action


@given(
    parsers.re(rf"the storage account of the share of {CLAIM} has a (?P<lock>CanNotDelete|ReadOnly) lock$")
)
def _(env_data: dict[str, Any], claim: str, lock: str) -> None:
    files_share(env_data, claim)["storage_account"]["locks"] = [lock]


@given(parsers.re(rf"volume {CLAIM} has reclaim policy (?P<policy>Retain|Delete|Recycle)$"))
def _(env_data: dict[str, Any], claim: str, policy: str) -> None:
    volume(env_data, claim)["reclaim_policy"] = policy


@given(parsers.re(rf"volume {CLAIM} reads its storage account key from a secret$"))
def _(env_data: dict[str, Any], claim: str) -> None:
    files_share(env_data, claim)["key_in_secret"] = True


@given(parsers.re(rf'volume {CLAIM} uses the storage class "(?P<name>[^"\s]+)"$'))
def _(env_data: dict[str, Any], claim: str, name: str) -> None:
    volume(env_data, claim)["storage_class"] = name


@given(parsers.re(r"the backup instance excludes the resource type (?P<kind>\S+)$"))
def _(env_data: dict[str, Any], kind: str) -> None:
    set_path(env_data, "backup_instance.excluded_resource_types", [kind])


@given(parsers.re(r"the backup instance includes only the resource type (?P<kind>\S+)$"))
def _(env_data: dict[str, Any], kind: str) -> None:
    set_path(env_data, "backup_instance.included_resource_types", [kind])


@given(parsers.re(r"backup is being enabled with (?P<tool>portal|azure-cli|terraform|powershell|arm|bicep)$"))
def _(env_data: dict[str, Any], tool: str) -> None:
    set_path(env_data, "tooling.deployed_with", tool)
