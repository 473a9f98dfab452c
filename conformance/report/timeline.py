"""A time line for people: what a policy does over days, which points reach the vault, the worst-case RPO.

    aks-backup-conformance timeline POLICY_FILE --days N [--format text|json]

The policy file is YAML (or JSON): a `policy:` in the shape of the environment's policy, optionally a
`vault:` (region, redundancy, Cross Region Restore, ...); a whole environment file works too. The time
line starts on the edition's date (2025-06-10, 00:00 UTC) so the same file always prints the same
thing, and it assumes the worst case the matrix allows: every scheduled backup succeeds but uses its
whole 2-hour window, and every tiering job starts and ends 4 hours after its backup completed.

Exit codes: 0 the time line was printed; 2 bad input (the file, or --days); 3 the matrix refuses the
policy itself (a frequency other than 4, 6, 8, 12 or 24 hours: SM-SUP-08; the Vault tier without the
Operational tier: SM-SUP-06).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Final

from aks_backup_model.environment import Environment, Policy, Vault
from aks_backup_model.errors import MISSING, InvalidInput
from aks_backup_model.lifecycle import (
    RPO_PRIMARY,
    RPO_SECONDARY,
    TIERING_MAX,
    RecoveryPoint,
    Tier,
    Timeline,
    hours,
    planned_backups,
    policy_refusals,
    schedule_times,
    simulate,
    stamp,
)
from aks_backup_model.outcome import EXIT_BAD_INPUT, EXIT_SUPPORTED, EXIT_UNSUPPORTED
from aks_backup_model.tables import (
    BACKUP_WINDOW_HOURS,
    DEFAULT_POLICY_EVERY_HOURS,
    PAIRED_REGION,
    REGION_DISPLAY_NAMES,
)

from ..io.load import parse_data, read_document, read_text

START: Final = dt.datetime(2025, 6, 10, tzinfo=dt.UTC)
"""Day 1 of a time line judged by edition 2025-06-10: the date of that edition (see `start_of`)."""


def start_of(edition: str) -> dt.datetime:
    """Day 1 of a time line judged by `edition`: its date, 00:00 UTC."""
    day = dt.date.fromisoformat(edition)
    return dt.datetime(day.year, day.month, day.day, tzinfo=dt.UTC)


MAX_DAYS: Final = 3660

__all__ = [
    "MAX_DAYS",
    "START",
    "PolicyFile",
    "RpoRow",
    "ScheduleRow",
    "load_policy",
    "rpo_rows",
    "schedule_rows",
    "timeline_command",
    "timeline_document",
]


@dataclass(frozen=True, slots=True)
class PolicyFile:
    """What a policy file describes: the policy and the vault it lives in."""

    source: str
    policy: Policy
    vault: Vault


def load_policy(path: str | Path) -> PolicyFile:
    """Read the policy file at `path`.

    The policy must say how long each tier it has keeps points: a missing `retention_days` is bad
    input, not a silent default, because retention is what a time line is about. A tier written as
    null is absent (the matrix then judges the policy: SM-SUP-06). The frequency and the start time
    default to Azure's default policy (every 4 hours from 09:00 UTC).

    Raises:
        InvalidInput: the file cannot be read, is not YAML/JSON, or does not describe a valid policy;
            each problem names the field path, the value found and what was expected.
    """
    source = str(path)
    data = read_document(read_text(Path(path), source), source)
    problems: list[tuple[str, object, str]] = []
    policy = data.get("policy", MISSING) if isinstance(data, dict) else MISSING
    if not isinstance(data, dict):
        problems.append(("", MISSING if data is None else data, "a mapping with a `policy:` key"))
    elif policy is MISSING:
        problems.append(
            ("policy", MISSING, "the backup policy, e.g. {every_hours: 4, operational: {retention_days: 7}}")
        )
    elif isinstance(policy, dict):
        if "operational" not in policy:
            problems.append(
                (
                    "policy.operational",
                    MISSING,
                    "the Operational tier, e.g. {retention_days: 7} (null for none)",
                )
            )
        for tier in ("operational", "vault"):
            entry = policy.get(tier)
            if isinstance(entry, dict) and "retention_days" not in entry:
                problems.append(
                    (f"policy.{tier}.retention_days", MISSING, "a whole number of days, at least 1")
                )
    # The fields checked above and the model's own checks are reported together, once per path.
    environment: Environment | None = None
    try:
        environment = parse_data(data, source)
    except InvalidInput as error:
        problems += [p for p in error.problems if p[0] not in {q[0] for q in problems}]
    if environment is not None and environment.policy is None and not problems:
        problems.append(
            ("policy", None, "the backup policy, e.g. {every_hours: 4, operational: {retention_days: 7}}")
        )
    if problems or environment is None or environment.policy is None:
        raise InvalidInput(source, problems)
    return PolicyFile(source, environment.policy, environment.vault)


# --- Rows shared by the command and the features -------------------------------------------------------


@dataclass(frozen=True, slots=True)
class RpoRow:
    """One line of the RPO table: a copy of the backups, where it is, and how it fares against its bound."""

    copy: str
    region: str
    """"primary" (the vault's region) or "paired" (its Azure paired region)."""
    worst_case: dt.timedelta | None
    """None: there is no such copy, or no backup was attempted."""
    bound: dt.timedelta | None
    statement_id: str | None

    @property
    def verdict(self) -> str:
        if self.statement_id == "SM-VLT-04":
            return "no copy citing SM-VLT-04"
        if self.bound is None or self.worst_case is None:
            return "-"
        return "within" if self.worst_case <= self.bound else f"exceeded citing {self.statement_id}"

    def cells(self) -> tuple[str, str, str, str, str]:
        """The row as the feature tables and the text table show it."""
        worst = "none" if self.worst_case is None else hours(self.worst_case)
        bound = "-" if self.bound is None else hours(self.bound)
        return (self.copy, self.region, worst, bound, self.verdict)


def rpo_rows(timeline: Timeline) -> list[RpoRow]:
    """The worst-case RPO of each copy: Operational tier, Vault tier in the primary and paired region."""
    rpo = timeline.rpo
    rows = [RpoRow("Operational tier", "primary", rpo.operational, None, None)]
    if timeline.policy.vault is None:
        return rows
    rows.append(RpoRow("Vault tier", "primary", rpo.primary, RPO_PRIMARY, "SM-VLT-05"))
    if rpo.secondary is None:
        rows.append(RpoRow("Vault tier", "paired", None, RPO_SECONDARY, "SM-VLT-04"))
    else:
        rows.append(RpoRow("Vault tier", "paired", rpo.secondary, RPO_SECONDARY, "SM-VLT-05"))
    return rows


@dataclass(frozen=True, slots=True)
class ScheduleRow:
    """One scheduled backup of the time line and what became of it."""

    taken_at: dt.datetime
    completed_at: dt.datetime
    to_vault: bool
    in_vault_by: dt.datetime | None
    operational_until: dt.datetime
    vault_until: dt.datetime | None


def schedule_rows(timeline: Timeline) -> list[ScheduleRow]:
    """Each Operational point with its Vault copy: when it leaves each tier (pruned, or due to expire)."""
    copies = {p.source: p for p in timeline.points if p.tier is Tier.VAULT}
    rows = []
    for point in timeline.points:
        if point.tier is not Tier.OPERATIONAL:
            continue
        copy = copies.get(point.id)
        rows.append(
            ScheduleRow(
                point.taken_at, point.available_at, point.vault_eligible,
                copy.available_at if copy else None, _until(point), _until(copy) if copy else None,
            )
        )  # fmt: skip
    return rows


def _until(point: RecoveryPoint) -> dt.datetime:
    return point.removed_at or point.expires_at


# --- The command ----------------------------------------------------------------------------------


def timeline_command(policy_file: str, days: int, fmt: str, edition: str = "2025-06-10") -> int:
    """Print the time line of `policy_file` over `days` days as text (a rich table) or JSON, from the
    date of `edition` (the report names it).

    Returns the exit code: 0 printed, 2 bad input, 3 the policy is refused (its findings are printed).
    """
    try:
        if fmt not in ("text", "json"):
            raise InvalidInput("--format", [("--format", fmt, "text or json")])
        if not 1 <= days <= MAX_DAYS:
            raise InvalidInput("--days", [("--days", days, f"a whole number of days from 1 to {MAX_DAYS}")])
        loaded = load_policy(policy_file)
    except InvalidInput as error:
        _invalid(error, fmt)
        return EXIT_BAD_INPUT
    refusals = policy_refusals(loaded.policy)
    if refusals:
        findings = [r.finding().to_dict() for r in refusals]
        if fmt == "json":
            _print_json({"source": loaded.source, "status": "unsupported", "findings": findings})
        else:
            _print_refused(loaded, findings)
        return EXIT_UNSUPPORTED
    start = start_of(edition)
    timeline = simulate(loaded.policy, planned_backups(loaded.policy, start, days), vault=loaded.vault)
    document = timeline_document(loaded, timeline, days, start) | {"edition": edition}
    if fmt == "json":
        _print_json(document)
    else:
        _print_text(loaded, timeline, days, start, edition)
    return EXIT_SUPPORTED


def timeline_document(
    loaded: PolicyFile, timeline: Timeline, days: int, start: dt.datetime = START
) -> dict[str, Any]:
    """The JSON form of a time line."""
    vault = loaded.vault
    return {
        "source": loaded.source,
        "status": "supported",
        "policy": loaded.policy.model_dump(mode="json"),
        "vault": {
            "region": vault.region,
            "redundancy": vault.redundancy,
            "cross_region_restore": vault.cross_region_restore,
            "paired_region": PAIRED_REGION.get(vault.region) if vault.region else None,
        },
        "from": start.isoformat(),
        "days": days,
        "assumptions": _assumptions(loaded.policy),
        "schedule_times": [t.strftime("%H:%M") for t in schedule_times(loaded.policy)],
        "backups": [
            {
                "taken_at": row.taken_at.isoformat(),
                "completed_at": row.completed_at.isoformat(),
                "to_vault": row.to_vault,
                "in_vault_by": row.in_vault_by.isoformat() if row.in_vault_by else None,
                "operational_until": row.operational_until.isoformat(),
                "vault_until": row.vault_until.isoformat() if row.vault_until else None,
            }
            for row in schedule_rows(timeline)
        ],
        "rpo": [
            {
                "copy": row.copy,
                "region": _region_name(vault, row.region),
                "worst_case_hours": _in_hours(row.worst_case),
                "bound_hours": _in_hours(row.bound),
                "within_bound": None if row.verdict == "-" else row.verdict == "within",
                "statement": row.statement_id,
            }
            for row in rpo_rows(timeline)
        ],
        "findings": [f.to_dict() for f in timeline.findings()],
    }


def _in_hours(delta: dt.timedelta | None) -> float | None:
    return None if delta is None else delta.total_seconds() / 3600


def _assumptions(policy: Policy) -> list[str]:
    backups = (
        f"every scheduled backup succeeds and ends with its {BACKUP_WINDOW_HOURS}-hour window (SM-SUP-09)"
    )
    if policy.vault is None:
        return [backups]
    return [
        backups,
        f"every tiering job starts and ends {hours(TIERING_MAX)} after its backup completed "
        "(SM-VLT-06, SM-SUP-11)",
        "a day is the UTC calendar day; its first successful scheduled backup goes to the Vault tier "
        "(SM-SUP-10)",
    ]


def _region_name(vault: Vault, region: str) -> str | None:
    if vault.region is None:
        return None
    return vault.region if region == "primary" else PAIRED_REGION.get(vault.region)


def _describe(policy: Policy) -> str:
    times = ", ".join(t.strftime("%H:%M") for t in schedule_times(policy))
    operational = (
        f"Operational {policy.operational.retention_days} days"
        if policy.operational
        else "no Operational tier"
    )
    vault = f"Vault {policy.vault.retention_days} days" if policy.vault else "no Vault tier"
    every = policy.every_hours or DEFAULT_POLICY_EVERY_HOURS
    return f"every {every} hours ({times} UTC); {operational}; {vault}"


# --- Output ---------------------------------------------------------------------------------------------


def _near(moment: dt.datetime | None, reference: dt.datetime) -> str:
    """`moment` as briefly as the reference allows: '07:00' the same day, '06-17 01:00' the same year."""
    if moment is None:
        return "-"
    if moment.date() == reference.date():
        return moment.strftime("%H:%M")
    return moment.strftime("%m-%d %H:%M" if moment.year == reference.year else "%Y-%m-%d %H:%M")


def _print_json(document: dict[str, Any]) -> None:
    sys.stdout.write(json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False) + "\n")


