"""`diff --from A --to B [ENV_FILE...]`: what an edition changes in the catalog and for environments."""

from __future__ import annotations

import json

from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.report.diff import OutcomeChange, catalog_document
from aks_backup_model.editions import JUDGED, changes
from aks_backup_model.outcome import Destination, Effect, Finding, Outcome, VolumePlan

runner = CliRunner()


def test_diff_without_environments_lists_added_retired_and_changed_with_sections() -> None:
    result = runner.invoke(app, ["diff", "--from", "2025-06-10", "--to", "2026-01-06", "--format", "json"])
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    c = changes("2025-06-10", "2026-01-06")
    assert [e["id"] for e in document["added"]] == [s.id for s in c.added]
    assert [e["id"] for e in document["retired"]] == ["SM-UNS-01"]
    assert [e["id"] for e in document["changed"]] == [b.id for b, _ in c.changed]
    assert all(e["section"] and e["anchor"] for key in ("added", "retired", "changed") for e in document[key])
    by_id = {e["id"]: e for e in document["changed"]}
    assert by_id["SM-VLT-03"]["behavioural"] is True and by_id["SM-VLT-05"]["behavioural"] is False
    assert by_id["SM-VLT-03"]["section"].startswith("Supported Scenarios and limitations")
    assert document["renamed_sections"][0]["to"]["anchor"].startswith("supported-scenarios-and-")


def test_diff_defaults_to_the_newest_edition_against_the_one_before() -> None:
    assert (
        runner.invoke(app, ["diff", "--format", "json"]).stdout
        == runner.invoke(
            app, ["diff", "--from", "2025-06-10", "--to", "2026-01-06", "--format", "json"]
        ).stdout
    )
    text = runner.invoke(app, ["diff"])
    assert text.exit_code == 0
    assert "SM-SUP-29" in text.stdout and "retired (1)" in text.stdout and "SM-UNS-01" in text.stdout


def test_diff_backwards_swaps_added_and_retired() -> None:
    forward, backward = (
        catalog_document("2025-06-10", "2026-01-06"),
        catalog_document("2026-01-06", "2025-06-10"),
    )
    assert [e["id"] for e in forward["added"]] == [e["id"] for e in backward["retired"]]
    assert [e["id"] for e in forward["retired"]] == [e["id"] for e in backward["added"]]


def test_diff_refuses_unknown_editions_and_the_first_edition_without_from() -> None:
    unknown = runner.invoke(app, ["diff", "--to", "2031-01-01"])
    assert unknown.exit_code == 2 and "2031-01-01" in unknown.stderr
    first = runner.invoke(app, ["diff", "--to", "2025-06-10"])
    assert first.exit_code == 2 and "first edition" in first.stderr


def test_an_environment_under_the_same_edition_twice_changes_nothing() -> None:
    edition = JUDGED[0]
    result = runner.invoke(
        app, ["diff", "--from", edition, "--to", edition, "examples/mixed-volumes.yaml", "--format", "json"]
    )
    assert result.exit_code == 0
    document = json.loads(result.stdout)
    assert document["environments"][0]["changed"] is False
    assert document["environments"][0]["findings"] == [] and document["environments"][0]["volumes"] == []


def test_outcome_changes_are_listed_finding_by_finding_and_volume_by_volume() -> None:
    skipped = Finding("SM-UNS-01", Effect.SKIPS, "cluster.volumes[0]", "skipped")
    informs = Finding("SM-SUP-03", Effect.INFORMS, "cluster.volumes", "backed up")
    before = Outcome(
        "configure_backup",
        "a",
        (skipped,),
        volumes=(VolumePlan("cluster.volumes[0]", "a/b", Destination.SKIPPED, "SM-UNS-01"),),
    )
    after = Outcome(
        "configure_backup",
        "b",
        (informs,),
        volumes=(VolumePlan("cluster.volumes[0]", "a/b", Destination.OPERATIONAL_AND_VAULT, "SM-VLT-01"),),
    )
    change = OutcomeChange("env.yaml", before, after)
    assert change.changed
    assert [(r["statement"], r["change"]) for r in change.findings] == [
        ("SM-UNS-01", "disappears"),
        ("SM-SUP-03", "appears"),
    ]
    assert change.volumes == [
        {
            "subject": "cluster.volumes[0]",
            "claim": "a/b",
            "before": {"destination": "skipped", "statement": "SM-UNS-01"},
            "after": {"destination": "operational+vault", "statement": "SM-VLT-01"},
        }
    ]
    assert change.statements == ["SM-UNS-01", "SM-SUP-03", "SM-VLT-01"]
