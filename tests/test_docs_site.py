"""The docs site without a browser: results are joined to scenarios honestly, every statement gets its
page, failures come first, bad results files are clear errors, `explain` lists scenarios with their
last status, and the features are found from any folder. (tests/test_docs_browser.py drives Chromium.)
"""

from __future__ import annotations

import html
import json
import os
from collections.abc import Iterator
from html.parser import HTMLParser
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.docs import build_site, features_dir, read_all, read_results
from aks_backup_conformance.docs.catalog import (
    StatementStatus,
    scenarios_of,
    slug,
    statement_views,
    worst_first,
)
from aks_backup_conformance.docs.gherkin_doc import read_documents
from aks_backup_conformance.docs.matrix_tables import matrix_tables
from aks_backup_conformance.docs.results import RunStatus, feature_key, stamp
from aks_backup_conformance.docs.results import main as results_main
from aks_backup_conformance.oracles.wire import answer_schema, request_schema
from aks_backup_model import tables as t
from aks_backup_model.editions import DEFAULT_EDITION, EDITIONS, edition
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


def test_each_edition_is_judged_only_by_the_runs_of_that_edition(tmp_path: Path) -> None:
    """A scenario both editions run fails in the 2025-06-10 run only: failing there, passing in 2026-01-06."""
    failing = first_scenario("SM-LIM-03")
    old = write_report(
        tmp_path / "old.json", cucumber_report(FEATURES, failed=frozenset({failing}), edition="2025-06-10")
    )
    new = write_report(tmp_path / "new.json", cucumber_report(FEATURES, edition="2026-01-06"))
    runs = read_all([old, new])
    assert [(r.edition, r.edition_from) for r in runs] == [("2025-06-10", "tags"), ("2026-01-06", "tags")]
    views = {v.id: v for v in statement_views(DOCUMENTS, runs)}
    lim = views["SM-LIM-03"]
    assert (lim.status_in("2025-06-10"), lim.status_in("2026-01-06")) == (
        StatementStatus.FAILING, StatementStatus.PASSING,
    )  # fmt: skip
    assert lim.status is StatementStatus.FAILING  # the worst over its editions
    assert [(c.edition, c.status) for c in lim.per_oracle] == [
        ("2025-06-10", StatementStatus.FAILING), ("2026-01-06", StatementStatus.PASSING),
    ]  # fmt: skip
    # A statement one edition does not say has no status there, and no count from that edition's run.
    for only, other in (("SM-SUP-29", "2025-06-10"), ("SM-UNS-01", "2026-01-06")):
        assert views[only].status_in(other) is None
        assert views[only].status is StatementStatus.PASSING
        assert [c.status for c in views[only].per_oracle if c.edition == other] == [None]
    for name in EDITIONS:
        for statement_id in edition(name).statement_ids:
            expected = (
                StatementStatus.FAILING
                if statement_id == "SM-LIM-03" and name == "2025-06-10"
                else (StatementStatus.PASSING)
            )
            assert views[statement_id].status_in(name) is expected, (name, statement_id)


def test_an_edition_no_run_judged_is_not_run_there(tmp_path: Path) -> None:
    new = write_report(tmp_path / "new.json", cucumber_report(FEATURES, edition="2026-01-06"))
    views = statement_views(DOCUMENTS, read_all([new]))
    for view in views:
        if "2025-06-10" in view.editions:
            assert view.status_in("2025-06-10") is StatementStatus.NOT_RUN, view.id  # never passing
        if "2026-01-06" in view.editions:
            assert view.status_in("2026-01-06") is StatementStatus.PASSING, view.id


