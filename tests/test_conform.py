"""`aks-backup-conformance conform`: the suite against an oracle from another folder, the comparison level,
and the one-line report of a failed scenario (issue 9, items 1 and 2).

The oracles are Python modules written into a temporary folder and named `module:attribute` (found from
the current folder, as a user's own oracle would be); the runs select a statement or two to stay short.
"""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
import textwrap
import xml.etree.ElementTree as ET
from pathlib import Path

import pytest

from aks_backup_conformance.report.features import compile_features

ROOT = Path(__file__).resolve().parent.parent

ORACLES = '''\
from aks_backup_model import evaluate
from aks_backup_model.outcome import Effect, Finding, Outcome
from aks_backup_model.statements import STATEMENTS


def _outcome(o, findings):
    return Outcome(operation=o.operation, edition=o.edition, findings=tuple(findings), volumes=o.volumes,
                   namespaces=o.namespaces, as_of=o.as_of)


class Quiet:
    """The model without its informational findings (a tool that reports only what decides)."""
    name = "quiet"

    def covers(self):
        return frozenset(STATEMENTS)

    def evaluate(self, env, op=None):
        o = evaluate(env, op)
        return _outcome(o, [f for f in o.findings if f.effect not in (Effect.WARNS, Effect.INFORMS)])


class Nothing(Quiet):
    """Answers None."""
    name = "nothing"

    def evaluate(self, env, op=None):
        return None


class OldRegionList(Quiet):
    """Quiet, and it refuses Brazil South (a region list copied from an older page)."""
    name = "old-region-list"

    def evaluate(self, env, op=None):
        o = super().evaluate(env, op)
        if env.cluster.region in ("Brazil South", "brazilsouth"):
            refusal = Finding("SM-REG-01", Effect.BLOCKS, "cluster.region", "not on our list")
            return _outcome(o, [*o.findings, refusal])
        return o
'''


def conform(folder: Path, *arguments: str) -> subprocess.CompletedProcess[str]:
    (folder / "my_oracles.py").write_text(textwrap.dedent(ORACLES), encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "aks_backup_conformance", "conform", *arguments],
        cwd=folder, capture_output=True, text=True, timeout=600, check=False,
        env={**os.environ, "CI": "true"},  # as in CI, where pytest does not shorten its summary lines
    )  # fmt: skip


def brazil_south() -> str:
    (example,) = [
        e
        for e in compile_features(ROOT)
        if e.feature == "features/regions.feature" and "in Brazil South can" in e.name
    ]
    return example.location


def assert_no_internals(output: str) -> None:
    for internal in ("Traceback", "pytest_bdd", "site-packages", "_pytest", 'File "'):
        assert internal not in output, f"{internal!r} in the output:\n{output[-3000:]}"


def test_a_wrong_answer_is_reported_in_one_line_with_its_statement(tmp_path: Path) -> None:
    done = conform(
        tmp_path, "--oracle", "my_oracles:OldRegionList", "--statement", "SM-REG-01", "--junit-xml=j.xml"
    )
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-3000:]
    line = (
        f"{brazil_south()} [SM-REG-01] Then the backup is supported: the oracle answered unsupported, "
        "citing SM-REG-01 blocks cluster.region; the matrix says supported"
    )
    assert line in done.stdout.splitlines(), done.stdout[-3000:]
    assert "1 statement selected, 0 ok, 1 failed" in done.stdout
    assert_no_internals(done.stdout + done.stderr)
    # the JUnit failure is that same line; the case names its statement
    (failed,) = [
        c for c in ET.parse(tmp_path / "j.xml").getroot().iter("testcase") if c.find("failure") is not None
    ]
    assert line in (failed.find("failure").text or "")  # type: ignore[union-attr]
    assert ("statement", "SM-REG-01") in [(p.get("name"), p.get("value")) for p in failed.iter("property")]


