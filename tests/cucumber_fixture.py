"""Cucumber JSON written by hand for the tests of the docs site: every scenario example of the features,
each passed, except the ones named failed or left out (not run). With `edition`, only the scenarios and
Examples rows of that edition's feature set (what `pytest steps --edition E` runs), every feature tagged
`judged-by-E` as `nox -s conformance` stamps it."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from aks_backup_conformance.docs.gherkin_doc import Scenario, read_documents


def _element(scenario: Scenario, name: str, status: str) -> dict[str, Any]:
    steps = [*scenario.background, *scenario.steps]
    results = ["passed"] * len(steps)
    if status == "failed":
        results[-1] = "failed"
    elif status == "skipped":
        results = ["skipped"] * len(steps)
    return {
        "keyword": scenario.keyword,
        "id": f"test_{scenario.line}",
        "name": name,
        "line": scenario.line,
        "type": "scenario",
        "tags": [],
        "steps": [
            {
                "keyword": step.keyword,
                "name": step.text,
                "line": step.line,
                "result": {"status": result, "duration": 1000}
                | (
                    {"error_message": "AssertionError: crafted failure for the docs test"}
                    if result == "failed"
                    else {}
                ),
            }
            for step, result in zip(steps, results, strict=True)
        ],
    }


def cucumber_report(
    features: Path,
    *,
    failed: frozenset[str] = frozenset(),
    skipped: frozenset[str] = frozenset(),
    missing: frozenset[str] = frozenset(),
    edition: str | None = None,
) -> list[dict[str, Any]]:
    """A report of every scenario under `features`; locations (`features/x.feature:12`) pick the odd ones."""
    report = []
    for feature in read_documents(features):
        elements = []
        for scenario in feature.scenarios:
            if scenario.location in missing or (edition is not None and not scenario.in_edition(edition)):
                continue
            status = (
                "failed"
                if scenario.location in failed
                else "skipped"
                if scenario.location in skipped
                else "passed"
            )
            names = [name for _, name in scenario.example_names(edition)] or [scenario.name]
            # A failing outline fails in its first example only: the others pass, as in a real run.
            elements += [
                _element(scenario, name, status if i == 0 else "passed" if status == "failed" else status)
                for i, name in enumerate(names)
            ]
        tags = [{"name": f"judged-by-{edition}", "line": 1}] if edition is not None else []
        report.append(
            {
                "keyword": "Feature",
                "uri": feature.uri,
                "name": feature.name,
                "tags": tags,
                "elements": elements,
            }
        )
    return report


def write_report(path: Path, report: list[dict[str, Any]]) -> Path:
    path.write_text(json.dumps(report), encoding="utf-8")
    return path
