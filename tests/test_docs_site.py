"""The docs site without a browser: results are joined to scenarios honestly, every statement gets its
page, failures come first, bad results files are clear errors, `explain` lists scenarios with their
last status, and the features are found from any folder. (tests/test_docs_browser.py drives Chromium.)
"""

from __future__ import annotations

import json
import os
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.docs import build_site, features_dir, read_all, read_results
from aks_backup_conformance.docs.catalog import StatementStatus, scenarios_of, statement_views, worst_first
from aks_backup_conformance.docs.gherkin_doc import read_documents
from aks_backup_conformance.docs.matrix_tables import matrix_tables
from aks_backup_conformance.docs.results import RunStatus, feature_key
from aks_backup_conformance.oracles.wire import answer_schema, request_schema
from aks_backup_model import tables as t
from aks_backup_model.editions import DEFAULT_EDITION, EDITIONS, changes, edition
from aks_backup_model.errors import InvalidInput
from aks_backup_model.statements import STATEMENTS
from tests.cucumber_fixture import cucumber_report, write_report

FEATURES = features_dir()
DOCUMENTS = read_documents(FEATURES)
ALL_IDS = set(STATEMENTS) | {i for e in EDITIONS.values() for i in e.statement_ids}


def first_scenario(statement_id: str) -> str:
    return scenarios_of(statement_id, FEATURES)[0].location


@pytest.fixture
def in_folder(tmp_path: Path) -> Iterator[Path]:
    here = Path.cwd()
    os.chdir(tmp_path)
    try:
        yield tmp_path
    finally:
        os.chdir(here)


def test_every_statement_is_read_with_its_scenarios() -> None:
    views = statement_views(DOCUMENTS, [])
    assert {v.id for v in views} == ALL_IDS
    # Without a run nothing passes: every covered statement is "not run".
    assert {v.status for v in views} <= {StatementStatus.NOT_RUN, StatementStatus.NOT_COVERED}
    assert all(v.scenarios for v in views if v.status is StatementStatus.NOT_RUN)


def test_statuses_are_earned(tmp_path: Path) -> None:
    failing, skipped, missing = (
        first_scenario("SM-LIM-03"),
        first_scenario("SM-REG-02"),
        first_scenario("SM-SUP-05"),
    )
    report = cucumber_report(
        FEATURES, failed=frozenset({failing}), skipped=frozenset({skipped}), missing=frozenset({missing})
    )
    views = statement_views(DOCUMENTS, [read_results(write_report(tmp_path / "r.json", report))])
    status = {v.id: v.status_in(DEFAULT_EDITION) for v in views}
    assert status["SM-LIM-03"] is StatementStatus.FAILING
    assert status["SM-REG-02"] is StatementStatus.NOT_RUN  # skipped steps never pass
    assert status["SM-SUP-05"] is StatementStatus.NOT_RUN  # no run at all never passes
    ordered = [v.id for v in worst_first(views, DEFAULT_EDITION)]
    assert ordered[0] == "SM-LIM-03"
    assert set(ordered[1:3]) == {"SM-REG-02", "SM-SUP-05"}
    judged = [v for v in views if DEFAULT_EDITION in v.editions]
    passing = [v for v in judged if status[v.id] is StatementStatus.PASSING]
    assert len(passing) == len(judged) - 3
    assert next(v.id for v in worst_first(views)) == "SM-LIM-03"  # first over all editions too


def test_a_statement_an_edition_adds_or_changes_is_not_covered_there_by_older_scenarios(
    tmp_path: Path,
) -> None:
    report = write_report(tmp_path / "r.json", cucumber_report(FEATURES))
    views = {v.id: v for v in statement_views(DOCUMENTS, [read_results(report)])}
    for name in EDITIONS:
        if name == DEFAULT_EDITION:
            continue
        moved = set(changes(DEFAULT_EDITION, name).behavioural)
        for statement_id in edition(name).statement_ids:
            expected_covered = statement_id not in moved and views[statement_id].scenarios
            there = views[statement_id].status_in(name)
            assert (there is not StatementStatus.NOT_COVERED) == bool(expected_covered), (name, statement_id)


