"""crosscheck for people, shown on the worked third-party example (examples/oracles/): it finds the
planted mistakes of a hand-written preflight check, each cut down to the facts that matter against the
known-good baseline, saved to a file `check` reads back, with the commands that replay it."""

from __future__ import annotations

import copy
import importlib.util
import io
import itertools
import json
import shutil
import subprocess
import sys
import tomllib
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console
from typer.testing import CliRunner

from aks_backup_conformance import cli, oracles
from aks_backup_conformance.baseline import EDITION_CHANGES, baseline, baseline_data
from aks_backup_conformance.cli import app
from aks_backup_conformance.crosscheck import Report, Verdict, compare, counterexample, crosscheck
from aks_backup_conformance.io.load import parse_environment
from aks_backup_conformance.minimise import ABSENT, Fact, apply, facts, minimise
from aks_backup_conformance.oracles import ENTRY_POINT_GROUP, Restricted, get
from aks_backup_model.editions import DEFAULT_EDITION, JUDGED
from aks_backup_model.environment import Environment
from aks_backup_model.evaluate import evaluate
from aks_backup_model.outcome import Status

ROOT = Path(__file__).resolve().parents[1]
EXAMPLE = ROOT / "examples" / "oracles" / "preflight-py"
SHELL = ROOT / "examples" / "oracles" / "preflight-sh" / "preflight.sh"
SHELL_COVERS = "SM-REG-02,SM-REG-03,SM-SUP-05,SM-SUP-08,SM-SUP-12,SM-UNS-05,SM-LIM-03,SM-LIM-04"
PLANTED = {"SM-REG-03", "SM-VLT-01", "SM-SUP-04", "SM-LIM-04", "SM-SUP-08"}
runner = CliRunner()


def preflight() -> Any:
    sys.path.insert(0, str(EXAMPLE / "src"))
    try:
        import aks_preflight_example
    finally:
        sys.path.remove(str(EXAMPLE / "src"))
    return aks_preflight_example


def ticks() -> Iterator[int]:
    return itertools.count()


@pytest.fixture(scope="module")
def found() -> Report:
    """The cross-check of the Python example, as its README runs it: deterministic (fixed seed, and a
    clock that ticks once per question, so the cutting-down budget does not depend on the machine)."""
    counter = ticks()
    return crosscheck(
        preflight().PreflightOracle(), max_examples=300, seed=1, kinds=["configure_backup"],
        unknowns=False, plans=False, shrink_seconds=20_000, clock=lambda: next(counter),
    )  # fmt: skip


def test_the_baseline_is_known_good_in_every_edition_and_the_features_one() -> None:
    from steps.common import BASELINE, EDITION_BASELINE

    assert EDITION_CHANGES == EDITION_BASELINE
    for edition in JUDGED:
        data = baseline_data(edition)
        assert {k: v for k, v in data.items() if k != "edition"} == {
            k: v for k, v in BASELINE.items() if k != "edition"
        } or edition in EDITION_CHANGES
        assert evaluate(baseline(edition)).status is Status.SUPPORTED


def test_facts_read_back_into_the_case_and_minimise_keeps_only_what_matters() -> None:
    base = baseline(DEFAULT_EDITION)
    data = base.model_dump(mode="json")
    data["cluster"]["namespaces"][0]["labels"] = {"team": "a"}
    data["cluster"]["volumes"].append(dict(data["cluster"]["volumes"][0], claim="web/x", size_gib=1001))
    data["cluster"]["node_pools"] = []
    data["policy"]["every_hours"] = 2
    data["vault"]["worm"] = None
    case = Environment.model_validate(data)
    every = facts(base.model_dump(mode="json"), data)
    assert Environment.model_validate(apply(base.model_dump(mode="json"), every, data)) == case
    assert {f.where for f in every} >= {"cluster.node_pools[0]", "cluster.volumes[2]", "policy.every_hours"}

    def shows(env: Environment) -> bool:  # a "mistake" about 3-hourly or faster backups of big disks
        hours = env.policy.every_hours if env.policy else None
        return (
            hours is not None
            and hours < 3
            and any((v.size_gib or 0) > 600 for v in env.cluster.volumes or ())
        )

    cut = minimise(base, case, shows)
    assert cut is not None and cut.complete
    # the big disk is the baseline's last volume made big (no third volume), moved as close to the
    # baseline's size as the "mistake" allows; the hours stay where they must
    assert [(f.where, f.value) for f in cut.changes] == [
        ("cluster.volumes[1].size_gib", 601),
        ("policy.every_hours", 2),
    ]
    assert len(cut.environment.cluster.volumes or ()) == 2 and cut.environment.cluster.node_pools


