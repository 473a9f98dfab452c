"""The examples in examples/: each loads, and gives the status and exit code its header promises.

Every example starts with a comment saying what it shows and a line `# expect: status S, exit N`. The
claims the comments make about variants ("with a vault policy it would be refused") are checked too.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.io.load import load_environment
from aks_backup_model import Destination, Effect, Environment, Outcome, Status, evaluate, exit_code
from aks_backup_model.environment import VaultTier

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILES = sorted(EXAMPLES.glob("*.yaml"))
EXPECT = re.compile(r"^# expect: status (supported|unsupported|not_covered), exit ([0-4])$", re.MULTILINE)
REQUIRED = {
    "fully-supported.yaml",
    "operational-only-region.yaml",
    "mixed-volumes.yaml",
    "windows-linux.yaml",
    "restore-paired-region.yaml",
}


def expectation(file: Path) -> tuple[Status, int]:
    header = "".join(
        line for line in file.read_text(encoding="utf-8").splitlines(keepends=True) if line[:1] == "#"
    )
    match = EXPECT.search(header)
    assert match, f"{file.name} has no '# expect: status S, exit N' line in its header comment"
    return Status(match.group(1)), int(match.group(2))


def example(name: str) -> Environment:
    return load_environment(EXAMPLES / name)


def test_the_required_examples_are_there() -> None:
    assert {f.name for f in FILES} >= REQUIRED
    assert len(FILES) >= 5


@pytest.mark.parametrize("file", FILES, ids=[f.stem for f in FILES])
def test_an_example_starts_by_saying_what_it_shows(file: Path) -> None:
    first = file.read_text(encoding="utf-8").splitlines()[0]
    assert first.startswith("# What it shows: ")


@pytest.mark.parametrize("file", FILES, ids=[f.stem for f in FILES])
def test_an_example_gives_its_documented_status_and_exit_code(file: Path) -> None:
    status, code = expectation(file)
    outcome = evaluate(load_environment(file))
    assert (outcome.status, exit_code(outcome)) == (status, code), [f.to_dict() for f in outcome.findings]


@pytest.mark.parametrize("file", FILES, ids=[f.stem for f in FILES])
def test_the_command_line_agrees_with_the_header(file: Path) -> None:
    _, code = expectation(file)
    result = CliRunner().invoke(app, ["check", str(file)])
    assert result.exit_code == code, result.output
    assert "Traceback" not in result.output


# --- the claims in the comments ----------------------------------------------------------------------


def _blocking(outcome: Outcome) -> set[str]:
    return {f.statement_id for f in outcome.findings if f.effect is Effect.BLOCKS}


def test_fully_supported_backs_up_every_volume_to_both_tiers() -> None:
    outcome = evaluate(example("fully-supported.yaml"))
    assert outcome.warnings == ()
    assert {v.destination for v in outcome.volumes} == {Destination.OPERATIONAL_AND_VAULT}
    assert outcome.cites("SM-REG-04", Effect.INFORMS)


def test_operational_only_region_would_refuse_a_vault_policy() -> None:
    env = example("operational-only-region.yaml")
    assert env.cluster.region == "polandcentral"
    assert evaluate(env).cites("SM-REG-02", Effect.INFORMS)
    with_vault = env.model_copy(update={"policy": env.policy.model_copy(update={"vault": VaultTier()})})
    outcome = evaluate(with_vault)
    assert outcome.status is Status.UNSUPPORTED and exit_code(outcome) == 3
    assert "SM-REG-02" in _blocking(outcome)


def test_mixed_volumes_plan_each_volume_as_the_comment_says() -> None:
    outcome = evaluate(example("mixed-volumes.yaml"))
    plan = {v.claim: (v.destination, v.statement_id) for v in outcome.volumes}
    both = Destination.OPERATIONAL_AND_VAULT
    assert plan == {
        "web/cache": (both, "SM-VLT-01"),
        "web/uploads": (both, "SM-VLT-01"),
        "analytics/warehouse": (both, "SM-VLT-01"),
        "analytics/archive": (Destination.OPERATIONAL, "SM-VLT-01"),
        "analytics/stream": (Destination.SKIPPED, "SM-UNS-01"),
        "analytics/scratch": (Destination.SKIPPED, "SM-UNS-01"),
        "web/shared-assets": (Destination.SKIPPED, "SM-UNS-02"),
        "legacy/data": (Destination.SKIPPED, "SM-SUP-02"),
        "legacy/reports": (Destination.SKIPPED, "SM-SUP-04"),
    }
    assert outcome.cites("SM-UNS-03", Effect.INFORMS)


@pytest.mark.parametrize("pool", ["win22", "arm"])
def test_windows_linux_would_refuse_the_extension_on_a_windows_or_arm_pool(pool: str) -> None:
    env = example("windows-linux.yaml")
    moved = env.model_copy(update={"extension": env.extension.model_copy(update={"node_pool": pool})})
    outcome = evaluate(moved)
    assert exit_code(outcome) == 3 and "SM-UNS-04" in _blocking(outcome)


def test_restore_paired_region_reaches_the_pair_and_warns_about_staging() -> None:
    outcome = evaluate(example("restore-paired-region.yaml"))
    assert outcome.operation == "restore"
    assert outcome.cites("SM-VLT-04", Effect.INFORMS)
    assert [f.statement_id for f in outcome.warnings] == ["SM-VLT-09"]


def test_legacy_cluster_is_refused_for_both_reasons() -> None:
    assert _blocking(evaluate(example("legacy-cluster.yaml"))) == {"SM-SUP-05", "SM-UNS-06"}


def test_outdated_kubernetes_is_supported_once_upgraded() -> None:
    env = example("outdated-kubernetes.yaml")
    assert evaluate(env).cites("SM-SUP-01", Effect.NOT_COVERED)
    upgraded = env.model_copy(
        update={"cluster": env.cluster.model_copy(update={"kubernetes_version": "1.31.5"})}
    )
    assert exit_code(evaluate(upgraded)) == 0
