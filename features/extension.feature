@conformance
Feature: The backup extension
  AKS backup works through an extension that runs inside the cluster. It needs a storage account of
  the right kind in the cluster's region, a blob container that nobody else writes to, a Linux node
  pool on x86 processors to run on, and healthy pods whenever it has work to do. It does not share a
  cluster with Velero. When backups go on to the Vault tier, the Backup vault must be able to reach
  the extension's storage account.

  Background:
    Given a cluster that meets every requirement of the matrix

  @SM-SUP-17
  Rule: Backups need the extension, installed with a storage account and a blob container of its own

    Scenario: installing the extension with an empty blob container is supported
      When the extension is installed
      Then the installation is supported
      And SM-SUP-17 is not cited

    Scenario: a blob container that already holds backup files is accepted, with a warning
      Given the extension's blob container already holds backup files
      When the extension is installed
      Then the installation is supported
      And SM-SUP-17 warns
      And the finding of SM-SUP-17 is about extension.storage_account.container.empty and says "is not empty; an empty container is preferred."

    Scenario: a blob container holding files that are not backups is refused
      Given the extension's blob container holds files that are not backups
      When the extension is installed
      Then the installation is refused citing SM-SUP-17
      And the finding of SM-SUP-17 is about extension.storage_account.container.foreign_files and says "holds files that are not backups"

    Scenario Outline: without the extension, <case> is refused
      Given the backup extension is not installed
      When <operation>
      Then the operation is refused citing SM-SUP-17
      And the finding of SM-SUP-17 is about extension.installed and says "the backup extension is not installed on the cluster."

      Examples:
        | case                             | operation                                   |
        | configuring backup               | backup is configured                        |
        | a scheduled backup               | a scheduled backup runs                     |
        | an on-demand backup              | an on-demand backup is requested            |
        | moving a point to the Vault tier | a recovery point is moved to the Vault tier |
        | a restore                        | a restore is requested                      |
        | deleting expired recovery points | expired recovery points are deleted         |

    Scenario: a cluster where it is not given whether the extension is installed leaves backups unknown
      Given the environment does not give extension.installed
      When backup is configured
      Then the backup is unknown: SM-SUP-17 cannot tell whether the backup extension is installed without extension.installed

    Scenario: a blob container whose content is not given leaves the installation unknown
      Given the environment does not give extension.storage_account.container.foreign_files
      When the extension is installed
      Then the installation is unknown: SM-SUP-17 cannot tell whether the blob container holds files that are not backups without extension.storage_account.container.foreign_files

  @SM-SUP-18
  Rule: The extension's storage account is general-purpose v2, not Premium, and in the cluster's region

    Scenario: a Standard general-purpose v2 account in the cluster's region is supported
      When the extension is installed
      Then the installation is supported
      And SM-SUP-18 is not cited

    Scenario Outline: an account in <region> for a cluster in West Europe is refused at <step>
      Given the extension's storage account is in "<region>"
      When <operation>
      Then the operation is refused citing SM-SUP-18
      And the finding of SM-SUP-18 is about extension.storage_account.region and says ", the cluster in westeurope."

      Examples:
        | region       | step                 | operation                  |
        | North Europe | installation         | the extension is installed |
        | northeurope  | installation         | the extension is installed |
        | East US      | backup configuration | backup is configured       |

    Scenario: the region is compared in ARM form, so "West Europe" is the cluster's region
      Given the extension's storage account is in "West Europe"
      When the extension is installed
      Then the installation is supported
      And SM-SUP-18 is not cited

    Scenario: a general-purpose v2 account (kind StorageV2) is accepted
      Given the extension's storage account is of kind StorageV2
      When the extension is installed
      Then the installation is supported
      And SM-SUP-18 is not cited

    Scenario Outline: a storage account of kind <kind> (<what>) is refused
      Given the extension's storage account is of kind <kind>
      When the extension is installed
      Then the installation is refused citing SM-SUP-18
      And the finding of SM-SUP-18 is about extension.storage_account.kind and says "storage account kind <kind> is not general-purpose v2 (StorageV2)."

      Examples:
        | kind             | what                       |
        | Storage          | general-purpose v1         |
        | BlobStorage      | legacy blob-only account   |
        | BlockBlobStorage | Premium block blob account |
        | FileStorage      | Premium file share account |

    Scenario Outline: a Standard account of SKU <sku> is accepted
      Given the extension's storage account has SKU <sku>
      When the extension is installed
      Then the installation is supported
      And SM-SUP-18 is not cited

      Examples:
        | sku             |
        | Standard_LRS    |
        | Standard_ZRS    |
        | Standard_GRS    |
        | Standard_GZRS   |
        | Standard_RAGRS  |
        | Standard_RAGZRS |

    Scenario Outline: a Premium account of SKU <sku> is refused
      Given the extension's storage account has SKU <sku>
      When the extension is installed
      Then the installation is refused citing SM-SUP-18
      And the finding of SM-SUP-18 is about extension.storage_account.sku and says "storage account SKU <sku> is a Premium account"

      Examples:
        | sku         |
        | Premium_LRS |
        | Premium_ZRS |

    Scenario: a storage account whose region is not given leaves the answer unknown
      Given the environment does not give extension.storage_account.region
      When the extension is installed
      Then the installation is unknown: SM-SUP-18 cannot tell whether the storage account is in the cluster's region without extension.storage_account.region

    Scenario: a cluster whose region is not given leaves the account's region unchecked
      Given the environment does not give cluster.region
      When the extension is installed
      Then the installation is unknown: SM-SUP-18 cannot tell whether the storage account is in the cluster's region without cluster.region

    Scenario Outline: a storage account whose <fact> is not given leaves the answer unknown
      Given the environment does not give extension.storage_account.<fact>
      When the extension is installed
      Then the installation is unknown: SM-SUP-18 cannot tell whether the storage account is a general-purpose v2, non-Premium account without extension.storage_account.<fact>

      Examples:
        | fact |
        | kind |
        | sku  |

  @SM-SUP-20
  Rule: The extension runs only on node pools with x86 processors and Ubuntu or Azure Linux

    Scenario Outline: a <os_sku> node pool on x86_64 takes the extension (<family>)
      Given the extension's node pool runs <os_sku> on x86_64
      When the extension is installed
      Then the installation is supported
      And SM-SUP-20 is not cited
      And SM-UNS-04 is not cited

      Examples:
        | os_sku      | family      |
        | Ubuntu      | Ubuntu      |
        | Ubuntu2204  | Ubuntu      |
        | Ubuntu2404  | Ubuntu      |
        | Ubuntu2604  | Ubuntu      |
        | AzureLinux  | Azure Linux |
        | AzureLinux3 | Azure Linux |
        | CBLMariner  | Azure Linux |
        | Mariner     | Azure Linux |

    Scenario Outline: a <os_sku> node pool on x86_64 is refused: neither Ubuntu nor Azure Linux
      Given the extension's node pool runs <os_sku> on x86_64
      When the extension is installed
      Then the installation is refused citing SM-SUP-20
      And the finding of SM-SUP-20 is about cluster.node_pools["system"] and says "node pool 'system' is <os_sku>/x86_64; the extension needs Ubuntu or Azure Linux on x86."

      Examples:
        | os_sku              |
        | AzureContainerLinux |
        | Flatcar             |

    Scenario: placing the extension on a node pool the cluster does not have is refused
      Given the extension is placed on node pool "backup"
      When the extension is installed
      Then the installation is refused citing SM-SUP-20
      And the finding of SM-SUP-20 is about extension.node_pool and says "the cluster has no node pool named 'backup'."

    Scenario: left to choose, the extension finds no pool in a cluster of Flatcar nodes
      Given the extension is left to choose its node pool
      And the system node pool runs Flatcar on x86_64
      When the extension is installed
      Then the installation is refused citing SM-SUP-20
      And the finding of SM-SUP-20 is about cluster.node_pools and says "no node pool runs Ubuntu or Azure Linux on x86"

    Scenario Outline: a <os_sku> node pool on <arch> is refused by this statement and by SM-UNS-04 alike
      Given the extension's node pool runs <os_sku> on <arch>
      When the extension is installed
      Then the installation is refused citing SM-SUP-20
      And SM-UNS-04 blocks

      Examples:
        | os_sku      | arch   |
        | Windows2022 | x86_64 |
        | Ubuntu      | arm64  |

    Scenario: left to choose, the extension finds no pool in a cluster of Windows nodes
      Given the extension is left to choose its node pool
      And the system node pool runs Windows2022 on x86_64
      When the extension is installed
      Then the installation is refused citing SM-SUP-20
      And SM-UNS-04 blocks

    Scenario Outline: a node pool whose <what> (<fact>) is not given leaves the installation unknown
      Given the environment does not give cluster.node_pools[0].<fact>
      When the extension is installed
      Then the installation is unknown: SM-SUP-20 cannot tell whether a node pool can run the extension without cluster.node_pools["system"].<fact>
      And the installation is unknown: SM-UNS-04 cannot tell whether the extension would land on a Windows or ARM64 pool without cluster.node_pools["system"].<fact>

      Examples:
        | fact   | what             |
        | os_sku | operating system |
        | arch   | processors       |

    Scenario: left to choose, the extension cannot tell whether a pool whose OS is not given would take it
      Given the extension is left to choose its node pool
      And the environment does not give cluster.node_pools[0].os_sku
      When the extension is installed
      Then the installation is unknown: SM-SUP-20 cannot tell whether a node pool can run the extension without cluster.node_pools["system"].os_sku
      And the installation is unknown: SM-UNS-04 cannot tell whether the extension would land on a Windows or ARM64 pool without cluster.node_pools["system"].os_sku

    Scenario: a cluster whose node pools are not given leaves the installation unknown
      Given the environment does not give cluster.node_pools
      When the extension is installed
      Then the installation is unknown: SM-SUP-20 cannot tell whether a node pool can run the extension without cluster.node_pools
      And the installation is unknown: SM-UNS-04 cannot tell whether the extension would land on a Windows or ARM64 pool without cluster.node_pools

  @SM-UNS-04
  Rule: Windows and ARM64 node pools cannot host the extension; such clusters add a Linux x86 pool for it

    Scenario Outline: a <os_sku> node pool is refused
      Given the extension's node pool runs <os_sku> on x86_64
      When the extension is installed
      Then the installation is refused citing SM-UNS-04
      And SM-SUP-20 blocks

      Examples:
        | os_sku        |
        | Windows2019   |
        | Windows2022   |
        | Windows2025   |
        | WindowsAnnual |

    Scenario Outline: a <os_sku> node pool on ARM64 processors is refused
      Given the extension's node pool runs <os_sku> on arm64
      When the extension is installed
      Then the installation is refused citing SM-UNS-04
      And SM-SUP-20 blocks

      Examples:
        | os_sku              |
        | Ubuntu              |
        | Ubuntu2204          |
        | Ubuntu2404          |
        | Ubuntu2604          |
        | AzureLinux          |
        | AzureLinux3         |
        | CBLMariner          |
        | Mariner             |
        | Windows2019         |
        | Windows2022         |
        | Windows2025         |
        | WindowsAnnual       |
        | AzureContainerLinux |
        | Flatcar             |

    Scenario: a Windows pool beside the Linux x86 system pool does not stop the installation
      Given the cluster also has a node pool "win" running Windows2022
      When the extension is installed
      Then the installation is supported
      And SM-UNS-04 is not cited

    Scenario: the extension placed on the Windows pool of a mixed cluster is refused
      Given the cluster also has a node pool "win" running Windows2022
      And the extension is placed on node pool "win"
      When the extension is installed
      Then the installation is refused citing SM-UNS-04
      And SM-SUP-20 blocks
      And the finding of SM-UNS-04 is about cluster.node_pools["win"] and says "node pool 'win' is Windows2022/x86_64; add a Linux x86 node pool (preferably a System pool) for the extension."

    Scenario: left to choose, the extension finds no pool in a cluster of ARM64 nodes
      Given the extension is left to choose its node pool
      And the system node pool runs AzureLinux on arm64
      When the extension is installed
      Then the installation is refused citing SM-UNS-04
      And SM-SUP-20 blocks
      And the finding of SM-UNS-04 is about cluster.node_pools and says "every node pool is Windows, ARM64 or another OS; add a Linux x86 node pool"

    Scenario: left to choose, the extension settles on the Linux x86 pool of a mixed cluster
      Given the extension is left to choose its node pool
      And the cluster also has a node pool "win" running Windows2022
      When the extension is installed
      Then the installation is supported

  @SM-SUP-21
  Rule: The cluster and the extension's pods run healthy before any backup, restore or pruning

    Scenario Outline: <case> on a healthy cluster goes ahead
      When <operation>
      Then the operation is supported
      And SM-SUP-21 is not cited

      Examples:
        | case                             | operation                                   |
        | a scheduled backup               | a scheduled backup runs                     |
        | an on-demand backup              | an on-demand backup is requested            |
        | moving a point to the Vault tier | a recovery point is moved to the Vault tier |
        | a restore                        | a restore is requested                      |
        | deleting expired recovery points | expired recovery points are deleted         |

    Scenario Outline: <case> on a stopped cluster is refused
      Given the cluster is stopped
      When <operation>
      Then the operation is refused citing SM-SUP-21
      And the finding of SM-SUP-21 is about cluster.healthy and says "the cluster is not running and healthy."

      Examples:
        | case                             | operation                                   |
        | a scheduled backup               | a scheduled backup runs                     |
        | an on-demand backup              | an on-demand backup is requested            |
        | moving a point to the Vault tier | a recovery point is moved to the Vault tier |
        | a restore                        | a restore is requested                      |
        | deleting expired recovery points | expired recovery points are deleted         |

    Scenario Outline: <case> with unhealthy extension pods is refused
      Given the extension's pods are not healthy
      When <operation>
      Then the operation is refused citing SM-SUP-21
      And the finding of SM-SUP-21 is about extension.healthy and says "the backup extension's pods are not running and healthy."

      Examples:
        | case                             | operation                                   |
        | a scheduled backup               | a scheduled backup runs                     |
        | an on-demand backup              | an on-demand backup is requested            |
        | moving a point to the Vault tier | a recovery point is moved to the Vault tier |
        | a restore                        | a restore is requested                      |
        | deleting expired recovery points | expired recovery points are deleted         |

    Scenario: a restore into another cluster whose extension pods are unhealthy is refused
      Given the restore target is another cluster whose extension pods are not healthy
      When a restore is requested
      Then the restore is refused citing SM-SUP-21
      And the finding of SM-SUP-21 is about operation.target.healthy and says "the target cluster or its backup extension is not running and healthy."

    Scenario Outline: a <what> whose health is not given leaves the answer unknown
      Given the environment does not give <fact>
      When a scheduled backup runs
      Then the backup is unknown: SM-SUP-21 cannot tell whether the cluster and the extension are running and healthy without <fact>

      Examples:
        | what      | fact              |
        | cluster   | cluster.healthy   |
        | extension | extension.healthy |

  @SM-UNS-06
  Rule: The extension does not share a cluster with Velero; velero.io labels and annotations draw a warning

    Scenario Outline: with Velero in the cluster, <case> is refused
      Given Velero is installed in the cluster
      When <operation>
      Then the operation is refused citing SM-UNS-06
      And the finding of SM-UNS-06 is about cluster.velero_installed and says "it conflicts with the backup extension."

      Examples:
        | case                     | operation                  |
        | installing the extension | the extension is installed |
        | configuring backup       | backup is configured       |
        | a scheduled backup       | a scheduled backup runs    |
        | a restore                | a restore is requested     |

    Scenario Outline: a namespace with the <kind> "<key>" is backed up, with a warning
      Given namespace "payments" carries the <kind> "<key>"
      When a scheduled backup runs
      Then the backup is supported
      And SM-UNS-06 warns
      And the finding of SM-UNS-06 is about cluster.namespaces["payments"] and says "namespace 'payments' carries velero.io labels or annotations"
      And namespace "payments" is included

      Examples:
        | kind       | key                           |
        | label      | velero.io/exclude-from-backup |
        | annotation | velero.io/restore-name        |
        | label      | backup.velero.io/backup-name  |

    Scenario: a volume annotated for Velero is backed up, with a warning
      Given volume "orders/db" carries the annotation "backup.velero.io/backup-volumes"
      When a scheduled backup runs
      Then the backup is supported
      And SM-UNS-06 warns
      And the finding of SM-UNS-06 is about cluster.volumes[1] and says "orders/db carries velero.io labels or annotations"
      And volume "orders/db" is backed up to the Operational and Vault tiers

    Scenario: ordinary Kubernetes labels draw no warning
      Given namespace "payments" carries the label "app.kubernetes.io/name"
      When a scheduled backup runs
      Then the backup is supported
      And SM-UNS-06 is not cited

    Scenario: velero.io labels on a namespace the backup never takes draw no warning
      Given namespace "kube-system" carries the label "velero.io/exclude-from-backup"
      When a scheduled backup runs
      Then the backup is supported
      And SM-UNS-06 is not cited

    Scenario: a cluster where it is not given whether Velero runs leaves the answer unknown
      Given the environment does not give cluster.velero_installed
      When a scheduled backup runs
      Then the backup is unknown: SM-UNS-06 cannot tell whether Velero runs beside the extension without cluster.velero_installed

    Scenario Outline: a label whose prefix only looks like velero.io, "<key>", draws no warning
      Given namespace "payments" carries the label "<key>"
      When a scheduled backup runs
      Then the backup is supported
      And SM-UNS-06 is not cited

      Examples:
        | key                   |
        | notvelero.io/backup   |
        | example.com/velero.io |
        | velero.io             |

  @SM-VLT-08
  Rule: For tiering, the extension's storage account is reachable publicly or trusts the Backup vault

    Scenario: a publicly reachable account lets points move to the Vault tier
      Given the extension's storage account has public network access Enabled and firewall default action Allow
      When a recovery point is moved to the Vault tier
      Then the backup is supported
      And SM-VLT-08 is not cited

    Scenario Outline: an account with public access <access> and firewall <action> that does not trust the vault stops tiering
      Given the extension's storage account has public network access <access> and firewall default action <action>
      When <operation>
      Then the operation is refused citing SM-VLT-08
      And the finding of SM-VLT-08 is about extension.storage_account.trusted_vault and says "is not public and does not trust the Backup vault"

      Examples:
        | access             | action | operation                                   |
        | Enabled            | Deny   | a recovery point is moved to the Vault tier |
        | Disabled           | Allow  | a recovery point is moved to the Vault tier |
        | Disabled           | Deny   | a recovery point is moved to the Vault tier |
        | SecuredByPerimeter | Allow  | a recovery point is moved to the Vault tier |
        | Enabled            | Deny   | a scheduled backup runs                     |
        | Enabled            | Deny   | an on-demand backup is requested            |

    Scenario Outline: an account with public access <access> and firewall <action> that trusts the vault can be tiered from
      Given the extension's storage account has public network access <access> and firewall default action <action>
      And the extension's storage account trusts the Backup vault
      When a recovery point is moved to the Vault tier
      Then the backup is supported
      And SM-VLT-08 is not cited

      Examples:
        | access   | action |
        | Enabled  | Deny   |
        | Disabled | Deny   |

    Scenario: configuring a Vault-tier backup against an unreachable account is allowed, with a warning
      Given the extension's storage account has public network access Enabled and firewall default action Deny
      When backup is configured
      Then the backup is supported
      And SM-VLT-08 warns

    Scenario: an Operational-only policy never tiers, so a closed account does not matter
      Given the extension's storage account has public network access Disabled and firewall default action Deny
      And the policy keeps only the Operational tier
      When a scheduled backup runs
      Then the backup is supported
      And SM-VLT-08 is not cited

    Scenario: tiering from an account whose public network access is not given, and that does not trust the vault, is unknown
      Given the environment does not give extension.storage_account.public_network_access
      When a recovery point is moved to the Vault tier
      Then the backup is unknown: SM-VLT-08 cannot tell whether tiering can read the extension's storage account without extension.storage_account.public_network_access

    Scenario: tiering from an account whose firewall default action is not given, and that does not trust the vault, is unknown
      Given the environment does not give extension.storage_account.default_action
      When a recovery point is moved to the Vault tier
      Then the backup is unknown: SM-VLT-08 cannot tell whether tiering can read the extension's storage account without extension.storage_account.default_action

    Scenario: tiering from a closed account that may or may not trust the vault is unknown
      Given the extension's storage account has public network access Enabled and firewall default action Deny
      And the environment does not give extension.storage_account.trusted_vault
      When a recovery point is moved to the Vault tier
      Then the backup is unknown: SM-VLT-08 cannot tell whether tiering can read the extension's storage account without extension.storage_account.trusted_vault

    Scenario: a scheduled backup through a closed account, with the policy not given, cannot tell whether it tiers
      Given the extension's storage account has public network access Enabled and firewall default action Deny
      And the environment does not give policy
      When a scheduled backup runs
      Then the backup is unknown: SM-VLT-08 cannot tell whether tiering can read the extension's storage account without policy
