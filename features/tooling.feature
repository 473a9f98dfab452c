@conformance
Feature: Tools that enable backup
  Backup can be switched on from the portal, the Azure CLI, PowerShell, ARM or Bicep templates, or
  Terraform. Two of these have a minimum version: the Azure CLI (2.41.0) and Terraform's azurerm
  provider (3.99.0). Versions are compared number by number, so 2.100.0 is newer than 2.41.0. Terraform
  cannot set up the Vault tier at all in this edition.

  The baseline enables backup from the portal, with a policy that keeps both tiers.

  Background:
    Given a cluster that meets every requirement of the matrix

  @SM-SUP-15
  Rule: Enabling backup with the Azure CLI needs version 2.41.0 or later

    Scenario Outline: Azure CLI <version> can enable backup
      Given backup is enabled with Azure CLI <version>
      When backup is configured
      Then the backup is supported
      And SM-SUP-15 is not cited

      Examples:
        | version |
        | 2.41.0  |
        | 2.41.1  |
        | 2.42.0  |
        | 2.61.0  |
        | 2.100.0 |
        | 3.0.0   |

    Scenario Outline: Azure CLI <version> is too old to enable backup
      Given backup is enabled with Azure CLI <version>
      When backup is configured
      Then the backup is refused citing SM-SUP-15
      And the finding of SM-SUP-15 is about tooling.azure_cli and says "Azure CLI <version> is older than 2.41.0; run az upgrade."

      Examples:
        | version | note                                             |
        | 2.40.0  | the release just before the minimum              |
        | 2.40.9  | a patch of the release before the minimum        |
        | 2.9.0   | older, although "2.9" sorts after "2.41" as text |
        | 1.99.0  | a previous major version                         |

    Scenario: an old Azure CLI cannot install the extension either
      Given backup is enabled with Azure CLI 2.40.0
      When the extension is installed
      Then the installation is refused citing SM-SUP-15

    Scenario: an Azure CLI whose version is not given leaves the answer unknown, not refused
      Given backup is enabled with the Azure CLI of an unknown version
      When backup is configured
      Then the backup is unknown: SM-SUP-15 cannot tell whether the Azure CLI is 2.41.0 or later without tooling.azure_cli

    Scenario: an old Azure CLI cannot create a policy either
      Given backup is enabled with Azure CLI 2.40.0
      When the policy is created
      Then the policy is refused citing SM-SUP-15

    Scenario: an Azure CLI too old to enable backup leaves the answer unknown when the tool is not given
      Given the policy keeps only the Operational tier
      And the tool that enables backup is not given, with Azure CLI 2.40.0 and azurerm 3.99.0 installed
      When backup is configured
      Then the backup is unknown: SM-SUP-15 cannot tell whether backup is enabled with the Azure CLI without tooling.deployed_with
      And SM-SUP-16 is not cited

    Scenario: with every tool recent enough, the tool that enables backup need not be given
      Given the policy keeps only the Operational tier
      And the tool that enables backup is not given, with Azure CLI 2.41.0 and azurerm 3.99.0 installed
      When backup is configured
      Then the backup is supported
      And SM-SUP-15 is not cited
      And SM-SUP-16 is not cited

    Scenario: the Azure CLI version does not matter when backup is enabled from the portal
      Given backup is enabled from the portal with Azure CLI 2.30.0 also installed
      When backup is configured
      Then the backup is supported
      And SM-SUP-15 is not cited

  @SM-SUP-16
  Rule: Enabling backup with Terraform needs the azurerm provider 3.99.0 or later

    Scenario Outline: azurerm <version> can enable Operational-tier backup
      Given the policy keeps only the Operational tier
      And backup is enabled with Terraform and azurerm <version>
      When backup is configured
      Then the backup is supported
      And SM-SUP-16 is not cited

      Examples:
        | version |
        | 3.99.0  |
        | 3.100.0 |
        | 3.117.1 |
        | 4.0.0   |

    Scenario Outline: azurerm <version> is too old to enable backup
      Given the policy keeps only the Operational tier
      And backup is enabled with Terraform and azurerm <version>
      When backup is configured
      Then the backup is refused citing SM-SUP-16
      And the finding of SM-SUP-16 is about tooling.terraform_azurerm and says "azurerm provider <version> is older than 3.99.0."

      Examples:
        | version | note                                             |
        | 3.98.0  | the release just before the minimum              |
        | 3.9.0   | older, although "3.9" sorts after "3.99" as text |
        | 2.99.0  | a previous major version                         |

    Scenario: a Terraform deployment whose azurerm version is not given leaves the answer unknown
      Given the policy keeps only the Operational tier
      And backup is enabled with Terraform and an unknown azurerm version
      When backup is configured
      Then the backup is unknown: SM-SUP-16 cannot tell whether the azurerm provider is 3.99.0 or later without tooling.terraform_azurerm

    Scenario: an azurerm provider too old to enable backup leaves the answer unknown when the tool is not given
      Given the policy keeps only the Operational tier
      And the tool that enables backup is not given, with Azure CLI 2.41.0 and azurerm 3.98.0 installed
      When backup is configured
      Then the backup is unknown: SM-SUP-16 cannot tell whether backup is enabled with Terraform without tooling.deployed_with
      And SM-SUP-15 is not cited

    Scenario: without the tool or any version, neither minimum version can be checked
      Given the policy keeps only the Operational tier
      And neither the tool that enables backup nor any tool's version is given
      When backup is configured
      Then the backup is unknown: SM-SUP-16 cannot tell whether backup is enabled with Terraform without tooling.deployed_with
      And the backup is unknown: SM-SUP-15 cannot tell whether backup is enabled with the Azure CLI without tooling.deployed_with

  @SM-VLT-13
  Rule: A Terraform deployment cannot set up the Vault tier

    Scenario: Terraform cannot configure a policy that keeps the Vault tier
      Given backup is enabled with Terraform and azurerm 3.99.0
      When backup is configured
      Then the backup is refused citing SM-VLT-13
      And the finding of SM-VLT-13 is about policy.vault and says "a Terraform deployment cannot configure the Vault tier"

    Scenario: Terraform cannot create a policy that keeps the Vault tier
      Given backup is enabled with Terraform and azurerm 4.0.0
      When the policy is created
      Then the policy is refused citing SM-VLT-13

    Scenario: Terraform can configure an Operational-only policy
      Given the policy keeps only the Operational tier
      And backup is enabled with Terraform and azurerm 3.99.0
      When backup is configured
      Then the backup is supported
      And SM-VLT-13 is not cited

    Scenario: a policy with the Vault tier leaves the answer unknown when the tool is not given
      Given the tool that enables backup is not given, with Azure CLI 2.41.0 and azurerm 3.99.0 installed
      When backup is configured
      Then the backup is unknown: SM-VLT-13 cannot tell whether Terraform would configure the Vault tier without tooling.deployed_with
      And SM-SUP-15 is not cited
      And SM-SUP-16 is not cited

    Scenario: a Terraform deployment whose policy is not given leaves the answer unknown
      Given backup is enabled with Terraform and azurerm 3.99.0
      And the environment does not give policy
      When backup is configured
      Then the backup is unknown: SM-VLT-13 cannot tell whether the Terraform deployment asks for the Vault tier without policy

    Scenario Outline: the Vault tier can be set up from <tool>
      Given backup is enabled with <tool>
      When backup is configured
      Then the backup is supported
      And SM-VLT-13 is not cited
      And volume "payments/data" is backed up to the Operational and Vault tiers

      Examples:
        | tool             |
        | the portal       |
        | Azure CLI 2.61.0 |
        | Azure PowerShell |
        | an ARM template  |
        | a Bicep template |