def test_an_outline_row_is_told_apart_by_its_name(tmp_path: Path) -> None:
    outline = next(s for f in DOCUMENTS for s in f.scenarios if len(s.example_names()) > 2)
    report = cucumber_report(FEATURES, failed=frozenset({outline.location}))
    views = statement_views(DOCUMENTS, [read_results(write_report(tmp_path / "r.json", report))])
    view = next(s for v in views for s in v.scenarios if s.scenario.location == outline.location)
    (result,) = view.results
    assert (result.failed, result.passed, result.not_run) == (1, outline.example_count - 1, 0)
    rows = [row for row, _ in outline.example_names()]
    assert view.row_status(rows[0].line) is RunStatus.FAILED
    assert {view.row_status(r.line) for r in rows[1:]} == {RunStatus.PASSED}


def test_several_runs_each_get_a_column(tmp_path: Path) -> None:
    good = write_report(tmp_path / "reference.json", cucumber_report(FEATURES))
    bad = write_report(
        tmp_path / "mytool.json", cucumber_report(FEATURES, failed=frozenset({first_scenario("SM-VLT-02")}))
    )
    runs = read_all([good, bad])
    assert [r.label for r in runs] == ["reference", "mytool"]
    view = next(v for v in statement_views(DOCUMENTS, runs) if v.id == "SM-VLT-02")
    assert [(c.label, c.status) for c in view.per_oracle] == [
        ("reference", StatementStatus.PASSING),
        ("mytool", StatementStatus.FAILING),
    ]
    assert view.status is StatementStatus.FAILING
    named = read_all([Path(f"oracle-a={good}")])
    assert named[0].label == "oracle-a"


def test_runs_join_by_feature_file_and_line_whatever_the_prefix() -> None:
    assert feature_key("features/volumes.feature") == "volumes.feature"
    assert feature_key("/site-packages/aks_backup_conformance/features/volumes.feature") == "volumes.feature"
    assert feature_key("volumes.feature") == "volumes.feature"


@pytest.mark.parametrize(
    ("content", "where"),
    [
        ("{not json", "line 1 column 2"),
        ('{"uri": "x"}', "a Cucumber JSON report"),
        ('[{"uri": "features/a.feature", "elements": [{"name": "x"}]}]', "0.elements.0.line"),
    ],
)
def test_a_bad_results_file_is_a_clear_error(tmp_path: Path, content: str, where: str) -> None:
    path = tmp_path / "bad.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InvalidInput) as raised:
        read_results(path)
    assert str(path) in str(raised.value) and where in str(raised.value)
    result = CliRunner().invoke(app, ["docs", "--out", str(tmp_path / "site"), "--results", str(path)])
    assert result.exit_code == 2
    assert str(path) in result.output and "Traceback" not in result.output


class Cells(HTMLParser):
    """The text of each cell of each `table[data-table]` of a page."""

    def __init__(self) -> None:
        super().__init__()
        self.tables: dict[str, list[list[str]]] = {}
        self.current: str | None = None
        self.in_body = self.in_cell = False

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag == "table":
            self.current = dict(attrs).get("data-table")
            if self.current:
                self.tables[self.current] = []
        elif self.current and tag == "tbody":
            self.in_body = True
        elif self.current and self.in_body and tag == "tr":
            self.tables[self.current].append([])
        elif self.current and self.in_body and tag == "td":
            self.in_cell = True
            self.tables[self.current][-1].append("")

    def handle_endtag(self, tag: str) -> None:
        if tag == "td":
            self.in_cell = False
        elif tag == "table":
            self.current, self.in_body = None, False

    def handle_data(self, data: str) -> None:
        if self.current and self.in_cell:
            self.tables[self.current][-1][-1] += data


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("site")
    report = write_report(
        folder / "r.json", cucumber_report(FEATURES, failed=frozenset({first_scenario("SM-UNS-03")}))
    )
    build_site(folder / "site", read_all([report]))
    return folder / "site"


