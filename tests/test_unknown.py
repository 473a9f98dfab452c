"""Unknown is a value: a fact a file does not give is unknown, never assumed to meet the matrix.

Properties over the public strategies (a known environment and the same with facts left out), the
ordering of statuses, the command line's answer for `{}`, and the date it judges by.
"""

from __future__ import annotations

import datetime as dt
import json
import shutil
from pathlib import Path

import pytest
from hypothesis import given, note
from hypothesis import strategies as st
from typer.testing import CliRunner

from aks_backup_conformance import commands
from aks_backup_conformance.cli import app
from aks_backup_conformance.io.load import parse_data, parse_environment
from aks_backup_model import Destination, Effect, Environment, Outcome, Status, evaluate, exit_code
from aks_backup_model.editions import DEFAULT_EDITION
from aks_backup_model.errors import InvalidInput
from aks_backup_model.labels import parse_selector
from aks_backup_model.operations import OPERATION_KINDS, Operation
from aks_backup_model.outcome import EXIT_UNKNOWN, STATUS_RANK, Finding, merge_status
from aks_backup_model.strategies import environments, forgetting, operations
from aks_backup_model.strategies.unknowns import unknowable_paths
from aks_backup_model.subjects import resolve
from aks_backup_model.unknowns import SOURCES, field_pattern, where_to_find

from .envs import REAL_TODAY, complete

EVERY_OPERATION = st.tuples(st.none(), *(operations(kinds={kind}) for kind in OPERATION_KINDS))


def blocking(outcome: Outcome) -> set[str]:
    return {f.statement_id for f in outcome.findings if f.effect is Effect.BLOCKS}


def unknown_subjects(outcome: Outcome) -> list[str]:
    """The facts the answer cannot tell without (not the given facts beyond the model's own tables)."""
    return [f.subject for f in outcome.findings if f.effect is Effect.CANNOT_TELL and not f.beyond_tables]


# --- the order of statuses ------------------------------------------------------------------------------


def test_unknown_ranks_below_unsupported_and_above_not_covered() -> None:
    assert [s for s, _ in sorted(STATUS_RANK.items(), key=lambda item: item[1])] == [
        Status.SUPPORTED, Status.NOT_COVERED, Status.UNKNOWN, Status.UNSUPPORTED,
    ]  # fmt: skip
    assert merge_status([Effect.CANNOT_TELL, Effect.NOT_COVERED, Effect.WARNS]) is Status.UNKNOWN
    assert merge_status([Effect.CANNOT_TELL, Effect.BLOCKS]) is Status.UNSUPPORTED
    outcome = Outcome("configure_backup", "2025-06-10", (Finding("SM-SUP-05", Effect.CANNOT_TELL, "x", "m"),))
    assert exit_code(outcome) == EXIT_UNKNOWN == 5


# --- properties: leaving facts out ------------------------------------------------------------------------


@st.composite
def known_and_forgotten(draw: st.DrawFn) -> tuple[Environment, Environment]:
    known = draw(environments(unknowns=False, operations=st.none()))
    return known, draw(forgetting(environment=known))


@given(pair=known_and_forgotten(), ops=EVERY_OPERATION)
def test_a_fact_left_out_never_changes_an_answer_the_model_gives(
    pair: tuple[Environment, Environment], ops: tuple[Operation | None, ...]
) -> None:
    """Whatever the left-out facts are, a known answer holds: a refusal stays a refusal (and its
    refusing statements stay), supported and not covered stay what they are, and a volume whose
    destination is known keeps it. Only `unknown` may turn into anything once the facts are given."""
    known, partial = pair
    note(f"known   = {known.model_dump_json(exclude_defaults=True)}")
    note(f"partial = {partial.model_dump_json(exclude_defaults=True)}")
    for op in ops:
        full, part = evaluate(known, op), evaluate(partial, op)
        note(
            f"op {part.operation}: partial {part.status.value} {unknown_subjects(part)}, known {full.status.value}"
        )
        assert blocking(part) <= blocking(full)
        if part.status is not Status.UNKNOWN:
            assert full.status is part.status
        plans = {v.subject: v for v in full.volumes}
        for entry in part.volumes:
            if entry.destination is not Destination.UNKNOWN:
                assert plans[entry.subject] == entry
        for subject in unknown_subjects(part):
            assert resolve(partial, op, subject) is None, subject


