"""Unit tests of the lifecycle model and of the `timeline` command's function."""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

import pytest

from aks_backup_conformance.report.timeline import START, load_policy, timeline_command
from aks_backup_model import Environment, evaluate
from aks_backup_model.environment import OperationalTier, Policy, Vault, VaultTier
from aks_backup_model.errors import InvalidInput
from aks_backup_model.lifecycle import (
    READINGS,
    DeletionRequested,
    HealthChanged,
    Lifecycle,
    OnDemandBackup,
    RestoreRequested,
    ScheduledBackup,
    Tier,
    TieringStarted,
    TimePasses,
    hours,
    is_scheduled,
    planned_backups,
    policy_refusals,
    schedule_times,
    simulate,
    stamp,
)
from aks_backup_model.operations import CreatePolicy
from aks_backup_model.outcome import Effect
from aks_backup_model.statements import STATEMENTS


def _policy(**fields: object) -> Policy:
    """A policy with the Operational tier (7 days) unless `fields` say otherwise."""
    fields.setdefault("operational", OperationalTier(retention_days=7))
    return Policy.model_validate(fields)


DAY = dt.datetime(2025, 6, 2, tzinfo=dt.UTC)
H = dt.timedelta(hours=1)
VAULTED = _policy(vault=VaultTier(retention_days=30))
GEO = Vault(
    region="westeurope",
    redundancy="GeoRedundant",
    cross_region_restore=True,
    immutability="Disabled",
    soft_delete="On",
)
TIME_LINE_IDS = ("SM-SUP-09", "SM-SUP-10", "SM-SUP-11", "SM-VLT-05", "SM-VLT-06", "SM-VLT-07")


# --- readings and schedule ------------------------------------------------------------------------------


def test_every_time_line_statement_has_a_reading_and_readings_cite_known_ids() -> None:
    cited = {i for reading in READINGS for i in reading.statement_ids}
    assert set(TIME_LINE_IDS) <= cited
    assert cited <= set(STATEMENTS)
    assert all(r.question.endswith("?") and r.reading and r.why for r in READINGS)


@pytest.mark.parametrize(
    ("every", "start", "times"),
    [
        (4, dt.time(9), ["01:00", "05:00", "09:00", "13:00", "17:00", "21:00"]),
        (6, dt.time(3, 30), ["03:30", "09:30", "15:30", "21:30"]),
        (8, dt.time(0), ["00:00", "08:00", "16:00"]),
        (12, dt.time(9), ["09:00", "21:00"]),
        (24, dt.time(23, 45), ["23:45"]),
        (3, dt.time(9), []),
        (48, dt.time(9), []),
    ],
)
def test_schedule_times_wrap_around_the_utc_day(every: int, start: dt.time, times: list[str]) -> None:
    policy = _policy(every_hours=every, start=start)
    assert [t.strftime("%H:%M") for t in schedule_times(policy)] == times


def test_is_scheduled_reads_naive_times_as_utc_and_converts_aware_ones() -> None:
    cet = dt.timezone(dt.timedelta(hours=2))
    assert is_scheduled(VAULTED, dt.datetime(2025, 6, 2, 5, 0))
    assert is_scheduled(VAULTED, dt.datetime(2025, 6, 2, 7, 0, tzinfo=cet))
    assert not is_scheduled(VAULTED, dt.datetime(2025, 6, 2, 5, 0, 30))
    assert not is_scheduled(VAULTED, DAY + 2 * H)


# --- the policy itself ------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("policy", "statement_id"),
    [
        (_policy(every_hours=3), "SM-SUP-08"),
        (_policy(every_hours=48), "SM-SUP-08"),
        (_policy(operational=None, vault=VaultTier(retention_days=30)), "SM-SUP-06"),
        (_policy(operational=None, vault=None), "SM-SUP-06"),
    ],
)
def test_a_refused_policy_refuses_every_request_and_makes_no_point(policy: Policy, statement_id: str) -> None:
    assert [r.statement_id for r in policy_refusals(policy)] == [statement_id]
    timeline = simulate(
        policy, [ScheduledBackup(DAY + 9 * H), OnDemandBackup(DAY + 10 * H), TimePasses(DAY + 30 * H)]
    )
    assert timeline.refused
    assert not timeline.points
    assert [r.label for r in timeline.results] == [f"refused citing {statement_id}"] * 2 + [""]
    assert timeline.rpo.primary is None


