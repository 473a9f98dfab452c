"""The conformance suite from the built wheel, in a fresh venv outside the repository (issue 9's must-hold).

The wheel is built from this checkout (`uv build`: the sdist, then the wheel from it), installed with its `conformance` extra into a
new venv in a temporary folder (`uv venv`, `uv pip install` from PyPI or uv's cache), and the suite is
run from another temporary folder against the reference oracle: every statement of every judged edition
must be ok, with the reports (JUnit with statement properties, Cucumber JSON tagged with statement ids,
the per-statement summary). Nothing of the checkout is on that interpreter's path: the suite runs from
the wheel's copy of `features/` and `steps/`, which this test also compares with the checkout's.
"""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET
import zipfile
from collections import Counter
from pathlib import Path

import pytest

from aks_backup_conformance.report.features import compile_features, read_features
from aks_backup_model.editions import EDITIONS, JUDGED

ROOT = Path(__file__).resolve().parent.parent
pytestmark = pytest.mark.slow


def uv() -> list[str]:
    """The uv command (a test dependency: the `uv` package ships the binary)."""
    found = shutil.which("uv") or shutil.which("uv", path=str(Path(sys.executable).parent))
    if found:
        return [found]
    return [sys.executable, "-m", "uv"]


def clean_env() -> dict[str, str]:
    """This process's environment without what would point the new venv back at the checkout."""
    drop = {"PYTHONPATH", "VIRTUAL_ENV", "PYTEST_ADDOPTS", "PYTEST_PLUGINS", "CONDA_PREFIX"}
    return {k: v for k, v in os.environ.items() if k not in drop and not k.startswith("PYTEST_")}


def run(command: list[str], cwd: Path, timeout: float = 600) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        command, cwd=cwd, env=clean_env(), capture_output=True, text=True, timeout=timeout, check=False
    )


@pytest.fixture(scope="module")
def wheel(tmp_path_factory: pytest.TempPathFactory) -> Path:
    out = tmp_path_factory.mktemp("dist")
    # sdist first, then the wheel from the sdist (as a package index would get it): nothing of the
    # checkout's build/ folder can slip in, and the sdist must carry features/ and steps/ too
    done = run([*uv(), "build", "--out-dir", str(out), str(ROOT)], cwd=out)
    assert done.returncode == 0, done.stdout + done.stderr
    (built,) = out.glob("*.whl")
    return built


