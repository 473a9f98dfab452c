"""Project-wide pytest set-up: Hypothesis profiles and the command line's pinned "today".

The suite's options, markers and statement tags come from the plugin `aks_backup_conformance.pytest_plugin`
(also a `pytest11` entry point; named here for runs with plugin autoloading off); its fixtures and shared
steps from `steps/conftest.py`, which the suite ships with it."""

from __future__ import annotations

import datetime as dt
import os

import pytest
from hypothesis import HealthCheck, settings

pytest_plugins = ["aks_backup_conformance.pytest_plugin"]

settings.register_profile(
    "ci",
    max_examples=150,
    derandomize=True,
    deadline=None,
    database=None,
    print_blob=True,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile("dev", max_examples=50, deadline=None)
# The second phase of `nox -s mutation` (tools/mutation): the property tests on each surviving mutant.
settings.register_profile(
    "mutation",
    max_examples=30,
    derandomize=True,
    deadline=None,
    database=None,
    suppress_health_check=[HealthCheck.too_slow],
)
settings.register_profile(
    "thorough", max_examples=3000, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's "today" pinned to the day the examples were last reviewed (2026-11-28), so
    that answers about dates stay the same (tests/test_unknown.py checks the real clock)."""
    from aks_backup_conformance import commands

    monkeypatch.setattr(commands, "today", lambda: dt.date(2026, 11, 28))