def test_the_site_has_every_page(site: Path) -> None:
    for statement_id in ALL_IDS:
        page = (site / "statements" / f"{statement_id}.html").read_text(encoding="utf-8")
        assert f'id="statement-id">{statement_id}<' in page
    for name in EDITIONS:
        assert (site / "editions" / f"{name}.html").is_file()
    for name in ("index", "tables", "timeline", "examples", "schemas"):
        assert (site / f"{name}.html").is_file()
    assert json.loads((site / "schemas" / "environment.schema.json").read_text())["title"] == "Environment"
    assert json.loads((site / "schemas" / "request.schema.json").read_text()) == request_schema()
    assert json.loads((site / "schemas" / "answer.schema.json").read_text()) == answer_schema()
    assert (site / "assets" / "site.js").is_file() and (site / "assets" / "site.css").is_file()
    index = (site / "index.html").read_text(encoding="utf-8")
    assert index.index('data-id="SM-UNS-03"') < min(
        index.index(f'data-id="{i}"') for i in ALL_IDS - {"SM-UNS-03"}
    )


def test_the_site_shows_the_models_tables(site: Path) -> None:
    parser = Cells()
    parser.feed((site / "tables.html").read_text(encoding="utf-8"))
    shown = {key: [tuple(row) for row in rows] for key, rows in parser.tables.items()}
    assert [r[0] for r in shown["regions-vault-and-operational"]] == list(
        t.VAULT_AND_OPERATIONAL_REGIONS_DISPLAY
    )
    assert [r[0] for r in shown["regions-operational-only"]] == list(t.OPERATIONAL_ONLY_REGIONS_DISPLAY)
    assert [int(r[0]) for r in shown["frequencies"]] == list(t.BACKUP_FREQUENCIES_HOURS)
    for name in EDITIONS:
        e = t.for_edition(name)
        assert [r[0] for r in shown[f"disk-skus-{name}"]] == [
            *e.supported_disk_skus,
            *e.unsupported_disk_skus,
        ]
        limits = {r[2]: int(r[1]) for r in shown[f"limits-{name}"]}
        assert limits["SM-LIM-02"] == e.max_backup_instances_per_vault
        assert limits["SM-VLT-01"] == e.max_vault_disk_size_gib
    assert shown == {table.key: list(table.rows) for table in matrix_tables()}


def test_explain_lists_the_scenarios_and_not_run_without_a_run(in_folder: Path) -> None:
    result = CliRunner().invoke(app, ["explain", "SM-LIM-03"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    scenarios = scenarios_of("SM-LIM-03", FEATURES)
    for scenario in scenarios:
        assert scenario.location in result.output
    assert "no conformance run found" in result.output
    assert result.output.count("not run") >= len(scenarios)


def test_explain_shows_the_last_runs_status(in_folder: Path) -> None:
    failing = first_scenario("SM-LIM-03")
    (in_folder / "reports").mkdir()
    write_report(
        in_folder / "reports" / "cucumber.json", cucumber_report(FEATURES, failed=frozenset({failing}))
    )
    result = CliRunner().invoke(app, ["explain", "sm-lim-3"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    line = next(line for line in result.output.splitlines() if failing in line)
    assert "failed" in line
    assert "passed" in result.output


def test_the_features_are_found_from_another_folder(in_folder: Path) -> None:
    assert features_dir() == FEATURES  # beside the package, when the folder has none
    (in_folder / "features").mkdir()
    assert features_dir() == in_folder / "features"


def test_docs_command_builds_from_the_last_run(in_folder: Path) -> None:
    (in_folder / "reports").mkdir()
    write_report(in_folder / "reports" / "cucumber.json", cucumber_report(FEATURES))
    result = CliRunner().invoke(app, ["docs", "--out", "site"], env={"COLUMNS": "200"})
    assert result.exit_code == 0, result.output
    assert f"{len(ALL_IDS)} statements (0 failing, 0 not run" in result.output.replace("\n", " ")
    assert (in_folder / "site" / "index.html").is_file()
