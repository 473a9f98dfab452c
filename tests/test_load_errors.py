"""Bad input files: the loader names the field path, the value and what was expected; the CLI exits 2.

Each case is one kind of mistake a person makes when writing an environment file by hand. The command
line must answer with the location, the offending value and the expectation, and never a traceback.
"""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.io.load import load_environment, parse_operation
from aks_backup_model.errors import InvalidInput


@dataclass(frozen=True)
class Bad:
    content: str | bytes | None
    """What the file holds; None: the file does not exist."""
    path: str
    """The field path (or line and column) the first problem must name, exactly."""
    value: str
    """How the offending value is shown (its repr, or a description for bytes and missing files)."""
    expected: str
    """A fragment of what the message says was expected."""
    filename: str = "env.yaml"


CASES = [
    pytest.param(
        Bad(
            "cluster:\n  region: westeurope: oops\n",
            "line 2, column 21",
            "'region: westeurope: oops'",
            "expected valid YAML",
        ),
        id="yaml-syntax-error",
    ),
    pytest.param(
        Bad("cluster:\n  volumes: [{claim: a/b}\n", "line 2, column 25", "", "expected valid YAML"),
        id="yaml-unclosed-bracket",
    ),
    pytest.param(Bad("", "", "", "found no data"), id="empty-file"),
    pytest.param(Bad("# only a comment\n", "", "", "found no data"), id="comments-only"),
    pytest.param(
        Bad(
            "- westeurope\n- eastus\n",
            "",
            "['westeurope', 'eastus']",
            "expected a mapping of environment fields",
        ),
        id="list-at-top-level",
    ),
    pytest.param(
        Bad("clustr: {name: aks}\n", "clustr", "{'name': 'aks'}", "did you mean 'cluster'?"),
        id="unknown-top-level-field",
    ),
    pytest.param(
        Bad(
            "cluster:\n  regoin: westeurope\n",
            "cluster.regoin",
            "'westeurope'",
            "not a field of Cluster; did you mean 'region'? Allowed: name, region",
        ),
        id="unknown-nested-field-typo",
    ),
    pytest.param(
        Bad(
            "cluster:\n  volumes:\n    - {claim: data/pg, size: 30}\n",
            "cluster.volumes[0].size",
            "30",
            "not a field of Volume; did you mean 'size_gib'?",
        ),
        id="unknown-volume-field",
    ),
    pytest.param(
        Bad(
            'cluster:\n  volumes:\n    - {claim: data/pg, size_gib: "big"}\n',
            "cluster.volumes[0].size_gib",
            "'big'",
            "expected a whole number of GiB, or a Kubernetes quantity with a unit such as 10Gi",
        ),
        id="wrong-type-size",
    ),
    pytest.param(
        Bad(
            "cluster:\n  volumes:\n    - {claim: data/pg, size_gib: true}\n",
            "cluster.volumes[0].size_gib",
            "True",
            "expected an integer from 1 to 65536",
        ),
        id="boolean-size-is-not-1",
    ),
    pytest.param(
        Bad(
            'cluster:\n  volumes:\n    - {claim: data/pg, size_gib: "10"}\n',
            "cluster.volumes[0].size_gib",
            "'10'",
            "expected a whole number of GiB, or a Kubernetes quantity with a unit such as 10Gi",
        ),
        id="size-string-without-unit",
    ),
    pytest.param(
        Bad("policy:\n  start: 540\n", "policy.start", "540", "expected a time of day written HH:MM"),
        id="number-is-not-a-time",
    ),
    pytest.param(
        Bad("as_of: 0\n", "as_of", "0", "expected a date written YYYY-MM-DD"),
        id="number-is-not-a-date",
    ),
    pytest.param(
        Bad("cluster:\n  private_cluster: 1\n", "cluster.private_cluster", "1", "expected true or false"),
        id="number-is-not-a-flag",
    ),
    pytest.param(
        Bad("vault:\n  policies: 1.0\n", "vault.policies", "1.0", "expected an integer >= 0"),
        id="float-is-not-a-count",
    ),
    pytest.param(
        Bad(
            "cluster:\n  volumes:\n    - {claim: data/pg, size_gib: 0}\n",
            "cluster.volumes[0].size_gib",
            "0",
            "expected an integer from 1",
        ),
        id="zero-size",
    ),
    pytest.param(
        Bad(
            "cluster:\n  volumes:\n    - {claim: data/a}\n    - {claim: data/b, size_gib: -20}\n",
            "cluster.volumes[1].size_gib",
            "-20",
            "expected an integer from 1",
        ),
        id="negative-size",
    ),
    pytest.param(
        Bad(
            "cluster:\n  kubernetes_version: latest\n",
            "cluster.kubernetes_version",
            "'latest'",
            "expected a version such as 1.31",
        ),
        id="bad-kubernetes-version",
    ),
    pytest.param(
        Bad(
            "cluster:\n  volumes:\n    - {claim: a/one}\n    - {claim: a/two}\n"
            "    - {claim: a/three, sku: Premium_XYZ}\n",
            "cluster.volumes[2].sku",
            "'Premium_XYZ'",
            "expected one of 'Standard_LRS', 'StandardSSD_LRS'",
        ),
        id="unknown-enum-value",
    ),
    pytest.param(
        Bad(
            "vault: {redundancy: GRS}\n",
            "vault.redundancy",
            "'GRS'",
            "one of 'LocallyRedundant', 'ZoneRedundant', 'GeoRedundant'",
        ),
        id="unknown-redundancy",
    ),
    pytest.param(
        Bad(
            "cluster:\n  node_pools:\n    - {name: system, mode: System}\n    - {name: system}\n",
            "cluster.node_pools[1].name",
            "'system'",
            "not used before in node_pools",
        ),
        id="duplicate-node-pool-names",
    ),
    pytest.param(
        Bad(
            "operation: {kind: backup_now}\n",
            "operation.kind",
            "'backup_now'",
            "expected an operation kind, one of: install_extension",
        ),
        id="unknown-operation-kind",
    ),
    pytest.param(
        Bad(
            "operation: {kind: restore, target: {regoin: westus}}\n",
            "operation.target.regoin",
            "'westus'",
            "not a field of RestoreTarget; did you mean 'region'?",
        ),
        id="unknown-field-in-operation",
    ),
    pytest.param(
        Bad(
            "cluster:\n  node_pools:\n    - {mode: System}\n",
            "cluster.node_pools[0].name",
            "",
            "this field is required",
        ),
        id="missing-required-field",
    ),
    pytest.param(
        Bad(
            "cluster:\n  private_cluster: maybe\n",
            "cluster.private_cluster",
            "'maybe'",
            "expected true or false",
        ),
        id="wrong-type-bool",
    ),
    pytest.param(
        Bad(
            "cluster:\n  region: westeurope\n  region: northeurope\n",
            "line 3, column 3",
            "'region'",
            "already given at line 2",
        ),
        id="repeated-key",
    ),
    pytest.param(
        Bad(
            '{"cluster": {"region": "westeurope",}}',
            "line 1, column 37",
            "",
            "expected valid JSON",
            filename="env.json",
        ),
        id="json-syntax-error",
    ),
    pytest.param(
        Bad(
            '{"cluster": {"kubernetes_version": 1.30}}',
            "cluster.kubernetes_version",
            "1.3",
            "quote it: it was read as a number",
            filename="env.json",
        ),
        id="json-version-as-number",
    ),
    pytest.param(
        Bad(b"cluster:\n  name: caf\xe9-prod\n", "line 2", "byte 0xe9", "expected UTF-8 text"),
        id="non-utf8-file",
    ),
    pytest.param(Bad(None, "", "no-such-env.yaml", "there is no such file"), id="nonexistent-file"),
]


