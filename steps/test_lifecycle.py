"""Binds features/lifecycle.feature: time lines written as tables, asked of the oracle under test.

The steps turn the rows of a time line into events, ask the oracle the time-line question (the model's
answer is `lifecycle.simulate`), and compare its time line with the tables; the texts they compare
(event labels, keep reasons, RPO rows) come from the answer. An oracle that does not answer time-line
questions does not cover these scenarios (they are skipped as not covered, see `steps/common.py`).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import pytest
from pytest_bdd import given, parsers, scenarios, then, when

from aks_backup_conformance.oracles import Oracle, TimelineQuestion
from aks_backup_conformance.pytest_plugin import Mismatch
from aks_backup_conformance.report.timeline import rpo_rows
from aks_backup_model import Environment
from aks_backup_model.lifecycle import (
    DeletionRequested,
    Event,
    HealthChanged,
    OnDemandBackup,
    RestoreRequested,
    ScheduledBackup,
    Tier,
    TieringFinished,
    TieringMode,
    TieringStarted,
    Timeline,
    TimePasses,
    stamp,
)

from .common import feature

scenarios(feature("lifecycle.feature"))

_STAMP = r"\d{4}-\d\d-\d\d \d\d:\d\d"
_DURATION = re.compile(r"^(?:(?P<h>\d+)h)?(?:(?P<m>\d+)m)?$")


def moment(text: str) -> dt.datetime:
    """'2025-06-02 01:00' as a UTC datetime."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.UTC)


def duration(text: str | None) -> dt.timedelta:
    """'1h45m', '30m', '3h'; None or '' is no time at all."""
    match = _DURATION.match(text or "")
    if match is None:
        raise ValueError(f"{text!r} is not a duration such as 1h45m")
    return dt.timedelta(hours=int(match["h"] or 0), minutes=int(match["m"] or 0))


EventBuilder = Callable[[dt.datetime, re.Match[str]], Event]

# The phrases of the `event` column; each builds one event at the row's time.
EVENTS: list[tuple[re.Pattern[str], EventBuilder]] = [
    (
        re.compile(r"^scheduled backup(?: taking (?P<d>\w+))?$"),
        lambda at, m: ScheduledBackup(at, duration(m["d"])),
    ),
    (
        re.compile(r"^scheduled backup fails(?: after (?P<d>\w+))?$"),
        lambda at, m: ScheduledBackup(at, duration(m["d"]), succeeded=False),
    ),
    (
        re.compile(r"^on-demand backup(?P<vault> to the Vault tier)?(?: taking (?P<d>\w+))?$"),
        lambda at, m: OnDemandBackup(at, duration(m["d"]), to_vault=bool(m["vault"])),
    ),
    (
        re.compile(r"^on-demand backup fails$"),
        lambda at, m: OnDemandBackup(at, succeeded=False),
    ),
    (
        re.compile(rf"^tiering of (?P<p>{_STAMP}) starts$"),
        lambda at, m: TieringStarted(at, moment(m["p"])),
    ),
    (
        re.compile(rf"^tiering of (?P<p>{_STAMP}) finishes$"),
        lambda at, m: TieringFinished(at, moment(m["p"])),
    ),
    (
        re.compile(r"^restore from the (?P<tier>Operational|Vault) tier(?P<paired> in the paired region)?$"),
        lambda at, m: RestoreRequested(at, m["tier"], "secondary" if m["paired"] else "primary"),
    ),
    (
        re.compile(rf"^delete the (?P<p>{_STAMP}) (?P<tier>Operational|Vault) point$"),
        lambda at, m: DeletionRequested(at, moment(m["p"]), m["tier"]),
    ),
    (re.compile(r"^the extension becomes unhealthy$"), lambda at, m: HealthChanged(at, healthy=False)),
    (re.compile(r"^the extension is healthy again$"), lambda at, m: HealthChanged(at, healthy=True)),
    (re.compile(r"^time passes$"), lambda at, m: TimePasses(at)),
]


def event(time: str, phrase: str) -> Event:
    at = moment(time)
    for pattern, build in EVENTS:
        match = pattern.match(phrase)
        if match:
            return build(at, match)
    raise ValueError(f"no event reads {phrase!r}; see EVENTS in {__name__}")


def rows(datatable: list[list[str]]) -> list[dict[str, str]]:
    """A data table as dicts keyed by its header row."""
    header, *body = datatable
    return [dict(zip(header, row, strict=True)) for row in body]


