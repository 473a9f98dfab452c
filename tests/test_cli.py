"""The command line: check, statements, explain, schema, --version, and its exit codes.

Exit codes: 0 supported, 2 bad input or usage, 3 unsupported, 4 not covered or supported with
warnings/skips, 1 internal error. Each is shown here by a real case.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

import jsonschema
import pytest
from typer.testing import CliRunner, Result

from aks_backup_conformance.cli import app
from aks_backup_conformance.io.load import read_document
from aks_backup_model import STATEMENTS, Environment, __version__
from aks_backup_model.editions import DEFAULT_EDITION, EDITIONS
from aks_backup_model.rules import RULES

from .envs import complete, write

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"


def run(*args: str, input: str | None = None) -> Result:
    return CliRunner().invoke(app, list(args), input=input)


def example(name: str) -> str:
    return str(EXAMPLES / name)


# --- check: exit codes ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("file", "code", "label"),
    [
        pytest.param("fully-supported.yaml", 0, "SUPPORTED  (", id="0-supported"),
        pytest.param("legacy-cluster.yaml", 3, "UNSUPPORTED", id="3-unsupported"),
        pytest.param("mixed-volumes.yaml", 4, "SUPPORTED WITH WARNINGS", id="4-supported-with-skips"),
        pytest.param("outdated-kubernetes.yaml", 4, "NOT COVERED", id="4-not-covered"),
    ],
)
def test_check_exit_code_follows_the_outcome(file: str, code: int, label: str) -> None:
    result = run("check", example(file))
    assert result.exit_code == code, result.output
    first_line = result.stdout.splitlines()[0]
    assert label in first_line and f"exit {code}" in first_line


def test_check_exits_2_on_bad_input(tmp_path: Path) -> None:
    bad = tmp_path / "bad.yaml"
    bad.write_text("cluster: {identity: Magic}\n", encoding="utf-8")
    result = run("check", str(bad))
    assert result.exit_code == 2
    assert "cluster.identity = 'Magic'" in result.stderr
    assert "expected one of 'SystemAssigned', 'UserAssigned', 'ServicePrincipal'" in result.stderr


def test_an_internal_error_exits_1_with_one_line_and_no_traceback(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise ZeroDivisionError("a rule divided by zero")

    monkeypatch.setattr(sys.modules["aks_backup_model.evaluate"], "evaluate", broken)
    result = run("check", example("fully-supported.yaml"))
    assert result.exit_code == 1
    assert "Traceback" not in result.output
    assert result.stderr.strip().splitlines() == [
        "internal error: ZeroDivisionError: a rule divided by zero (run with --debug for the traceback)"
    ]


def test_debug_lets_an_internal_error_through(monkeypatch: pytest.MonkeyPatch) -> None:
    def broken(*_: object) -> None:
        raise ZeroDivisionError("a rule divided by zero")

    monkeypatch.setattr(sys.modules["aks_backup_model.evaluate"], "evaluate", broken)
    result = run("--debug", "check", example("fully-supported.yaml"))
    assert isinstance(result.exception, ZeroDivisionError)


# --- check: output ---------------------------------------------------------------------------------------


def test_check_text_shows_findings_the_volume_plan_and_namespaces_left_out(tmp_path: Path) -> None:
    disk = complete()["cluster"]["volumes"][1]
    env = write(
        tmp_path / "env.yaml",
        {
            "cluster": {
                "namespaces": [{"name": "shop"}, {"name": "kube-system"}],
                "volumes": [
                    {**disk, "claim": "shop/db", "sku": "UltraSSD_LRS"},
                    {**disk, "claim": "shop/cache"},
                ],
            },
            "policy": {"vault": None},
            "backup_instance": {"namespaces": ["shop", "kube-system"]},
        },
    )
    result = run("check", str(env), "--edition", "2025-06-10")  # the edition that skips Ultra disks
    assert result.exit_code == 4
    out = result.stdout
    assert "Findings" in out and "SM-UNS-01" in out and "skips" in out and "cluster.volumes[0]" in out
    assert "Volume plan" in out and "shop/cache" in out and "operational" in out
    assert "Namespaces left out: kube-system (SM-UNS-08)" in out


def test_check_json_is_the_outcome_with_the_texts_of_the_cited_statements() -> None:
    result = run("check", example("mixed-volumes.yaml"), "--format", "json")
    assert result.exit_code == 4
    document = json.loads(result.stdout)
    assert document["operation"] == "configure_backup"
    assert document["status"] == "supported"
    assert document["exit_code"] == 4
    assert document["source"] == example("mixed-volumes.yaml")
    cited = {f["statement"] for f in document["findings"]} | {v["statement"] for v in document["volumes"]}
    assert cited <= set(document["statements"])
    assert document["statements"]["SM-UNS-01"]["text"] == STATEMENTS["SM-UNS-01"].text
    assert {v["destination"] for v in document["volumes"]} == {"operational+vault", "operational", "skipped"}


def test_operation_kind_replaces_the_file_operation_with_its_defaults() -> None:
    result = run("check", example("fully-supported.yaml"), "--operation", "restore", "-f", "json")
    document = json.loads(result.stdout)
    assert document["operation"] == "restore"
    assert result.exit_code == 0


def test_operation_kind_keeps_the_file_operation_of_that_kind() -> None:
    result = run("check", example("restore-paired-region.yaml"), "--operation", "restore", "-f", "json")
    document = json.loads(result.stdout)
    assert any(f["statement"] == "SM-VLT-04" for f in document["findings"])
    assert result.exit_code == 4


def test_operation_inline_yaml_gives_a_whole_operation() -> None:
    op = "{kind: restore, source_tier: Operational, target: {same_cluster: false, region: westus}}"
    result = run("check", example("restore-paired-region.yaml"), "--operation", op, "-f", "json")
    assert result.exit_code == 3
    document = json.loads(result.stdout)
    assert {f["statement"] for f in document["findings"] if f["effect"] == "blocks"} == {"SM-SUP-14"}


def test_check_reads_json_from_standard_input() -> None:
    data = json.dumps({"cluster": {"identity": "ServicePrincipal"}})
    result = run("check", "-", "--format", "json", input=data)
    assert result.exit_code == 3
    document = json.loads(result.stdout)
    assert document["source"] == "<stdin>"
    assert any(f["statement"] == "SM-SUP-05" and f["effect"] == "blocks" for f in document["findings"])


# --- statements, explain, schema ---------------------------------------------------------------------


def test_statements_json_lists_exactly_the_catalog_of_the_default_edition() -> None:
    result = run("statements", "--format", "json")
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    edition = EDITIONS[DEFAULT_EDITION]
    retired = [i for i, s in STATEMENTS.items() if s.retired_in == DEFAULT_EDITION]
    assert [entry["id"] for entry in document] == [*edition.statement_ids, *retired]  # retired ones last
    assert all(
        set(entry)
        == {
            "id",
            "section",
            "kind",
            "area",
            "text",
            "interpretation",
            "source",
            "edition",
            "change",
            "editions",
            "changed_in",
            "retired_in",
        }
        for entry in document
    )
    by_id = {entry["id"]: entry for entry in document}
    assert by_id["SM-SUP-05"]["text"] == STATEMENTS["SM-SUP-05"].text
    assert by_id["SM-SUP-05"]["source"] == STATEMENTS["SM-SUP-05"].source
    assert {entry["edition"] for entry in document} == {DEFAULT_EDITION}


def test_statements_of_an_edition_publish_what_it_added_changed_and_retired() -> None:
    newer = json.loads(run("statements", "--edition", "2026-01-06", "--format", "json").stdout)
    by_change: dict[str, set[str]] = {}
    for entry in newer:
        by_change.setdefault(entry["change"], set()).add(entry["id"])
    assert by_change["retired"] == {"SM-UNS-01"}
    assert {"SM-SUP-29", "SM-UNS-10", "SM-AFS-01"} <= by_change["added"]
    assert {"SM-SUP-03", "SM-VLT-03", "SM-UNS-02"} <= by_change["changed"]
    by_id = {entry["id"]: entry for entry in newer}
    assert by_id["SM-SUP-03"]["text"] == STATEMENTS["SM-SUP-03"].in_edition("2026-01-06").text
    assert "Premium SSD v2" in by_id["SM-SUP-03"]["text"]
    assert by_id["SM-VLT-01"]["source"].endswith(
        "#supported-scenarios-and-limitations-specific-for-vaulted-backup-and-cross-region-restore"
    )
    assert (
        by_id["SM-UNS-01"]["editions"] == ["2025-06-10"] and by_id["SM-UNS-01"]["retired_in"] == "2026-01-06"
    )
    older = json.loads(run("statements", "--edition", "2025-06-10", "--format", "json").stdout)
    assert len(older) == 59 and {e["change"] for e in older} == {"seed"}
    assert "SM-SUP-29" not in {e["id"] for e in older}


def test_check_judges_by_the_newest_edition_unless_pinned(tmp_path: Path) -> None:
    env = tmp_path / "env.yaml"
    env.write_text(
        "cluster:\n  kubernetes_version: 1.33.5\n"
        "  volumes: [{claim: shop/db, driver: disk.csi.azure.com, sku: UltraSSD_LRS, size_gib: 64,"
        " provisioning: dynamic, storage_class: ultra}]\n"
        "policy: {every_hours: 4, operational: {retention_days: 7}}\n",
        "utf-8",
    )
    newest = json.loads(run("check", str(env), "--format", "json").stdout)
    assert newest["edition"] == DEFAULT_EDITION == "2026-01-06"
    assert newest["volumes"][0]["destination"] == "operational"
    pinned = json.loads(run("check", str(env), "--edition", "2025-06-10", "--format", "json").stdout)
    assert pinned["edition"] == "2025-06-10" and pinned["volumes"][0]["destination"] == "skipped"
    text = run("check", str(env), "--edition", "2025-06-10")
    assert "edition 2025-06-10" in text.stdout.splitlines()[0]
    bad = run("check", str(env), "--edition", "2019-01-01")
    assert bad.exit_code == 2 and "2019-01-01" in bad.stderr


def test_timeline_names_its_edition_and_starts_on_its_date() -> None:
    policy = str(EXAMPLES / "policies" / "four-hourly-with-vault.yaml")
    newest = json.loads(run("timeline", policy, "--days", "1", "--format", "json").stdout)
    assert newest["edition"] == DEFAULT_EDITION and newest["from"].startswith(DEFAULT_EDITION)
    older = json.loads(
        run("timeline", policy, "--days", "1", "--format", "json", "--edition", "2025-06-10").stdout
    )
    assert older["edition"] == "2025-06-10" and older["from"].startswith("2025-06-10")


def test_statements_of_an_unknown_edition_exit_2() -> None:
    result = run("statements", "--edition", "2024-01-01")
    assert result.exit_code == 2
    assert "2024-01-01" in result.stderr and "2026-01-06" in result.stderr
    assert "Traceback" not in result.output


def test_statements_text_shows_every_id() -> None:
    result = run("statements")
    assert result.exit_code == 0
    assert all(statement_id in result.stdout for statement_id in EDITIONS[DEFAULT_EDITION].statement_ids)
    assert f"edition {DEFAULT_EDITION}" in result.stdout


def test_explain_under_an_edition_shows_its_wording_and_what_changed() -> None:
    result = run("explain", "SM-SUP-03", "--edition", "2026-01-06")
    assert result.exit_code == 0
    assert "Premium SSD v2" in result.stdout
    assert "changed in 2026-01-06" in result.stdout
    retired = run("explain", "SM-UNS-01", "--edition", "2026-01-06")
    assert retired.exit_code == 0 and "retired in: 2026-01-06" in retired.stdout


def test_explain_names_the_rule_and_the_operations_it_runs_on() -> None:
    result = run("explain", "SM-SUP-05")
    assert result.exit_code == 0
    out = result.stdout
    assert RULES["SM-SUP-05"].name in out
    assert STATEMENTS["SM-SUP-05"].source in out
    assert "section: Supported Scenarios" in out
    assert "runs on: install_extension, configure_backup" in out


def test_explain_accepts_the_id_as_people_type_it() -> None:
    result = run("explain", "sm-sup-5")
    assert result.exit_code == 0
    assert RULES["SM-SUP-05"].name in result.stdout


def test_explain_an_unknown_id_exits_2_with_a_suggestion() -> None:
    result = run("explain", "SM-XYZ-99")
    assert result.exit_code == 2
    assert "'SM-XYZ-99' is not in the catalog" in result.stderr
    assert "Traceback" not in result.output
    near = run("explain", "SM-SUP-77")
    assert near.exit_code == 2 and "Did you mean" in near.stderr


def test_schema_is_valid_json_schema_and_validates_every_example() -> None:
    result = run("schema")
    assert result.exit_code == 0
    schema = json.loads(result.stdout)
    assert schema == Environment.model_json_schema()
    jsonschema.Draft202012Validator.check_schema(schema)
    validator = jsonschema.Draft202012Validator(schema)
    files = sorted(EXAMPLES.glob("*.yaml"))
    assert files
    for file in files:
        data = read_document(file.read_text(encoding="utf-8"), str(file))
        assert [e.message for e in validator.iter_errors(data)] == [], file.name
    assert not validator.is_valid({"cluster": {"regoin": "westeurope"}})


# --- usage ---------------------------------------------------------------------------------------------


def test_version() -> None:
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.startswith(f"aks-backup-conformance {__version__}")
    assert "2025-06-10" in result.stdout


@pytest.mark.parametrize(
    "args",
    [
        pytest.param(["check", example("fully-supported.yaml"), "--bogus"], id="unknown-option"),
        pytest.param(["check"], id="missing-argument"),
        pytest.param(["check", example("fully-supported.yaml"), "--format", "xml"], id="bad-choice"),
        pytest.param(["frobnicate"], id="unknown-command"),
        pytest.param([], id="no-command"),
    ],
)
def test_usage_errors_exit_2_without_a_traceback(args: list[str]) -> None:
    result = run(*args)
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert "Usage:" in result.output