def test_the_edition_a_run_judged_is_read_from_the_command_line_tags_or_results_json(tmp_path: Path) -> None:
    plain = write_report(tmp_path / "plain.json", cucumber_report(FEATURES))
    (stated,) = read_all([Path(f"mine@2025-06-10={plain}")])
    assert (stated.label, stated.edition, stated.edition_from) == ("mine", "2025-06-10", "stated")
    (assumed,) = read_all([plain])
    assert (assumed.edition, assumed.edition_from) == (DEFAULT_EDITION, "assumed")
    assert assumed.title.endswith("(assumed)")
    folder = tmp_path / "2025-06-10"
    folder.mkdir()
    beside = write_report(folder / "cucumber.json", cucumber_report(FEATURES))
    (folder / "results.json").write_text(json.dumps({"selection": {"edition": "2025-06-10"}}))
    assert (read_results(beside).edition, read_results(beside).edition_from) == ("2025-06-10", "results.json")
    assert results_main(["--stamp", "2025-06-10", str(plain)]) == 0  # what nox runs after each edition
    assert (read_results(plain).edition, read_results(plain).edition_from) == ("2025-06-10", "tags")
    stamp(plain, "2026-01-06")  # stamping again replaces the edition, never adds a second one
    assert read_results(plain).edition == "2026-01-06"
    assert results_main(["--stamp", "2024-01-01", str(plain)]) == 2
    # the stated edition wins over what the file says
    assert read_all([Path(f"x@2026-01-06={plain}")])[0].edition == "2026-01-06"


@pytest.mark.parametrize("given", ["x@2024-01-01={path}", "{path}"])
def test_an_unknown_edition_is_a_clear_error(tmp_path: Path, given: str) -> None:
    report = cucumber_report(FEATURES)
    report[0]["tags"] = [{"name": "@judged-by-2024-01-01", "line": 1}]
    path = write_report(tmp_path / "r.json", report)
    result = CliRunner().invoke(
        app, ["docs", "--out", str(tmp_path / "site"), "--results", given.format(path=path)]
    )
    assert result.exit_code == 2, result.output
    assert "2024-01-01" in result.output and str(path) in result.output.replace("\n", "")
    assert "Traceback" not in result.output


def test_the_docs_gherkin_reading_selects_what_pytest_selects_per_edition() -> None:
    """Per scenario and edition, the examples the site expects are those the test report's reader counts
    (`report.features`, what `--edition` deselection follows)."""
    from aks_backup_conformance.report.features import read_features

    mine = {(s.uri.rsplit("/", 1)[-1], s.line): s for f in DOCUMENTS for s in f.scenarios}
    for scenario in read_features(FEATURES.parent):
        ours = mine[(scenario.feature.rsplit("/", 1)[-1], scenario.line)]
        for name in EDITIONS:
            assert ours.example_count_in(name) == scenario.examples_in(name), (
                scenario.feature,
                scenario.line,
                name,
            )


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
    failed = frozenset({first_scenario("SM-UNS-03")})
    reports = [
        write_report(folder / f"{name}.json", cucumber_report(FEATURES, failed=failed, edition=name))
        for name in EDITIONS
    ]
    build_site(folder / "site", read_all(reports))
    return folder / "site"


def test_the_site_has_every_page(site: Path) -> None:
    for statement_id in ALL_IDS:
        page = (site / "statements" / f"{statement_id}.html").read_text(encoding="utf-8")
        assert f'id="statement-id">{statement_id}<' in page
    for name in EDITIONS:
        assert (site / "editions" / f"{name}.html").is_file()
        page = (site / "editions" / f"{name}.html").read_text(encoding="utf-8")
        for title in {STATEMENTS[i].in_edition(name).section for i in edition(name).statement_ids}:
            assert f'id="section-{slug(title)}">{html.escape(title)}</h2>' in page
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


