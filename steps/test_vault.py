"""Binds features/vault.feature: the Given steps that change one fact of the Backup vault or of the request."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, scenarios

from .common import feature

scenarios(feature("vault.feature"))

OTHER_SUBSCRIPTION = "00000000-0000-0000-0000-000000000002"
OTHER_TENANT = "00000000-0000-0000-0000-0000000000bb"


# ## Where the vault lives (SM-SUP-12) ---------------------------------------------------------------


@given(parsers.parse('the vault is in region "{region}"'))
def _(env_data: dict[str, Any], region: str) -> None:
    env_data["vault"]["region"] = region


@given("the vault is in another subscription of the cluster's tenant")
def _(env_data: dict[str, Any]) -> None:
    env_data["vault"]["subscription"] = OTHER_SUBSCRIPTION


@given("the vault is in another tenant")
def _(env_data: dict[str, Any]) -> None:
    env_data["vault"]["tenant"] = OTHER_TENANT


# ## Alerts and reports (SM-SUP-22, SM-SUP-23) -------------------------------------------------------


@given(parsers.re(r"backup failures are to be notified through (?P<via>\S+)$"))
def _(operation_data: dict[str, Any], via: str) -> None:
    operation_data["via"] = via


@given(parsers.parse('the report\'s workload type filter is "{workload}"'))
def _(operation_data: dict[str, Any], workload: str) -> None:
    operation_data["workload_type"] = workload


# ## Deleting recovery points (SM-SUP-24, SM-SUP-26) -------------------------------------------------


@given(parsers.re(r"the vault's soft delete is (?P<state>Off|On|AlwaysOn)$"))
def _(env_data: dict[str, Any], state: str) -> None:
    env_data["vault"]["soft_delete"] = state


@given(parsers.re(r"the vault's immutability is (?P<state>Disabled|Unlocked|Locked)$"))
def _(env_data: dict[str, Any], state: str) -> None:
    env_data["vault"]["immutability"] = state


@given(parsers.re(r"the recovery points to delete are in the (?P<tier>Operational|Vault) tier$"))
def _(operation_data: dict[str, Any], tier: str) -> None:
    operation_data["tier"] = tier


@given("the recovery points to delete have reached the end of their retention")
def _(operation_data: dict[str, Any]) -> None:
    operation_data["before_expiry"] = False


@given("WORM storage is asked for the backups")
def _(env_data: dict[str, Any]) -> None:
    env_data["vault"]["worm"] = True


# ## Multi-user authorization (SM-SUP-25) ------------------------------------------------------------


@given("a resource guard protects the vault")
def _(env_data: dict[str, Any]) -> None:
    env_data["vault"]["mua"] = True


@given("the resource guard owner approved the operation")
def _(operation_data: dict[str, Any]) -> None:
    operation_data["approved"] = True


# ## Customer-managed keys (SM-SUP-27) ---------------------------------------------------------------


@given("the vault encrypts with a customer-managed key")
def _(env_data: dict[str, Any]) -> None:
    env_data["vault"]["cmk"] = True


# ## Role assignments of the vault's identity (SM-SUP-28) --------------------------------------------


@given("the vault's managed identity has not been granted its roles")
def _(env_data: dict[str, Any]) -> None:
    env_data["vault"]["role_assignments"] = {"granted": False}


@given(parsers.re(r"the vault's roles were granted (?P<minutes>\d+) minutes? before the operation$"))
def _(env_data: dict[str, Any], minutes: str) -> None:
    env_data["vault"]["role_assignments"] = {"granted": True, "minutes_since_granted": int(minutes)}
