"""The few error types of the package. None of them expresses a verdict: "unsupported" is a value."""

from __future__ import annotations

import difflib
from collections.abc import Iterable


class ConformanceError(Exception):
    """Base class of the errors raised by aks-backup-conformance (never used to express a verdict)."""


class UnknownStatement(ConformanceError, KeyError):
    """Raised when a rule, a scenario tag, an oracle or a user names a statement id not in the catalog."""

    def __init__(self, statement_id: str, *, known: Iterable[str] = ()) -> None:
        close = difflib.get_close_matches(statement_id, list(known), n=1)
        hint = f" Did you mean {close[0]!r}?" if close else ""
        self.statement_id = statement_id
        super().__init__(f"statement id {statement_id!r} is not in the catalog.{hint}")

    def __str__(self) -> str:
        return str(self.args[0])


class UnknownEdition(ConformanceError, KeyError):
    """Raised when a user or a caller names an edition of the matrix the project does not read."""

    def __init__(self, name: str, *, known: Iterable[str] = ()) -> None:
        self.name = name
        names = list(known)
        super().__init__(f"edition {name!r} is not an edition of the matrix; known: {', '.join(names)}")

    def __str__(self) -> str:
        return str(self.args[0])


class DuplicateRegistration(ConformanceError):
    """Raised when two rules claim the same statement id, or two oracles the same name."""


class InvalidInput(ConformanceError, ValueError):
    """Raised when an environment or policy file cannot be read into the model.

    Each problem names the field path, the value found and what was expected.
    """

    def __init__(self, source: str, problems: list[tuple[str, object, str]]) -> None:
        self.source = source
        self.problems = problems
        lines = [f"{source}: {len(problems)} problem(s)"]
        for path, value, expected in problems:
            shown = "" if value is _MISSING else f" = {value!r}"
            lines.append(f"  {path or '(top level)'}{shown}: {expected}")
        super().__init__("\n".join(lines))


class _Missing:
    def __repr__(self) -> str:
        return "<missing>"


_MISSING = _Missing()
MISSING: object = _MISSING
"""Marks a problem about a field that is absent (no value to show)."""
