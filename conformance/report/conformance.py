"""After a conformance run: tag the Cucumber JSON with statement ids and summarise per statement.

pytest-bdd writes the tags of a scenario into Cucumber JSON but not those of the `Rule:` around it,
which is where this project puts statement ids. This step adds them (read from the feature files),
then prints, for every statement of the edition, how many scenario examples passed and failed.

    python -m aks_backup_conformance.report.conformance reports/cucumber.json [--junit reports/junit.xml]

Exit status: 0 when every statement has a passing scenario and none failed, 1 otherwise.
"""

from __future__ import annotations

import argparse
import json
from collections import Counter
from pathlib import Path
from typing import Any

from rich.console import Console
from rich.table import Table

from aks_backup_model.statements import STATEMENTS

from .features import rule_tags


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


def _passed(element: dict[str, Any]) -> bool:
    steps = element.get("steps", [])
    return bool(steps) and all(s.get("result", {}).get("status") == "passed" for s in steps)


def summarise(report: list[dict[str, Any]]) -> dict[str, dict[str, int]]:
    """Passed and failed scenario examples per statement id."""
    passed: Counter[str] = Counter()
    failed: Counter[str] = Counter()
    for feature in report:
        for element in feature.get("elements", []):
            counter = passed if _passed(element) else failed
            for tag in element.get("tags", []):
                name = tag["name"].lstrip("@")
                if name in STATEMENTS:
                    counter[name] += 1
    return {i: {"passed": passed[i], "failed": failed[i]} for i in STATEMENTS}


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m aks_backup_conformance.report.conformance")
    parser.add_argument("cucumber_json", type=Path)
    parser.add_argument("--root", type=Path, default=Path.cwd(), help="the project folder")
    parser.add_argument("--summary", type=Path, help="also write the summary as JSON here")
    args = parser.parse_args(argv)
    report = json.loads(args.cucumber_json.read_text(encoding="utf-8"))
    tag_elements(report, args.root)
    args.cucumber_json.write_text(json.dumps(report, indent=1), encoding="utf-8")
    summary = summarise(report)
    if args.summary:
        args.summary.write_text(json.dumps(summary, indent=1), encoding="utf-8")

    table = Table(title="Conformance per statement (scenario examples)")
    for column in ("statement", "kind", "passed", "failed", "verdict"):
        table.add_column(column)
    bad = 0
    for statement_id, counts in summary.items():
        ok = counts["passed"] > 0 and counts["failed"] == 0
        bad += not ok
        verdict = (
            "[green]ok[/]" if ok else ("[red]FAILED[/]" if counts["failed"] else "[yellow]no scenario[/]")
        )
        kind = STATEMENTS[statement_id].kind.value
        table.add_row(statement_id, kind, str(counts["passed"]), str(counts["failed"]), verdict)
    console = Console()
    console.print(table)
    console.print(f"{len(summary) - bad}/{len(summary)} statements conform.")
    return 1 if bad else 0


if __name__ == "__main__":
    raise SystemExit(main())
