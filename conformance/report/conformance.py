"""After a conformance run: the verdict per statement, from what ran.

    pytest steps --results reports/results.json --cucumberjson reports/cucumber.json ...
    python -m aks_backup_conformance.report.conformance reports/results.json \
        [--cucumber reports/cucumber.json] [--summary reports/statements.json]

The results file (written by the project's pytest plugin) locates every collected scenario example by
feature file and line; it is joined with the features compiled from `--root` (see `report.results`).
The table lists, for every statement of the edition the run judged by (`--edition`), its examples that passed, failed, did not run,
were not selected and are not covered by the oracle, and its verdict; the headline says how many
statements were judged (selected and covered) and how many of those are ok.

With `--cucumber`, the Cucumber JSON is also tagged with each scenario's statement ids (pytest-bdd
writes a scenario's own tags but not those of the `Rule:` around it, where this project puts them).

Exit status: 0 when at least one statement was judged and every judged statement is ok; 1 otherwise;
2 when a file cannot be read as what it should be.
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table
from rich.text import Text

from aks_backup_model.editions import DEFAULT_EDITION, EDITIONS
from aks_backup_model.statements import STATEMENTS

from .console import console as make_console
from .features import compile_features, rule_tags
from .results import ResultsError, Summary, Verdict, comparison_note, read_selection, summarise

_STYLE = {
    Verdict.OK: "green",
    Verdict.FAILED: "red",
    Verdict.NOT_RUN: "red",
    Verdict.NO_SCENARIO: "yellow",
    Verdict.NOT_SELECTED: "dim",
    Verdict.NOT_COVERED: "dim",
}
SHOWN_PROBLEMS = 20
"""At most this many failed or unrun examples are listed under the table."""


def tag_elements(report: list[dict[str, Any]], root: Path) -> None:
    """Add each scenario's statement ids (its own and its Rule's) to its Cucumber JSON tags."""
    tags = rule_tags(root)
    for feature in report:
        for element in feature.get("elements", []):
            ids = tags.get(f"{feature['uri']}:{element['line']}", [])
            present = {t["name"] for t in element.setdefault("tags", [])}
            for statement_id in ids:
                if statement_id not in present:
                    element["tags"].append({"name": statement_id, "line": element["line"]})


def render(summary: Summary, console: Console) -> None:
    table = Table(title="Conformance per statement (scenario examples)")
    for column in ("statement", "kind", "passed", "failed", "not run", "not selected", "not covered"):
        table.add_column(column, justify="left" if column in ("statement", "kind") else "right")
    table.add_column("verdict")
    for statement in summary.statements:
        counts = [
            str(statement.count(s)) for s in ("passed", "failed", "not run", "not selected", "not covered")
        ]
        style = _STYLE[statement.verdict]
        table.add_row(
            statement.statement_id,
            STATEMENTS[statement.statement_id].kind.value,
            *counts,
            Text(statement.verdict.value, style=style),
        )
    console.print(table)
    problems = [
        (s.statement_id, e) for s in summary.judged for e in s.examples if e.status in ("failed", "not run")
    ]
    for statement_id, example in problems[:SHOWN_PROBLEMS]:
        reason = f" ({example.reason})" if example.reason else ""
        console.print(f"{statement_id} {example.status}: {example.location} {example.name}{reason}")
    if len(problems) > SHOWN_PROBLEMS:
        console.print(f"... and {len(problems) - SHOWN_PROBLEMS} more (see the summary JSON).")
    for problem in summary.problems:
        console.print(problem)
    console.print(summary.headline())


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aks_backup_conformance.report.conformance")
    parser.add_argument("results", type=Path, help="the results file of `pytest --results PATH`")
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder")
    parser.add_argument("--cucumber", type=Path, help="tag this Cucumber JSON report with statement ids")
    parser.add_argument("--summary", type=Path, help="also write the summary as JSON here")
    args = parser.parse_args(argv)
    console = make_console()
    try:
        document = json.loads(args.results.read_text(encoding="utf-8"))
        if not isinstance(document, dict):
            raise ResultsError("expected a JSON object")
        edition = read_selection(document).edition or DEFAULT_EDITION
        if edition not in EDITIONS:
            raise ResultsError(f"selection.edition: expected one of {', '.join(EDITIONS)}, got {edition!r}")
        summary = summarise(compile_features(args.root), document, EDITIONS[edition].statement_ids)
    except (OSError, ValueError) as error:  # JSONDecodeError and ResultsError are ValueErrors
        console.print(f"{args.results}: not a readable results file: {error}")
        return 2
    if args.cucumber:
        try:
            report = json.loads(args.cucumber.read_text(encoding="utf-8"))
            tag_elements(report, args.root)
        except (OSError, ValueError, KeyError, TypeError, AttributeError) as error:
            console.print(f"{args.cucumber}: not a readable Cucumber JSON report: {error!r}")
            return 2
        args.cucumber.write_text(json.dumps(report, indent=1), encoding="utf-8")
    if args.summary:
        args.summary.write_text(json.dumps(summary.to_dict(), indent=1), encoding="utf-8")
    render(summary, console)
    if note := comparison_note(document):
        console.print(note)
    return 0 if summary.ok else 1


if __name__ == "__main__":
    raise SystemExit(main())
