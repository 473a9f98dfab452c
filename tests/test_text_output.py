"""Text output for pipes and CI logs: names are never cut short, user text is never read as markup."""

from __future__ import annotations

from pathlib import Path

from typer.testing import CliRunner

from aks_backup_conformance.cli import app


def test_piped_output_does_not_truncate_or_fold_long_names(tmp_path: Path) -> None:
    claim = "payments/" + "data-of-a-very-long-claim-name-" * 4 + "end"
    path = tmp_path / "env.yaml"
    path.write_text(
        "cluster:\n  volumes:\n"
        f"    - {{claim: {claim}, driver: file.csi.azure.com, sku: null}}\n",  # SM-UNS-02: Azure Files is skipped
        encoding="utf-8",
    )
    result = CliRunner().invoke(app, ["check", str(path)], env={"COLUMNS": "40"})
    assert result.exit_code in (3, 4, 5), result.output
    assert claim in result.stdout  # whole, on one line
    assert "…" not in result.stdout


def test_user_text_is_never_read_as_markup_or_emoji(tmp_path: Path) -> None:
    path = tmp_path / "env.yaml"
    path.write_text("cluster: {region: '[bold]x[/]:smile:'}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code in (3, 4, 5), result.output
    assert "[bold]x[/]:smile:" in result.stdout
    assert "😄" not in result.stdout


def test_bad_input_messages_print_brackets_as_written(tmp_path: Path) -> None:
    path = tmp_path / "env.yaml"
    path.write_text("cluster: {node_pools: [{name: '[red]pool[/red]', mode: '[b]x'}]}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(path)])
    assert result.exit_code == 2
    assert "'[b]x'" in result.stderr
