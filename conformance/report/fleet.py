"""The fleet report of `check --from`: one row per cluster, worst first, as text or JSON."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from aks_backup_model.outcome import Effect

from . import json_report
from .text import render_invalid_input, status_label

if TYPE_CHECKING:
    from ..fleet import Row

__all__ = ["deciding_ids", "fleet_document", "render_fleet"]

_STYLE = {0: "bold green", 2: "bold red", 3: "bold red", 4: "bold yellow", 5: "bold magenta"}


def deciding_ids(row: Row) -> list[str]:
    """The statements behind a row's status: every finding that is more than information, each once."""
    if row.outcome is None:
        return []
    return list(dict.fromkeys(f.statement_id for f in row.outcome.findings if f.effect is not Effect.INFORMS))


def render_fleet(console: Console, rows: Sequence[Row], worst: int) -> None:
    table = Table(title=f"Fleet: {len(rows)} clusters, worst first (exit {worst})", title_justify="left")
    table.add_column("cluster", overflow="fold")
    table.add_column("status", no_wrap=True)
    table.add_column("exit", justify="right", no_wrap=True)
    table.add_column("statements", overflow="fold")
    table.add_column("folder", overflow="fold")
    for row in rows:
        status = status_label(row.outcome) if row.outcome is not None else "bad input"
        table.add_row(
            Text(row.cluster),
            Text(status, style=_STYLE.get(row.exit_code, "")),
            Text(str(row.exit_code)),
            Text(", ".join(deciding_ids(row)) or "-"),
            Text(row.label),
        )
    console.print(table)
    for row in rows:
        if row.error is not None:
            render_invalid_input(console, row.error)


def fleet_document(rows: Sequence[Row], worst: int) -> dict[str, Any]:
    """`{"fleet": [{cluster, source, status, exit_code, statements, outcome | error}], "exit_code"}`."""
    clusters = []
    for row in rows:
        entry: dict[str, Any] = {"cluster": row.cluster, "source": row.label, "exit_code": row.exit_code}
        if row.outcome is not None and row.imported is not None:
            entry["status"] = row.outcome.status.value
            entry["statements"] = deciding_ids(row)
            entry["outcome"] = json_report.outcome_document(row.outcome, source=row.label)
            entry["notes"] = list(row.imported.notes)
        elif row.error is not None:
            entry["status"] = "invalid_input"
            entry["statements"] = []
            entry["error"] = json_report.invalid_input_document(row.error)
        clusters.append(entry)
    return {"fleet": clusters, "exit_code": worst}