@dataclass(frozen=True, slots=True)
class Run:
    rows: list[dict[str, str]]
    timeline: Timeline


@pytest.fixture
def lifecycle_options() -> dict[str, Any]:
    """Options of `simulate` other than the policy and the vault (the tiering mode)."""
    return {}


# ## Given -------------------------------------------------------------------------------------------


@given(parsers.parse("a policy that backs up every {hours:d} hours from {start} UTC"))
def policy_schedule(env_data: dict[str, Any], hours: int, start: str) -> None:
    env_data["policy"]["every_hours"] = hours
    env_data["policy"]["start"] = start


@given(parsers.re(r"the policy keeps (?P<tier>Operational|Vault) points (?P<days>\d+) days?$"))
def policy_retention(env_data: dict[str, Any], tier: str, days: str) -> None:
    env_data["policy"][tier.lower()] = {"retention_days": int(days)}


@given("the vault is locally redundant")
def locally_redundant(env_data: dict[str, Any]) -> None:
    env_data["vault"]["redundancy"] = "LocallyRedundant"
    env_data["vault"]["cross_region_restore"] = False


@given(parsers.parse("the vault's immutability is {state}"))
def immutability(env_data: dict[str, Any], state: str) -> None:
    env_data["vault"]["immutability"] = state


@given(parsers.parse("the vault's soft delete is {state}"))
def soft_delete(env_data: dict[str, Any], state: str) -> None:
    env_data["vault"]["soft_delete"] = state


@given("the time line reports its tiering jobs")
def reported_tiering(lifecycle_options: dict[str, Any]) -> None:
    lifecycle_options["tiering"] = "reported"


# ## When --------------------------------------------------------------------------------------------


@when("the time line runs:", target_fixture="run")
def run_time_line(
    oracle: Oracle, env_data: dict[str, Any], lifecycle_options: dict[str, Any], datatable: list[list[str]]
) -> Run:
    env = Environment.model_validate(env_data)
    table = rows(datatable)
    events = tuple(event(row["time"], row["event"]) for row in table)
    tiering: TieringMode | None = lifecycle_options.get("tiering")
    question = TimelineQuestion(env.policy, events, vault=env.vault, edition=env.edition, tiering=tiering)
    return Run(table, oracle.simulate(question))  # type: ignore[attr-defined]


# ## Then --------------------------------------------------------------------------------------------


def _mismatch(expected: Sequence[tuple[str, ...]], actual: Sequence[tuple[str, ...]]) -> Mismatch:
    """The first row where the oracle's time line and the table differ, in one line."""
    for index, (want, got) in enumerate(zip(expected, actual, strict=False), start=1):
        if want != got:
            return Mismatch(None, f"row {index} '{' | '.join(got)}'", f"'{' | '.join(want)}'")
    return Mismatch(None, f"{len(actual)} rows", f"{len(expected)} rows")


@then("each event gives the expected result")
def each_event(run: Run) -> None:
    expected = [(row["time"], row["event"], row["expect"]) for row in run.rows]
    actual = [
        (row["time"], row["event"], result.label)
        for row, result in zip(run.rows, run.timeline.results, strict=True)
    ]
    if actual != expected:
        raise _mismatch(expected, actual)


@then("the Vault tier holds:")
def vault_tier_holds(run: Run, datatable: list[list[str]]) -> None:
    table = rows(datatable)
    expected = [(row["taken at"], row["in the Vault by"], row.get("selected citing", "")) for row in table]
    cited = "selected citing" in datatable[0]
    actual = [
        (stamp(p.taken_at), stamp(p.available_at), (p.statement_id or "-") if cited else "")
        for p in run.timeline.live(Tier.VAULT)
    ]
    if actual != expected:
        raise _mismatch(expected, actual)


@then("the tiering jobs are:")
def tiering_jobs(run: Run, datatable: list[list[str]]) -> None:
    """Each tiering job: the backup it copies (by the time its Operational point was taken), when it started,
    ended or was cancelled ("-": not yet, or never), and whether the events reported it."""
    expected = [
        (r["backup of"], r["started"], r["ended"], r["cancelled"], r["reported"]) for r in rows(datatable)
    ]
    timeline = run.timeline

    def when(moment: dt.datetime | None) -> str:
        return stamp(moment) if moment is not None else "-"

    actual = [
        (
            stamp(timeline.point(j.point).taken_at), when(j.started_at), when(j.finished_at),
            when(j.cancelled_at), "yes" if j.reported else "no",
        )
        for j in timeline.tiering_jobs
    ]  # fmt: skip
    if actual != expected:
        raise _mismatch(expected, actual)


