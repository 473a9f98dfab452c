@conformance
Feature: Persistent volumes
  A backup takes each persistent volume on its own merits. Azure Disk volumes served by the CSI driver,
  of the Standard HDD, Standard SSD and Premium SSD families, are snapshotted; everything else (in-tree
  plugins, Azure Files, Blob and Container Storage, Premium SSD v2, Ultra Disk, static volumes that name
  no storage class) is left out while the rest of the cluster is still backed up. With the Vault tier
  on, a disk also has to be small enough and open to all networks to be copied there.

  The baseline cluster has two volumes, "payments/data" (Premium_LRS, 256 GiB) and "orders/db"
  (StandardSSD_LRS, 128 GiB), and a policy that keeps both the Operational and the Vault tier.

  Background:
    Given a cluster that meets every requirement of the matrix

  @SM-SUP-02
  Rule: Only CSI-served Azure Disk volumes are backed up; the CSI disk driver and snapshot controller must be on

    Scenario: an Azure Disk volume served by the CSI driver is backed up
      Given the cluster also has a volume "ledger/journal" served by "disk.csi.azure.com"
      When backup is configured
      Then the backup is supported
      And volume "ledger/journal" is backed up to the Operational and Vault tiers
      And SM-SUP-02 is not cited

    Scenario Outline: a volume served by <driver> (<what>), not the Azure Disk CSI driver, is skipped and the rest is backed up
      Given the cluster also has a volume "legacy/store" served by "<driver>"
      When backup is configured
      Then the backup is supported
      And volume "legacy/store" is skipped citing SM-SUP-02
      And the finding of SM-SUP-02 is about cluster.volumes[2] and says "not the Azure Disk CSI driver"
      And the finding of SM-SUP-02 is about cluster.volumes[2] and says "CSI driver; it is skipped."
      And every volume other than "legacy/store" is backed up

      Examples:
        | driver                   | what                                  |
        | kubernetes.io/azure-disk | the in-tree Azure Disk plugin         |
        | kubernetes.io/azure-file | the in-tree Azure Files plugin        |
        | nfs.csi.k8s.io           | a CSI driver the matrix does not name |
        | csi.example.com          | a CSI driver the matrix does not name |

    Scenario Outline: the skip names what serves the volume: <kind>
      Given the cluster also has a volume "legacy/store" served by "<driver>"
      When backup is configured
      Then the finding of SM-SUP-02 is about cluster.volumes[2] and says "legacy/store is served by <kind>, not the Azure Disk CSI driver"

      Examples:
        | driver                   | kind                      |
        | kubernetes.io/azure-disk | in-tree Azure Disk        |
        | kubernetes.io/azure-file | in-tree Azure Files       |
        | nfs.csi.k8s.io           | driver 'nfs.csi.k8s.io'   |

    Scenario: a cluster whose Azure Disk CSI driver is turned off cannot be backed up
      Given the cluster's Azure Disk CSI driver is disabled
      When backup is configured
      Then the backup is refused citing SM-SUP-02
      And the finding of SM-SUP-02 is about cluster.storage_profile.disk_csi_driver and says "the Azure Disk CSI driver is disabled on the cluster"

    Scenario: a cluster whose snapshot controller is turned off cannot be backed up
      Given the cluster's snapshot controller is disabled
      When backup is configured
      Then the backup is refused citing SM-SUP-02
      And the finding of SM-SUP-02 is about cluster.storage_profile.snapshot_controller and says "the snapshot controller is disabled on the cluster"

    Scenario Outline: a cluster that does not say whether its <what> is on leaves the backup unknown
      Given the environment does not give cluster.storage_profile.<field>
      When backup is configured
      Then the backup is unknown: SM-SUP-02 cannot tell whether the <what> is enabled on the cluster without cluster.storage_profile.<field>

      Examples:
        | what                  | field               |
        | Azure Disk CSI driver | disk_csi_driver     |
        | snapshot controller   | snapshot_controller |

    Scenario: a cluster that does not list its volumes leaves what the backup takes unknown
      Given the environment does not give cluster.volumes
      When backup is configured
      Then the backup is unknown: SM-SUP-02 cannot tell which volumes the backup takes without cluster.volumes

    Scenario: a volume whose driver is not given cannot be placed in the plan
      Given the environment does not give cluster.volumes[1].driver
      When backup is configured
      Then the backup is unknown: SM-SUP-02 cannot tell whether orders/db is an Azure Disk CSI volume without cluster.volumes[1].driver
      And the destination of volume "orders/db" is unknown citing SM-SUP-02
      And volume "payments/data" is backed up to the Operational and Vault tiers

    Scenario: a disk declared inline in a pod, with no claim behind it, is skipped
      Given the cluster also has a disk "payments/scratch" declared inline in pod "batch-0"
      When backup is configured
      Then the backup is supported
      And volume "payments/scratch" is skipped citing SM-SUP-02
      And the finding of SM-SUP-02 is about cluster.volumes[2] and says "payments/scratch is declared inline in pod 'batch-0', not a persistent volume; it is skipped."

    Scenario: a backup instance that includes only Azure Files shares takes no disk
      Given the backup instance includes only the volume type AzureFileShareSMB
      When backup is configured
      Then the backup is supported
      And volume "payments/data" is not selected
      And volume "orders/db" is not selected

    @edition-2025-06-10
    Scenario: in 2025-06-10 the skip names the one CSI driver whose volumes are backed up
      Given the cluster also has a volume "legacy/store" served by "kubernetes.io/azure-file"
      When backup is configured
      Then the finding of SM-SUP-02 is about cluster.volumes[2] and says "legacy/store is served by in-tree Azure Files, not the Azure Disk CSI driver; it is skipped."

    @edition-2026-01-06
    Scenario: from 2026-01-06 the skip names both CSI drivers whose volumes are backed up
      Given the cluster also has a volume "legacy/store" served by "kubernetes.io/azure-file"
      When backup is configured
      Then the finding of SM-SUP-02 is about cluster.volumes[2] and says "legacy/store is served by in-tree Azure Files, not the Azure Disk CSI driver or the Azure Files CSI driver; it is skipped."

    @edition-2026-01-06
    Scenario: from 2026-01-06 an Azure Files volume of the CSI driver is no longer skipped by SM-SUP-02
      Given the cluster also has an Azure Files volume "files/share" over SMB
      When backup is configured
      Then the backup is supported
      And SM-SUP-02 is not cited
      And volume "files/share" is backed up

  @SM-SUP-03
  Rule: Standard HDD, Standard SSD and Premium SSD disks are backed up

    Scenario Outline: a disk of SKU <sku> is backed up as a <disk type> disk
      Given the cluster's only volume is a CSI disk volume "payments/ledger" of SKU <sku>
      When backup is configured
      Then the backup is supported
      And volume "payments/ledger" is backed up to the Operational and Vault tiers
      And SM-SUP-03 reports the disk type "<disk type>"

      Examples:
        | sku             | disk type    |
        | Standard_LRS    | Standard HDD |
        | StandardSSD_LRS | Standard SSD |
        | StandardSSD_ZRS | Standard SSD |
        | Premium_LRS     | Premium SSD  |
        | Premium_ZRS     | Premium SSD  |

    Scenario: the backup names the disk types it takes, each once
      When backup is configured
      Then the finding of SM-SUP-03 is about cluster.volumes and says "disks of supported SKUs are backed up: Premium SSD, Standard SSD."

    Scenario: a cluster that does not list its volumes leaves the disk types unknown
      Given the environment does not give cluster.volumes
      When backup is configured
      Then the backup is unknown: SM-SUP-03 cannot tell which volumes the backup takes without cluster.volumes

    @edition-2025-06-10
    Scenario: in 2025-06-10 a disk whose SKU is not given may be of a type that is not backed up
      Given the environment does not give cluster.volumes[0].sku
      When backup is configured
      Then the backup is unknown: SM-SUP-03 cannot tell whether payments/data is a supported disk type without cluster.volumes[0].sku

    @edition-2026-01-06
    Scenario: from 2026-01-06 every disk SKU is backed up, so a disk whose SKU is not given is backed up too
      Given the environment does not give cluster.volumes[0].sku
      When backup is configured
      Then the backup is supported
      And volume "payments/data" is backed up to the Operational and Vault tiers

    Scenario: with an Operational-only policy a supported disk is snapshotted and goes no further
      Given the policy keeps only the Operational tier
      When backup is configured
      Then the backup is supported
      And volume "payments/data" is backed up to the Operational tier only citing SM-SUP-03

    @edition-2026-01-06
    Scenario Outline: from 2026-01-06 a <disk type> disk is backed up, and its data may show late after a restore
      Given the cluster's only volume is a CSI disk volume "payments/ledger" of SKU <sku>
      When backup is configured
      Then the backup is supported
      And volume "payments/ledger" is backed up to the Operational and Vault tiers
      And SM-SUP-03 reports the disk type "<disk type>"
      And the finding of SM-SUP-03 is about cluster.volumes[0] and says "payments/ledger is a <disk type> disk: its snapshot and restore copy data in the background, so they take longer and restored data can show after the volume is mounted."
      And SM-UNS-01 is not cited

      Examples:
        | sku           | disk type      |
        | PremiumV2_LRS | Premium SSD v2 |
        | UltraSSD_LRS  | Ultra Disk     |

  @SM-SUP-04
  Rule: Dynamic and static volumes are both backed up, but a static one must name its storage class

    Scenario Outline: a <provisioning> volume that names storage class "<class>" is backed up
      Given the cluster also has a <provisioning> disk volume "legacy/archive" with storage class "<class>"
      When backup is configured
      Then the backup is supported
      And volume "legacy/archive" is backed up to the Operational and Vault tiers
      And SM-SUP-04 is not cited

      Examples:
        | provisioning            | class               |
        | dynamically provisioned | managed-csi         |
        | statically provisioned  | managed-csi-premium |

    Scenario: a static volume that names no storage class is skipped and the rest is backed up
      Given the cluster also has a statically provisioned disk volume "legacy/archive" that names no storage class
      When backup is configured
      Then the backup is supported
      And SM-SUP-04 skips
      And volume "legacy/archive" is skipped citing SM-SUP-04
      And the finding of SM-SUP-04 is about cluster.volumes[2] and says "legacy/archive is statically provisioned and names no storage class"
      And every volume other than "legacy/archive" is backed up

    @edition-2025-06-10
    Scenario: a static volume already left out for its disk SKU is skipped for that reason alone
      Given the cluster also has a statically provisioned disk volume "legacy/archive" of SKU UltraSSD_LRS that names no storage class
      When backup is configured
      Then volume "legacy/archive" is skipped citing SM-UNS-01
      And SM-SUP-04 is not cited

    Scenario: a dynamically provisioned volume whose claim names no storage class is backed up like any disk
      Given the cluster also has a dynamically provisioned disk volume "legacy/archive" that names no storage class
      And the environment sets cluster.volumes[2].sku to Standard_LRS
      When backup is configured
      Then the backup is supported
      And volume "legacy/archive" is backed up to the Operational and Vault tiers
      And the finding of SM-SUP-03 is about cluster.volumes and says "disks of supported SKUs are backed up: Premium SSD, Standard HDD, Standard SSD."
      And SM-SUP-04 is not cited

    Scenario: a static volume whose storage class is not given cannot be placed
      Given the cluster also has a statically provisioned disk volume "legacy/archive" that names no storage class
      And the environment does not give cluster.volumes[2].storage_class
      When backup is configured
      Then the backup is unknown: SM-SUP-04 cannot tell whether legacy/archive is a static volume without a storage class without cluster.volumes[2].storage_class
      And the destination of volume "legacy/archive" is unknown citing SM-SUP-04

    Scenario: a cluster that does not list its volumes leaves static volumes unknown
      Given the environment does not give cluster.volumes
      When backup is configured
      Then the backup is unknown: SM-SUP-04 cannot tell which volumes the backup takes without cluster.volumes

    Scenario: a volume without a storage class whose provisioning is not given cannot be placed
      Given the cluster also has a statically provisioned disk volume "legacy/archive" that names no storage class
      And the environment does not give cluster.volumes[2].provisioning
      When backup is configured
      Then the backup is unknown: SM-SUP-04 cannot tell whether legacy/archive is a static volume without a storage class without cluster.volumes[2].provisioning

  @SM-SUP-07
  Rule: Snapshots are crash consistent, one volume at a time; nothing stronger is offered

    Scenario: crash-consistent snapshots are what every backup gets
      When backup is configured
      Then the backup is supported
      And SM-SUP-07 informs
      And the finding of SM-SUP-07 is about cluster.volumes and says "each volume's snapshot is crash consistent"

    Scenario: a cluster with a single volume has no instants to line up
      Given the cluster's only volume is a CSI disk volume "payments/ledger" of SKU Premium_LRS
      When backup is configured
      Then the backup is supported
      And SM-SUP-07 is not cited

    Scenario Outline: asking for <consistency> snapshots is refused
      Given the backup instance expects <consistency> snapshots
      When backup is configured
      Then the backup is refused citing SM-SUP-07
      And the finding of SM-SUP-07 is about backup_instance.consistency and says "snapshots are not offered: snapshots are crash consistent, one volume at a time."

      Examples:
        | consistency           | meaning                                      |
        | ApplicationConsistent | the application quiesced before the snapshot |
        | MultiVolumeConsistent | every volume captured at the same instant    |

  @SM-UNS-01
  Rule: Premium SSD v2 and Ultra Disk volumes are left out of backups

    Scenario Outline: a <disk type> volume is skipped and the rest is backed up
      Given the cluster also has a CSI disk volume "analytics/scratch" of SKU <sku>
      When backup is configured
      Then the backup is supported
      And volume "analytics/scratch" is skipped citing SM-UNS-01
      And SM-SUP-03 skips
      And the finding of SM-UNS-01 is about cluster.volumes[2] and says "analytics/scratch is a <disk type> disk (<sku>); it is skipped."
      And the finding of SM-SUP-03 is about cluster.volumes[2] and says "analytics/scratch is a <disk type> disk, not one of the supported disk types; it is skipped."
      And every volume other than "analytics/scratch" is backed up

      Examples:
        | sku           | disk type      |
        | PremiumV2_LRS | Premium SSD v2 |
        | UltraSSD_LRS  | Ultra Disk     |

    Scenario: a cluster with only supported disk SKUs has nothing skipped for its SKU
      When backup is configured
      Then SM-UNS-01 is not cited

    Scenario: a cluster that does not list its volumes leaves the disk SKUs unknown
      Given the environment does not give cluster.volumes
      When backup is configured
      Then the backup is unknown: SM-UNS-01 cannot tell which volumes the backup takes without cluster.volumes

    Scenario: a CSI disk whose SKU is not given leaves the answer unknown
      Given the environment does not give cluster.volumes[0].sku
      When backup is configured
      Then the backup is unknown: SM-UNS-01 cannot tell whether payments/data is a Premium SSD v2 or Ultra disk without cluster.volumes[0].sku
      And the destination of volume "payments/data" is unknown citing SM-UNS-01

  @SM-UNS-02
  Rule: Azure Files, Azure Blob Storage and Azure Container Storage volumes are left out of backups

    Scenario Outline: a volume served by <driver> (<what>) is skipped and the rest is backed up
      Given the cluster also has a volume "shared/content" served by "<driver>"
      When backup is configured
      Then the backup is supported
      And volume "shared/content" is skipped citing SM-UNS-02
      And SM-SUP-02 skips
      And the finding of SM-UNS-02 is about cluster.volumes[2] and says "shared/content is an <what> volume; it is skipped (back it up with its own solution)."
      And the finding of SM-SUP-02 is about cluster.volumes[2] and says "shared/content is an <what> volume, not an Azure Disk volume of the CSI driver; it is skipped."
      And every volume other than "shared/content" is backed up

      @edition-2025-06-10
      Examples: Azure Files is on the list until 2026-01-06
        | driver                         | what                    |
        | file.csi.azure.com             | Azure Files             |

      Examples:
        | driver                         | what                    |
        | blob.csi.azure.com             | Azure Blob Storage      |
        | containerstorage.csi.azure.com | Azure Container Storage |
        | localdisk.csi.acstor.io        | Azure Container Storage |

    Scenario: a cluster with Azure Disk volumes only has nothing skipped for its storage service
      When backup is configured
      Then SM-UNS-02 is not cited

    Scenario: a cluster that does not list its volumes leaves their storage services unknown
      Given the environment does not give cluster.volumes
      When backup is configured
      Then the backup is unknown: SM-UNS-02 cannot tell which volumes the backup takes without cluster.volumes

    @edition-2026-01-06
    Scenario: from 2026-01-06 an Azure Files volume is not on the list of unsupported storage
      Given the cluster also has an Azure Files volume "files/share" over SMB
      When backup is configured
      Then SM-UNS-02 is not cited
      And volume "files/share" is backed up

  @SM-UNS-03
  Rule: Volumes of an unsupported type are skipped on their own; the backup of everything else goes on

    @edition-2025-06-10
    Scenario: a cluster mixing supported and unsupported volumes is still backed up
      Given the cluster also has a CSI disk volume "analytics/scratch" of SKU UltraSSD_LRS
      And the cluster also has a volume "shared/content" served by "file.csi.azure.com"
      And the cluster also has a volume "legacy/store" served by "kubernetes.io/azure-disk"
      And the cluster also has a statically provisioned disk volume "legacy/archive" that names no storage class
      When backup is configured
      Then the backup is supported
      And SM-UNS-03 informs
      And the finding of SM-UNS-03 is about cluster.volumes and says "4 volume(s) are skipped; the backup of the other resources goes on."
      And volume "analytics/scratch" is skipped citing SM-UNS-01
      And volume "shared/content" is skipped citing SM-UNS-02
      And volume "legacy/store" is skipped citing SM-SUP-02
      And volume "legacy/archive" is skipped citing SM-SUP-04
      And volume "payments/data" is backed up to the Operational and Vault tiers
      And volume "orders/db" is backed up to the Operational and Vault tiers

    @edition-2025-06-10
    Scenario: a scheduled backup of a mixed cluster runs and skips the same volumes
      Given the cluster also has a CSI disk volume "analytics/scratch" of SKU PremiumV2_LRS
      And the cluster also has a volume "shared/content" served by "blob.csi.azure.com"
      When a scheduled backup runs
      Then the backup is supported
      And SM-UNS-03 informs
      And volume "analytics/scratch" is skipped citing SM-UNS-01
      And volume "shared/content" is skipped citing SM-UNS-02
      And volume "payments/data" is backed up

    Scenario: a cluster whose volumes are all supported has nothing to skip
      When backup is configured
      Then the backup is supported
      And SM-UNS-03 is not cited

    @edition-2026-01-06
    Scenario: from 2026-01-06 a mixed cluster keeps its Premium SSD v2 and SMB volumes and skips the rest
      Given the cluster also has a CSI disk volume "analytics/scratch" of SKU PremiumV2_LRS
      And the cluster also has an Azure Files volume "files/share" over SMB
      And the cluster also has an Azure Files volume "files/exports" over NFS
      And the cluster also has a volume "shared/content" served by "blob.csi.azure.com"
      And the cluster also has a volume "legacy/store" served by "kubernetes.io/azure-file"
      When backup is configured
      Then the backup is supported
      And SM-UNS-03 informs
      And the finding of SM-UNS-03 is about cluster.volumes and says "3 volume(s) are skipped; the backup of the other resources goes on."
      And volume "analytics/scratch" is backed up to the Operational and Vault tiers
      And volume "files/share" is backed up to the Operational tier only citing SM-SUP-06
      And volume "files/exports" is skipped citing SM-UNS-10
      And volume "shared/content" is skipped citing SM-UNS-02
      And volume "legacy/store" is skipped citing SM-SUP-02

  @SM-VLT-01
  Rule: Only disks of at most 1 TB reach the Vault tier; larger ones stay in the Operational tier

    Scenario Outline: a disk of <size> GiB is copied to the Vault tier
      Given the cluster also has a disk volume "warehouse/facts" of <size> GiB
      When backup is configured
      Then the backup is supported
      And volume "warehouse/facts" is backed up to the Operational and Vault tiers
      And SM-VLT-01 is not cited

      Examples:
        | size | note                                  |
        | 1    | the smallest disk                     |
        | 1023 | just under 1 TiB                      |
        | 1024 | exactly 1 TiB, read as the 1 TB limit |

    Scenario Outline: a disk of <size> GiB stays in the Operational tier only
      Given the cluster also has a disk volume "warehouse/facts" of <size> GiB
      When backup is configured
      Then the backup is supported
      And volume "warehouse/facts" is backed up to the Operational tier only citing SM-VLT-01
      And the finding of SM-VLT-01 is about cluster.volumes[2] and says "warehouse/facts is <size> GiB, over 1024 GiB; it stays in the Operational tier"
      And every volume other than "warehouse/facts" is backed up

      Examples:
        | size  | note                    |
        | 1025  | one GiB over 1 TiB      |
        | 2048  | 2 TiB                   |
        | 32767 | the largest Premium SSD |

    Scenario: with an Operational-only policy a large disk is backed up like any other
      Given the policy keeps only the Operational tier
      And the cluster also has a disk volume "warehouse/facts" of 4096 GiB
      When backup is configured
      Then volume "warehouse/facts" is backed up to the Operational tier only citing SM-SUP-03
      And SM-VLT-01 is not cited

    Scenario: a disk whose size is not given leaves the Vault tier plan unknown
      Given the environment does not give cluster.volumes[0].size_gib
      When backup is configured
      Then the backup is unknown: SM-VLT-01 cannot tell whether payments/data fits the Vault tier without cluster.volumes[0].size_gib

    Scenario: a cluster that does not list its volumes leaves the Vault tier plan unknown
      Given the environment does not give cluster.volumes
      When backup is configured
      Then the backup is unknown: SM-VLT-01 cannot tell which volumes the backup takes without cluster.volumes

    Scenario: when the policy is not given, a large disk may or may not be left out of a Vault tier
      Given the cluster also has a disk volume "warehouse/facts" of 2048 GiB
      And the environment does not give policy
      When backup is configured
      Then the backup is unknown: SM-VLT-01 cannot tell whether large disks are left out of a Vault tier without policy

    Scenario: when the policy is not given, disks of at most 1 TiB need no Vault tier plan
      Given the environment does not give policy
      When backup is configured
      Then SM-VLT-01 is not cited

    Scenario: without the Vault tier, a disk's size is not needed
      Given the policy keeps only the Operational tier
      And the environment does not give cluster.volumes[0].size_gib
      When backup is configured
      Then the backup is supported

  @SM-VLT-02
  Rule: A backup instance takes at most 100 disks; above that, backup and restore may fail and are not covered

    Scenario Outline: a backup instance with <count> disks is covered
      Given the cluster's volumes are <count> Azure Disk volumes in namespace "fleet"
      When backup is configured
      Then the backup is supported
      And SM-VLT-02 is not cited

      Examples:
        | count |
        | 99    |
        | 100   |

    Scenario Outline: a backup instance with <count> disks is not covered
      Given the cluster's volumes are <count> Azure Disk volumes in namespace "fleet"
      When backup is configured
      Then the backup is not covered citing SM-VLT-02
      And the finding of SM-VLT-02 is about cluster.volumes and says "the backup instance has <count> disks, over 100;"

      Examples:
        | count |
        | 101   |
        | 150   |

    Scenario: a cluster that does not list its volumes leaves the number of disks unknown
      Given the environment does not give cluster.volumes
      When backup is configured
      Then the backup is unknown: SM-VLT-02 cannot tell how many disks the backup instance has without cluster.volumes

    Scenario: 100 disks and a volume whose driver is not given may be 101 disks
      Given the cluster's volumes are 101 Azure Disk volumes in namespace "fleet"
      And the environment does not give cluster.volumes[100].driver
      When backup is configured
      Then the backup is unknown: SM-VLT-02 cannot tell whether the backup instance has over 100 disks without cluster.volumes[100].driver

    Scenario: 99 disks and a volume whose driver is not given are 100 disks at most
      Given the cluster's volumes are 100 Azure Disk volumes in namespace "fleet"
      And the environment does not give cluster.volumes[99].driver
      When backup is configured
      Then SM-VLT-02 is not cited

    Scenario: restoring a backup instance of 101 disks is not covered either
      Given the cluster's volumes are 101 Azure Disk volumes in namespace "fleet"
      When a restore is requested
      Then the restore is not covered citing SM-VLT-02

    Scenario: disks in namespaces the backup instance does not take are not counted
      Given the cluster's volumes are 101 Azure Disk volumes in namespace "fleet"
      And the backup instance selects only the namespace "payments"
      When backup is configured
      Then SM-VLT-02 is not cited

    Scenario: volumes that are not Azure Disks are not counted
      Given the cluster's volumes are 100 Azure Disk volumes in namespace "fleet"
      And the cluster also has a volume "shared/content" served by "blob.csi.azure.com"
      When backup is configured
      Then the backup is supported
      And SM-VLT-02 is not cited

    Scenario: disks the backup instance's label selector leaves out are not counted
      Given the cluster's volumes are 101 Azure Disk volumes in namespace "fleet"
      And volume "fleet/disk-101" is labelled tier=scratch
      And the backup instance takes only resources labelled "tier!=scratch"
      When backup is configured
      Then the backup is supported
      And SM-VLT-02 is not cited
      And volume "fleet/disk-101" is not selected
      And volume "fleet/disk-100" is backed up

  @SM-VLT-03
  Rule: Only disks open to public access from all networks can be copied to the Vault tier

    Scenario: a disk open to all networks is copied to the Vault tier
      Given the cluster also has a disk volume "secure/vault" with network access AllowAll and public network access Enabled
      When a recovery point is moved to the Vault tier
      Then the operation is supported
      And SM-VLT-03 is not cited

    Scenario Outline: configuring backup of a disk with network access <access> and public access <public> warns
      Given the cluster also has a disk volume "secure/vault" with network access <access> and public network access <public>
      When backup is configured
      Then the backup is supported
      And SM-VLT-03 warns
      And the finding of SM-VLT-03 is about cluster.volumes[2] and says "has network access <access> / public access <public>;"
      And volume "secure/vault" is backed up to the Operational tier only citing SM-VLT-03
      And volume "payments/data" is backed up to the Operational and Vault tiers citing SM-VLT-01

      Examples:
        | access       | public   |
        | AllowPrivate | Enabled  |
        | DenyAll      | Enabled  |
        | AllowAll     | Disabled |
        | AllowPrivate | Disabled |

    Scenario Outline: moving a disk with network access <access> and public access <public> to the Vault tier fails
      Given the cluster also has a disk volume "secure/vault" with network access <access> and public network access <public>
      When a recovery point is moved to the Vault tier
      Then the operation is refused citing SM-VLT-03
      And volume "secure/vault" is backed up to the Operational tier only citing SM-VLT-03
      And volume "payments/data" is backed up to the Operational and Vault tiers citing SM-VLT-01

      Examples:
        | access       | public   |
        | AllowPrivate | Enabled  |
        | DenyAll      | Enabled  |
        | AllowAll     | Disabled |
        | AllowPrivate | Disabled |

    Scenario: with an Operational-only policy a private disk is backed up without tiering
      Given the policy keeps only the Operational tier
      And the cluster also has a disk volume "secure/vault" with network access DenyAll and public network access Disabled
      When a scheduled backup runs
      Then the backup is supported
      And SM-VLT-03 is not cited

    Scenario Outline: a disk whose <what> is not given leaves tiering unknown
      Given the environment does not give cluster.volumes[0].<field>
      When a recovery point is moved to the Vault tier
      Then the operation is unknown: SM-VLT-03 cannot tell whether payments/data can be moved to the Vault tier without cluster.volumes[0].<field>

      Examples:
        | what                  | field                 |
        | network access        | network_access        |
        | public network access | public_network_access |

    @edition-2026-01-06
    Scenario Outline: from 2026-01-06 a disk whose <what> is not given leaves tiering unknown
      Given the environment does not give cluster.volumes[0].<field>
      When a recovery point is moved to the Vault tier
      Then the operation is unknown: SM-VLT-03 cannot tell whether payments/data can be moved to the Vault tier without cluster.volumes[0].<field>

      Examples:
        | what                          | field                 |
        | data-access authentication    | data_access_auth_mode |
        | encryption type               | encryption_type       |

    @edition-2025-06-10
    Scenario Outline: in 2025-06-10 a disk's <what> is not needed to move it to the Vault tier
      Given the environment does not give cluster.volumes[0].<field>
      When a recovery point is moved to the Vault tier
      Then the operation is supported
      And SM-VLT-03 is not cited

      Examples:
        | what                          | field                 |
        | data-access authentication    | data_access_auth_mode |
        | encryption type               | encryption_type       |

    Scenario: a private disk whose size is not given may be too large for the Vault tier anyway
      Given the cluster also has a disk volume "secure/vault" with network access DenyAll and public network access Enabled
      And the environment does not give cluster.volumes[2].size_gib
      When a recovery point is moved to the Vault tier
      Then the operation is unknown: SM-VLT-03 cannot tell whether secure/vault can be moved to the Vault tier without cluster.volumes[2].size_gib

    Scenario: a cluster that does not list its volumes leaves tiering unknown
      Given the environment does not give cluster.volumes
      When a recovery point is moved to the Vault tier
      Then the operation is unknown: SM-VLT-03 cannot tell which volumes the backup takes without cluster.volumes

    Scenario: configuring backup of a cluster that does not list its volumes leaves the tiering warning unsaid
      Given the environment does not give cluster.volumes
      When backup is configured
      Then SM-VLT-03 is not cited

    Scenario: when the policy is not given, tiering a private disk is unknown
      Given the cluster also has a disk volume "secure/vault" with network access DenyAll and public network access Enabled
      And the environment does not give policy
      When a recovery point is moved to the Vault tier
      Then the operation is unknown: SM-VLT-03 cannot tell whether private disks are moved to a Vault tier without policy

    Scenario: when the policy is not given, disks open to all networks need no tiering plan
      Given the environment does not give policy
      When a recovery point is moved to the Vault tier
      Then SM-VLT-03 is not cited

    @edition-2026-01-06
    Scenario Outline: from 2026-01-06 a disk with <what> gets no Vault-tier copy
      Given the cluster also has a disk volume "secure/vault" with network access AllowAll and public network access Enabled
      And the environment sets cluster.volumes[2].<field> to <value>
      When backup is configured
      Then the backup is supported
      And SM-VLT-03 warns
      And volume "secure/vault" is backed up to the Operational tier only citing SM-VLT-03
      And the finding of SM-VLT-03 is about cluster.volumes[2] and says "secure/vault has <problem>; moving it to the Vault tier fails, so it has no Vault-tier copy."

      Examples:
        | what                                 | field                 | value                                       | problem                                                                        |
        | Entra ID data-access authentication  | data_access_auth_mode | AzureActiveDirectory                        | Entra ID data-access authentication (dataAccessAuthMode AzureActiveDirectory) |
        | a disk encryption set (customer key) | encryption_type       | EncryptionAtRestWithCustomerKey             | a disk encryption set (EncryptionAtRestWithCustomerKey)                        |
        | a disk encryption set (double key)   | encryption_type       | EncryptionAtRestWithPlatformAndCustomerKeys | a disk encryption set (EncryptionAtRestWithPlatformAndCustomerKeys)            |

    @edition-2026-01-06
    Scenario: from 2026-01-06 a disk with several reasons to stay out of the Vault tier gets them all named
      Given the cluster also has a disk volume "secure/vault" with network access DenyAll and public network access Enabled
      And the environment sets cluster.volumes[2].encryption_type to EncryptionAtRestWithCustomerKey
      When backup is configured
      Then SM-VLT-03 warns
      And the finding of SM-VLT-03 is about cluster.volumes[2] and says "secure/vault has network access DenyAll / public access Enabled and a disk encryption set (EncryptionAtRestWithCustomerKey); moving it"

    @edition-2026-01-06
    Scenario Outline: from 2026-01-06 moving a disk with <what> to the Vault tier fails
      Given the cluster also has a disk volume "secure/vault" with network access AllowAll and public network access Enabled
      And the environment sets cluster.volumes[2].<field> to <value>
      When a recovery point is moved to the Vault tier
      Then the operation is refused citing SM-VLT-03

      Examples:
        | what                                | field                 | value                           |
        | Entra ID data-access authentication | data_access_auth_mode | AzureActiveDirectory            |
        | a disk encryption set               | encryption_type       | EncryptionAtRestWithCustomerKey |

    @edition-2026-01-06
    Scenario: from 2026-01-06 a platform-key disk without Entra ID data access is copied to the Vault tier
      Given the cluster also has a disk volume "secure/vault" with network access AllowAll and public network access Enabled
      And the environment sets cluster.volumes[2].data_access_auth_mode to None
      And the environment sets cluster.volumes[2].encryption_type to EncryptionAtRestWithPlatformKey
      When a recovery point is moved to the Vault tier
      Then the operation is supported
      And SM-VLT-03 is not cited

    @edition-2025-06-10
    Scenario: in 2025-06-10 a disk encryption set does not keep a disk from the Vault tier
      Given the cluster also has a disk volume "secure/vault" with network access AllowAll and public network access Enabled
      And the environment sets cluster.volumes[2].encryption_type to EncryptionAtRestWithCustomerKey
      When backup is configured
      Then SM-VLT-03 is not cited
      And volume "secure/vault" is backed up to the Operational and Vault tiers
