"""Oracles: implementations that answer "what happens?" for an environment and an operation.

An oracle is anything with a `name`, `covers()` (the statement ids it can judge) and
`evaluate(env, op) -> Outcome`. An oracle that also answers time-line questions says so with
`answers_timelines = True` and `simulate(question) -> Timeline` (`TimelineOracle`); one that does not is
never asked them, and the time-line scenarios are not covered for it. The reference oracle is the
model itself; other oracles (tools, preflight scripts, a live cluster) are compared with it on the
statements they cover.

Oracles are found by name: `reference`; `command:<command line>` for a tool that speaks the wire format
(`wire.py`, `command.py`); `module:attribute` for a Python object importable from the current folder
or the venv (an oracle, or a class or factory returning one); and any oracle another package registers
under the entry-point group `aks_backup_conformance.oracles` (an object, or a callable returning one),
by the entry point's name or the oracle's. Setting `AKS_BACKUP_CONFORMANCE_NO_PLUGINS=1` leaves the
entry points alone.
"""

from __future__ import annotations

import importlib
import os
import re
import sys
from importlib.metadata import entry_points
from typing import Protocol, runtime_checkable

from aks_backup_model.environment import Environment
from aks_backup_model.errors import ConformanceError, DuplicateRegistration
from aks_backup_model.lifecycle import Lifecycle, Timeline
from aks_backup_model.operations import Operation
from aks_backup_model.outcome import Outcome
from aks_backup_model.statements import STATEMENTS

from .wire import TimelineQuestion


@runtime_checkable
class Oracle(Protocol):
    name: str

    def covers(self) -> frozenset[str]:
        """The statement ids this oracle can judge."""
        ...

    def evaluate(self, env: Environment, op: Operation | None = None) -> Outcome:
        """What this oracle says happens."""
        ...


@runtime_checkable
class TimelineOracle(Oracle, Protocol):
    """An oracle that answers time-line questions too."""

    answers_timelines: bool
    """True when `simulate` answers; an oracle may carry the method and still decline (False)."""

    def simulate(self, question: TimelineQuestion) -> Timeline:
        """What this oracle says the policy makes of the question's events."""
        ...


def answers_timelines(oracle: Oracle) -> bool:
    """Whether `oracle` answers time-line questions (it says so, and it has `simulate`)."""
    return bool(getattr(oracle, "answers_timelines", False)) and callable(getattr(oracle, "simulate", None))


def simulate_reference(question: TimelineQuestion) -> Timeline:
    """The model's answer to a time-line question."""
    machine = Lifecycle(
        question.policy, vault=question.vault, tiering=question.tiering_mode, start=question.start
    )
    for event in question.events:
        machine.apply(event)
    if question.until is not None:
        machine.advance(question.until)
    return machine.timeline()


class UnknownOracle(ConformanceError, LookupError):
    """Raised when an oracle is asked for by a name no oracle registered."""


class OracleDeclines(ConformanceError):
    """Raised when an oracle is asked a question it declared it does not answer."""


class ReferenceOracle:
    """The executable reference model."""

    name = "reference"
    answers_timelines = True

    def covers(self) -> frozenset[str]:
        return frozenset(STATEMENTS)

    def evaluate(self, env: Environment, op: Operation | None = None) -> Outcome:
        from aks_backup_model.evaluate import evaluate

        return evaluate(env, op)

    def simulate(self, question: TimelineQuestion) -> Timeline:
        return simulate_reference(question)


class Restricted:
    """An oracle judged only on some of the statements it covers (`--covers` on the command line)."""

    def __init__(self, oracle: Oracle, statement_ids: frozenset[str]) -> None:
        self.oracle = oracle
        self.name = oracle.name
        self._covers = oracle.covers() & statement_ids
        self.answers_timelines = answers_timelines(oracle)

    def covers(self) -> frozenset[str]:
        return self._covers

    def __getattr__(self, name: str) -> object:
        # what the wrapped oracle offers beyond the protocol (the harness's `prepare`, `evidence`)
        return getattr(self.oracle, name)

    def evaluate(self, env: Environment, op: Operation | None = None) -> Outcome:
        return self.oracle.evaluate(env, op)

    def simulate(self, question: TimelineQuestion) -> Timeline:
        if not isinstance(self.oracle, TimelineOracle) or not self.answers_timelines:
            raise OracleDeclines(f"oracle {self.name} does not answer time-line questions")
        return self.oracle.simulate(question)


_REGISTRY: dict[str, Oracle] = {}


