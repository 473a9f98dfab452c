"""The per-statement verdict of a conformance run, computed from what ran.

The input is the results file the pytest plugin writes (`pytest --results PATH`): every collected
scenario example with its feature file, line, statement ids and result, and the run's selection
(`--statement`, the oracle, the statements it is judged on). It is joined with the compiled features
by feature file and line, never by name, so an example that was compiled but never collected shows up
as "not run".

A statement is judged when it was selected (no `--statement`, or named by one) and the oracle is judged
on it (`--oracle-covers`, else what the oracle says it covers). A judged statement is

- **failed** when any of its examples failed (or errored);
- **not run** when one of its selected examples did not run (never collected, skipped for a reason other
  than coverage, or the run stopped before it);
- **no scenario** when no scenario carries it;
- **ok** only when at least one of its examples passed and none of the above holds.

A statement that is not judged is listed as **not selected** or **not covered** (also when every one of its
examples was deselected, or skipped because the oracle does not cover it), never as a pass or a failure.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from enum import StrEnum
from typing import Any

from .features import Example

RESULTS_FORMAT = "aks-backup-conformance/results/1"
NOT_COVERED = "not covered by the oracle"
"""A scenario skipped with a reason that starts with these words is not covered by the oracle."""


class Verdict(StrEnum):
    OK = "ok"
    FAILED = "failed"
    NOT_RUN = "not run"
    NO_SCENARIO = "no scenario"
    NOT_SELECTED = "not selected"
    NOT_COVERED = "not covered"

    @property
    def judged(self) -> bool:
        return self not in (Verdict.NOT_SELECTED, Verdict.NOT_COVERED)


class ResultsError(ValueError):
    """A results file that is not one (names the field and what was expected)."""


@dataclass(frozen=True, slots=True)
class Selection:
    statements: frozenset[str] | None
    """The ids of `--statement` (None: every statement)."""
    covers: frozenset[str] | None
    """The ids the oracle is judged on (None: not known, every statement is judged)."""
    oracle: str
    edition: str | None = None
    """The edition the run judged by (`--edition`); its statements are the ones summarised."""

    def reason_not_judged(self, statement_id: str) -> Verdict | None:
        if self.statements is not None and statement_id not in self.statements:
            return Verdict.NOT_SELECTED
        if self.covers is not None and statement_id not in self.covers:
            return Verdict.NOT_COVERED
        return None


@dataclass(frozen=True, slots=True)
class ExampleResult:
    location: str
    name: str
    status: str
    """passed, failed, not run, not selected or not covered."""
    reason: str | None = None


@dataclass(slots=True)
class StatementResult:
    statement_id: str
    verdict: Verdict = Verdict.NO_SCENARIO
    examples: list[ExampleResult] = field(default_factory=list)

    def count(self, status: str) -> int:
        return sum(e.status == status for e in self.examples)

    def to_dict(self) -> dict[str, Any]:
        return {
            "verdict": self.verdict.value,
            **{s.replace(" ", "_"): self.count(s) for s in STATUSES},
            "problems": [
                {"location": e.location, "name": e.name, "status": e.status, "reason": e.reason}
                for e in self.examples
                if e.status in ("failed", "not run")
            ],
        }


STATUSES = ("passed", "failed", "not run", "not selected", "not covered")


def _status(items: Sequence[Mapping[str, Any]]) -> tuple[str, str | None]:
    """One example's status from the results of the items that ran it (normally exactly one)."""
    if not items:
        return "not run", "never collected"
    if len(items) > 1:
        return "failed", f"collected {len(items)} times: {', '.join(i['nodeid'] for i in items)}"
    item = items[0]
    outcome, reason = item["outcome"], item.get("reason")
    if outcome in ("passed", "failed"):
        return outcome, reason
    if outcome == "deselected":
        return "not selected", None
    if outcome == "skipped" and str(reason or "").startswith(NOT_COVERED):
        return "not covered", reason
    if outcome == "skipped":
        return "not run", f"skipped: {reason}"
    return "not run", reason


def _verdict(statement: StatementResult, selection: Selection) -> Verdict:
    unjudged = selection.reason_not_judged(statement.statement_id)
    if unjudged is not None:
        return unjudged
    if not statement.examples:
        return Verdict.NO_SCENARIO
    if statement.count("failed"):
        return Verdict.FAILED
    if statement.count("not run"):
        return Verdict.NOT_RUN
    if statement.count("passed"):
        return Verdict.OK
    # Every example was deselected or not covered: the statement was not judged in this run.
    return Verdict.NOT_COVERED if statement.count("not covered") else Verdict.NOT_SELECTED


def read_selection(document: Mapping[str, Any]) -> Selection:
    selection = document.get("selection")
    if not isinstance(selection, dict):
        raise ResultsError("selection: expected an object with statements, oracle and covers")
    statements, covers = selection.get("statements"), selection.get("covers")
    for name, value in (("statements", statements), ("covers", covers)):
        if value is not None and not (isinstance(value, list) and all(isinstance(v, str) for v in value)):
            raise ResultsError(f"selection.{name}: expected a list of statement ids or null, got {value!r}")
    edition = selection.get("edition")
    if edition is not None and not isinstance(edition, str):
        raise ResultsError(f"selection.edition: expected an edition name or null, got {edition!r}")
    return Selection(
        frozenset(statements) if statements is not None else None,
        frozenset(covers) if covers is not None else None,
        str(selection.get("oracle", "")),
        edition,
    )


