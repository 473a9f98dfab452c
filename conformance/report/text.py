"""Rich renderings for people: an outcome, the catalog, one statement, a bad input file.

Everything user-provided (subjects such as `cluster.volumes[3]`, messages, values) is passed to rich as
`Text`, never as markup, so that brackets in paths print as written.
"""

from __future__ import annotations

import json
from collections.abc import Iterable
from typing import TYPE_CHECKING

import yaml
from rich.console import Console
from rich.table import Table
from rich.text import Text

from aks_backup_model.errors import MISSING, InvalidInput
from aks_backup_model.operations import OPERATION_KINDS
from aks_backup_model.outcome import Destination, Effect, Outcome, Status, exit_code
from aks_backup_model.rules import Rule
from aks_backup_model.statements import Statement

_STATUS_STYLE = {
    Status.SUPPORTED: "bold green",
    Status.NOT_COVERED: "bold yellow",
    Status.UNSUPPORTED: "bold red",
}
_EFFECT_STYLE = {
    Effect.BLOCKS: "red",
    Effect.NOT_COVERED: "yellow",
    Effect.SKIPS: "yellow",
    Effect.WARNS: "yellow",
    Effect.INFORMS: "dim",
}
# People read the findings that decide the status first; within one effect, the rules' order stays.
_EFFECT_ORDER = {effect: rank for rank, effect in enumerate(_EFFECT_STYLE)}
_DESTINATION_STYLE = {
    Destination.OPERATIONAL: "green",
    Destination.OPERATIONAL_AND_VAULT: "green",
    Destination.SKIPPED: "yellow",
    Destination.NOT_SELECTED: "dim",
}


if TYPE_CHECKING:
    from ..crosscheck import Report as CrosscheckReport


def status_label(outcome: Outcome) -> str:
    """`supported`, `supported with warnings`, `not covered` or `unsupported`."""
    if outcome.status is Status.SUPPORTED and outcome.warnings:
        return "supported with warnings"
    return outcome.status.value.replace("_", " ")


def render_outcome(console: Console, outcome: Outcome, *, source: str | None = None) -> None:
    """The status line, the findings table, the volume plan and the namespaces left out."""
    code = exit_code(outcome)
    line = Text()
    line.append(outcome.operation, style="bold")
    line.append(": ")
    style = (
        "bold yellow" if code == 4 and outcome.status is Status.SUPPORTED else _STATUS_STYLE[outcome.status]
    )
    line.append(status_label(outcome).upper(), style=style)
    where = f"{source}, " if source else ""
    line.append(f"  ({where}edition {outcome.edition}, exit {code})", style="dim")
    console.print(line, soft_wrap=True)

    if outcome.findings:
        table = Table(title="Findings", title_justify="left", expand=False)
        table.add_column("statement", no_wrap=True)
        table.add_column("effect", no_wrap=True)
        table.add_column("subject", overflow="fold")
        table.add_column("message", ratio=1)
        for finding in sorted(outcome.findings, key=lambda f: _EFFECT_ORDER[f.effect]):
            effect = finding.effect.value + (f" ({finding.tier})" if finding.tier else "")
            table.add_row(
                Text(finding.statement_id),
                Text(effect, style=_EFFECT_STYLE[finding.effect]),
                Text(finding.subject),
                Text(finding.message),
            )
        console.print(table)
    else:
        console.print(Text("No findings: the matrix says nothing against this operation.", style="dim"))

    if outcome.volumes:
        plan = Table(title="Volume plan", title_justify="left", expand=False)
        plan.add_column("subject", no_wrap=True)
        plan.add_column("claim", overflow="fold")
        plan.add_column("destination", no_wrap=True)
        plan.add_column("statement", no_wrap=True)
        for volume in outcome.volumes:
            plan.add_row(
                Text(volume.subject),
                Text(volume.claim),
                Text(volume.destination.value, style=_DESTINATION_STYLE[volume.destination]),
                Text(volume.statement_id or "-"),
            )
        console.print(plan)

    left_out = [n for n in outcome.namespaces if not n.included]
    if left_out:
        names = ", ".join(f"{n.name} ({n.statement_id})" if n.statement_id else n.name for n in left_out)
        console.print(Text(f"Namespaces left out: {names}"))


def render_statements(console: Console, statements: Iterable[Statement]) -> None:
    """The catalog as a table: id, section, kind, text."""
    table = Table(title="Statements of the AKS Backup support matrix", title_justify="left")
    table.add_column("id", no_wrap=True)
    table.add_column("section")
    table.add_column("kind", no_wrap=True)
    table.add_column("text", ratio=1)
    for entry in statements:
        table.add_row(Text(entry.id), Text(entry.section), Text(entry.kind.value), Text(entry.text))
    console.print(table)


def render_statement(console: Console, entry: Statement, rule: Rule | None) -> None:
    """One statement in full, and the rule function that carries it with the operations it runs on."""
    console.print(Text(entry.id, style="bold"), Text(f"({entry.kind.value}, area {entry.area})", style="dim"))
    console.print(Text(entry.text))
    fields = [("section", entry.section), ("source", entry.source)]
    if entry.interpretation:
        fields.append(("interpretation", entry.interpretation))
    edition = entry.edition + (f", retired in {entry.retired_in}" if entry.retired_in else "")
    fields.append(("edition", edition))
    if rule is None:
        fields.append(("rule", "none registered"))
    else:
        fields.append(("rule", rule.name))
        kinds = [kind for kind in OPERATION_KINDS if kind in rule.operations]
        fields.append(("runs on", ", ".join(kinds)))
    for label, value in fields:
        line = Text()
        line.append(f"{label}: ", style="bold")
        line.append(value)
        console.print(line, soft_wrap=True)


def render_invalid_input(console: Console, error: InvalidInput) -> None:
    """Each problem of a bad input on its own line: path, the value given, and what was expected."""
    count = len(error.problems)
    console.print(
        Text(f"error: {error.source}: {count} problem{'s' if count != 1 else ''}", style="bold red")
    )
    for path, value, expected in error.problems:
        line = Text("  ")
        line.append(path or "(top level)", style="bold")
        if value is not MISSING:
            line.append(f" = {value!r}")
        line.append(f": {expected}")
        console.print(line, soft_wrap=True)


def render_crosscheck(console: Console, report: CrosscheckReport) -> None:
    """A cross-check's verdict; for a disagreement, the differences and the minimal environment."""
    style = {"agree": "green", "disagree": "red", "oracle_error": "yellow"}[report.verdict.value]
    console.print(
        Text(f"oracle {report.oracle}: {report.verdict.value.upper()}", style=f"bold {style}"),
        Text(f" ({report.examples} random cases at most)"),
    )
    for line in report.details:
        console.print(Text(f"  {line}"), soft_wrap=True)
    if report.environment is not None:
        document = report.to_dict()
        console.print("Minimal environment (fields that differ from the defaults):")
        console.print(Text(yaml.safe_dump(document["environment"], sort_keys=False).rstrip()), soft_wrap=True)
        console.print(Text(f"operation: {json.dumps(document['operation'])}"), soft_wrap=True)
