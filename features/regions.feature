@conformance
Feature: Supported regions
  Where a cluster runs decides which backup tiers it can use: both the Operational and the Vault
  tier in the regions of the matrix's first list, only the Operational tier in those of its second
  list, and no AKS backup anywhere else. Regions can be written as Azure displays them ("West US 3")
  or in ARM form ("westus3").

  Background:
    Given a cluster that meets every requirement of the matrix

  @SM-REG-01
  Rule: Both tiers are offered in the regions of the first list

    Scenario Outline: a cluster in <region> can keep backups in the Vault tier
      Given the cluster, its vault and its storage account are in "<region>"
      When backup is configured
      Then the backup is supported
      And SM-REG-01 informs
      And volume "payments/data" is backed up to the Operational and Vault tiers

      Examples:
        | region              |
        | Australia Central   |
        | Australia Central 2 |
        | Australia East      |
        | Australia Southeast |
        | Brazil South        |
        | Brazil Southeast    |
        | Canada Central      |
        | Canada East         |
        | Central India       |
        | Central US          |
        | East Asia           |
        | East US             |
        | East US 2           |
        | France Central      |
        | France South        |
        | Germany North       |
        | Germany West Central |
        | Italy North         |
        | Japan East          |
        | Japan West          |
        | Jio India West      |
        | Korea Central       |
        | Korea South         |
        | North Central US    |
        | North Europe        |
        | Norway East         |
        | Norway West         |
        | South Africa North  |
        | South Africa West   |
        | South Central US    |
        | South India         |
        | Southeast Asia      |
        | Sweden Central      |
        | Switzerland North   |
        | Switzerland West    |
        | UAE North           |
        | UK South            |
        | UK West             |
        | West Central US     |
        | West Europe         |
        | West US             |
        | West US 2           |
        | West US 3           |

    Scenario: the ARM form of a region name is the same region
      Given the cluster, its vault and its storage account are in "westus3"
      When backup is configured
      Then the backup is supported
      And SM-REG-01 informs

    Scenario: the finding names the region as Azure displays it
      Given the cluster, its vault and its storage account are in "westus3"
      When backup is configured
      Then the finding of SM-REG-01 is about cluster.region and says "West US 3 offers both the Operational and the Vault tier"

    Scenario: a policy without the Vault tier asks nothing of the second tier, so nothing is told about it
      Given the policy keeps only the Operational tier
      When backup is configured
      Then the backup is supported
      And SM-REG-01 is not cited

  @SM-REG-02
  Rule: Only the Operational tier is offered in the regions of the second list

    Scenario Outline: a Vault-tier policy in <region> is refused
      Given the cluster, its vault and its storage account are in "<region>"
      When backup is configured
      Then the backup is refused citing SM-REG-02

      Examples:
        | region          |
        | China East 2    |
        | China East 3    |
        | China North 2   |
        | China North 3   |
        | US Gov Arizona  |
        | US Gov Texas    |
        | US Gov Virginia |
        | Israel Central  |
        | Poland Central  |
        | Spain Central   |

    Scenario Outline: an Operational-only policy in <region> is supported
      Given the cluster, its vault and its storage account are in "<region>"
      And the policy keeps only the Operational tier
      When backup is configured
      Then the backup is supported
      And SM-REG-02 informs
      And volume "payments/data" is backed up to the Operational tier only citing SM-SUP-03

      Examples:
        | region          |
        | China East 2    |
        | China East 3    |
        | China North 2   |
        | China North 3   |
        | US Gov Arizona  |
        | US Gov Texas    |
        | US Gov Virginia |
        | Israel Central  |
        | Poland Central  |
        | Spain Central   |

    Scenario: the refusal names the region and the tier it lacks
      Given the cluster, its vault and its storage account are in "US Gov Virginia"
      When backup is configured
      Then the finding of SM-REG-02 is about policy.vault and says "US Gov Virginia offers only the Operational tier; the policy asks for the Vault tier"

    Scenario: an Operational-only policy is told what the region offers
      Given the cluster, its vault and its storage account are in "Israel Central"
      And the policy keeps only the Operational tier
      When backup is configured
      Then the finding of SM-REG-02 is about cluster.region and says "Israel Central offers only the Operational tier."

    Scenario: a restore from the Vault tier in a region of the second list has no Vault tier to read
      Given the cluster, its vault and its storage account are in "Poland Central"
      And the policy keeps only the Operational tier
      And the restore is from the Vault tier
      When a restore is requested
      Then the restore is refused citing SM-REG-02
      And the finding of SM-REG-02 is about operation.source_tier and says "Poland Central offers only the Operational tier; there is no Vault tier to restore from."

    Scenario Outline: a restore from the Operational tier in <region> is told what the region offers, even when the policy asks for the Vault tier
      Given the cluster, its vault and its storage account are in "<region>"
      And the restore is from the Operational tier
      When a restore is requested
      Then SM-REG-02 informs
      And SM-REG-02 does not block

      Examples:
        | region         |
        | Spain Central  |
        | China North 3  |

    Scenario: a cluster whose region is not given cannot be told whether it has the Vault tier its policy keeps
      Given the environment does not give cluster.region
      When backup is configured
      Then the backup is unknown: SM-REG-02 cannot tell whether the region offers the Vault tier this operation needs without cluster.region
      And the destination of volume "payments/data" is unknown citing SM-REG-02

    Scenario: a cluster whose region is not given asks nothing of the Vault tier with an Operational-only policy
      Given the environment does not give cluster.region
      And the policy keeps only the Operational tier
      When backup is configured
      Then SM-REG-02 is not cited

    Scenario: a restore from the Vault tier in a region that is not given cannot be told whether there is a Vault tier
      Given the environment does not give cluster.region
      And the restore is from the Vault tier
      When a restore is requested
      Then the restore is unknown: SM-REG-02 cannot tell whether the region offers the Vault tier this operation needs without cluster.region

    Scenario: a restore from the Operational tier in a region that is not given needs no Vault tier, whatever the policy keeps
      Given the environment does not give cluster.region
      And the restore is from the Operational tier
      When a restore is requested
      Then SM-REG-02 is not cited

    Scenario: in a region of the second list, a policy that is not given leaves the answer unknown
      Given the cluster, its vault and its storage account are in "Israel Central"
      And the environment does not give policy
      When backup is configured
      Then the backup is unknown: SM-REG-02 cannot tell whether the policy asks for the Vault tier, which Israel Central lacks without policy

    Scenario: a restore from the Operational tier in a region of the second list asks nothing of the policy
      Given the cluster, its vault and its storage account are in "Spain Central"
      And the environment does not give policy
      And the restore is from the Operational tier
      When a restore is requested
      Then SM-REG-02 informs
      And the finding of SM-REG-02 is about cluster.region and says "Spain Central offers only the Operational tier." and nothing more

  @SM-REG-03
  Rule: A region in neither list offers no AKS backup

    Scenario Outline: a cluster in <region> cannot be backed up
      Given the cluster, its vault and its storage account are in "<region>"
      And the policy keeps only the Operational tier
      When backup is configured
      Then the backup is refused citing SM-REG-03

      Examples:
        | region           | why                                  |
        | Austria East     | a public region the matrix omits     |
        | Mexico Central   | a public region the matrix omits     |
        | West India       | a public region the matrix omits     |
        | Sweden South     | a restricted pair region             |
        | West Europ       | misspelled                           |
        | mars-north-1     | not an Azure region                  |

    Scenario: a listed region is not refused for its name
      When backup is configured
      Then SM-REG-03 is not cited

    Scenario Outline: a cluster in <region>, a region the first list names, is not refused by SM-REG-03
      Given the cluster, its vault and its storage account are in "<region>"
      When backup is configured
      Then the backup is supported
      And SM-REG-03 is not cited

      Examples:
        | region           |
        | Italy North      |
        | Jio India West   |
        | Norway West      |
        | Sweden Central   |
        | Switzerland West |

    Scenario: a misspelt region is refused with the listed region it is closest to
      Given the cluster, its vault and its storage account are in "West Europ"
      And the policy keeps only the Operational tier
      When backup is configured
      Then the finding of SM-REG-03 is about cluster.region and says "region 'westeurop' is in neither list of supported regions. Did you mean 'West Europe' (westeurope)?"

    Scenario: a region like no listed one is refused without a suggestion
      Given the cluster, its vault and its storage account are in "mars-north-1"
      And the policy keeps only the Operational tier
      When backup is configured
      Then the finding of SM-REG-03 is about cluster.region and says "region 'mars-north-1' is in neither list of supported regions." and nothing more

    Scenario: a cluster whose region is not given leaves the answer unknown
      Given the environment does not give cluster.region
      When backup is configured
      Then the backup is unknown: SM-REG-03 cannot tell whether the cluster's region offers AKS backup without cluster.region
