"""Complete environments for tests: the features' known-good baseline with some facts changed."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import yaml

from aks_backup_conformance import commands
from aks_backup_conformance.io.load import read_document

REAL_TODAY = commands.today
"""The command line's own clock (the root conftest pins `commands.today` in every test)."""

BASELINE_FILE = Path(__file__).resolve().parents[1] / "features" / "baseline.yaml"


def baseline() -> dict[str, Any]:
    """The baseline as plain data (every fact stated, all of them meeting the matrix)."""
    data = read_document(BASELINE_FILE.read_text(encoding="utf-8"), str(BASELINE_FILE))
    assert isinstance(data, dict)
    return copy.deepcopy(data)


def merged(base: dict[str, Any], changes: dict[str, Any]) -> dict[str, Any]:
    """`base` with `changes` merged in: mappings key by key, anything else replaced."""
    out = dict(base)
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(out.get(key), dict):
            out[key] = merged(out[key], value)
        else:
            out[key] = value
    return out


def complete(changes: dict[str, Any] | None = None) -> dict[str, Any]:
    return merged(baseline(), changes or {})


def write(path: Path, changes: dict[str, Any] | None = None) -> Path:
    """Write the baseline with `changes` as YAML to `path`."""
    path.write_text(yaml.safe_dump(complete(changes), sort_keys=False), encoding="utf-8")
    return path
