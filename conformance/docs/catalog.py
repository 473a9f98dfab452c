"""The statements as the site shows them: each with its scenarios, editions, rule and status per run.

Statuses, from worst to best (the overview lists them in this order, never hiding any):

- `failing`: a scenario of the statement failed in some run;
- `not run`: the statement has scenarios, but in some run not all of their examples ran and passed;
- `not covered`: no scenario carries the statement;
- `passing`: every example of every scenario passed in every run.

With no results file at all, every covered statement is `not run`: a verdict is earned, never assumed.

Editions: each results file is a run judged by one edition (`Results.edition`; `pytest steps --edition
E` runs E's feature set). A statement's status in an edition comes only from the runs of that edition,
over the scenarios (and Examples rows) of that edition's feature set (`Scenario.in_edition`): no
scenario there is `not covered`, no run of that edition is `not run`. Its overall status is the worst
over the editions that say it.
"""

from __future__ import annotations

import enum
import re
from collections import defaultdict
from dataclasses import dataclass
from pathlib import Path

from aks_backup_model.editions import EDITIONS, Edition, change_in
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
    run: int
    """Which results file (its place in the list given)."""
    edition: str
    """The edition that run judged by."""
    considered: frozenset[int]
    """The Examples rows (lines) of that edition."""
    status: RunStatus
    passed: int
    failed: int
    not_run: int
    rows: dict[int, RunStatus]
    """Example row line -> its status (rows whose run could be told apart by name)."""
    messages: tuple[str, ...]


def scenario_result(scenario: Scenario, results: Results, run: int = 0) -> ScenarioResult | None:
    """How the run `results` (the `run`-th file) went for `scenario`; None when the scenario is not in
    the feature set of the edition that run judged by."""
    expected = scenario.example_count_in(results.edition)
    if expected == 0:
        return None
    runs = results.of(scenario.uri, scenario.line)
    rows: dict[int, RunStatus] = {}
    named = scenario.example_names(results.edition)
    if scenario.examples:
        wanted = {name for _, name in named}
        if any(r.name in wanted for r in runs):
            runs = [r for r in runs if r.name in wanted]  # rows of other editions do not count here
        by_name: dict[str, list[Run]] = defaultdict(list)
        for found in runs:
            by_name[found.name].append(found)
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
    considered = frozenset(row.line for row, _ in named)
    return ScenarioResult(
        results.label, run, results.edition, considered, status, passed, failed, not_run, rows, messages
    )


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
        """One example row's status over the runs of the editions it belongs to; None when no run can be
        told apart for it."""
        found = [r.rows.get(line) for r in self.results if line in r.considered]
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
    run: int
    """Which results file (its place in the list given)."""
    edition: str
    status: StatementStatus | None
    """None when the edition that run judged by does not say the statement."""
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
    """A results file judged by this edition was given."""


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


def edition_entries(
    statement: Statement, scenarios: list[ScenarioView], results: list[Results]
) -> tuple[EditionEntry, ...]:
    """The statement in every edition: wording, change against the edition before, status there (from
    the runs of that edition only)."""
    entries = []
    for edition in ordered_editions():
        change = change_in(statement.id, edition.name)
        holds = statement.holds_in(edition.name)
        revision = statement.revision_in(edition.name)
        runs = [i for i, r in enumerate(results) if r.edition == edition.name]
        there = None
        if holds:
            mine = [s for s in scenarios if s.scenario.in_edition(edition.name)]
            if not mine:
                there = StatementStatus.NOT_COVERED
            elif not runs:
                there = StatementStatus.NOT_RUN
            else:
                there = min((_run_status(mine, i)[0] for i in runs), key=lambda s: s.rank)
        entries.append(
            EditionEntry(
                edition=edition.name,
                change=change,
                wording=statement.in_edition(edition.name) if holds else None,
                summary=revision.summary if revision else None,
                status=there,
                judged=holds and bool(runs),
            )
        )
    return tuple(entries)


def _run_status(scenarios: list[ScenarioView], run: int) -> tuple[StatementStatus, int, int]:
    """The statement in one run, over `scenarios` (those of the run's edition that carry it)."""
    mine = [r for s in scenarios for r in s.results if r.run == run]
    total = sum(r.passed + r.failed + r.not_run for r in mine)
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
            found = (scenario_result(scenario, r, i) for i, r in enumerate(results))
            view = ScenarioView(scenario, tuple(r for r in found if r is not None))
            for statement_id in scenario.statement_ids:
                by_id[statement_id].append(view)
    views = []
    for statement in STATEMENTS.values():
        scenarios = by_id.get(statement.id, [])
        per_oracle = []
        for index, run in enumerate(results):
            if statement.holds_in(run.edition):
                there = [s for s in scenarios if s.scenario.in_edition(run.edition)]
                status, passed, total = _run_status(there, index)
                per_oracle.append(OracleCount(run.label, index, run.edition, status, passed, total))
            else:
                per_oracle.append(OracleCount(run.label, index, run.edition, None, 0, 0))
        rule = RULES.get(statement.id)
        per_edition = edition_entries(statement, scenarios, results)
        statuses = [e.status for e in per_edition if e.status is not None]
        overall = min(statuses, key=lambda s: s.rank) if statuses else StatementStatus.NOT_COVERED
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
    scenarios: list[Scenario], results: Results | None, edition: str | None = None
) -> list[tuple[Scenario, RunStatus | None, str]]:
    """Each scenario with its status in `results` and its example counts: not run without results, None
    when the scenario is not in the feature set of the edition (`edition`, else the run's)."""
    rows: list[tuple[Scenario, RunStatus | None, str]] = []
    for scenario in scenarios:
        name = edition or (results.edition if results is not None else None)
        if name is not None and not scenario.in_edition(name):
            rows.append((scenario, None, ""))
            continue
        found = scenario_result(scenario, results) if results is not None else None
        if found is None:
            rows.append((scenario, RunStatus.NOT_RUN, ""))
            continue
        counts = f" ({found.passed} passed, {found.failed} failed, {found.not_run} not run)"
        rows.append((scenario, found.status, counts if scenario.examples else ""))
    return rows