@pytest.mark.parametrize("every", [1, 3, 4, 5, 6, 8, 12, 24, 48])
def test_policy_refusals_agree_with_evaluate(every: int) -> None:
    policy = _policy(every_hours=every, vault=VaultTier(retention_days=30))
    outcome = evaluate(Environment(policy=policy), CreatePolicy())
    blocked = {f.statement_id for f in outcome.findings if f.effect is Effect.BLOCKS}
    assert {r.statement_id for r in policy_refusals(policy)} == blocked & {"SM-SUP-06", "SM-SUP-08"}


# --- the simulation ------------------------------------------------------------------------------------


def test_a_year_of_a_four_hourly_policy_sends_one_point_a_day_and_keeps_its_bounds() -> None:
    timeline = simulate(VAULTED, planned_backups(VAULTED, DAY, 365), vault=GEO)
    scheduled = [p for p in timeline.points if p.tier is Tier.OPERATIONAL]
    vault = [p for p in timeline.points if p.tier is Tier.VAULT]
    assert len(scheduled) == 365 * 6
    assert len(vault) == 365
    assert all(p.taken_at.hour == 1 for p in vault)
    assert (timeline.rpo.primary, timeline.rpo.secondary, timeline.rpo.operational) == (24 * H, 36 * H, 4 * H)
    assert not timeline.exceeded()
    # Every day's backups succeed, so nothing outlives its retention: the two points SM-VLT-07 keeps are
    # young anyway.
    assert timeline.now is not None
    for tier in Tier:
        unexpired = [p for p in timeline.points if p.tier is tier and p.expires_at > timeline.now]
        assert list(timeline.live(tier)) == unexpired
    assert len(timeline.live(Tier.VAULT)) == 29


def test_the_same_events_give_the_same_time_line() -> None:
    events = planned_backups(VAULTED, DAY, 10)
    assert simulate(VAULTED, events, vault=GEO) == simulate(VAULTED, events, vault=GEO)


def test_events_out_of_order_are_bad_input_naming_the_event() -> None:
    with pytest.raises(InvalidInput) as caught:
        simulate(VAULTED, [ScheduledBackup(DAY + 5 * H), ScheduledBackup(DAY + H)])
    assert caught.value.problems[0][0] == "events[1].at"


def test_tiering_events_need_the_reported_mode() -> None:
    machine = Lifecycle(VAULTED, tiering="worst_case")
    machine.apply(ScheduledBackup(DAY + H))
    with pytest.raises(InvalidInput, match="reported"):
        machine.apply(TieringStarted(DAY + 2 * H, DAY + H))


def test_a_running_backup_says_so_until_it_ends() -> None:
    machine = Lifecycle(VAULTED)
    assert machine.apply(ScheduledBackup(DAY + H, duration=H)).label == "running"
    machine.advance(DAY + 2 * H)
    assert machine.timeline().results[0].label == "Operational point, goes to the Vault tier"


@pytest.mark.parametrize(
    ("policy", "vault", "request_", "statement_id"),
    [
        (VAULTED, GEO, RestoreRequested(DAY + 9 * H, "Operational", "secondary"), "SM-SUP-14"),
        (VAULTED, Vault(), RestoreRequested(DAY + 9 * H, "Vault", "secondary"), "SM-VLT-04"),
        (_policy(), GEO, RestoreRequested(DAY + 9 * H, "Vault"), "SM-SUP-06"),
        (_policy(), GEO, OnDemandBackup(DAY + 9 * H, to_vault=True), "SM-SUP-06"),
        (VAULTED, GEO, RestoreRequested(DAY + 2 * H, "Vault", "secondary"), "SM-VLT-05"),
    ],
)
def test_requests_the_tiers_cannot_serve_are_refused(
    policy: Policy, vault: Vault, request_: RestoreRequested | OnDemandBackup, statement_id: str
) -> None:
    timeline = simulate(policy, [ScheduledBackup(DAY + H), request_], vault=vault)
    assert timeline.results[-1].label == f"refused citing {statement_id}"
    assert timeline.findings()[-1].statement_id == statement_id