def _invalid(error: InvalidInput, fmt: str) -> None:
    from .console import console
    from .json_report import invalid_input_document
    from .text import render_invalid_input

    if fmt == "json":
        _print_json(invalid_input_document(error))
    else:
        render_invalid_input(console(stderr=True), error)


def _print_refused(loaded: PolicyFile, findings: list[dict[str, Any]]) -> None:
    from rich.text import Text

    from .console import console as make_console

    console = make_console()
    console.print(Text(f"{loaded.source}: the policy is REFUSED", style="bold red"))
    for finding in findings:
        line = Text("  ")
        line.append(finding["statement"], style="bold")
        line.append(f" {finding['subject']}: {finding['message']}")
        console.print(line, soft_wrap=True)


def _print_text(
    loaded: PolicyFile, timeline: Timeline, days: int, start: dt.datetime = START, edition: str = "2025-06-10"
) -> None:
    from rich import box
    from rich.table import Table
    from rich.text import Text

    from .console import console as make_console

    console = make_console()
    vault = loaded.vault
    console.print(Text(f"Time line of {loaded.source} (edition {edition})", style="bold"))
    console.print(Text(f"Policy: {_describe(loaded.policy)}"), soft_wrap=True)
    where = REGION_DISPLAY_NAMES.get(vault.region, vault.region) if vault.region else "region not given"
    geo = "Cross Region Restore on" if vault.cross_region_restore else "Cross Region Restore off"
    console.print(Text(f"Vault: {where}, {vault.redundancy}, {geo}"), soft_wrap=True)
    console.print(
        Text(f"{days} day{'s' if days != 1 else ''} from {stamp(start)} UTC, assuming that:"), soft_wrap=True
    )
    for assumption in _assumptions(loaded.policy):
        console.print(Text(f"  - {assumption}"), soft_wrap=True)

    schedule = Table(title="Scheduled backups (UTC)", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("taken at", "done", "to\nVault", "in Vault\nby", "Operational\nuntil", "Vault\nuntil"):
        schedule.add_column(column, no_wrap=True)
    for row in schedule_rows(timeline):
        taken = row.taken_at
        schedule.add_row(
            stamp(taken), _near(row.completed_at, taken), Text("yes", style="green") if row.to_vault else "-",
            _near(row.in_vault_by, taken), _near(row.operational_until, taken), _near(row.vault_until, taken),
        )  # fmt: skip
    console.print(schedule)

    objectives = Table(title="Worst-case recovery point objective", title_justify="left", box=box.SIMPLE_HEAD)
    for column in ("copy", "region", "worst case", "bound", "verdict"):
        objectives.add_column(column)
    for rpo in rpo_rows(timeline):
        copy, region, worst, bound, verdict = rpo.cells()
        name = _region_name(vault, rpo.region)
        shown = f"{region} ({REGION_DISPLAY_NAMES.get(name, name)})" if name else region
        style = "green" if verdict == "within" else ("yellow" if rpo.statement_id else "")
        objectives.add_row(copy, shown, worst, bound, Text(verdict, style=style))
    console.print(objectives)
