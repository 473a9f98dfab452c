"""Mutated artifacts get an answer or a located refusal (exit 2), never a traceback.

Hypothesis takes a sample of `tests/data/`, one of its files (JSON artifacts, the YAML stated facts), and one mutation: a field dropped, a
value retyped (to text, number, true, null, a list or an object), a key renamed, or the JSON text cut
short. `check --from` on the mutated folder must exit with an answer (0, 3, 4, 5) or with 2 and a
message naming the file and where in it (a JSON pointer or a line); exit 1 (an internal error) or a
traceback fails the test. 1,000 examples, derandomized, so CI runs the same ones every time.
"""

from __future__ import annotations

import atexit
import json
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import yaml
from hypothesis import HealthCheck, event, given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.io.sources import pointer

DATA = Path(__file__).resolve().parent / "data"
SAMPLES = sorted(p for p in DATA.iterdir() if p.is_dir())
FILES = [(sample, path.name) for sample in SAMPLES for path in sorted(sample.iterdir()) if path.is_file()]
RETYPED: list[Any] = ["text", 7, -1, 2.5, True, None, [], ["x"], {}, {"x": 1}]


def paths(value: Any, parts: tuple[str | int, ...] = ()) -> Iterator[tuple[str | int, ...]]:
    """Every path inside a JSON value (not the root)."""
    if isinstance(value, dict):
        items: Any = value.items()
    elif isinstance(value, list):
        items = enumerate(value)
    else:
        return
    for key, child in items:
        here = (*parts, key)
        yield here
        yield from paths(child, here)


def parse(name: str, text: str) -> Any:
    return json.loads(text) if name.endswith(".json") else yaml.safe_load(text)


def dump(name: str, data: Any) -> str:
    return json.dumps(data, indent=2) if name.endswith(".json") else yaml.safe_dump(data, sort_keys=False)


PATHS = {(sample, name): list(paths(parse(name, (sample / name).read_text()))) for sample, name in FILES}


def parent_of(data: Any, where: tuple[str | int, ...]) -> Any:
    for part in where[:-1]:
        data = data[part]
    return data


@st.composite
def mutations(draw: st.DrawFn) -> tuple[Path, str, str, str]:
    """(sample, file, mutated text, what was done)."""
    sample, name = draw(st.sampled_from(FILES))
    text = (sample / name).read_text()
    kind = draw(st.sampled_from(["drop", "retype", "rename", "truncate"]))
    if kind == "truncate" or not PATHS[(sample, name)]:
        cut = draw(st.integers(0, max(0, len(text) - 1)))
        return sample, name, text[:cut], f"truncated at {cut}"
    data = parse(name, text)
    where = draw(st.sampled_from(PATHS[(sample, name)]))
    parent, key = parent_of(data, where), where[-1]
    if kind == "drop":
        del parent[key]
    elif kind == "retype":
        parent[key] = draw(st.sampled_from(RETYPED))
    elif isinstance(parent, dict):
        new = draw(st.sampled_from([str(key).upper(), f"{key}X", str(key)[:-1] or "k", f"_{key}"]))
        parent[new if new not in parent else f"{new}2"] = parent.pop(key)
    else:
        parent[key] = {"renamed": parent[key]}
    return sample, name, dump(name, data), f"{kind} {pointer(*where)}"


WORK = Path(tempfile.mkdtemp(prefix="mutants-"))
atexit.register(shutil.rmtree, WORK, ignore_errors=True)  # the copies go when the test session ends
COPIES = {sample: shutil.copytree(sample, WORK / sample.name) for sample in SAMPLES}


@settings(max_examples=1000, suppress_health_check=[HealthCheck.too_slow], deadline=None)
@given(mutations())
def test_a_mutated_artifact_gets_an_answer_or_a_located_refusal(mutation: tuple[Path, str, str, str]) -> None:
    sample, name, text, done = mutation
    folder = COPIES[sample]
    target = folder / name
    target.write_text(text)
    try:
        result = CliRunner().invoke(app, ["check", "--from", str(folder), "--format", "json"])
    finally:
        shutil.copy(sample / name, target)
    assert result.exception is None or isinstance(result.exception, SystemExit), (done, result.exception)
    event(f"exit {result.exit_code}")
    assert result.exit_code in (0, 2, 3, 4, 5), (done, result.exit_code, result.output[-2000:])
    document = json.loads(result.stdout)
    if result.exit_code == 2:
        assert document["error"] == "invalid_input"
        assert Path(document["source"]).name == name, (done, document)
        for problem in document["problems"]:
            assert problem["path"].startswith(("/", "line ")), (done, problem)
    else:
        assert document["status"] in ("supported", "unsupported", "not_covered", "unknown"), done
