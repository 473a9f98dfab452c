"""The nox sessions' own logic, run against a recording stand-in for `nox.Session` (no venv is built):
what `nox -s conformance -- ...` installs and runs, edition by edition."""

from __future__ import annotations

import functools
import importlib.util
import json
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[1]


@functools.cache
def _noxfile() -> ModuleType:
    spec = importlib.util.spec_from_file_location("project_noxfile", ROOT / "noxfile.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules.setdefault(spec.name, module)
    spec.loader.exec_module(module)
    return module


class RecordingSession:
    """What a session installs and runs; the per-edition summaries say `ok` as told."""

    def __init__(self, posargs: list[str], *, ok: bool = True) -> None:
        self.posargs = posargs
        self.ok = ok
        self.installed: list[tuple[str, ...]] = []
        self.ran: list[tuple[str, ...]] = []

    def install(self, *args: str) -> None:
        self.installed.append(args)

    def log(self, *args: Any) -> None:
        pass

    def error(self, message: str) -> None:
        raise RuntimeError(message)

    def run(self, *args: str, **kwargs: Any) -> str:
        self.ran.append(args)
        if args[:2] == ("python", "-c"):
            return "2026-01-06 2025-06-10 2026-01-06\n"
        if "--summary" in args:
            Path(args[args.index("--summary") + 1]).write_text(json.dumps({"ok": self.ok}))
        return ""

    def pytest_runs(self) -> list[tuple[str, ...]]:
        return [a for a in self.ran if a[:1] == ("pytest",)]


@pytest.fixture
def noxfile(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> ModuleType:
    module = _noxfile()
    monkeypatch.setattr(module, "REPORTS", tmp_path / "reports")
    return module


def test_with_installs_each_plugin_into_the_session_before_the_features_run(noxfile: ModuleType) -> None:
    session = RecordingSession(
        ["--oracle", "preflight-example", "--with", "examples/oracles/preflight-py", "--with=my-tool>=1.2",
         "--strict", "--no-plans", "--statement", "SM-REG-03"]
    )  # fmt: skip
    noxfile.conformance(session)
    assert session.installed[1:] == [("examples/oracles/preflight-py",), ("my-tool>=1.2",)]
    runs = session.pytest_runs()
    assert [next(a for a in run if a.startswith("--edition=")) for run in runs] == [
        "--edition=2025-06-10",
        "--edition=2026-01-06",
    ]
    for run in runs:
        assert "--with" not in run and not any(a.startswith("--with") for a in run)
        tail = run[run.index("--oracle") :]
        assert tail == ("--oracle", "preflight-example", "--oracle-strict", "--oracle-no-plans",
                        "--statement", "SM-REG-03")  # fmt: skip


def test_one_edition_and_a_failing_verdict_fail_the_session(noxfile: ModuleType) -> None:
    session = RecordingSession(["--edition", "2025-06-10"], ok=False)
    with pytest.raises(RuntimeError, match="2025-06-10"):
        noxfile.conformance(session)
    assert len(session.pytest_runs()) == 1 and session.installed[1:] == []
