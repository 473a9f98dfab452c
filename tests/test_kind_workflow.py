"""The kind workflow (the harness on a real API server, on a hosted runner) is a valid GitHub Actions
workflow, checked offline against the schema check-jsonschema ships, and it runs `nox -s kind`."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import yaml

WORKFLOW = Path(__file__).resolve().parent.parent / ".github" / "workflows" / "kind.yml"


def test_the_kind_workflow_validates_against_the_github_workflow_schema() -> None:
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "check_jsonschema",
            "--builtin-schema",
            "vendor.github-workflows",
            str(WORKFLOW),
        ],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr


def test_the_kind_workflow_runs_the_kind_session() -> None:
    steps = yaml.safe_load(WORKFLOW.read_text())["jobs"]["kind"]["steps"]
    assert any(step.get("run", "").strip() == "nox -s kind" for step in steps)
