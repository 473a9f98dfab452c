@conformance
Feature: Backup policies
  A backup policy says which tiers keep the backups and how often they are taken. The Operational tier
  (disk snapshots, with the cluster's metadata in the blob container chosen when the extension was
  installed) is always part of it; the Vault tier (copies kept offsite, outside the customer's tenant)
  can be added on top. Scheduled backups run at one of a short list of periods, four hours at the most
  often.

  The baseline policy backs up every 4 hours and keeps both tiers.

  Background:
    Given a cluster that meets every requirement of the matrix

  @SM-SUP-06
  Rule: A policy keeps the Operational tier alone or together with the Vault tier, never the Vault tier alone

    Scenario: a policy with both tiers snapshots the disks and copies them to the vault
      When backup is configured
      Then the backup is supported
      And SM-SUP-06 is not cited
      And volume "payments/data" is backed up to the Operational and Vault tiers

    Scenario: a policy with the Operational tier alone keeps the snapshots only
      Given the policy keeps only the Operational tier
      When backup is configured
      Then the backup is supported
      And SM-SUP-06 is not cited
      And volume "payments/data" is backed up to the Operational tier only citing SM-SUP-03

    Scenario: a policy with the Vault tier alone cannot be created
      Given the policy keeps only the Vault tier
      When the policy is created
      Then the policy is refused citing SM-SUP-06
      And the finding of SM-SUP-06 is about policy.operational and says "the policy has only the Vault tier; every policy keeps the Operational tier"

    Scenario: a policy with the Vault tier alone cannot be used to configure backup
      Given the policy keeps only the Vault tier
      When backup is configured
      Then the backup is refused citing SM-SUP-06

    Scenario: a policy with no tier at all cannot be created
      Given the policy keeps no tier at all
      When the policy is created
      Then the policy is refused citing SM-SUP-06
      And the finding of SM-SUP-06 is about policy.operational and says "the policy has no tier at all;"

    Scenario: a policy that is not given leaves the answer unknown
      Given the environment does not give policy
      When backup is configured
      Then the backup is unknown: SM-SUP-06 cannot tell which tiers the backup policy keeps without policy
      And the backup is unknown: SM-SUP-08 cannot tell whether the policy's backup frequency is offered without policy
      And the destination of volume "payments/data" is unknown citing SM-SUP-06

    @edition-2026-01-06
    Scenario: from 2026-01-06 a policy with both tiers copies disks to the vault but keeps Azure Files Operational
      Given the cluster also has an Azure Files volume "files/share" over SMB
      When backup is configured
      Then the backup is supported
      And SM-SUP-06 skips
      And the finding of SM-SUP-06 is about cluster.volumes[2] and says "files/share is an Azure Files volume: the Vault tier takes disk volumes only, so it stays in the Operational tier." and nothing more
      And volume "files/share" is backed up to the Operational tier only citing SM-SUP-06
      And volume "payments/data" is backed up to the Operational and Vault tiers

  @SM-SUP-08
  Rule: Scheduled backups run every 4, 6, 8, 12 or 24 hours; every 4 hours is the most often

    Scenario Outline: a policy that backs up every <hours> hours is accepted
      Given the policy backs up every <hours> hours
      When the policy is created
      Then the policy is supported
      And SM-SUP-08 is not cited

      Examples:
        | hours |
        | 4     |
        | 6     |
        | 8     |
        | 12    |
        | 24    |

    Scenario Outline: a policy that backs up every <hours> hours is refused, more often than every 4 hours
      Given the policy backs up every <hours> hours
      When the policy is created
      Then the policy is refused citing SM-SUP-08
      And the finding of SM-SUP-08 is about policy.every_hours and says "a backup every <hours> hours is not offered; choose every 4, 6, 8, 12, 24 hours (the shortest period is 4 hours)." and nothing more

      Examples:
        | hours |
        | 1     |
        | 2     |
        | 3     |

    Scenario Outline: a policy that backs up every <hours> hours is refused (<why>)
      Given the policy backs up every <hours> hours
      When the policy is created
      Then the policy is refused citing SM-SUP-08
      And the finding of SM-SUP-08 is about policy.every_hours and says "a backup every <hours> hours is not offered; choose every 4, 6, 8, 12, 24 hours." and nothing more

      Examples:
        | hours | why                                     |
        | 5     | between two offered periods             |
        | 7     | between two offered periods             |
        | 10    | between two offered periods             |
        | 48    | less often than once a day              |
        | 168   | once a week, less often than once a day |

    Scenario: an existing policy with an unsupported period cannot be used to configure backup
      Given the policy backs up every 5 hours
      When backup is configured
      Then the backup is refused citing SM-SUP-08

    Scenario: a once-a-day policy can configure backup
      Given the policy backs up every 24 hours
      When backup is configured
      Then the backup is supported
      And SM-SUP-08 is not cited

    Scenario: a policy whose frequency is not given leaves the answer unknown
      Given the environment does not give policy.every_hours
      When the policy is created
      Then the policy is unknown: SM-SUP-08 cannot tell whether the policy's backup frequency is offered without policy.every_hours