def test_a_label_taken_out_is_a_fact_of_its_own() -> None:
    base = baseline(DEFAULT_EDITION)
    data = base.model_dump(mode="json")
    data["cluster"]["namespaces"][0]["labels"] = {"a": "1"}
    case = Environment.model_validate(data)
    every = facts(data, base.model_dump(mode="json"))  # from the case back to the baseline
    assert every == [Fact(("cluster", "namespaces", 0, "labels", "a"), "set", ABSENT)]
    assert apply(data, every, base.model_dump(mode="json")) == base.model_dump(mode="json")
    assert Environment.model_validate(apply(base.model_dump(mode="json"), [], data)) == base != case


def _reverted(env: Environment, change: Fact) -> Environment:
    """`env` with one change put back to the baseline's value (the item removed, for an added one)."""
    data = env.model_dump(mode="json")
    base = baseline(env.edition).model_dump(mode="json")
    *parents, last = change.path
    target, source = data, base
    for part in parents:
        target = target[part]
        source = (
            source[part]
            if (isinstance(source, dict) and part in source)
            or (isinstance(source, list) and isinstance(part, int) and part < len(source))
            else source[-1]
            if isinstance(source, list)
            else {}
        )
    if change.kind == "add":
        del target[last]
    elif isinstance(source, list):
        target[last] = copy.deepcopy(
            source[last] if isinstance(last, int) and last < len(source) else source[-1][last]
        )
    elif isinstance(source, dict) and last in source:
        target[last] = copy.deepcopy(source[last])
    else:
        del target[last]
    return Environment.model_validate(data)


def test_the_example_s_mistakes_are_found_each_cut_down_to_the_facts_it_needs(found: Report) -> None:
    """Must hold (issue 9): at least four distinct mistakes, each shrunk to at most two volumes and one
    node pool with no field the mistake does not need (each change, put back, loses the disagreement)."""
    assert found.verdict is Verdict.DISAGREE and found.cases == 300
    statements = [m.statement_id for m in found.mistakes]
    assert len(set(statements)) == len(statements) >= 4
    assert set(statements) <= PLANTED, statements
    oracle = preflight().PreflightOracle()
    for mistake in found.mistakes:
        env = mistake.environment
        assert len(env.cluster.volumes or ()) <= 2 and len(env.cluster.node_pools or ()) == 1, mistake
        assert mistake.minimal and mistake.changes, mistake
        assert mistake.details and mistake.model != mistake.oracle
        changes = list(mistake.changes)
        runs = [changes] if len(changes) < 10 else [changes[:3] + changes[-1:]]  # a bundle: its ends
        for change in runs[0]:
            smaller = _reverted(env, change)
            differences = compare(
                evaluate(smaller, mistake.operation),
                oracle.evaluate(smaller, mistake.operation),
                oracle.covers(),
                plans=False,
            )
            assert not any(mistake.statement_id in d.statements for d in differences), (
                mistake.statement_id,
                change,
            )


def test_each_planted_mistake_shows_as_the_fact_that_makes_it(found: Report) -> None:
    shown = {m.statement_id: {c.where: c.value for c in m.changes or ()} for m in found.mistakes}
    if "SM-REG-03" in shown:
        (region,) = shown["SM-REG-03"].values()
        assert region in {"italynorth", "jioindiawest", "norwaywest", "swedencentral", "switzerlandwest"}
    if "SM-VLT-01" in shown:
        assert list(shown["SM-VLT-01"].values()) == [932]  # 10**12 bytes is 931.3 GiB: the first size apart
    if "SM-SUP-08" in shown:
        assert list(shown["SM-SUP-08"].items()) == [("policy.every_hours", 2)]
    if "SM-SUP-04" in shown:
        assert sorted(shown["SM-SUP-04"].values()) == ["", "static"]
    if "SM-LIM-04" in shown:
        env = next(m.environment for m in found.mistakes if m.statement_id == "SM-LIM-04")
        names = {n.name for n in env.cluster.namespaces or ()}
        assert len(names) == 801 and names & {"kube-system", "kube-node-lease", "kube-public"}


