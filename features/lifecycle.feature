@conformance @lifecycle
Feature: Backups over time
  A policy is a promise about time: how often backups run, which of them are copied to the Vault
  tier and how soon, how long each tier keeps them, how much data a disaster can cost, and how many
  requests a day the service takes. Each scenario below is a time line a person planning a policy can
  read: times are UTC, events happen in the order given, and the "expect" column says what each event
  gives:

    Operational point                   the backup made a recovery point in the Operational tier
    ..., goes to the Vault tier         this point is the one copied to the Vault tier
    ..., late citing SM-SUP-09          the backup ended more than 2 hours after its scheduled start
    no point                            the backup failed
    refused citing <id>                 the matrix turns the request away
    restores the <time> <tier> point    the recovery point a restore gets
    nothing to restore                  a restore found no point in the Operational tier
    tiering started / in the Vault tier a reported tiering job began / ended (late: citing its bound)
    tiering already started             a tiering job reported as started a second time
    already in the Vault tier           a tiering job reported as ended a second time
    soft deleted / deleted for good     what a deletion did (both citing SM-SUP-24)
    no such point                       a deletion named a point the tier does not hold
    cannot tell citing <id>: <field>    the answer needs a fact the environment does not give
    (empty)                             nothing to say: time passes, or health changes

  Where a scenario lists what the time line reports, the list is complete and in order: each refusal
  (blocks) and each time bound exceeded (warns), the statement it cites, what it is about (a request by
  its time, a backup by the time its Operational point was taken, or a field), and words its message says.

  Where the matrix can be read more than one way, the model takes one reading, and a scenario pins it:
  - A "24-hour period" is a UTC calendar day, from midnight to midnight, whatever the policy's start
    time; a backup belongs to the day it was scheduled to start. "First successful" follows the order
    in which backups end.
  - A backup that overruns its 2-hour window still counts, for its own day; the overrun is reported.
  - Both 4-hour tiering bounds count from the moment the backup ended: the tiering job starts within
    4 hours (SM-VLT-06) and the copy is in the Vault tier within 4 hours (SM-SUP-11). Unless a time
    line reports its tiering jobs, each is assumed at its latest: it starts and ends 4 hours after
    the backup ended.
  - The RPO is the longest gap between the timestamps (scheduled starts) of consecutive Vault points,
    the first and last backup attempt closing the ends; the paired region adds 12 hours.
  - Pruning keeps the newest Operational point and the one the newest Vault point was copied from.
  - Daily limits count the requests accepted on a UTC calendar day.

  Background:
    Given a cluster that meets every requirement of the matrix
    And a policy that backs up every 4 hours from 09:00 UTC
    And the policy keeps Operational points 7 days
    And the policy keeps Vault points 30 days

  @SM-SUP-09
  Rule: A scheduled backup is expected to end within 2 hours of its scheduled start

    Scenario: backups that end within their window
      When the time line runs:
        | time             | event                          | expect                                    |
        | 2025-06-02 01:00 | scheduled backup taking 1h55m  | Operational point, goes to the Vault tier |
        | 2025-06-02 05:00 | scheduled backup taking 2h     | Operational point                         |
        | 2025-06-02 08:00 | time passes                    |                                           |
      Then each event gives the expected result
      And SM-SUP-09 holds

    Scenario: a backup that overruns still counts, for the day it was scheduled
      When the time line runs:
        | time             | event                          | expect                                                           |
        | 2025-06-02 21:00 | scheduled backup taking 4h30m  | Operational point, goes to the Vault tier, late citing SM-SUP-09 |
        | 2025-06-03 01:00 | scheduled backup taking 10m    | Operational point, goes to the Vault tier                        |
        | 2025-06-03 12:00 | time passes                    |                                                                  |
      Then each event gives the expected result
      And SM-SUP-09 is exceeded
      And the Vault tier holds:
        | taken at         | in the Vault by  |
        | 2025-06-02 21:00 | 2025-06-03 05:30 |
        | 2025-06-03 01:00 | 2025-06-03 05:10 |
      And the time line reports:
        | statement | effect | about                       | says                                                             |
        | SM-SUP-09 | warns  | backup of 2025-06-02 21:00  | backup duration: 4 hours 30 minutes, beyond the bound of 2 hours |

    Scenario: a backup that ends one minute after its window is late
      When the time line runs:
        | time             | event                        | expect                                                           |
        | 2025-06-02 01:00 | scheduled backup taking 2h1m | Operational point, goes to the Vault tier, late citing SM-SUP-09 |
        | 2025-06-02 05:00 | time passes                  |                                                                  |
      Then each event gives the expected result
      And SM-SUP-09 is exceeded
      And the time line reports:
        | statement | effect | about                      | says                                                         |
        | SM-SUP-09 | warns  | backup of 2025-06-02 01:00 | backup duration: 2 hours 1 minute, beyond the bound of 2 hours |

  @SM-SUP-10
  Rule: Only the first successful backup of each UTC day goes to the Vault tier

    Scenario: the day's first successful backup is copied, whatever time the policy starts at
      When the time line runs:
        | time             | event                  | expect                                    |
        | 2025-06-02 01:00 | scheduled backup       | Operational point, goes to the Vault tier |
        | 2025-06-02 05:00 | scheduled backup       | Operational point                         |
        | 2025-06-02 09:00 | scheduled backup       | Operational point                         |
        | 2025-06-03 01:00 | scheduled backup fails | no point                                  |
        | 2025-06-03 05:00 | scheduled backup       | Operational point, goes to the Vault tier |
        | 2025-06-03 12:00 | time passes            |                                           |
      Then each event gives the expected result
      And the Vault tier holds:
        | taken at         | in the Vault by  |
        | 2025-06-02 01:00 | 2025-06-02 05:00 |
        | 2025-06-03 05:00 | 2025-06-03 09:00 |

    Scenario: the first backup to end successfully is the one copied
      When the time line runs:
        | time             | event                         | expect                                    |
        | 2025-06-02 01:00 | scheduled backup taking 5h    | Operational point, late citing SM-SUP-09  |
        | 2025-06-02 05:00 | scheduled backup taking 30m   | Operational point, goes to the Vault tier |
        | 2025-06-02 07:00 | time passes                   |                                           |
      Then each event gives the expected result

    Scenario: an on-demand backup can go to the Vault tier without taking the day's scheduled place
      When the time line runs:
        | time             | event                              | expect                                    |
        | 2025-06-02 00:30 | on-demand backup to the Vault tier | Operational point, goes to the Vault tier |
        | 2025-06-02 01:00 | scheduled backup                   | Operational point, goes to the Vault tier |
        | 2025-06-02 05:00 | scheduled backup                   | Operational point                         |
        | 2025-06-02 06:00 | time passes                        |                                           |
      Then each event gives the expected result
      And the Vault tier holds:
        | taken at         | in the Vault by  | selected citing |
        | 2025-06-02 00:30 | 2025-06-02 04:30 | -               |
        | 2025-06-02 01:00 | 2025-06-02 05:00 | SM-SUP-10       |

    Scenario: tiering a later backup of the same day, or a backup that was never made, is refused
      When the time line runs:
        | time             | event                                | expect                   |
        | 2025-06-02 01:00 | scheduled backup                     | Operational point, goes to the Vault tier |
        | 2025-06-02 02:00 | tiering of 2025-06-02 01:00 starts   | tiering started          |
        | 2025-06-02 03:00 | tiering of 2025-06-02 01:00 finishes | in the Vault tier        |
        | 2025-06-02 05:00 | scheduled backup                     | Operational point        |
        | 2025-06-02 06:00 | tiering of 2025-06-02 05:00 starts   | refused citing SM-SUP-10 |
        | 2025-06-02 06:10 | tiering of 2025-06-02 06:00 starts   | refused citing SM-SUP-10 |
      Then each event gives the expected result
      And the time line reports:
        | statement | effect | about                       | says                                                                         |
        | SM-SUP-10 | blocks | request at 2025-06-02 06:00 | the point taken at 2025-06-02 05:00 is not the first successful backup of its day |
        | SM-SUP-10 | blocks | request at 2025-06-02 06:10 | no Operational point taken at 2025-06-02 06:00 waits for the Vault tier      |

  @SM-SUP-11
  Rule: A backup is in the Vault tier at most 4 hours after it was made

    Scenario: at worst, the copy is in the Vault tier 4 hours after the backup ended
      When the time line runs:
        | time             | event                       | expect                                    |
        | 2025-06-02 01:00 | scheduled backup taking 1h  | Operational point, goes to the Vault tier |
        | 2025-06-02 05:59 | restore from the Vault tier | refused citing SM-SUP-11                  |
        | 2025-06-02 06:00 | restore from the Vault tier | restores the 2025-06-02 01:00 Vault point |
      Then each event gives the expected result
      And SM-SUP-11 holds
      And the time line reports:
        | statement | effect | about                       | says                                     |
        | SM-SUP-11 | blocks | request at 2025-06-02 05:59 | no point has reached the Vault tier yet. |
      And the Vault tier holds:
        | taken at         | in the Vault by  |
        | 2025-06-02 01:00 | 2025-06-02 06:00 |

    Scenario: a reported copy that ends more than 4 hours after the backup is late
      When the time line runs:
        | time             | event                                | expect                                    |
        | 2025-06-02 01:00 | scheduled backup                     | Operational point, goes to the Vault tier |
        | 2025-06-02 03:00 | tiering of 2025-06-02 01:00 starts   | tiering started                           |
        | 2025-06-02 06:00 | tiering of 2025-06-02 01:00 finishes | in the Vault tier late citing SM-SUP-11   |
      Then each event gives the expected result
      And SM-SUP-11 is exceeded
      And SM-VLT-06 holds

    Scenario: a copy reported in the Vault tier without a reported start started when it ended
      Given the time line reports its tiering jobs
      When the time line runs:
        | time             | event                                | expect                                                               |
        | 2025-06-02 01:00 | scheduled backup                     | Operational point, goes to the Vault tier                            |
        | 2025-06-02 03:00 | tiering of 2025-06-02 01:00 finishes | in the Vault tier                                                    |
        | 2025-06-03 01:00 | scheduled backup                     | Operational point, goes to the Vault tier                            |
        | 2025-06-03 05:30 | tiering of 2025-06-03 01:00 finishes | in the Vault tier late citing SM-SUP-11, started late citing SM-VLT-06 |
      Then each event gives the expected result
      And the time line reports:
        | statement | effect | about                      | says                                                                                 |
        | SM-VLT-06 | warns  | backup of 2025-06-03 01:00 | start of tiering after eligibility: 4 hours 30 minutes, beyond the bound of 4 hours |
        | SM-SUP-11 | warns  | backup of 2025-06-03 01:00 | move to the Vault tier after the backup: 4 hours 30 minutes                          |

    Scenario: a copy still running when the time line ends is in time until 4 hours after the backup ended
      When the time line runs:
        | time             | event                              | expect                                    |
        | 2025-06-02 01:00 | scheduled backup taking 30m        | Operational point, goes to the Vault tier |
        | 2025-06-02 03:00 | tiering of 2025-06-02 01:00 starts | tiering started                           |
        | 2025-06-02 05:30 | time passes                        |                                           |
      Then each event gives the expected result
      And SM-SUP-11 holds
      And SM-VLT-06 holds

    Scenario: a copy still running more than 4 hours after the backup ended is late
      When the time line runs:
        | time             | event                              | expect                                    |
        | 2025-06-02 01:00 | scheduled backup taking 30m        | Operational point, goes to the Vault tier |
        | 2025-06-02 03:00 | tiering of 2025-06-02 01:00 starts | tiering started                           |
        | 2025-06-02 05:31 | time passes                        |                                           |
      Then each event gives the expected result
      And SM-SUP-11 is exceeded
      And SM-VLT-06 holds

  @SM-VLT-06
  Rule: Tiering starts at most 4 hours after a backup becomes eligible for the Vault tier

    Scenario: a tiering job that starts in time
      When the time line runs:
        | time             | event                                | expect                                    |
        | 2025-06-02 01:00 | scheduled backup taking 30m          | Operational point, goes to the Vault tier |
        | 2025-06-02 05:00 | tiering of 2025-06-02 01:00 starts   | tiering started                           |
        | 2025-06-02 05:20 | tiering of 2025-06-02 01:00 finishes | in the Vault tier                         |
      Then each event gives the expected result
      And SM-VLT-06 holds

    Scenario: a tiering job that starts more than 4 hours after eligibility is late
      When the time line runs:
        | time             | event                              | expect                                  |
        | 2025-06-02 01:00 | scheduled backup taking 30m        | Operational point, goes to the Vault tier |
        | 2025-06-02 06:00 | tiering of 2025-06-02 01:00 starts | tiering started late citing SM-VLT-06   |
      Then each event gives the expected result
      And SM-VLT-06 is exceeded

    Scenario: at worst, a tiering job starts and ends 4 hours after its backup ended; a deleted point's job never starts
      When the time line runs:
        | time             | event                                         | expect                                    |
        | 2025-06-02 01:00 | scheduled backup taking 30m                   | Operational point, goes to the Vault tier |
        | 2025-06-03 01:00 | scheduled backup                              | Operational point, goes to the Vault tier |
        | 2025-06-03 02:00 | delete the 2025-06-03 01:00 Operational point | deleted for good citing SM-SUP-24         |
        | 2025-06-03 08:00 | time passes                                   |                                           |
      Then each event gives the expected result
      And SM-VLT-06 holds
      And the tiering jobs are:
        | backup of        | started          | ended            | cancelled        | reported |
        | 2025-06-02 01:00 | 2025-06-02 05:30 | 2025-06-02 05:30 | -                | no       |
        | 2025-06-03 01:00 | -                | -                | 2025-06-03 02:00 | no       |

    Scenario: a reported tiering job may wait up to 4 hours after eligibility
      Given the time line reports its tiering jobs
      When the time line runs:
        | time             | event                       | expect                                    |
        | 2025-06-02 01:00 | scheduled backup taking 30m | Operational point, goes to the Vault tier |
        | 2025-06-02 05:30 | time passes                 |                                           |
      Then each event gives the expected result
      And SM-VLT-06 holds

    Scenario: a reported tiering job that has not started 4 hours after eligibility is late
      Given the time line reports its tiering jobs
      When the time line runs:
        | time             | event                       | expect                                    |
        | 2025-06-02 01:00 | scheduled backup taking 30m | Operational point, goes to the Vault tier |
        | 2025-06-02 05:31 | time passes                 |                                           |
      Then each event gives the expected result
      And SM-VLT-06 is exceeded
      And the time line reports:
        | statement | effect | about                      | says                                                           |
        | SM-VLT-06 | warns  | backup of 2025-06-02 01:00 | tiering not started yet: 4 hours 1 minute, beyond the bound of 4 hours |
        | SM-SUP-11 | warns  | backup of 2025-06-02 01:00 | not in the Vault tier yet: 4 hours 1 minute                     |

    Scenario: a tiering job reported as started twice started the first time
      When the time line runs:
        | time             | event                                | expect                                    |
        | 2025-06-02 01:00 | scheduled backup taking 30m          | Operational point, goes to the Vault tier |
        | 2025-06-02 02:00 | tiering of 2025-06-02 01:00 starts   | tiering started                           |
        | 2025-06-02 06:00 | tiering of 2025-06-02 01:00 starts   | tiering already started                   |
        | 2025-06-02 06:10 | tiering of 2025-06-02 01:00 finishes | in the Vault tier late citing SM-SUP-11   |
      Then each event gives the expected result
      And SM-VLT-06 holds

  @SM-VLT-05
  Rule: One scheduled Vault point a day: an RPO of 24 hours, and up to 36 hours in the paired region

    Scenario: every day's first backup succeeds
      When the time line runs:
        | time             | event            | expect                                    |
        | 2025-06-02 01:00 | scheduled backup | Operational point, goes to the Vault tier |
        | 2025-06-02 13:00 | scheduled backup | Operational point                         |
        | 2025-06-03 01:00 | scheduled backup | Operational point, goes to the Vault tier |
        | 2025-06-04 01:00 | scheduled backup | Operational point, goes to the Vault tier |
        | 2025-06-04 21:00 | scheduled backup | Operational point                         |
      Then each event gives the expected result
      And the worst-case RPO is:
        | copy             | region  | worst case | bound    | verdict |
        | Operational tier | primary | 24 hours   | -        | -       |
        | Vault tier       | primary | 24 hours   | 24 hours | within  |
        | Vault tier       | paired  | 36 hours   | 36 hours | within  |

    Scenario: a failed first backup of the day puts the RPO past its bound
      When the time line runs:
        | time             | event                  | expect                                    |
        | 2025-06-02 01:00 | scheduled backup       | Operational point, goes to the Vault tier |
        | 2025-06-03 01:00 | scheduled backup fails | no point                                  |
        | 2025-06-03 05:00 | scheduled backup       | Operational point, goes to the Vault tier |
      Then each event gives the expected result
      And the worst-case RPO is:
        | copy             | region  | worst case | bound    | verdict                   |
        | Operational tier | primary | 28 hours   | -        | -                         |
        | Vault tier       | primary | 28 hours   | 24 hours | exceeded citing SM-VLT-05 |
        | Vault tier       | paired  | 40 hours   | 36 hours | exceeded citing SM-VLT-05 |
      And the time line reports:
        | statement | effect | about           | says                                                                        |
        | SM-VLT-05 | warns  | vault.primary   | worst-case RPO in the primary region: 28 hours, beyond the bound of 24 hours |
        | SM-VLT-05 | warns  | vault.secondary | worst-case RPO in the paired region: 40 hours, beyond the bound of 36 hours  |

    Scenario: the RPO counts from the first backup attempt, even one that failed
      When the time line runs:
        | time             | event                  | expect                                    |
        | 2025-06-02 01:00 | scheduled backup fails | no point                                  |
        | 2025-06-02 05:00 | scheduled backup fails | no point                                  |
        | 2025-06-02 06:00 | on-demand backup       | Operational point                         |
        | 2025-06-03 05:00 | scheduled backup       | Operational point, goes to the Vault tier |
      Then each event gives the expected result
      And the worst-case RPO is:
        | copy             | region  | worst case | bound    | verdict                   |
        | Operational tier | primary | 23 hours   | -        | -                         |
        | Vault tier       | primary | 28 hours   | 24 hours | exceeded citing SM-VLT-05 |
        | Vault tier       | paired  | 40 hours   | 36 hours | exceeded citing SM-VLT-05 |

    Scenario: the paired region gets a Vault point up to 12 hours after the primary one
      When the time line runs:
        | time             | event                                            | expect                                                        |
        | 2025-06-02 01:00 | scheduled backup                                 | Operational point, goes to the Vault tier                     |
        | 2025-06-03 01:00 | scheduled backup                                 | Operational point, goes to the Vault tier                     |
        | 2025-06-03 10:00 | restore from the Vault tier                      | restores the 2025-06-03 01:00 Vault point                     |
        | 2025-06-03 10:00 | restore from the Vault tier in the paired region | restores the 2025-06-02 01:00 Vault point in the paired region |
        | 2025-06-03 17:00 | restore from the Vault tier in the paired region | restores the 2025-06-03 01:00 Vault point in the paired region |
      Then each event gives the expected result

    Scenario: a restore in the paired region before a copy has reached it is refused
      When the time line runs:
        | time             | event                                            | expect                                                         |
        | 2025-06-02 01:00 | scheduled backup                                 | Operational point, goes to the Vault tier                      |
        | 2025-06-02 06:00 | restore from the Vault tier in the paired region | refused citing SM-VLT-05                                       |
        | 2025-06-02 17:00 | restore from the Vault tier in the paired region | restores the 2025-06-02 01:00 Vault point in the paired region |
      Then each event gives the expected result
      And the time line reports:
        | statement | effect | about                       | says                                              |
        | SM-VLT-05 | blocks | request at 2025-06-02 06:00 | no Vault point has reached the paired region yet. |

    Scenario: a locally redundant vault keeps no copy in the paired region
      Given the vault is locally redundant
      When the time line runs:
        | time             | event                                            | expect                   |
        | 2025-06-02 01:00 | scheduled backup                                 | Operational point, goes to the Vault tier |
        | 2025-06-03 01:00 | scheduled backup                                 | Operational point, goes to the Vault tier |
        | 2025-06-03 20:00 | restore from the Vault tier in the paired region | refused citing SM-VLT-04 |
      Then each event gives the expected result
      And the worst-case RPO is:
        | copy             | region  | worst case | bound    | verdict                  |
        | Operational tier | primary | 24 hours   | -        | -                        |
        | Vault tier       | primary | 24 hours   | 24 hours | within                   |
        | Vault tier       | paired  | none       | 36 hours | no copy citing SM-VLT-04 |
      And the time line reports:
        | statement | effect | about                       | says                                                                   |
        | SM-VLT-04 | blocks | request at 2025-06-03 20:00 | the paired region holds copies only for a GeoRedundant vault with Cross Region Restore |

    Scenario: a geo-redundant vault without Cross Region Restore keeps no copy to restore in the paired region
      Given the environment sets vault.cross_region_restore to false
      When the time line runs:
        | time             | event                                            | expect                                    |
        | 2025-06-02 01:00 | scheduled backup                                 | Operational point, goes to the Vault tier |
        | 2025-06-03 01:00 | scheduled backup                                 | Operational point, goes to the Vault tier |
        | 2025-06-03 20:00 | restore from the Vault tier in the paired region | refused citing SM-VLT-04                  |
      Then each event gives the expected result
      And the worst-case RPO is:
        | copy             | region  | worst case | bound    | verdict                  |
        | Operational tier | primary | 24 hours   | -        | -                        |
        | Vault tier       | primary | 24 hours   | 24 hours | within                   |
        | Vault tier       | paired  | none       | 36 hours | no copy citing SM-VLT-04 |

  @SM-VLT-07
  Rule: Pruning keeps the newest Operational point and the one behind the newest Vault point

    Scenario: when backups stop succeeding, two Operational points outlive their retention
      Given a policy that backs up every 12 hours from 09:00 UTC
      And the policy keeps Operational points 1 day
      When the time line runs:
        | time             | event                  | expect                                    |
        | 2025-06-02 09:00 | scheduled backup       | Operational point, goes to the Vault tier |
        | 2025-06-02 21:00 | scheduled backup       | Operational point                         |
        | 2025-06-03 09:00 | scheduled backup fails | no point                                  |
        | 2025-06-03 21:00 | scheduled backup fails | no point                                  |
        | 2025-06-05 00:00 | time passes            |                                           |
      Then each event gives the expected result
      And the Operational tier holds:
        | taken at         | why                                               |
        | 2025-06-02 09:00 | linked to the latest Vault point citing SM-VLT-07 |
        | 2025-06-02 21:00 | latest Operational point citing SM-VLT-07         |

    Scenario: the next good backup releases them, each once it no longer holds up tiering
      Given a policy that backs up every 12 hours from 09:00 UTC
      And the policy keeps Operational points 1 day
      When the time line runs:
        | time             | event                  | expect                                    |
        | 2025-06-02 09:00 | scheduled backup       | Operational point, goes to the Vault tier |
        | 2025-06-02 21:00 | scheduled backup       | Operational point                         |
        | 2025-06-03 09:00 | scheduled backup fails | no point                                  |
        | 2025-06-03 21:00 | scheduled backup fails | no point                                  |
        | 2025-06-05 09:00 | scheduled backup       | Operational point, goes to the Vault tier |
        | 2025-06-05 14:00 | time passes            |                                           |
      Then each event gives the expected result
      And the Operational tier holds:
        | taken at         | why              |
        | 2025-06-05 09:00 | within retention |
      And these points were pruned:
        | taken at         | tier        | pruned at        | held back by |
        | 2025-06-02 21:00 | Operational | 2025-06-05 09:00 | SM-VLT-07    |
        | 2025-06-02 09:00 | Operational | 2025-06-05 13:00 | SM-VLT-07    |

    Scenario: an Operational-only policy has no Vault point to protect; expired points go
      Given the policy keeps only the Operational tier
      And the policy keeps Operational points 1 day
      When the time line runs:
        | time             | event            | expect            |
        | 2025-06-02 01:00 | scheduled backup | Operational point |
        | 2025-06-03 02:00 | time passes      |                   |
      Then each event gives the expected result
      And these points were pruned:
        | taken at         | tier        | pruned at        | held back by |
        | 2025-06-02 01:00 | Operational | 2025-06-03 01:00 | -            |

    Scenario: only the newest Vault point holds back the point it was copied from
      Given a policy that backs up every 12 hours from 09:00 UTC
      And the policy keeps Operational points 1 day
      When the time line runs:
        | time             | event                  | expect                                    |
        | 2025-06-02 09:00 | scheduled backup       | Operational point, goes to the Vault tier |
        | 2025-06-03 09:00 | scheduled backup       | Operational point, goes to the Vault tier |
        | 2025-06-03 21:00 | scheduled backup       | Operational point                         |
        | 2025-06-04 09:00 | scheduled backup fails | no point                                  |
        | 2025-06-04 21:00 | scheduled backup fails | no point                                  |
        | 2025-06-06 00:00 | time passes            |                                           |
      Then each event gives the expected result
      And these points were pruned:
        | taken at         | tier        | pruned at        | held back by |
        | 2025-06-02 09:00 | Operational | 2025-06-03 13:00 | SM-VLT-07    |
      And the Operational tier holds:
        | taken at         | why                                               |
        | 2025-06-03 09:00 | linked to the latest Vault point citing SM-VLT-07 |
        | 2025-06-03 21:00 | latest Operational point citing SM-VLT-07         |

    Scenario: a point is past its retention from the minute it expires
      Given the policy keeps Operational points 1 day
      When the time line runs:
        | time             | event            | expect                                    |
        | 2025-06-02 01:00 | scheduled backup | Operational point, goes to the Vault tier |
        | 2025-06-02 05:00 | scheduled backup | Operational point                         |
        | 2025-06-03 01:00 | time passes      |                                           |
      Then each event gives the expected result
      And the Operational tier holds:
        | taken at         | why                                               |
        | 2025-06-02 01:00 | linked to the latest Vault point citing SM-VLT-07 |
        | 2025-06-02 05:00 | within retention                                  |

    Scenario: a Vault point goes when its own retention runs out, and releases the point it was copied from
      Given the policy keeps Operational points 1 day
      And the policy keeps Vault points 7 days
      When the time line runs:
        | time             | event            | expect                                    |
        | 2025-06-02 01:00 | scheduled backup | Operational point, goes to the Vault tier |
        | 2025-06-02 05:00 | scheduled backup | Operational point                         |
        | 2025-06-09 02:00 | time passes      |                                           |
      Then each event gives the expected result
      And these points were pruned:
        | taken at         | tier        | pruned at        | held back by |
        | 2025-06-02 01:00 | Vault       | 2025-06-09 01:00 | -            |
        | 2025-06-02 01:00 | Operational | 2025-06-09 01:00 | SM-VLT-07    |
      And the Operational tier holds:
        | taken at         | why                                       |
        | 2025-06-02 05:00 | latest Operational point citing SM-VLT-07 |

    @SM-SUP-24
    Scenario: deleting the newest Vault point releases the point it was copied from
      Given the policy keeps Operational points 1 day
      When the time line runs:
        | time             | event                                   | expect                                    |
        | 2025-06-02 01:00 | scheduled backup                        | Operational point, goes to the Vault tier |
        | 2025-06-02 05:00 | scheduled backup                        | Operational point                         |
        | 2025-06-03 02:00 | delete the 2025-06-02 01:00 Vault point | soft deleted citing SM-SUP-24             |
      Then each event gives the expected result
      And these points were pruned:
        | taken at         | tier        | pruned at        | held back by |
        | 2025-06-02 01:00 | Operational | 2025-06-03 02:00 | SM-VLT-07    |

    @SM-VLT-06
    Scenario: an expired point waits for its tiering job
      Given the time line reports its tiering jobs
      And the policy keeps Operational points 1 day
      When the time line runs:
        | time             | event            | expect                                    |
        | 2025-06-02 01:00 | scheduled backup | Operational point, goes to the Vault tier |
        | 2025-06-02 05:00 | scheduled backup | Operational point                         |
        | 2025-06-03 02:00 | time passes      |                                           |
      Then each event gives the expected result
      And the Operational tier holds:
        | taken at         | why                       |
        | 2025-06-02 01:00 | waits for its tiering job |
        | 2025-06-02 05:00 | within retention          |

    @SM-VLT-06
    Scenario: once its copy is made, a point that waited for its tiering job goes
      Given the time line reports its tiering jobs
      And the policy keeps Operational points 1 day
      When the time line runs:
        | time             | event                                | expect                                                                 |
        | 2025-06-02 01:00 | scheduled backup                     | Operational point, goes to the Vault tier                              |
        | 2025-06-02 05:00 | scheduled backup                     | Operational point                                                      |
        | 2025-06-03 01:00 | scheduled backup                     | Operational point, goes to the Vault tier                              |
        | 2025-06-03 02:00 | tiering of 2025-06-03 01:00 starts   | tiering started                                                        |
        | 2025-06-03 03:00 | tiering of 2025-06-03 01:00 finishes | in the Vault tier                                                      |
        | 2025-06-03 04:00 | tiering of 2025-06-02 01:00 finishes | in the Vault tier late citing SM-SUP-11, started late citing SM-VLT-06 |
      Then each event gives the expected result
      And these points were pruned:
        | taken at         | tier        | pruned at        | held back by |
        | 2025-06-02 01:00 | Operational | 2025-06-03 04:00 | -            |

    @SM-SUP-21
    Scenario: an expired point waits while the extension is unhealthy
      Given the policy keeps Operational points 1 day
      When the time line runs:
        | time             | event                           | expect                                    |
        | 2025-06-02 01:00 | scheduled backup                | Operational point, goes to the Vault tier |
        | 2025-06-02 05:00 | scheduled backup                | Operational point                         |
        | 2025-06-02 09:00 | scheduled backup                | Operational point                         |
        | 2025-06-03 02:00 | the extension becomes unhealthy |                                           |
        | 2025-06-03 07:00 | time passes                     |                                           |
      Then each event gives the expected result
      And the Operational tier holds:
        | taken at         | why                                                                                                   |
        | 2025-06-02 01:00 | linked to the latest Vault point citing SM-VLT-07, waits for a healthy cluster and extension citing SM-SUP-21 |
        | 2025-06-02 05:00 | waits for a healthy cluster and extension citing SM-SUP-21                                            |
        | 2025-06-02 09:00 | within retention                                                                                      |

    @SM-SUP-21
    Scenario: a point released by a new Vault point while the extension is unhealthy goes once it is healthy
      Given a policy that backs up every 12 hours from 09:00 UTC
      And the policy keeps Operational points 1 day
      When the time line runs:
        | time             | event                           | expect                                    |
        | 2025-06-02 09:00 | scheduled backup                | Operational point, goes to the Vault tier |
        | 2025-06-02 21:00 | scheduled backup                | Operational point                         |
        | 2025-06-03 09:00 | scheduled backup fails          | no point                                  |
        | 2025-06-03 21:00 | scheduled backup fails          | no point                                  |
        | 2025-06-04 09:00 | scheduled backup                | Operational point, goes to the Vault tier |
        | 2025-06-04 10:00 | the extension becomes unhealthy |                                           |
        | 2025-06-04 14:00 | the extension is healthy again  |                                           |
      Then each event gives the expected result
      And these points were pruned:
        | taken at         | tier        | pruned at        | held back by         |
        | 2025-06-02 21:00 | Operational | 2025-06-04 09:00 | SM-VLT-07            |
        | 2025-06-02 09:00 | Operational | 2025-06-04 14:00 | SM-VLT-07, SM-SUP-21 |

  Rule: Daily limits and deletions over time

    @SM-SUP-08
    Scenario Outline: a policy that backs up every <hours> hours is refused before anything runs
      Given a policy that backs up every <hours> hours from 09:00 UTC
      When the time line runs:
        | time             | event            | expect                   |
        | 2025-06-02 09:00 | scheduled backup | refused citing SM-SUP-08 |
        | 2025-06-02 10:00 | on-demand backup | refused citing SM-SUP-08 |
      Then each event gives the expected result
      And the time line is refused citing SM-SUP-08
      And the time line reports:
        | statement | effect | about                       | says                                                             |
        | SM-SUP-08 | blocks | policy.every_hours          | a backup every <hours> hours is not offered                      |
        | SM-SUP-08 | blocks | request at 2025-06-02 09:00 | the policy is refused: a backup every <hours> hours is not offered |
        | SM-SUP-08 | blocks | request at 2025-06-02 10:00 | the policy is refused: a backup every <hours> hours is not offered |

      Examples:
        | hours |
        | 2     |
        | 3     |
        | 5     |
        | 48    |

    @SM-SUP-06
    Scenario: a policy refused for two reasons refuses each request citing the first
      Given the environment does not give policy.operational
      And a policy that backs up every 3 hours from 09:00 UTC
      When the time line runs:
        | time             | event            | expect                   |
        | 2025-06-02 09:00 | scheduled backup | refused citing SM-SUP-06 |
      Then each event gives the expected result
      And the time line reports:
        | statement | effect | about                       | says                                                         |
        | SM-SUP-06 | blocks | policy.operational          | the policy has only the Vault tier                           |
        | SM-SUP-08 | blocks | policy.every_hours          | a backup every 3 hours is not offered                        |
        | SM-SUP-06 | blocks | request at 2025-06-02 09:00 | the policy is refused: the policy has only the Vault tier    |

    @SM-SUP-08
    Scenario: a 6-hourly policy runs at its four times of the day, and at no other time
      Given a policy that backs up every 6 hours from 03:00 UTC
      When the time line runs:
        | time             | event            | expect                                    |
        | 2025-06-02 03:00 | scheduled backup | Operational point, goes to the Vault tier |
        | 2025-06-02 07:00 | scheduled backup | refused citing SM-SUP-08                  |
        | 2025-06-02 09:00 | scheduled backup | Operational point                         |
        | 2025-06-02 15:00 | scheduled backup | Operational point                         |
        | 2025-06-02 21:00 | scheduled backup | Operational point                         |
        | 2025-06-03 03:00 | scheduled backup | Operational point, goes to the Vault tier |
      Then each event gives the expected result
      And the time line reports:
        | statement | effect | about                       | says                                                                                 |
        | SM-SUP-08 | blocks | request at 2025-06-02 07:00 | the policy schedules no backup at 2025-06-02 07:00; it runs at 03:00, 09:00, 15:00, 21:00. |

    @SM-SUP-08
    Scenario: a policy that starts at a quarter to the hour runs at a quarter to, and each of its slots once
      Given a policy that backs up every 4 hours from 09:45 UTC
      When the time line runs:
        | time             | event            | expect                                    |
        | 2025-06-02 01:45 | scheduled backup | Operational point, goes to the Vault tier |
        | 2025-06-02 05:00 | scheduled backup | refused citing SM-SUP-08                  |
        | 2025-06-02 05:45 | scheduled backup | Operational point                         |
        | 2025-06-02 05:45 | scheduled backup | refused citing SM-SUP-08                  |
        | 2025-06-02 21:45 | scheduled backup | Operational point                         |
      Then each event gives the expected result
      And the policy is not refused
      And the time line reports:
        | statement | effect | about                       | says                                                                                               |
        | SM-SUP-08 | blocks | request at 2025-06-02 05:00 | the policy schedules no backup at 2025-06-02 05:00; it runs at 01:45, 05:45, 09:45, 13:45, 17:45, 21:45. |
        | SM-SUP-08 | blocks | request at 2025-06-02 05:45 | the backup scheduled at 2025-06-02 05:45 has already run.                                            |

    @SM-LIM-03
    Scenario: the eleventh on-demand backup of a UTC day is refused; the next day starts afresh
      When the time line runs:
        | time             | event            | expect                   |
        | 2025-06-02 00:10 | on-demand backup | Operational point        |
        | 2025-06-02 02:00 | on-demand backup | Operational point        |
        | 2025-06-02 04:00 | on-demand backup fails | no point           |
        | 2025-06-02 06:00 | on-demand backup | Operational point        |
        | 2025-06-02 08:00 | on-demand backup | Operational point        |
        | 2025-06-02 10:00 | on-demand backup | Operational point        |
        | 2025-06-02 12:00 | on-demand backup | Operational point        |
        | 2025-06-02 14:00 | on-demand backup | Operational point        |
        | 2025-06-02 16:00 | on-demand backup | Operational point        |
        | 2025-06-02 18:00 | on-demand backup | Operational point        |
        | 2025-06-02 23:50 | on-demand backup | refused citing SM-LIM-03 |
        | 2025-06-03 00:00 | on-demand backup | Operational point        |
      Then each event gives the expected result
      And the time line reports:
        | statement | effect | about                       | says                                                                     |
        | SM-LIM-03 | blocks | request at 2025-06-02 23:50 | 10 on-demand backups were already taken on 2025-06-02; the limit is 10. |

    @SM-LIM-05
    Scenario: the eleventh restore of a UTC day is refused; the next day starts afresh; finding nothing is no restore
      When the time line runs:
        | time             | event                             | expect                                          |
        | 2025-06-02 00:30 | restore from the Operational tier | nothing to restore                              |
        | 2025-06-02 01:00 | scheduled backup                  | Operational point, goes to the Vault tier       |
        | 2025-06-02 02:00 | restore from the Operational tier | restores the 2025-06-02 01:00 Operational point |
        | 2025-06-02 03:00 | restore from the Operational tier | restores the 2025-06-02 01:00 Operational point |
        | 2025-06-02 04:00 | restore from the Operational tier | restores the 2025-06-02 01:00 Operational point |
        | 2025-06-02 05:30 | restore from the Vault tier       | restores the 2025-06-02 01:00 Vault point       |
        | 2025-06-02 06:00 | restore from the Operational tier | restores the 2025-06-02 01:00 Operational point |
        | 2025-06-02 07:00 | restore from the Operational tier | restores the 2025-06-02 01:00 Operational point |
        | 2025-06-02 08:00 | restore from the Vault tier       | restores the 2025-06-02 01:00 Vault point       |
        | 2025-06-02 09:00 | restore from the Operational tier | restores the 2025-06-02 01:00 Operational point |
        | 2025-06-02 10:00 | restore from the Operational tier | restores the 2025-06-02 01:00 Operational point |
        | 2025-06-02 11:00 | restore from the Operational tier | restores the 2025-06-02 01:00 Operational point |
        | 2025-06-02 23:59 | restore from the Vault tier       | refused citing SM-LIM-05                        |
        | 2025-06-03 00:00 | restore from the Vault tier       | restores the 2025-06-02 01:00 Vault point       |
      Then each event gives the expected result
      And the time line reports:
        | statement | effect | about                       | says                                                              |
        | SM-LIM-05 | blocks | request at 2025-06-02 23:59 | 10 restores were already requested on 2025-06-02; the limit is 10. |

    @SM-SUP-21
    Scenario: while the extension is unhealthy, backups and restores are refused and pruning waits
      Given the policy keeps Operational points 1 day
      When the time line runs:
        | time             | event                             | expect                                    |
        | 2025-06-02 01:00 | scheduled backup                  | Operational point, goes to the Vault tier |
        | 2025-06-02 05:00 | scheduled backup                  | Operational point                         |
        | 2025-06-02 09:00 | scheduled backup                  | Operational point                         |
        | 2025-06-03 02:00 | the extension becomes unhealthy   |                                           |
        | 2025-06-03 05:00 | scheduled backup                  | refused citing SM-SUP-21                  |
        | 2025-06-03 06:00 | restore from the Operational tier | refused citing SM-SUP-21                  |
        | 2025-06-03 07:00 | on-demand backup                  | refused citing SM-SUP-21                  |
        | 2025-06-03 12:00 | the extension is healthy again    |                                           |
      Then each event gives the expected result
      And the policy is not refused
      And the time line reports:
        | statement | effect | about                       | says                                                                  |
        | SM-SUP-21 | blocks | request at 2025-06-03 05:00 | the cluster or the extension is not healthy; the backup cannot run.  |
        | SM-SUP-21 | blocks | request at 2025-06-03 06:00 | the cluster or the extension is not healthy; the restore cannot run. |
        | SM-SUP-21 | blocks | request at 2025-06-03 07:00 | the cluster or the extension is not healthy; the backup cannot run.  |
        | SM-VLT-05 | warns  | vault.primary               | worst-case RPO in the primary region: 28 hours                        |
        | SM-VLT-05 | warns  | vault.secondary             | worst-case RPO in the paired region: 40 hours                         |
      And these points were pruned:
        | taken at         | tier        | pruned at        | held back by |
        | 2025-06-02 05:00 | Operational | 2025-06-03 12:00 | SM-SUP-21    |
      And the Operational tier holds:
        | taken at         | why                                               |
        | 2025-06-02 01:00 | linked to the latest Vault point citing SM-VLT-07 |
        | 2025-06-02 09:00 | latest Operational point citing SM-VLT-07         |

    @SM-SUP-24
    Scenario: a deleted Vault point is soft deleted; a deleted Operational point is gone for good
      When the time line runs:
        | time             | event                                         | expect                                    |
        | 2025-06-02 01:00 | scheduled backup                              | Operational point, goes to the Vault tier |
        | 2025-06-02 05:00 | scheduled backup                              | Operational point                         |
        | 2025-06-02 08:00 | delete the 2025-06-02 01:00 Vault point       | soft deleted citing SM-SUP-24             |
        | 2025-06-02 08:30 | delete the 2025-06-02 05:00 Operational point | deleted for good citing SM-SUP-24         |
        | 2025-06-02 08:40 | delete the 2025-06-02 05:00 Operational point | no such point                             |
        | 2025-06-02 09:00 | restore from the Operational tier             | restores the 2025-06-02 01:00 Operational point |
      Then each event gives the expected result
      And the Vault tier holds:
        | taken at | in the Vault by |

    @SM-SUP-24
    Scenario: when the vault's soft delete is not given, a deleted point is gone and whether it is kept cannot be told
      Given the environment does not give vault.soft_delete
      When the time line runs:
        | time             | event                                         | expect                                                                                  |
        | 2025-06-02 01:00 | scheduled backup                              | Operational point, goes to the Vault tier                                               |
        | 2025-06-02 05:00 | scheduled backup                              | Operational point                                                                       |
        | 2025-06-02 08:00 | delete the 2025-06-02 01:00 Vault point       | deleted; soft delete cannot be told citing SM-SUP-24 (vault.soft_delete is not given) |
        | 2025-06-02 08:30 | delete the 2025-06-02 05:00 Operational point | deleted for good citing SM-SUP-24                                                       |
        | 2025-06-02 09:00 | restore from the Operational tier             | restores the 2025-06-02 01:00 Operational point                                         |
      Then each event gives the expected result
      And the Vault tier holds:
        | taken at | in the Vault by |

    @SM-SUP-24
    Scenario: with soft delete off, a deleted Vault point is gone for good
      Given the vault's soft delete is Off
      When the time line runs:
        | time             | event                                   | expect                                    |
        | 2025-06-02 01:00 | scheduled backup                        | Operational point, goes to the Vault tier |
        | 2025-06-02 08:00 | delete the 2025-06-02 01:00 Vault point | deleted for good citing SM-SUP-24         |
      Then each event gives the expected result

    @SM-SUP-26
    Scenario: an immutable vault refuses deleting points before they expire
      Given the vault's immutability is Locked
      When the time line runs:
        | time             | event                                         | expect                                    |
        | 2025-06-02 01:00 | scheduled backup                              | Operational point, goes to the Vault tier |
        | 2025-06-02 08:00 | delete the 2025-06-02 01:00 Vault point       | refused citing SM-SUP-26                  |
        | 2025-06-02 08:30 | delete the 2025-06-02 01:00 Operational point | refused citing SM-SUP-26                  |
      Then each event gives the expected result
      And the Vault tier holds:
        | taken at         | in the Vault by  |
        | 2025-06-02 01:00 | 2025-06-02 05:00 |

    @SM-SUP-26
    Scenario: when the vault's immutability is not given, whether a point can be deleted before it expires cannot be told
      Given the environment does not give vault.immutability
      When the time line runs:
        | time             | event                                         | expect                                                        |
        | 2025-06-02 01:00 | scheduled backup                              | Operational point, goes to the Vault tier                     |
        | 2025-06-02 08:00 | delete the 2025-06-02 01:00 Vault point       | cannot tell citing SM-SUP-26: vault.immutability is not given |
        | 2025-06-09 01:00 | delete the 2025-06-02 01:00 Operational point | deleted for good citing SM-SUP-24                             |
      Then each event gives the expected result
      And the Vault tier holds:
        | taken at         | in the Vault by  |
        | 2025-06-02 01:00 | 2025-06-02 05:00 |

    @SM-SUP-26 @SM-VLT-07
    Scenario: an immutable vault lets a user delete a point from the minute its retention has run out
      Given the vault's immutability is Unlocked
      And the policy keeps Operational points 1 day
      When the time line runs:
        | time             | event                                         | expect                                    |
        | 2025-06-02 01:00 | scheduled backup                              | Operational point, goes to the Vault tier |
        | 2025-06-02 05:00 | scheduled backup                              | Operational point                         |
        | 2025-06-03 01:00 | delete the 2025-06-02 01:00 Operational point | deleted for good citing SM-SUP-24         |
        | 2025-06-03 01:30 | delete the 2025-06-02 01:00 Vault point       | refused citing SM-SUP-26                  |
      Then each event gives the expected result
      And the time line reports:
        | statement | effect | about                       | says                                                                            |
        | SM-SUP-26 | blocks | request at 2025-06-03 01:30 | the vault is immutable (Unlocked); the point expires only at 2025-07-02 01:00. |

  Rule: Requests a time line refuses for what the policy or the vault does not have

    @SM-SUP-14
    Scenario: Operational-tier points are restored only in their own region
      When the time line runs:
        | time             | event                                                  | expect                                    |
        | 2025-06-02 01:00 | scheduled backup                                       | Operational point, goes to the Vault tier |
        | 2025-06-02 08:00 | restore from the Operational tier in the paired region | refused citing SM-SUP-14                  |
        | 2025-06-02 08:30 | restore from the Operational tier                      | restores the 2025-06-02 01:00 Operational point |
      Then each event gives the expected result
      And the time line reports:
        | statement | effect | about                       | says                                                       |
        | SM-SUP-14 | blocks | request at 2025-06-02 08:00 | Operational-tier points restore only in their own region. |

    @SM-SUP-06
    Scenario: with an Operational-only policy nothing goes to or comes from the Vault tier
      Given the policy keeps only the Operational tier
      When the time line runs:
        | time             | event                              | expect                   |
        | 2025-06-02 01:00 | scheduled backup                   | Operational point        |
        | 2025-06-02 02:00 | on-demand backup to the Vault tier | refused citing SM-SUP-06 |
        | 2025-06-02 03:00 | restore from the Vault tier        | refused citing SM-SUP-06 |
      Then each event gives the expected result
      And the time line reports:
        | statement | effect | about                       | says                                                        |
        | SM-SUP-06 | blocks | request at 2025-06-02 02:00 | the policy keeps only the Operational tier; no Vault copy. |
        | SM-SUP-06 | blocks | request at 2025-06-02 03:00 | the policy keeps only the Operational tier.                |

    @SM-SUP-21
    Scenario: a restore asked while the extension is unhealthy is refused, and runs once it is healthy again
      When the time line runs:
        | time             | event                             | expect                                          |
        | 2025-06-02 01:00 | scheduled backup                  | Operational point, goes to the Vault tier       |
        | 2025-06-02 02:00 | the extension becomes unhealthy   |                                                 |
        | 2025-06-02 03:00 | restore from the Operational tier | refused citing SM-SUP-21                        |
        | 2025-06-02 04:00 | the extension is healthy again    |                                                 |
        | 2025-06-02 04:30 | restore from the Operational tier | restores the 2025-06-02 01:00 Operational point |
      Then each event gives the expected result

    @SM-SUP-21
    Scenario: before any backup, a restore is refused while the extension is unhealthy, and finds nothing after
      When the time line runs:
        | time             | event                             | expect                   |
        | 2025-06-02 00:10 | the extension becomes unhealthy   |                          |
        | 2025-06-02 00:20 | restore from the Operational tier | refused citing SM-SUP-21 |
        | 2025-06-02 00:30 | the extension is healthy again    |                          |
        | 2025-06-02 00:40 | restore from the Operational tier | nothing to restore       |
      Then each event gives the expected result
      And the worst-case RPO is:
        | copy             | region  | worst case | bound    | verdict                  |
        | Operational tier | primary | none       | -        | -                        |
        | Vault tier       | primary | none       | 24 hours | -                        |
        | Vault tier       | paired  | none       | 36 hours | no copy citing SM-VLT-04 |

    @SM-SUP-11
    Scenario: a tiering job reported twice gives its point once
      When the time line runs:
        | time             | event                                | expect                                    |
        | 2025-06-02 01:00 | scheduled backup taking 30m          | Operational point, goes to the Vault tier |
        | 2025-06-02 02:00 | tiering of 2025-06-02 01:00 starts   | tiering started                           |
        | 2025-06-02 03:00 | tiering of 2025-06-02 01:00 finishes | in the Vault tier                         |
        | 2025-06-02 03:10 | tiering of 2025-06-02 01:00 finishes | already in the Vault tier                 |
      Then each event gives the expected result
