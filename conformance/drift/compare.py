"""Compare a copy of the page with an edition's fingerprints: what is unchanged, reworded only
editorially, changed, new or removed, and which statement ids each touches.

Blocks are paired in three passes: same text (`exact`), same text after editorial normalisation
(`normal`, an editorial rewording), then the most similar remaining pair by shared word runs
(`shingles`, a change) when they share enough, or a little when the block stands where the other
stood. What is left is new (on the page) or removed (from the
fingerprints). A new block is placed after the nearest paired block before it, so its neighbours'
ids say where it belongs.
"""

from __future__ import annotations

import enum
from collections import Counter
from dataclasses import dataclass, field
from typing import Any

from .fingerprint import Print, print_block
from .page import Block

SIMILAR = 0.3
"""The least share of word runs two blocks must have in common to be one block reworded: shared runs
over the runs of the smaller block."""
SIMILAR_IN_PLACE = 0.15
"""The same, for a block that takes the place of one that left (between the same paired neighbours)."""


class Change(enum.StrEnum):
    UNCHANGED = "unchanged"
    EDITORIAL = "editorial"
    CHANGED = "changed"
    NEW = "new"
    REMOVED = "removed"


@dataclass(frozen=True, slots=True)
class Entry:
    change: Change
    ids: tuple[str, ...]
    """The statements the fingerprinted block makes (for a new block: none known)."""
    anchor: str
    """The section on the page (for a removed block: in the fingerprints)."""
    was_anchor: str | None = None
    """The section in the fingerprints, when the page has the block elsewhere."""
    page_index: int | None = None
    print_index: int | None = None
    similarity: float | None = None
    after: tuple[str, ...] = ()
    """For a new block: the ids of the nearest block before it that was paired."""
    excerpt: str = ""
    """For a new or changed block: the first words of the page's text (the page is the user's copy)."""

    def to_dict(self) -> dict[str, Any]:
        document: dict[str, Any] = {
            "change": self.change.value,
            "ids": list(self.ids),
            "section": self.anchor,
        }
        if self.was_anchor is not None:
            document["was_section"] = self.was_anchor
        if self.page_index is not None:
            document["page_block"] = self.page_index
        if self.print_index is not None:
            document["fingerprint_block"] = self.print_index
        if self.similarity is not None:
            document["similarity"] = round(self.similarity, 2)
        if self.change is Change.NEW:
            document["after"] = list(self.after)
        if self.excerpt:
            document["excerpt"] = self.excerpt
        return document


@dataclass(frozen=True, slots=True)
class Drift:
    edition: str
    """The edition whose fingerprints the page was compared with."""
    entries: tuple[Entry, ...]
    renamed_sections: tuple[tuple[str, str], ...] = field(default=())

    def of(self, change: Change) -> tuple[Entry, ...]:
        return tuple(e for e in self.entries if e.change is change)

    def ids(self, *changes: Change) -> tuple[str, ...]:
        """The statement ids touched by entries of these kinds, each once, in page order."""
        return tuple(dict.fromkeys(i for e in self.entries if e.change in changes for i in e.ids))

    @property
    def to_revisit(self) -> tuple[str, ...]:
        """Ids whose statement the page changed or dropped: a maintainer reads these again."""
        return self.ids(Change.CHANGED, Change.REMOVED)

    @property
    def drifted(self) -> bool:
        """Whether anything beyond editorial rewording happened to a block that makes a statement, or a
        block appeared that is not in the fingerprints (possibly a new statement)."""
        return bool(self.to_revisit) or any(e.change is Change.NEW for e in self.entries)

    def to_dict(self) -> dict[str, Any]:
        return {
            "edition": self.edition,
            "drifted": self.drifted,
            "to_revisit": list(self.to_revisit),
            "editorial": list(self.ids(Change.EDITORIAL)),
            "renamed_sections": [{"from": a, "to": b} for a, b in self.renamed_sections],
            "counts": {c.value: len(self.of(c)) for c in Change},
            "entries": [e.to_dict() for e in self.entries if e.change is not Change.UNCHANGED],
        }


