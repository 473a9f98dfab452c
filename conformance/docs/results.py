"""Results of conformance runs: the standard Cucumber JSON that `pytest --cucumberjson` writes.

Each file is one run (one oracle). A scenario run is joined to its scenario in the feature files by the
feature's uri and the scenario's line; outline examples share their outline's line and are told apart
by the name their values give. A run counts as passed only when it has steps and every step passed;
a failed (or undefined) step makes it failed; anything else (skipped, pending, no steps, no run at all)
is "not run" and never counts as a pass.
"""

from __future__ import annotations

import enum
import json
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from aks_backup_model.errors import InvalidInput

from ..io.load import read_text


class RunStatus(enum.StrEnum):
    PASSED = "passed"
    FAILED = "failed"
    NOT_RUN = "not run"


_FAILING_STEP = frozenset({"failed", "undefined", "ambiguous"})


class _Lenient(BaseModel):
    model_config = ConfigDict(extra="ignore", frozen=True)


class _Result(_Lenient):
    status: str
    error_message: str | None = None


class _Step(_Lenient):
    keyword: str = ""
    name: str = ""
    line: int | None = None
    result: _Result | None = None


class _Element(_Lenient):
    name: str = ""
    line: int
    type: str = "scenario"
    steps: list[_Step] = []


class _Feature(_Lenient):
    uri: str
    elements: list[_Element] = []


_REPORT = TypeAdapter(list[_Feature])


@dataclass(frozen=True, slots=True)
class Run:
    """One scenario (or one outline example) as one run reported it."""

    name: str
    status: RunStatus
    message: str | None = None
    """The first failing step and its error, for a failed run."""


def feature_key(uri: str) -> str:
    """The part of a feature's uri that names it within the features folder (`volumes.feature`).

    Runs started from another folder, or features shipped inside the package, give other prefixes;
    the join ignores everything up to the last `features/`.
    """
    path = uri.replace("\\", "/")
    marker = path.rfind("features/")
    return path[marker + len("features/") :] if marker >= 0 else path.rsplit("/", 1)[-1]


def _status(element: _Element) -> tuple[RunStatus, str | None]:
    statuses = [s.result.status if s.result else "skipped" for s in element.steps]
    for step in element.steps:
        if step.result is not None and step.result.status in _FAILING_STEP:
            detail = (step.result.error_message or step.result.status).strip().splitlines()
            return RunStatus.FAILED, f"{step.keyword} {step.name}".strip() + (
                f": {detail[-1]}" if detail else ""
            )
    if statuses and all(s == "passed" for s in statuses):
        return RunStatus.PASSED, None
    return RunStatus.NOT_RUN, None


@dataclass(frozen=True, slots=True)
class Results:
    """One results file: its label (the oracle it ran against) and its runs by (feature key, line)."""

    label: str
    source: str
    runs: dict[tuple[str, int], list[Run]] = field(default_factory=dict)

    def of(self, uri: str, line: int) -> list[Run]:
        return self.runs.get((feature_key(uri), line), [])


def read_results(path: Path, label: str | None = None) -> Results:
    """Read one Cucumber JSON file.

    Raises:
        InvalidInput: the file cannot be read, is not JSON, or is not a Cucumber JSON report; each
            problem names the path in the document, the value and what was expected.
    """
    source = str(path)
    text = read_text(path, source)
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InvalidInput(
            source, [("", f"line {error.lineno} column {error.colno}", f"JSON ({error.msg})")]
        ) from None
    try:
        features = _REPORT.validate_python(data)
    except ValidationError as error:
        problems: list[tuple[str, object, str]] = []
        for item in error.errors(include_url=False):
            where = ".".join(str(p) for p in item["loc"])
            problems.append((where, item.get("input"), f"a Cucumber JSON report ({item['msg']})"))
        raise InvalidInput(source, problems[:10]) from None
    runs: dict[tuple[str, int], list[Run]] = {}
    for feature in features:
        key = feature_key(feature.uri)
        for element in feature.elements:
            if element.type == "background":
                continue
            status, message = _status(element)
            runs.setdefault((key, element.line), []).append(Run(element.name, status, message))
    return Results(label or path.stem, source, runs)


def read_all(paths: list[Path]) -> list[Results]:
    """Several results files, each labelled by its file name (its folder too, where names clash).

    A path may be written `LABEL=PATH` to name the oracle it ran against.
    """
    labelled: list[tuple[str | None, Path]] = []
    for raw in paths:
        text = str(raw)
        name, sep, rest = text.partition("=")
        labelled.append((name, Path(rest)) if sep and name and not Path(text).exists() else (None, raw))
    stems = [given or p.stem for given, p in labelled]
    results = []
    for (given, path), stem in zip(labelled, stems, strict=True):
        label = given or stem
        if given is None and stems.count(stem) > 1:
            label = f"{path.parent.name}/{path.stem}" if path.parent.name else str(path)
        results.append(read_results(path, label))
    return results
