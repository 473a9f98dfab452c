"""Binds features/policy.feature: the tiers a policy keeps and how often it backs up."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, scenarios

from .common import feature

scenarios(feature("policy.feature"))


@given("the policy keeps only the Vault tier")
def _(env_data: dict[str, Any]) -> None:
    env_data["policy"]["operational"] = None


@given("the policy keeps no tier at all")
def _(env_data: dict[str, Any]) -> None:
    env_data["policy"].update(operational=None, vault=None)


@given(parsers.parse("the policy backs up every {hours:d} hours"))
def _(env_data: dict[str, Any], hours: int) -> None:
    env_data["policy"]["every_hours"] = hours
