@conformance
Feature: The cluster itself
  Before any volume is looked at, the cluster as a whole has to qualify: it runs a Kubernetes version
  that AKS still supports on the day in question, it signs in with a managed identity rather than a
  service principal, it reaches the backup service through a private endpoint when its API server is
  private, and it is not a network-isolated cluster.

  Background:
    Given a cluster that meets every requirement of the matrix

  @SM-SUP-01
  Rule: Only clusters on a Kubernetes version AKS supports are covered; others may run but are not covered

    Scenario Outline: Kubernetes <version> is supported on the edition's date
      Given the cluster runs Kubernetes <version>
      When backup is configured
      Then the backup is supported
      And SM-SUP-01 is not cited

      @edition-2025-06-10
      Examples: on 2025-06-10
        | version |
        | 1.30.12 |
        | 1.31.5  |
        | 1.32.0  |
        | v1.32.4 |

      @edition-2026-01-06
      Examples: on 2026-01-06
        | version |
        | 1.32.6  |
        | 1.33.5  |
        | v1.34.1 |

    Scenario Outline: Kubernetes <version> is outside support on the edition's date (<why>)
      Given the cluster runs Kubernetes <version>
      When backup is configured
      Then the backup is not covered citing SM-SUP-01

      Examples:
        | version | why                                          |
        | 1.26.15 | a version AKS no longer lists                |
        | 1.27.9  | ended in July 2024 without long-term support |
        | 1.28.9  | ended in January 2025                        |
        | 1.29.4  | ended in March 2025                          |

      @edition-2025-06-10
      Examples: on 2025-06-10
        | version | why                                          |
        | 1.34.0  | not yet generally available in AKS           |

      @edition-2026-01-06
      Examples: on 2026-01-06
        | version | why                                          |
        | 1.30.12 | ended in July 2025 without long-term support |
        | 1.31.5  | ended in November 2025                       |
        | 1.35.0  | not yet generally available in AKS           |

    Scenario: an unsupported version puts a restore outside support too, without refusing it
      Given the cluster runs Kubernetes 1.28.9
      When a restore is requested
      Then the restore is not covered citing SM-SUP-01

    @edition-2025-06-10
    Scenario: Kubernetes 1.27 on long-term support is covered while its LTS window is open
      Given the cluster runs Kubernetes 1.27.9 on the support plan AKSLongTermSupport
      When backup is configured
      Then the backup is supported
      And SM-SUP-01 is not cited

    @edition-2026-01-06
    Scenario: Kubernetes 1.30 on long-term support is covered while its LTS window is open
      Given the cluster runs Kubernetes 1.30.12 on the support plan AKSLongTermSupport
      When backup is configured
      Then the backup is supported
      And SM-SUP-01 is not cited

    Scenario Outline: on <date>, Kubernetes <version> on plan <plan> is covered
      Given the cluster runs Kubernetes <version> on the support plan <plan>
      And the environment describes the cluster as it is on <date>
      When backup is configured
      Then the backup is supported
      And SM-SUP-01 is not cited

      Examples:
        | version | plan               | date       | why                                   |
        | 1.27.9  | AKSLongTermSupport | 2025-07-31 | last day of the 1.27 LTS window       |
        | 1.30.4  | KubernetesOfficial | 2025-07-31 | last day of 1.30 standard support     |
        | 1.30.4  | AKSLongTermSupport | 2026-07-31 | last day of the 1.30 LTS window       |
        | 1.31.5  | KubernetesOfficial | 2025-11-30 | last day of 1.31 support              |
        | 1.32.0  | KubernetesOfficial | 2025-03-01 | first day 1.32 is generally available |
        | 1.34.0  | KubernetesOfficial | 2025-11-01 | first day 1.34 is generally available |

    Scenario Outline: on <date>, Kubernetes <version> on plan <plan> is outside support
      Given the cluster runs Kubernetes <version> on the support plan <plan>
      And the environment describes the cluster as it is on <date>
      When backup is configured
      Then the backup is not covered citing SM-SUP-01

      Examples:
        | version | plan               | date       | why                                        |
        | 1.27.9  | AKSLongTermSupport | 2025-08-01 | the day after the 1.27 LTS window closes   |
        | 1.30.4  | KubernetesOfficial | 2025-08-01 | standard support over, no long-term plan   |
        | 1.30.4  | AKSLongTermSupport | 2026-08-01 | the day after the 1.30 LTS window closes   |
        | 1.31.5  | KubernetesOfficial | 2025-12-01 | the day after 1.31 support ends            |
        | 1.32.0  | KubernetesOfficial | 2025-02-28 | the day before 1.32 is generally available |
        | 1.31.5  | AKSLongTermSupport | 2025-12-01 | 1.31 has no LTS window to extend it        |

    Scenario Outline: Kubernetes <version> is covered from the first day of its GA month to the last day of its end-of-life month (<date>)
      Given the cluster runs Kubernetes <version> on the support plan KubernetesOfficial
      And the environment describes the cluster as it is on <date>
      When backup is configured
      Then SM-SUP-01 is not cited

      Examples:
        | version | date       |
        | 1.27.9  | 2023-06-01 |
        | 1.27.9  | 2024-07-31 |
        | 1.28.9  | 2023-11-01 |
        | 1.28.9  | 2025-01-31 |
        | 1.29.4  | 2024-03-01 |
        | 1.29.4  | 2025-03-31 |
        | 1.30.4  | 2024-07-01 |
        | 1.31.5  | 2024-11-01 |
        | 1.32.0  | 2026-03-31 |
        | 1.33.1  | 2025-06-01 |
        | 1.33.1  | 2026-06-30 |
        | 1.34.0  | 2026-11-30 |

    Scenario Outline: Kubernetes <version> is not covered the day before its GA month or after its end-of-life month (<date>)
      Given the cluster runs Kubernetes <version> on the support plan KubernetesOfficial
      And the environment describes the cluster as it is on <date>
      When backup is configured
      Then the backup is not covered citing SM-SUP-01
      And the finding of SM-SUP-01 is about cluster.kubernetes_version and says "Kubernetes <version> is not a supported AKS version on <date>"

      Examples:
        | version | date       |
        | 1.27.9  | 2023-05-31 |
        | 1.27.9  | 2024-08-01 |
        | 1.28.9  | 2023-10-31 |
        | 1.28.9  | 2025-02-01 |
        | 1.29.4  | 2024-02-29 |
        | 1.29.4  | 2025-04-01 |
        | 1.30.4  | 2024-06-30 |
        | 1.31.5  | 2024-10-31 |
        | 1.32.0  | 2026-04-01 |
        | 1.33.1  | 2025-05-31 |
        | 1.33.1  | 2026-07-01 |
        | 1.34.0  | 2025-10-31 |
        | 1.34.0  | 2026-12-01 |

    Scenario Outline: a minor newer than the AKS calendar the model carries is unknown after the day the calendar is complete until (<date>)
      Given the cluster runs Kubernetes <version> on the support plan KubernetesOfficial
      And the environment describes the cluster as it is on <date>
      When backup is configured
      Then the backup is unknown: SM-SUP-01 cannot tell beyond the AKS calendar it carries (Kubernetes <version>)

      Examples:
        | version | date       |
        | 1.35.0  | 2026-01-07 |
        | 1.36.2  | 2026-11-28 |

    Scenario: a minor newer than the calendar was not yet generally available up to the day the calendar is complete until
      Given the cluster runs Kubernetes 1.35.0 on the support plan KubernetesOfficial
      And the environment describes the cluster as it is on 2026-01-06
      When backup is configured
      Then the backup is not covered citing SM-SUP-01

    Scenario Outline: long-term support extends <version> to the last day of its LTS month, and not before GA (<date>)
      Given the cluster runs Kubernetes <version> on the support plan AKSLongTermSupport
      And the environment describes the cluster as it is on <date>
      When backup is configured
      Then the backup is <verdict>

      Examples:
        | version | date       | verdict     |
        | 1.27.9  | 2023-05-31 | not covered |
        | 1.27.9  | 2025-07-01 | supported   |
        | 1.30.4  | 2024-06-30 | not covered |
        | 1.30.4  | 2026-07-01 | supported   |

    Scenario: a Kubernetes version that is not given leaves the answer unknown
      Given the environment does not give cluster.kubernetes_version
      And the environment describes the cluster as it is on 2026-02-01
      When backup is configured
      Then the backup is unknown: SM-SUP-01 cannot tell whether the Kubernetes version is supported on 2026-02-01 without cluster.kubernetes_version

    Scenario Outline: a support plan that is not given matters inside a long-term support window (<version>)
      Given the cluster runs Kubernetes <version>
      And the environment does not give cluster.support_plan
      When backup is configured
      Then the backup is unknown: SM-SUP-01 cannot tell whether Kubernetes <version> is in a long-term support window on <date> without cluster.support_plan

      @edition-2025-06-10
      Examples: 1.27 is in its LTS window on 2025-06-10
        | version | date       |
        | 1.27.9  | 2025-06-10 |

      @edition-2026-01-06
      Examples: 1.30 is in its LTS window on 2026-01-06
        | version | date       |
        | 1.30.12 | 2026-01-06 |

    Scenario: a version in standard support needs no support plan
      Given the environment does not give cluster.support_plan
      When backup is configured
      Then the backup is supported
      And SM-SUP-01 is not cited

  @SM-SUP-05
  Rule: The cluster must use a managed identity, system-assigned or user-assigned, not a service principal

    Scenario Outline: a cluster with a <identity> managed identity can be backed up
      Given the cluster uses a <identity> managed identity
      When backup is configured
      Then the backup is supported
      And SM-SUP-05 is not cited

      Examples:
        | identity       |
        | SystemAssigned |
        | UserAssigned   |

    Scenario: a cluster that uses a service principal cannot be backed up
      Given the cluster uses a service principal
      When backup is configured
      Then the backup is refused citing SM-SUP-05
      And the finding of SM-SUP-05 is about cluster.identity and says "the cluster uses a service principal"

    Scenario: a cluster that uses a service principal cannot receive the extension either
      Given the cluster uses a service principal
      When the extension is installed
      Then the installation is refused citing SM-SUP-05

    Scenario: an identity that is not given leaves the answer unknown
      Given the environment does not give cluster.identity
      When backup is configured
      Then the backup is unknown: SM-SUP-05 cannot tell whether the cluster uses a managed identity without cluster.identity

    Scenario: a service principal refuses backup even while other facts are not given
      Given the cluster uses a service principal
      And the environment does not give cluster.tenant
      And the environment does not give cluster.kubernetes_version
      When backup is configured
      Then the backup is refused citing SM-SUP-05

  @SM-SUP-19
  Rule: A private cluster needs a private endpoint for backup operations

    Scenario: a private cluster with a private endpoint for backup can be backed up
      Given the cluster is private
      And a private endpoint is configured for backup operations
      When backup is configured
      Then the backup is supported
      And SM-SUP-19 is not cited

    Scenario: a private cluster without a private endpoint cannot be backed up
      Given the cluster is private
      When backup is configured
      Then the backup is refused citing SM-SUP-19
      And the finding of SM-SUP-19 is about cluster.private_endpoint and says "no private endpoint is configured for backup operations"

    Scenario: a public cluster needs no private endpoint
      When backup is configured
      Then the backup is supported
      And SM-SUP-19 is not cited

    Scenario: a private cluster whose private endpoint is not given leaves the answer unknown
      Given the cluster is private
      And the environment does not give cluster.private_endpoint
      When backup is configured
      Then the backup is unknown: SM-SUP-19 cannot tell whether the private cluster has a private endpoint for backup without cluster.private_endpoint

    Scenario: a cluster that may or may not be private leaves the answer unknown
      Given the environment does not give cluster.private_cluster
      When backup is configured
      Then the backup is unknown: SM-SUP-19 cannot tell whether the cluster is private without cluster.private_cluster

    Scenario: a public cluster needs no fact about private endpoints
      Given the environment does not give cluster.private_endpoint
      When backup is configured
      Then the backup is supported

  @SM-UNS-05
  Rule: Network-isolated clusters cannot use AKS backup

    Scenario: a cluster with ordinary outbound access can be backed up
      When backup is configured
      Then the backup is supported
      And SM-UNS-05 is not cited

    Scenario: a cluster that may or may not be network isolated leaves the answer unknown
      Given the environment does not give cluster.network_isolated
      When backup is configured
      Then the backup is unknown: SM-UNS-05 cannot tell whether the cluster is network isolated without cluster.network_isolated

    Scenario: a network-isolated cluster cannot be backed up
      Given the cluster is network isolated
      When backup is configured
      Then the backup is refused citing SM-UNS-05
      And the finding of SM-UNS-05 is about cluster.network_isolated and says "does not support network-isolated clusters"

    Scenario: the extension cannot be installed on a network-isolated cluster
      Given the cluster is network isolated
      When the extension is installed
      Then the installation is refused citing SM-UNS-05
