"""The rules: one function per statement, registered with `@rule("SM-...")`.

A rule reads the environment through a `Context` and yields `Finding`s; it never raises to say
"unsupported". The modules mirror the feature files (same stems) and are imported below so that
importing this package registers every rule, in document order of their modules.
"""

from __future__ import annotations

import importlib
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from functools import cached_property
from typing import Any, TypeAlias, TypeVar

from ..environment import Environment, Volume
from ..errors import DuplicateRegistration
from ..operations import ConfigureBackup, Operation
from ..outcome import Effect, Finding
from ..statements import STATEMENTS, statement
from ..tables import EXCLUDED_NAMESPACES

T = TypeVar("T")


class Context:
    """One evaluation: the environment, the operation, and facts several rules derive from them."""

    __slots__ = ("__dict__", "env", "op")

    def __init__(self, env: Environment, op: Operation) -> None:
        self.env = env
        self.op = op
        self._memo: dict[str, Any] = {}

    def memo(self, key: str, compute: Callable[[], T]) -> T:
        """`compute()` once per evaluation: facts that several rules of one area derive alike."""
        if key not in self._memo:
            self._memo[key] = compute()
        return self._memo[key]  # type: ignore[no-any-return]

    @property
    def kind(self) -> str:
        return self.op.kind

    @property
    def vault_tier(self) -> bool:
        """The policy asks for the Vault tier."""
        return self.env.policy.vault is not None

    @cached_property
    def selected_namespaces(self) -> frozenset[str] | None:
        """The namespaces the backup instance names, or None when it selects all of them."""
        names = self.env.backup_instance.namespaces
        return None if names is None else frozenset(names)

    def is_selected(self, namespace: str) -> bool:
        """Whether the backup instance takes this namespace (the excluded system ones never are)."""
        if namespace in EXCLUDED_NAMESPACES:
            return False
        selected = self.selected_namespaces
        return selected is None or namespace in selected

    @cached_property
    def backed_up_volumes(self) -> tuple[tuple[int, Volume], ...]:
        """(index, volume) of the volumes in the namespaces the backup instance takes."""
        return tuple((i, v) for i, v in enumerate(self.env.cluster.volumes) if self.is_selected(v.namespace))


RuleFunction: TypeAlias = Callable[[Context], Iterable[Finding]]


@dataclass(frozen=True, slots=True)
class Rule:
    statement_id: str
    operations: frozenset[str]
    function: RuleFunction

    @property
    def name(self) -> str:
        return f"{self.function.__module__}.{self.function.__qualname__}"


RULES: dict[str, Rule] = {}
"""Every rule by the statement id it carries."""


def rule(statement_id: str, *, on: Iterable[str]) -> Callable[[RuleFunction], RuleFunction]:
    """Register the decorated function as the rule of `statement_id`, run for the operations `on`.

    Raises:
        UnknownStatement: the id is not in the catalog.
        DuplicateRegistration: another function already carries the id.
    """
    statement(statement_id)

    def register(function: RuleFunction) -> RuleFunction:
        if statement_id in RULES:
            raise DuplicateRegistration(f"{statement_id} already has the rule {RULES[statement_id].name}")
        RULES[statement_id] = Rule(statement_id, frozenset(on), function)
        return function

    return register


def finding(
    statement_id: str, effect: Effect, subject: str, message: str, *, tier: str | None = None
) -> Finding:
    return Finding(statement_id, effect, subject, message, tier)


DEFAULT_OPERATION = ConfigureBackup()

# Importing the area modules registers their rules. They are imported in the order of the matrix's
# sections, which is the order findings are reported in.
AREAS = (
    "regions", "cluster", "volumes", "policy", "vault", "extension", "tooling", "backup_instance",
    "limits", "restore", "timing",
)  # fmt: skip
for _area in AREAS:
    importlib.import_module(f"{__name__}.{_area}")

__all__ = ["AREAS", "RULES", "STATEMENTS", "Context", "Rule", "rule"]