def _write(tmp_path: Path, bad: Bad) -> Path:
    file = tmp_path / (bad.filename if bad.content is not None else "no-such-env.yaml")
    if isinstance(bad.content, bytes):
        file.write_bytes(bad.content)
    elif isinstance(bad.content, str):
        file.write_text(bad.content, encoding="utf-8")
    return file


@pytest.mark.parametrize("bad", CASES)
def test_the_cli_exits_2_and_says_where_what_and_what_was_expected(tmp_path: Path, bad: Bad) -> None:
    file = _write(tmp_path, bad)
    result = CliRunner().invoke(app, ["check", str(file)])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert result.exception is None or isinstance(result.exception, SystemExit)
    assert "problem" in result.stderr and result.stdout == ""
    assert (bad.path or "(top level)") in result.stderr
    assert bad.value in result.stderr
    assert bad.expected in result.stderr


@pytest.mark.parametrize("bad", CASES)
def test_the_loader_raises_invalid_input_with_the_exact_field_path(tmp_path: Path, bad: Bad) -> None:
    file = _write(tmp_path, bad)
    with pytest.raises(InvalidInput) as caught:
        load_environment(file)
    assert caught.value.source == str(file)
    paths = [path for path, _, _ in caught.value.problems]
    assert bad.path in paths
    assert any(bad.expected in expected for _, _, expected in caught.value.problems)