@pytest.mark.parametrize(
    ("event", "label"),
    [
        (OnDemandBackup(DAY + 3 * H), "Operational point"),  # no Vault copy unless asked for
        (RestoreRequested(DAY + 9 * H), "restores the 2025-06-02 01:00 Operational point"),  # primary region
        (DeletionRequested(DAY + 10 * H, DAY + H), "soft deleted citing SM-SUP-24"),  # the Vault point
    ],
)
def test_an_event_left_to_its_defaults_does_what_its_documentation_says(
    event: OnDemandBackup | RestoreRequested | DeletionRequested, label: str
) -> None:
    """The defaults of the events a plug-in builds: an on-demand backup asks for no Vault copy, a restore
    reads the Operational tier in the primary region, a deletion deletes the Vault point."""
    timeline = simulate(VAULTED, [ScheduledBackup(DAY + H), event], vault=GEO)
    assert timeline.results[-1].label == label


def test_exceeded_bounds_become_warnings_and_refusals_block() -> None:
    timeline = simulate(
        VAULTED,
        [ScheduledBackup(DAY + H, duration=3 * H), ScheduledBackup(DAY + 2 * H), TimePasses(DAY + 9 * H)],
    )
    findings = timeline.findings()
    assert [(f.statement_id, f.effect) for f in findings] == [
        ("SM-SUP-08", Effect.BLOCKS),
        ("SM-SUP-09", Effect.WARNS),
    ]
    assert findings[1].message == "backup duration: 3 hours, beyond the bound of 2 hours."


def test_pruning_waits_for_health_then_keeps_what_tiering_needs() -> None:
    policy = _policy(operational=OperationalTier(retention_days=1), vault=VaultTier(retention_days=30))
    timeline = simulate(
        policy,
        [
            ScheduledBackup(DAY + H),
            ScheduledBackup(DAY + 5 * H),
            HealthChanged(DAY + 20 * H, healthy=False),
            HealthChanged(DAY + 40 * H, healthy=True),
        ],
    )
    assert timeline.live(Tier.OPERATIONAL) == tuple(
        p for p in timeline.points if p.tier is Tier.OPERATIONAL
    ), "both points are kept: one is linked to the Vault point, the other is the latest"
    assert not timeline.prunings


def test_deleting_the_latest_vault_point_releases_the_operational_point_behind_it() -> None:
    policy = _policy(operational=OperationalTier(retention_days=1), vault=VaultTier(retention_days=30))
    events = [
        ScheduledBackup(DAY + H),
        ScheduledBackup(DAY + 25 * H),
        ScheduledBackup(DAY + 29 * H),
        DeletionRequested(DAY + 40 * H, DAY + 25 * H, "Vault"),
        TimePasses(DAY + 60 * H),
    ]
    timeline = simulate(policy, events, vault=GEO)
    assert timeline.results[3].label == "soft deleted citing SM-SUP-24"
    kept = {stamp(p.taken_at): timeline.keep_reasons[p.id] for p in timeline.live(Tier.OPERATIONAL)}
    assert kept == {"2025-06-03 05:00": "latest Operational point citing SM-VLT-07"}
    pruned = [(stamp(timeline.point(p.point).taken_at), stamp(p.at), p.held_by) for p in timeline.prunings]
    assert pruned == [
        ("2025-06-02 01:00", "2025-06-03 05:00", ("SM-VLT-07",)),  # released once the next copy landed
        ("2025-06-03 01:00", "2025-06-04 01:00", ()),  # its Vault copy was deleted: nothing holds it
    ]


def test_hours_reads_like_the_feature_tables() -> None:
    assert [hours(d) for d in (H, 24 * H, 2 * H + dt.timedelta(minutes=30))] == [
        "1 hour",
        "24 hours",
        "2 hours 30 minutes",
    ]


# --- the timeline command ------------------------------------------------------------------------------

GOOD = """\
policy:
  every_hours: 4
  start: "09:00"
  operational: {retention_days: 7}
  vault: {retention_days: 30}
vault: {region: westeurope, redundancy: GeoRedundant, cross_region_restore: true}
"""


