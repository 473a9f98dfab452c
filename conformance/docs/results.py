"""Results of conformance runs: the standard Cucumber JSON that `pytest --cucumberjson` writes.

Each file is one run (one oracle). A scenario run is joined to its scenario in the feature files by the
feature's uri and the scenario's line; outline examples share their outline's line and are told apart
by the name their values give. A run counts as passed only when it has steps and every step passed;
a failed (or undefined) step makes it failed; anything else (skipped, pending, no steps, no run at all)
is "not run" and never counts as a pass.

Each run judged by one edition of the matrix (`pytest steps --edition E`). Which one is read, in this
order, from: the command line (`--results LABEL@EDITION=FILE`); the file's own feature tags
(`judged-by-2026-01-06`, which `nox -s conformance` and `nox -s docs` stamp on every feature); the
`results.json` the run wrote beside it (`selection.edition`, see `aks_backup_conformance.pytest_plugin`).
A file that says nothing is taken as a run of the default edition (what `pytest steps` runs without
`--edition`), and the site says the edition was assumed.

    python -m aks_backup_conformance.docs.results --stamp 2026-01-06 reports/2026-01-06/cucumber.json
"""

from __future__ import annotations

import enum
import json
import sys
from dataclasses import dataclass, field
from pathlib import Path

from pydantic import BaseModel, ConfigDict, TypeAdapter, ValidationError

from aks_backup_model.editions import DEFAULT_EDITION, EDITIONS
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


class _Tag(_Lenient):
    name: str


class _Feature(_Lenient):
    uri: str
    tags: list[_Tag] = []
    elements: list[_Element] = []


JUDGED_TAG = "judged-by-"
"""Feature tag naming the edition a run judged by (`judged-by-2026-01-06`; written without `@`, as
pytest-bdd writes the features' own tags, and read with or without it)."""


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
    edition: str = DEFAULT_EDITION
    """The edition the run judged by."""
    edition_from: str = "assumed"
    """Where that was read: `stated` (LABEL@EDITION=FILE), `tags` (@judged-by-...), `results.json`, or
    `assumed` (nothing said it: the default edition)."""

    def of(self, uri: str, line: int) -> list[Run]:
        return self.runs.get((feature_key(uri), line), [])

    @property
    def title(self) -> str:
        """The label with its edition (`reference, 2026-01-06`)."""
        suffix = " (assumed)" if self.edition_from == "assumed" else ""
        return f"{self.label}, {self.edition}{suffix}"


def _known(edition: str, source: str, where: str) -> str:
    if edition not in EDITIONS:
        raise InvalidInput(source, [(where, edition, "an edition of the matrix: " + ", ".join(EDITIONS))])
    return edition


def _edition_of(features: list[_Feature], path: Path, source: str) -> tuple[str, str] | None:
    """The edition the file says it judged by: its features' `@judged-by-` tags, else the results.json
    beside it."""
    stamped = {
        (index, tag.name.lstrip("@").removeprefix(JUDGED_TAG))
        for index, feature in enumerate(features)
        for tag in feature.tags
        if tag.name.lstrip("@").startswith(JUDGED_TAG)
    }
    named = {edition for _, edition in stamped}
    if len(named) > 1:
        raise InvalidInput(
            source, [("tags", ", ".join(sorted(named)), "one judged-by- edition for the whole run")]
        )
    if named:
        index = min(i for i, _ in stamped)
        return _known(named.pop(), source, f"{index}.tags"), "tags"
    written = _selection(path).get("edition")
    if isinstance(written, str):
        return _known(written, str(path.parent / "results.json"), "selection.edition"), "results.json"
    return None


def _selection(path: Path) -> dict[str, object]:
    """`selection` of the `results.json` the same run wrote beside the Cucumber JSON (empty if none)."""
    beside = path.parent / "results.json"
    try:
        selection = json.loads(beside.read_text(encoding="utf-8")).get("selection")
    except (json.JSONDecodeError, AttributeError, OSError):
        return {}
    return selection if isinstance(selection, dict) else {}


def read_results(path: Path, label: str | None = None, edition: str | None = None) -> Results:
    """Read one Cucumber JSON file (`edition`: the edition the run judged by, when the caller knows it).

    Raises:
        InvalidInput: the file cannot be read, is not JSON, or is not a Cucumber JSON report; each
            problem names the path in the document, the value and what was expected.
    """
    source = str(path)
    text = read_text(path, source)
    try:
        # pydantic-core parses and validates in one pass (a run of every edition is megabytes of JSON)
        features = _REPORT.validate_json(text)
    except ValidationError as error:
        if any(item["type"] == "json_invalid" for item in error.errors(include_url=False)):
            try:
                json.loads(text)  # for the line and column the standard parser reports
            except json.JSONDecodeError as bad:
                raise InvalidInput(
                    source, [("", f"line {bad.lineno} column {bad.colno}", f"JSON ({bad.msg})")]
                ) from None
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
    if edition is not None:
        judged, said = _known(edition, source, "--results LABEL@EDITION=FILE"), "stated"
    else:
        judged, said = _edition_of(features, path, source) or (DEFAULT_EDITION, "assumed")
    return Results(label or path.stem, source, runs, judged, said)


def read_all(paths: list[Path]) -> list[Results]:
    """Several results files, each labelled by its file name (its folder too, where names clash).

    A path may be written `LABEL=PATH` to name the oracle it ran against, `LABEL@EDITION=PATH` to say
    the edition it judged by as well (`reference@2025-06-10=reports/2025-06-10/cucumber.json`), or
    `@EDITION=PATH`.
    """
    labelled: list[tuple[str | None, str | None, Path]] = []
    for raw in paths:
        text = str(raw)
        name, sep, rest = text.partition("=")
        if sep and name and not Path(text).exists():
            named, _, said = name.partition("@")
            labelled.append((named or None, said or None, Path(rest)))
        else:
            labelled.append((None, None, raw))
    stems = [given or p.stem for given, _, p in labelled]
    results = []
    for (given, edition, path), stem in zip(labelled, stems, strict=True):
        written = _selection(path).get("oracle") if given is None else None
        oracle = written if isinstance(written, str) and written else None
        label = given or oracle or stem
        if given is None and oracle is None and stems.count(stem) > 1:
            label = f"{path.parent.name}/{path.stem}" if path.parent.name else str(path)
        results.append(read_results(path, label, edition))
    return results


def stamp(path: Path, edition: str) -> None:
    """Tag every feature of the Cucumber JSON at `path` with `judged-by-EDITION` (in place)."""
    _known(edition, str(path), "--stamp")
    data = json.loads(path.read_text(encoding="utf-8"))
    tag = JUDGED_TAG + edition
    for feature in data if isinstance(data, list) else []:
        if isinstance(feature, dict):
            tags = [
                t
                for t in feature.get("tags") or []
                if not str(t.get("name", "")).lstrip("@").startswith(JUDGED_TAG)
            ]
            feature["tags"] = [*tags, {"name": tag, "line": 1}]
    path.write_text(json.dumps(data, indent=1), encoding="utf-8")


def main(argv: list[str] | None = None) -> int:
    """`python -m aks_backup_conformance.docs.results --stamp EDITION FILE...`: what `nox` runs after a run."""
    args = list(sys.argv[1:] if argv is None else argv)
    if len(args) < 3 or args[0] != "--stamp":
        print("usage: python -m aks_backup_conformance.docs.results --stamp EDITION FILE...", file=sys.stderr)
        return 2
    try:
        for name in args[2:]:
            stamp(Path(name), args[1])
    except (InvalidInput, OSError, json.JSONDecodeError) as error:
        print(f"error: {error}", file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