@given(env=environments(), ops=EVERY_OPERATION)
def test_an_answer_with_a_statement_that_cannot_tell_is_never_supported(
    env: Environment, ops: tuple[Operation | None, ...]
) -> None:
    for op in ops:
        outcome = evaluate(env, op)
        beyond = any(f.beyond_tables for f in outcome.findings)
        if unknown_subjects(outcome) or beyond:
            assert outcome.status in (Status.UNKNOWN, Status.UNSUPPORTED)
            assert {m.field for m in outcome.missing} == set(unknown_subjects(outcome))
        else:
            assert outcome.status is not Status.UNKNOWN and outcome.missing == ()


BASELINE = parse_data(complete(), "features/baseline.yaml")


@given(partial=forgetting(environment=BASELINE, min_facts=0, max_facts=8), ops=EVERY_OPERATION)
def test_a_good_environment_with_facts_left_out_is_supported_or_unknown_naming_only_those_facts(
    partial: Environment, ops: tuple[Operation | None, ...]
) -> None:
    """Left-out facts of a known-good environment never refuse it and never put it outside support: the
    answer is the known one or unknown, and every fact it says it cannot tell without is one left out."""
    forgotten = set(unknowable_paths(BASELINE)) - set(unknowable_paths(partial))
    note(f"left out: {sorted(forgotten)}")
    for op in ops:
        full, part = evaluate(BASELINE, op), evaluate(partial, op)
        assert part.status in (full.status, Status.UNKNOWN), part.findings
        assert blocking(part) <= blocking(full)
        if full.status is Status.SUPPORTED:
            assert part.status in (Status.SUPPORTED, Status.UNKNOWN)
        for subject in unknown_subjects(part):
            assert resolve(partial, op, subject) is None, subject
        if not forgotten:
            assert part == full


def test_the_baseline_gives_every_fact_every_operation_needs() -> None:
    for kind in OPERATION_KINDS:
        outcome = evaluate(BASELINE, parse_operation_kind(kind))
        assert unknown_subjects(outcome) == [], (kind, unknown_subjects(outcome))
    assert evaluate(BASELINE).status is Status.SUPPORTED


def parse_operation_kind(kind: str) -> Operation:
    from aks_backup_conformance.io.load import parse_operation

    return parse_operation(kind)


# --- {} and the missing facts -----------------------------------------------------------------------------


def test_an_empty_environment_is_unknown_and_lists_what_is_missing_most_needed_first() -> None:
    outcome = evaluate(Environment())
    assert outcome.status is Status.UNKNOWN and not blocking(outcome)
    missing = outcome.missing
    counts = [len(m.statements) for m in missing]
    assert counts == sorted(counts, reverse=True)
    fields = [m.field for m in missing]
    assert fields[:2] == ["cluster.volumes", "cluster.region"]
    for needed in ("cluster.kubernetes_version", "cluster.identity", "vault.tenant", "policy"):
        assert needed in fields
    assert all(field_pattern(m.field) in SOURCES for m in missing), [m.field for m in missing]


def test_every_missing_fact_says_where_to_find_it() -> None:
    assert where_to_find("cluster.volumes[7].sku").startswith("`az disk show`")
    assert where_to_find('cluster.node_pools["win1"].os_sku').startswith("`az aks nodepool list`")
    assert where_to_find("vault.worm") == "no command shows it: state it in the file"


def test_echo_empty_into_check_exits_5_and_lists_the_missing_facts() -> None:
    result = CliRunner().invoke(app, ["check", "-"], input="{}")
    assert result.exit_code == 5, result.output
    assert "UNKNOWN" in result.stdout.splitlines()[0]
    assert "Missing facts" in result.stdout and "cluster.kubernetes_version" in result.stdout
    document = json.loads(CliRunner().invoke(app, ["check", "-", "-f", "json"], input="{}").stdout)
    assert document["status"] == "unknown" and document["exit_code"] == 5
    first = document["missing"][0]
    assert first["field"] == "cluster.volumes" and "kubectl" in first["source"]
    assert "SM-SUP-02" in first["statements"]


def test_a_region_alone_is_not_refused_for_resources_that_are_not_given() -> None:
    outcome = evaluate(parse_environment("cluster: {region: eastus}\n"))
    assert outcome.status is Status.UNKNOWN
    assert not blocking(outcome)
    assert "vault.region" in {m.field for m in outcome.missing}


