"""The examples in examples/: each loads, and gives the status and exit code its header promises.

Every example starts with a comment saying what it shows and a line `# expect: status S, exit N`. The
claims the comments make about variants ("with a vault policy it would be refused") are checked too.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path

import pytest
from typer.testing import CliRunner

from aks_backup_conformance import commands
from aks_backup_conformance.cli import app
from aks_backup_conformance.commands import judged_as_of
from aks_backup_conformance.io.load import load_environment, parse_environment
from aks_backup_model import Destination, Effect, Environment, Outcome, Status, evaluate, exit_code
from aks_backup_model.environment import VaultTier

EXAMPLES = Path(__file__).resolve().parents[1] / "examples"
FILES = sorted(EXAMPLES.glob("*.yaml"))
EXPECT = re.compile(
    r"^# expect: status (supported|unsupported|unknown|not_covered), exit ([0-5])$", re.MULTILINE
)
REQUIRED = {
    "cluster-facts-only.yaml",
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
    """The example as the command line judges it: as of its own `as_of`, else today (pinned in tests)."""
    return judged_as_of(load_environment(EXAMPLES / name), None)


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
    outcome = evaluate(example(file.name))
    assert (outcome.status, exit_code(outcome)) == (status, code), [f.to_dict() for f in outcome.findings]


@pytest.mark.parametrize("file", FILES, ids=[f.stem for f in FILES])
@pytest.mark.parametrize("today", ["2026-12-01", "2031-06-30"])
def test_an_example_keeps_its_answer_on_any_later_day(
    file: Path, today: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    """An example does not rot with the calendar: judged on a later day than the one the examples were
    reviewed on (Kubernetes minors leave support), it still gives its documented answer, because it
    states the day it is judged on (`as_of`) wherever the answer depends on it."""
    status, code = expectation(file)
    monkeypatch.setattr(commands, "today", lambda: dt.date.fromisoformat(today))
    outcome = evaluate(judged_as_of(load_environment(file), None))
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
    assert env.policy is not None
    vault_tier = VaultTier(retention_days=30)
    with_vault = env.model_copy(update={"policy": env.policy.model_copy(update={"vault": vault_tier})})
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
        "legacy/cache": (Destination.SKIPPED, "SM-SUP-02"),
    }
    assert example("mixed-volumes.yaml").cluster.volumes[3].size_gib == 2048  # written 2Ti
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
        update={"cluster": env.cluster.model_copy(update={"kubernetes_version": "1.34.2"})}
    )
    assert exit_code(evaluate(upgraded)) == 0


def test_outdated_kubernetes_was_covered_on_a_day_its_version_was_supported() -> None:
    env = load_environment(EXAMPLES / "outdated-kubernetes.yaml")
    assert exit_code(evaluate(judged_as_of(env, "2024-12-01"))) == 0
    result = CliRunner().invoke(
        app, ["check", str(EXAMPLES / "outdated-kubernetes.yaml"), "--as-of", "2024-12-01"]
    )
    assert result.exit_code == 0, result.output


@pytest.mark.parametrize("file", FILES, ids=[f.stem for f in FILES])
def test_an_example_states_its_facts_instead_of_relying_on_defaults(file: Path) -> None:
    """No example leans on a value it does not state: apart from the one that shows what a file of
    cluster facts alone gets, no statement says it cannot tell."""
    outcome = evaluate(example(file.name))
    unknown = [f.subject for f in outcome.findings if f.effect is Effect.CANNOT_TELL]
    if file.name == "cluster-facts-only.yaml":
        assert outcome.status is Status.UNKNOWN and unknown
        assert outcome.missing[0].field == "cluster.volumes"
    else:
        assert unknown == [], unknown
        assert Destination.UNKNOWN not in {v.destination for v in outcome.volumes}


def test_fully_supported_is_not_covered_with_the_version_it_used_to_run() -> None:
    env = example("fully-supported.yaml")
    old = env.model_copy(update={"cluster": env.cluster.model_copy(update={"kubernetes_version": "1.31.5"})})
    outcome = evaluate(old)
    assert outcome.status is Status.NOT_COVERED and outcome.cites("SM-SUP-01", Effect.NOT_COVERED)


def test_the_readme_environment_states_its_facts_and_gives_what_it_shows() -> None:
    readme = (EXAMPLES.parent / "README.md").read_text(encoding="utf-8")
    match = re.search(r"```yaml\n(edition: .*?)```", readme, re.DOTALL)
    assert match, "README.md has no environment example"
    env = judged_as_of(parse_environment(match.group(1), "README.md"), None)
    outcome = evaluate(env)
    assert [f.subject for f in outcome.findings if f.effect is Effect.CANNOT_TELL] == []
    assert (outcome.status, exit_code(outcome)) == (Status.SUPPORTED, 4)
    assert {v.claim: v.destination for v in outcome.volumes}["payments/scratch"] is Destination.SKIPPED
