"""Backup policies (matrix #supported-scenarios): tiers and frequencies."""

from __future__ import annotations

from collections.abc import Iterator

from ..operations import BACKUP_KINDS
from ..outcome import Effect, Finding
from ..tables import BACKUP_FREQUENCIES_HOURS, MIN_BACKUP_FREQUENCY_HOURS
from . import Context, cannot_tell, finding, rule
from .volumes import kept_volumes
from .volumes import subject as volume_subject

POLICY_KINDS = BACKUP_KINDS | {"create_policy"}


@rule("SM-SUP-06", on=POLICY_KINDS)
def operational_tier_always(ctx: Context) -> Iterator[Finding]:
    """A policy has the Operational tier alone or the Operational and the Vault tier; never Vault alone."""
    policy = ctx.env.policy
    if policy is None:
        yield cannot_tell("SM-SUP-06", "policy", "which tiers the backup policy keeps")
    elif policy.operational is None:
        what = "only the Vault tier" if policy.vault is not None else "no tier at all"
        yield finding(
            "SM-SUP-06", Effect.BLOCKS, "policy.operational",
            f"the policy has {what}; "
            "every policy keeps the Operational tier (optionally with the Vault tier).",
        )  # fmt: skip
    if policy is not None and policy.vault is not None and ctx.kind in BACKUP_KINDS:
        vault_drivers = ctx.tables.vault_volume_drivers
        for i, volume in kept_volumes(ctx):
            if volume.driver not in vault_drivers:
                yield finding(
                    "SM-SUP-06", Effect.SKIPS, volume_subject(i),
                    f"{volume.claim} is an Azure Files volume: the Vault tier takes disk volumes only, so it "
                    "stays in the Operational tier.",
                    tier="Vault",
                )  # fmt: skip


@rule("SM-SUP-08", on=POLICY_KINDS)
def backup_frequencies(ctx: Context) -> Iterator[Finding]:
    """Scheduled backups run every 4, 6, 8, 12 or 24 hours; 4 hours is the shortest period."""
    policy = ctx.env.policy
    hours = None if policy is None else policy.every_hours
    if hours is None:
        where = "policy" if policy is None else "policy.every_hours"
        yield cannot_tell("SM-SUP-08", where, "whether the policy's backup frequency is offered")
    elif hours not in BACKUP_FREQUENCIES_HOURS:
        shortest = " (the shortest period is 4 hours)" if hours < MIN_BACKUP_FREQUENCY_HOURS else ""
        allowed = ", ".join(map(str, BACKUP_FREQUENCIES_HOURS))
        yield finding(
            "SM-SUP-08", Effect.BLOCKS, "policy.every_hours",
            f"a backup every {hours} hours is not offered; choose every {allowed} hours{shortest}.",
        )  # fmt: skip