def _excerpt(block: Block, words: int = 12) -> str:
    parts = block.text.split()
    return " ".join(parts[:words]) + (" ..." if len(parts) > words else "")


def compare(blocks: tuple[Block, ...], prints: tuple[Print, ...], edition: str) -> Drift:
    """The drift of a page (its blocks) from an edition's fingerprints."""
    page = [print_block(i, b) for i, b in enumerate(blocks)]
    pair: dict[int, tuple[int, Change, float | None]] = {}  # page index -> (print index, change, score)
    used: set[int] = set()

    def nearest(candidates: list[int], index: int) -> int:
        return min(candidates, key=lambda j: abs(prints[j].index - index * len(prints) / max(1, len(page))))

    for attribute, change in (("exact", Change.UNCHANGED), ("normal", Change.EDITORIAL)):
        for p in page:
            if p.index in pair:
                continue
            candidates = [
                j
                for j, f in enumerate(prints)
                if j not in used and getattr(f, attribute) == getattr(p, attribute)
            ]
            if candidates:
                j = nearest(candidates, p.index)
                pair[p.index] = (j, change, None)
                used.add(j)

    scored = []
    for p in page:
        if p.index in pair or not p.shingles:
            continue
        for j, f in enumerate(prints):
            if j in used or not f.shingles:
                continue
            score = len(p.shingles & f.shingles) / min(len(p.shingles), len(f.shingles))
            if score >= SIMILAR:
                scored.append((score, -abs(j - p.index), p.index, j))
    for score, _, index, j in sorted(scored, reverse=True):
        if index in pair or j in used:
            continue
        pair[index] = (j, Change.CHANGED, score)
        used.add(j)

    # A block standing where an unpaired one stood (same neighbours) and sharing some word runs with it
    # is that block rewritten.
    for p in page:
        if p.index in pair or not p.shingles:
            continue
        before = [pair[i][0] for i in pair if i < p.index]
        after = [pair[i][0] for i in pair if i > p.index]
        low, high = max(before, default=-1), min(after, default=len(prints))
        options = []
        for j in range(low + 1, high):
            if j in used or not prints[j].shingles:
                continue
            shared = len(p.shingles & prints[j].shingles)
            score = shared / min(len(p.shingles), len(prints[j].shingles))
            if score >= SIMILAR_IN_PLACE:
                options.append((score, j))
        if options:
            score, j = max(options)
            pair[p.index] = (j, Change.CHANGED, score)
            used.add(j)

    entries: list[tuple[float, Entry]] = []
    last_ids: tuple[str, ...] = ()
    moved: Counter[tuple[str, str]] = Counter()
    for p in page:
        block = blocks[p.index]
        if p.index in pair:
            j, change, similarity = pair[p.index]
            f = prints[j]
            was = f.anchor if f.anchor != block.anchor else None
            if was is not None:
                moved[(f.anchor, block.anchor)] += 1
            excerpt = _excerpt(block) if change is Change.CHANGED else ""
            entries.append(
                (p.index, Entry(change, f.ids, block.anchor, was, p.index, j, similarity, excerpt=excerpt))
            )
            last_ids = f.ids or last_ids
        else:
            entries.append(
                (
                    p.index,
                    Entry(
                        Change.NEW,
                        (),
                        block.anchor,
                        page_index=p.index,
                        after=last_ids,
                        excerpt=_excerpt(block),
                    ),
                )
            )
    for j, f in enumerate(prints):
        if j not in used:
            # Place a removed block where its predecessor went on the page.
            before = [i for i, (k, _, _) in pair.items() if k < j]
            position = (max(before) + 0.5) if before else -0.5
            entries.append((position, Entry(Change.REMOVED, f.ids, f.anchor, print_index=j)))
    renamed = tuple(sorted(key for key, count in moved.items() if count >= 2))
    return Drift(edition, tuple(e for _, e in sorted(entries, key=lambda pair: pair[0])), renamed)
