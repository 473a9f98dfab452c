"""Binds features/backup_instance.feature: changes to an instance and the namespaces it takes."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, scenarios

from .common import feature

scenarios(feature("backup_instance.feature"))

# The changes named in the feature, as `ModifyBackupInstance.change` spells them.
CHANGES = {
    "backup configuration": "backup_configuration",
    "snapshot resource group": "snapshot_resource_group",
    "volume types, to include Azure Files": "include_azure_files",
}


@given(parsers.parse("the change asked for is to the {what}"))
def _(operation_data: dict[str, Any], what: str) -> None:
    operation_data["change"] = CHANGES[what]


@given(parsers.parse('the backup instance keeps its snapshots in resource group "{group}"'))
def _(env_data: dict[str, Any], group: str) -> None:
    env_data["backup_instance"]["snapshot_resource_group"] = group


@given(parsers.parse('the backup instance selects the namespaces "{first}" and "{second}"'))
def _(env_data: dict[str, Any], first: str, second: str) -> None:
    env_data["backup_instance"]["namespaces"] = [first, second]
