"""Rich renderings for people: an outcome, the catalog, one statement, a bad input file.

Everything user-provided (subjects such as `cluster.volumes[3]`, messages, values) is passed to rich as
`Text`, never as markup, so that brackets in paths print as written.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

import yaml
from rich.console import Console
from rich.table import Table
from rich.text import Text

from aks_backup_model.editions import EDITIONS, change_in
from aks_backup_model.errors import MISSING, InvalidInput
from aks_backup_model.operations import OPERATION_KINDS
from aks_backup_model.outcome import Destination, Effect, Outcome, Status, exit_code
from aks_backup_model.rules import Rule
from aks_backup_model.statements import Statement
from aks_backup_model.unknowns import where_to_find

_STATUS_STYLE = {
    Status.SUPPORTED: "bold green",
    Status.NOT_COVERED: "bold yellow",
    Status.UNKNOWN: "bold magenta",
    Status.UNSUPPORTED: "bold red",
}
_EFFECT_STYLE = {
    Effect.BLOCKS: "red",
    Effect.CANNOT_TELL: "magenta",
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
    Destination.UNKNOWN: "magenta",
}


if TYPE_CHECKING:
    from ..crosscheck import Report as CrosscheckReport
    from ..drift import Drift


def status_label(outcome: Outcome) -> str:
    """`supported`, `supported with warnings`, `not covered`, `unknown` or `unsupported`."""
    if outcome.status is Status.SUPPORTED and outcome.warnings:
        return "supported with warnings"
    return outcome.status.value.replace("_", " ")


def render_outcome(console: Console, outcome: Outcome, *, source: str | None = None) -> None:
    """The status line (with the edition and the date judged), the findings table, the missing facts,
    the volume plan and the namespaces left out."""
    code = exit_code(outcome)
    line = Text()
    line.append(outcome.operation, style="bold")
    line.append(": ")
    style = (
        "bold yellow" if code == 4 and outcome.status is Status.SUPPORTED else _STATUS_STYLE[outcome.status]
    )
    line.append(status_label(outcome).upper(), style=style)
    where = f"{source}, " if source else ""
    date = f", as of {outcome.as_of.isoformat()}" if outcome.as_of else ""
    line.append(f"  ({where}edition {outcome.edition}{date}, exit {code})", style="dim")
    console.print(line, soft_wrap=True)

    # The statements that cannot tell are listed with the facts they need (below), not one row each.
    shown = [f for f in outcome.findings if f.effect is not Effect.CANNOT_TELL or f.beyond_tables]
    if shown:
        table = Table(title="Findings", title_justify="left", expand=False)
        table.add_column("statement", no_wrap=True)
        table.add_column("effect", no_wrap=True)
        table.add_column("subject", overflow="fold")
        table.add_column("message", ratio=1)
        for finding in sorted(shown, key=lambda f: _EFFECT_ORDER[f.effect]):
            effect = finding.effect.value + (f" ({finding.tier})" if finding.tier else "")
            table.add_row(
                Text(finding.statement_id),
                Text(effect, style=_EFFECT_STYLE[finding.effect]),
                Text(finding.subject),
                Text(finding.message),
            )
        console.print(table)
    elif not outcome.findings:
        console.print(Text("No findings: the matrix says nothing against this operation.", style="dim"))

    if outcome.missing:
        why = (
            "the statements below cannot tell without them"
            if outcome.status is Status.UNSUPPORTED
            else "give them to get an answer"
        )
        console.print(Text(f"Missing facts ({why}), most needed first:", style="bold"))
        for fact in outcome.missing:
            line = Text("  ")
            line.append(fact.field, style="bold magenta")
            line.append(f"  needed by {', '.join(fact.statements)}; source: {where_to_find(fact.field)}")
            console.print(line, soft_wrap=True)

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


def render_statements(console: Console, statements: Iterable[Statement], edition: str) -> None:
    """The statements of `edition` as a table: id, section, kind, text, and what the edition did to it
    (added, changed, retired: listed last, unchanged)."""
    held = [s for s in statements if s.holds_in(edition)]
    retired = [s for s in statements if s.retired_in == edition]
    table = Table(
        title=f"Statements of the AKS Backup support matrix, edition {edition}", title_justify="left"
    )
    table.add_column("id", no_wrap=True)
    table.add_column("section")
    table.add_column("kind", no_wrap=True)
    table.add_column("change", no_wrap=True)
    table.add_column("text", ratio=1)
    for entry in held + retired:
        worded = entry.in_edition(edition) if entry in held else entry
        change = change_in(entry.id, edition)
        table.add_row(
            Text(entry.id),
            Text(worded.section),
            Text(entry.kind.value),
            Text("" if change in ("seed", "unchanged") else change),
            Text(worded.text),
        )
    console.print(table)


def render_statement(console: Console, entry: Statement, rule: Rule | None, edition: str) -> None:
    """One statement in full as `edition` words it, and the rule that carries it with its operations."""
    worded = entry.in_edition(edition)
    console.print(Text(entry.id, style="bold"), Text(f"({entry.kind.value}, area {entry.area})", style="dim"))
    console.print(Text(worded.text))
    fields = [("section", worded.section), ("source", worded.source)]
    if worded.interpretation:
        fields.append(("interpretation", worded.interpretation))
    held = ", ".join(name for name in EDITIONS if entry.holds_in(name)) or "none"
    fields.append(("edition", f"{edition} ({change_in(entry.id, edition)}); holds in {held}"))
    for revision in entry.revisions:
        kind = "behaviour" if revision.behavioural else "wording"
        fields.append((f"changed in {revision.edition}", f"{revision.summary} ({kind})"))
    if entry.retired_in:
        fields.append(("retired in", entry.retired_in))
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


def describe_changes(changes: Sequence[Any], *, most: int = 6) -> list[str]:
    """The facts of a counterexample (`minimise.Fact`s) as lines, `path: value`; a run of more than
    `most` alike (800 namespaces added) shows its first two, how many more, and its last."""
    lines: list[tuple[str, str]] = []
    for fact in changes:
        pattern = re.sub(r"\[\d+\]", "[*]", fact.where) + " " + fact.kind
        if fact.kind == "add":
            text = f"{fact.where}: added ({fact.value})"
        elif fact.kind == "remove":
            text = f"{fact.where}: removed ({fact.value})"
        elif fact.value is None:
            text = f"{fact.where}: not given (unknown)"
        elif repr(fact.value) == "absent":  # minimise.ABSENT: a label or annotation taken out
            text = f"{fact.where}: removed"
        else:
            text = f"{fact.where}: {json.dumps(fact.value, ensure_ascii=False)}"
        lines.append((pattern, text))
    out: list[str] = []
    i = 0
    while i < len(lines):
        j = i
        while j < len(lines) and lines[j][0] == lines[i][0]:
            j += 1
        run = [text for _, text in lines[i:j]]
        if len(run) > most:
            out += [*run[:2], f"... {len(run) - 3} more alike ...", run[-1]]
        else:
            out += run
        i = j
    return out


def render_crosscheck(
    console: Console, report: CrosscheckReport, saved: Mapping[str, tuple[str, Sequence[str]]] | None = None
) -> None:
    """A cross-check's verdict, the cases that ran, per covered statement how often it held, broke and
    was disagreed about; each mistake with both answers and the facts that matter (changes against the
    known-good baseline), where it was saved and how to replay it (`saved`: statement -> (file,
    commands)); for a fault, the details and the environment (for two answers, both)."""
    style = {"agree": "green", "disagree": "red"}.get(report.verdict.value, "bold yellow")
    line = Text(f"oracle {report.oracle}: {report.verdict.value.upper()}", style=f"bold {style}")
    found = f", {len(report.mistakes)} mistake(s)" if report.mistakes else ""
    ran = f"{report.cases} case{'' if report.cases == 1 else 's'} ran"
    line.append(f"  ({ran}, edition {report.edition}{found})", style="")
    console.print(line, soft_wrap=True)
    if (
        report.cases < report.examples
        and report.verdict.value in ("agree", "disagree")
        and report.examples > 1
    ):
        console.print(
            Text(
                f"  {report.examples} cases were asked for; the rest of the draws broke none of the covered "
                "statements and at most half of the cases may (see --examples)",
                style="yellow",
            ),
            soft_wrap=True,
        )
    if report.stopped:
        console.print(Text(f"  {report.stopped}"), soft_wrap=True)
    if not report.mistakes:
        for detail in report.details:
            console.print(Text(f"  {detail}"), soft_wrap=True)
    for index, answer in enumerate(report.answers, 1):
        console.print(Text(f"Answer {index}:"))
        console.print(Text(json.dumps(answer, indent=1, ensure_ascii=False)), soft_wrap=True)
    if report.exercised:
        console.print(Text("Per statement, cases where it held / broke / the oracle disagreed:"))
        for key, counts in sorted(report.exercised.items()):
            row = Text(f"  {key:<10} {counts.holding:>5} / {counts.broken:>5} / {counts.disagreed:>5}")
            if counts.disagreed:
                row.stylize("red")
            console.print(row, soft_wrap=True)
        never = sorted(k for k, v in report.exercised.items() if not v.broken)
        if never:
            console.print(
                Text(f"Never broken in these cases: {', '.join(never)}", style="yellow"), soft_wrap=True
            )
    for number, mistake in enumerate(report.mistakes, 1):
        head = Text(f"\n{number}. {mistake.statement_id}", style="bold red")
        others = [s for s in mistake.statements if s != mistake.statement_id]
        if others:
            head.append(f" (with {', '.join(others)})", style="")
        head.append(f"  operation: {json.dumps(mistake.operation.model_dump(mode='json'))}", style="")
        console.print(head, soft_wrap=True)
        for who, lines in (("model ", mistake.model), ("oracle", mistake.oracle)):
            for i, text_line in enumerate(lines):
                console.print(Text(f"   {who if i == 0 else ' ' * 6}  {text_line}"), soft_wrap=True)
        if mistake.changes is None:
            console.print(Text("   environment (could not be cut down against the baseline):"))
            dumped = yaml.safe_dump(mistake.environment.model_dump(mode="json", exclude_defaults=True))
            console.print(Text(dumped.rstrip()), soft_wrap=True)
        elif not mistake.changes:
            console.print(Text("   environment: the known-good baseline itself, unchanged"))
        else:
            cut = "" if mistake.minimal else " (the time ran out: some may not matter)"
            console.print(Text(f"   environment: the known-good baseline with{cut}"))
            for change in describe_changes(mistake.changes):
                console.print(Text(f"     {change}"), soft_wrap=True)
        for evidence in mistake.evidence:
            console.print(Text(f"   {evidence}"), soft_wrap=True)
        if saved and mistake.statement_id in saved:
            file, commands = saved[mistake.statement_id]
            console.print(Text(f"   saved: {file}"), soft_wrap=True)
            for i, command in enumerate(commands):
                console.print(Text(f"   {'replay:' if i == 0 else ' ' * 7} {command}"), soft_wrap=True)
    if report.environment is not None and not report.mistakes:
        document = report.to_dict()
        console.print("Environment (fields that differ from the defaults):")
        console.print(Text(yaml.safe_dump(document["environment"], sort_keys=False).rstrip()), soft_wrap=True)
        console.print(Text(f"operation: {json.dumps(document['operation'])}"), soft_wrap=True)


_CHANGE_STYLE = {"changed": "red", "removed": "red", "new": "yellow", "editorial": "dim"}


def render_drift(console: Console, report: Drift, page: str) -> None:
    """What a copy of the page changes against an edition's fingerprints, statement by statement."""
    counts = report.to_dict()["counts"]
    head = Text(f"{page} against the fingerprints of edition {report.edition}: ", style="bold")
    head.append(", ".join(f"{n} {change}" for change, n in counts.items() if n))
    console.print(head, soft_wrap=True)
    if report.to_revisit:
        console.print(
            Text("statements to revisit: " + ", ".join(report.to_revisit), style="bold red"), soft_wrap=True
        )
    for old, new in report.renamed_sections:
        console.print(Text(f"heading renamed: #{old} -> #{new}"), soft_wrap=True)
    for entry in report.entries:
        if entry.change.value == "unchanged":
            continue
        ids = ", ".join(entry.ids) or "no statement"
        if entry.change.value == "new":
            detail = f"new paragraph after {', '.join(entry.after) or 'the start'}: {entry.excerpt}"
        elif entry.change.value == "changed":
            detail = f"{entry.similarity or 0:.0%} of its word runs kept; now: {entry.excerpt}"
        elif entry.change.value == "removed":
            detail = f"paragraph {entry.print_index} of the edition is not on the page"
        else:
            detail = "reworded only (contractions and the like)"
        line = Text("  ")
        line.append(f"{entry.change.value:<9}", style=_CHANGE_STYLE.get(entry.change.value, ""))
        line.append(f" {ids}  ", style="bold")
        line.append(f"#{entry.anchor or '(top)'}  ", style="dim")
        line.append(detail)
        console.print(line, soft_wrap=True)
    verdict = (
        "drift: read the statements above again" if report.drifted else "no drift beyond editorial rewording"
    )
    console.print(Text(verdict, style="bold"))


