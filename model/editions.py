"""Editions of the support matrix and what holds in each.

The model judges by one edition at a time; the newest is the default. An edition is data: its date,
the statements that hold in it (each statement knows the edition that added it, the one that retired
it and how later editions reword it, see `statements.py`), and the tables that differ (keyed by
edition in `tables.py`), never a fork of the rules. What two editions change between them is computed
here from the catalog (`changes`), for `statements --edition`, `diff` and the traceability index.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from typing import Final

from .errors import UnknownEdition
from .statements import SECTION_RENAMES, STATEMENTS, Section, Statement


@dataclass(frozen=True, slots=True)
class Edition:
    name: str
    published: dt.date
    """The `ms.date` of the source document."""
    source: str
    """Where the text of this edition was read (the docs repository and commit)."""
    statement_ids: tuple[str, ...]
    """The statements that hold in this edition, in document order."""

    def statements(self) -> tuple[Statement, ...]:
        """The statements of this edition, each worded as this edition words it."""
        return tuple(STATEMENTS[i].in_edition(self.name) for i in self.statement_ids)


def _edition(name: str, source: str) -> Edition:
    return Edition(
        name=name,
        published=dt.date.fromisoformat(name),
        source=source,
        statement_ids=tuple(s.id for s in STATEMENTS.values() if s.holds_in(name)),
    )


SEED: Final = _edition("2025-06-10", "MicrosoftDocs/azure-docs, ms.date 06/10/2025")
E2026_01_06: Final = _edition(
    "2026-01-06",
    "MicrosoftDocs/azure-docs commit 0f337ad1310900a6287a1d3240797b3d2398dce9 (ms.date 01/06/2026)",
)

EDITIONS: Final[dict[str, Edition]] = {e.name: e for e in (SEED, E2026_01_06)}
"""Every edition the project reads, oldest first."""
NEWEST: Final = list(EDITIONS)[-1]
JUDGED: Final[tuple[str, ...]] = ("2025-06-10", "2026-01-06")
"""The editions the model can judge by: every statement of each has a rule and scenarios. The others
are catalogued (statements, `diff` between catalogs, `drift`) until their rules land."""
DEFAULT_EDITION: Final = JUDGED[-1]
"""What the model judges by when nothing pins an edition: the newest edition it can judge by."""
# environment.Edition (a Literal, for the JSON Schema) must list the JUDGED names; a test checks it.


def edition(name: str) -> Edition:
    """The edition called `name`.

    Raises:
        UnknownEdition: no such edition.
    """
    try:
        return EDITIONS[name]
    except KeyError:
        raise UnknownEdition(name, known=EDITIONS) from None


def previous(name: str) -> str | None:
    """The edition before `name`, or None for the first."""
    names = list(EDITIONS)
    index = names.index(edition(name).name)
    return names[index - 1] if index else None


@dataclass(frozen=True, slots=True)
class Changes:
    """What the catalog says changed from edition `old` to edition `new` (computed, never typed in)."""

    old: str
    new: str
    added: tuple[Statement, ...]
    """Statements `new` says and `old` does not (worded as in `new`)."""
    retired: tuple[Statement, ...]
    """Statements `old` says and `new` no longer does (worded as in `old`)."""
    changed: tuple[tuple[Statement, Statement], ...]
    """(as in `old`, as in `new`) for each statement reworded in between."""
    renamed_sections: tuple[tuple[Section, Section], ...]
    """(heading in `old`, heading in `new`) for each heading renamed in between."""

    @property
    def behavioural(self) -> tuple[str, ...]:
        """Ids whose answers can differ: added, retired, or revised with a change of behaviour."""
        revised = [
            after.id
            for _, after in self.changed
            if any(r.behavioural for r in STATEMENTS[after.id].revisions if self.between(r.edition))
        ]
        return tuple([s.id for s in self.added] + [s.id for s in self.retired] + revised)

    def between(self, name: str) -> bool:
        """Whether a change made in edition `name` lies between `old` and `new`."""
        low, high = sorted((self.old, self.new))
        return low < name <= high


def changes(old: str, new: str) -> Changes:
    """The statements added, retired and reworded going from edition `old` to edition `new`.

    Works in either direction: from a newer to an older edition, what the newer one added shows as
    retired and the other way round.

    Raises:
        UnknownEdition: either name is not an edition.
    """
    before, after = edition(old), edition(new)
    held_before, held_after = set(before.statement_ids), set(after.statement_ids)
    added = tuple(STATEMENTS[i].in_edition(new) for i in after.statement_ids if i not in held_before)
    retired = tuple(STATEMENTS[i].in_edition(old) for i in before.statement_ids if i not in held_after)
    changed = []
    for statement_id in after.statement_ids:
        if statement_id not in held_before:
            continue
        was, now = STATEMENTS[statement_id].in_edition(old), STATEMENTS[statement_id].in_edition(new)
        if (was.text, was.interpretation) != (now.text, now.interpretation):
            changed.append((was, now))
    low, high = sorted((old, new))
    renamed = []
    for name, renames in SECTION_RENAMES.items():
        if low < name <= high:
            for anchor, heading in renames.items():
                titles = {s.section for s in STATEMENTS.values() if s.anchor == anchor}
                was_section = Section(next(iter(sorted(titles)), anchor), anchor)
                renamed.append((was_section, heading) if old < new else (heading, was_section))
    return Changes(old, new, added, retired, tuple(changed), tuple(renamed))


def change_in(statement_id: str, name: str) -> str:
    """How edition `name` treats the statement against the edition before it: added, changed,
    unchanged or retired; `seed` in the first edition; `absent` when the edition neither says it nor
    retires it."""
    entry = STATEMENTS[statement_id]
    if entry.retired_in == name:
        return "retired"
    if not entry.holds_in(name):
        return "absent"
    if previous(name) is None:
        return "seed"
    if entry.edition == name:
        return "added"
    if entry.revision_in(name) is not None:
        return "changed"
    return "unchanged"
