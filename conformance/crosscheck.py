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
- every disagreement on a statement not seen before is a mistake of its own: the search goes on after
  it (up to `max_examples` cases asked), and each mistake is shrunk against the known-good baseline
  within a time budget (`minimise`: facts put back to the baseline's value while the disagreement
  holds, then each number left moved towards the baseline's). A mistake is printed as the baseline
  with the facts that matter changed.

Hypothesis draws the cases; it does not shrink them. Its shrinker can only start from a case it finds
itself, so each mistake would cost a replay of the whole search, and it shrinks towards its own
"simplest" values (an empty name, no volumes), which leave facts unknown or change them for no reason;
cutting down against the baseline keeps every fact stated and changes only those that matter.

The report says how many cases actually ran and how many times each covered statement was exercised
holding and broken (by the model's answer) and how often the oracle disagreed on it, so an agreement
over cases that never broke a statement reads as what it is.

This module is not part of the pure core: it drives Hypothesis.
"""

from __future__ import annotations

import contextlib
import enum
import random
import time
import warnings
from collections.abc import Callable, Iterable, Iterator
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

from .baseline import baseline
from .minimise import Fact, minimise
from .oracles import Oracle
from .oracles.wire import outcome_document

Case = tuple[Environment, Operation]

SEARCH = 5
"""Hypothesis draws up to this many cases per case asked of the oracle, to find ones that break the
covered statements."""

BROKEN_EFFECTS = frozenset({Effect.BLOCKS, Effect.SKIPS, Effect.NOT_COVERED, Effect.WARNS})
"""The effects that mean a statement's condition is not met in a case (it is "broken")."""

Progress = Callable[[str, int, int], None]
"""Told what the cross-check is doing: (what, done, total), e.g. ("cases", 12, 200)."""


class Verdict(enum.StrEnum):
    AGREE = "agree"
    """No case told the two apart."""
    DISAGREE = "disagree"
    """The oracle and the model answer differently on the statements the oracle covers."""
    ORACLE_ERROR = "oracle_error"
    """The oracle crashed, hung or answered with something that is not an answer to the request."""
    NONDETERMINISTIC = "nondeterministic"
    """The oracle answered the same case two ways."""


@dataclass(frozen=True)
class Difference:
    """One way two answers differ, with the covered statements it is about."""

    statements: frozenset[str]
    text: str


def compare(
    expected: Outcome, actual: Outcome, covers: frozenset[str], *, plans: bool = True
) -> list[Difference]:
    """How `actual` differs from `expected`, seen only through the statements in `covers`.

    Compared: the status the covered findings imply; each covered (statement, effect, subject); with
    `plans`, the destination of each volume and the inclusion of each namespace that a covered statement
    decides on either side (a plan the model has and the answer lacks is a difference). A status that
    differs is about the statements whose findings differ.
    """
    mine, theirs = expected.restrict(covers), actual.restrict(covers)
    keys = {(f.statement_id, f.effect.value, f.subject) for f in mine.findings}
    other = {(f.statement_id, f.effect.value, f.subject) for f in theirs.findings}
    found = [
        Difference(frozenset({s}), f"only the model: {s} {e} {subject}")
        for s, e, subject in sorted(keys - other)
    ]
    found += [
        Difference(frozenset({s}), f"only the oracle: {s} {e} {subject}")
        for s, e, subject in sorted(other - keys)
    ]
    if mine.status is not theirs.status:
        about = frozenset().union(*(d.statements for d in found)) if found else frozenset(covers)
        found.insert(0, Difference(about, f"status: model {mine.status.value}, oracle {theirs.status.value}"))
    if not plans:
        return found

    def volume(plan: Any) -> str:
        return (
            "no plan" if plan is None else f"{plan.destination.value} ({plan.statement_id or 'no statement'})"
        )

    model_volumes = {v.subject: v for v in expected.volumes}
    oracle_volumes = {v.subject: v for v in actual.volumes}
    for subject in sorted(model_volumes.keys() | oracle_volumes.keys()):
        a, b = model_volumes.get(subject), oracle_volumes.get(subject)
        decided = frozenset(p.statement_id for p in (a, b) if p is not None and p.statement_id) & covers
        if decided and (
            a is None or b is None or (a.destination, a.statement_id) != (b.destination, b.statement_id)
        ):
            found.append(Difference(decided, f"volume {subject}: model {volume(a)}, oracle {volume(b)}"))

    def namespace(plan: Any) -> str:
        if plan is None:
            return "no plan"
        return "included" if plan.included else f"left out ({plan.statement_id or 'no statement'})"

    model_namespaces = {n.name: n for n in expected.namespaces}
    oracle_namespaces = {n.name: n for n in actual.namespaces}
    for name in sorted(model_namespaces.keys() | oracle_namespaces.keys()):
        mine_ns, theirs_ns = model_namespaces.get(name), oracle_namespaces.get(name)
        decided = (
            frozenset(p.statement_id for p in (mine_ns, theirs_ns) if p is not None and p.statement_id)
            & covers
        )
        if decided and (
            mine_ns is None
            or theirs_ns is None
            or (mine_ns.included, mine_ns.statement_id) != (theirs_ns.included, theirs_ns.statement_id)
        ):
            found.append(
                Difference(
                    decided, f"namespace {name}: model {namespace(mine_ns)}, oracle {namespace(theirs_ns)}"
                )
            )
    return found


def differences(
    expected: Outcome, actual: Outcome, covers: frozenset[str], *, plans: bool = True
) -> list[str]:
    """`compare`, as lines."""
    return [d.text for d in compare(expected, actual, covers, plans=plans)]


def answer(outcome: Outcome, statements: Iterable[str], *, plans: bool = True) -> list[str]:
    """What `outcome` says through `statements`, as lines: the status, each finding, each plan."""
    keep = frozenset(statements)
    seen = outcome.restrict(keep)
    lines = [f"status through {', '.join(sorted(keep))}: {seen.status.value}"]
    lines += [f"{f.statement_id} {f.effect.value} {f.subject}: {f.message}" for f in seen.findings]
    if not seen.findings:
        lines.append("no finding about " + ", ".join(sorted(keep)))
    if plans:
        lines += [
            f"volume {v.subject} ({v.claim}): {v.destination.value} ({v.statement_id})"
            for v in outcome.volumes
            if v.statement_id in keep
        ]
        lines += [
            f"namespace {n.name}: {'included' if n.included else 'left out'} ({n.statement_id})"
            for n in outcome.namespaces
            if n.statement_id in keep
        ]
    return lines


@dataclass
class Exercised:
    """How many cases a statement applied to, with its condition met (holding) or not (broken), and in
    how many the oracle disagreed about it."""

    holding: int = 0
    broken: int = 0
    disagreed: int = 0


@dataclass(frozen=True)
class Mistake:
    """A disagreement on a statement, shrunk: the smallest case found that shows it."""

    statement_id: str
    """The statement the oracle disagrees about (the one this mistake was shrunk for)."""
    statements: tuple[str, ...]
    """Every covered statement the differences on the shrunk case are about."""
    environment: Environment
    """The whole shrunk environment (every fact stated: `check` reads it back)."""
    operation: Operation
    details: list[str]
    """The differences on the shrunk case that are about `statements`."""
    model: list[str]
    """The model's answer through `statements`."""
    oracle: list[str]
    """The oracle's answer through `statements`."""
    changes: tuple[Fact, ...] | None
    """The facts that matter: how `environment` differs from the known-good baseline (None: the case
    could not be cut down against the baseline; then `environment` is Hypothesis's shrunk case)."""
    minimal: bool = True
    """False when the time ran out before every fact was tried."""
    evidence: list[str] = field(default_factory=list)
    """What the oracle made of the case, when it says (the cluster harness: the objects it made)."""

    def to_dict(self) -> dict[str, Any]:
        return {
            "statement": self.statement_id,
            "statements": list(self.statements),
            "details": self.details,
            "model": self.model,
            "oracle": self.oracle,
            "changes": None if self.changes is None else [c.to_dict() for c in self.changes],
            "minimal": self.minimal,
            "environment": self.environment.model_dump(mode="json", exclude_none=False),
            "operation": self.operation.model_dump(mode="json"),
            "evidence": self.evidence,
        }


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
    """The first mistake's shrunk environment, or the case the oracle failed on."""
    operation: Operation | None = None
    details: list[str] = field(default_factory=list)
    """The first mistake's differences, the oracle's error, or what told two answers apart."""
    answers: list[dict[str, Any]] = field(default_factory=list)
    """For a nondeterministic oracle: the two answers it gave to the same case."""
    exercised: dict[str, Exercised] = field(default_factory=dict)
    """Per covered statement that applies to the operations drawn: holding, broken, disagreed counts."""
    stopped: str | None = None
    """Why the run ended before `examples` cases, if it did."""
    edition: str = DEFAULT_EDITION
    """The edition the random environments were judged by."""
    mistakes: list[Mistake] = field(default_factory=list)
    """Each statement the oracle disagrees about, with its shrunk case (first found first)."""

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
                k: {"holding": v.holding, "broken": v.broken, "disagreed": v.disagreed}
                for k, v in sorted(self.exercised.items())
            },
            "environment": self.environment.model_dump(mode="json", exclude_defaults=True)
            if self.environment is not None
            else None,
            "operation": self.operation.model_dump(mode="json") if self.operation is not None else None,
            "mistakes": [m.to_dict() for m in self.mistakes],
        }


