"""Cross-check an oracle against the reference model on random environments, shrinking what differs.

Hypothesis draws environments and operations (`strategies`), both the model and the oracle answer,
and the answers are compared on the statements the oracle covers. The result is a value, never an
exception, and a fault of the oracle is never read as agreement:

- every case is asked `asks` times (default 2), and the disagreement found and the one it shrinks to
  are each asked `confirm` times more (default 5): an oracle that answers one case two ways is
  `NONDETERMINISTIC`, with both answers;
- an oracle that crashes, hangs past its timeout or answers with something that is not an answer to
  the request is an `ORACLE_ERROR`, reported on the first case that raised it (the run stops there);
- answers are cached per case, so Hypothesis never sees a case answered two ways (its `Flaky`);
- cases are weighed by the model before the oracle is asked: at most half of the cases asked break
  none of the covered statements (Hypothesis draws up to `SEARCH` cases per case asked);
- the first disagreement is shrunk to a small environment within a time budget.

The report says how many cases actually ran and how many times each covered statement was exercised
holding and broken (by the model's answer), so an agreement over cases that never broke a statement
reads as what it is.

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

from aks_backup_model.editions import DEFAULT_EDITION
from aks_backup_model.environment import Environment
from aks_backup_model.evaluate import evaluate
from aks_backup_model.operations import Operation
from aks_backup_model.outcome import Effect, Outcome
from aks_backup_model.rules import RULES
from aks_backup_model.strategies import environments, operations

from .oracles import Oracle
from .oracles.wire import outcome_document

Case = tuple[Environment, Operation]

SEARCH = 5
"""Hypothesis draws up to this many cases per case asked of the oracle, to find ones that break the
covered statements."""

BROKEN_EFFECTS = frozenset({Effect.BLOCKS, Effect.SKIPS, Effect.NOT_COVERED, Effect.WARNS})
"""The effects that mean a statement's condition is not met in a case (it is "broken")."""


class Verdict(enum.StrEnum):
    AGREE = "agree"
    """No case told the two apart."""
    DISAGREE = "disagree"
    """The oracle and the model answer differently on the statements the oracle covers."""
    ORACLE_ERROR = "oracle_error"
    """The oracle crashed, hung or answered with something that is not an answer to the request."""
    NONDETERMINISTIC = "nondeterministic"
    """The oracle answered the same case two ways."""


def differences(expected: Outcome, actual: Outcome, covers: frozenset[str]) -> list[str]:
    """How `actual` differs from `expected`, seen only through the statements in `covers`.

    Compared: the status the covered findings imply; each covered (statement, effect, subject); the
    destination of each volume and the inclusion of each namespace that a covered statement decides
    on either side (a plan the model has and the answer lacks is a difference).
    """
    mine, theirs = expected.restrict(covers), actual.restrict(covers)
    found = []
    if mine.status is not theirs.status:
        found.append(f"status: model {mine.status.value}, oracle {theirs.status.value}")
    keys = {(f.statement_id, f.effect.value, f.subject) for f in mine.findings}
    other = {(f.statement_id, f.effect.value, f.subject) for f in theirs.findings}
    found += [f"only the model: {s} {e} {subject}" for s, e, subject in sorted(keys - other)]
    found += [f"only the oracle: {s} {e} {subject}" for s, e, subject in sorted(other - keys)]

    def volume(plan: Any) -> str:
        return (
            "no plan" if plan is None else f"{plan.destination.value} ({plan.statement_id or 'no statement'})"
        )

    model_volumes = {v.subject: v for v in expected.volumes}
    oracle_volumes = {v.subject: v for v in actual.volumes}
    for subject in sorted(model_volumes.keys() | oracle_volumes.keys()):
        a, b = model_volumes.get(subject), oracle_volumes.get(subject)
        decided = {p.statement_id for p in (a, b) if p is not None} & covers
        if decided and (
            a is None or b is None or (a.destination, a.statement_id) != (b.destination, b.statement_id)
        ):
            found.append(f"volume {subject}: model {volume(a)}, oracle {volume(b)}")

    def namespace(plan: Any) -> str:
        if plan is None:
            return "no plan"
        return "included" if plan.included else f"left out ({plan.statement_id or 'no statement'})"

    model_namespaces = {n.name: n for n in expected.namespaces}
    oracle_namespaces = {n.name: n for n in actual.namespaces}
    for name in sorted(model_namespaces.keys() | oracle_namespaces.keys()):
        mine_ns, theirs_ns = model_namespaces.get(name), oracle_namespaces.get(name)
        decided = {p.statement_id for p in (mine_ns, theirs_ns) if p is not None} & covers
        if decided and (
            mine_ns is None
            or theirs_ns is None
            or (mine_ns.included, mine_ns.statement_id) != (theirs_ns.included, theirs_ns.statement_id)
        ):
            found.append(f"namespace {name}: model {namespace(mine_ns)}, oracle {namespace(theirs_ns)}")
    return found


