"""Binds features/volumes.feature: drivers, disk SKUs, provisioning, consistency, Vault-tier limits."""

from __future__ import annotations

from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then

from aks_backup_conformance.pytest_plugin import Mismatch, not_compared, strict
from aks_backup_model import Effect, Outcome

from .common import feature, volume

scenarios(feature("volumes.feature"))

AZURE_DISK_CSI = "disk.csi.azure.com"

# A quoted claim, driver or namespace is one word, so that no step swallows the rest of a longer one.
CLAIM = r'"(?P<claim>[^"\s]+)"'
SKU = r"(?P<sku>\S+)"


# ## Given: one more volume, or one fact of the cluster's storage -----------------------------------


@given(parsers.re(rf'the cluster also has a volume {CLAIM} served by "(?P<driver>[^"\s]+)"$'))
def _(env_data: dict[str, Any], claim: str, driver: str) -> None:
    volume(env_data, claim)["driver"] = driver


@given(parsers.re(rf"the cluster also has a CSI disk volume {CLAIM} of SKU {SKU}$"))
def _(env_data: dict[str, Any], claim: str, sku: str) -> None:
    volume(env_data, claim).update(driver=AZURE_DISK_CSI, sku=sku)


@given(parsers.re(rf"the cluster's only volume is a CSI disk volume {CLAIM} of SKU {SKU}$"))
def _(env_data: dict[str, Any], claim: str, sku: str) -> None:
    env_data["cluster"]["volumes"] = []
    volume(env_data, claim).update(driver=AZURE_DISK_CSI, sku=sku)


@given(
    parsers.re(
        rf"the cluster also has a (?P<provisioning>dynamic|static)ally provisioned disk volume {CLAIM}"
        r' with storage class "(?P<storage_class>[^"\s]+)"$'
    )
)
def _(env_data: dict[str, Any], provisioning: str, claim: str, storage_class: str) -> None:
    volume(env_data, claim).update(provisioning=provisioning, storage_class=storage_class)


@given(
    parsers.re(
        rf"the cluster also has a (?P<provisioning>dynamic|static)ally provisioned disk volume {CLAIM}"
        " that names no storage class$"
    )
)
def _(env_data: dict[str, Any], provisioning: str, claim: str) -> None:
    volume(env_data, claim).update(provisioning=provisioning, storage_class="")


@given(
    parsers.re(
        rf"the cluster also has a statically provisioned disk volume {CLAIM} of SKU {SKU}"
        " that names no storage class$"
    )
)
def _(env_data: dict[str, Any], claim: str, sku: str) -> None:
    volume(env_data, claim).update(provisioning="static", storage_class="", sku=sku)


@given(parsers.re(rf"the cluster also has a disk volume {CLAIM} of (?P<size>\d+) GiB$"))
def _(env_data: dict[str, Any], claim: str, size: str) -> None:
    volume(env_data, claim)["size_gib"] = int(size)


@given(
    parsers.re(
        rf"the cluster also has a disk volume {CLAIM} with network access (?P<access>\S+)"
        r" and public network access (?P<public>\S+)$"
    )
)
def _(env_data: dict[str, Any], claim: str, access: str, public: str) -> None:
    volume(env_data, claim).update(network_access=access, public_network_access=public)


@given(parsers.parse('the cluster\'s volumes are {count:d} Azure Disk volumes in namespace "{namespace}"'))
def _(env_data: dict[str, Any], count: int, namespace: str) -> None:
    env_data["cluster"]["volumes"] = []
    for number in range(1, count + 1):
        volume(env_data, f"{namespace}/disk-{number:03d}")


@given("the cluster's Azure Disk CSI driver is disabled")
def _(env_data: dict[str, Any]) -> None:
    env_data["cluster"].setdefault("storage_profile", {})["disk_csi_driver"] = False


@given("the cluster's snapshot controller is disabled")
def _(env_data: dict[str, Any]) -> None:
    env_data["cluster"].setdefault("storage_profile", {})["snapshot_controller"] = False


@given(parsers.parse("the backup instance expects {consistency:S} snapshots"))
def _(env_data: dict[str, Any], consistency: str) -> None:
    env_data["backup_instance"]["consistency"] = consistency


@given(parsers.parse('the backup instance selects only the namespace "{namespace}"'))
def _(env_data: dict[str, Any], namespace: str) -> None:
    env_data["backup_instance"]["namespaces"] = [namespace]


# ## Then ------------------------------------------------------------------------------------------


@then(parsers.parse('SM-SUP-03 reports the disk type "{disk_type}"'))
def _(request: pytest.FixtureRequest, outcome: Outcome, disk_type: str) -> None:
    # The SKU -> disk type reading (SM-SUP-03's interpretation) is only visible in the finding's words:
    # an informational finding's words: a difference counts at the strict level only.
    messages = [
        f.message for f in outcome.findings if f.statement_id == "SM-SUP-03" and f.effect is Effect.INFORMS
    ]
    if any(disk_type in m for m in messages):
        return
    if strict(request):
        raise Mismatch("SM-SUP-03", f"{'; '.join(messages)[:200]!r}", f"a finding that names {disk_type!r}")
    not_compared(request, f"SM-SUP-03 informs without naming the disk type {disk_type!r}")


@given(parsers.re(rf'the cluster also has a disk {CLAIM} declared inline in pod "(?P<pod>[^"\s]+)"$'))
def _(env_data: dict[str, Any], claim: str, pod: str) -> None:
    volume(env_data, claim).update(pod=pod, driver="kubernetes.io/azure-disk", storage_class="")


@given(parsers.parse("the backup instance includes only the volume type {volume_type:S}"))
def _(env_data: dict[str, Any], volume_type: str) -> None:
    env_data["backup_instance"]["included_volume_types"] = [volume_type]


@given(parsers.re(rf"volume {CLAIM} is labelled (?P<key>[^=\s]+)=(?P<value>\S*)$"))
def _(env_data: dict[str, Any], claim: str, key: str, value: str) -> None:
    volume(env_data, claim).setdefault("labels", {})[key] = value


@given(parsers.parse('the backup instance takes only resources labelled "{selector}"'))
def _(env_data: dict[str, Any], selector: str) -> None:
    env_data["backup_instance"]["label_selectors"] = [selector]
