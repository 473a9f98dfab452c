"""Binds features/limits.feature: the limits table, at the limit and one either side of it."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, scenarios

from .common import feature

scenarios(feature("limits.feature"))


def workload_namespaces(count: int) -> list[str]:
    """`count` distinct namespace names, starting with the baseline's "payments" and "orders"."""
    return ["payments", "orders", *(f"team-{n:03d}" for n in range(3, count + 1))][:count]


@given(parsers.parse("the vault already holds {count:d} backup policies"))
def _(env_data: dict[str, Any], count: int) -> None:
    env_data["vault"]["policies"] = count


@given(parsers.parse("the vault already holds {count:d} backup instances"))
def _(env_data: dict[str, Any], count: int) -> None:
    env_data["vault"]["backup_instances"] = count


@given(parsers.parse("{count:d} on-demand backups were already taken today"))
def _(env_data: dict[str, Any], count: int) -> None:
    env_data["backup_instance"]["on_demand_backups_today"] = count


@given(parsers.parse("{count:d} restores were already requested today"))
def _(env_data: dict[str, Any], count: int) -> None:
    env_data["backup_instance"]["restores_today"] = count


@given(parsers.parse("the cluster has {count:d} workload namespaces besides kube-system"))
def _(env_data: dict[str, Any], count: int) -> None:
    env_data["cluster"]["namespaces"] = [{"name": n} for n in [*workload_namespaces(count), "kube-system"]]


@given(parsers.parse("the backup instance names {count:d} namespaces"))
def _(env_data: dict[str, Any], count: int) -> None:
    names = workload_namespaces(count)
    env_data["cluster"]["namespaces"] = [{"name": n} for n in [*names, "kube-system"]]
    env_data["backup_instance"]["namespaces"] = names


@given(parsers.parse('the backup instance also names "{namespace}"'))
def _(env_data: dict[str, Any], namespace: str) -> None:
    env_data["backup_instance"]["namespaces"].append(namespace)


@given(parsers.parse('the backup instance excludes the namespace "{namespace}"'))
def _(env_data: dict[str, Any], namespace: str) -> None:
    env_data["backup_instance"]["excluded_namespaces"] = [namespace]