@pytest.mark.parametrize(
    ("given", "path", "expected"),
    [
        pytest.param("restor", "operation.kind", "did you mean 'restore'?", id="kind-typo"),
        pytest.param("{kind: restore, source_tier: Vaul}", "operation.source_tier", "one of 'Operational', 'Vault'",
                     id="inline-enum"),
        pytest.param("{kind: restore", "line 1, column 15", "expected valid YAML", id="inline-syntax"),
        pytest.param("[restore]", "operation", "expected a kind or a mapping", id="inline-list"),
    ],
)  # fmt: skip
def test_a_bad_operation_option_is_bad_input(tmp_path: Path, given: str, path: str, expected: str) -> None:
    file = tmp_path / "env.yaml"
    file.write_text("cluster: {name: aks}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(file), "--operation", given])
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output
    assert path in result.stderr and expected in result.stderr
    with pytest.raises(InvalidInput) as caught:
        parse_operation(given)
    assert caught.value.problems[0][0] == path


def test_bad_input_in_json_format_is_a_json_document_of_problems(tmp_path: Path) -> None:
    file = tmp_path / "env.yaml"
    file.write_text("cluster:\n  volumes:\n    - {claim: a/b, sku: Premium_XYZ}\n", encoding="utf-8")
    result = CliRunner().invoke(app, ["check", str(file), "--format", "json"])
    assert result.exit_code == 2
    document = json.loads(result.stdout)
    assert document["error"] == "invalid_input"
    assert document["source"] == str(file)
    [problem] = document["problems"]
    assert problem["path"] == "cluster.volumes[0].sku"
    assert problem["value"] == "Premium_XYZ"
    assert problem["expected"].startswith("expected one of 'Standard_LRS'")


def test_a_directory_is_not_an_environment_file(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["check", str(tmp_path)])
    assert result.exit_code == 2
    assert "expected a file; this is a directory" in result.stderr


def test_the_installed_console_script_reports_bad_input_without_a_traceback(tmp_path: Path) -> None:
    script = shutil.which("aks-backup-conformance", path=str(Path(sys.executable).parent))
    if script is None:
        pytest.skip("the console script is not installed beside this interpreter")
    file = tmp_path / "env.yaml"
    file.write_text("cluster:\n  regoin: westeurope\n", encoding="utf-8")
    run = subprocess.run(
        [script, "check", str(file)], capture_output=True, text=True, timeout=60, check=False
    )
    assert run.returncode == 2
    assert "Traceback" not in run.stdout + run.stderr
    assert "cluster.regoin = 'westeurope'" in run.stderr
    assert "did you mean 'region'?" in run.stderr