def test_informational_findings_count_only_at_the_strict_level(tmp_path: Path) -> None:
    """A tool that leaves out the informational notes conforms at the default level (and is told what
    --strict would count); at the strict level each missing note fails its scenario, in one line, and
    a wrong refusal still fails as what decides (the strict run asks OldRegionList: Quiet + a refusal)."""
    default = conform(
        tmp_path, "--oracle", "my_oracles:Quiet", "--statement", "SM-REG-01", "--results=r.json"
    )
    assert default.returncode == 0, default.stdout[-3000:]
    assert "1 statement selected, 1 ok" in default.stdout
    note = re.search(
        r"Compared at the default level: (\d+) differences .* \(SM-REG-01: (\d+)\); --strict counts",
        default.stdout,
    )
    assert note is not None and int(note[1]) == int(note[2]) > 0, default.stdout[-2000:]

    strict = conform(tmp_path, "--oracle", "my_oracles:OldRegionList", "--statement", "SM-REG-01", "--strict")
    assert strict.returncode == 1
    failures = [line for line in strict.stdout.splitlines() if line.startswith("features/")]
    items = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["items"]
    differing = [i for i in items if i.get("not_compared")]  # a scenario stops at its first difference
    assert len(failures) == len(differing) > 0, strict.stdout[-3000:]
    assert all(" [SM-REG-01] " in f and ": the oracle answered " in f for f in failures), failures
    informs = " [SM-REG-01] And SM-REG-01 informs: SM-REG-01: the oracle answered nothing from SM-REG-01; "
    about = " [SM-REG-01] Then the finding of SM-REG-01 is about cluster.region and says "
    refusal = f"{brazil_south()} [SM-REG-01] Then the backup is supported: the oracle answered unsupported"
    assert [f for f in failures if f.startswith(refusal)], failures
    others = [f for f in failures if not f.startswith(refusal)]
    assert all(informs in f or (about in f and "answered findings about nothing" in f) for f in others), (
        others
    )
    assert_no_internals(strict.stdout + strict.stderr)


def test_the_reference_model_is_compared_at_the_strict_level(tmp_path: Path) -> None:
    """The features are the reference model's specification: against it every check counts (words,
    subjects, informational findings), with or without `--strict`; another oracle gets the default level."""
    reference = conform(tmp_path, "--statement", "SM-REG-01", "--results=r.json")
    assert reference.returncode == 0, reference.stdout[-3000:]
    document = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))
    assert document["selection"]["comparison"] == "strict"
    assert not [i for i in document["items"] if i.get("not_compared")]
    assert "Compared at the default level" not in reference.stdout
    quiet = conform(tmp_path, "--oracle", "my_oracles:Quiet", "--statement", "SM-REG-01", "--results=q.json")
    assert quiet.returncode == 0, quiet.stdout[-3000:]
    document = json.loads((tmp_path / "q.json").read_text(encoding="utf-8"))
    assert document["selection"]["comparison"] == "default"
    assert [i for i in document["items"] if i.get("not_compared")]


def test_an_oracle_that_fails_is_reported_in_one_line_and_stops_the_run(tmp_path: Path) -> None:
    crash = f"command:{sys.executable} -c \"import sys; print('boom', file=sys.stderr); sys.exit(7)\""
    done = conform(tmp_path, "--oracle", crash, "--statement", "SM-VLT-01", "--results=r.json")
    assert done.returncode == 1, done.stdout[-3000:]
    failures = [line for line in done.stdout.splitlines() if ": the oracle gave no answer: " in line]
    assert len(failures) == 3, done.stdout[-3000:]  # stopped after 3 consecutive errors (--oracle-max-errors)
    assert all(line.startswith("features/") and "[SM-VLT-01]" in line for line in failures)
    assert "stopped after 3 consecutive errors" in done.stdout
    assert_no_internals(done.stdout + done.stderr)
    items = json.loads((tmp_path / "r.json").read_text(encoding="utf-8"))["items"]
    assert not [i for i in items if i["outcome"] == "passed"]


def test_any_other_error_of_a_scenario_is_one_line_too(tmp_path: Path) -> None:
    """An oracle that returns something that is not an answer: the step that reads it fails; one line
    names the error and where in the suite it happened."""
    done = conform(tmp_path, "--oracle", "my_oracles:Nothing", "--statement", "SM-VLT-02")
    failures = [line for line in done.stdout.splitlines() if line.startswith("features/")]
    assert done.returncode == 1 and failures, done.stdout[-3000:]
    assert all(
        re.search(r"\[SM-VLT-02\] Then .*: error in call \(AttributeError at steps/\w+\.py:\d+\): ", f)
        for f in failures
    ), failures[:3]
    assert_no_internals(done.stdout + done.stderr)


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--oracle", "no_such_module_here:Oracle"], "cannot import 'no_such_module_here'"),
        (["--oracle", "nothing-by-that-name"], "no oracle named 'nothing-by-that-name'"),
        (["--statement", "SM-XYZ-99"], "SM-XYZ-99"),
        (["--edition", "1999-01-01"], "1999-01-01"),
    ],
)
def test_bad_usage_is_exit_2_without_running(tmp_path: Path, arguments: list[str], message: str) -> None:
    done = conform(tmp_path, *arguments)
    assert done.returncode == 2, done.stdout + done.stderr
    assert message in done.stderr
    assert "passed" not in done.stdout
