"""The known-good baseline: an environment that states every fact and meets every requirement.

The features start from it (`features/baseline.yaml`, which `known_good.yaml` in this package links to,
so the wheel carries the one file), and `crosscheck` writes its counterexamples against it: a
counterexample is the baseline with the few facts that matter changed, so that no other fact is unknown
(an omitted fact is unknown, which a statement reads as "cannot tell", not as good).
"""

from __future__ import annotations

import copy
import functools
from importlib.resources import files
from typing import Any

from aks_backup_model.environment import Environment

from .io.load import read_document

EDITION_CHANGES: dict[str, dict[str, Any]] = {
    # On 2026-01-06 (the edition's date) Kubernetes 1.31 is past its end of life; that edition's
    # baseline runs a minor supported then. Kept equal to steps/common.py's EDITION_BASELINE (a test).
    "2026-01-06": {"cluster.kubernetes_version": "1.33.5"},
}
"""What the baseline changes, by dotted path, to meet every requirement of an edition."""


@functools.cache
def _document() -> dict[str, Any]:
    text = files("aks_backup_conformance").joinpath("known_good.yaml").read_text(encoding="utf-8")
    data = read_document(text, "known_good.yaml")  # the project's YAML reading (On stays a word)
    assert isinstance(data, dict)
    return data


def baseline_data(edition: str) -> dict[str, Any]:
    """The baseline as plain data, judged by `edition` (a fresh copy)."""
    data = copy.deepcopy(_document())
    data["edition"] = edition
    for path, value in EDITION_CHANGES.get(edition, {}).items():
        *parents, last = path.split(".")
        target = data
        for key in parents:
            target = target[key]
        target[last] = value
    return data


@functools.cache
def baseline(edition: str) -> Environment:
    """The baseline environment judged by `edition`."""
    return Environment.model_validate(baseline_data(edition))
