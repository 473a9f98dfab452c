"""Project-wide pytest set-up: options, Hypothesis profiles, and statement tags as markers."""

from __future__ import annotations

import datetime as dt
import os
from typing import Any

import pytest
from hypothesis import HealthCheck, settings

from aks_backup_model.editions import DEFAULT_EDITION, EDITIONS, JUDGED
from aks_backup_model.statements import STATEMENTS

pytest_plugins = ["aks_backup_conformance.pytest_plugin", "steps.common"]

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


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("aks-backup-conformance")
    group.addoption(
        "--oracle",
        default="reference",
        help="the oracle the features run against (default: the reference model)",
    )
    group.addoption(
        "--oracle-covers",
        default="",
        metavar="IDS",
        help="comma-separated statement ids the oracle is judged on (default: what it says it covers); "
        "scenarios of other statements are skipped",
    )
    group.addoption(
        "--oracle-timeout",
        type=float,
        default=10.0,
        metavar="SECONDS",
        help="seconds a command oracle may take per question (default 10); past it, its process group is killed",
    )
    group.addoption(
        "--oracle-timelines",
        action="store_true",
        help="the command oracle answers time-line questions too (else the time-line scenarios are not covered)",
    )
    group.addoption(
        "--oracle-max-errors",
        type=int,
        default=3,
        metavar="N",
        help="stop the run after N consecutive oracle errors (default 3; 0 never stops)",
    )
    group.addoption(
        "--edition",
        default=DEFAULT_EDITION,
        choices=JUDGED,
        help=f"the matrix edition the features judge by (default {DEFAULT_EDITION}); scenarios of statements "
        "the edition does not say, or tagged for other editions (@edition-YYYY-MM-DD), are deselected",
    )
    group.addoption(
        "--statement",
        action="append",
        default=[],
        metavar="ID",
        help="run only the scenarios and tests of this statement id (repeatable), e.g. --statement SM-VLT-01",
    )


def pytest_configure(config: pytest.Config) -> None:
    # A tag on an Examples block reaches pytest as a marker of the tag's own name (pytest-bdd does not
    # pass it through `pytest_bdd_apply_tag`), so each edition tag is also a marker name.
    for name in EDITIONS:
        config.addinivalue_line("markers", f"edition-{name}: an Examples block that holds in edition {name}")


def in_edition(item: pytest.Item, edition: str) -> bool:
    """Whether a scenario belongs to the edition's feature set: every statement it names holds in the
    edition, and its edition tags (if any) name the edition."""
    ids = {m.args[0] for m in item.iter_markers("statement") if m.args}
    if any(not STATEMENTS[i].holds_in(edition) for i in ids if i in STATEMENTS):
        return False
    tagged = {m.args[0] for m in item.iter_markers("edition") if m.args}
    tagged |= {m.name.removeprefix("edition-") for m in item.iter_markers() if m.name.startswith("edition-")}
    return not tagged or edition in tagged


def pytest_collection_modifyitems(config: pytest.Config, items: list[pytest.Item]) -> None:
    """`--edition E` keeps the scenarios of E's feature set (see `in_edition`); `--statement ID` keeps the
    items that carry `statement(ID)` (from a feature tag or a test)."""
    edition = config.getoption("--edition")
    wanted = {s.upper() for s in config.getoption("--statement")}
    keep, drop = [], []
    for item in items:
        ids = {m.args[0] for m in item.iter_markers("statement") if m.args}
        chosen = in_edition(item, edition) and (not wanted or bool(ids & wanted))
        (keep if chosen else drop).append(item)
    if drop:
        config.hook.pytest_deselected(items=drop)
        items[:] = keep


def pytest_bdd_apply_tag(tag: str, function: Any) -> bool | None:
    """Statement ids (`@SM-REG-01`) become `statement("SM-REG-01")` markers, edition tags
    (`@edition-2025-06-10`) `edition("2025-06-10")` markers; others stay as they are."""
    if tag.startswith("SM-"):
        pytest.mark.statement(tag)(function)
        return True
    if tag.startswith("edition-"):
        pytest.mark.edition(tag.removeprefix("edition-"))(function)
        return True
    return None


@pytest.fixture(autouse=True)
def _pinned_today(monkeypatch: pytest.MonkeyPatch) -> None:
    """The command line's "today" pinned to the day the examples were last reviewed (2026-11-28), so
    that answers about dates stay the same (tests/test_unknown.py checks the real clock)."""
    from aks_backup_conformance import commands

    monkeypatch.setattr(commands, "today", lambda: dt.date(2026, 11, 28))