@dataclass
class _Fault:
    verdict: Verdict
    case: Case
    details: list[str]
    answers: list[dict[str, Any]] = field(default_factory=list)


class _Session:
    """Asks the oracle, remembers every answer by case, and notices faults."""

    def __init__(self, oracle: Oracle, asks: int, plans: bool) -> None:
        self.oracle = oracle
        self.covers = oracle.covers()
        self.asks = asks
        self.plans = plans
        self.answers: dict[str, tuple[Outcome, list[Difference]]] = {}
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

    def judge(self, case: Case, asks: int | None = None) -> list[Difference] | None:
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
        found = compare(expected, first, self.covers, plans=self.plans)
        self.answers[key] = (first, found)
        if self.counting:
            self.cases += 1
            self._count(expected, case[1].kind, found)
        return found

    def oracle_answer(self, case: Case) -> Outcome:
        return self.answers[self.key(case)][0]

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

    def _count(self, expected: Outcome, kind: str, found: list[Difference]) -> None:
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
        for statement_id in frozenset().union(*(d.statements for d in found)) if found else ():
            self.exercised.setdefault(statement_id, Exercised()).disagreed += 1


def _about(found: list[Difference]) -> frozenset[str]:
    return frozenset().union(*(d.statements for d in found)) if found else frozenset()


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
    unknowns: bool = True,
    plans: bool = True,
    max_mistakes: int = 0,
    progress: Progress | None = None,
) -> Report:
    """Compare `oracle` with the model on up to `max_examples` random environments and operations.

    The same `seed` draws the same cases. `kinds` limits the operation kinds (default: all); `cases`
    replaces the whole strategy; `unknowns=False` draws only environments that state every fact (for a
    tool that needs complete input); `plans=False` compares the status and the findings only (for a tool
    that gives no volume or namespace plans). Each case is asked `asks` times, each disagreement found
    and its shrunk case `confirm` times more. Each mistake (a statement disagreed about, first case
    first; at most `max_mistakes` of them, 0: no limit) is shrunk against the baseline for at most
    `shrink_seconds` (an oracle that runs a command costs a process per question). `progress` hears how
    far the run is.
    """
    if asks < 1 or confirm < 0 or max_mistakes < 0:
        raise ValueError("asks must be at least 1, confirm and max_mistakes at least 0")
    if cases is None:
        # an oracle that can only hold some environments (the cluster harness: names Kubernetes accepts,
        # clusters small enough to create per case) gives its own strategy; the model is asked the same
        own = getattr(oracle, "environments", None)
        drawn = (
            own(edition=edition)
            if callable(own)
            else environments(operations=st.none(), edition=edition, unknowns=unknowns)
        )
        cases = st.tuples(drawn, operations(kinds=kinds))
    session = _Session(oracle, asks, plans)
    tell: Progress = progress or (lambda what, done, total: None)

    # The oracle is asked `max_examples` cases; Hypothesis draws up to SEARCH times as many, weighed by
    # the model alone, so that at most half of the cases asked break none of the covered statements:
    # an oracle is only tested on a statement in the cases where it is broken.
    holding_quota = max_examples - max_examples // 2
    pending: list[tuple[str, Case]] = []
    """(statement, the first case disagreeing about it), in the order found."""

    def search(case: Case) -> bool:
        if session.fault is not None:
            return True
        if session.key(case) not in session.answers:
            if session.cases >= max_examples:
                raise _Stop
            if not session.breaks(case):
                if session.holding_only >= holding_quota:
                    return False
                session.holding_only += 1
        counted = session.cases
        found = session.judge(case)
        if session.cases != counted:
            tell("cases", session.cases, max_examples)
        if found is None:
            return True
        known = {s for s, _ in pending}
        for statement_id in sorted(_about(found) - known):
            pending.append((statement_id, case))
            if max_mistakes and len(pending) >= max_mistakes:
                raise _Stop
        return False

    try:
        _find(cases, search, max_examples * SEARCH, seed)
        stopped = None
    except _Stop:
        stopped = "" if session.cases >= max_examples else f"stopped after {max_mistakes} mistakes"
    session.counting = False

    def report(verdict: Verdict, case: Case | None, details: list[str], **extra: Any) -> Report:
        env, op = case if case is not None else (None, None)
        return Report(oracle.name, verdict, max_examples, session.cases, env, op, details,
                      exercised=session.exercised, edition=edition, **extra)  # fmt: skip

    def fault_report(found: list[Mistake]) -> Report:
        fault = session.fault
        assert fault is not None
        why = {
            Verdict.ORACLE_ERROR: "stopped at the first oracle error",
            Verdict.NONDETERMINISTIC: "stopped: the oracle answered one case two ways",
        }[fault.verdict]
        return report(
            fault.verdict, fault.case, fault.details, answers=fault.answers, stopped=why, mistakes=found
        )

    if session.fault is not None:
        return fault_report([])
    if not pending:
        return report(Verdict.AGREE, None, [], stopped=stopped or None)

    mistakes: list[Mistake] = []
    base = baseline(edition)
    holds = getattr(oracle, "can_hold", None)
    for index, (statement_id, found) in enumerate(pending):
        tell(f"shrinking {statement_id}", index, len(pending))
        if not session.confirm(found, confirm):
            return fault_report(mistakes)
        environment, op = found
        deadline = clock() + shrink_seconds

        def shows(env: Environment, op: Operation = op, statement_id: str = statement_id) -> bool:
            if callable(holds) and not holds(env):
                return False  # an environment the oracle cannot be asked about (the harness: not makeable)
            found = session.judge((env, op), asks=1)
            return found is not None and statement_id in _about(found)

        def out_of_time(deadline: float = deadline) -> bool:
            return clock() > deadline

        cut = minimise(base, environment, shows, out_of_time=out_of_time)
        if session.fault is not None:
            return fault_report(mistakes)
        final = (cut.environment, op) if cut is not None else found
        if final is not found and not session.confirm(final, confirm):
            return fault_report(mistakes)
        mistakes.append(_mistake(session, oracle, final, statement_id, cut.changes if cut else None,
                                 cut.complete if cut else False))  # fmt: skip
    tell("done", len(pending), len(pending))
    first = mistakes[0]
    return report(
        Verdict.DISAGREE,
        (first.environment, first.operation),
        [*first.details, *first.evidence],
        stopped=stopped or None,
        mistakes=mistakes,
    )


