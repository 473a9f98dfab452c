"""Read environments (and operations) from YAML or JSON into the model.

Every failure is an `InvalidInput` whose problems are `(field path, value, expected)` triples: the path
in the form `cluster.volumes[2].sku`, the value as written, and what was expected in words. Nothing
here lets a traceback reach a user.

YAML is read with the YAML 1.2 core rules for scalars, not PyYAML's YAML 1.1 ones: `On`, `yes` and `no`
stay text (the vault's `soft_delete: On` is Azure's value, not a boolean), `1.30` stays the version
`1.30` instead of the number 1.3, dates and times stay text for pydantic to parse, and `9:00` is not
read as the sexagesimal integer 540. Only `true`/`false`, `null`/`~` and plain decimal integers get a
type of their own; a mapping that repeats a key is refused instead of keeping the last value.
"""

from __future__ import annotations

import json
import re
import typing
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from aks_backup_model.environment import Environment
from aks_backup_model.errors import MISSING, InvalidInput
from aks_backup_model.operations import OPERATION_KINDS, Operation

from .problems import Problem, expected_kind, field_list, problems_from_validation_error, shown

__all__ = [
    "Problem",
    "load_environment",
    "parse_data",
    "parse_environment",
    "parse_operation",
    "problems_from_validation_error",
    "read_document",
    "read_text",
]

_OPERATION_ADAPTER: TypeAdapter[Operation] = TypeAdapter(Operation)


# --- reading text -----------------------------------------------------------------------------------


def load_environment(path: str | Path) -> Environment:
    """The environment described by the YAML or JSON file at `path` (JSON when it ends in `.json`).

    Raises:
        InvalidInput: the file is missing, unreadable, not UTF-8, not valid YAML/JSON, or does not
            describe a valid environment. `source` is the path as given.
    """
    source = str(path)
    return parse_environment(read_text(Path(path), source), source=source)


def parse_environment(text: str, source: str = "<string>", *, fmt: str | None = None) -> Environment:
    """The environment described by `text`.

    `fmt` is "json" or "yaml"; by default JSON when `source` ends in `.json`, else YAML (of which JSON
    is a subset, but the JSON parser gives the better message for a broken JSON file).

    Raises:
        InvalidInput: `text` is not valid YAML/JSON or does not describe a valid environment.
    """
    return parse_data(read_document(text, source, fmt=fmt), source)


def parse_data(data: object, source: str = "<data>") -> Environment:
    """The environment described by already-parsed data (a mapping of fields).

    Raises:
        InvalidInput: `data` is empty, not a mapping, or does not describe a valid environment.
    """
    if data is None:
        raise InvalidInput(source, [("", MISSING, "expected a mapping of environment fields; found no data")])
    if not isinstance(data, dict):
        raise InvalidInput(
            source,
            [("", shown(data), f"expected a mapping of environment fields ({field_list(Environment)})")],
        )
    try:
        return Environment.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(source, problems_from_validation_error(error, Environment)) from None


def parse_operation(text: str, source: str = "--operation", *, current: Operation | None = None) -> Operation:
    """The operation `text` names: a kind (`restore`) or a whole operation as inline YAML/JSON.

    A bare kind keeps `current` (the environment file's own operation) when it is of that kind, so the
    file's restore target and staging survive `--operation restore`; otherwise the kind's defaults apply.

    Raises:
        InvalidInput: an unknown kind, invalid YAML, or an invalid operation. Paths start at `operation`.
    """
    word = text.strip()
    if re.fullmatch(r"[A-Za-z_][A-Za-z0-9_-]*", word):
        kind = word.replace("-", "_")
        if kind not in OPERATION_KINDS:
            raise InvalidInput(source, [("operation.kind", word, expected_kind(word))])
        if current is not None and current.kind == kind:
            return current
        return _OPERATION_ADAPTER.validate_python({"kind": kind})
    data = read_document(text, source, fmt="yaml")
    if not isinstance(data, dict):
        raise InvalidInput(
            source,
            [
                (
                    "operation",
                    shown(data),
                    "expected a kind or a mapping such as {kind: restore, source_tier: Vault}",
                )
            ],
        )
    try:
        return _OPERATION_ADAPTER.validate_python(data)
    except ValidationError as error:
        problems = problems_from_validation_error(error, Environment, prefix=("operation",))
        raise InvalidInput(source, problems) from None