def test_a_counterexample_file_is_judged_by_check_as_in_the_cross_check(
    found: Report, tmp_path: Path
) -> None:
    for mistake in found.mistakes:
        path = tmp_path / f"{mistake.statement_id}.yaml"
        path.write_text(counterexample(mistake, ["a comment", ""]), encoding="utf-8")
        result = runner.invoke(app, ["check", str(path), "--format", "json"])
        expected = evaluate(mistake.environment, mistake.operation)
        document = json.loads(result.stdout)
        assert document["status"] == expected.status.value
        assert document["findings"] == [f.to_dict() for f in expected.findings]
        assert parse_environment(path.read_text(encoding="utf-8"), str(path)).operation == mistake.operation


@pytest.fixture
def registered(monkeypatch: pytest.MonkeyPatch) -> str:
    oracle = preflight().PreflightOracle()
    monkeypatch.setitem(oracles._REGISTRY, oracle.name, oracle)
    return str(oracle.name)


def test_the_command_prints_each_mistake_saves_it_and_says_how_to_replay_it(
    registered: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    arguments = ["crosscheck", "--oracle", registered, "--kind", "configure_backup", "--complete", "--no-plans",
                 "-n", "50", "--seed", "2", "--shrink-seconds", "60"]  # fmt: skip
    result = runner.invoke(app, arguments)
    assert result.exit_code == 3, result.output
    out = result.stdout
    assert "oracle preflight-example: DISAGREE  (50 cases ran" in out
    assert "SM-REG-03" in out and "environment: the known-good baseline with" in out
    saved = sorted(p.name for p in (tmp_path / "counterexamples").iterdir())
    assert saved and all(name.startswith("SM-") for name in saved)
    for name in saved:
        assert f"saved: counterexamples/{name}" in out
        assert f"replay: aks-backup-conformance check counterexamples/{name}" in out
        again = runner.invoke(
            app, ["crosscheck", "--oracle", registered, "--no-plans", "--replay", f"counterexamples/{name}"]
        )
        assert again.exit_code == 3 and name.removesuffix(".yaml") in again.stdout, again.output
        model = runner.invoke(app, ["check", f"counterexamples/{name}"])
        assert model.exit_code in (0, 3, 4), model.output
    document = json.loads(runner.invoke(app, [*arguments, "--format", "json"]).stdout)
    assert document["cases"] == 50 and document["verdict"] == "disagree"
    for entry in document["mistakes"]:
        assert entry["file"].endswith(f"{entry['statement']}.yaml") and len(entry["replay"]) == 2
        assert entry["changes"] and entry["model"] and entry["oracle"]
        assert "disagreed" in document["exercised"][entry["statement"]]


def test_a_progress_bar_shows_on_a_terminal_only(monkeypatch: pytest.MonkeyPatch) -> None:
    screen = io.StringIO()
    monkeypatch.setattr(cli, "_stderr", lambda: Console(file=screen, force_terminal=True, width=100))
    with cli._progress(True) as tell:
        assert tell is not None
        tell("cases", 5, 10)
    assert "cases" in screen.getvalue() and "5/10" in screen.getvalue()
    with cli._progress(False) as tell:
        assert tell is None
    monkeypatch.setattr(cli, "_stderr", lambda: Console(file=io.StringIO(), force_terminal=False))
    with cli._progress(True) as tell:
        assert tell is None


def test_the_example_declares_its_entry_point_in_the_group_the_tool_reads() -> None:
    project = tomllib.loads((EXAMPLE / "pyproject.toml").read_text(encoding="utf-8"))
    ((name, target),) = project["project"]["entry-points"][ENTRY_POINT_GROUP].items()
    _module, attribute = target.split(":")
    assert getattr(preflight(), attribute)().name == name == "preflight-example"


@pytest.mark.slow
def test_the_example_installs_as_a_plug_in_and_is_found_by_name(tmp_path: Path) -> None:
    """`pip install ./examples/oracles/preflight-py` registers the oracle: installed (without
    dependencies; pip builds it with setuptools from the index) into a folder on PYTHONPATH, it is
    named on the command line and replays a counterexample."""
    target = tmp_path / "site"
    if importlib.util.find_spec("pip") is not None:
        pip = [
            sys.executable,
            "-m",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "--target",
            str(target),
            str(EXAMPLE),
        ]
    elif shutil.which("uv"):  # nox's venvs made by uv have no pip
        pip = [
            "uv",
            "pip",
            "install",
            "-q",
            "--no-deps",
            "-p",
            sys.executable,
            "--target",
            str(target),
            str(EXAMPLE),
        ]
    else:
        pytest.skip("neither pip nor uv is there to install the example")
    subprocess.run(pip, check=True, capture_output=True, timeout=300)
    env_file = tmp_path / "every-2-hours.yaml"
    data = baseline_data(DEFAULT_EDITION)
    data["policy"]["every_hours"] = 2
    env_file.write_text(json.dumps(data), encoding="utf-8")
    command = [sys.executable, "-m", "aks_backup_conformance", "crosscheck", "--oracle", "preflight-example",
               "--no-plans", "--replay", str(env_file), "--format", "json"]  # fmt: skip
    done = subprocess.run(command, capture_output=True, text=True, timeout=120,
                          env={"PATH": "/usr/bin:/bin", "PYTHONPATH": str(target)})  # fmt: skip
    assert done.returncode == 3, done.stderr
    assert [m["statement"] for m in json.loads(done.stdout)["mistakes"]] == ["SM-SUP-08"]


needs_jq = pytest.mark.skipif(shutil.which("jq") is None, reason="the shell example needs jq")


@needs_jq
def test_the_shell_example_answers_like_the_python_one_on_its_statements() -> None:
    """Both examples carry the same checks and mistakes on the statements the shell one covers."""
    from hypothesis import strategies as st

    from aks_backup_model.strategies import environments, operations

    shell = Restricted(get(f"command:sh {SHELL}"), frozenset(SHELL_COVERS.split(",")))
    python = Restricted(preflight().PreflightOracle(), shell.covers())
    cases = st.tuples(environments(operations=st.none(), unknowns=False), operations())
    report = crosscheck(shell, max_examples=12, seed=4, cases=cases, unknowns=False, plans=False, asks=1)
    assert report.verdict in (Verdict.AGREE, Verdict.DISAGREE), report.details
    counter = ticks()
    mirrored = crosscheck(python, max_examples=12, seed=4, cases=cases, unknowns=False, plans=False, asks=1,
                          clock=lambda: next(counter))  # fmt: skip
    assert [m.statement_id for m in report.mistakes] == [m.statement_id for m in mirrored.mistakes]


@needs_jq
def test_the_shell_example_s_planted_mistakes_replay(tmp_path: Path) -> None:
    changes: list[tuple[str, dict[str, Any], str]] = [
        ("SM-SUP-08", {"policy": {"every_hours": 2}}, "policy.every_hours"),
        ("SM-REG-03", {"region": "italynorth"}, "cluster.region"),
    ]
    for statement_id, change, _ in changes:
        data = baseline_data(DEFAULT_EDITION)
        if "region" in change:
            for part in ("cluster", "vault"):
                data[part]["region"] = change["region"]
            data["extension"]["storage_account"]["region"] = change["region"]
        else:
            data["policy"].update(change["policy"])
        path = tmp_path / f"{statement_id}.yaml"
        path.write_text(json.dumps(data), encoding="utf-8")
        result = runner.invoke(app, ["crosscheck", "--oracle", f"command:sh {SHELL}", "--covers", SHELL_COVERS,
                                     "--no-plans", "--replay", str(path), "--format", "json"])  # fmt: skip
        assert result.exit_code == 3, result.output
        assert [m["statement"] for m in json.loads(result.stdout)["mistakes"]] == [statement_id]


def test_an_operation_is_kept_with_the_counterexample(found: Report) -> None:
    assert all(m.operation.kind == "configure_backup" for m in found.mistakes)
