@conformance
Feature: Azure Files volumes (edition 2026-01-06)
  From edition 2026-01-06 a backup also takes Azure Files volumes served by the CSI driver, when the
  share speaks SMB, holds at most 25,000 files and is reachable from all networks. Their snapshots stay
  in the share's storage account and in the Operational tier only (at most 30 days); the section on
  Azure Files volumes adds what keeps such backups usable: reclaim policy Retain, secrets in the backup
  when the account key is in one, no locks on the account, restores within the same subscription and
  region, and the portal to set it up. Edition 2025-06-10 says none of this (it skips every Azure Files
  volume, see SM-UNS-02), so these scenarios run under 2026-01-06 only.

  The baseline cluster has two disk volumes and a policy with both tiers. "files/share" below is an
  Azure Files volume over SMB whose share holds 1,200 files, on a storage account open to all networks,
  without lock, where the cluster holds the Storage File Data Privileged Contributor role; the cluster's
  Azure Files CSI driver is 1.32.2.

  Background:
    Given a cluster that meets every requirement of the matrix

  @SM-SUP-29
  Rule: Azure Files volumes over SMB are backed up, Standard and Premium shares alike

    Scenario: an Azure Files volume over SMB is backed up, to the Operational tier only
      Given the cluster also has an Azure Files volume "files/share" over SMB
      When backup is configured
      Then the backup is supported
      And SM-SUP-29 informs
      And volume "files/share" is backed up to the Operational tier only citing SM-SUP-06

    Scenario: with an Operational-only policy the Azure Files volume is kept by SM-SUP-29
      Given the policy keeps only the Operational tier
      And the cluster also has an Azure Files volume "files/share" over SMB
      When backup is configured
      Then volume "files/share" is backed up to the Operational tier only citing SM-SUP-29

    Scenario: an Azure Files volume over NFS is not one that SM-SUP-29 backs up
      Given the cluster also has an Azure Files volume "files/share" over NFS
      When backup is configured
      Then SM-SUP-29 is not cited
      And volume "files/share" is skipped citing SM-UNS-10

    Scenario: the backup names each Azure Files volume it takes over SMB
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the cluster also has an Azure Files volume "files/reports" over SMB
      When backup is configured
      Then the finding of SM-SUP-29 is about cluster.volumes and says "Azure Files volumes over SMB are backed up to the Operational tier: files/share, files/reports."

  @SM-SUP-30
  Rule: Azure Files volumes need the Azure Files CSI driver 1.32 or later

    Scenario Outline: with the Azure Files CSI driver <version> the backup goes ahead
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the cluster's Azure Files CSI driver is version <version>
      When backup is configured
      Then the backup is supported
      And SM-SUP-30 is not cited

      Examples:
        | version | note                                  |
        | 1.32.0  | the first release that is enough      |
        | 1.32    | the same release, its patch not given |
        | 1.33.1  | a later release                       |

    Scenario Outline: with the Azure Files CSI driver <version> the backup is refused
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the cluster's Azure Files CSI driver is version <version>
      When backup is configured
      Then the backup is refused citing SM-SUP-30
      And the finding of SM-SUP-30 is about cluster.storage_profile.file_csi_driver_version and says "the Azure Files CSI driver is <version>; backing up Azure Files volumes needs 1.32 or later."

      Examples:
        | version | note                            |
        | 1.31.9  | the last release before 1.32    |
        | 1.31    | a 1.31 release, patch not given |
        | 1.30.0  | an older release                |

    Scenario: a cluster whose Azure Files CSI driver is off cannot back up Azure Files volumes
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the cluster's Azure Files CSI driver is disabled
      When backup is configured
      Then the backup is refused citing SM-SUP-30
      And the finding of SM-SUP-30 is about cluster.storage_profile.file_csi_driver and says "the Azure Files CSI driver is disabled on the cluster; the Azure Files volumes cannot be backed up."

    Scenario: a cluster that does not say its Azure Files CSI driver version leaves the backup unknown
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment does not give cluster.storage_profile.file_csi_driver_version
      When backup is configured
      Then the backup is unknown: SM-SUP-30 cannot tell whether the Azure Files CSI driver is recent enough for Azure Files volumes without cluster.storage_profile.file_csi_driver_version

    Scenario: an old Azure Files CSI driver does not matter to a cluster without Azure Files volumes
      Given the cluster's Azure Files CSI driver is version 1.20.0
      When backup is configured
      Then the backup is supported
      And SM-SUP-30 is not cited

  @SM-SUP-31
  Rule: Operational retention for Azure Files volumes is at most 30 days

    Scenario: 30 days of Operational retention protect Azure Files volumes
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the policy keeps Operational points 30 days
      When backup is configured
      Then the backup is supported
      And SM-SUP-31 is not cited

    Scenario: 31 days of Operational retention cannot protect Azure Files volumes
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the policy keeps Operational points 31 days
      When backup is configured
      Then the backup is refused citing SM-SUP-31
      And the finding of SM-SUP-31 is about policy.operational.retention_days and says "the policy keeps Operational points 31 days; a policy for Azure Files volumes keeps them at most 30 days."

    Scenario: a policy that does not say its Operational retention leaves the backup of Azure Files unknown
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment does not give policy.operational.retention_days
      When backup is configured
      Then the backup is unknown: SM-SUP-31 cannot tell whether the policy keeps Azure Files backups for 30 days at most without policy.operational.retention_days

    Scenario: without a policy at all, the retention for Azure Files volumes is unknown
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment does not give policy
      When backup is configured
      Then the backup is unknown: SM-SUP-31 cannot tell whether the policy keeps Azure Files backups for 30 days at most without policy

    Scenario: a long Operational retention is fine for disks alone
      Given the policy keeps Operational points 90 days
      When backup is configured
      Then SM-SUP-31 is not cited

  @SM-UNS-10
  Rule: Azure Files volumes over NFS are not supported; they are skipped

    Scenario: an Azure Files volume over NFS is skipped and the rest is backed up
      Given the cluster also has an Azure Files volume "files/share" over NFS
      When backup is configured
      Then the backup is supported
      And volume "files/share" is skipped citing SM-UNS-10
      And the finding of SM-UNS-10 is about cluster.volumes[2] and says "files/share is an Azure Files volume over NFS; only SMB shares are backed up, it is skipped."
      And every volume other than "files/share" is backed up

    Scenario: an Azure Files volume over SMB is not skipped
      Given the cluster also has an Azure Files volume "files/share" over SMB
      When backup is configured
      Then SM-UNS-10 is not cited

    Scenario: a share whose protocol is not given leaves the answer unknown, not SMB
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment does not give cluster.volumes[2].share.protocol
      When backup is configured
      Then the backup is unknown: SM-UNS-10 cannot tell whether the share of files/share speaks SMB without cluster.volumes[2].share.protocol
      And the destination of volume "files/share" is unknown citing SM-UNS-10
      And SM-SUP-29 is not cited

    Scenario: an Azure Files volume that describes no share at all leaves the protocol unknown
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment does not give cluster.volumes[2].share
      When backup is configured
      Then the backup is unknown: SM-UNS-10 cannot tell whether the share of files/share speaks SMB without cluster.volumes[2].share
      And the destination of volume "files/share" is unknown citing SM-UNS-10

  @SM-UNS-11
  Rule: A share of more than 25,000 files is not covered

    Scenario: a share of 25,000 files is covered
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the share of "files/share" holds 25000 files
      When backup is configured
      Then the backup is supported
      And SM-UNS-11 is not cited

    Scenario Outline: a share of 25,001 files is not covered when <what>
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the share of "files/share" holds 25001 files
      When <operation>
      Then the <what> is not covered citing SM-UNS-11
      And the finding of SM-UNS-11 is about cluster.volumes[2].share.file_count and says "the share of files/share holds 25,001 files, over 25,000; restoring it may fail."

      Examples:
        | what    | operation                 |
        | backup  | backup is configured      |
        | restore | a restore is requested    |

    Scenario: a share whose number of files is not given leaves the coverage unknown
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment does not give cluster.volumes[2].share.file_count
      When backup is configured
      Then the backup is unknown: SM-UNS-11 cannot tell whether the share of files/share holds at most 25,000 files without cluster.volumes[2].share.file_count

  @SM-UNS-12
  Rule: Azure file shares behind private endpoints are not supported; only publicly reachable shares are

    Scenario: a share open to all networks is backed up
      Given the cluster also has an Azure Files volume "files/share" over SMB
      When backup is configured
      Then SM-UNS-12 is not cited
      And volume "files/share" is backed up

    Scenario: a share with a private endpoint is skipped
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the storage account of the share of "files/share" has 1 private endpoint
      When backup is configured
      Then the backup is supported
      And volume "files/share" is skipped citing SM-UNS-12
      And the finding of SM-UNS-12 is about cluster.volumes[2] and says "the share of files/share is reached through a private endpoint or is closed to public networks; only publicly reachable shares (endpoint type All) are backed up, it is skipped."

    Scenario Outline: a share whose account has public network access <access> and default action <action> is skipped
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the storage account of the share of "files/share" has public network access <access> and default action <action>
      When backup is configured
      Then volume "files/share" is skipped citing SM-UNS-12

      Examples:
        | access             | action |
        | Disabled           | Allow  |
        | SecuredByPerimeter | Allow  |
        | Enabled            | Deny   |

    Scenario Outline: a share whose storage account does not give its <what> cannot be placed
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment does not give cluster.volumes[2].share.storage_account.<field>
      When backup is configured
      Then the backup is unknown: SM-UNS-12 cannot tell whether the share of files/share is reachable from all networks without cluster.volumes[2].share.storage_account.<field>
      And the destination of volume "files/share" is unknown citing SM-UNS-12

      Examples:
        | what                           | field                 |
        | number of private endpoints    | private_endpoints     |
        | public network access          | public_network_access |
        | firewall's default action      | default_action        |

  @SM-AFS-01
  Rule: Snapshots of Azure Files volumes stay in the share's storage account

    Scenario: the backup says where the Azure Files snapshots are kept
      Given the cluster also has an Azure Files volume "files/share" over SMB
      When backup is configured
      Then SM-AFS-01 informs
      And the finding of SM-AFS-01 is about cluster.volumes[2] and says "the snapshots of files/share are kept in storage account stappfiles, not in the snapshot resource group."

    Scenario: without the account's name, the backup still says the snapshots stay with the share
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment does not give cluster.volumes[2].share.storage_account.name
      When backup is configured
      Then the backup is supported
      And the finding of SM-AFS-01 is about cluster.volumes[2] and says "the snapshots of files/share are kept in the storage account of its share, not in the snapshot resource group."

    Scenario: disks alone have no snapshots in a share's account
      When backup is configured
      Then SM-AFS-01 is not cited

  @SM-AFS-02
  Rule: Azure Files volumes should keep reclaim policy Retain, or deleting them deletes their backups

    Scenario: reclaim policy Retain keeps the backups safe
      Given the cluster also has an Azure Files volume "files/share" over SMB
      When backup is configured
      Then SM-AFS-02 is not cited

    Scenario Outline: reclaim policy <policy> warns
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And volume "files/share" has reclaim policy <policy>
      When backup is configured
      Then the backup is supported
      And SM-AFS-02 warns
      And the finding of SM-AFS-02 is about cluster.volumes[2].reclaim_policy and says "files/share has reclaim policy <policy>: deleting the claim deletes the share and every backup of it; set it to Retain."

      Examples:
        | policy  |
        | Delete  |
        | Recycle |

  @SM-AFS-03
  Rule: When the account key is kept in a secret, secrets must be in the backup

    Scenario: a key in a secret with secrets backed up is covered
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And volume "files/share" reads its storage account key from a secret
      When backup is configured
      Then the backup is supported
      And SM-AFS-03 is not cited

    Scenario Outline: a key in a secret with secrets left out is not covered (<how>)
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And volume "files/share" reads its storage account key from a secret
      And the backup instance <how>
      When <operation>
      Then the <what> is not covered citing SM-AFS-03
      And the finding of SM-AFS-03 is about backup_instance.excluded_resource_types and says "files/share reads its storage account key from a secret, but the backup instance leaves secrets out; the restored volume will not mount."

      Examples:
        | how                                   | operation              | what    |
        | excludes the resource type v1/Secret  | backup is configured   | backup  |
        | includes only the resource type v1/ConfigMap | backup is configured | backup |
        | excludes the resource type v1/Secret  | a restore is requested | restore |

    Scenario: without a key in a secret, leaving secrets out does not matter
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the backup instance excludes the resource type v1/Secret
      When backup is configured
      Then SM-AFS-03 is not cited

    Scenario: with secrets left out, a volume that does not say where its key is leaves the backup unknown
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the backup instance excludes the resource type v1/Secret
      And the environment does not give cluster.volumes[2].share.key_in_secret
      When backup is configured
      Then the backup is unknown: SM-AFS-03 cannot tell whether files/share needs secrets in the backup to mount after a restore without cluster.volumes[2].share.key_in_secret

    Scenario: with secrets backed up, where the key is kept does not matter
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment does not give cluster.volumes[2].share.key_in_secret
      When backup is configured
      Then the backup is supported
      And SM-AFS-03 is not cited

  @SM-AFS-04
  Rule: An Azure Files volume of a custom storage class needs that class backed up too

    Scenario Outline: the built-in Azure Files storage class <class> needs nothing more
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And volume "files/share" uses the storage class "<class>"
      When backup is configured
      Then SM-AFS-04 is not cited

      Examples:
        | class                 |
        | azurefile             |
        | azurefile-csi         |
        | azurefile-premium     |
        | azurefile-csi-premium |

    Scenario: a custom storage class warns
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And volume "files/share" uses the storage class "team-files-smb"
      When backup is configured
      Then the backup is supported
      And SM-AFS-04 warns
      And the finding of SM-AFS-04 is about cluster.volumes[2].storage_class and says "files/share uses the custom storage class 'team-files-smb'; back up the storage class as well."

  @SM-AFS-05
  Rule: No read-only or delete lock on the storage account of a backed-up share

    Scenario: expired recovery points of a share without locks are deleted
      Given the cluster also has an Azure Files volume "files/share" over SMB
      When expired recovery points are deleted
      Then the deletion is supported
      And SM-AFS-05 is not cited

    Scenario Outline: a <lock> lock stops the deletion of expired recovery points
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the storage account of the share of "files/share" has a <lock> lock
      When expired recovery points are deleted
      Then the deletion is refused citing SM-AFS-05
      And the finding of SM-AFS-05 is about cluster.volumes[2].share.storage_account.locks and says "the storage account of files/share's share has a <lock> lock; expired recovery points of the share cannot be deleted."

      Examples:
        | lock         |
        | CanNotDelete |
        | ReadOnly     |

    Scenario: both locks on the account are named
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment sets cluster.volumes[2].share.storage_account.locks to ["ReadOnly", "CanNotDelete"]
      When expired recovery points are deleted
      Then the deletion is refused citing SM-AFS-05
      And the finding of SM-AFS-05 is about cluster.volumes[2].share.storage_account.locks and says "has a CanNotDelete and ReadOnly lock;"

    Scenario: configuring backup of a share whose account is locked warns
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the storage account of the share of "files/share" has a CanNotDelete lock
      When backup is configured
      Then the backup is supported
      And SM-AFS-05 warns
      And the finding of SM-AFS-05 is about cluster.volumes[2].share.storage_account.locks and says "the storage account of files/share's share has a CanNotDelete lock;"

    Scenario: an account whose locks are not given leaves the deletion of expired recovery points unknown
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment does not give cluster.volumes[2].share.storage_account.locks
      When expired recovery points are deleted
      Then the deletion is unknown: SM-AFS-05 cannot tell whether a lock keeps expired recovery points of files/share from being deleted without cluster.volumes[2].share.storage_account.locks

    Scenario: configuring backup does not wait for the account's locks to be known
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment does not give cluster.volumes[2].share.storage_account.locks
      When backup is configured
      Then the backup is supported
      And SM-AFS-05 is not cited

  @SM-AFS-06
  Rule: Azure Files volumes are restored within their subscription and region only

    Scenario: restoring Azure Files volumes into the same subscription and region is supported
      Given the cluster also has an Azure Files volume "files/share" over SMB
      When a restore is requested
      Then the restore is supported
      And SM-AFS-06 is not cited

    Scenario Outline: restoring Azure Files volumes into <where> is refused
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the operation sets <path> to <value>
      When a restore is requested
      Then the restore is refused citing SM-AFS-06
      And the finding of SM-AFS-06 is about operation.target and says "the restore goes to <where>; Azure Files volumes can only be restored within the subscription and region of their storage account."

      Examples:
        | where                  | path                | value                                  |
        | another subscription   | target.subscription | "00000000-0000-0000-0000-000000000002" |
        | another region         | target.region       | "northeurope"                          |

    Scenario: a restore into another subscription and another region names both moves
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the operation sets target.subscription to "00000000-0000-0000-0000-000000000002"
      And the operation sets target.region to "northeurope"
      When a restore is requested
      Then the restore is refused citing SM-AFS-06
      And the finding of SM-AFS-06 is about operation.target and says "the restore goes to another subscription and another region;"

    Scenario: a disk-only cluster is not held back by SM-AFS-06
      Given the operation sets target.subscription to "00000000-0000-0000-0000-000000000002"
      When a restore is requested
      Then SM-AFS-06 is not cited

  @SM-AFS-07
  Rule: Disks and Azure Files may share a backup instance; with the Vault tier, Files stay Operational

    Scenario: a backup instance of disks and Azure Files with the Vault tier splits their tiers
      Given the cluster also has an Azure Files volume "files/share" over SMB
      When backup is configured
      Then the backup is supported
      And SM-AFS-07 informs
      And the finding of SM-AFS-07 is about backup_instance and says "with the Vault tier on, this backup instance copies its disks to the Vault tier but keeps its Azure Files volumes in the Operational tier; use one backup instance per kind to choose their tiers apart."
      And volume "files/share" is backed up to the Operational tier only citing SM-SUP-06
      And volume "payments/data" is backed up to the Operational and Vault tiers

    Scenario: with an Operational-only policy there is nothing to split
      Given the policy keeps only the Operational tier
      And the cluster also has an Azure Files volume "files/share" over SMB
      When backup is configured
      Then SM-AFS-07 is not cited

  @SM-AFS-08
  Rule: Backup of Azure Files volumes is configured in the Azure portal only

    Scenario: the portal configures backup of Azure Files volumes
      Given the cluster also has an Azure Files volume "files/share" over SMB
      When backup is configured
      Then SM-AFS-08 is not cited

    Scenario Outline: <tool> cannot configure backup of Azure Files volumes
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And backup is being enabled with <tool>
      When backup is configured
      Then the backup is refused citing SM-AFS-08
      And the finding of SM-AFS-08 is about tooling.deployed_with and says "backup of Azure Files volumes is configured only in the Azure portal, not with <tool>."

      Examples:
        | tool       |
        | azure-cli  |
        | powershell |
        | terraform  |
        | arm        |
        | bicep      |

    Scenario: when the tool that enables backup is not given, whether it can configure Azure Files is unknown
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment does not give tooling.deployed_with
      When backup is configured
      Then the backup is unknown: SM-AFS-08 cannot tell whether backup of the Azure Files volumes is set up in the portal without tooling.deployed_with

    Scenario: the Azure CLI still configures backup of disks alone
      Given backup is being enabled with azure-cli
      When backup is configured
      Then SM-AFS-08 is not cited

  @SM-AFS-09
  Rule: The Azure Files section repeats the limit of 25,000 files per share

    Scenario: a share of 25,001 files is not covered, citing the Azure Files section too
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the share of "files/share" holds 25001 files
      When backup is configured
      Then the backup is not covered citing SM-AFS-09
      And the finding of SM-AFS-09 is about cluster.volumes[2].share.file_count and says "the share of files/share holds 25,001 files, over 25,000; restoring it may fail."

    Scenario: a share of 25,000 files is within the limit of the Azure Files section
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the share of "files/share" holds 25000 files
      When a restore is requested
      Then the restore is supported
      And SM-AFS-09 is not cited

    Scenario: a share whose number of files is not given leaves the Azure Files section unable to tell
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment does not give cluster.volumes[2].share.file_count
      When a restore is requested
      Then the restore is unknown: SM-AFS-09 cannot tell whether the share of files/share holds at most 25,000 files without cluster.volumes[2].share.file_count

    Scenario: a share of 1,200 files is within the limit
      Given the cluster also has an Azure Files volume "files/share" over SMB
      When backup is configured
      Then SM-AFS-09 is not cited

  @SM-AFS-10
  Rule: NFS shares are skipped when a backup is made

    Scenario: the backup notes that it leaves an NFS share out
      Given the cluster also has an Azure Files volume "files/share" over NFS
      When a scheduled backup runs
      Then the backup is supported
      And SM-AFS-10 informs
      And the finding of SM-AFS-10 is about cluster.volumes[2] and says "files/share is on an NFS share: the backup leaves it out and takes the rest."
      And volume "files/share" is skipped citing SM-UNS-10

    Scenario: an SMB share is not left out
      Given the cluster also has an Azure Files volume "files/share" over SMB
      When a scheduled backup runs
      Then SM-AFS-10 is not cited

  @SM-AFS-11
  Rule: Policies for Azure Files keep at most 30 days, as a share holds at most 200 snapshots

    Scenario: a policy of 30 days suits Azure Files volumes
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the policy keeps Operational points 30 days
      When a scheduled backup runs
      Then SM-AFS-11 is not cited

    Scenario: a policy of 60 days is refused for Azure Files volumes
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the policy keeps Operational points 60 days
      When a scheduled backup runs
      Then the backup is refused citing SM-AFS-11
      And the finding of SM-AFS-11 is about policy.operational.retention_days and says "the policy keeps Operational points 60 days; a policy for Azure Files volumes keeps them at most 30 days (a share holds at most 200 snapshots at once)."

    Scenario: one day over 30 is already too long for Azure Files volumes
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the policy keeps Operational points 31 days
      When the policy is created
      Then the policy is refused citing SM-AFS-11

    Scenario: a policy that does not say its Operational retention cannot be judged for Azure Files
      Given the cluster also has an Azure Files volume "files/share" over SMB
      And the environment does not give policy.operational.retention_days
      When a scheduled backup runs
      Then the backup is unknown: SM-AFS-11 cannot tell whether the policy keeps Azure Files backups for 30 days at most without policy.operational.retention_days
