"""The docs site in a real browser: headless Chromium (Debian's `chromium` and `chromium-driver`)
driven by Selenium over file:// URLs.

The site is built once for the module from two Cucumber JSON files written for the test, one run per
edition (each tagged `judged-by-<edition>` as `nox -s conformance` stamps it): every scenario passes
except, in the 2026-01-06 run, the first scenario of SM-VLT-01, which fails. The tests check that every
statement id is present, that the failure shows on the statement's page and first on the overview,
that search and filters work, that the tables are the model's and that the time line is drawn. A second
site, whose 2025-06-10 run fails a scenario both editions run (SM-LIM-03), shows that failure on the
2025-06-10 statuses only, and each edition's sections under that edition's titles.
Screenshots go to reports/docs-*.png.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest

from aks_backup_conformance.docs import Results, build_site, read_all
from aks_backup_conformance.docs.catalog import (
    StatementStatus,
    StatementView,
    scenarios_of,
    slug,
    statement_views,
)
from aks_backup_conformance.docs.gherkin_doc import read_documents
from aks_backup_conformance.docs.matrix_tables import matrix_tables
from aks_backup_conformance.docs.sources import examples_dir, features_dir
from aks_backup_model import tables as t
from aks_backup_model.editions import EDITIONS
from aks_backup_model.statements import STATEMENTS
from tests.cucumber_fixture import cucumber_report, write_report

CHROMIUM = Path("/usr/bin/chromium")
CHROMEDRIVER = Path("/usr/bin/chromedriver")
REPORTS = Path(__file__).resolve().parents[1] / "reports"
FAILING_ID = "SM-VLT-01"
OLD, NEW = "2025-06-10", "2026-01-06"
OLD_FAILING_ID = "SM-LIM-03"
"""Fails in the 2025-06-10 run of the second site only (a statement both editions say, unchanged)."""
FLAGS = (
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
    "--window-size=1400,1000",
)  # fmt: skip

webdriver = pytest.importorskip(
    "selenium.webdriver", reason="selenium is not installed (pip install -e '.[test]')"
)
if not (CHROMIUM.exists() and CHROMEDRIVER.exists()):
    pytest.skip(
        f"no Chromium: {CHROMIUM} or {CHROMEDRIVER} is missing (apt-get install -y chromium chromium-driver)",
        allow_module_level=True,
    )

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.remote.webdriver import WebDriver  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402


@pytest.fixture(scope="module")
def failing_location() -> str:
    return scenarios_of(FAILING_ID, features_dir())[0].location


def edition_runs(folder: Path, failed: dict[str, str]) -> list[Results]:
    """One crafted run per edition, each failing the scenario at `failed[edition]` (if any)."""
    paths = []
    for name in EDITIONS:
        report = cucumber_report(
            features_dir(), failed=frozenset({failed[name]} if name in failed else ()), edition=name
        )
        paths.append(write_report(folder / f"{name}.json", report))
    return read_all([Path(f"reference={p}") for p in paths])


@pytest.fixture(scope="module")
def results(tmp_path_factory: pytest.TempPathFactory, failing_location: str) -> list[Results]:
    return edition_runs(tmp_path_factory.mktemp("results"), {NEW: failing_location})


@pytest.fixture(scope="module")
def views(results: list[Results]) -> list[StatementView]:
    return statement_views(read_documents(features_dir()), results)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory, results: list[Results]) -> Path:
    folder = tmp_path_factory.mktemp("docs")
    build_site(folder / "site", results, examples_folder=examples_dir())
    return folder / "site"


@pytest.fixture(scope="module")
def old_failing_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    folder = tmp_path_factory.mktemp("docs-old")
    location = scenarios_of(OLD_FAILING_ID, features_dir())[0].location
    runs = edition_runs(folder, {OLD: location})
    assert [(r.edition, r.edition_from) for r in runs] == [(OLD, "tags"), (NEW, "tags")]
    build_site(folder / "site", runs, examples_folder=examples_dir())
    return folder / "site"


@pytest.fixture(scope="module")
def browser(tmp_path_factory: pytest.TempPathFactory) -> Iterator[WebDriver]:
    from selenium.webdriver.chrome.options import Options
    from selenium.webdriver.chrome.service import Service

    options = Options()
    options.binary_location = str(CHROMIUM)
    for flag in FLAGS:
        options.add_argument(flag)
    options.add_argument(f"--user-data-dir={tmp_path_factory.mktemp('chromium-profile')}")
    driver = webdriver.Chrome(service=Service(str(CHROMEDRIVER)), options=options)
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()


def open_page(browser: WebDriver, site: Path, page: str) -> None:
    browser.get((site / page).as_uri())


def shot(browser: WebDriver, name: str, *, at: str | None = None) -> None:
    REPORTS.mkdir(exist_ok=True)
    if at is not None:
        browser.execute_script(f"document.getElementById('{at}').scrollIntoView();")
    browser.save_screenshot(str(REPORTS / f"docs-{name}.png"))


# One script per question: each WebDriver call is a round trip, and the suite must stay fast.
VISIBLE_IDS = """
return Array.from(document.querySelectorAll('#statements tr.statement-row'))
  .filter(function (row) { return row.getClientRects().length > 0; })
  .map(function (row) { return row.dataset.id; });
