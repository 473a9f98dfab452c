@conformance
Feature: What a policy promises over time, told at the moment it is configured or used
  The time line itself (which backups reach the Vault tier, when, and what pruning keeps) is in
  "Backups over time". Here the same statements are read at one operation: configuring backup, a
  scheduled backup, moving a point to the Vault tier, deleting expired points. Each tells the person
  at the keyboard what to expect, as an informative finding about the part of the policy it concerns,
  and stays silent when the policy has no part it could concern.

  Background:
    Given a cluster that meets every requirement of the matrix

  @SM-SUP-09
  Rule: A scheduled backup is expected to end within 2 hours of its scheduled start

    Scenario: a scheduled backup is told how long it is expected to take
      When a scheduled backup runs
      Then SM-SUP-09 informs
      And the finding of SM-SUP-09 is about policy.start and says "within 2 hours of its scheduled start"

    Scenario: a scheduled backup whose policy is not given is told the window all the same
      Given the environment does not give policy
      When a scheduled backup runs
      Then SM-SUP-09 informs
      And the finding of SM-SUP-09 is about policy and says "the backup is expected to finish within 2 hours of its scheduled start." and nothing more

    Scenario: configuring backup runs no backup yet, so no window is told
      When backup is configured
      Then SM-SUP-09 is not cited

  @SM-SUP-10
  Rule: Only the first successful backup of each UTC day goes to the Vault tier

    Scenario Outline: a policy every <hours> hours is told that one of its <per day> daily backups goes to the Vault tier
      Given the policy backs up every <hours> hours
      When <operation>
      Then SM-SUP-10 informs
      And the finding of SM-SUP-10 is about policy.vault and says "of up to <per day> backups each UTC day, only the first to end successfully moves to the Vault tier"

      Examples:
        | hours | per day | operation                                   |
        | 4     | 6       | backup is configured                        |
        | 6     | 4       | backup is configured                        |
        | 8     | 3       | a recovery point is moved to the Vault tier |
        | 12    | 2       | backup is configured                        |

    Scenario: a daily policy has only one backup a day to choose from
      Given the policy backs up every 24 hours
      When backup is configured
      Then SM-SUP-10 is not cited

    Scenario: a policy without the Vault tier sends nothing there
      Given the policy keeps only the Operational tier
      When backup is configured
      Then SM-SUP-10 is not cited

  @SM-SUP-11
  Rule: A backup is in the Vault tier at most 4 hours after it was made

    Scenario: moving a point to the Vault tier is told how long the copy can take
      When a recovery point is moved to the Vault tier
      Then SM-SUP-11 informs
      And the finding of SM-SUP-11 is about policy.vault and says "the copy can take up to 4 hours, counted from the end of the backup"

    Scenario Outline: the copy time is not told <when>
      Given <policy>
      When <operation>
      Then SM-SUP-11 is not cited

      Examples:
        | when                                 | policy                                         | operation                                   |
        | when backup is configured            | a cluster that meets every requirement of the matrix | backup is configured                  |
        | to a policy without the Vault tier   | the policy keeps only the Operational tier     | a recovery point is moved to the Vault tier |

  @SM-VLT-06
  Rule: Tiering starts at most 4 hours after a backup becomes eligible for the Vault tier

    Scenario: moving a point to the Vault tier is told how soon tiering starts
      When a recovery point is moved to the Vault tier
      Then SM-VLT-06 informs
      And the finding of SM-VLT-06 is about policy.vault and says "tiering may start up to 4 hours after the backup ends"

    Scenario Outline: the start of tiering is not told <when>
      Given <policy>
      When <operation>
      Then SM-VLT-06 is not cited

      Examples:
        | when                                 | policy                                         | operation                                   |
        | when backup is configured            | a cluster that meets every requirement of the matrix | backup is configured                  |
        | to a policy without the Vault tier   | the policy keeps only the Operational tier     | a recovery point is moved to the Vault tier |

  @SM-VLT-05
  Rule: One scheduled Vault point a day: an RPO of 24 hours, and up to 36 hours in the paired region

    Scenario: a GeoRedundant vault with Cross Region Restore is told both recovery point objectives
      When backup is configured
      Then SM-VLT-05 informs
      And the finding of SM-VLT-05 is about policy.vault and says "a recovery point objective of 24 hours in the primary region, up to 36 hours in the paired region."

    Scenario Outline: a vault that <why> is told only the primary region's objective
      Given <vault>
      When backup is configured
      Then SM-VLT-05 informs
      And the finding of SM-VLT-05 is about policy.vault and says "a recovery point objective of 24 hours in the primary region."

      Examples:
        | why                                  | vault                                        |
        | keeps no copy in the pair            | the vault's redundancy is LocallyRedundant   |
        | keeps its copies in one region's zones | the vault's redundancy is ZoneRedundant    |
        | has Cross Region Restore off         | Cross Region Restore is off on the vault     |

    Scenario: a policy without the Vault tier has no Vault recovery point objective
      Given the policy keeps only the Operational tier
      When backup is configured
      Then SM-VLT-05 is not cited

  @SM-VLT-07
  Rule: Pruning keeps the newest Operational point and the one behind the newest Vault point

    Scenario Outline: <operation> is told that pruning keeps two Operational points
      When <operation>
      Then SM-VLT-07 informs
      And the finding of SM-VLT-07 is about policy.operational and says "pruning always keeps 2 Operational points"

      Examples:
        | operation                          |
        | backup is configured               |
        | expired recovery points are deleted |

    Scenario: a policy without the Vault tier has no point behind a Vault point to keep
      Given the policy keeps only the Operational tier
      When backup is configured
      Then SM-VLT-07 is not cited
