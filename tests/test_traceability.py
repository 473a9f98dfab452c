"""Traceability stays complete: catalog ids, rules, scenarios and the generated index agree."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from aks_backup_conformance.report.features import read_features
from aks_backup_conformance.report.traceability import INDEX, render
from aks_backup_model.editions import EDITIONS, JUDGED
from aks_backup_model.rules import RULES
from aks_backup_model.statements import STATEMENTS

ROOT = Path(__file__).resolve().parent.parent
ID = re.compile(r"SM-[A-Z]+-\d+")


@pytest.fixture(scope="module")
def scenarios():  # type: ignore[no-untyped-def]
    return read_features(ROOT)


JUDGED_IDS = {i for name in JUDGED for i in EDITIONS[name].statement_ids}
"""The statements of the editions the model judges by; every one needs a rule and scenarios."""


def test_every_statement_of_a_judged_edition_has_a_rule() -> None:
    assert sorted(JUDGED_IDS - set(RULES)) == []


def test_every_rule_names_a_catalog_statement() -> None:
    assert sorted(set(RULES) - set(STATEMENTS)) == []


def test_every_statement_is_cited_by_the_model_source() -> None:
    cited = set()
    for path in (ROOT / "model").rglob("*.py"):
        if path.name != "statements.py":
            cited.update(ID.findall(path.read_text(encoding="utf-8")))
    assert sorted(JUDGED_IDS - cited) == []
    assert sorted(cited - set(STATEMENTS)) == [], "the model cites ids that are not in the catalog"


@pytest.mark.parametrize("edition", JUDGED)
def test_every_statement_of_each_edition_has_scenarios_in_that_edition(scenarios, edition) -> None:  # type: ignore[no-untyped-def]
    examples: dict[str, int] = {}
    for scenario in scenarios:
        for statement_id in scenario.statement_ids:
            examples[statement_id] = examples.get(statement_id, 0) + scenario.examples_in(edition)
    missing = [i for i in EDITIONS[edition].statement_ids if not examples.get(i)]
    assert missing == [], f"statements of {edition} without a scenario that runs in {edition}: {missing}"


def test_scenarios_of_an_edition_never_name_a_statement_the_edition_does_not_say(scenarios) -> None:  # type: ignore[no-untyped-def]
    wrong = [
        f"{s.feature}:{s.line} {i} ({edition})"
        for s in scenarios
        for edition in s.editions
        for i in s.statement_ids
        if not STATEMENTS[i].holds_in(edition)
    ]
    assert wrong == []


def test_edition_tags_name_known_editions() -> None:
    unknown = []
    for path in (ROOT / "features").glob("*.feature"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for tag in re.findall(r"@edition-(\S+)", line):
                if tag not in EDITIONS:
                    unknown.append(f"{path.name}:{number} @edition-{tag}")
    assert unknown == []


def test_every_tag_is_in_the_catalog() -> None:
    unknown = []
    for path in (ROOT / "features").glob("*.feature"):
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            for tag in re.findall(r"@(SM-[\w-]+)", line):
                if tag not in STATEMENTS:
                    unknown.append(f"{path.name}:{number} @{tag}")
    assert unknown == []


def test_each_statement_rule_lives_in_the_feature_of_its_area(scenarios) -> None:  # type: ignore[no-untyped-def]
    misplaced = []
    for scenario in scenarios:
        if scenario.rule is None:
            continue
        for statement_id in scenario.statement_ids:
            area = STATEMENTS[statement_id].area
            # The feature of the area, the time lines, or the feature named like the rule's module
            # (rules/timing.py ~ features/timing.feature: the time-line ids read at one operation).
            rule_module = (
                RULES[statement_id].function.__module__.rsplit(".", 1)[-1] if statement_id in RULES else area
            )
            if Path(scenario.feature).stem not in (area, "lifecycle", rule_module):
                misplaced.append(f"{statement_id} ({area}) in {scenario.feature}:{scenario.line}")
    assert misplaced == []


def test_the_traceability_index_is_current() -> None:
    committed = (ROOT / INDEX).read_text(encoding="utf-8")
    assert committed == render(ROOT), (
        f"{INDEX} is stale: run `python -m aks_backup_conformance.report.traceability --write` (or `nox -s trace`)"
    )