"""
TABLE_CELLS = """
return Array.from(document.querySelectorAll('table[data-table]')).map(function (table) {
  return [table.dataset.table, Array.from(table.tBodies[0].rows).map(function (row) {
    return Array.from(row.cells).map(function (cell) { return cell.innerText; });
  })];
});
"""


def visible_ids(browser: WebDriver) -> list[str]:
    ids: list[str] = browser.execute_script(VISIBLE_IDS)
    return ids


def test_every_statement_of_every_edition_is_on_the_overview_and_has_its_page(
    browser: WebDriver, site: Path
) -> None:
    open_page(browser, site, "index.html")
    shot(browser, "overview")
    every = set(STATEMENTS) | {i for e in EDITIONS.values() for i in e.statement_ids}
    assert set(visible_ids(browser)) == every
    links = browser.execute_script(
        "return Array.from(document.querySelectorAll('#statements td.id a')).map(function (a) { return a.href; });"
    )
    assert sorted(links) == sorted((site / "statements" / f"{i}.html").as_uri() for i in every)
    # Each page exists (tests/test_docs_site.py reads them all); a few are opened here, one per area.
    for statement_id in sorted({i[:6] + "01" for i in every} & every):
        open_page(browser, site, f"statements/{statement_id}.html")
        shown = browser.execute_script(
            "return [document.getElementById('statement-id').innerText,"
            " document.getElementById('statement-text').innerText];"
        )
        newest = [e for e in EDITIONS if STATEMENTS[statement_id].holds_in(e)][-1]
        assert shown == [statement_id, " ".join(STATEMENTS[statement_id].in_edition(newest).text.split())]


def test_the_failing_scenario_shows_first_on_the_overview_and_on_its_page(
    browser: WebDriver, site: Path, failing_location: str
) -> None:
    open_page(browser, site, "index.html")
    first = browser.find_element(By.CSS_SELECTOR, "#statements tr.statement-row")
    assert first.get_attribute("data-id") == FAILING_ID
    assert first.get_attribute("data-status") == "failing"
    assert browser.find_element(By.CSS_SELECTOR, "[data-count=failing]").text == "1"
    open_page(browser, site, f"statements/{FAILING_ID}.html")
    shot(browser, "failing-statement")
    assert browser.find_element(By.CSS_SELECTOR, "h1 .status").text == "failing"
    failed = browser.find_elements(By.CSS_SELECTOR, "section.scenario[data-status=failed]")
    assert [s.get_attribute("data-location") for s in failed] == [failing_location]
    assert "crafted failure" in failed[0].text
    passed = browser.find_elements(By.CSS_SELECTOR, "section.scenario[data-status=passed]")
    assert len(passed) == len(scenarios_of(FAILING_ID, features_dir())) - 1


def test_search_and_filters_narrow_the_list(
    browser: WebDriver, site: Path, views: list[StatementView]
) -> None:
    open_page(browser, site, "index.html")
    search = browser.find_element(By.ID, "search")

    def filter_by(control: str, value: str) -> list[str]:
        Select(browser.find_element(By.ID, control)).select_by_value(value)
        ids = visible_ids(browser)
        Select(browser.find_element(By.ID, control)).select_by_value("")
        return ids

    search.send_keys("sm-vlt-01")
    assert visible_ids(browser) == [FAILING_ID]
    search.clear()
    search.send_keys("snapshot controller")
    expected = [i for i, s in STATEMENTS.items() if "snapshot controller" in s.text.lower()]
    assert expected and set(visible_ids(browser)) >= set(expected)
    shot(browser, "search", at="all")
    search.clear()
    search.send_keys("no statement says this zzz")
    assert visible_ids(browser) == []
    assert browser.find_element(By.ID, "no-match").is_displayed()
    search.clear()
    search.send_keys(" ")  # an event with an empty query shows everything again
    assert len(visible_ids(browser)) == len(STATEMENTS)

    assert filter_by("filter-status", "failing") == [FAILING_ID]
    for status in StatementStatus:
        expected = sorted(v.id for v in views if v.status is status)
        assert sorted(filter_by("filter-status", status.css)) == expected, status
    assert len(filter_by("filter-status", "passing")) > 0
    limits = filter_by("filter-section", "unsupported-scenarios-and-limitations-limits-table")
    assert sorted(limits) == sorted(i for i, s in STATEMENTS.items() if s.section.endswith("(limits table)"))
    for edition in EDITIONS.values():
        assert sorted(filter_by("filter-edition", edition.name)) == sorted(edition.statement_ids)
    vault_section = next(v for v in views if v.id == FAILING_ID).wording.section
    Select(browser.find_element(By.ID, "filter-section")).select_by_value(slug(vault_section))
    search.send_keys("disk")
    shown = visible_ids(browser)
    assert FAILING_ID in shown and all(i.startswith("SM-VLT-") for i in shown)
    assert browser.find_element(By.ID, "visible-count").text == f"{len(shown)} shown"
    shot(browser, "filtered", at="all")


def test_the_tables_are_the_models(browser: WebDriver, site: Path) -> None:
    open_page(browser, site, "tables.html")
    shot(browser, "tables")
    shown = {key: [tuple(row) for row in rows] for key, rows in browser.execute_script(TABLE_CELLS)}

    def column(key: str, index: int) -> list[str]:
        return [row[index] for row in shown[key]]

    # The lists of the model, held against what the page shows.
    assert column("regions-vault-and-operational", 0) == list(t.VAULT_AND_OPERATIONAL_REGIONS_DISPLAY)
    assert column("regions-operational-only", 0) == list(t.OPERATIONAL_ONLY_REGIONS_DISPLAY)
    pairs = zip(column("paired-regions", 0), column("paired-regions", 1), strict=True)
    assert {t.arm_region(a): t.arm_region(b) for a, b in pairs} == t.PAIRED_REGION
    assert column("frequencies", 0) == [str(h) for h in t.BACKUP_FREQUENCIES_HOURS]
    for edition in EDITIONS:
        e = t.for_edition(edition)
        skus = {row[0]: row for row in shown[f"disk-skus-{edition}"]}
        assert set(skus) == set(e.supported_disk_skus) | set(e.unsupported_disk_skus)
        assert {s for s, row in skus.items() if row[2] == "yes"} == set(e.supported_disk_skus)
        limits = {row[2]: int(row[1]) for row in shown[f"limits-{edition}"]}
        assert limits["SM-LIM-01"] == e.max_policies_per_vault
        assert limits["SM-LIM-04"] == e.max_namespaces_per_backup_instance
        assert limits["SM-LIM-05"] == e.max_restores_per_day
        assert limits["SM-VLT-01"] == e.max_vault_disk_size_gib
        assert limits["SM-VLT-02"] == e.max_disks_per_backup_instance
        backed_up = {row[0] for row in shown[f"volume-drivers-{edition}"] if row[2] == "yes"}
        assert backed_up == set(e.supported_volume_drivers)
    assert set(column("node-pool-os", 0)) == set(t.NODE_OS_SKUS)
    assert column("node-pool-arch", 0) == sorted(t.EXTENSION_ARCHITECTURES)
    # And every table of the page, cell by cell, is the one built from the model.
    assert shown == {table.key: list(table.rows) for table in matrix_tables()}


def test_the_time_line_is_drawn(browser: WebDriver, site: Path) -> None:
    open_page(browser, site, "timeline.html")
    shot(browser, "timeline")
    picture = browser.find_element(By.CSS_SELECTOR, "#four-hourly-with-vault-yaml svg.timeline-picture")
    assert picture.size["width"] > 400
    lanes = picture.find_elements(By.CSS_SELECTOR, "rect.bar.operational")
    vault = picture.find_elements(By.CSS_SELECTOR, "rect.bar.vault")
    assert len(lanes) == 18  # every 4 hours for 3 days
    assert len(vault) == 3  # the first backup of each day
    refused = browser.find_element(By.ID, "every-three-hours-yaml")
    assert "SM-SUP-08" in refused.text


def test_examples_and_schemas_pages(browser: WebDriver, site: Path) -> None:
    open_page(browser, site, "examples.html")
    rows = browser.find_elements(By.CSS_SELECTOR, "table.example-list tbody tr")
    assert len(rows) == len(list((examples_dir() or Path()).glob("*.yaml"))) > 0
    assert "differs" not in browser.find_element(By.CSS_SELECTOR, "table.example-list").text
    shot(browser, "examples")
    open_page(browser, site, "schemas.html")
    assert browser.find_element(By.ID, "environment-schema-json").is_displayed()
    assert browser.find_element(By.ID, "request-schema-json").is_displayed()
    assert browser.find_element(By.ID, "answer-schema-json").is_displayed()


def test_no_page_reaches_the_network(site: Path) -> None:
    """Every stylesheet, script and image is local: the only absolute links are to the source page."""
    for page in site.rglob("*.html"):
        text = page.read_text(encoding="utf-8")
        for marker in ('src="http', 'src="//', "@import", 'rel="stylesheet" href="http'):
            assert marker not in text, f"{page.relative_to(site)} loads {marker!r} from the network"


ROW_STATUSES = """
return Array.from(document.querySelectorAll('table.statements tr.statement-row')).map(function (row) {
  return [row.dataset.id, row.dataset.status];
});
"""


def test_a_2025_run_shows_on_the_2025_statuses_and_not_on_2026s(
    browser: WebDriver, old_failing_site: Path
) -> None:
    site = old_failing_site
    statuses = {}
    for name in (OLD, NEW):
        open_page(browser, site, f"editions/{name}.html")
        rows = browser.execute_script(ROW_STATUSES)
        statuses[name] = dict(rows)
        assert set(statuses[name]) == set(EDITIONS[name].statement_ids)
        if name == OLD:
            shot(browser, "edition-2025-failing")
            limits = STATEMENTS[OLD_FAILING_ID].in_edition(OLD).section
            first = browser.execute_script(
                f"return document.querySelector('#statements-{slug(limits)} tr.statement-row').dataset.id;"
            )
            assert first == OLD_FAILING_ID  # first in its section on its edition's page
    assert statuses[OLD][OLD_FAILING_ID] == "failing"
    assert statuses[NEW][OLD_FAILING_ID] == "passing"
    assert [i for i, st in statuses[OLD].items() if st != "passing"] == [OLD_FAILING_ID]
    assert set(statuses[NEW].values()) == {"passing"}
    # The statement's page: failing in 2025-06-10, passing in 2026-01-06; the failed run is the 2025 one.
    open_page(browser, site, f"statements/{OLD_FAILING_ID}.html")
    shot(browser, "edition-statement", at="per-edition")
    per_edition = browser.execute_script(
        "return Array.from(document.querySelectorAll('#per-edition tbody tr')).map(function (row) {"
        " return [row.dataset.edition, row.querySelector('td.edition-status .status').innerText]; });"
    )
    assert per_edition == [[OLD, "failing"], [NEW, "passing"]]
    failed_runs = browser.execute_script(
        "return Array.from(document.querySelectorAll('section.scenario p.run')).filter(function (p) {"
        " return p.querySelector('.status').innerText === 'failed'; }).map(function (p) { return p.dataset.edition; });"
    )
    assert failed_runs == [OLD]
    # The overview: failing (the worst over its editions) and first.
    open_page(browser, site, "index.html")
    first = browser.find_element(By.CSS_SELECTOR, "#statements tr.statement-row")
    assert (first.get_attribute("data-id"), first.get_attribute("data-status")) == (OLD_FAILING_ID, "failing")


def test_each_editions_sections_carry_that_editions_titles(
    browser: WebDriver, old_failing_site: Path
) -> None:
    vault = "SM-VLT-05"  # in the section 2026-01-06 renames
    titles = {name: STATEMENTS[vault].in_edition(name).section for name in (OLD, NEW)}
    assert titles[OLD] != titles[NEW]
    for name in (OLD, NEW):
        open_page(browser, old_failing_site, f"editions/{name}.html")
        listed = browser.execute_script(
            "return Array.from(document.querySelectorAll('table.groups tr[data-group] a')).map("
            "function (a) { return a.innerText; });"
        )
        assert titles[name] in listed and titles[NEW if name == OLD else OLD] not in listed
        headings = browser.execute_script(
            "return Array.from(document.querySelectorAll('h2.section-title')).map(function (h) {"
            " return [h.id, h.innerText]; });"
        )
        assert [f"section-{slug(titles[name])}", titles[name]] in headings
        assert {text for _, text in headings} == {
            STATEMENTS[i].in_edition(name).section for i in EDITIONS[name].statement_ids
        }
        shown = browser.execute_script(
            f"return Array.from(document.querySelectorAll('#statements-{slug(titles[name])} tr.statement-row'))"
            ".map(function (row) { return row.dataset.id; });"
        )
        assert vault in shown
        assert set(shown) == {
            i for i in EDITIONS[name].statement_ids if STATEMENTS[i].in_edition(name).section == titles[name]
        }
        if name == OLD:
            shot(browser, "edition-2025-section", at=f"section-{slug(titles[name])}")