def test_a_real_tenant_against_an_unstated_vault_tenant_is_unknown_not_different() -> None:
    outcome = evaluate(parse_environment("cluster: {tenant: 72f988bf-86f1-41af-91ab-2d7cd011db47}\n"))
    assert "SM-SUP-12" not in blocking(outcome)
    assert "vault.tenant" in {m.field for m in outcome.missing}


# --- the date judged --------------------------------------------------------------------------------------


def test_check_judges_as_of_today_unless_told_and_says_so(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(commands, "today", REAL_TODAY)  # the real clock, not the pinned one
    before = dt.datetime.now(dt.UTC).date()
    document = json.loads(CliRunner().invoke(app, ["check", "-", "-f", "json"], input="{}").stdout)
    after = dt.datetime.now(dt.UTC).date()
    assert document["as_of"] in (before.isoformat(), after.isoformat())
    assert document["edition"] == DEFAULT_EDITION


def test_as_of_on_the_command_line_wins_over_the_file_and_bad_dates_exit_2() -> None:
    runner = CliRunner()
    document = json.loads(
        runner.invoke(
            app, ["check", "-", "-f", "json", "--as-of", "2025-01-02"], input="as_of: 2024-05-06\n"
        ).stdout
    )
    assert document["as_of"] == "2025-01-02"
    document = json.loads(
        runner.invoke(app, ["check", "-", "-f", "json"], input="as_of: 2024-05-06\n").stdout
    )
    assert document["as_of"] == "2024-05-06"
    assert commands.today() == dt.date(2026, 11, 28)  # pinned by the root conftest.py
    bad = runner.invoke(app, ["check", "-", "--as-of", "20250102"], input="{}")
    assert bad.exit_code == 2 and "as_of" in bad.stderr and "YYYY-MM-DD" in bad.stderr


def test_text_output_states_the_edition_and_the_date() -> None:
    result = CliRunner().invoke(app, ["check", "-", "--as-of", "2026-02-03"], input="{}")
    assert f"edition {DEFAULT_EDITION}, as of 2026-02-03, exit 5" in result.stdout.splitlines()[0]


# --- facts real resources carry -----------------------------------------------------------------------------


@pytest.mark.parametrize("state", ["On", "Off", "AlwaysOn"])
@pytest.mark.parametrize("fmt", ["yaml", "json"])
def test_a_real_vault_soft_delete_state_is_accepted(state: str, fmt: str) -> None:
    text = (
        f'{{"vault": {{"soft_delete": "{state}"}}}}' if fmt == "json" else f"vault:\n  soft_delete: {state}\n"
    )
    assert parse_environment(text, f"env.{fmt}").vault.soft_delete == state


@pytest.mark.parametrize(("size", "gib"), [("10Gi", 10), ("10G", 10), ("2Ti", 2048), ("1536Mi", 2), (32, 32)])
def test_a_size_may_be_a_kubernetes_quantity_rounded_up_to_whole_gib(size: object, gib: int) -> None:
    data = {"cluster": {"volumes": [{"claim": "a/b", "size_gib": size}]}}
    env = parse_data(data)
    assert env.cluster.volumes is not None and env.cluster.volumes[0].size_gib == gib


def test_the_pure_model_does_not_take_quantities() -> None:
    with pytest.raises(ValueError):
        Environment.model_validate({"cluster": {"volumes": [{"claim": "a/b", "size_gib": "10Gi"}]}})
    with pytest.raises(InvalidInput):
        parse_data({"cluster": {"volumes": [{"claim": "a/b", "size_gib": "ten"}]}})


@pytest.mark.parametrize(
    ("selector", "labels", "matches"),
    [
        ("app=web", {"app": "web"}, True),
        ("app=web", {"app": "db"}, False),
        ("app==web,tier!=scratch", {"app": "web", "tier": "hot"}, True),
        ("app==web,tier!=scratch", {"app": "web", "tier": "scratch"}, False),
        ("team", {"team": "a"}, True),
        ("!team", {"team": "a"}, False),
        ("app in (web, db)", {"app": "db"}, True),
        ("app notin (web,db)", {"app": "db"}, False),
    ],
)
def test_label_selectors_follow_the_kubernetes_syntax(
    selector: str, labels: dict[str, str], matches: bool
) -> None:
    assert parse_selector(selector)(labels) is matches


@pytest.mark.parametrize("selector", ["", "app=", "=web", "app in web", "a b"])
def test_a_malformed_label_selector_is_bad_input(selector: str) -> None:
    if selector == "app=":  # an empty value is a valid requirement (the label is empty)
        assert parse_selector(selector)({"app": ""})
        return
    with pytest.raises(InvalidInput) as caught:
        parse_data({"backup_instance": {"label_selectors": [selector]}})
    assert caught.value.problems[0][0] == "backup_instance.label_selectors[0]"


def test_the_backup_instance_selection_decides_which_volumes_the_statements_see() -> None:
    disk = complete()["cluster"]["volumes"][1]
    ultra = {**disk, "claim": "payments/fast", "sku": "UltraSSD_LRS"}
    base = complete({"cluster": {"volumes": [disk, ultra]}})
    env = parse_data(base)
    assert evaluate(env).cites("SM-UNS-01", Effect.SKIPS)
    for change in (
        {"excluded_namespaces": ["payments"]},
        {"label_selectors": ["speed!=ultra"]},
        {"included_volume_types": ["AzureFileShareSMB"]},
    ):
        data = complete(
            {
                "cluster": {"volumes": [disk, {**ultra, "labels": {"speed": "ultra"}}]},
                "backup_instance": change,
            }
        )
        outcome = evaluate(parse_data(data))
        assert not outcome.cites("SM-UNS-01"), change
        assert {v.claim: v.destination for v in outcome.volumes}["payments/fast"] is Destination.NOT_SELECTED


def test_an_inline_pod_disk_is_skipped_whatever_its_driver() -> None:
    disk = complete()["cluster"]["volumes"][1]
    inline = {**disk, "claim": "orders/scratch", "pod": "orders-0"}
    outcome = evaluate(parse_data(complete({"cluster": {"volumes": [disk, inline]}})))
    plan = {v.claim: (v.destination, v.statement_id) for v in outcome.volumes}
    assert plan["orders/scratch"] == (Destination.SKIPPED, "SM-SUP-02")
    assert outcome.status is Status.SUPPORTED


def test_artifacts_alone_leave_the_facts_no_command_shows_unknown_and_a_stated_file_gives_them(
    tmp_path: Path,
) -> None:
    sample = Path(__file__).resolve().parent / "data" / "supported"
    bare = tmp_path / "supported"
    shutil.copytree(sample, bare, ignore=shutil.ignore_patterns("stated.yaml"))
    runner = CliRunner()
    document = json.loads(runner.invoke(app, ["check", "--from", str(bare), "-f", "json"]).stdout)
    assert document["status"] == "unknown"
    assert {"tooling.deployed_with", "vault.worm"} <= {m["field"] for m in document["missing"]}
    result = runner.invoke(app, ["check", "--from", str(sample), "-f", "json"])
    assert json.loads(result.stdout)["status"] == "supported", result.output


def test_a_minor_newer_than_the_calendar_is_unknown_today_without_asking_for_a_fact() -> None:
    """A version the user gave, newer than the AKS calendar the model carries, is unknown (exit 5) after
    the day the calendar is complete until: the answer shows why in the findings and lists no missing
    fact; up to that day the minor was not yet generally available (not covered)."""
    document = complete({"cluster": {"kubernetes_version": "1.36.1", "support_plan": "KubernetesOfficial"}})
    text = CliRunner().invoke(app, ["check", "-"], input=json.dumps(document))
    assert text.exit_code == 5, text.output
    assert "Missing facts" not in text.stdout
    assert "calendar" in text.stdout and "1.36.1" in text.stdout
    answer = json.loads(
        CliRunner().invoke(app, ["check", "-", "-f", "json"], input=json.dumps(document)).stdout
    )
    assert answer["status"] == "unknown" and answer["missing"] == []
    [finding] = [f for f in answer["findings"] if f["statement"] == "SM-SUP-01"]
    assert finding["effect"] == "cannot_tell" and finding["subject"] == "cluster.kubernetes_version"
    before = CliRunner().invoke(app, ["check", "-", "--as-of", "2026-01-06"], input=json.dumps(document))
    assert before.exit_code == 4 and "NOT COVERED" in before.stdout, before.output
