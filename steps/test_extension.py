"""Binds features/extension.feature: the Given steps that change one fact of the extension's setting."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, scenarios

from .common import feature, node_pool, volume

scenarios(feature("extension.feature"))


def _account(env_data: dict[str, Any]) -> dict[str, Any]:
    account: dict[str, Any] = env_data["extension"].setdefault("storage_account", {})
    return account


def _namespace(env_data: dict[str, Any], name: str) -> dict[str, Any]:
    namespaces: list[dict[str, Any]] = env_data["cluster"].setdefault("namespaces", [])
    entry = next((n for n in namespaces if n["name"] == name), None)
    if entry is None:
        entry = {"name": name}
        namespaces.append(entry)
    return entry


# ## The extension and its blob container (SM-SUP-17) ------------------------------------------------


@given("the backup extension is not installed")
def _(env_data: dict[str, Any]) -> None:
    env_data["extension"]["installed"] = False


@given("the extension's blob container already holds backup files")
def _(env_data: dict[str, Any]) -> None:
    _account(env_data)["container"] = {"empty": False, "foreign_files": False}


@given("the extension's blob container holds files that are not backups")
def _(env_data: dict[str, Any]) -> None:
    _account(env_data)["container"] = {"empty": False, "foreign_files": True}


# ## The extension's storage account (SM-SUP-18, SM-VLT-08) ------------------------------------------


@given(parsers.parse('the extension\'s storage account is in "{region}"'))
def _(env_data: dict[str, Any], region: str) -> None:
    _account(env_data)["region"] = region


@given(parsers.re(r"the extension's storage account is of kind (?P<kind>\S+)$"))
def _(env_data: dict[str, Any], kind: str) -> None:
    _account(env_data)["kind"] = kind


@given(parsers.re(r"the extension's storage account has SKU (?P<sku>\S+)$"))
def _(env_data: dict[str, Any], sku: str) -> None:
    _account(env_data)["sku"] = sku


@given(
    parsers.re(
        r"the extension's storage account has public network access (?P<access>\S+) "
        r"and firewall default action (?P<action>\S+)$"
    )
)
def _(env_data: dict[str, Any], access: str, action: str) -> None:
    account = _account(env_data)
    account["public_network_access"] = access
    account["default_action"] = action


@given("the extension's storage account trusts the Backup vault")
def _(env_data: dict[str, Any]) -> None:
    _account(env_data)["trusted_vault"] = True


# ## Node pools (SM-SUP-20, SM-UNS-04) ---------------------------------------------------------------


@given(parsers.re(r"the extension's node pool runs (?P<os_sku>\S+) on (?P<arch>\S+)$"))
def _(env_data: dict[str, Any], os_sku: str, arch: str) -> None:
    pool = node_pool(env_data, env_data["extension"]["node_pool"])
    pool["os_sku"] = os_sku
    pool["arch"] = arch


@given(parsers.re(r"the system node pool runs (?P<os_sku>\S+) on (?P<arch>\S+)$"))
def _(env_data: dict[str, Any], os_sku: str, arch: str) -> None:
    pool = node_pool(env_data, "system")
    pool["os_sku"] = os_sku
    pool["arch"] = arch


@given(parsers.re(r'the cluster also has a node pool "(?P<name>[^"]+)" running (?P<os_sku>\S+)$'))
def _(env_data: dict[str, Any], name: str, os_sku: str) -> None:
    node_pool(env_data, name)["os_sku"] = os_sku


@given(parsers.re(r'the extension is placed on node pool "(?P<name>[^"]+)"$'))
def _(env_data: dict[str, Any], name: str) -> None:
    env_data["extension"]["node_pool"] = name


@given("the extension is left to choose its node pool")
def _(env_data: dict[str, Any]) -> None:
    env_data["extension"]["node_pool"] = None


# ## Health (SM-SUP-21) ------------------------------------------------------------------------------


@given("the cluster is stopped")
def _(env_data: dict[str, Any]) -> None:
    env_data["cluster"]["healthy"] = False


@given("the extension's pods are not healthy")
def _(env_data: dict[str, Any]) -> None:
    env_data["extension"]["healthy"] = False


@given("the restore target is another cluster whose extension pods are not healthy")
def _(operation_data: dict[str, Any]) -> None:
    operation_data["target"] = {"same_cluster": False, "healthy": False}


# ## Velero (SM-UNS-06) ------------------------------------------------------------------------------


@given("Velero is installed in the cluster")
def _(env_data: dict[str, Any]) -> None:
    env_data["cluster"]["velero_installed"] = True


@given(parsers.re(r'namespace "(?P<name>[^"]+)" carries the (?P<kind>label|annotation) "(?P<key>[^"]+)"$'))
def _(env_data: dict[str, Any], name: str, kind: str, key: str) -> None:
    _namespace(env_data, name).setdefault(f"{kind}s", {})[key] = "true"


@given(parsers.re(r'volume "(?P<claim>[^"]+)" carries the (?P<kind>label|annotation) "(?P<key>[^"]+)"$'))
def _(env_data: dict[str, Any], claim: str, kind: str, key: str) -> None:
    volume(env_data, claim).setdefault(f"{kind}s", {})[key] = "true"
