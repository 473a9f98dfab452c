"""`aks-backup-conformance timeline`: the command line around the lifecycle model."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aks_backup_conformance.cli import app

POLICIES = Path(__file__).resolve().parent.parent / "examples" / "policies"
runner = CliRunner()


def test_a_supported_policy_prints_its_schedule_and_exits_0() -> None:
    result = runner.invoke(
        app, ["timeline", str(POLICIES / "four-hourly-with-vault.yaml"), "--days", "2", "-e", "2025-06-10"]
    )
    assert result.exit_code == 0, result.output
    assert "2025-06-10 01:00" in result.output
    assert "paired (North Europe)" in result.output


def test_json_lists_one_vault_point_a_day() -> None:
    result = runner.invoke(
        app,
        [
            "timeline",
            str(POLICIES / "four-hourly-with-vault.yaml"),
            "--days",
            "3",
            "--format",
            "json",
            "-e",
            "2026-01-06",
        ],
    )
    assert result.exit_code == 0, result.output
    backups = json.loads(result.stdout)["backups"]
    assert len(backups) == 3 * 6
    to_vault = [b["taken_at"][:10] for b in backups if b["to_vault"]]
    assert to_vault == ["2026-01-06", "2026-01-07", "2026-01-08"]


def test_an_unsupported_frequency_exits_3_citing_its_statement() -> None:
    result = runner.invoke(app, ["timeline", str(POLICIES / "every-three-hours.yaml")])
    assert result.exit_code == 3
    assert "SM-SUP-08" in result.output


@pytest.mark.parametrize(
    ("arguments", "fragment"),
    [
        (["/no/such/policy.yaml"], "no such file"),
        ([str(POLICIES / "four-hourly-with-vault.yaml"), "--days", "0"], "--days"),
        ([str(POLICIES / "four-hourly-with-vault.yaml"), "--format", "xml"], "xml"),
    ],
    ids=["missing-file", "zero-days", "unknown-format"],
)
def test_bad_input_exits_2_without_a_traceback(arguments: list[str], fragment: str) -> None:
    result = runner.invoke(app, ["timeline", *arguments])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert fragment in result.output