@then("the Operational tier holds:")
def operational_tier_holds(run: Run, datatable: list[list[str]]) -> None:
    expected = [(row["taken at"], row["why"]) for row in rows(datatable)]
    timeline = run.timeline
    actual = [(stamp(p.taken_at), timeline.keep_reasons[p.id]) for p in timeline.live(Tier.OPERATIONAL)]
    if actual != expected:
        raise _mismatch(expected, actual)


@then("these points were pruned:")
def points_pruned(run: Run, datatable: list[list[str]]) -> None:
    expected = [(r["taken at"], r["tier"], r["pruned at"], r["held back by"]) for r in rows(datatable)]
    timeline = run.timeline
    actual = [
        (stamp(timeline.point(p.point).taken_at), p.tier.value, stamp(p.at), ", ".join(p.held_by) or "-")
        for p in timeline.prunings
    ]
    if actual != expected:
        raise _mismatch(expected, actual)


@then("the worst-case RPO is:")
def worst_case_rpo(run: Run, datatable: list[list[str]]) -> None:
    expected = [(r["copy"], r["region"], r["worst case"], r["bound"], r["verdict"]) for r in rows(datatable)]
    actual = [row.cells() for row in rpo_rows(run.timeline)]
    if actual != expected:
        raise _mismatch(expected, actual)


@then(parsers.re(r"(?P<statement_id>SM-[A-Z]+-\d+) (?P<verdict>holds|is exceeded)$"))
def bound_verdict(run: Run, statement_id: str, verdict: str) -> None:
    measured = [b for b in run.timeline.bounds if b.statement_id == statement_id]
    if not measured:
        raise Mismatch(statement_id, "a time line that measures no bound of it", f"{statement_id} {verdict}")
    exceeded = [b.finding().message for b in measured if not b.held]
    if (verdict == "holds") == bool(exceeded):
        got = f"exceeded ({exceeded[0]})" if exceeded else "holds"
        raise Mismatch(statement_id, f"{statement_id} {got}", f"{statement_id} {verdict}")


_EVENT_SUBJECT = re.compile(r"^events\[(?P<i>\d+)\]$")


def _about(run: Run, subject: str | None) -> str:
    """What a finding is about, as the tables write it: a request by its row's time, a backup by the time
    its Operational point was taken, or the field it names (`policy.every_hours`, `vault.primary`)."""
    subject = subject or "-"
    event_index = _EVENT_SUBJECT.match(subject)
    if event_index is not None and int(event_index["i"]) < len(run.rows):
        return f"request at {run.rows[int(event_index['i'])]['time']}"
    if any(p.id == subject for p in run.timeline.points):
        return f"backup of {stamp(run.timeline.point(subject).taken_at)}"
    return subject


@then("the time line reports:")
def time_line_reports(run: Run, datatable: list[list[str]]) -> None:
    """Every refusal (blocks) and every bound exceeded (warns) of the time line, in order: the statement,
    its effect, what it is about, and words its message says."""
    expected = [(r["statement"], r["effect"], r["about"], r["says"]) for r in rows(datatable)]
    findings = run.timeline.findings()
    actual = [(f.statement_id, f.effect.value, _about(run, f.subject), f.message) for f in findings]
    for index, (want, got) in enumerate(zip(expected, actual, strict=False), start=1):
        if want[:3] != got[:3] or want[3] not in got[3]:
            raise Mismatch(None, f"row {index} '{' | '.join(got)}'", f"'{' | '.join(want)}'")
    if len(actual) != len(expected):
        raise _mismatch(expected, actual)


@then("the policy is not refused")
def policy_not_refused(run: Run) -> None:
    """Requests may be refused one by one; the policy itself is not, and the time line runs."""
    assert not run.timeline.refused, [r for r in run.timeline.refusals if r.event is None]


@then(parsers.parse("the time line is refused citing {statement_id}"))
def time_line_refused(run: Run, statement_id: str) -> None:
    timeline = run.timeline
    refused_by = [r.statement_id for r in timeline.refusals if r.event is None]
    if not timeline.refused or refused_by != [statement_id]:
        got = f"refused citing {', '.join(refused_by)}" if refused_by else "a time line it does not refuse"
        raise Mismatch(statement_id, got, f"the time line refused citing {statement_id}")
