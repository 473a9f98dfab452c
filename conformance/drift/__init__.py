"""Drift check for the next edition of the support matrix: compare a copy of the page (Markdown or
HTML) with the fingerprints of an edition and say which statements to revisit.

    from aks_backup_conformance.drift import drift
    report = drift(page_text)                 # against the newest edition's fingerprints
    report.to_revisit                         # ids whose paragraph changed or went away
"""

from __future__ import annotations

from aks_backup_model.editions import NEWEST

from .compare import Change, Drift, Entry, compare
from .fingerprint import load, page_blocks, stored_editions


def drift(page: str, edition: str = NEWEST) -> Drift:
    """The drift of `page` (its text, Markdown or HTML) from `edition`'s stored fingerprints.

    Raises:
        KeyError: no fingerprints are stored for `edition`.
    """
    return compare(page_blocks(page), load(edition), edition)


__all__ = ["Change", "Drift", "Entry", "drift", "stored_editions"]
