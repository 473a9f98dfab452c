"""Oracles: implementations that answer "what happens?" for an environment and an operation.

An oracle is anything with a `name`, `covers()` (the statement ids it can judge) and
`evaluate(env, op) -> Outcome`. The reference oracle is the model itself; other oracles (tools,
preflight scripts, a live cluster) are compared with it on the statements they cover.
"""

from __future__ import annotations

from typing import Protocol, runtime_checkable

from ..environment import Environment
from ..errors import ConformanceError, DuplicateRegistration
from ..operations import Operation
from ..outcome import Outcome
from ..statements import STATEMENTS


@runtime_checkable
class Oracle(Protocol):
    name: str

    def covers(self) -> frozenset[str]:
        """The statement ids this oracle can judge."""
        ...

    def evaluate(self, env: Environment, op: Operation | None = None) -> Outcome:
        """What this oracle says happens."""
        ...


class UnknownOracle(ConformanceError, LookupError):
    """Raised when an oracle is asked for by a name no oracle registered."""


class ReferenceOracle:
    """The executable reference model."""

    name = "reference"

    def covers(self) -> frozenset[str]:
        return frozenset(STATEMENTS)

    def evaluate(self, env: Environment, op: Operation | None = None) -> Outcome:
        from ..evaluate import evaluate

        return evaluate(env, op)


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


def get(name: str) -> Oracle:
    """The oracle registered under `name`.

    Raises:
        UnknownOracle: no oracle has that name.
    """
    try:
        return _REGISTRY[name]
    except KeyError:
        known = ", ".join(sorted(_REGISTRY))
        raise UnknownOracle(f"no oracle named {name!r}; known oracles: {known}") from None


def names() -> list[str]:
    return sorted(_REGISTRY)


register(ReferenceOracle())
