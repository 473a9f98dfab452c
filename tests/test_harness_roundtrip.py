"""The cluster as a second implementation: environments made into objects on the in-memory API server,
read back as `kubectl get -o json` prints them and imported with the kubectl importer, must get the
model's answer on the original, on every statement the harness covers. A planted importer bug is
caught, and shrunk."""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from aks_backup_conformance.crosscheck import Verdict, crosscheck
from aks_backup_conformance.harness.oracle import COVERED, HarnessOracle
from aks_backup_conformance.harness.targets import EmulatorTarget
from aks_backup_conformance.io.importers import kube
from aks_backup_model import Environment, Outcome, evaluate
from aks_backup_model.tables import MAX_VAULT_DISK_SIZE_GIB

ENVIRONMENTS = HarnessOracle.environments()


@pytest.fixture(scope="module")
def harness() -> Iterator[HarnessOracle]:
    oracle = HarnessOracle(EmulatorTarget())
    yield oracle
    oracle.close()


def covered(outcome: Outcome) -> dict[str, Any]:
    """What the covered statements decide: their findings, and the volume and namespace plans."""
    return {
        "status": outcome.status,
        "findings": sorted(
            (f.statement_id, f.effect.value, f.subject) for f in outcome.findings if f.statement_id in COVERED
        ),
        "volumes": sorted((v.claim, v.destination.value, v.statement_id or "") for v in outcome.volumes),
        "namespaces": sorted((n.name, n.included) for n in outcome.namespaces),
    }


@settings(max_examples=200, suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
@given(ENVIRONMENTS)
def test_an_environment_read_back_from_the_cluster_gets_the_same_answer(
    harness: HarnessOracle, env: Environment
) -> None:
    back = harness.materialise(env)
    assert covered(evaluate(back)) == covered(evaluate(env))


def test_the_harness_declares_the_statements_it_covers() -> None:
    oracle = HarnessOracle(EmulatorTarget())
    assert oracle.covers() == frozenset(COVERED)
    assert {"SM-SUP-03", "SM-SUP-04", "SM-UNS-06"} <= oracle.covers()


def test_a_planted_importer_bug_is_caught_and_shrunk(
    harness: HarnessOracle, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The importer rounds every volume's capacity up by one GiB: a disk of 1 TiB, read back through the
    cluster, is then too large for the Vault tier, and a larger one is reported with the wrong size. The
    cross-check finds it and shrinks it to a volume or two."""
    original = kube._gib

    def one_too_many(quantity: str, pv: Any) -> int:
        return min(original(quantity, pv) + 1, 65536)  # still a size a disk can have

    monkeypatch.setattr(kube, "_gib", one_too_many)
    report = crosscheck(
        harness,
        max_examples=100,
        seed=3,
        kinds=["configure_backup"],
        # the shrinking budget counts candidates, not seconds: a busy machine shrinks as far as an idle one
        clock=itertools.count().__next__,
        shrink_seconds=2000,
        asks=1,
        max_mistakes=1,
    )
    assert report.verdict is Verdict.DISAGREE, report.details
    assert [m.minimal for m in report.mistakes] == [True]  # every fact was tried within the budget
    shrunk = report.environment
    assert shrunk is not None
    # shrunk: a case or two of volumes, at least one past (or at) the Vault tier's size limit, on one pool
    assert 1 <= len(shrunk.cluster.volumes) <= 2, shrunk.cluster.volumes
    assert max(v.size_gib or 0 for v in shrunk.cluster.volumes) >= MAX_VAULT_DISK_SIZE_GIB, (
        report.details,
        shrunk.cluster.volumes,
    )
    assert len(shrunk.cluster.node_pools) <= 1
    assert any("SM-VLT-01" in line for line in report.details), report.details
    assert any(
        "objects made in the cluster" in line and "PersistentVolume/" in line for line in report.details
    )
