@conformance
Feature: The Backup vault
  The Backup vault holds the policies and the backup instances, and the Vault-tier copies. It sits
  in the cluster's region and tenant. What it offers around the backups is stated here: alerts
  through Azure Monitor, reports that show AKS data under the "All" workload filter, soft delete for
  Vault-tier points, multi-user authorization, immutability without WORM, and customer-managed keys
  for the Vault tier. Its managed identity needs roles, and fresh role assignments need time.

  Background:
    Given a cluster that meets every requirement of the matrix

  @SM-SUP-12
  Rule: The vault shares the cluster's region and tenant; the subscription may differ

    Scenario: a vault beside the cluster, in its subscription, is supported
      When backup is configured
      Then the backup is supported
      And SM-SUP-12 is not cited

    Scenario: a vault in another subscription of the same tenant is supported
      Given the vault is in another subscription of the cluster's tenant
      When backup is configured
      Then the backup is supported
      And SM-SUP-12 informs
      And the finding of SM-SUP-12 is about vault.subscription and says "another subscription of the cluster's tenant"

    Scenario Outline: a vault in <region> for a cluster in West Europe is refused at <step>
      Given the vault is in region "<region>"
      When <operation>
      Then the operation is refused citing SM-SUP-12
      And the finding of SM-SUP-12 is about vault.region and says "and the cluster in westeurope; they must share a region."

      Examples:
        | region       | step                 | operation               |
        | North Europe | backup configuration | backup is configured    |
        | East US      | backup configuration | backup is configured    |
        | North Europe | a scheduled backup   | a scheduled backup runs |

    Scenario: a vault in another tenant is refused
      Given the vault is in another tenant
      When backup is configured
      Then the backup is refused citing SM-SUP-12
      And the finding of SM-SUP-12 is about vault.tenant and says "the vault and the cluster are in different tenants."

    Scenario: a vault whose tenant is not given leaves the answer unknown, not "different tenants"
      Given the environment does not give vault.tenant
      When backup is configured
      Then the backup is unknown: SM-SUP-12 cannot tell whether the vault and the cluster share a tenant without vault.tenant

    Scenario Outline: with <fact> not given, nothing is told about the vault's subscription
      Given the vault is in another subscription of the cluster's tenant
      And the environment does not give <fact>
      When backup is configured
      Then SM-SUP-12 is not cited

      Examples:
        | fact                 |
        | cluster.subscription |
        | vault.subscription   |

    Scenario Outline: a cluster whose <fact> is not given leaves the answer unknown
      Given the environment does not give cluster.<fact>
      When backup is configured
      Then the backup is unknown: SM-SUP-12 cannot tell whether the vault and the cluster share a <fact> without cluster.<fact>

      Examples:
        | fact   |
        | region |
        | tenant |

    Scenario: a vault whose region is not given leaves the answer unknown
      Given the environment does not give vault.region
      When backup is configured
      Then the backup is unknown: SM-SUP-12 cannot tell whether the vault and the cluster share a region without vault.region

  @SM-SUP-22
  Rule: Backup failures are alerted through Azure Monitor

    Scenario Outline: failure alerts through <via> are supported
      Given backup failures are to be notified through <via>
      When alerts are configured
      Then the configuration is supported
      And SM-SUP-22 informs
      And the finding of SM-SUP-22 is about operation.via and says "backup failures raise <via> alerts through Azure Monitor."

      Examples:
        | via             |
        | AzureMonitor    |
        | ClassicAlerts   |
        | CustomLogAlerts |

    Scenario: failure alerts through something other than Azure Monitor are not offered
      Given backup failures are to be notified through Other
      When alerts are configured
      Then the configuration is refused citing SM-SUP-22
      And the finding of SM-SUP-22 is about operation.via and says "backup failure alerts come only through Azure Monitor"

  @SM-SUP-23
  Rule: Backup reports show AKS backups only when the workload type filter is "All"

    Scenario: the report filtered on all workload types shows the AKS backups
      Given the report's workload type filter is "All"
      When the backup report is opened
      Then the report is supported
      And SM-SUP-23 is not cited

    Scenario Outline: the report filtered on "<workload>" shows no AKS backup data
      Given the report's workload type filter is "<workload>"
      When the backup report is opened
      Then the report is refused citing SM-SUP-23
      And the finding of SM-SUP-23 is about operation.workload_type and says "with the workload type filter on '<workload>' the reports show no AKS backup data"

      Examples:
        | workload                 |
        | Azure Virtual Machine    |
        | Azure Disks              |
        | Azure Kubernetes Service |

  @SM-SUP-24
  Rule: Soft delete protects Vault-tier points; Operational-tier snapshots are deleted for good

    Scenario Outline: deleting Vault-tier points with soft delete <state> keeps them recoverable
      Given the vault's soft delete is <state>
      And the recovery points to delete are in the Vault tier
      When recovery points are deleted
      Then the deletion is supported
      And SM-SUP-24 informs
      And the finding of SM-SUP-24 is about vault.soft_delete and says "deleted Vault-tier points are soft deleted"

      Examples:
        | state    |
        | On       |
        | AlwaysOn |

    Scenario: deleting Vault-tier points with soft delete off loses them, with a warning
      Given the vault's soft delete is Off
      And the recovery points to delete are in the Vault tier
      When recovery points are deleted
      Then the deletion is supported
      And SM-SUP-24 warns
      And the finding of SM-SUP-24 is about vault.soft_delete and says "soft delete is off on the vault"

    Scenario Outline: deleting Operational-tier snapshots is final even with soft delete <state>
      Given the vault's soft delete is <state>
      And the recovery points to delete are in the Operational tier
      When recovery points are deleted
      Then the deletion is supported
      And SM-SUP-24 warns
      And the finding of SM-SUP-24 is about operation.tier and says "Operational-tier snapshots are not soft deleted"

      Examples:
        | state    |
        | Off      |
        | On       |
        | AlwaysOn |

  @SM-SUP-25
  Rule: Multi-user authorization can guard the vault's critical operations

    Scenario: without a resource guard a critical operation goes ahead
      When a critical vault operation is requested
      Then the operation is supported
      And SM-SUP-25 informs
      And the finding of SM-SUP-25 is about vault.mua and says "the vault has no resource guard"

    Scenario: a guarded critical operation without approval is refused
      Given a resource guard protects the vault
      When a critical vault operation is requested
      Then the operation is refused citing SM-SUP-25
      And the finding of SM-SUP-25 is about operation.approved and says "is a critical operation guarded by multi-user authorization"

    Scenario: a guarded critical operation with approval goes ahead
      Given a resource guard protects the vault
      And the resource guard owner approved the operation
      When a critical vault operation is requested
      Then the operation is supported
      And SM-SUP-25 informs
      And the finding of SM-SUP-25 is about operation.approved and says "the resource guard approved this critical operation."

    Scenario: a critical operation on a vault whose resource guard is not given leaves the answer unknown
      Given the environment does not give vault.mua
      When a critical vault operation is requested
      Then the operation is unknown: SM-SUP-25 cannot tell whether a resource guard must approve this operation without vault.mua

    Scenario: an approved critical operation goes ahead whether or not a resource guard is given
      Given the environment does not give vault.mua
      And the resource guard owner approved the operation
      When a critical vault operation is requested
      Then the operation is supported
      And SM-SUP-25 is not cited

  @SM-SUP-26
  Rule: An immutable vault refuses to lose recovery points early; WORM storage is not offered

    Scenario: a vault without immutability lets points be deleted before they expire
      Given the vault's immutability is Disabled
      When recovery points are deleted
      Then the deletion is supported
      And SM-SUP-26 is not cited

    Scenario Outline: an immutable vault (<state>) refuses deleting <tier>-tier points before they expire
      Given the vault's immutability is <state>
      And the recovery points to delete are in the <tier> tier
      When recovery points are deleted
      Then the deletion is refused citing SM-SUP-26
      And the finding of SM-SUP-26 is about vault.immutability and says "the vault is immutable (<state>); recovery points cannot be deleted before they expire."

      Examples:
        | state    | tier        |
        | Unlocked | Vault       |
        | Locked   | Vault       |
        | Unlocked | Operational |
        | Locked   | Operational |

    Scenario Outline: an immutable vault (<state>) lets points go once their retention is over
      Given the vault's immutability is <state>
      And the recovery points to delete have reached the end of their retention
      When recovery points are deleted
      Then the deletion is supported
      And SM-SUP-26 is not cited

      Examples:
        | state    |
        | Unlocked |
        | Locked   |

    Scenario: deleting points early from a vault whose immutability is not given leaves the answer unknown
      Given the environment does not give vault.immutability
      When recovery points are deleted
      Then the deletion is unknown: SM-SUP-26 cannot tell whether the vault is immutable without vault.immutability

    Scenario: points at the end of their retention go whether or not the vault is immutable
      Given the environment does not give vault.immutability
      And the recovery points to delete have reached the end of their retention
      When recovery points are deleted
      Then the deletion is supported
      And SM-SUP-26 is not cited

    Scenario: configuring backup on a vault where it is not given whether WORM storage is asked for is unknown
      Given the environment does not give vault.worm
      When backup is configured
      Then the backup is unknown: SM-SUP-26 cannot tell whether WORM storage is asked for without vault.worm

    Scenario: deleting points asks nothing about WORM storage
      Given the environment does not give vault.worm
      When recovery points are deleted
      Then SM-SUP-26 is not cited

    Scenario: asking for WORM storage for the backups is refused
      Given WORM storage is asked for the backups
      When backup is configured
      Then the backup is refused citing SM-SUP-26
      And the finding of SM-SUP-26 is about vault.worm and says "WORM storage is not offered"

    Scenario: an immutable vault is itself supported for backups
      Given the vault's immutability is Locked
      When backup is configured
      Then the backup is supported
      And SM-SUP-26 is not cited

  @SM-SUP-27
  Rule: A customer-managed key covers only the Vault-tier copies

    Scenario: a vault without a customer-managed key raises nothing about keys
      When backup is configured
      Then SM-SUP-27 is not cited

    Scenario: with a Vault-tier policy the customer-managed key encrypts the vaulted copies
      Given the vault encrypts with a customer-managed key
      When backup is configured
      Then the backup is supported
      And SM-SUP-27 informs
      And the finding of SM-SUP-27 is about vault.cmk and says "the customer-managed key encrypts the Vault-tier copies"

    Scenario: with an Operational-only policy the customer-managed key covers nothing, a warning
      Given the vault encrypts with a customer-managed key
      And the policy keeps only the Operational tier
      When backup is configured
      Then the backup is supported
      And SM-SUP-27 warns
      And the finding of SM-SUP-27 is about vault.cmk and says "the policy keeps only the Operational tier"

  @SM-SUP-28
  Rule: The vault's managed identity needs its roles, and new role assignments take minutes to apply

    Scenario Outline: <case> without the vault's roles is refused
      Given the vault's managed identity has not been granted its roles
      When <operation>
      Then the operation is refused citing SM-SUP-28
      And the finding of SM-SUP-28 is about vault.role_assignments.granted and says "the vault's managed identity lacks the roles"

      Examples:
        | case               | operation              |
        | configuring backup | backup is configured   |
        | a restore          | a restore is requested |

    Scenario Outline: roles granted <minutes> minutes before <case> leave it outside support
      Given the vault's roles were granted <minutes> minutes before the operation
      When <operation>
      Then the operation is not covered citing SM-SUP-28
      And the finding of SM-SUP-28 is about vault.role_assignments.minutes_since_granted and says "roles were granted <minutes> minute(s) ago; until they take effect (about 10"

      Examples:
        | minutes | case               | operation              |
        | 0       | configuring backup | backup is configured   |
        | 9       | configuring backup | backup is configured   |
        | 9       | a restore          | a restore is requested |

    Scenario Outline: roles granted <minutes> minutes before <case> have taken effect
      Given the vault's roles were granted <minutes> minutes before the operation
      When <operation>
      Then the operation is supported
      And SM-SUP-28 is not cited

      Examples:
        | minutes | case               | operation              |
        | 10      | configuring backup | backup is configured   |
        | 10      | a restore          | a restore is requested |
        | 60      | configuring backup | backup is configured   |

    Scenario: roles granted long ago raise nothing
      When backup is configured
      Then SM-SUP-28 is not cited

    Scenario: a vault identity whose roles are not given leaves the answer unknown
      Given the environment does not give vault.role_assignments.granted
      When backup is configured
      Then the backup is unknown: SM-SUP-28 cannot tell whether the vault's identity has the roles it needs without vault.role_assignments.granted

    Scenario: roles granted at a time that is not given leave the answer unknown
      Given the environment does not give vault.role_assignments.minutes_since_granted
      When backup is configured
      Then the backup is unknown: SM-SUP-28 cannot tell whether the roles have taken effect yet without vault.role_assignments.minutes_since_granted

    @edition-2026-01-06
    Scenario: from 2026-01-06 a static Azure Files volume needs the cluster's role on its share's account
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment sets cluster.volumes[2].provisioning to static
      And the environment sets cluster.volumes[2].share.storage_account.cluster_roles to []
      When backup is configured
      Then the backup is refused citing SM-SUP-28
      And the finding of SM-SUP-28 is about cluster.volumes[2].share.storage_account.cluster_roles and says "files/share is a static Azure Files volume: the cluster needs the Storage File Data Privileged Contributor role on its share's storage account, assigned by hand"

    @edition-2026-01-06
    Scenario: from 2026-01-06 an Azure Files volume without the role, whose provisioning is not given, leaves the answer unknown
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment does not give cluster.volumes[2].provisioning
      And the environment sets cluster.volumes[2].share.storage_account.cluster_roles to []
      When backup is configured
      Then the backup is unknown: SM-SUP-28 cannot tell whether the cluster holds the Storage File Data Privileged Contributor role the share of files/share needs without cluster.volumes[2].provisioning

    @edition-2026-01-06
    Scenario: from 2026-01-06 a static Azure Files volume whose account's roles are not given leaves the answer unknown
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment sets cluster.volumes[2].provisioning to static
      And the environment does not give cluster.volumes[2].share.storage_account.cluster_roles
      When backup is configured
      Then the backup is unknown: SM-SUP-28 cannot tell whether the cluster holds the Storage File Data Privileged Contributor role the share of files/share needs without cluster.volumes[2].share.storage_account.cluster_roles

    @edition-2026-01-06
    Scenario: from 2026-01-06 a static Azure Files volume with the role on its share's account is backed up
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment sets cluster.volumes[2].provisioning to static
      When backup is configured
      Then the backup is supported
      And SM-SUP-28 is not cited

    @edition-2026-01-06
    Scenario: from 2026-01-06 a dynamic Azure Files volume gets its role from the vault
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment sets cluster.volumes[2].share.storage_account.cluster_roles to []
      When backup is configured
      Then SM-SUP-28 is not cited
