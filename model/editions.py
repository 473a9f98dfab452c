"""Editions of the support matrix and what holds in each.

The model judges by one edition at a time (default: the seed edition, 2025-06-10). A later edition is
data: its date, the statements it retires, and the tables that change (kept in `tables.py`), never a
fork of the rules.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from .statements import STATEMENTS


@dataclass(frozen=True, slots=True)
class Edition:
    name: str
    published: dt.date
    """The `ms.date` of the source document."""
    statement_ids: tuple[str, ...]
    """The statements that hold in this edition, in document order."""


SEED: Final = Edition(
    name="2025-06-10",
    published=dt.date(2025, 6, 10),
    statement_ids=tuple(s.id for s in STATEMENTS.values() if s.retired_in is None),
)

EDITIONS: Final[dict[str, Edition]] = {SEED.name: SEED}
# environment.Edition (a Literal, for the JSON Schema) must list the same names; a test checks it.
