"""How backup is enabled: Azure CLI and Terraform (the matrix's supported scenarios, and its limits
of vaulted backup for Terraform)."""

from __future__ import annotations

from collections.abc import Iterator

from ..fields import version_tuple
from ..outcome import Effect, Finding
from ..tables import MIN_AZURE_CLI_VERSION, MIN_TERRAFORM_AZURERM_VERSION
from . import Context, cannot_tell, finding, rule

ENABLING = ("install_extension", "configure_backup", "create_policy")


def _dotted(version: tuple[int, ...]) -> str:
    return ".".join(map(str, version))


@rule("SM-SUP-15", on=ENABLING)
def azure_cli_version(ctx: Context) -> Iterator[Finding]:
    """Enabling backup with the Azure CLI needs version 2.41.0 or later."""
    tooling = ctx.env.tooling
    recent = tooling.azure_cli is not None and version_tuple(tooling.azure_cli) >= MIN_AZURE_CLI_VERSION
    if tooling.deployed_with is None and not recent:
        yield cannot_tell(
            "SM-SUP-15", "tooling.deployed_with", "whether backup is enabled with the Azure CLI"
        )
    if tooling.deployed_with != "azure-cli":
        return
    if tooling.azure_cli is None:
        yield cannot_tell(
            "SM-SUP-15", "tooling.azure_cli",
            f"whether the Azure CLI is {_dotted(MIN_AZURE_CLI_VERSION)} or later",
        )  # fmt: skip
    elif version_tuple(tooling.azure_cli) < MIN_AZURE_CLI_VERSION:
        yield finding(
            "SM-SUP-15", Effect.BLOCKS, "tooling.azure_cli",
            f"Azure CLI {tooling.azure_cli} is older than {_dotted(MIN_AZURE_CLI_VERSION)}; run az upgrade.",
        )  # fmt: skip


@rule("SM-SUP-16", on=ENABLING)
def terraform_version(ctx: Context) -> Iterator[Finding]:
    """Enabling backup with Terraform needs the azurerm provider 3.99.0 or later."""
    tooling = ctx.env.tooling
    minimum = _dotted(MIN_TERRAFORM_AZURERM_VERSION)
    version = tooling.terraform_azurerm
    recent = version is not None and version_tuple(version) >= MIN_TERRAFORM_AZURERM_VERSION
    if tooling.deployed_with is None and not recent:
        yield cannot_tell("SM-SUP-16", "tooling.deployed_with", "whether backup is enabled with Terraform")
    if tooling.deployed_with != "terraform":
        return
    if tooling.terraform_azurerm is None:
        yield cannot_tell(
            "SM-SUP-16", "tooling.terraform_azurerm", f"whether the azurerm provider is {minimum} or later"
        )
    elif version_tuple(tooling.terraform_azurerm) < MIN_TERRAFORM_AZURERM_VERSION:
        yield finding(
            "SM-SUP-16", Effect.BLOCKS, "tooling.terraform_azurerm",
            f"azurerm provider {tooling.terraform_azurerm} is older than {minimum}.",
        )  # fmt: skip


@rule("SM-VLT-13", on=("configure_backup", "create_policy"))
def no_vault_tier_with_terraform(ctx: Context) -> Iterator[Finding]:
    """A Terraform deployment cannot configure the Vault tier."""
    deployed_with, vault_tier = ctx.env.tooling.deployed_with, ctx.vault_tier
    if deployed_with is None and vault_tier is not False:
        yield cannot_tell(
            "SM-VLT-13", "tooling.deployed_with", "whether Terraform would configure the Vault tier"
        )
    elif deployed_with == "terraform" and vault_tier is None:
        yield cannot_tell("SM-VLT-13", "policy", "whether the Terraform deployment asks for the Vault tier")
    elif deployed_with == "terraform" and vault_tier:
        yield finding(
            "SM-VLT-13", Effect.BLOCKS, "policy.vault",
            "a Terraform deployment cannot configure the Vault tier; use the portal, CLI or templates.",
        )  # fmt: skip