@dataclass
class Exercised:
    """How many cases a statement applied to, with its condition met (holding) or not (broken)."""

    holding: int = 0
    broken: int = 0


@dataclass(frozen=True)
class Report:
    """The result of a cross-check."""

    oracle: str
    verdict: Verdict
    examples: int
    """How many random cases were allowed (`max_examples`)."""
    cases: int = 0
    """How many distinct cases were actually asked of both (generation only, shrinking not counted)."""
    environment: Environment | None = None
    """The (shrunk) environment that tells the two apart, or the case the oracle failed on."""
    operation: Operation | None = None
    details: list[str] = field(default_factory=list)
    """The differences, the oracle's error, or what told two answers apart."""
    answers: list[dict[str, Any]] = field(default_factory=list)
    """For a nondeterministic oracle: the two answers it gave to the same case."""
    exercised: dict[str, Exercised] = field(default_factory=dict)
    """Per covered statement that applies to the operations drawn: holding and broken counts."""
    stopped: str | None = None
    edition: str = DEFAULT_EDITION
    """The edition the random environments were judged by."""
    """Why the run ended before `examples` cases, if it did."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "oracle": self.oracle,
            "edition": self.edition,
            "verdict": self.verdict.value,
            "examples": self.examples,
            "cases": self.cases,
            "stopped": self.stopped,
            "details": self.details,
            "answers": self.answers,
            "exercised": {
                k: {"holding": v.holding, "broken": v.broken} for k, v in sorted(self.exercised.items())
            },
            "environment": self.environment.model_dump(mode="json", exclude_defaults=True)
            if self.environment is not None
            else None,
            "operation": self.operation.model_dump(mode="json") if self.operation is not None else None,
        }


@dataclass
class _Fault:
    verdict: Verdict
    case: Case
    details: list[str]
    answers: list[dict[str, Any]] = field(default_factory=list)


class _Session:
    """Asks the oracle, remembers every answer by case, and notices faults."""

    def __init__(self, oracle: Oracle, asks: int) -> None:
        self.oracle = oracle
        self.covers = oracle.covers()
        self.asks = asks
        self.answers: dict[str, tuple[Outcome, list[str]]] = {}
        self.fault: _Fault | None = None
        self.exercised: dict[str, Exercised] = {}
        self.counting = True
        self.cases = 0
        self.holding_only = 0
        self._expected: dict[str, Outcome] = {}

    @staticmethod
    def key(case: Case) -> str:
        return case[0].model_dump_json() + case[1].model_dump_json()

    def _ask(self, case: Case) -> Outcome | None:
        try:
            return self.oracle.evaluate(*case)
        except Exception as error:  # an oracle's failure, whatever it raised, is a fault of the oracle
            detail = str(error) if str(error).startswith("oracle ") else f"{type(error).__name__}: {error}"
            self.fault = _Fault(Verdict.ORACLE_ERROR, case, [f"oracle error: {detail}"])
            return None

    def _same(self, case: Case, first: Outcome, again: Outcome) -> bool:
        if differences(first, again, self.covers) or differences(again, first, self.covers):
            self.fault = _Fault(
                Verdict.NONDETERMINISTIC,
                case,
                ["the oracle answered the same case two ways:", *differences(first, again, self.covers)],
                [outcome_document(first), outcome_document(again)],
            )
            return False
        return True

    def judge(self, case: Case, asks: int | None = None) -> list[str] | None:
        """The differences on `case` (empty: agreement), or None once a fault was found."""
        if self.fault is not None:
            return None
        key = self.key(case)
        if key in self.answers:
            return self.answers[key][1]
        first = self._ask(case)
        if first is None:
            return None
        for _ in range((asks or self.asks) - 1):
            again = self._ask(case)
            if again is None or not self._same(case, first, again):
                return None
        expected = self.expected(case)
        found = differences(expected, first, self.covers)
        self.answers[key] = (first, found)
        if self.counting:
            self.cases += 1
            self._count(expected, case[1].kind)
        return found

    def expected(self, case: Case) -> Outcome:
        """The model's answer to `case` (remembered, since cases are weighed before they are asked)."""
        key = self.key(case)
        if key not in self._expected:
            self._expected[key] = evaluate(*case)
        return self._expected[key]

    def breaks(self, case: Case) -> bool:
        """Whether the model finds a covered statement broken in `case`."""
        return any(
            f.effect in BROKEN_EFFECTS and f.statement_id in self.covers for f in self.expected(case).findings
        )

    def confirm(self, case: Case, times: int) -> bool:
        """Ask `case` again `times` times; False when an answer differs from the first (a fault)."""
        first = self.answers[self.key(case)][0]
        for _ in range(times):
            again = self._ask(case)
            if again is None or not self._same(case, first, again):
                return False
        return True

    def _count(self, expected: Outcome, kind: str) -> None:
        effects: dict[str, set[Effect]] = {}
        for f in expected.findings:
            effects.setdefault(f.statement_id, set()).add(f.effect)
        for statement_id in self.covers:
            rule = RULES.get(statement_id)
            if rule is None or kind not in rule.operations:
                continue
            seen = effects.get(statement_id, set())
            entry = self.exercised.setdefault(statement_id, Exercised())
            if seen & BROKEN_EFFECTS:
                entry.broken += 1
            elif seen <= {Effect.INFORMS}:
                entry.holding += 1


