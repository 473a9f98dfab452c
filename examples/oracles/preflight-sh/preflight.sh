#!/bin/sh
# A hand-written AKS Backup preflight check in shell + jq, speaking the wire format of
# aks-backup-conformance (`aks-backup-conformance schema --request` / `--answer`): one request on
# standard input, one answer on standard output.
#
# It checks eight statements and carries three of the mistakes such scripts make (on purpose, see
# ../README.md): the region list is copied from an older page (regions added since are missing), a
# backup every 2 hours is allowed, and kube-system, kube-node-lease and kube-public are counted against
# the 800 namespaces of a backup instance. It needs every fact (cross-check it with --complete) and gives
# no volume plan (--no-plans).
#
#   aks-backup-conformance crosscheck --complete --no-plans \
#     --oracle "command:sh examples/oracles/preflight-sh/preflight.sh" \
#     --covers SM-REG-02,SM-REG-03,SM-SUP-05,SM-SUP-08,SM-SUP-12,SM-UNS-05,SM-LIM-03,SM-LIM-04
set -eu
command -v jq >/dev/null 2>&1 || { echo "preflight.sh needs jq" >&2; exit 2; }

exec jq -c '
  # Copied from an older page: italynorth, jioindiawest, norwaywest, swedencentral, switzerlandwest missing.
  def both_tiers: ["australiacentral","australiacentral2","australiaeast","australiasoutheast",
    "brazilsouth","brazilsoutheast","canadacentral","canadaeast","centralindia","centralus","eastasia",
    "eastus","eastus2","francecentral","francesouth","germanynorth","germanywestcentral","japaneast",
    "japanwest","koreacentral","koreasouth","northcentralus","northeurope","norwayeast",
    "southafricanorth","southafricawest","southcentralus","southindia","southeastasia",
    "switzerlandnorth","uaenorth","uksouth","ukwest","westcentralus","westeurope","westus","westus2",
    "westus3"];
  def operational_only: ["chinaeast2","chinaeast3","chinanorth2","chinanorth3","usgovarizona",
    "usgovtexas","usgovvirginia","israelcentral","polandcentral","spaincentral"];
  def frequencies: [2,4,6,8,12,24];   # 2 hours is not offered
  def backup: ["configure_backup","scheduled_backup","on_demand_backup","tier_to_vault"];
  def cluster_ops: backup + ["install_extension","restore","delete_expired_recovery_points"];
  def regional: (cluster_ops - ["delete_expired_recovery_points"]) + ["create_policy"];
  def policy_ops: backup + ["create_policy"];
  def f($s; $e; $subject; $m): {statement: $s, effect: $e, subject: $subject, message: $m};
  def in_list($l): . as $x | $l | index([$x]) != null;

  .operation.kind as $kind
  | .operation.source_tier as $source
  | .environment as $env
  | $env.cluster as $c
  | $env.policy as $p
  | (if $p == null then null else ($p.vault != null) end) as $vault_tier
  | [
      ( if ($kind | in_list(regional)) then
          (if $kind == "restore" then ($source == "Vault") else $vault_tier end) as $wants_vault
          | if $c.region == null then
              (if $wants_vault != false then f("SM-REG-02"; "cannot_tell"; "cluster.region"; "region not given") else empty end),
              f("SM-REG-03"; "cannot_tell"; "cluster.region"; "region not given")
            elif ($c.region | in_list(operational_only)) then
              if $kind != "restore" and $vault_tier == null then f("SM-REG-02"; "cannot_tell"; "policy"; "no policy")
              elif $kind != "restore" and $vault_tier then f("SM-REG-02"; "blocks"; "policy.vault"; "no Vault tier here")
              elif $kind == "restore" and $source == "Vault" then f("SM-REG-02"; "blocks"; "operation.source_tier"; "no Vault tier here")
              else f("SM-REG-02"; "informs"; "cluster.region"; "Operational tier only") end
            elif ($c.region | in_list(both_tiers)) | not then
              f("SM-REG-03"; "blocks"; "cluster.region"; "\($c.region) is not a supported region")
            else empty end
        else empty end ),
      ( if ($kind | in_list(cluster_ops)) then
          (if $c.identity == "ServicePrincipal" then f("SM-SUP-05"; "blocks"; "cluster.identity"; "use a managed identity") else empty end),
          (if $c.network_isolated == true then f("SM-UNS-05"; "blocks"; "cluster.network_isolated"; "network isolated") else empty end)
        else empty end ),
      ( if ($kind | in_list(policy_ops)) and $p != null and (($p.every_hours | in_list(frequencies)) | not) then
          f("SM-SUP-08"; "blocks"; "policy.every_hours"; "every \($p.every_hours) h is not offered")
        else empty end ),
      ( if ($kind | in_list(backup)) then
          (if $env.vault.region != $c.region then f("SM-SUP-12"; "blocks"; "vault.region"; "vault in another region") else empty end),
          (if $env.vault.tenant != $c.tenant then f("SM-SUP-12"; "blocks"; "vault.tenant"; "vault in another tenant")
           elif $env.vault.subscription != $c.subscription then f("SM-SUP-12"; "informs"; "vault.subscription"; "another subscription: fine")
           else empty end)
        else empty end ),
      ( if $kind == "on_demand_backup" and (($env.backup_instance.on_demand_backups_today // 0) >= 10) then
          f("SM-LIM-03"; "blocks"; "backup_instance.on_demand_backups_today"; "too many on-demand backups today")
        else empty end ),
      ( if $kind == "configure_backup" then
          $env.backup_instance as $bi
          # kube-system, kube-node-lease and kube-public are counted too
          | (if $bi.namespaces == null then [$c.namespaces[]?.name] else $bi.namespaces end) as $names
          | (($names | unique) - ($bi.excluded_namespaces // [])) | length as $count
          | if $count > 800 then
              f("SM-LIM-04"; "blocks"; (if $bi.namespaces == null then "cluster.namespaces" else "backup_instance.namespaces" end); "\($count) namespaces, over 800")
            else empty end
        else empty end )
    ] as $findings
  | {schema_version: "1.0", question: "evaluate", operation: $kind, edition: .edition,
     findings: $findings, volumes: [], namespaces: []}
'
