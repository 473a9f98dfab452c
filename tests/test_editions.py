"""What edition 2026-01-06 changes for environments: the example's volumes, and `diff` naming every
statement whose outcome changes, for every example environment."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.io.load import load_environment
from aks_backup_conformance.report.diff import compare_outcomes
from aks_backup_model import Destination, Environment, evaluate
from aks_backup_model.editions import DEFAULT_EDITION, JUDGED, NEWEST
from aks_backup_model.outcome import Outcome

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
ENVIRONMENTS = sorted(EXAMPLES.glob("*.yaml"))
OLD, NEW = "2025-06-10", "2026-01-06"


def plans(outcome: Outcome) -> dict[str, tuple[Destination, str | None]]:
    return {v.claim: (v.destination, v.statement_id) for v in outcome.volumes}


def judged(env: Environment, edition: str) -> Outcome:
    return evaluate(env.model_copy(update={"edition": edition}))


def test_the_newest_edition_is_the_default_and_both_are_judged() -> None:
    assert DEFAULT_EDITION == NEWEST == NEW and set(JUDGED) == {OLD, NEW}
    assert Environment().edition == NEW
    assert Environment.model_validate({"edition": OLD}).edition == OLD


def test_the_example_volumes_move_as_the_2026_edition_says() -> None:
    env = load_environment(str(EXAMPLES / "editions-volumes.yaml"))
    before, after = plans(judged(env, OLD)), plans(judged(env, NEW))
    # Premium SSD v2: skipped -> both tiers; Azure Files over SMB: skipped -> Operational tier only.
    assert before["shop/ledger"] == (Destination.SKIPPED, "SM-UNS-01")
    assert after["shop/ledger"][0] is Destination.OPERATIONAL_AND_VAULT
    assert before["media/assets"] == (Destination.SKIPPED, "SM-UNS-02")
    assert after["media/assets"] == (Destination.OPERATIONAL, "SM-SUP-06")
    # Azure Files over NFS stays skipped, now for its protocol.
    assert before["media/exports"] == (Destination.SKIPPED, "SM-UNS-02")
    assert after["media/exports"] == (Destination.SKIPPED, "SM-UNS-10")
    # A disk encrypted through a disk encryption set loses its Vault copy.
    assert before["shop/payments"][0] is Destination.OPERATIONAL_AND_VAULT
    assert after["shop/payments"] == (Destination.OPERATIONAL, "SM-VLT-03")
    # A Premium SSD disk is backed up to both tiers under both editions.
    assert before["shop/orders"] == after["shop/orders"]


def _changed_statements(before: Outcome, after: Outcome) -> set[str]:
    """Statements whose findings or volume decisions differ, computed apart from `report.diff`."""
    old = {(f.statement_id, f.subject, f.tier, f.effect) for f in before.findings}
    new = {(f.statement_id, f.subject, f.tier, f.effect) for f in after.findings}
    ids = {entry[0] for entry in old ^ new}
    old_plans = {(v.subject, v.destination, v.statement_id) for v in before.volumes}
    new_plans = {(v.subject, v.destination, v.statement_id) for v in after.volumes}
    ids |= {statement for _, _, statement in old_plans ^ new_plans if statement}
    return ids


@pytest.mark.parametrize("file", ENVIRONMENTS, ids=lambda p: p.name)
def test_diff_names_every_statement_whose_outcome_changes(file: Path) -> None:
    env = load_environment(str(file))
    change = compare_outcomes(env, OLD, NEW, None, file.name)
    assert set(change.statements) == _changed_statements(change.before, change.after)
    assert change.before.edition == OLD and change.after.edition == NEW


def test_diff_command_with_environments_reports_each_one_and_exits_4_when_one_changes() -> None:
    files = [str(EXAMPLES / "editions-volumes.yaml"), str(EXAMPLES / "fully-supported.yaml")]
    result = CliRunner().invoke(app, ["diff", "--from", OLD, "--to", NEW, *files, "--format", "json"])
    assert result.exit_code == 4, result.output
    document = json.loads(result.stdout)
    assert [e["source"] for e in document["environments"]] == files
    first = document["environments"][0]
    assert {"SM-UNS-01", "SM-UNS-02", "SM-UNS-10", "SM-VLT-03", "SM-SUP-06"} <= set(first["statements"])
    moves = {v["claim"]: (v["before"]["destination"], v["after"]["destination"]) for v in first["volumes"]}
    assert moves == {
        "shop/ledger": ("skipped", "operational+vault"),
        "media/assets": ("skipped", "operational"),
        "media/exports": ("skipped", "skipped"),
        "shop/payments": ("operational+vault", "operational"),
    }
    text = CliRunner().invoke(app, ["diff", "--from", OLD, "--to", NEW, files[0]])
    assert "volume shop/ledger: skipped (SM-UNS-01) -> operational+vault" in text.stdout


@pytest.mark.parametrize("file", ENVIRONMENTS, ids=lambda p: p.name)
def test_existing_environment_files_keep_loading_and_name_their_edition(file: Path) -> None:
    env = load_environment(str(file))
    outcome = evaluate(env)
    stated = "edition:" in file.read_text(encoding="utf-8")
    assert outcome.edition == (env.edition if stated else DEFAULT_EDITION)
