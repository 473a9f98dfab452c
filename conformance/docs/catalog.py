"""The statements as the site shows them: each with its scenarios, editions, rule and status per run.

Statuses, from worst to best (the overview lists them in this order, never hiding any):

- `failing`: a scenario of the statement failed in some run;
- `not run`: the statement has scenarios, but in some run not all of their examples ran and passed;
- `not covered`: no scenario carries the statement;
- `passing`: every example of every scenario passed in every run.

With no results file at all, every covered statement is `not run`: a verdict is earned, never assumed.

Editions: the scenarios run against the edition the model judges by (`editions.DEFAULT_EDITION`). In
another edition a statement keeps that status only if that edition does not change what it says in a
way that changes answers (`editions.changes(...).behavioural`); otherwise its scenarios speak to the
older wording, and in that edition it is `not covered` (the same holds for statements it adds).
"""

from __future__ import annotations

import enum
import functools
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from aks_backup_model.editions import DEFAULT_EDITION, EDITIONS, Edition, change_in, changes
from aks_backup_model.rules import RULES
from aks_backup_model.statements import STATEMENTS, Statement

from .gherkin_doc import ExampleRow, Feature, Scenario, read_documents
from .results import Results, Run, RunStatus


class StatementStatus(enum.StrEnum):
    FAILING = "failing"
    NOT_RUN = "not run"
    NOT_COVERED = "not covered"
    PASSING = "passing"

    @property
    def rank(self) -> int:
        return list(StatementStatus).index(self)

    @property
    def css(self) -> str:
        return self.value.replace(" ", "-")


@dataclass(frozen=True, slots=True)
class ScenarioResult:
    """One scenario in one run: counts of its examples, the status of each row where it can be told."""

    label: str
    status: RunStatus
    passed: int
    failed: int
    not_run: int
    rows: dict[int, RunStatus]
    """Example row line -> its status (rows whose run could be told apart by name)."""
    messages: tuple[str, ...]


def scenario_result(scenario: Scenario, results: Results) -> ScenarioResult:
    runs = results.of(scenario.uri, scenario.line)
    expected = scenario.example_count
    rows: dict[int, RunStatus] = {}
    if scenario.examples:
        named = scenario.example_names()
        by_name: dict[str, list[Run]] = defaultdict(list)
        for run in runs:
            by_name[run.name].append(run)
        names = [name for _, name in named]
        row: ExampleRow
        for row, name in named:
            if names.count(name) == 1 and len(by_name.get(name, [])) == 1:
                rows[row.line] = by_name[name][0].status
            elif names.count(name) == 1 and not by_name.get(name):
                rows[row.line] = RunStatus.NOT_RUN
    failed = sum(r.status is RunStatus.FAILED for r in runs)
    passed = min(sum(r.status is RunStatus.PASSED for r in runs), expected)
    not_run = max(expected - passed - failed, 0)
    if failed:
        status = RunStatus.FAILED
    elif passed >= expected:
        status = RunStatus.PASSED
    else:
        status = RunStatus.NOT_RUN
    messages = tuple(f"{r.name}: {r.message}" for r in runs if r.status is RunStatus.FAILED and r.message)
    return ScenarioResult(results.label, status, passed, failed, not_run, rows, messages)


@dataclass(frozen=True, slots=True)
class ScenarioView:
    scenario: Scenario
    results: tuple[ScenarioResult, ...]

    @property
    def status(self) -> RunStatus:
        """Failed in any run, else not run in any run (or no run at all), else passed."""
        statuses = [r.status for r in self.results]
        if RunStatus.FAILED in statuses:
            return RunStatus.FAILED
        if not statuses or RunStatus.NOT_RUN in statuses:
            return RunStatus.NOT_RUN
        return RunStatus.PASSED

    def row_status(self, line: int) -> RunStatus | None:
        """One example row's status over all runs; None when no run can be told apart for it."""
        found = [r.rows.get(line) for r in self.results]
        if not found:
            return None
        if RunStatus.FAILED in found:
            return RunStatus.FAILED
        if None in found:
            return None
        return RunStatus.PASSED if all(s is RunStatus.PASSED for s in found) else RunStatus.NOT_RUN


@dataclass(frozen=True, slots=True)
class OracleCount:
    label: str
    status: StatementStatus
    passed: int
    """Scenario examples that passed in this run."""
    total: int


@dataclass(frozen=True, slots=True)
class EditionEntry:
    """The statement in one edition: how that edition treats it, its wording there, its status there."""

    edition: str
    change: str
    """Against the edition before: `seed`, `added`, `changed`, `unchanged`, `retired` or `absent`."""
    wording: Statement | None
    """The statement as this edition words it (None when the edition does not say it)."""
    summary: str | None
    """What this edition changed, when it rewords the statement."""
    status: StatementStatus | None
    """Its status in this edition (None when the edition does not say it)."""
    judged: bool
    """The scenarios ran against this edition's wording (or one that answers alike)."""


