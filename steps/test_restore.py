"""Binds features/restore.feature: the Given steps that change one fact of a restore or of the vault."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, scenarios, then

from aks_backup_conformance.pytest_plugin import Mismatch
from aks_backup_model import Effect, Outcome

from .common import feature

scenarios(feature("restore.feature"))

OTHER_SUBSCRIPTION = "00000000-0000-0000-0000-000000000002"
OTHER_TENANT = "00000000-0000-0000-0000-0000000000bb"


def _target(operation_data: dict[str, Any]) -> dict[str, Any]:
    target: dict[str, Any] = operation_data.setdefault("target", {})
    return target


def _another_cluster(operation_data: dict[str, Any]) -> dict[str, Any]:
    target = _target(operation_data)
    target["same_cluster"] = False
    return target


def _staging(operation_data: dict[str, Any]) -> dict[str, Any]:
    staging: dict[str, Any] = operation_data.setdefault("staging", {})
    return staging


# ## Where the backups are and how the vault keeps them (SM-REG-04, SM-SUP-14, SM-VLT-04) ------------


@given(parsers.parse('the backups are taken in "{region}"'))
def _(env_data: dict[str, Any], region: str) -> None:
    # The cluster, its vault and the extension's storage account move together (SM-SUP-12, SM-SUP-18).
    env_data["cluster"]["region"] = region
    env_data["vault"]["region"] = region
    env_data["extension"]["storage_account"]["region"] = region


@given(parsers.re(r"the vault's redundancy is (?P<redundancy>LocallyRedundant|ZoneRedundant|GeoRedundant)$"))
def _(env_data: dict[str, Any], redundancy: str) -> None:
    env_data["vault"]["redundancy"] = redundancy


@given("Cross Region Restore is off on the vault")
def _(env_data: dict[str, Any]) -> None:
    env_data["vault"]["cross_region_restore"] = False


@given(
    parsers.re(r"the vault's cross-subscription restore is (?P<state>Enabled|Disabled|PermanentlyDisabled)$")
)
def _(env_data: dict[str, Any], state: str) -> None:
    env_data["vault"]["cross_subscription_restore"] = state


# ## The restore: its source tier, target and staging location ---------------------------------------


@given(parsers.re(r"the restore is from the (?P<tier>Operational|Vault) tier$"))
def _(operation_data: dict[str, Any], tier: str) -> None:
    operation_data["source_tier"] = tier


@given("the restore target is another cluster")
def _(operation_data: dict[str, Any]) -> None:
    _another_cluster(operation_data)


@given(parsers.parse('the restore target is in region "{region}"'))
def _(operation_data: dict[str, Any], region: str) -> None:
    _another_cluster(operation_data)["region"] = region


@given("the restore target is in another subscription of the tenant")
def _(operation_data: dict[str, Any]) -> None:
    _another_cluster(operation_data)["subscription"] = OTHER_SUBSCRIPTION


@given("the restore target is in another tenant")
def _(operation_data: dict[str, Any]) -> None:
    _another_cluster(operation_data)["tenant"] = OTHER_TENANT


@given(parsers.re(r"the restore target runs Kubernetes (?P<version>\S+)$"))
def _(operation_data: dict[str, Any], version: str) -> None:
    _target(operation_data)["kubernetes_version"] = version


@given("the restore target is another cluster with a private API server")
def _(operation_data: dict[str, Any]) -> None:
    _another_cluster(operation_data)["private_cluster"] = True


@given("the restore target is another cluster with a public API server")
def _(operation_data: dict[str, Any]) -> None:
    _another_cluster(operation_data)["private_cluster"] = False


@given("the restore target lacks the capacity for the restored workloads")
def _(operation_data: dict[str, Any]) -> None:
    _target(operation_data)["sufficient_capacity"] = False


@given("the restore target has the capacity for the restored workloads")
def _(operation_data: dict[str, Any]) -> None:
    _target(operation_data)["sufficient_capacity"] = True


@given("the restore target runs the cluster autoscaler")
def _(operation_data: dict[str, Any]) -> None:
    _target(operation_data)["autoscaler_enabled"] = True


@given(
    parsers.re(
        r"the staging storage account's public network access is (?P<access>Enabled|Disabled|SecuredByPerimeter)$"
    )
)
def _(operation_data: dict[str, Any], access: str) -> None:
    _staging(operation_data)["public_network_access"] = access


@given("the staging storage account has a private endpoint to the target cluster")
def _(operation_data: dict[str, Any]) -> None:
    _staging(operation_data)["private_endpoint_to_target"] = True


@given(parsers.parse('the staging resource group is "{name}"'))
def _(operation_data: dict[str, Any], name: str) -> None:
    _staging(operation_data)["resource_group"] = name


_SUBJECTS = {
    "the restore's target region": "operation.target.region",
    "the vault's Cross Region Restore": "vault.cross_region_restore",
}


@then(
    parsers.re(
        r"(?P<statement_id>SM-[A-Z]+-\d+) blocks (?P<what>the restore's target region|the vault's Cross Region Restore)$"
    )
)
def _(outcome: Outcome, statement_id: str, what: str) -> None:
    subject = _SUBJECTS[what]
    blocked = sorted(
        f.subject for f in outcome.findings if (f.statement_id, f.effect) == (statement_id, Effect.BLOCKS)
    )
    if subject not in blocked:
        got = f"{statement_id} blocks {', '.join(blocked)}" if blocked else f"{statement_id} does not block"
        raise Mismatch(statement_id, got, f"{statement_id} blocks {subject}")
