"""Cross-check an oracle against the reference model on random environments, shrinking what differs.

Hypothesis draws environments and operations (`strategies`), both the model and the oracle answer,
and the answers are compared on the statements the oracle covers. The first disagreement, or the first
oracle error, is shrunk to a minimal environment and returned: a value, never an exception.

This module is not part of the pure core: it drives Hypothesis.
"""

from __future__ import annotations

import enum
import random
import time
import warnings
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from hypothesis import HealthCheck, Phase, find, settings
from hypothesis import strategies as st
from hypothesis.errors import Flaky, HypothesisWarning, NoSuchExample

from aks_backup_model.environment import Environment
from aks_backup_model.errors import ConformanceError
from aks_backup_model.evaluate import evaluate
from aks_backup_model.operations import Operation
from aks_backup_model.outcome import Outcome
from aks_backup_model.strategies import environments, operations

from .oracles import Oracle


class Verdict(enum.StrEnum):
    AGREE = "agree"
    """No example told the two apart."""
    DISAGREE = "disagree"
    """The oracle and the model answer differently on the statements the oracle covers."""
    ORACLE_ERROR = "oracle_error"
    """The oracle crashed, hung or answered with something that is not an outcome."""


def differences(expected: Outcome, actual: Outcome, covers: frozenset[str]) -> list[str]:
    """How `actual` differs from `expected`, seen only through the statements in `covers`.

    Compared: the status the covered findings imply, each covered (statement, effect, subject), and
    the destination of each volume whose deciding statement is covered.
    """
    mine, theirs = expected.restrict(covers), actual.restrict(covers)
    found = []
    if mine.status is not theirs.status:
        found.append(f"status: model {mine.status.value}, oracle {theirs.status.value}")
    keys = {(f.statement_id, f.effect.value, f.subject) for f in mine.findings}
    other = {(f.statement_id, f.effect.value, f.subject) for f in theirs.findings}
    found += [f"only the model: {s} {e} {subject}" for s, e, subject in sorted(keys - other)]
    found += [f"only the oracle: {s} {e} {subject}" for s, e, subject in sorted(other - keys)]
    plans = {v.subject: v.destination.value for v in mine.volumes}
    for plan in theirs.volumes:
        if plan.subject in plans and plans[plan.subject] != plan.destination.value:
            found.append(f"{plan.subject}: model {plans[plan.subject]}, oracle {plan.destination.value}")
    return found


@dataclass(frozen=True)
class Report:
    """The result of a cross-check."""

    oracle: str
    verdict: Verdict
    examples: int
    """How many examples were tried (at most)."""
    environment: Environment | None = None
    """The shrunk environment that tells the two apart."""
    operation: Operation | None = None
    details: list[str] = field(default_factory=list)
    """The differences, or the oracle's error."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "oracle": self.oracle,
            "verdict": self.verdict.value,
            "examples": self.examples,
            "details": self.details,
            "environment": self.environment.model_dump(mode="json", exclude_defaults=True)
            if self.environment is not None
            else None,
            "operation": self.operation.model_dump(mode="json") if self.operation is not None else None,
        }


def _judge(oracle: Oracle, env: Environment, op: Operation) -> list[str]:
    try:
        actual = oracle.evaluate(env, op)
    except ConformanceError as error:
        return [f"oracle error: {error}"]
    return differences(evaluate(env, op), actual, oracle.covers())


def crosscheck(
    oracle: Oracle,
    *,
    max_examples: int = 100,
    seed: int = 0,
    kinds: list[str] | None = None,
    cases: st.SearchStrategy[tuple[Environment, Operation]] | None = None,
    shrink_seconds: float = 60.0,
    clock: Callable[[], float] = time.monotonic,
) -> Report:
    """Compare `oracle` with the model on up to `max_examples` random environments and operations.

    The same `seed` draws the same cases. `kinds` limits the operation kinds (default: all); `cases`
    replaces the whole strategy. A disagreement is shrunk for at most `shrink_seconds` (an oracle that
    runs a command costs a process per case); an oracle error is reported on the first case that
    raised it, unshrunk.
    """
    if cases is None:
        cases = st.tuples(environments(operations=st.none()), operations(kinds=kinds))
    found = _find(cases, lambda case: bool(_judge(oracle, *case)), max_examples, seed, shrink=False)
    if found is None:
        return Report(oracle.name, Verdict.AGREE, max_examples)
    details = _judge(oracle, *found)
    if details[0].startswith("oracle error:"):
        return Report(oracle.name, Verdict.ORACLE_ERROR, max_examples, *found, details)

    deadline = clock() + shrink_seconds
    seen: dict[str, bool] = {}

    def disagrees(case: tuple[Environment, Operation]) -> bool:
        # Past the budget every new candidate counts as uninteresting, so the shrinker stops at the
        # smallest disagreement found so far; cases already judged keep their answer, since Hypothesis
        # replays its final case and a changed answer would be flaky.
        key = case[0].model_dump_json() + case[1].model_dump_json()
        if key not in seen:
            if clock() > deadline:
                return False
            differs = _judge(oracle, *case)
            seen[key] = bool(differs) and not differs[0].startswith("oracle error:")
        return seen[key]

    shrunk = _find(cases, disagrees, max_examples, seed, shrink=True) or found
    return Report(oracle.name, Verdict.DISAGREE, max_examples, *shrunk, _judge(oracle, *shrunk))


def _find(
    cases: st.SearchStrategy[tuple[Environment, Operation]],
    condition: Callable[[tuple[Environment, Operation]], bool],
    max_examples: int,
    seed: int,
    *,
    shrink: bool,
) -> tuple[Environment, Operation] | None:
    phases = [Phase.generate, Phase.shrink] if shrink else [Phase.generate]
    config = settings(
        max_examples=max_examples,
        database=None,
        deadline=None,
        derandomize=False,  # `seed` decides the cases, whatever profile the caller has loaded
        phases=phases,
        suppress_health_check=list(HealthCheck),
    )
    try:
        with warnings.catch_warnings():
            # find() describes each case it keeps; a large environment makes that description long.
            warnings.simplefilter("ignore", HypothesisWarning)
            return find(cases, condition, settings=config, random=random.Random(seed))
    except (NoSuchExample, Flaky):
        # Flaky: the oracle answered one case two ways; the unshrunk case found first still stands.
        return None
