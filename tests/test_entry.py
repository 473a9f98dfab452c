"""The quick path of the console script: a plain `check` answered without typer, the same as typer."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.entry import main, quick_check_arguments

ROOT = Path(__file__).parents[1]
EXAMPLES = sorted((ROOT / "examples").glob("*.yaml"))


@pytest.mark.parametrize(
    ("argv", "expected"),
    [
        (["check", "env.yaml"], ("env.yaml", None, "text", False)),
        (["check", "-"], ("-", None, "text", False)),
        (["check", "env.yaml", "--format", "json"], ("env.yaml", None, "json", False)),
        (["check", "-f", "sarif", "env.yaml"], ("env.yaml", None, "sarif", False)),
        (["check", "env.yaml", "--format=junit", "-o", "restore"], ("env.yaml", "restore", "junit", False)),
        (
            ["check", "env.yaml", "--operation", "{kind: restore}"],
            ("env.yaml", "{kind: restore}", "text", False),
        ),
        (["--debug", "check", "env.yaml"], ("env.yaml", None, "text", True)),
        # everything else is typer's: help, other commands, unknown or repeated options, bad values
        (["check", "--help"], None),
        (["check"], None),
        (["check", "a.yaml", "b.yaml"], None),
        (["check", "env.yaml", "--as-of", "2025-01-01"], None),
        (["check", "env.yaml", "--format", "xml"], None),
        (["check", "env.yaml", "-fjson"], None),
        (["check", "env.yaml", "-f", "json", "-f", "text"], None),
        (["check", "env.yaml", "--format"], None),
        (["check", "env.yaml", "-o", "--format"], None),
        (["check", "--", "env.yaml"], None),
        (["statements"], None),
        (["--version"], None),
        ([], None),
    ],
)
def test_which_command_lines_the_quick_path_answers(
    argv: list[str], expected: tuple[str, str | None, str, bool] | None
) -> None:
    assert quick_check_arguments(argv) == expected


def _quick(argv: list[str], capsys: pytest.CaptureFixture[str]) -> tuple[int, str, str]:
    with pytest.raises(SystemExit) as exited:
        main(argv)
    captured = capsys.readouterr()
    code = exited.value.code
    return (code if isinstance(code, int) else 0), captured.out, captured.err


@pytest.mark.parametrize("output", ["text", "json", "sarif", "junit"])
@pytest.mark.parametrize("example", EXAMPLES, ids=lambda p: p.stem)
def test_the_quick_path_answers_as_typer_does(
    example: Path, output: str, capsys: pytest.CaptureFixture[str]
) -> None:
    argv = ["check", str(example), "--format", output]
    assert quick_check_arguments(argv) is not None
    code, out, _ = _quick(argv, capsys)
    typed = CliRunner().invoke(app, argv)
    assert code == typed.exit_code
    assert out == typed.stdout


def test_the_quick_path_reports_bad_input_as_typer_does(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = tmp_path / "env.yaml"
    path.write_text("cluster: {colour: red}\n", encoding="utf-8")
    for output in ("text", "json"):
        argv = ["check", str(path), "--format", output]
        code, out, err = _quick(argv, capsys)
        typed = CliRunner().invoke(app, argv)
        assert code == typed.exit_code == 2
        assert (out, err) == (typed.stdout, typed.stderr)
    assert "cluster.colour" in json.dumps(json.loads(out))


def test_other_command_lines_go_to_typer(capsys: pytest.CaptureFixture[str]) -> None:
    code, out, _ = _quick(["check", "--help"], capsys)
    assert code == 0 and "Usage" in out and "--format" in out


def test_a_json_check_imports_neither_typer_nor_rich() -> None:
    # What the quick path saves is not importing them; this holds it (the time is in bench/bench_startup.py).
    example = ROOT / "examples" / "fully-supported.yaml"
    program = (
        "import sys\n"
        "from aks_backup_conformance.entry import main\n"
        "try:\n"
        f"    main(['check', {str(example)!r}, '--format', 'json'])\n"
        "except SystemExit:\n"
        "    pass\n"
        "print(sorted(m for m in ('typer', 'rich', 'click', 'jsonschema', 'hypothesis', 'junitparser') if m in sys.modules), file=sys.stderr)\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", program], capture_output=True, text=True, timeout=120, check=False
    )
    assert json.loads(result.stdout)["operation"] == "configure_backup"
    assert result.stderr.strip().splitlines()[-1] == "[]"


def test_the_light_modules_exit_codes_are_the_models() -> None:
    from aks_backup_conformance import commands
    from aks_backup_model import outcome

    assert (commands.EXIT_BAD_INPUT, commands.EXIT_INTERNAL_ERROR) == (
        outcome.EXIT_BAD_INPUT,
        outcome.EXIT_INTERNAL_ERROR,
    )