def _mistake(
    session: _Session,
    oracle: Oracle,
    case: Case,
    statement_id: str,
    changes: tuple[Fact, ...] | None,
    minimal: bool,
) -> Mistake:
    found = session.judge(case, asks=1) or []
    about = [d for d in found if statement_id in d.statements]
    statements = tuple(sorted(_about(about)))
    evidence: list[str] = []
    show = getattr(oracle, "evidence", None)
    if callable(show):
        # what the oracle made of the shrunk case (the harness: the objects it created in the cluster)
        evidence = list(show(case[0]))
    return Mistake(
        statement_id,
        statements,
        case[0],
        case[1],
        [d.text for d in about],
        answer(session.expected(case), statements, plans=session.plans),
        answer(session.oracle_answer(case), statements, plans=session.plans),
        changes,
        minimal,
        evidence,
    )


class _Stop(BaseException):
    """Raised inside Hypothesis to end the search: enough cases asked, or enough mistakes found (a
    BaseException passes through Hypothesis)."""


@contextlib.contextmanager
def _same_draws() -> Iterator[None]:
    """The same seed draws the same cases whatever modules are loaded.

    Hypothesis (6.131 on) now and then draws a constant found in the source of the "local" modules
    already imported (`_get_local_constants`), so the cases of one seed changed with what the process
    had imported before (a test run against the command line). During a cross-check that pool is left
    empty. The hook is internal to Hypothesis: where it is missing, nothing is changed."""
    try:
        from hypothesis.internal.conjecture import providers
    except ImportError:  # pragma: no cover - another Hypothesis layout
        yield
        return
    original = getattr(providers, "_get_local_constants", None)
    if original is None or not hasattr(providers, "Constants"):  # pragma: no cover
        yield
        return
    empty = providers.Constants()
    cache = getattr(getattr(providers, "CONSTANTS_CACHE", None), "cache", None)
    providers._get_local_constants = lambda: empty
    if cache is not None:
        cache.clear()  # the allowed constants per type, computed with the local ones
    try:
        yield
    finally:
        providers._get_local_constants = original
        if cache is not None:
            cache.clear()


