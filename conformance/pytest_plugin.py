"""pytest plugin of the conformance suite: its options, its markers, and what ran, by feature file and line.

Installed as the `pytest11` entry point `aks_backup_conformance.pytest_plugin` (so pytest loads it in
any venv that has the package; the repository's `conftest.py` names it too, for runs with plugin
autoloading off). On its own it only adds options and markers and turns statement tags into markers:
it has no autouse fixture and no step, so another project's tests are left as they are. The suite's
fixtures and steps come with the suite (`steps/conftest.py`, shipped as `aks_backup_conformance.steps`).

It

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

from aks_backup_model.editions import DEFAULT_EDITION, EDITIONS, JUDGED
from aks_backup_model.errors import ConformanceError
from aks_backup_model.outcome import Effect
from aks_backup_model.statements import STATEMENTS

from .report.features import Example, compile_feature, name_collisions
from .report.results import NOT_COVERED, RESULTS_FORMAT

__all__ = [
    "DECIDING",
    "INFORMATIONAL",
    "NOT_COVERED",
    "Mismatch",
    "not_compared",
    "skip_not_covered",
    "strict",
]


def skip_not_covered(detail: str = "") -> NoReturn:
    """Skip the running scenario because the oracle under test does not cover what it checks."""
    pytest.skip(f"{NOT_COVERED}: {detail}" if detail else NOT_COVERED)


# ## The comparison level ----------------------------------------------------------------------------
#
# By default a scenario compares what decides: the status, the findings that block, skip, put outside
# support or cannot tell (each with its statement id), and the volume and namespace plans (destination
# and deciding statement). With `--oracle-strict`, and always against the reference model, it also
# compares the informational findings (warns, informs), the subject and the words of a finding, and
# which statements an answer leaves uncited among the informational ones. `--oracle-no-plans` leaves
# the plans out (a tool that plans nothing is judged on its status and findings). A difference the level does not count is recorded on the test
# item as a `not compared` property (JUnit shows it; the results file lists it, the summary counts it),
# so that the user sees what `--oracle-strict` would fail.

DECIDING = frozenset({Effect.BLOCKS, Effect.SKIPS, Effect.NOT_COVERED, Effect.CANNOT_TELL})
"""Effects compared at the default level."""
INFORMATIONAL = frozenset({Effect.WARNS, Effect.INFORMS})
"""Effects compared only with `--oracle-strict`."""
NOT_COMPARED = "not compared"


def strict(request: pytest.FixtureRequest) -> bool:
    """Whether the run compares at the strict level: with `--oracle-strict`, and always against the
    reference model, for which the features are the specification (every check counts)."""
    return _strict(request.config)


def _strict(config: pytest.Config) -> bool:
    return bool(config.getoption("--oracle-strict", default=False)) or (
        config.getoption("--oracle", default="reference") == "reference"
    )


def compares_plans(request: pytest.FixtureRequest) -> bool:
    """Whether the run compares the volume and namespace plans (not with `--oracle-no-plans`)."""
    return not request.config.getoption("--oracle-no-plans", default=False)


def not_compared(request: pytest.FixtureRequest, check: str) -> None:
    """Record on the running scenario a difference the comparison level does not count (e.g. the answer
    lacks `SM-REG-01 informs`)."""
    request.node.user_properties.append((NOT_COMPARED, check))


class Mismatch(AssertionError):
    """A scenario's check found the oracle's answer different from what the matrix says.

    Reported in one line: the statement, what the oracle answered, what the matrix says."""

    def __init__(self, statement_id: str | None, answered: str, expected: str) -> None:
        self.statement_id, self.answered, self.expected = statement_id, answered, expected
        super().__init__(self.line())

    def line(self) -> str:
        about = f"{self.statement_id}: " if self.statement_id else ""
        return f"{about}the oracle answered {self.answered}; the matrix says {self.expected}"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("aks-backup-conformance")
    group.addoption(
        "--oracle",
        default="reference",
        help="the oracle the features run against: a registered name (entry point), module:attribute or "
        "command:<command line> (default: the reference model)",
    )
    group.addoption(
        "--oracle-covers",
        default="",
        metavar="IDS",
        help="comma-separated statement ids the oracle is judged on (default: what it says it covers); "
        "scenarios of other statements are skipped",
    )
    group.addoption(
        "--oracle-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="seconds a command oracle may take per question (default 10); past it, its process group is killed",
    )
    group.addoption(
        "--oracle-timelines",
        action="store_true",
        help="the command oracle answers time-line questions too (else the time-line scenarios are not covered)",
    )
    group.addoption(
        "--oracle-max-errors",
        type=int,
        default=3,
        metavar="N",
        help="stop the run after N consecutive oracle errors (default 3; 0 never stops)",
    )
    group.addoption(
        "--oracle-strict",
        action="store_true",
        help="compare the informational findings (warns, informs) and the findings' subjects and words too; "
        "by default only the status, the deciding findings (blocks, skips, not covered, cannot tell) "
        "with their statement ids, and the volume and namespace plans must match",
    )
    group.addoption(
        "--oracle-no-plans",
        action="store_true",
        help="do not compare the volume and namespace plans (for a tool that plans nothing); a plan that "
        "differs is recorded as not compared",
    )
    group.addoption(
        "--edition",
        default=DEFAULT_EDITION,
        choices=JUDGED,
        help=f"the matrix edition the features judge by (default {DEFAULT_EDITION}); scenarios of statements "
        "the edition does not say, or tagged for other editions (@edition-YYYY-MM-DD), are deselected",
    )
    group.addoption(
        "--statement",
        action="append",
        default=[],
        metavar="ID",
        help="run only the scenarios and tests of this statement id (repeatable), e.g. --statement SM-VLT-01",
    )
    group.addoption(
        "--results",
        default=None,
        metavar="PATH",
        help="write every scenario example's result (by feature file and line) and the run's selection "
        "as JSON, for the per-statement summary",
    )


MARKERS = (
    "statement(id): the support-matrix statement a scenario or test checks",
    "edition(name): an edition of the matrix the scenario holds in (untagged: every edition of its statements)",
    "conformance: a scenario of the living documentation",
    "lifecycle: a time-line scenario",
)


def in_edition(item: pytest.Item, edition: str) -> bool:
    """Whether a scenario belongs to the edition's feature set: every statement it names holds in the
    edition, and its edition tags (if any) name the edition."""
    ids = statement_ids(item)
    if any(not STATEMENTS[i].holds_in(edition) for i in ids if i in STATEMENTS):
        return False
    tagged = {m.args[0] for m in item.iter_markers("edition") if m.args}
    tagged |= {m.name.removeprefix("edition-") for m in item.iter_markers() if m.name.startswith("edition-")}
    return not tagged or edition in tagged


def statement_ids(item: pytest.Item) -> set[str]:
    """The statement ids an item carries (`statement(ID)` markers, from feature tags or a test's mark)."""
    return {m.args[0] for m in item.iter_markers("statement") if m.args}


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`--edition E` keeps the scenarios of E's feature set (see `in_edition`); `--statement ID` keeps the
    items that carry `statement(ID)` (from a feature tag or a test). Each kept item's statement ids
    become `statement` properties of its JUnit test case."""
    edition = config.getoption("--edition")
    wanted = {s.upper() for s in config.getoption("--statement")}
    keep: list[pytest.Item] = []
    drop: list[pytest.Item] = []
    for item in items:
        ids = statement_ids(item)
        chosen = in_edition(item, edition) and (not wanted or bool(ids & wanted))
        (keep if chosen else drop).append(item)
        if chosen:
            item.user_properties.extend(("statement", i) for i in sorted(ids))
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


@pytest.hookimpl(optionalhook=True, tryfirst=True)  # before pytest-bdd's own, whatever the load order
def pytest_bdd_apply_tag(tag: str, function: Any) -> bool | None:
    """Statement ids (`@SM-REG-01`) become `statement("SM-REG-01")` markers, edition tags
    (`@edition-2025-06-10`) `edition("2025-06-10")` markers; others stay as they are."""
    if tag.startswith("SM-"):
        pytest.mark.statement(tag)(function)
        return True
    if tag.startswith("edition-"):
        pytest.mark.edition(tag.removeprefix("edition-"))(function)
        return True
    return None


@dataclass(eq=False)  # a plugin object: pluggy keeps it in sets and dicts
class Recorder:
    """Collected scenario examples and their results, for one pytest session."""

    root: Path
    bdd: bool = True
    """Whether pytest-bdd is there (without it no item is a scenario)."""
    suite: Path | None = None
    """The suite's own features folder (None when it cannot be found)."""
    all_features: bool = False
    """Hold every feature file to the suite's rules (a run with `--results`)."""
    examples: dict[Path, dict[tuple[int, int | None], Example]] = field(default_factory=dict)
    """Per feature file: (scenario line, row index) -> the compiled example."""
    located: dict[str, Example] = field(default_factory=dict)
    """pytest node id -> the example it runs."""
    outcomes: dict[str, dict[str, Any]] = field(default_factory=dict)
    """pytest node id -> {"outcome": ..., "reason": ...}."""
    deselected: set[str] = field(default_factory=set)
    feature_of: dict[str, Path] = field(default_factory=dict)
    """pytest node id -> the feature file its scenario is in."""
    judged_items: set[str] = field(default_factory=set)
    """pytest node ids of the scenarios of judged feature files."""
    not_compared: dict[str, list[str]] = field(default_factory=dict)
    """pytest node id -> the checks the comparison level left out (`not_compared`)."""
    unlocated: list[str] = field(default_factory=list)

    def root_of(self, path: Path) -> Path:
        """The folder a feature file is named from: the run's root folder when the file is under it
        (`features/volumes.feature` in a checkout), else the folder of its `features/` (the suite run
        from the wheel, from any folder): the name is the same either way."""
        return self.root if path.is_relative_to(self.root) else path.parent.parent

    def locate(self, item: pytest.Item) -> Example | None:
        """The compiled example a pytest-bdd item runs (None for an ordinary test)."""
        if not self.bdd:
            return None
        from pytest_bdd.scenario import scenario_wrapper_template_registry
        from pytest_bdd.utils import registry_get_safe

        template = registry_get_safe(scenario_wrapper_template_registry, getattr(item, "obj", None))
        if template is None:
            return None
        path = Path(template.feature.filename).resolve()
        if path not in self.examples:
            self.examples[path] = {
                (e.scenario_line, e.row): e for e in compile_feature(path, root=self.root_of(path))
            }
        self.feature_of[item.nodeid] = path
        callspec = getattr(item, "callspec", None)
        row = callspec.indices.get("_pytest_bdd_example") if callspec is not None else None
        example = self.examples[path].get((template.line_number, row))
        if example is None and self.judged(path):
            self.unlocated.append(f"{item.nodeid}: no compiled example at line {template.line_number}")
        return example

    def collected(self, items: list[pytest.Item], *, deselected: bool) -> None:
        for item in items:
            example = self.locate(item)
            if example is not None:
                self.located[item.nodeid] = example
                if self.judged(self.feature_of[item.nodeid]):
                    self.judged_items.add(item.nodeid)
                if deselected:
                    self.deselected.add(item.nodeid)

    def judged(self, path: Path) -> bool:
        """Whether the plugin holds a feature file to the suite's rules (no two scenarios with one name,
        every scenario located; failures in one line): the suite's own features, and any feature of a
        run that writes results (`--results`). Another project's pytest-bdd features, in a venv where
        this plugin is installed, are left alone."""
        return self.all_features or (self.suite is not None and path.is_relative_to(self.suite))

    def collisions(self) -> list[str]:
        return [
            p
            for path in sorted(self.examples)
            if self.judged(path)
            for p in name_collisions(path, root=self.root_of(path))
        ]

    def report(self, report: pytest.TestReport) -> None:
        if report.nodeid not in self.located:
            return
        left_out = [str(v) for k, v in report.user_properties if k == NOT_COMPARED]
        if left_out:
            self.not_compared[report.nodeid] = sorted(set(left_out))
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
                    **({"not_compared": self.not_compared[nodeid]} if nodeid in self.not_compared else {}),
                }
            )
        return {
            "format": RESULTS_FORMAT,
            "selection": {
                "statements": statements or None,
                "oracle": oracle,
                "covers": covers,
                "edition": config.getoption("--edition", default=None),
                "comparison": ("strict" if _strict(config) else "default")
                + (", no plans" if config.getoption("--oracle-no-plans", default=False) else ""),
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


# ## One line per failed scenario -----------------------------------------------------------------

FAILED_STEP = pytest.StashKey[str]()


@pytest.hookimpl(optionalhook=True)
def pytest_bdd_step_error(request: pytest.FixtureRequest, step: Any) -> None:
    """Remember which step of the scenario failed, for its one-line report."""
    request.node.stash[FAILED_STEP] = f"{step.keyword} {step.name}".strip()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Any:
    """A failed scenario is reported in one line: where (feature file and line), which statements, the
    step, and what the oracle answered against what the matrix says (or how the oracle failed). No
    traceback: pytest-bdd's frames and the step code are not the user's concern. A failure of an
    ordinary test (not a scenario) keeps pytest's report."""
    report: pytest.TestReport = yield
    if report.failed and call.excinfo is not None and _is_scenario(item):
        report.longrepr = failure_line(item, call.excinfo.value, call.when)
    return report


def _is_scenario(item: pytest.Item) -> bool:
    """Whether the item is a scenario of the features the plugin judges (see `Recorder.judged`)."""
    recorder = item.config.pluginmanager.get_plugin(RECORDER)
    return isinstance(recorder, Recorder) and item.nodeid in recorder.judged_items


def failure_line(item: pytest.Item, error: BaseException, when: str) -> str:
    """The one-line report of a failed scenario."""
    recorder = item.config.pluginmanager.get_plugin(RECORDER)
    example = recorder.located.get(item.nodeid) if isinstance(recorder, Recorder) else None
    where = f"{example.location} " if example is not None else ""
    ids = ", ".join(sorted(statement_ids(item)))
    step = item.stash.get(FAILED_STEP, "")
    head = f"{where}[{ids}]" + (f" {step}" if step else "")
    if isinstance(error, Mismatch):
        what = error.line()
    elif isinstance(error, ConformanceError):  # the oracle failed to answer (OracleError, MalformedAnswer)
        what = "the oracle gave no answer: " + _first_line(error)
    elif isinstance(error, AssertionError):
        what = _first_line(error) or "a check failed"
    else:
        frame = _innermost_suite_frame(error)
        what = f"error in {when} ({type(error).__name__}{frame}): {_first_line(error)}"
    return f"{head}: {what}"


def _first_line(error: BaseException) -> str:
    text = str(error).strip()
    return text.splitlines()[0][:500] if text else ""


def _innermost_suite_frame(error: BaseException) -> str:
    """` at steps/x.py:12` for the innermost frame in the suite's own code, if any."""
    traceback, found = error.__traceback__, ""
    while traceback is not None:
        path = Path(traceback.tb_frame.f_code.co_filename)
        if path.parent.name == "steps" or "aks_backup_conformance" in path.parts:
            found = f" at {path.parent.name}/{path.name}:{traceback.tb_lineno}"
        traceback = traceback.tb_next
    return found


def pytest_configure(config: pytest.Config) -> None:
    for line in MARKERS:
        config.addinivalue_line("markers", line)
    # A tag on an Examples block reaches pytest as a marker of the tag's own name (pytest-bdd does not
    # pass it through `pytest_bdd_apply_tag`), so each edition tag is also a marker name.
    for name in EDITIONS:
        config.addinivalue_line("markers", f"edition-{name}: an Examples block that holds in edition {name}")
    if config.pluginmanager.get_plugin(RECORDER) is None:
        recorder = Recorder(
            root=config.rootpath,
            bdd=_importable("pytest_bdd"),
            suite=_suite_features(),
            all_features=bool(config.getoption("--results", default=None)),
        )
        config.pluginmanager.register(recorder, RECORDER)


RECORDER = "aks-backup-conformance-results"


def _suite_features() -> Path | None:
    """The suite's own features folder, resolved; None when it cannot be found (or the docs module that
    finds it cannot be imported: the plugin must never break another project's pytest run)."""
    try:
        from .docs.sources import features_dir

        return features_dir(own=True).resolve()
    except (ImportError, FileNotFoundError):
        return None


def _importable(name: str) -> bool:
    import importlib.util

    return importlib.util.find_spec(name) is not None
