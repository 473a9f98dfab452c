"""The rules: one function per statement, registered with `@rule("SM-...")`.

A rule reads the environment through a `Context` and yields `Finding`s; it never raises to say
"unsupported". When the rule would block, skip or put the operation outside support depending on a fact
the environment does not give (`None`), it yields `cannot_tell(...)` naming that field instead of
guessing; a rule that could only inform or warn stays silent about what it cannot know. The modules mirror the feature files (same stems) and are imported below so that
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
from ..labels import Selector, parse_selector
from ..operations import ConfigureBackup, Operation
from ..outcome import Effect, Finding
from ..statements import STATEMENTS, statement
from ..tables import EXCLUDED_NAMESPACES, VOLUME_TYPE_DRIVERS, EditionTables, for_edition
from ..unknowns import where_to_find

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

    @cached_property
    def tables(self) -> EditionTables:
        """The tables of the edition the environment is judged by."""
        return for_edition(self.env.edition)

    @property
    def vault_tier(self) -> bool | None:
        """The policy asks for the Vault tier (None: the policy is not given)."""
        policy = self.env.policy
        return None if policy is None else policy.vault is not None

    @cached_property
    def selected_namespaces(self) -> frozenset[str] | None:
        """The namespaces the backup instance names, or None when it selects all of them."""
        names = self.env.backup_instance.namespaces
        return None if names is None else frozenset(names)

    @cached_property
    def _excluded(self) -> frozenset[str]:
        return frozenset(self.env.backup_instance.excluded_namespaces)

    def is_selected(self, namespace: str) -> bool:
        """Whether the backup instance takes this namespace: named (or all named), not excluded by the
        instance, and not one of the system namespaces that are never taken (SM-UNS-08)."""
        selected = self.selected_namespaces
        return (
            namespace not in EXCLUDED_NAMESPACES
            and namespace not in self._excluded
            and (selected is None or namespace in selected)
        )

    @cached_property
    def _selectors(self) -> tuple[Selector, ...]:
        return tuple(parse_selector(s) for s in self.env.backup_instance.label_selectors)

    @cached_property
    def _type_drivers(self) -> frozenset[str] | None:
        types = self.env.backup_instance.included_volume_types
        if types is None:
            return None
        return frozenset(driver for t in types for driver in VOLUME_TYPE_DRIVERS[t])

    def takes(self, volume: Volume) -> bool | None:
        """Whether the backup instance takes the volume: its namespace is selected, its claim's labels
        match the label selectors, and its type is among the included volume types. None when that
        depends on the volume's driver, which is not given."""
        if not self.is_selected(volume.namespace):
            return False
        if self._selectors and not all(select(volume.labels) for select in self._selectors):
            return False
        drivers = self._type_drivers
        if drivers is None:
            return True
        if volume.driver is None:
            return None
        return volume.driver in drivers

    @cached_property
    def volumes(self) -> tuple[Volume, ...]:
        """The cluster's volumes (none when they are not given)."""
        return self.env.cluster.volumes or ()

    @cached_property
    def candidate_volumes(self) -> tuple[tuple[int, Volume], ...]:
        """(index, volume) of the volumes the backup instance takes or may take (see `takes`)."""
        return tuple((i, v) for i, v in enumerate(self.volumes) if self.takes(v) is not False)

    @cached_property
    def backed_up_volumes(self) -> tuple[tuple[int, Volume], ...]:
        """(index, volume) of the volumes the backup instance takes."""
        return tuple((i, v) for i, v in self.candidate_volumes if self.takes(v))


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


def cannot_tell(statement_id: str, subject: str, question: str) -> Finding:
    """The finding of a statement that needs the fact at `subject`, which the environment does not give:
    `question` says what it cannot tell ("whether the cluster's identity is a managed one")."""
    return Finding(
        statement_id,
        Effect.CANNOT_TELL,
        subject,
        f"cannot tell {question}: {subject} is not given (source: {where_to_find(subject)}).",
    )


DEFAULT_OPERATION = ConfigureBackup()

# Importing the area modules registers their rules. They are imported in the order of the matrix's
# sections, which is the order findings are reported in.
AREAS = (
    "regions", "cluster", "volumes", "files", "policy", "vault", "extension", "tooling", "backup_instance",
    "limits", "restore", "timing",
)  # fmt: skip
for _area in AREAS:
    importlib.import_module(f"{__name__}.{_area}")

__all__ = ["AREAS", "RULES", "STATEMENTS", "Context", "Rule", "cannot_tell", "rule"]