def _find(
    cases: st.SearchStrategy[Case],
    condition: Callable[[Case], bool],
    max_examples: int,
    seed: int,
) -> Case | None:
    """Draw up to `max_examples` cases (generation only: mistakes are cut down by `minimise`)."""
    config = settings(
        max_examples=max_examples,
        database=None,
        deadline=None,
        derandomize=False,  # `seed` decides the cases, whatever profile the caller has loaded
        phases=[Phase.generate],
        suppress_health_check=list(HealthCheck),
    )
    try:
        with warnings.catch_warnings(), _same_draws():
            # find() describes each case it keeps; a large environment makes that description long.
            warnings.simplefilter("ignore", HypothesisWarning)
            return find(cases, condition, settings=config, random=random.Random(seed))
    except (NoSuchExample, Flaky):
        # Flaky cannot come from the oracle (answers are cached per case); NoSuchExample is agreement.
        return None


def replay(oracle: Oracle, env: Environment, op: Operation, *, plans: bool = True, asks: int = 2) -> Report:
    """Ask the model and `oracle` about one case (a saved counterexample) and compare the answers.

    The mistakes, one per statement the answers differ about, list how `env` differs from the baseline
    (not cut down: the case is taken as it is)."""
    from .minimise import facts

    session = _Session(oracle, asks, plans)
    session.counting = False  # one case: no per-statement counts
    case = (env, op)
    found = session.judge(case)
    if session.fault is not None:
        fault = session.fault
        return Report(oracle.name, fault.verdict, 1, 1, env, op, fault.details,
                      answers=fault.answers, edition=env.edition)  # fmt: skip
    assert found is not None
    # the file states its date and operation; against a baseline with the same, only the facts show
    base = baseline(env.edition).model_copy(update={"as_of": env.date, "operation": env.operation})
    seen = env.model_copy(update={"as_of": env.date})
    changes = tuple(facts(base.model_dump(mode="json"), seen.model_dump(mode="json")))
    mistakes = [
        _mistake(session, oracle, case, statement_id, changes, True) for statement_id in sorted(_about(found))
    ]
    verdict = Verdict.DISAGREE if mistakes else Verdict.AGREE
    return Report(oracle.name, verdict, 1, 1, env if mistakes else None, op if mistakes else None,
                  [d.text for d in found], edition=env.edition, mistakes=mistakes)  # fmt: skip


def counterexample(mistake: Mistake, header: Iterable[str]) -> str:
    """The text of a counterexample file: comment lines (`header`), then the whole environment as YAML
    with its date (`as_of`) and its operation, so that `check FILE` judges exactly this case."""
    import yaml

    env = mistake.environment.model_copy(update={"as_of": mistake.environment.date, "operation": None})
    data = env.model_dump(mode="json", exclude_defaults=True)
    # the edition is stated even when it is the default; the operation whole (its kind has a default too)
    data = {"edition": env.edition, **data, "operation": mistake.operation.model_dump(mode="json")}
    comments = "".join(f"# {line}\n" if line else "#\n" for line in header)
    return comments + yaml.safe_dump(data, sort_keys=False, allow_unicode=True)