def read_items(document: Mapping[str, Any]) -> list[dict[str, Any]]:
    if document.get("format") != RESULTS_FORMAT:
        raise ResultsError(f"format: expected {RESULTS_FORMAT!r}, got {document.get('format')!r}")
    items = document.get("items")
    if not isinstance(items, list):
        raise ResultsError("items: expected a list")
    for index, item in enumerate(items):
        for key, kind in (("nodeid", str), ("feature", str), ("line", int), ("outcome", str)):
            if not isinstance(item, dict) or not isinstance(item.get(key), kind):
                raise ResultsError(f"items[{index}].{key}: expected a {kind.__name__}")
    return items


@dataclass(frozen=True, slots=True)
class Summary:
    selection: Selection
    statements: list[StatementResult]
    problems: list[str]
    """Results that match no compiled example (the features changed after the run)."""

    def of(self, verdict: Verdict) -> list[StatementResult]:
        return [s for s in self.statements if s.verdict is verdict]

    @property
    def judged(self) -> list[StatementResult]:
        return [s for s in self.statements if s.verdict.judged]

    @property
    def ok(self) -> bool:
        """True when something was judged, every judged statement is ok and every result was placed."""
        judged = self.judged
        return bool(judged) and all(s.verdict is Verdict.OK for s in judged) and not self.problems

    def headline(self) -> str:
        """`1 statement selected, 1 ok; 58 not selected.` and the like."""
        judged = self.judged
        noun = "statement" if len(judged) == 1 else "statements"
        chosen = [
            label
            for label, verdict in (("selected", Verdict.NOT_SELECTED), ("covered", Verdict.NOT_COVERED))
            if self.of(verdict)
        ]
        how = " and ".join(chosen).replace("covered", "covered by the oracle") or "judged"
        parts = [f"{len(judged)} {noun} {how}, {len(self.of(Verdict.OK))} ok"]
        for verdict in (Verdict.FAILED, Verdict.NOT_RUN, Verdict.NO_SCENARIO):
            if count := len(self.of(verdict)):
                parts.append(f"{count} {verdict.value}")
        tail = [
            f"{count} {verdict.value}"
            for verdict in (Verdict.NOT_SELECTED, Verdict.NOT_COVERED)
            if (count := len(self.of(verdict)))
        ]
        return ", ".join(parts) + (f"; {', '.join(tail)}" if tail else "") + "."

    def to_dict(self) -> dict[str, Any]:
        return {
            "selection": {
                "statements": sorted(self.selection.statements) if self.selection.statements else None,
                "covers": sorted(self.selection.covers) if self.selection.covers is not None else None,
                "oracle": self.selection.oracle,
                "edition": self.selection.edition,
            },
            "headline": self.headline(),
            "ok": self.ok,
            "statements": {s.statement_id: s.to_dict() for s in self.statements},
            "problems": self.problems,
        }


def summarise(
    examples: Iterable[Example], document: Mapping[str, Any], statement_ids: Iterable[str]
) -> Summary:
    """Each statement's verdict from the compiled examples and the results file of a run."""
    items = read_items(document)
    selection = read_selection(document)
    by_location: dict[str, list[dict[str, Any]]] = {}
    for item in items:
        by_location.setdefault(f"{item['feature']}:{item['line']}", []).append(item)
    results = {i: StatementResult(i) for i in statement_ids}
    known = set()
    for example in examples:
        known.add(example.location)
        status, reason = _status(by_location.get(example.location, []))
        for statement_id in example.statement_ids:
            if statement_id in results:
                results[statement_id].examples.append(
                    ExampleResult(example.location, example.name, status, reason)
                )
    for statement in results.values():
        statement.verdict = _verdict(statement, selection)
    problems = [
        f"{location}: {items[0]['nodeid']} ran an example the features no longer have"
        for location, items in by_location.items()
        if location not in known
    ]
    return Summary(selection, list(results.values()), problems)


def collection_problems(examples: Iterable[Example], items: Iterable[Mapping[str, Any]]) -> list[str]:
    """Compiled examples that pytest did not collect, or collected more than once, as `file:line: ...`.

    `items` are the results file's items of a run (a `--collect-only` run is enough); deselected items
    count as collected."""
    collected: dict[str, list[str]] = {}
    for item in items:
        collected.setdefault(f"{item['feature']}:{item['line']}", []).append(str(item["nodeid"]))
    problems = []
    for example in examples:
        nodeids = collected.get(example.location, [])
        if not nodeids:
            problems.append(f"{example.location}: {example.name!r} is compiled but was never collected")
        elif len(nodeids) > 1:
            problems.append(
                f"{example.location}: {example.name!r} was collected {len(nodeids)} times: {', '.join(nodeids)}"
            )
    return problems


def comparison_note(document: Mapping[str, Any]) -> str | None:
    """One line on the differences the run's comparison level did not count (None when there were none),
    e.g. `Compared at the default level: 44 differences in informational findings, subjects or words
    not counted (SM-REG-01: 44); --strict counts them.`"""
    selection = document.get("selection")
    level = selection.get("comparison", "default") if isinstance(selection, dict) else "default"
    counts: dict[str, int] = {}
    for item in document.get("items") or []:
        for check in item.get("not_compared") or [] if isinstance(item, dict) else []:
            statement_id = str(check).split(" ", 1)[0]
            counts[statement_id] = counts.get(statement_id, 0) + 1
    if not counts:
        return None
    total = sum(counts.values())
    top = sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))
    shown = ", ".join(f"{i}: {n}" for i, n in top[:6]) + (", ..." if len(top) > 6 else "")
    no_plans = "no plans" in str(level)
    what = "informational findings, subjects or words" + (", or plans" if no_plans else "")
    how = "--strict counts them" + (" (and the plans, without --no-plans)" if no_plans else "")
    return f"Compared at the {level} level: {total} differences in {what} not counted ({shown}); {how}."
