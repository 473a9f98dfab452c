"""The suite's fixtures, hooks and shared steps (`common.py`) for every step module of this folder.

A conftest (not a `pytest_plugins` entry of the root conftest) so that the suite carries them wherever
it is: in the repository (`steps/`) and in the wheel (`aks_backup_conformance.steps`, run by
`aks-backup-conformance conform` or `pytest --pyargs aks_backup_conformance.steps`). pytest-bdd keeps
each step definition as a fixture of the module that defines it; importing them all here makes them
fixtures of this conftest (the autouse fixture, whose name starts with `_`, is named).
"""

from __future__ import annotations

from .common import *  # noqa: F403
from .common import _only_covered_statements  # noqa: F401  (a star import leaves out names with _)