def register(oracle: Oracle) -> Oracle:
    """Make an oracle available by its name.

    Raises:
        DuplicateRegistration: another oracle has that name.
    """
    if oracle.name in _REGISTRY:
        raise DuplicateRegistration(f"an oracle named {oracle.name!r} is already registered")
    _REGISTRY[oracle.name] = oracle
    return oracle


ENTRY_POINT_GROUP = "aks_backup_conformance.oracles"
_plugins_loaded = False


def load_plugins() -> None:
    """Register the oracles other packages declare under `ENTRY_POINT_GROUP` (once).

    Raises:
        DuplicateRegistration: a plugin's oracle has the name of one already registered.
    """
    global _plugins_loaded
    if _plugins_loaded or os.environ.get("AKS_BACKUP_CONFORMANCE_NO_PLUGINS"):
        return
    _plugins_loaded = True
    for entry in entry_points(group=ENTRY_POINT_GROUP):
        oracle = register(_instance(entry.load()))
        if entry.name != oracle.name:
            _ALIASES.setdefault(entry.name, oracle.name)


_ALIASES: dict[str, str] = {}
"""Entry-point names that differ from their oracle's name -> the oracle's name."""


def _instance(loaded: object) -> Oracle:
    """A class or a factory function gives the oracle when called; an instance is the oracle."""
    is_instance = isinstance(loaded, Oracle) and not isinstance(loaded, type)
    made = loaded if is_instance or not callable(loaded) else loaded()
    if not isinstance(made, Oracle):
        raise UnknownOracle(f"{loaded!r} is not an oracle: it needs a name, covers() and evaluate(env, op)")
    return made


_OBJECT_SPEC = re.compile(
    r"^(?P<module>[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*):(?P<attribute>[A-Za-z_][\w]*(?:\.[A-Za-z_][\w]*)*)$"
)
"""`package.module:attribute` (the attribute may be dotted: `module:Class.factory`)."""


def from_object_spec(spec: str) -> Oracle:
    """The oracle `module:attribute` names, imported (the current folder first on the path, as for
    `python -m`).

    Raises:
        UnknownOracle: the module cannot be imported, has no such attribute, or it is not an oracle.
    """
    match = _OBJECT_SPEC.match(spec)
    if match is None:
        raise UnknownOracle(f"{spec!r} is not module:attribute")
    if "" not in sys.path and os.getcwd() not in sys.path:
        sys.path.insert(0, os.getcwd())
    try:
        loaded: object = importlib.import_module(match["module"])
    except ImportError as error:
        raise UnknownOracle(f"oracle {spec!r}: cannot import {match['module']!r} ({error})") from None
    for part in match["attribute"].split("."):
        if not hasattr(loaded, part):
            raise UnknownOracle(
                f"oracle {spec!r}: {match['module']!r} has no attribute {match['attribute']!r}"
            )
        loaded = getattr(loaded, part)
    return _instance(loaded)


def get(name: str, *, timeout: float | None = None, timelines: bool = False) -> Oracle:
    """The oracle called `name`: a registered one (an entry point's name or its oracle's),
    `command:<command line>`, `module:attribute`, or the cluster harness (`harness:emulator`,
    `harness:kind[:NAME]`).

    `timeout` (seconds per question) and `timelines` (the command answers time-line questions too)
    apply to a command oracle.

    Raises:
        UnknownOracle: no oracle has that name.
        ValueError: the command line is empty or the timeout is not positive.
    """
    if name.startswith("command:"):
        from .command import DEFAULT_TIMEOUT, CommandOracle

        return CommandOracle(
            name.removeprefix("command:"),
            timeout=DEFAULT_TIMEOUT if timeout is None else timeout,
            timelines=timelines,
        )
    if name.startswith("harness:"):
        from ..harness.oracle import harness_oracle

        return harness_oracle(name.removeprefix("harness:"))
    load_plugins()
    if name in _REGISTRY or name in _ALIASES:
        return _REGISTRY[_ALIASES.get(name, name)]
    if _OBJECT_SPEC.match(name):
        return from_object_spec(name)
    known = ", ".join(
        [*sorted(_REGISTRY), "command:<command line>", "module:attribute", "harness:emulator", "harness:kind"]
    )
    raise UnknownOracle(f"no oracle named {name!r}; known oracles: {known}")


def names() -> list[str]:
    """The names of the registered oracles (plugins included)."""
    load_plugins()
    return sorted(_REGISTRY)


register(ReferenceOracle())