def test_explain_shows_the_last_status_per_edition(in_folder: Path) -> None:
    """The 2025-06-10 run failed a scenario both editions run; the 2026-01-06 run passed it."""
    failing = first_scenario("SM-LIM-03")
    for name in EDITIONS:
        (in_folder / "reports" / name).mkdir(parents=True)
        failed = frozenset({failing}) if name == "2025-06-10" else frozenset()
        write_report(
            in_folder / "reports" / name / "cucumber.json",
            cucumber_report(FEATURES, failed=failed, edition=name),
        )
    result = CliRunner().invoke(app, ["explain", "SM-LIM-03"], env={"COLUMNS": "250"})
    assert result.exit_code == 0, result.output
    header = next(line for line in result.output.splitlines() if "scenario" in line and "name" in line)
    line = next(line for line in result.output.splitlines() if failing in line)
    assert header.index("2025-06-10") < header.index("2026-01-06")
    assert line.index("failed") < line.index("passed")  # failed under 2025-06-10, passed under 2026-01-06
    # A statement 2026-01-06 adds has no 2025-06-10 column; one it retires has no 2026-01-06 column.
    added = CliRunner().invoke(app, ["explain", "SM-SUP-29"], env={"COLUMNS": "250"}).output
    assert "2026-01-06" in added and "reports/2025-06-10" not in added
    retired = CliRunner().invoke(
        app, ["explain", "SM-UNS-01", "--edition", "2025-06-10"], env={"COLUMNS": "250"}
    )
    rows = [line for line in retired.output.splitlines() if "features/" in line and ".feature:" in line]
    assert rows and all("passed" in line for line in rows)


def test_the_features_are_found_from_another_folder(in_folder: Path) -> None:
    assert features_dir() == FEATURES  # beside the package, when the folder has none
    (in_folder / "features").mkdir()
    assert features_dir() == in_folder / "features"
    assert features_dir(own=True) == FEATURES  # the suite's own, whatever the current folder has


def test_the_oracle_of_a_run_is_read_from_the_results_json_beside_it(tmp_path: Path) -> None:
    for name in EDITIONS:
        (tmp_path / name).mkdir()
        write_report(tmp_path / name / "cucumber.json", cucumber_report(FEATURES))
        selection = {"selection": {"oracle": "mytool", "edition": name}}
        (tmp_path / name / "results.json").write_text(json.dumps(selection))
    runs = read_all([tmp_path / name / "cucumber.json" for name in EDITIONS])
    assert [r.title for r in runs] == [f"mytool, {name}" for name in EDITIONS]


def test_docs_command_builds_from_the_last_run(in_folder: Path) -> None:
    for name in EDITIONS:
        (in_folder / "reports" / name).mkdir(parents=True)
        write_report(in_folder / "reports" / name / "cucumber.json", cucumber_report(FEATURES, edition=name))
    result = CliRunner().invoke(app, ["docs", "--out", "site"], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    output = result.output.replace("\n", " ")
    assert f"{len(ALL_IDS)} statements (0 failing, 0 not run, 0 not covered" in output
    for name in EDITIONS:
        assert f"cucumber, {name} (" in output  # each run under the edition its tags name
    assert (in_folder / "site" / "index.html").is_file()


def test_docs_command_with_one_run_leaves_the_other_edition_not_run(in_folder: Path) -> None:
    (in_folder / "reports").mkdir()
    write_report(in_folder / "reports" / "cucumber.json", cucumber_report(FEATURES))
    result = CliRunner().invoke(app, ["docs", "--out", "site"], env={"COLUMNS": "300"})
    assert result.exit_code == 0, result.output
    assert f"{DEFAULT_EDITION} (assumed)" in result.output.replace("\n", " ")
    older = (in_folder / "site" / "editions" / "2025-06-10.html").read_text(encoding="utf-8")
    assert 'data-status="passing"' not in older


def test_the_time_line_picture_is_what_timeline_computes_from_the_editions_date() -> None:
    """Day 1 is the date of the edition `timeline` judges by (the default), or of the one asked."""
    from aks_backup_conformance.docs.sources import examples_dir
    from aks_backup_conformance.docs.timeline_picture import picture

    policy = (examples_dir() or Path()) / "policies" / "four-hourly-with-vault.yaml"
    drawn = picture(policy)
    assert drawn.ticks[0].label == DEFAULT_EDITION[5:]
    assert drawn.document is not None and drawn.document["edition"] == DEFAULT_EDITION
    result = CliRunner().invoke(app, ["timeline", str(policy), "--days", "3", "--format", "json"])
    assert result.exit_code == 0, result.output
    printed = json.loads(result.stdout)
    assert printed == drawn.document
    older = picture(policy, edition="2025-06-10")
    assert older.ticks[0].label == "06-10" and len(older.bars) == len(drawn.bars)
