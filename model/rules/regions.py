"""Supported regions (matrix #supported-regions): which tiers are offered where."""

from __future__ import annotations

import difflib
from collections.abc import Iterator

from ..operations import REGIONAL_KINDS
from ..outcome import Effect, Finding
from ..tables import OPERATIONAL_ONLY_REGIONS, REGION_DISPLAY_NAMES, VAULT_AND_OPERATIONAL_REGIONS
from . import Context, cannot_tell, finding, rule


def _display(region: str) -> str:
    return REGION_DISPLAY_NAMES.get(region, region)


@rule("SM-REG-01", on=REGIONAL_KINDS)
def vault_and_operational_regions(ctx: Context) -> Iterator[Finding]:
    """Both tiers are offered in the 43 regions of the first list."""
    region = ctx.env.cluster.region
    if region in VAULT_AND_OPERATIONAL_REGIONS and ctx.vault_tier:  # informs only: silent when unknown
        yield finding(
            "SM-REG-01", Effect.INFORMS, "cluster.region",
            f"{_display(region)} offers both the Operational and the Vault tier.",
        )  # fmt: skip


@rule("SM-REG-02", on=REGIONAL_KINDS)
def operational_only_regions(ctx: Context) -> Iterator[Finding]:
    """Only the Operational tier is offered in the ten regions of the second list."""
    region = ctx.env.cluster.region
    wants_vault = (
        ctx.vault_tier if ctx.kind != "restore" else ctx.op.source_tier == "Vault"  # type: ignore[union-attr]
    )
    if region is None:
        if wants_vault is not False:
            yield cannot_tell(
                "SM-REG-02", "cluster.region", "whether the region offers the Vault tier this operation needs"
            )
        return
    if region not in OPERATIONAL_ONLY_REGIONS:
        return
    if ctx.kind != "restore" and ctx.vault_tier is None:
        yield cannot_tell(
            "SM-REG-02",
            "policy",
            f"whether the policy asks for the Vault tier, which {_display(region)} lacks",
        )
    elif ctx.vault_tier and ctx.kind != "restore":
        yield finding(
            "SM-REG-02", Effect.BLOCKS, "policy.vault",
            f"{_display(region)} offers only the Operational tier; the policy asks for the Vault tier.",
        )  # fmt: skip
    elif ctx.kind == "restore" and ctx.op.source_tier == "Vault":  # type: ignore[union-attr]
        yield finding(
            "SM-REG-02", Effect.BLOCKS, "operation.source_tier",
            f"{_display(region)} offers only the Operational tier; there is no Vault tier to restore from.",
        )  # fmt: skip
    else:
        yield finding(
            "SM-REG-02", Effect.INFORMS, "cluster.region",
            f"{_display(region)} offers only the Operational tier.",
        )  # fmt: skip


@rule("SM-REG-03", on=REGIONAL_KINDS)
def unlisted_regions(ctx: Context) -> Iterator[Finding]:
    """A region in neither list offers no AKS backup."""
    region = ctx.env.cluster.region
    if region is None:
        yield cannot_tell("SM-REG-03", "cluster.region", "whether the cluster's region offers AKS backup")
        return
    if region in VAULT_AND_OPERATIONAL_REGIONS or region in OPERATIONAL_ONLY_REGIONS:
        return
    close = difflib.get_close_matches(region, list(REGION_DISPLAY_NAMES), n=1, cutoff=0.8)
    hint = f" Did you mean {_display(close[0])!r} ({close[0]})?" if close else ""
    yield finding(
        "SM-REG-03", Effect.BLOCKS, "cluster.region",
        f"region {region!r} is in neither list of supported regions.{hint}",
    )  # fmt: skip