def crosscheck(
    oracle: Oracle,
    *,
    max_examples: int = 100,
    seed: int = 0,
    kinds: list[str] | None = None,
    cases: st.SearchStrategy[Case] | None = None,
    shrink_seconds: float = 60.0,
    asks: int = 2,
    confirm: int = 5,
    clock: Callable[[], float] = time.monotonic,
    edition: str = DEFAULT_EDITION,
) -> Report:
    """Compare `oracle` with the model on up to `max_examples` random environments and operations.

    The same `seed` draws the same cases. `kinds` limits the operation kinds (default: all); `cases`
    replaces the whole strategy. Each case is asked `asks` times, the disagreement found and the
    shrunk one `confirm` times more; a disagreement is shrunk for at most `shrink_seconds` (an oracle that runs a command
    costs a process per question).
    """
    if asks < 1 or confirm < 0:
        raise ValueError("asks must be at least 1 and confirm at least 0")
    if cases is None:
        # an oracle that can only hold some environments (the cluster harness: names Kubernetes accepts,
        # clusters small enough to create per case) gives its own strategy; the model is asked the same
        own = getattr(oracle, "environments", None)
        drawn = own(edition=edition) if callable(own) else environments(operations=st.none(), edition=edition)
        cases = st.tuples(drawn, operations(kinds=kinds))
    session = _Session(oracle, asks)

    # The oracle is asked `max_examples` cases; Hypothesis draws up to SEARCH times as many, weighed by
    # the model alone, so that at most half of the cases asked break none of the covered statements:
    # an oracle is only tested on a statement in the cases where it is broken.
    holding_quota = max_examples - max_examples // 2

    def differs(case: Case) -> bool:
        if session.fault is None and session.key(case) not in session.answers:
            if session.cases >= max_examples:
                raise _Stop
            if not session.breaks(case):
                if session.holding_only >= holding_quota:
                    return False
                session.holding_only += 1
        found = session.judge(case)
        return found is None or bool(found)

    try:
        found = _find(cases, differs, max_examples * SEARCH, seed, shrink=False)
    except _Stop:
        found = None
    session.counting = False

    def report(verdict: Verdict, case: Case | None, details: list[str], **extra: Any) -> Report:
        env, op = case if case is not None else (None, None)
        return Report(oracle.name, verdict, max_examples, session.cases, env, op, details,
                      exercised=session.exercised, edition=edition, **extra)  # fmt: skip

    def fault_report() -> Report:
        fault = session.fault
        assert fault is not None
        stopped = {
            Verdict.ORACLE_ERROR: "stopped at the first oracle error",
            Verdict.NONDETERMINISTIC: "stopped: the oracle answered one case two ways",
        }[fault.verdict]
        return report(fault.verdict, fault.case, fault.details, answers=fault.answers, stopped=stopped)

    if session.fault is not None:
        return fault_report()
    if found is None:
        return report(Verdict.AGREE, None, [])
    if not session.confirm(found, confirm):
        return fault_report()

    deadline = clock() + shrink_seconds
    smallest = [found]

    def disagrees(case: Case) -> bool:
        # Past the budget the shrinker is stopped (`_Stop` leaves Hypothesis at once) and the
        # smallest disagreement found so far stands; cases already judged keep their (cached) answer.
        if session.fault is not None:
            return False
        if session.key(case) not in session.answers and clock() > deadline:
            raise _Stop
        if session.judge(case, asks=1):
            smallest[0] = case
            return True
        return False

    try:
        shrunk = _find(cases, disagrees, max_examples, seed, shrink=True) or smallest[0]
    except _Stop:
        shrunk = smallest[0]
    if session.fault is not None or (shrunk is not found and not session.confirm(shrunk, confirm)):
        return fault_report()
    details = list(session.answers[session.key(shrunk)][1])
    evidence = getattr(oracle, "evidence", None)
    if callable(evidence):
        # what the oracle made of the shrunk case (the harness: the objects it created in the cluster)
        details.extend(evidence(shrunk[0]))
    return report(Verdict.DISAGREE, shrunk, details, stopped="stopped at the first disagreement")


class _Stop(BaseException):
    """Raised inside Hypothesis to end a search: enough cases asked, or shrinking out of time (a
    BaseException passes through Hypothesis)."""


def _find(
    cases: st.SearchStrategy[Case],
    condition: Callable[[Case], bool],
    max_examples: int,
    seed: int,
    *,
    shrink: bool,
) -> Case | None:
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
        # Flaky cannot come from the oracle (answers are cached per case); NoSuchExample is agreement.
        return None