@dataclass(frozen=True, slots=True)
class StatementView:
    statement: Statement
    scenarios: tuple[ScenarioView, ...]
    wording: Statement
    """The statement as the newest edition that says it words it."""
    editions: tuple[str, ...]
    per_edition: tuple[EditionEntry, ...]
    rule_module: str | None
    rule_function: str | None
    per_oracle: tuple[OracleCount, ...]
    status: StatementStatus

    @property
    def id(self) -> str:
        return self.statement.id

    @property
    def examples(self) -> int:
        return sum(s.scenario.example_count for s in self.scenarios)

    @property
    def search_text(self) -> str:
        parts = [self.id]
        for entry in self.per_edition:
            if entry.wording is not None:
                parts += [entry.wording.section, entry.wording.text, entry.wording.interpretation or ""]
        parts += [s.scenario.name for s in self.scenarios]
        return " ".join(dict.fromkeys(parts)).lower()

    def wording_in(self, edition: str | None) -> Statement:
        """The statement as `edition` words it (the newest wording when None or not said there)."""
        found = next((e.wording for e in self.per_edition if e.edition == edition), None)
        return found or self.wording

    def status_in(self, edition: str) -> StatementStatus | None:
        return next((e.status for e in self.per_edition if e.edition == edition), None)


def ordered_editions() -> list[Edition]:
    return sorted(EDITIONS.values(), key=lambda e: (e.published, e.name))


@functools.cache
def _behavioural(old: str, new: str) -> frozenset[str]:
    return frozenset(changes(old, new).behavioural)


def edition_entries(statement: Statement, status: StatementStatus) -> tuple[EditionEntry, ...]:
    """The statement in every edition: wording, change against the edition before, status there."""
    entries = []
    for edition in ordered_editions():
        change = change_in(statement.id, edition.name)
        holds = statement.holds_in(edition.name)
        revision = statement.revision_in(edition.name)
        judged = edition.name == DEFAULT_EDITION or (
            holds
            and statement.edition <= DEFAULT_EDITION
            and statement.id not in _behavioural(DEFAULT_EDITION, edition.name)
        )
        there = (status if judged else StatementStatus.NOT_COVERED) if holds else None
        entries.append(
            EditionEntry(
                edition=edition.name,
                change=change,
                wording=statement.in_edition(edition.name) if holds else None,
                summary=revision.summary if revision else None,
                status=there,
                judged=judged and holds,
            )
        )
    return tuple(entries)


def _statement_status(scenarios: list[ScenarioView], label: str) -> tuple[StatementStatus, int, int]:
    mine = [r for s in scenarios for r in s.results if r.label == label]
    total = sum(s.scenario.example_count for s in scenarios)
    passed = sum(r.passed for r in mine)
    if not scenarios:
        return StatementStatus.NOT_COVERED, 0, 0
    if any(r.status is RunStatus.FAILED for r in mine):
        return StatementStatus.FAILING, passed, total
    if len(mine) == len(scenarios) and all(r.status is RunStatus.PASSED for r in mine):
        return StatementStatus.PASSING, passed, total
    return StatementStatus.NOT_RUN, passed, total


def statement_views(features: list[Feature], results: list[Results]) -> list[StatementView]:
    """Every statement of the catalog (of every edition), in document order."""
    by_id: dict[str, list[ScenarioView]] = defaultdict(list)
    for feature in features:
        for scenario in feature.scenarios:
            view = ScenarioView(scenario, tuple(scenario_result(scenario, r) for r in results))
            for statement_id in scenario.statement_ids:
                by_id[statement_id].append(view)
    views = []
    for statement in STATEMENTS.values():
        scenarios = by_id.get(statement.id, [])
        per_oracle = []
        for run in results:
            status, passed, total = _statement_status(scenarios, run.label)
            per_oracle.append(OracleCount(run.label, status, passed, total))
        if not scenarios:
            overall = StatementStatus.NOT_COVERED
        elif not per_oracle:
            overall = StatementStatus.NOT_RUN
        else:
            overall = min((c.status for c in per_oracle), key=lambda s: s.rank)
        rule = RULES.get(statement.id)
        per_edition = edition_entries(statement, overall)
        statuses = [e.status for e in per_edition if e.status is not None]
        overall = min(statuses, key=lambda s: s.rank) if statuses else overall
        holding = [e for e in per_edition if e.wording is not None]
        views.append(
            StatementView(
                statement=statement,
                scenarios=tuple(scenarios),
                wording=holding[-1].wording if holding and holding[-1].wording else statement,
                editions=tuple(e.edition for e in holding),
                per_edition=per_edition,
                rule_module=rule.function.__module__ if rule else None,
                rule_function=rule.function.__qualname__ if rule else None,
                per_oracle=tuple(per_oracle),
                status=overall,
            )
        )
    return views


def worst_first(views: list[StatementView], edition: str | None = None) -> list[StatementView]:
    """Failing, then not run, then not covered, then passing (in `edition`, if given); document order
    within each."""
    order = {v.id: i for i, v in enumerate(views)}

    def status(view: StatementView) -> StatementStatus:
        return (view.status_in(edition) if edition else None) or view.status

    return sorted(views, key=lambda v: (status(v).rank, order[v.id]))


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def scenarios_of(statement_id: str, features: Path) -> list[Scenario]:
    """The scenarios that carry `statement_id`, in file and line order."""
    return [s for f in read_documents(features) for s in f.scenarios if statement_id in s.statement_ids]


def scenario_statuses(
    scenarios: list[Scenario], results: Results | None
) -> list[tuple[Scenario, RunStatus, str]]:
    """Each scenario with its status in `results` (not run without results) and its example counts."""
    rows = []
    for scenario in scenarios:
        if results is None:
            rows.append((scenario, RunStatus.NOT_RUN, ""))
            continue
        found = scenario_result(scenario, results)
        counts = f" ({found.passed} passed, {found.failed} failed, {found.not_run} not run)"
        rows.append((scenario, found.status, counts if scenario.examples else ""))
    return rows
