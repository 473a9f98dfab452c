@conformance
Feature: Limits
  A vault holds a bounded number of policies and backup instances, and each backup instance takes a
  bounded number of namespaces and allows a bounded number of on-demand backups and restores a day.
  Counts of things that exist are counts before the operation: the operation that would go past a
  limit is the one refused. Daily counts are per UTC calendar day.

  The baseline vault holds 1 policy and 1 backup instance, and nothing has been asked of the backup
  instance today.

  Background:
    Given a cluster that meets every requirement of the matrix

  @SM-LIM-01
  Rule: A Backup vault holds at most 5,000 backup policies

    Scenario: the 5,000th policy of a vault can be created
      Given the vault already holds 4999 backup policies
      When the policy is created
      Then the policy is supported
      And SM-LIM-01 is not cited

    Scenario Outline: a vault that already holds <count> policies takes no more
      Given the vault already holds <count> backup policies
      When the policy is created
      Then the policy is refused citing SM-LIM-01
      And the finding of SM-LIM-01 is about vault.policies and says "the vault already has <count> policies; the limit is 5,000."

      Examples:
        | count |
        | 5000  |
        | 5001  |

    Scenario: a full vault can still configure backup with a policy it already holds
      Given the vault already holds 5000 backup policies
      When backup is configured
      Then the backup is supported
      And SM-LIM-01 is not cited

    Scenario: a vault whose policies are not counted leaves creating another unknown
      Given the environment does not give vault.policies
      When the policy is created
      Then the policy is unknown: SM-LIM-01 cannot tell whether the vault has room for another policy without vault.policies

  @SM-LIM-02
  Rule: A Backup vault holds at most 5,000 backup instances

    Scenario: the 5,000th backup instance of a vault can be configured
      Given the vault already holds 4999 backup instances
      When backup is configured
      Then the backup is supported
      And SM-LIM-02 is not cited

    Scenario Outline: a vault that already holds <count> backup instances takes no more
      Given the vault already holds <count> backup instances
      When backup is configured
      Then the backup is refused citing SM-LIM-02
      And the finding of SM-LIM-02 is about vault.backup_instances and says "the vault already has <count> backup instances; the limit is 5,000."

      Examples:
        | count |
        | 5000  |
        | 5001  |

    Scenario: a full vault still runs the scheduled backups of the instances it holds
      Given the vault already holds 5000 backup instances
      When a scheduled backup runs
      Then the backup is supported
      And SM-LIM-02 is not cited

    Scenario: a vault whose backup instances are not counted leaves configuring another unknown
      Given the environment does not give vault.backup_instances
      When backup is configured
      Then the backup is unknown: SM-LIM-02 cannot tell whether the vault has room for another backup instance without vault.backup_instances

  @SM-LIM-03
  Rule: A backup instance allows at most 10 on-demand backups a day

    Scenario Outline: after <count> on-demand backups today, one more is allowed
      Given <count> on-demand backups were already taken today
      When an on-demand backup is requested
      Then the backup is supported
      And SM-LIM-03 is not cited

      Examples:
        | count |
        | 0     |
        | 9     |

    Scenario Outline: after <count> on-demand backups today, another is refused
      Given <count> on-demand backups were already taken today
      When an on-demand backup is requested
      Then the backup is refused citing SM-LIM-03
      And the finding of SM-LIM-03 is about backup_instance.on_demand_backups_today and says "<count> on-demand backups were already taken today; the limit is 10."

      Examples:
        | count |
        | 10    |
        | 11    |

    Scenario: an on-demand backup on a day whose count is not given leaves the answer unknown
      Given the environment does not give backup_instance.on_demand_backups_today
      When an on-demand backup is requested
      Then the backup is unknown: SM-LIM-03 cannot tell whether today's on-demand backups are used up without backup_instance.on_demand_backups_today

    Scenario: scheduled backups do not count against the on-demand limit
      Given 10 on-demand backups were already taken today
      When a scheduled backup runs
      Then the backup is supported
      And SM-LIM-03 is not cited

  @SM-LIM-04
  Rule: A backup instance takes at most 800 namespaces

    Scenario Outline: a backup instance that names <count> namespaces can be configured
      Given the backup instance names <count> namespaces
      When backup is configured
      Then the backup is supported
      And SM-LIM-04 is not cited

      Examples:
        | count |
        | 799   |
        | 800   |

    Scenario: a backup instance that names 801 namespaces is refused
      Given the backup instance names 801 namespaces
      When backup is configured
      Then the backup is refused citing SM-LIM-04
      And the finding of SM-LIM-04 is about backup_instance.namespaces and says "the backup instance would take 801 namespaces; the limit is 800."

    Scenario: the namespaces that are never backed up do not count toward the limit
      Given the backup instance names 800 namespaces
      And the backup instance also names "kube-system"
      When backup is configured
      Then the backup is supported
      And SM-LIM-04 is not cited
      And SM-UNS-08 skips

    Scenario: selecting all namespaces of a cluster with 800 workload namespaces is within the limit
      Given the cluster has 800 workload namespaces besides kube-system
      When backup is configured
      Then the backup is supported
      And SM-LIM-04 is not cited

    Scenario: selecting all namespaces of a cluster with 801 workload namespaces is refused
      Given the cluster has 801 workload namespaces besides kube-system
      When backup is configured
      Then the backup is refused citing SM-LIM-04
      And the finding of SM-LIM-04 is about cluster.namespaces and says "the backup instance would take 801 namespaces; the limit is 800."

    Scenario: namespaces the backup instance excludes do not count toward the limit
      Given the cluster has 801 workload namespaces besides kube-system
      And the backup instance excludes the namespace "team-003"
      When backup is configured
      Then the backup is supported
      And SM-LIM-04 is not cited
      And namespace "team-003" is left out

    Scenario: selecting all namespaces of a cluster whose namespaces are not given leaves the answer unknown
      Given the environment does not give cluster.namespaces
      When backup is configured
      Then the backup is unknown: SM-LIM-04 cannot tell how many namespaces the backup instance takes without cluster.namespaces

  @SM-LIM-05
  Rule: A backup instance allows at most 10 restores a day

    Scenario Outline: after <count> restores today, one more is allowed
      Given <count> restores were already requested today
      When a restore is requested
      Then the restore is supported
      And SM-LIM-05 is not cited

      Examples:
        | count |
        | 0     |
        | 9     |

    Scenario Outline: after <count> restores today, another is refused
      Given <count> restores were already requested today
      When a restore is requested
      Then the restore is refused citing SM-LIM-05
      And the finding of SM-LIM-05 is about backup_instance.restores_today and says "<count> restores were already requested today; the limit is 10."

      Examples:
        | count |
        | 10    |
        | 11    |

    Scenario: a restore on a day whose count is not given leaves the answer unknown
      Given the environment does not give backup_instance.restores_today
      When a restore is requested
      Then the restore is unknown: SM-LIM-05 cannot tell whether today's restores are used up without backup_instance.restores_today
