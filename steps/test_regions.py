"""Binds features/regions.feature."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, scenarios

from .common import feature

scenarios(feature("regions.feature"))


@given(parsers.parse('the cluster, its vault and its storage account are in "{region}"'))
def _(env_data: dict[str, Any], region: str) -> None:
    env_data["cluster"]["region"] = region
    env_data["vault"]["region"] = region
    env_data["extension"]["storage_account"]["region"] = region


@given(parsers.re(r"the restore is from the (?P<tier>Operational|Vault) tier$"))
def _(operation_data: dict[str, Any], tier: str) -> None:
    operation_data["source_tier"] = tier
