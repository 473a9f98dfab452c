"""Binds features/timing.feature: what the time-line statements tell at a single operation."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, scenarios

from .common import feature

scenarios(feature("timing.feature"))


@given(parsers.parse("the policy backs up every {hours:d} hours"))
def _(env_data: dict[str, Any], hours: int) -> None:
    env_data["policy"]["every_hours"] = hours


@given(parsers.re(r"the vault's redundancy is (?P<redundancy>LocallyRedundant|ZoneRedundant|GeoRedundant)$"))
def _(env_data: dict[str, Any], redundancy: str) -> None:
    env_data["vault"]["redundancy"] = redundancy


@given("Cross Region Restore is off on the vault")
def _(env_data: dict[str, Any]) -> None:
    env_data["vault"]["cross_region_restore"] = False
