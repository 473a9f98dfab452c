"""pytest plugin: what ran of the living documentation, located by feature file and line.

Loaded by the project's `conftest.py`. It

- maps every collected pytest-bdd item back to its compiled scenario example (feature file, scenario
  line, Examples row line), so nothing is joined by name;
- refuses to run when two scenarios of one feature share a name (pytest-bdd would bind only one of
  them and the other would silently never run);
- records each example's result (passed, failed, skipped with its reason, deselected) and, with
  `--results PATH`, writes them with the run's selection (`--statement`, the oracle and what it is
  judged on) as JSON for `python -m aks_backup_conformance.report.conformance`.

A scenario whose statements the oracle under test does not cover is skipped with `skip_not_covered`;
its reason starts with `NOT_COVERED` and the summary counts it as not covered, never as a pass or a
failure.
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, NoReturn

import pytest
from pytest_bdd.scenario import scenario_wrapper_template_registry
from pytest_bdd.utils import registry_get_safe

from .report.features import Example, compile_feature, name_collisions
from .report.results import NOT_COVERED, RESULTS_FORMAT

__all__ = ["NOT_COVERED", "skip_not_covered"]


def skip_not_covered(detail: str = "") -> NoReturn:
    """Skip the running scenario because the oracle under test does not cover what it checks."""
    pytest.skip(f"{NOT_COVERED}: {detail}" if detail else NOT_COVERED)


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("aks-backup-conformance")
    group.addoption(
        "--results",
        default=None,
        metavar="PATH",
        help="write every scenario example's result (by feature file and line) and the run's selection "
        "as JSON, for the per-statement summary",
    )


@dataclass
class Recorder:
    """Collected scenario examples and their results, for one pytest session."""

    root: Path
    examples: dict[Path, dict[tuple[int, int | None], Example]] = field(default_factory=dict)
    """Per feature file: (scenario line, row index) -> the compiled example."""
    located: dict[str, Example] = field(default_factory=dict)
    """pytest node id -> the example it runs."""
    outcomes: dict[str, dict[str, Any]] = field(default_factory=dict)
    """pytest node id -> {"outcome": ..., "reason": ...}."""
    deselected: set[str] = field(default_factory=set)
    unlocated: list[str] = field(default_factory=list)

    def locate(self, item: pytest.Item) -> Example | None:
        """The compiled example a pytest-bdd item runs (None for an ordinary test)."""
        template = registry_get_safe(scenario_wrapper_template_registry, getattr(item, "obj", None))
        if template is None:
            return None
        path = Path(template.feature.filename).resolve()
        if path not in self.examples:
            self.examples[path] = {(e.scenario_line, e.row): e for e in compile_feature(path, root=self.root)}
        callspec = getattr(item, "callspec", None)
        row = callspec.indices.get("_pytest_bdd_example") if callspec is not None else None
        example = self.examples[path].get((template.line_number, row))
        if example is None:
            self.unlocated.append(f"{item.nodeid}: no compiled example at line {template.line_number}")
        return example

    def collected(self, items: list[pytest.Item], *, deselected: bool) -> None:
        for item in items:
            example = self.locate(item)
            if example is not None:
                self.located[item.nodeid] = example
                if deselected:
                    self.deselected.add(item.nodeid)

    def collisions(self) -> list[str]:
        return [p for path in sorted(self.examples) for p in name_collisions(path, root=self.root)]

    def report(self, report: pytest.TestReport) -> None:
        if report.nodeid not in self.located:
            return
        current = self.outcomes.get(report.nodeid)
        if report.failed:
            what = "an error in set-up" if report.when == "setup" else f"failed in {report.when}"
            self.outcomes[report.nodeid] = {"outcome": "failed", "reason": what}
        elif report.skipped:
            reason = report.longrepr[2] if isinstance(report.longrepr, tuple) else str(report.longrepr)
            self.outcomes[report.nodeid] = {"outcome": "skipped", "reason": reason.removeprefix("Skipped: ")}
        elif report.when == "call" and current is None:
            self.outcomes[report.nodeid] = {"outcome": "passed", "reason": None}

    # ## Hooks (the recorder is registered as a plugin of its own) ------------------------------------

    def pytest_deselected(self, items: list[pytest.Item]) -> None:
        self.collected(items, deselected=True)

    def pytest_collection_finish(self, session: pytest.Session) -> None:
        self.collected(session.items, deselected=False)
        problems = self.collisions() + self.unlocated
        if problems:
            raise pytest.UsageError(
                "scenarios that would never run:\n" + "\n".join(f"  {p}" for p in problems)
            )

    def pytest_runtest_logreport(self, report: pytest.TestReport) -> None:
        self.report(report)

    def pytest_sessionfinish(self, session: pytest.Session) -> None:
        path = session.config.getoption("--results")
        if path:
            target = Path(path)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(json.dumps(self.document(session.config), indent=1), encoding="utf-8")

    def document(self, config: pytest.Config) -> dict[str, Any]:
        statements = sorted({s.upper() for s in config.getoption("--statement", default=[]) or []})
        covers_option = config.getoption("--oracle-covers", default="") or ""
        covers: list[str] | None = sorted({i.strip().upper() for i in covers_option.split(",") if i.strip()})
        oracle = config.getoption("--oracle", default="reference")
        if not covers_option:
            covers = _oracle_covers(oracle)
        items = []
        for nodeid, example in self.located.items():
            if nodeid in self.deselected:
                result: dict[str, Any] = {"outcome": "deselected", "reason": None}
            else:
                result = self.outcomes.get(nodeid, {"outcome": "not run", "reason": None})
            items.append(
                {
                    "nodeid": nodeid,
                    "feature": example.feature,
                    "scenario_line": example.scenario_line,
                    "line": example.line,
                    "name": example.name,
                    "statements": list(example.statement_ids),
                    **result,
                }
            )
        return {
            "format": RESULTS_FORMAT,
            "selection": {
                "statements": statements or None,
                "oracle": oracle,
                "covers": covers,
                "edition": config.getoption("--edition", default=None),
            },
            "items": items,
        }


def _oracle_covers(name: str) -> list[str] | None:
    """What the oracle says it covers (None when it cannot be asked: the run will have said why)."""
    from .oracles import get

    try:
        return sorted(get(name).covers())
    except Exception:  # an unknown or broken oracle fails every scenario; the summary still needs a file
        return None


def pytest_configure(config: pytest.Config) -> None:
    config.pluginmanager.register(Recorder(root=config.rootpath), "aks-backup-conformance-results")
