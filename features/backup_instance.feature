@conformance
Feature: The backup instance
  A backup instance ties one cluster to a policy in a vault: it says which namespaces are taken and
  in which resource group the disk snapshots are kept. Once it exists its set-up is fixed; to change it,
  a new backup instance is configured. Three namespaces that Kubernetes runs for itself are never part
  of a backup, whether all namespaces are selected or they are named one by one.

  The baseline cluster has the namespaces "payments", "orders" and "kube-system", and its backup
  instance selects all namespaces.

  Background:
    Given a cluster that meets every requirement of the matrix

  @SM-UNS-07
  Rule: The backup configuration and the snapshot resource group of an existing backup instance cannot be changed

    Scenario Outline: changing the <what> of an existing backup instance is refused
      Given the change asked for is to the <what>
      When the backup instance is modified
      Then the change is refused citing SM-UNS-07
      And the finding of SM-UNS-07 is about operation.change and says "the <what> of an existing backup instance cannot be changed; create a new backup instance." and nothing more

      Examples:
        | what                    |
        | backup configuration    |
        | snapshot resource group |

    Scenario: a new backup instance with its own snapshot resource group can be configured instead
      Given the backup instance keeps its snapshots in resource group "rg-aks-snapshots-v2"
      When backup is configured
      Then the backup is supported
      And SM-UNS-07 is not cited

    @edition-2026-01-06
    Scenario: from 2026-01-06 an existing backup instance cannot be extended to Azure Files volumes
      Given the change asked for is to the volume types, to include Azure Files
      When the backup instance is modified
      Then the change is refused citing SM-UNS-07
      And the finding of SM-UNS-07 is about operation.change and says "an existing backup instance cannot be extended to Azure Files volumes; create a new backup instance for them." and nothing more

    @edition-2025-06-10
    Scenario: on 2025-06-10 including Azure Files is a change of the backup configuration like any other
      Given the change asked for is to the volume types, to include Azure Files
      When the backup instance is modified
      Then the change is refused citing SM-UNS-07
      And the finding of SM-UNS-07 is about operation.change and says "the backup configuration of an existing backup instance cannot be changed; create a new backup instance." and nothing more

  @SM-UNS-08
  Rule: kube-system, kube-node-lease and kube-public are never backed up

    Scenario: selecting all namespaces takes the workload namespaces and leaves kube-system out
      When backup is configured
      Then the backup is supported
      And namespace "payments" is included
      And namespace "orders" is included
      And namespace "kube-system" is left out citing SM-UNS-08

    Scenario Outline: naming <namespace> explicitly skips it without refusing the backup
      Given the backup instance selects the namespaces "payments" and "<namespace>"
      When backup is configured
      Then the backup is supported
      And SM-UNS-08 skips
      And the finding of SM-UNS-08 is about backup_instance.namespaces[1] and says "namespace '<namespace>' is never backed up; it is skipped."
      And namespace "<namespace>" is left out citing SM-UNS-08
      And namespace "payments" is included

      Examples:
        | namespace       |
        | kube-system     |
        | kube-node-lease |
        | kube-public     |

    Scenario: a volume in kube-system is never taken, even when all namespaces are selected
      Given the environment sets cluster.volumes[1].claim to kube-system/etcd-backup
      When backup is configured
      Then the backup is supported
      And volume "kube-system/etcd-backup" is not selected citing SM-UNS-08
      And volume "payments/data" is backed up

    Scenario: naming only workload namespaces skips nothing
      Given the backup instance selects the namespaces "payments" and "orders"
      When backup is configured
      Then the backup is supported
      And SM-UNS-08 is not cited
      And namespace "payments" is included
      And namespace "orders" is included
