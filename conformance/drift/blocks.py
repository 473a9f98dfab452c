"""Which statements each block of a page makes, per edition: the block's position on the page -> ids.

A maintainer writes this once per edition (the page is split by `page.read_blocks`; blocks are counted
from 0 in reading order) and regenerates the fingerprints with
`python -m aks_backup_conformance.drift.fingerprint PAGE.md --edition E --write`. A block that makes no
statement (the introduction, a table header, the next-steps links) maps to no id. Nothing of the
page's wording is kept here.
"""

from __future__ import annotations

from typing import Final

Ids = tuple[str, ...]


def _each(area: str, first: int, last: int) -> list[Ids]:
    """One block per statement: SM-<area>-<first> .. SM-<area>-<last>."""
    return [(f"SM-{area}-{n:02d}",) for n in range(first, last + 1)]


_LIMITS: Final[Ids] = tuple(f"SM-LIM-{n:02d}" for n in range(1, 6))
_REGIONS: Final[list[Ids]] = [
    (),  # introduction
    ("SM-REG-01", "SM-REG-03"),  # the first list, announced
    ("SM-REG-01", "SM-REG-03"),  # the first list
    ("SM-REG-02", "SM-REG-03"),  # the second list, announced
    ("SM-REG-02", "SM-REG-03"),  # the second list
    ("SM-REG-04",),  # the note on geo-redundant restores
]
_PRUNING: Final[list[Ids]] = [("SM-VLT-07",)] * 7  # the pruning item, its two lists and the lines around them
_NEXT_STEPS: Final[list[Ids]] = [()] * 4

BLOCK_IDS: Final[dict[str, tuple[Ids, ...]]] = {
    "2025-06-10": tuple(
        [
            *_REGIONS,
            *_each("SUP", 1, 7),
            ("SM-SUP-08", "SM-SUP-09", "SM-SUP-10", "SM-SUP-11"),  # frequencies, window, daily copy, delay
            *_each("SUP", 12, 28),
            *_each("UNS", 1, 9),
            _LIMITS,  # the limits table, announced
            _LIMITS,  # its header row
            *_each("LIM", 1, 5),
            *_each("VLT", 1, 6),
            *_PRUNING,
            *_each("VLT", 8, 13),
            *_NEXT_STEPS,
        ]
    ),
    "2026-01-06": tuple(
        [
            *_REGIONS,
            *_each("SUP", 1, 2),
            ("SM-SUP-03", "SM-SUP-29"),  # the volume types, announced
            ("SM-SUP-03",),  # disk SKUs
            ("SM-SUP-29", "SM-SUP-30"),  # Azure Files over SMB, driver version
            *_each("SUP", 4, 7),
            ("SM-SUP-08", "SM-SUP-09", "SM-SUP-10", "SM-SUP-11", "SM-SUP-31"),
            *_each("SUP", 12, 28),
            ("SM-UNS-10", "SM-UNS-11", "SM-UNS-12"),  # Azure Files: SMB only, file count, endpoints
            *_each("UNS", 2, 9),
            _LIMITS,
            _LIMITS,
            *_each("LIM", 1, 5),
            *_each("AFS", 1, 11),
            *_each("VLT", 1, 6),
            *_PRUNING,
            *_each("VLT", 8, 13),
            *_NEXT_STEPS,
        ]
    ),
}
