"""Timing facts as they bear on a single operation (from the matrix's supported scenarios and its
limits of vaulted backup).

These rules state what a configured policy implies; the time line itself (which points reach the
vault, when, and what pruning keeps) is simulated by `aks_backup_model.lifecycle`.
"""

from __future__ import annotations

from collections.abc import Iterator

from ..outcome import Effect, Finding
from ..tables import (
    BACKUP_WINDOW_HOURS,
    PRUNING_KEEPS_OPERATIONAL_POINTS,
    TIERING_MAX_HOURS,
    TIERING_START_MAX_HOURS,
    VAULT_ELIGIBILITY_PERIOD_HOURS,
    VAULT_RPO_PRIMARY_HOURS,
    VAULT_RPO_SECONDARY_HOURS,
)
from . import Context, finding, rule


@rule("SM-SUP-09", on=("scheduled_backup",))
def backup_window(ctx: Context) -> Iterator[Finding]:
    """A scheduled backup is expected to finish within 2 hours of its scheduled start."""
    yield finding(
        "SM-SUP-09", Effect.INFORMS, "policy" if ctx.env.policy is None else "policy.start",
        f"the backup is expected to finish within {BACKUP_WINDOW_HOURS} hours of its scheduled start.",
    )  # fmt: skip


@rule("SM-SUP-10", on=("configure_backup", "tier_to_vault"))
def first_backup_of_the_day(ctx: Context) -> Iterator[Finding]:
    """Only the first successful Operational backup of each 24-hour period can move to the Vault tier."""
    hours = ctx.env.policy.every_hours if ctx.env.policy is not None else None
    if ctx.vault_tier and hours is not None and hours < VAULT_ELIGIBILITY_PERIOD_HOURS:
        per_day = VAULT_ELIGIBILITY_PERIOD_HOURS // hours
        yield finding(
            "SM-SUP-10", Effect.INFORMS, "policy.vault",
            f"of up to {per_day} backups each UTC day, only the first to end successfully moves to the "
            "Vault tier.",
        )  # fmt: skip


@rule("SM-SUP-11", on=("tier_to_vault",))
def tiering_duration(ctx: Context) -> Iterator[Finding]:
    """Moving a backup to the Vault tier can take up to 4 hours after it was created."""
    if ctx.vault_tier:
        yield finding(
            "SM-SUP-11", Effect.INFORMS, "policy.vault",
            f"the copy can take up to {TIERING_MAX_HOURS} hours, counted from the end of the backup, to be "
            "in the Vault tier.",
        )  # fmt: skip


@rule("SM-VLT-05", on=("configure_backup",))
def vault_rpo(ctx: Context) -> Iterator[Finding]:
    """One scheduled Vault point a day: RPO 24 h in the primary region, up to 36 h in the secondary."""
    if not ctx.vault_tier:
        return
    vault = ctx.env.vault
    secondary = (
        f", up to {VAULT_RPO_SECONDARY_HOURS} hours in the paired region"
        if vault.cross_region_restore and vault.redundancy == "GeoRedundant"
        else ""
    )
    yield finding(
        "SM-VLT-05", Effect.INFORMS, "policy.vault",
        f"the Vault tier gets one scheduled point a day: a recovery point objective of "
        f"{VAULT_RPO_PRIMARY_HOURS} hours in the primary region{secondary}.",
    )  # fmt: skip


@rule("SM-VLT-06", on=("tier_to_vault",))
def tiering_start(ctx: Context) -> Iterator[Finding]:
    """Tiering may take up to 4 hours to begin once a backup is eligible."""
    if ctx.vault_tier:
        yield finding(
            "SM-VLT-06", Effect.INFORMS, "policy.vault",
            f"tiering may start up to {TIERING_START_MAX_HOURS} hours after the backup ends and becomes "
            "eligible.",
        )  # fmt: skip


@rule("SM-VLT-07", on=("configure_backup", "delete_expired_recovery_points"))
def pruning_keeps_tiering_points(ctx: Context) -> Iterator[Finding]:
    """Pruning keeps the latest Operational point and the one linked to the latest Vault point."""
    if ctx.vault_tier:
        yield finding(
            "SM-VLT-07", Effect.INFORMS, "policy.operational",
            f"pruning always keeps {PRUNING_KEEPS_OPERATIONAL_POINTS} Operational points (the latest one and "
            "the one behind the latest Vault point), so some outlive the retention.",
        )  # fmt: skip