def _write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "policy.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_timeline_json_lists_the_schedule_the_vault_copies_and_the_rpo(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    assert timeline_command(_write(tmp_path, GOOD), 3, "json") == 0
    document = json.loads(capsys.readouterr().out)
    assert document["from"] == START.isoformat()
    assert len(document["backups"]) == 18
    to_vault = [b for b in document["backups"] if b["to_vault"]]
    assert [b["taken_at"][11:16] for b in to_vault] == ["01:00"] * 3
    assert to_vault[0]["in_vault_by"] == "2025-06-10T07:00:00+00:00"
    rpo = {(r["copy"], r["region"]): (r["worst_case_hours"], r["within_bound"]) for r in document["rpo"]}
    assert rpo == {
        ("Operational tier", "westeurope"): (4.0, None),
        ("Vault tier", "westeurope"): (24.0, True),
        ("Vault tier", "northeurope"): (36.0, True),
    }


def test_timeline_text_prints_the_tables(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert timeline_command(_write(tmp_path, GOOD), 2, "text") == 0
    out = capsys.readouterr().out
    assert "Scheduled backups (UTC)" in out
    assert "2025-06-11 01:00" in out
    assert "paired (North Europe)" in out
    assert "36 hours" in out


@pytest.mark.parametrize(
    ("policy", "statement_id"),
    [
        ("{every_hours: 3, operational: {retention_days: 7}}", "SM-SUP-08"),
        ("{every_hours: 48, operational: {retention_days: 7}}", "SM-SUP-08"),
        ("{every_hours: 4, operational: null, vault: {retention_days: 30}}", "SM-SUP-06"),
    ],
)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_a_policy_the_matrix_refuses_exits_3_citing_the_statement(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], policy: str, statement_id: str, fmt: str
) -> None:
    assert timeline_command(_write(tmp_path, f"policy: {policy}\n"), 7, fmt) == 3
    captured = capsys.readouterr()
    assert statement_id in captured.out
    assert "Traceback" not in captured.out + captured.err
    if fmt == "json":
        assert json.loads(captured.out)["findings"][0]["statement"] == statement_id


@pytest.mark.parametrize(
    ("text", "path"),
    [
        ("policy: {every_hours: 4, operational: {retention_days: -3}}", "policy.operational.retention_days"),
        ("policy: {every_hours: 4, operational: {}}", "policy.operational.retention_days"),
        (
            "policy: {every_hours: 4, operational: {retention_days: 7}, vault: {}}",
            "policy.vault.retention_days",
        ),
        ("policy: {every_hours: 4}", "policy.operational"),
        ("policy: {every_hours: 0, operational: {retention_days: 7}}", "policy.every_hours"),
        ("policy: {every_hours: 4, operational: {retention_days: 7}, colour: red}", "policy.colour"),
        ("vault: {redundancy: GeoRedundant}", "policy"),
        ("policy: [1, 2", "line 1, column 14"),
        ("- just a list", ""),
    ],
)
@pytest.mark.parametrize("fmt", ["text", "json"])
def test_bad_policy_files_exit_2_naming_the_field(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], text: str, path: str, fmt: str
) -> None:
    assert timeline_command(_write(tmp_path, text + "\n"), 7, fmt) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err
    if fmt == "json":
        problems = json.loads(captured.out)["problems"]
        assert any(p["path"].startswith(path) for p in problems), problems
    else:
        assert path in captured.err


def test_load_policy_reports_path_value_and_expectation(tmp_path: Path) -> None:
    with pytest.raises(InvalidInput) as caught:
        load_policy(_write(tmp_path, "policy: {every_hours: 4, operational: {retention_days: -3}}\n"))
    path, value, expected = caught.value.problems[0]
    assert (path, value) == ("policy.operational.retention_days", -3)
    assert "1" in expected


def test_load_policy_reports_every_problem_at_once(tmp_path: Path) -> None:
    text = "policy: {every_hours: 4, operational: {retention_days: -1}, vault: {}}\n"
    with pytest.raises(InvalidInput) as caught:
        load_policy(_write(tmp_path, text))
    assert sorted(path for path, _, _ in caught.value.problems) == [
        "policy.operational.retention_days",
        "policy.vault.retention_days",
    ]


@pytest.mark.parametrize(("days", "fmt"), [(0, "text"), (-1, "json"), (99999, "text"), (3, "yaml")])
def test_bad_days_or_format_exit_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], days: int, fmt: str
) -> None:
    assert timeline_command(_write(tmp_path, GOOD), days, fmt) == 2
    captured = capsys.readouterr()
    assert "Traceback" not in captured.out + captured.err


def test_a_missing_file_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert timeline_command(str(tmp_path / "nope.yaml"), 3, "text") == 2
    assert "no such file" in capsys.readouterr().err
