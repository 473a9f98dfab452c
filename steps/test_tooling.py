"""Binds features/tooling.feature: Azure CLI and Terraform versions, and Terraform with the Vault tier."""

from __future__ import annotations

from typing import Any

from pytest_bdd import given, parsers, scenarios

from .common import feature

scenarios(feature("tooling.feature"))

# The tools named in the feature, as `tooling.deployed_with` spells them.
TOOLS = {
    "the portal": "portal",
    "Azure PowerShell": "powershell",
    "an ARM template": "arm",
    "a Bicep template": "bicep",
}


@given(
    parsers.re(
        r"backup is enabled with (?P<tool>the portal|Azure PowerShell|an ARM template|a Bicep template)$"
    )
)
def _(env_data: dict[str, Any], tool: str) -> None:
    env_data["tooling"] = {"deployed_with": TOOLS[tool]}


@given(parsers.parse("backup is enabled with Azure CLI {version:S}"))
def _(env_data: dict[str, Any], version: str) -> None:
    env_data["tooling"] = {"deployed_with": "azure-cli", "azure_cli": version}


@given("backup is enabled with the Azure CLI of an unknown version")
def _(env_data: dict[str, Any]) -> None:
    env_data["tooling"] = {"deployed_with": "azure-cli", "azure_cli": None}


@given(parsers.parse("backup is enabled from the portal with Azure CLI {version:S} also installed"))
def _(env_data: dict[str, Any], version: str) -> None:
    env_data["tooling"] = {"deployed_with": "portal", "azure_cli": version}


@given(parsers.parse("backup is enabled with Terraform and azurerm {version:S}"))
def _(env_data: dict[str, Any], version: str) -> None:
    env_data["tooling"] = {"deployed_with": "terraform", "terraform_azurerm": version}


@given("backup is enabled with Terraform and an unknown azurerm version")
def _(env_data: dict[str, Any]) -> None:
    env_data["tooling"] = {"deployed_with": "terraform", "terraform_azurerm": None}


@given(
    parsers.parse(
        "the tool that enables backup is not given, with Azure CLI {cli:S} and azurerm {azurerm:S} installed"
    )
)
def _(env_data: dict[str, Any], cli: str, azurerm: str) -> None:
    env_data["tooling"] = {"azure_cli": cli, "terraform_azurerm": azurerm}


@given("neither the tool that enables backup nor any tool's version is given")
def _(env_data: dict[str, Any]) -> None:
    env_data["tooling"] = {}
