"""Statements that state one fact are all cited (`statements.OVERLAPS`).

The rule, stated generally: for every declared overlap, wherever the model cites its narrow statement
with an effect on a subject, it cites each of its broad statements with the same effect on the same
subject. It is checked here on random environments and operations (Hypothesis) and on one witness per
overlap (so the check is never vacuous), and after every feature scenario by `steps.common`.
"""

from __future__ import annotations

import copy
from dataclasses import replace
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter

from aks_backup_model import Environment, evaluate
from aks_backup_model.operations import OPERATION_KINDS, Operation
from aks_backup_model.rules import RULES
from aks_backup_model.statements import OVERLAPS, STATEMENTS, Overlap
from aks_backup_model.strategies import environments, operations
from steps.common import BASELINE, set_path, uncited_overlaps

_OPERATION = TypeAdapter(Operation)


def ask(changes: dict[str, Any], operation: dict[str, Any]) -> Any:
    data = copy.deepcopy(BASELINE)
    for path, value in changes.items():
        set_path(data, path, value)
    return evaluate(Environment.model_validate(data), _OPERATION.validate_python(operation))


WITNESSES: dict[str, tuple[dict[str, Any], dict[str, Any]]] = {
    "SM-UNS-04": ({"cluster.node_pools[0].os_sku": "Windows2022"}, {"kind": "install_extension"}),
    "SM-UNS-02": (
        {"cluster.volumes": [{"claim": "shared/content", "driver": "file.csi.azure.com"}]},
        {"kind": "configure_backup"},
    ),
    "SM-UNS-01": (
        {
            "cluster.volumes": [
                {"claim": "analytics/scratch", "driver": "disk.csi.azure.com", "sku": "UltraSSD_LRS"}
            ]
        },
        {"kind": "configure_backup"},
    ),
    "SM-VLT-04": (
        {"vault.cross_region_restore": False},
        {
            "kind": "restore",
            "source_tier": "Vault",
            "target": {"same_cluster": False, "region": "francecentral"},
        },
    ),
}
"""One answer per overlap in which its narrow statement is cited (from the features' scenarios)."""


def test_the_overlaps_name_catalogued_statements_once() -> None:
    seen: set[frozenset[str]] = set()
    for overlap in OVERLAPS:
        ids = overlap.statement_ids
        assert set(ids) <= set(STATEMENTS), ids
        assert len(set(ids)) == len(ids) >= 2, ids
        assert overlap.fact.strip()
        assert frozenset(ids) not in seen
        seen.add(frozenset(ids))


def test_every_overlap_has_a_witness() -> None:
    assert set(WITNESSES) == {o.narrow for o in OVERLAPS}


@pytest.mark.parametrize("overlap", OVERLAPS, ids=lambda o: o.narrow)
def test_the_witness_cites_every_statement_of_the_overlap(overlap: Overlap) -> None:
    outcome = ask(*WITNESSES[overlap.narrow])
    narrow = {(f.effect, f.subject) for f in outcome.findings if f.statement_id == overlap.narrow}
    assert narrow, f"the witness does not cite {overlap.narrow}"
    for other in overlap.broad:
        assert narrow <= {(f.effect, f.subject) for f in outcome.findings if f.statement_id == other}
    assert uncited_overlaps(outcome) == []


@pytest.mark.parametrize("overlap", OVERLAPS, ids=lambda o: o.narrow)
def test_the_check_notices_a_broad_statement_left_out(overlap: Overlap) -> None:
    outcome = ask(*WITNESSES[overlap.narrow])
    dropped = replace(
        outcome, findings=tuple(f for f in outcome.findings if f.statement_id != overlap.broad[0])
    )
    assert uncited_overlaps(dropped)
    assert all(overlap.broad[0] in line for line in uncited_overlaps(dropped))
    # ... unless the oracle is not judged on every statement of the overlap.
    assert uncited_overlaps(dropped, frozenset({overlap.narrow})) == []


def test_the_extension_on_windows_or_arm64_only_cites_both_statements() -> None:
    for changes in (
        {"cluster.node_pools[0].os_sku": "Windows2019"},
        {"cluster.node_pools[0].arch": "arm64"},
        {"extension.node_pool": None, "cluster.node_pools[0].arch": "arm64"},
        {"extension.node_pool": None, "cluster.node_pools[0].os_sku": "WindowsAnnual"},
    ):
        outcome = ask(changes, {"kind": "install_extension"})
        assert outcome.cites("SM-UNS-04") and outcome.cites("SM-SUP-20"), changes


@pytest.mark.parametrize("overlap", OVERLAPS, ids=lambda o: o.narrow)
@given(data=st.data())
def test_statements_that_state_one_fact_are_all_cited(overlap: Overlap, data: st.DataObject) -> None:
    """On random environments, asked the operations the overlap's narrow statement judges."""
    env = data.draw(environments(), label="env")
    op = data.draw(operations(kinds=set(RULES[overlap.narrow].operations)), label="op")
    assert uncited_overlaps(evaluate(env, op)) == []


@given(
    env=environments(), op=st.sampled_from(sorted(OPERATION_KINDS)).flatmap(lambda k: operations(kinds={k}))
)
def test_no_answer_leaves_a_statement_of_an_overlap_out(env: Environment, op: Operation) -> None:
    assert uncited_overlaps(evaluate(env, op)) == []