def read_document(text: str, source: str, *, fmt: str | None = None) -> Any:
    """Parse one YAML or JSON document (see `parse_environment` for `fmt`).

    Raises:
        InvalidInput: a syntax error (located by line and column) or a repeated key.
    """
    if fmt is None:
        fmt = "json" if source.lower().endswith(".json") else "yaml"
    if fmt == "json":
        return _read_json(text, source)
    if fmt != "yaml":
        raise ValueError(f"fmt={fmt!r}: expected 'json', 'yaml' or None")
    return _read_yaml(text, source)


def read_text(path: Path, source: str) -> str:
    """The UTF-8 text of a file, or `InvalidInput` saying why it cannot be read."""
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise InvalidInput(
            source, [("", source, "expected an existing file; there is no such file")]
        ) from None
    except IsADirectoryError:
        raise InvalidInput(source, [("", source, "expected a file; this is a directory")]) from None
    except PermissionError:
        raise InvalidInput(source, [("", source, "expected a readable file; permission denied")]) from None
    except OSError as error:
        raise InvalidInput(source, [("", source, f"expected a readable file; {error.strerror}")]) from None
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        bad = raw[error.start : error.start + 1]
        raise InvalidInput(
            source, [(f"line {line}", f"byte 0x{bad.hex()} at offset {error.start}", "expected UTF-8 text")]
        ) from None


def _read_json(text: str, source: str) -> Any:
    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result: dict[str, Any] = {}
        for key, value in items:
            if key in result:
                raise _DuplicateKey(key)
            result[key] = value
        return result

    try:
        return json.loads(text, object_pairs_hook=pairs)
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise InvalidInput(
            source, [(where, _line(text, error.lineno), f"expected valid JSON: {error.msg}")]
        ) from None
    except _DuplicateKey as error:
        raise InvalidInput(
            source, [("", error.key, "expected each key once in an object; this one repeats")]
        ) from None


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


def _read_yaml(text: str, source: str) -> Any:
    try:
        return yaml.load(text, Loader=_Loader)  # _Loader derives from SafeLoader
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "not valid YAML"
        if mark is None:
            raise InvalidInput(source, [("", MISSING, f"expected valid YAML: {problem}")]) from None
        where = f"line {mark.line + 1}, column {mark.column + 1}"
        if isinstance(error, _RepeatedKey):
            raise InvalidInput(source, [(where, error.key, problem)]) from None
        raise InvalidInput(
            source, [(where, _line(text, mark.line + 1), f"expected valid YAML: {problem}")]
        ) from None
    except yaml.YAMLError as error:
        raise InvalidInput(source, [("", MISSING, f"expected valid YAML: {error}")]) from None


def _line(text: str, number: int) -> object:
    lines = text.splitlines()
    if 1 <= number <= len(lines):
        return shown(lines[number - 1].strip())
    return MISSING


class _RepeatedKey(yaml.constructor.ConstructorError):
    def __init__(self, key: str, node: yaml.Node, first: yaml.Node) -> None:
        super().__init__(
            None,
            None,
            f"expected each key once in a mapping; {key!r} was already given at line {first.start_mark.line + 1}",
            node.start_mark,
        )
        self.key = key


class _Loader(yaml.SafeLoader):
    """SafeLoader with YAML 1.2 core scalars and refused duplicate keys (see the module docstring)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, typing.Hashable):
                continue  # SafeLoader refuses it below, with its own located message
            if key in seen:
                raise _RepeatedKey(str(key), key_node, seen[key])
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


_YAML11_ONLY = {
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}
_Loader.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _YAML11_ONLY]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Loader.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
