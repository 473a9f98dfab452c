"""Binds features/cluster.feature: Kubernetes version, identity, private and network-isolated clusters."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, scenarios

from .common import feature

scenarios(feature("cluster.feature"))


@given(parsers.parse("the cluster runs Kubernetes {version:S}"))
def _(env_data: dict[str, Any], version: str) -> None:
    env_data["cluster"]["kubernetes_version"] = version


@given(parsers.parse("the cluster runs Kubernetes {version:S} on the support plan {plan:S}"))
def _(env_data: dict[str, Any], version: str, plan: str) -> None:
    env_data["cluster"]["kubernetes_version"] = version
    env_data["cluster"]["support_plan"] = plan


@given(parsers.parse("the environment describes the cluster as it is on {date}"))
def _(env_data: dict[str, Any], date: str) -> None:
    env_data["as_of"] = date


@given(parsers.parse("the cluster uses a {identity} managed identity"))
def _(env_data: dict[str, Any], identity: str) -> None:
    env_data["cluster"]["identity"] = identity


@given("the cluster uses a service principal")
def _(env_data: dict[str, Any]) -> None:
    env_data["cluster"]["identity"] = "ServicePrincipal"


@given("the cluster is private")
def _(env_data: dict[str, Any]) -> None:
    env_data["cluster"]["private_cluster"] = True


@given("a private endpoint is configured for backup operations")
def _(env_data: dict[str, Any]) -> None:
    env_data["cluster"]["private_endpoint"] = True


@given("the cluster is network isolated")
def _(env_data: dict[str, Any]) -> None:
    env_data["cluster"]["network_isolated"] = True
