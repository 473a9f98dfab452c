"""The time line of a worked policy, as the geometry of a picture (the template draws it as SVG).

It is what `aks-backup-conformance timeline` computes (`report.timeline`): the same simulation, the
same rows. Each scheduled backup is one lane: its backup window, its time in the Operational tier and,
for the backup of the day that is copied, the tiering job and its time in the Vault tier. Bars that run
past the right edge are cut there and say when they end.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from aks_backup_model.editions import DEFAULT_EDITION
from aks_backup_model.lifecycle import planned_backups, policy_refusals, simulate

from ..report.timeline import load_policy, schedule_rows, start_of, timeline_document

WIDTH = 960
LEFT = 120
LANE = 20
TOP = 40
DAYS = 3


@dataclass(frozen=True, slots=True)
class Bar:
    x: float
    y: float
    width: float
    height: float
    kind: str
    """`window`, `operational`, `tiering` or `vault` (the CSS class)."""
    title: str
    cut: bool
    """It goes on past the right edge."""


@dataclass(frozen=True, slots=True)
class Tick:
    x: float
    label: str


@dataclass(frozen=True, slots=True)
class Lane:
    y: float
    label: str


@dataclass(frozen=True, slots=True)
class Picture:
    source: str
    description: str
    refused: tuple[dict[str, Any], ...]
    """The policy's refusals (then there is no picture)."""
    width: int
    height: int
    left: int
    bars: tuple[Bar, ...]
    ticks: tuple[Tick, ...]
    lanes: tuple[Lane, ...]
    document: dict[str, Any] | None
    """The JSON `timeline --format json` prints, for the tables under the picture."""


def _stamp(moment: dt.datetime) -> str:
    return moment.strftime("%m-%d %H:%M")


def picture(policy_file: Path, *, days: int = DAYS, edition: str = DEFAULT_EDITION) -> Picture:
    """The picture of `policy_file` over `days` days from the date of `edition` (by default the one
    `timeline` judges by), as `timeline POLICY --days N --edition E` computes it.

    Raises:
        InvalidInput: the policy file is not valid (the same errors `timeline` reports).
    """
    loaded = load_policy(policy_file)
    description = _description(policy_file)
    refusals = policy_refusals(loaded.policy)
    if refusals:
        found = tuple(r.finding().to_dict() for r in refusals)
        return Picture(str(policy_file.name), description, found, WIDTH, 0, LEFT, (), (), (), None)
    start = start_of(edition)
    timeline = simulate(loaded.policy, planned_backups(loaded.policy, start, days), vault=loaded.vault)
    rows = schedule_rows(timeline)
    operational_days = (loaded.policy.operational.retention_days or 0) if loaded.policy.operational else 0
    span_days = min(days + operational_days + 1, 21)
    end = start + dt.timedelta(days=span_days)
    scale = (WIDTH - LEFT - 10) / (end - start).total_seconds()

    def x(moment: dt.datetime) -> float:
        return LEFT + (min(moment, end) - start).total_seconds() * scale

    bars: list[Bar] = []
    lanes: list[Lane] = []

    half = (LANE - 4) / 2

    def bar(start: dt.datetime, stop: dt.datetime, y: float, kind: str, what: str) -> None:
        cut = stop > end
        title = f"{what}: {_stamp(start)} to {_stamp(stop)} UTC"
        bars.append(Bar(x(start), y, max(x(stop) - x(start), 1.5), half, kind, title, cut))

    # Each lane: the Operational copy in its upper half, the Vault copy (if any) in its lower half.
    for index, row in enumerate(rows):
        y = TOP + index * LANE + 2
        lanes.append(Lane(y + half, f"{_stamp(row.taken_at)}"))
        bar(row.completed_at, row.operational_until, y, "operational", "Operational tier")
        bar(row.taken_at, row.completed_at, y, "window", "backup window")
        if row.to_vault and row.in_vault_by is not None and row.vault_until is not None:
            bar(row.completed_at, row.in_vault_by, y + half, "tiering", "tiering to the Vault tier")
            bar(row.in_vault_by, row.vault_until, y + half, "vault", "Vault tier")
    ticks = tuple(
        Tick(x(start + dt.timedelta(days=d)), (start + dt.timedelta(days=d)).strftime("%m-%d"))
        for d in range(span_days + 1)
    )
    height = TOP + len(rows) * LANE + 10
    document = timeline_document(loaded, timeline, days, start) | {"edition": edition}
    return Picture(
        str(policy_file.name),
        description,
        (),
        WIDTH,
        height,
        LEFT,
        tuple(bars),
        ticks,
        tuple(lanes),
        document,
    )


def _description(path: Path) -> str:
    """The policy file's leading comment (what it shows), without the comment marks."""
    lines = []
    for line in path.read_text(encoding="utf-8").splitlines():
        if not line.startswith("#") or line.startswith("# Try"):
            break
        lines.append(line.lstrip("#").strip())
    return " ".join(lines)


__all__ = ["Bar", "Lane", "Picture", "Tick", "picture"]