@pytest.fixture(scope="module")
def venv(wheel: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv outside the repository with the wheel and its `conformance` extra; its bin folder."""
    folder = tmp_path_factory.mktemp("venv") / "venv"
    done = run([*uv(), "venv", "-q", "-p", sys.executable, str(folder)], cwd=folder.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    python = folder / "bin" / "python"
    done = run([*uv(), "pip", "install", "-q", "-p", str(python), f"{wheel}[conformance]"], cwd=folder.parent)
    assert done.returncode == 0, done.stdout + done.stderr
    return folder / "bin"


def test_the_wheel_holds_the_features_and_steps_of_the_checkout(wheel: Path) -> None:
    """The suite's files in the wheel are the checkout's own, byte for byte (built from them, no copy)."""
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for folder, package, patterns in (
            ("features", "aks_backup_conformance/features", ("*.feature", "*.yaml")),
            ("steps", "aks_backup_conformance/steps", ("*.py",)),
        ):
            files = sorted(p for pattern in patterns for p in (ROOT / folder).glob(pattern))
            assert files, folder
            shipped = {
                n for n in names if n.startswith(package + "/") and n.count("/") == package.count("/") + 1
            }
            assert shipped == {f"{package}/{f.name}" for f in files}
            for path in files:
                assert archive.read(f"{package}/{path.name}") == path.read_bytes(), path
        (entry_points,) = [n for n in names if n.endswith(".dist-info/entry_points.txt")]
        text = archive.read(entry_points).decode()
    assert "[pytest11]" in text and "aks_backup_conformance.pytest_plugin" in text


def test_the_installed_package_is_the_wheels_not_the_checkout(venv: Path, tmp_path: Path) -> None:
    code = "import aks_backup_conformance.steps as s, aks_backup_model as m; print(s.__file__); print(m.__file__)"
    done = run([str(venv / "python"), "-c", code], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    for line in done.stdout.split():
        assert Path(line).is_relative_to(venv.parent), line


@pytest.mark.parametrize("edition", JUDGED)
def test_conform_from_the_wheel_passes_every_statement(venv: Path, tmp_path: Path, edition: str) -> None:
    """`aks-backup-conformance conform` from a folder outside the repository: every statement ok."""
    done = run(
        [str(venv / "aks-backup-conformance"), "conform", "--edition", edition, "--junit-xml", "out/junit.xml",
         "--cucumber-json", "out/cucumber.json", "--summary", "out/statements.json"],
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    summary = json.loads((tmp_path / "out" / "statements.json").read_text(encoding="utf-8"))
    assert summary["ok"] is True
    verdicts = Counter(s["verdict"] for s in summary["statements"].values())
    assert verdicts == {"ok": len(EDITIONS[edition].statement_ids)}, verdicts
    assert (
        summary["headline"]
        == f"{len(EDITIONS[edition].statement_ids)} statements judged, {verdicts['ok']} ok."
    )

    # JUnit: one test case per scenario example of the edition, each with its statement ids as properties.
    expected = sum(s.examples_in(edition) for s in read_features(ROOT))
    cases = ET.parse(tmp_path / "out" / "junit.xml").getroot().findall(".//testcase")
    assert len(cases) == expected
    for case in cases:
        ids = [p.get("value") for p in case.findall("./properties/property") if p.get("name") == "statement"]
        assert ids and all(i and i.startswith("SM-") for i in ids), case.attrib
    # Cucumber JSON: every scenario carries its statement ids (the Rule's tags added after the run).
    report = json.loads((tmp_path / "out" / "cucumber.json").read_text(encoding="utf-8"))
    elements = [e for feature in report for e in feature["elements"]]
    assert len(elements) == expected
    assert all(any(t["name"].startswith("SM-") for t in e["tags"]) for e in elements)
    assert not (tmp_path / "features").exists()  # nothing of the suite was copied into the folder


def test_pytest_pyargs_runs_the_suite_with_the_plugin(venv: Path, tmp_path: Path) -> None:
    """The pytest11 entry point alone is enough: `pytest --pyargs aks_backup_conformance.steps`."""
    done = run(
        [str(venv / "python"), "-m", "pytest", "--pyargs", "aks_backup_conformance.steps", "-q",
         "-p", "no:cacheprovider", "--statement", "SM-VLT-01", "--results", "results.json"],
        cwd=tmp_path,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout[-3000:] + done.stderr[-3000:]
    items = json.loads((tmp_path / "results.json").read_text(encoding="utf-8"))["items"]
    ran = [i for i in items if i["outcome"] == "passed"]
    assert ran and all("SM-VLT-01" in i["statements"] for i in ran)
    assert all(i["feature"].startswith("features/") for i in items)
    assert len(items) == len(compile_features(ROOT))


def test_traceability_from_the_wheel_counts_the_shipped_scenarios(venv: Path, tmp_path: Path) -> None:
    done = run([str(venv / "python"), "-m", "aks_backup_conformance.report.traceability"], cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    total = sum(s.examples for s in read_features(ROOT))
    assert f"statements, {total} scenario examples." in done.stdout


def test_conform_without_the_extra_says_how_to_get_it(wheel: Path, tmp_path: Path) -> None:
    folder = tmp_path / "bare"
    assert run([*uv(), "venv", "-q", "-p", sys.executable, str(folder)], cwd=tmp_path).returncode == 0
    done = run(
        [*uv(), "pip", "install", "-q", "-p", str(folder / "bin" / "python"), str(wheel)], cwd=tmp_path
    )
    assert done.returncode == 0, done.stderr
    done = run([str(folder / "bin" / "aks-backup-conformance"), "conform"], cwd=tmp_path)
    assert done.returncode == 2
    assert "pip install 'aks-backup-conformance[conformance]'" in done.stderr


# ## The worked third-party example (examples/oracles/) from the wheel --------------------------------

EXAMPLES = ROOT / "examples" / "oracles"
SHELL_COVERS = "SM-REG-02,SM-REG-03,SM-SUP-05,SM-SUP-08,SM-SUP-12,SM-UNS-05,SM-LIM-03,SM-LIM-04"
PLANTED: dict[str, tuple[str, str]] = {
    # statement: (the scenario that shows the mistake, what its one-line report says)
    "SM-REG-03": (
        "a cluster in Italy North, a region the first list names, is not refused by SM-REG-03",
        "the oracle answered unsupported, citing SM-REG-03 blocks cluster.region; the matrix says supported",
    ),
    "SM-VLT-01": (
        "a disk of 1023 GiB is copied to the Vault tier",
        "SM-VLT-01: the oracle answered SM-VLT-01 skips; the matrix says SM-VLT-01 not cited",
    ),
    "SM-SUP-04": (
        "a static volume that names no storage class is skipped and the rest is backed up",
        "SM-SUP-04: the oracle answered nothing from SM-SUP-04; the matrix says SM-SUP-04 skips",
    ),
    "SM-LIM-04": (
        "the namespaces that are never backed up do not count toward the limit",
        "the oracle answered unsupported, citing SM-LIM-04 blocks backup_instance.namespaces; the matrix says supported",
    ),
    "SM-SUP-08": (
        "a policy that backs up every 2 hours is refused, more often than every 4 hours",
        "SM-SUP-08: the oracle answered supported, citing nothing; the matrix says unsupported, citing SM-SUP-08 blocks",
    ),
}
"""The five mistakes planted in examples/oracles (see its README): the Python plug-in has all five, the
shell script the region list (SM-REG-03), the system namespaces (SM-LIM-04) and 2 hours (SM-SUP-08)."""


def assert_reports_each_planted_mistake(done: subprocess.CompletedProcess[str], planted: set[str]) -> None:
    assert done.returncode == 1, done.stdout[-3000:] + done.stderr[-3000:]
    lines = done.stdout.splitlines()
    by_name = {e.name: e for e in compile_features(ROOT)}
    for statement_id in sorted(planted):
        scenario, says = PLANTED[statement_id]
        location = by_name[scenario].location
        reported = [line for line in lines if line.startswith(f"{location} [{statement_id}] ")]
        assert reported, f"no one-line report of {statement_id} at {location}:\n{done.stdout[-3000:]}"
        assert says in reported[0], reported[0]
    for internal in ("Traceback", "pytest_bdd", "_pytest"):
        assert internal not in done.stdout + done.stderr


def test_conform_from_the_wheel_reports_each_mistake_of_the_python_example(
    venv: Path, tmp_path: Path
) -> None:
    """The entry-point plug-in, installed next to the wheel (from a copy: the build writes into its
    folder), judged without plans (it plans nothing): each planted mistake in one line, with its id."""
    source = tmp_path / "preflight-py"
    shutil.copytree(EXAMPLES / "preflight-py", source, ignore=shutil.ignore_patterns("build", "*.egg-info"))
    done = run([*uv(), "pip", "install", "-q", "-p", str(venv / "python"), str(source)], cwd=tmp_path)
    assert done.returncode == 0, done.stdout + done.stderr
    done = run(
        [str(venv / "aks-backup-conformance"), "conform", "--oracle", "preflight-example", "--no-plans",
         "--summary", "statements.json"],
        cwd=tmp_path,
    )  # fmt: skip
    assert_reports_each_planted_mistake(done, set(PLANTED))
    verdicts = json.loads((tmp_path / "statements.json").read_text(encoding="utf-8"))["statements"]
    assert {i for i in PLANTED if verdicts[i]["verdict"] == "failed"} == set(PLANTED)


@pytest.mark.skipif(shutil.which("jq") is None, reason="the shell example needs jq (apt-get install jq)")
def test_conform_from_the_wheel_reports_each_mistake_of_the_shell_example(venv: Path, tmp_path: Path) -> None:
    script = EXAMPLES / "preflight-sh" / "preflight.sh"
    done = run(
        [str(venv / "aks-backup-conformance"), "conform", "--oracle", f"command:sh {script}",
         "--covers", SHELL_COVERS, "--no-plans"],
        cwd=tmp_path,
    )  # fmt: skip
    assert_reports_each_planted_mistake(done, {"SM-REG-03", "SM-LIM-04", "SM-SUP-08"})
    assert "8 statements covered by the oracle" in done.stdout
