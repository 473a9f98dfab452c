@conformance
Feature: Restore and Cross Region Restore
  A recovery point can be restored into the cluster it came from or into another one, from either
  tier, also across subscriptions of one tenant. Operational-tier points stay in their region.
  Vault-tier points can also reach the Azure paired region, and only that one, when the vault is
  GeoRedundant with Cross Region Restore on. A restore from the Vault tier goes through a staging
  storage account and resource group, which must be reachable and are left behind afterwards. The
  target must have room for what is restored, and a different Kubernetes version puts the restore at
  risk.

  The baseline keeps Vault-tier copies in a GeoRedundant vault with Cross Region Restore, in West
  Europe, whose Azure paired region is North Europe.

  Background:
    Given a cluster that meets every requirement of the matrix

  @SM-REG-04
  Rule: Restores in the paired region need the Vault tier and Cross Region Restore on a GeoRedundant vault

    Scenario: Vault-tier backups in a GeoRedundant vault with Cross Region Restore are also restorable in the pair
      When backup is configured
      Then the backup is supported
      And SM-REG-04 informs
      And the finding of SM-REG-04 is about vault.cross_region_restore and says "Vault-tier points will also be restorable in North Europe."

    Scenario Outline: Cross Region Restore on a <redundancy> vault protects nothing, with a warning
      Given the vault's redundancy is <redundancy>
      When backup is configured
      Then the backup is supported
      And SM-REG-04 warns
      And the finding of SM-REG-04 is about vault.redundancy and says "Cross Region Restore needs a GeoRedundant vault; this one is <redundancy>."

      Examples:
        | redundancy       |
        | LocallyRedundant |
        | ZoneRedundant    |

    Scenario: Cross Region Restore with an Operational-only policy protects nothing, with a warning
      Given the policy keeps only the Operational tier
      When backup is configured
      Then the backup is supported
      And SM-REG-04 warns
      And the finding of SM-REG-04 is about policy.vault and says "nothing will be restorable in the paired region"

    Scenario: Cross Region Restore in a region without an Azure pair protects nothing, with a warning
      Given the backups are taken in "Italy North"
      When backup is configured
      Then the backup is supported
      And SM-REG-04 warns
      And the finding of SM-REG-04 is about cluster.region and says "Italy North has no Azure paired region"

    Scenario: a GeoRedundant vault without Cross Region Restore raises nothing at configuration
      Given Cross Region Restore is off on the vault
      When backup is configured
      Then the backup is supported
      And SM-REG-04 is not cited

    Scenario Outline: with <fact> not given, nothing is told about Cross Region Restore
      Given the environment does not give <fact>
      When backup is configured
      Then SM-REG-04 is not cited

      Examples:
        | fact                       |
        | vault.redundancy           |
        | vault.cross_region_restore |
        | cluster.region             |

  @SM-SUP-13
  Rule: Restore goes into the same or another cluster, from either tier, also in another subscription

    Scenario Outline: restoring into the original cluster from the <tier> tier is supported
      Given the restore is from the <tier> tier
      When a restore is requested
      Then the restore is supported
      And SM-SUP-13 is not cited

      Examples:
        | tier        |
        | Operational |
        | Vault       |

    Scenario Outline: restoring into another cluster from the <tier> tier is supported
      Given the restore is from the <tier> tier
      And the restore target is another cluster
      When a restore is requested
      Then the restore is supported
      And SM-SUP-13 informs

      Examples:
        | tier        |
        | Operational |
        | Vault       |

    Scenario: restoring into a cluster of another subscription is supported (cross-subscription restore)
      Given the restore target is in another subscription of the tenant
      When a restore is requested
      Then the restore is supported
      And the finding of SM-SUP-13 is about operation.target.subscription and says "cross-subscription restore"
      And SM-SUP-13 informs

    Scenario Outline: cross-subscription restore <state> on the vault refuses a target in another subscription
      Given the vault's cross-subscription restore is <state>
      And the restore target is in another subscription of the tenant
      When a restore is requested
      Then the restore is refused citing SM-SUP-13
      And the finding of SM-SUP-13 is about vault.cross_subscription_restore and says "cross-subscription restore is <state> on the vault."

      Examples:
        | state               |
        | Disabled            |
        | PermanentlyDisabled |

    Scenario: cross-subscription restore switched off on the vault does not stop a restore in the subscription
      Given the vault's cross-subscription restore is Disabled
      And the restore target is another cluster
      When a restore is requested
      Then the restore is supported

    Scenario: restoring into a cluster of another tenant is refused
      Given the restore target is in another tenant
      When a restore is requested
      Then the restore is refused citing SM-SUP-13
      And the finding of SM-SUP-13 is about operation.target.tenant and says "the target cluster is in another tenant"

    Scenario: a target in another tenant, for a cluster whose tenant is not given, leaves the answer unknown
      Given the environment does not give cluster.tenant
      And the restore target is in another tenant
      When a restore is requested
      Then the restore is unknown: SM-SUP-13 cannot tell whether the target cluster is in the cluster's tenant without cluster.tenant

    Scenario Outline: another cluster whose <fact> is not given is taken to be in the cluster's <fact>
      Given the environment does not give cluster.<fact>
      And the restore target is another cluster
      When a restore is requested
      Then SM-SUP-13 informs
      And the finding of SM-SUP-13 is about operation.target and says "restoring to another cluster." and nothing more

      Examples:
        | fact         |
        | tenant       |
        | subscription |

    Scenario: a target in another subscription, for a cluster whose subscription is not given, leaves the answer unknown
      Given the environment does not give cluster.subscription
      And the restore target is in another subscription of the tenant
      When a restore is requested
      Then the restore is unknown: SM-SUP-13 cannot tell whether the target cluster is in another subscription without cluster.subscription

    Scenario: a target in another subscription, with the vault's cross-subscription restore not given, leaves the answer unknown
      Given the environment does not give vault.cross_subscription_restore
      And the restore target is in another subscription of the tenant
      When a restore is requested
      Then the restore is unknown: SM-SUP-13 cannot tell whether the vault allows cross-subscription restore without vault.cross_subscription_restore

  @SM-SUP-14
  Rule: Operational-tier restores stay in the region; Vault-tier restores reach only the pair, with GRS and CRR

    Scenario: an Operational-tier restore into another cluster of the same region is supported
      Given the restore is from the Operational tier
      And the restore target is in region "West Europe"
      When a restore is requested
      Then the restore is supported
      And SM-SUP-14 is not cited

    Scenario Outline: an Operational-tier restore into <region> is refused
      Given the restore is from the Operational tier
      And the restore target is in region "<region>"
      When a restore is requested
      Then the restore is refused citing SM-SUP-14
      And the finding of SM-SUP-14 is about operation.target.region and says "an Operational-tier restore must stay in West Europe; the target is in <region>."

      Examples:
        | region         | why               |
        | North Europe   | the paired region |
        | France Central | another region    |

    Scenario: a Vault-tier restore into the paired region with GRS and Cross Region Restore is supported
      Given the restore is from the Vault tier
      And the restore target is in region "North Europe"
      When a restore is requested
      Then the restore is supported
      And SM-SUP-14 informs
      And SM-SUP-14 does not block
      And the finding of SM-SUP-14 is about operation.target.region and says "restoring into the paired region North Europe (Cross Region Restore)." and nothing more

    Scenario Outline: a Vault-tier restore into the paired region from a <redundancy> vault is refused
      Given the vault's redundancy is <redundancy>
      And the restore is from the Vault tier
      And the restore target is in region "North Europe"
      When a restore is requested
      Then the restore is refused citing SM-SUP-14
      And the finding of SM-SUP-14 is about vault.cross_region_restore and says "this vault: <redundancy>, Cross Region Restore on"

      Examples:
        | redundancy       |
        | LocallyRedundant |
        | ZoneRedundant    |

    Scenario: a Vault-tier restore into the paired region without Cross Region Restore is refused
      Given Cross Region Restore is off on the vault
      And the restore is from the Vault tier
      And the restore target is in region "North Europe"
      When a restore is requested
      Then the restore is refused citing SM-SUP-14
      And the finding of SM-SUP-14 is about vault.cross_region_restore and says "(this vault: GeoRedundant, Cross Region Restore off)"

    Scenario: a Vault-tier restore into a region that is not the pair is refused
      Given the restore is from the Vault tier
      And the restore target is in region "France Central"
      When a restore is requested
      Then the restore is refused citing SM-SUP-14
      And the finding of SM-SUP-14 is about operation.target.region and says "a Vault-tier restore leaves West Europe only for its Azure paired region; its pair is North Europe, not France Central."

    Scenario Outline: a Vault-tier restore into the pair from a vault whose <fact> is not given leaves the answer unknown
      Given the environment does not give vault.<fact>
      And the restore is from the Vault tier
      And the restore target is in region "North Europe"
      When a restore is requested
      Then the restore is unknown: SM-SUP-14 cannot tell whether the vault can restore into another region without vault.<fact>
      And the restore is unknown: SM-VLT-04 cannot tell whether the vault can restore into another region without vault.<fact>

      Examples:
        | fact                 |
        | redundancy           |
        | cross_region_restore |

    Scenario: a restore into another region, from a cluster whose region is not given, leaves the answer unknown
      Given the environment does not give cluster.region
      And the restore is from the Vault tier
      And the restore target is in region "North Europe"
      When a restore is requested
      Then the restore is unknown: SM-SUP-14 cannot tell whether the restore leaves the cluster's region without cluster.region
      And the restore is unknown: SM-VLT-04 cannot tell whether the target is the cluster's paired region without cluster.region

  @SM-VLT-04
  Rule: Disaster recovery reaches only the Azure paired region, from a GeoRedundant vault with Cross Region Restore

    Scenario Outline: Vault-tier backups taken in <source> are restorable in their pair <target>
      Given the backups are taken in "<source>"
      And the restore is from the Vault tier
      And the restore target is in region "<target>"
      When a restore is requested
      Then the restore is supported
      And SM-VLT-04 informs
      And SM-SUP-14 informs

      Examples:
        | source       | target           |
        | West Europe  | North Europe     |
        | North Europe | West Europe      |
        | East US      | West US          |
        | West US 3    | East US          |
        | Brazil South | South Central US |
        | Japan East   | Japan West       |

    Scenario Outline: Vault-tier backups taken in <source> cannot be restored in <target> (<why>)
      Given the backups are taken in "<source>"
      And the restore is from the Vault tier
      And the restore target is in region "<target>"
      When a restore is requested
      Then the restore is refused citing SM-VLT-04
      And SM-SUP-14 blocks
      And the finding of SM-VLT-04 is about operation.target.region and says "not <target>."

      Examples:
        | source           | target         | why                                       |
        | West Europe      | France Central | not the pair of West Europe               |
        | West Europe      | Italy North    | not the pair of West Europe               |
        | East US          | West US 3      | West US 3 pairs with East US one way only |
        | South Central US | Brazil South   | Brazil South pairs with it one way only   |
        | Italy North      | North Europe   | Italy North has no Azure pair             |
        | Italy North      | West Europe    | Italy North has no Azure pair             |

    Scenario Outline: Vault-tier backups taken in <source> reach <pair>, its pair in Azure's table
      Given the backups are taken in "<source>"
      And the restore is from the Vault tier
      And the restore target is in region "<pair>"
      When a restore is requested
      Then SM-VLT-04 informs
      And SM-SUP-14 does not block

      Examples:
        | source             | pair               |
        | eastasia           | southeastasia      |
        | southeastasia      | eastasia           |
        | australiaeast      | australiasoutheast |
        | australiasoutheast | australiaeast      |
        | australiacentral   | australiacentral2  |
        | australiacentral2  | australiacentral   |
        | brazilsouth        | southcentralus     |
        | brazilsoutheast    | brazilsouth        |
        | canadacentral      | canadaeast         |
        | canadaeast         | canadacentral      |
        | chinanorth         | chinaeast          |
        | chinaeast          | chinanorth         |
        | chinanorth2        | chinaeast2         |
        | chinaeast2         | chinanorth2        |
        | chinanorth3        | chinaeast3         |
        | chinaeast3         | chinanorth3        |
        | northeurope        | westeurope         |
        | westeurope         | northeurope        |
        | francecentral      | francesouth        |
        | francesouth        | francecentral      |
        | germanywestcentral | germanynorth       |
        | germanynorth       | germanywestcentral |
        | centralindia       | southindia         |
        | southindia         | centralindia       |
        | westindia          | southindia         |
        | jioindiawest       | jioindiacentral    |
        | jioindiacentral    | jioindiawest       |
        | japaneast          | japanwest          |
        | japanwest          | japaneast          |
        | koreacentral       | koreasouth         |
        | koreasouth         | koreacentral       |
        | norwayeast         | norwaywest         |
        | norwaywest         | norwayeast         |
        | southafricanorth   | southafricawest    |
        | southafricawest    | southafricanorth   |
        | swedencentral      | swedensouth        |
        | swedensouth        | swedencentral      |
        | switzerlandnorth   | switzerlandwest    |
        | switzerlandwest    | switzerlandnorth   |
        | ukwest             | uksouth            |
        | uksouth            | ukwest             |
        | eastus             | westus             |
        | westus             | eastus             |
        | eastus2            | centralus          |
        | centralus          | eastus2            |
        | northcentralus     | southcentralus     |
        | southcentralus     | northcentralus     |
        | westus2            | westcentralus      |
        | westcentralus      | westus2            |
        | westus3            | eastus             |
        | uaenorth           | uaecentral         |
        | uaecentral         | uaenorth           |
        | usgovarizona       | usgovtexas         |
        | usgovvirginia      | usgovtexas         |
        | usgovtexas         | usgovvirginia      |

    Scenario: a Vault-tier restore into the pair without Cross Region Restore is refused
      Given Cross Region Restore is off on the vault
      And the restore is from the Vault tier
      And the restore target is in region "North Europe"
      When a restore is requested
      Then the restore is refused citing SM-VLT-04
      And SM-SUP-14 blocks
      And the finding of SM-VLT-04 is about vault.cross_region_restore and says "restoring into another region needs a GeoRedundant vault with Cross Region Restore (this vault: GeoRedundant, Cross Region Restore off)"

    Scenario: a Vault-tier restore into a region that is not the pair, from a vault without Cross Region Restore, is refused for both reasons
      Given Cross Region Restore is off on the vault
      And the restore is from the Vault tier
      And the restore target is in region "France Central"
      When a restore is requested
      Then the restore is refused citing SM-VLT-04
      And SM-VLT-04 blocks the restore's target region
      And SM-VLT-04 blocks the vault's Cross Region Restore
      And SM-SUP-14 blocks the restore's target region
      And SM-SUP-14 blocks the vault's Cross Region Restore

    Scenario: a Vault-tier restore within the region needs no pair
      Given the restore is from the Vault tier
      And the restore target is another cluster
      When a restore is requested
      Then the restore is supported
      And SM-VLT-04 is not cited

    Scenario: the refusal names the pair the backups could reach
      Given the restore is from the Vault tier
      And the restore target is in region "France Central"
      When a restore is requested
      Then the finding of SM-VLT-04 is about operation.target.region and says "its pair is North Europe, not France Central."

    Scenario: the refusal says when the backups' region has no pair at all
      Given the backups are taken in "Italy North"
      And the restore is from the Vault tier
      And the restore target is in region "West Europe"
      When a restore is requested
      Then the finding of SM-VLT-04 is about operation.target.region and says "Italy North has no paired region, not West Europe."

  @SM-UNS-09
  Rule: Restore adds no nodes: the target needs the capacity, or an autoscaler to find it

    Scenario: a restore into a target short of capacity and without autoscaler warns
      Given the restore target lacks the capacity for the restored workloads
      When a restore is requested
      Then the restore is supported
      And the finding of SM-UNS-09 is about operation.target.sufficient_capacity and says "restore adds no nodes"
      And SM-UNS-09 warns

    Scenario: a target short of capacity that runs the cluster autoscaler raises nothing
      Given the restore target lacks the capacity for the restored workloads
      And the restore target runs the cluster autoscaler
      When a restore is requested
      Then the restore is supported
      And SM-UNS-09 is not cited

    Scenario: a target with the capacity raises nothing
      Given the restore target has the capacity for the restored workloads
      When a restore is requested
      Then the restore is supported
      And SM-UNS-09 is not cited

  @SM-VLT-09
  Rule: After a Vault-tier restore the staging storage account and resource group stay and must be deleted by hand

    Scenario: a Vault-tier restore warns that the staging resources are left behind
      Given the restore is from the Vault tier
      And the staging resource group is "rg-aks-restore-staging"
      When a restore is requested
      Then the restore is supported
      And SM-VLT-09 warns
      And the finding of SM-VLT-09 is about operation.staging and says "staging resource group 'rg-aks-restore-staging'"

    Scenario: an Operational-tier restore uses no staging location
      Given the restore is from the Operational tier
      When a restore is requested
      Then the restore is supported
      And SM-VLT-09 is not cited

  @SM-VLT-10
  Rule: The staging storage account of a restore allows public network access

    Scenario: a Vault-tier restore through a public staging account is supported
      Given the restore is from the Vault tier
      And the staging storage account's public network access is Enabled
      When a restore is requested
      Then the restore is supported
      And SM-VLT-10 is not cited

    Scenario Outline: a Vault-tier restore through a staging account with public access <access> is refused
      Given the restore is from the Vault tier
      And the staging storage account's public network access is <access>
      When a restore is requested
      Then the restore is refused citing SM-VLT-10
      And the finding of SM-VLT-10 is about operation.staging.public_network_access and says "public network access is <access>;"

      Examples:
        | access             |
        | Disabled           |
        | SecuredByPerimeter |

    Scenario: an Operational-tier restore does not go through the staging account
      Given the restore is from the Operational tier
      And the staging storage account's public network access is Disabled
      When a restore is requested
      Then the restore is supported
      And SM-VLT-10 is not cited

  @SM-VLT-11
  Rule: A restore into a private cluster needs a private endpoint between it and the staging storage account

    Scenario: a Vault-tier restore into a private cluster without that private endpoint is refused
      Given the restore is from the Vault tier
      And the restore target is another cluster with a private API server
      When a restore is requested
      Then the restore is refused citing SM-VLT-11
      And the finding of SM-VLT-11 is about operation.staging.private_endpoint_to_target and says "no private endpoint to the staging storage account"

    Scenario: a Vault-tier restore into a private cluster with that private endpoint is supported
      Given the restore is from the Vault tier
      And the restore target is another cluster with a private API server
      And the staging storage account has a private endpoint to the target cluster
      When a restore is requested
      Then the restore is supported
      And SM-VLT-11 is not cited

    Scenario: a Vault-tier restore into a public cluster needs no private endpoint
      Given the restore is from the Vault tier
      And the restore target is another cluster with a public API server
      When a restore is requested
      Then the restore is supported
      And SM-VLT-11 is not cited

    Scenario: an Operational-tier restore into a private cluster uses no staging account
      Given the restore is from the Operational tier
      And the restore target is another cluster with a private API server
      When a restore is requested
      Then the restore is supported
      And SM-VLT-11 is not cited

    Scenario: a Vault-tier restore into the original cluster, which is private, needs that private endpoint
      Given the environment sets cluster.private_cluster to true
      And the restore is from the Vault tier
      When a restore is requested
      Then SM-VLT-11 blocks

    Scenario: the privacy of the backed-up cluster says nothing about another target cluster
      Given the environment sets cluster.private_cluster to true
      And the restore is from the Vault tier
      And the restore target is another cluster
      When a restore is requested
      Then SM-VLT-11 is not cited

    Scenario: a Vault-tier restore into the original cluster, whose privacy is not given, leaves the answer unknown
      Given the environment does not give cluster.private_cluster
      And the restore is from the Vault tier
      When a restore is requested
      Then the restore is unknown: SM-VLT-11 cannot tell whether the restore's target cluster is private without cluster.private_cluster

  @SM-VLT-12
  Rule: A target on another Kubernetes version than the backed-up cluster puts the restore outside support

    @edition-2025-06-10
    Scenario Outline: restoring a 1.31 backup into Kubernetes <version> from the <tier> tier is not covered
      Given the restore is from the <tier> tier
      And the restore target runs Kubernetes <version>
      When a restore is requested
      Then the restore is not covered citing SM-VLT-12
      And the finding of SM-VLT-12 is about operation.target.kubernetes_version and says "the target runs Kubernetes <version>, the backup was taken on 1.31.5;"

      Examples:
        | version | tier        |
        | 1.32.4  | Operational |
        | 1.32.4  | Vault       |
        | 1.30.9  | Operational |
        | 1.30.9  | Vault       |

    Scenario Outline: a target on another patch of the same minor version, <version>, counts as the same version
      Given the restore target runs Kubernetes <version>
      When a restore is requested
      Then the restore is supported
      And SM-VLT-12 is not cited

      @edition-2025-06-10
      Examples: a 1.31 cluster (the baseline of 2025-06-10)
        | version |
        | 1.31.5  |
        | 1.31.8  |
        | 1.31    |

      @edition-2026-01-06
      Examples: a 1.33 cluster (the baseline of 2026-01-06)
        | version |
        | 1.33.5  |
        | 1.33.1  |
        | 1.33    |

    Scenario: a Vault-tier restore into another version points to the hydrated staging resources
      Given the restore is from the Vault tier
      And the restore target runs Kubernetes 1.32.4
      When a restore is requested
      Then the finding of SM-VLT-12 is about operation.target.kubernetes_version and says "The hydrated staging resources can be used to restore by hand."

    @edition-2026-01-06
    Scenario Outline: restoring a 1.33 backup into Kubernetes <version> from the <tier> tier is not covered
      Given the restore is from the <tier> tier
      And the restore target runs Kubernetes <version>
      When a restore is requested
      Then the restore is not covered citing SM-VLT-12
      And the finding of SM-VLT-12 is about operation.target.kubernetes_version and says "the target runs Kubernetes <version>, the backup was taken on 1.33.5;"

      Examples:
        | version | tier        |
        | 1.34.1  | Operational |
        | 1.34.1  | Vault       |
        | 1.32.4  | Operational |
        | 1.32.4  | Vault       |

    @edition-2025-06-10
    Scenario: an Operational-tier restore into another version has no staging resources to point to
      Given the restore is from the Operational tier
      And the restore target runs Kubernetes 1.32.4
      When a restore is requested
      Then the finding of SM-VLT-12 is about operation.target.kubernetes_version and says "the target runs Kubernetes 1.32.4, the backup was taken on 1.31.5; the restore may fail or finish with warnings (deprecated resources)." and nothing more

    Scenario: a target version with the backed-up cluster's version not given leaves the answer unknown
      Given the environment does not give cluster.kubernetes_version
      And the restore target runs Kubernetes 1.32.4
      When a restore is requested
      Then the restore is unknown: SM-VLT-12 cannot tell whether the target runs the backed-up Kubernetes version without cluster.kubernetes_version