def render_catalog_diff(console: Console, document: dict[str, Any]) -> None:
    """The statements one edition adds, retires and changes against another, with their sections."""
    console.print(Text(f"Edition {document['to']} against {document['from']}", style="bold"))
    for title, key in (("added", "added"), ("retired", "retired")):
        console.print(Text(f"{title} ({len(document[key])}):", style="bold"))
        for entry in document[key]:
            line = Text(f"  {entry['id']}  ", style="bold")
            line.append(f"[{entry['section']}] ", style="dim")
            line.append(entry["text"])
            console.print(line, soft_wrap=True)
    console.print(Text(f"changed ({len(document['changed'])}):", style="bold"))
    for entry in document["changed"]:
        line = Text(f"  {entry['id']}  ", style="bold")
        line.append(f"[{entry['section']}] ", style="dim")
        line.append(("behaviour: " if entry["behavioural"] else "wording: ") + entry["summary"])
        console.print(line, soft_wrap=True)
    for renamed in document["renamed_sections"]:
        console.print(
            Text(f"heading renamed: {renamed['from']['title']!r} -> {renamed['to']['title']!r}"),
            soft_wrap=True,
        )


def render_outcome_diff(console: Console, document: dict[str, Any], old: str, new: str) -> None:
    """How one environment's outcome changes from edition `old` to edition `new`, finding by finding."""
    status = document["status"]
    head = Text(f"{document['source']} ({document['operation']}): ", style="bold")
    head.append(f"{old} {status['before']} -> {new} {status['after']}")
    console.print(head, soft_wrap=True)
    if not document["changed"]:
        console.print(Text("  nothing changes", style="dim"))
        return
    for row in document["volumes"]:
        before = row["before"] or {"destination": "absent", "statement": None}
        after = row["after"]
        line = Text(f"  volume {row['claim']}: ")
        line.append(f"{before['destination']} ({before['statement'] or '-'})")
        line.append(" -> ")
        line.append(f"{after['destination']} ({after['statement'] or '-'})", style="bold")
        console.print(line, soft_wrap=True)
    for row in document["findings"]:
        line = Text(f"  {row['statement']} {row['subject']}: ")
        if row["change"] == "appears":
            line.append(f"new {row['after']['effect']}: {row['after']['message']}")
        elif row["change"] == "disappears":
            line.append(f"no longer {row['before']['effect']}: {row['before']['message']}")
        else:
            line.append(f"{row['before']['effect']} -> {row['after']['effect']}: {row['after']['message']}")
        console.print(line, soft_wrap=True)
