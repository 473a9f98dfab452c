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

import difflib
import json
import re
import types
import typing
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any

import annotated_types
import yaml
from pydantic import BaseModel, TypeAdapter, ValidationError
from pydantic_core import ErrorDetails

from ..environment import Environment
from ..errors import MISSING, InvalidInput
from ..operations import OPERATION_KINDS, Operation

__all__ = [
    "Problem",
    "load_environment",
    "parse_data",
    "parse_environment",
    "parse_operation",
    "problems_from_validation_error",
    "read_document",
]

Problem = tuple[str, object, str]
"""(field path, value as given or MISSING, what was expected)."""

_OPERATION_ADAPTER: TypeAdapter[Operation] = TypeAdapter(Operation)
_MAX_SHOWN = 80


# --- reading text -----------------------------------------------------------------------------------


def load_environment(path: str | Path) -> Environment:
    """The environment described by the YAML or JSON file at `path` (JSON when it ends in `.json`).

    Raises:
        InvalidInput: the file is missing, unreadable, not UTF-8, not valid YAML/JSON, or does not
            describe a valid environment. `source` is the path as given.
    """
    source = str(path)
    return parse_environment(_read_text(Path(path), source), source=source)


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
            [("", _shown(data), f"expected a mapping of environment fields ({_field_list(Environment)})")],
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
            raise InvalidInput(source, [("operation.kind", word, _expected_kind(word))])
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
                    _shown(data),
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


def _read_text(path: Path, source: str) -> str:
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
        return _shown(lines[number - 1].strip())
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


# --- pydantic errors into problems ------------------------------------------------------------------


def problems_from_validation_error(
    error: ValidationError, root: type[BaseModel], *, prefix: Sequence[str | int] = ()
) -> list[Problem]:
    """Turn pydantic's errors into (field path, value, expected) triples.

    `root` is the model that was validated (or, with `prefix`, the model whose field `prefix` names:
    an operation is validated alone but reported at `operation`).
    """
    problems: list[Problem] = []
    for details in error.errors(include_url=False):
        problem = _problem(details, root, tuple(prefix))
        if problem not in problems:
            problems.append(problem)
    return problems


def _problem(details: ErrorDetails, root: type[BaseModel], prefix: tuple[str | int, ...]) -> Problem:
    located = _locate(root, prefix + tuple(details["loc"]))
    kind = details["type"]
    value: object = MISSING if kind == "missing" else _shown(details.get("input"))
    ctx = details.get("ctx") or {}
    path = located.path

    if kind == "extra_forbidden":
        return path, value, _unknown_field(located)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tag = ctx.get("tag")
        return _join(path, "kind"), MISSING if tag is None else tag, _expected_kind(tag)
    if kind == "value_error":
        duplicate = _DUPLICATE.match(str(ctx.get("error", "")))
        if duplicate:
            field, index, name = duplicate.groups()
            key = "claim" if field == "volumes" else "name"
            where = _join(path, f"{field}[{index}].{key}")
            return (
                where,
                _shown(_unquote(name)),
                f"expected a {_ITEM.get(field, 'name')} not used before in {field}",
            )
    return path, value, _expected(kind, details, located)


_DUPLICATE = re.compile(r"^(\w+)\[(\d+)\] repeats the name (.+?); names must be unique$")
_ITEM = {"node_pools": "node pool name", "namespaces": "namespace name", "volumes": "claim"}


def _unquote(text: str) -> str:
    try:
        value = json.loads(text.replace("'", '"')) if text[:1] in "'\"" else text
    except json.JSONDecodeError:
        return text.strip("'\"")
    return str(value)


class _Located:
    """Where a pydantic `loc` points: the readable path, the model that holds the last field, its type."""

    __slots__ = ("annotation", "field", "owner", "path")

    def __init__(self, path: str, owner: type[BaseModel] | None, field: str | None, annotation: Any) -> None:
        self.path = path
        self.owner = owner
        self.field = field
        self.annotation = annotation


def _locate(root: type[BaseModel], loc: tuple[str | int, ...]) -> _Located:
    path = ""
    current: Any = root
    owner: type[BaseModel] | None = None
    field: str | None = None
    for part in loc:
        current, union = _unwrap(current)
        if union and str(part) in union:
            # A discriminated union (the operation): pydantic puts the tag in the loc; follow that member.
            current = union[str(part)]
            continue
        if isinstance(part, int):
            path += f"[{part}]"
            args = typing.get_args(current)
            current = args[0] if args else None
        elif isinstance(current, type) and issubclass(current, BaseModel):
            owner, field = current, part
            path = _join(path, part)
            info = current.model_fields.get(part)
            current = info.annotation if info is not None else None
        elif typing.get_origin(current) is dict:
            path += f'["{part}"]'
            current = typing.get_args(current)[1]
        else:
            path = _join(path, str(part))
            current = None
    return _Located(path, owner, field, current)


def _unwrap(annotation: Any) -> tuple[Any, dict[str, type[BaseModel]]]:
    """Strip Annotated and Optional; for a union of tagged models, also return them by their `kind`."""
    while typing.get_origin(annotation) is typing.Annotated:
        annotation = typing.get_args(annotation)[0]
    if typing.get_origin(annotation) in (typing.Union, types.UnionType):
        members = [a for a in typing.get_args(annotation) if a is not type(None)]
        members = [typing.get_args(m)[0] if typing.get_origin(m) is typing.Annotated else m for m in members]
        if len(members) == 1:
            return _unwrap(members[0])
        tagged = {_kind_of(m): m for m in members if _kind_of(m)}
        if tagged:
            return annotation, tagged
    return annotation, {}


def _kind_of(member: Any) -> str:
    if isinstance(member, type) and issubclass(member, BaseModel) and "kind" in member.model_fields:
        default = member.model_fields["kind"].default
        return default if isinstance(default, str) else ""
    return ""


def _join(path: str, part: str) -> str:
    return f"{path}.{part}" if path else part


def _field_list(model: type[BaseModel]) -> str:
    return ", ".join(model.model_fields)


def _unknown_field(located: _Located) -> str:
    owner, name = located.owner, located.field
    if owner is None or name is None:
        return "expected no such field"
    allowed = list(owner.model_fields)
    close = difflib.get_close_matches(name, allowed, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"not a field of {owner.__name__}{hint} Allowed: {', '.join(allowed)}"


def _expected_kind(tag: object) -> str:
    kinds = ", ".join(OPERATION_KINDS)
    if not isinstance(tag, str):
        return f"expected a 'kind', one of: {kinds}"
    close = difflib.get_close_matches(tag.replace("-", "_"), OPERATION_KINDS, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"expected an operation kind, one of: {kinds}{hint}"


def _bounds(located: _Located) -> str:
    """The numeric bounds of the field, from its `Field(ge=..., le=...)` metadata, as `from 1 to 65536`."""
    low = high = None
    for meta in _metadata(located):
        if isinstance(meta, annotated_types.Ge):
            low = meta.ge
        elif isinstance(meta, annotated_types.Gt):
            low = f"more than {meta.gt}"
        elif isinstance(meta, annotated_types.Le):
            high = meta.le
    if low is not None and high is not None:
        return f" from {low} to {high}"
    if low is not None:
        return f" >= {low}" if not isinstance(low, str) else f" {low}"
    if high is not None:
        return f" <= {high}"
    return ""


def _metadata(located: _Located) -> Iterable[object]:
    if located.owner is None or located.field is None:
        return ()
    info = located.owner.model_fields.get(located.field)
    if info is None:
        return ()
    found: list[object] = list(info.metadata)
    annotation: Any = info.annotation
    stack = [annotation]
    while stack:
        item = stack.pop()
        if typing.get_origin(item) is typing.Annotated:
            for meta in typing.get_args(item)[1:]:
                found.extend(getattr(meta, "metadata", [meta]))
            stack.append(typing.get_args(item)[0])
        elif typing.get_origin(item) in (typing.Union, types.UnionType):
            stack.extend(typing.get_args(item))
    return found


def _choices(located: _Located, ctx: dict[str, Any]) -> list[str]:
    annotation, _ = _unwrap(located.annotation)
    if typing.get_origin(annotation) is typing.Literal:
        return [str(a) for a in typing.get_args(annotation)]
    return re.findall(r"'([^']*)'", str(ctx.get("expected", "")))


def _expected(kind: str, details: ErrorDetails, located: _Located) -> str:
    ctx: dict[str, Any] = dict(details.get("ctx") or {})
    given = details.get("input")
    numberish = isinstance(given, int | float) and not isinstance(given, bool)
    if kind == "literal_error":
        choices = _choices(located, ctx)
        close = difflib.get_close_matches(str(given), choices, n=1) if isinstance(given, str) else []
        hint = f"; did you mean {close[0]!r}?" if close else ""
        if len(choices) == 1:
            return f"expected {choices[0]!r}"
        return f"expected one of {', '.join(repr(c) for c in choices)}{hint}"
    if kind in _NUMERIC:
        return f"expected an integer{_bounds(located)}"
    if kind == "missing":
        return "expected a value; this field is required"
    if kind == "invalid_key":
        return "expected a field name (text)"
    if kind == "string_type":
        quote = " (quote it: it was read as a number)" if numberish else ""
        return f"expected text{quote}"
    if kind == "string_too_short":
        return "expected a non-empty string"
    if kind == "string_too_long":
        return f"expected at most {ctx.get('max_length')} characters"
    if kind == "string_pattern_mismatch":
        if located.field == "claim":
            return "expected 'namespace/name' of the PersistentVolumeClaim"
        return f"expected text matching {ctx.get('pattern')}"
    if kind in ("bool_type", "bool_parsing"):
        return "expected true or false"
    if kind in ("tuple_type", "list_type"):
        return "expected a list"
    if kind in ("dict_type", "model_type", "model_attributes_type"):
        annotation, union = _unwrap(located.annotation)
        if union:
            return "expected a mapping such as {kind: restore}"
        if isinstance(annotation, type) and issubclass(annotation, BaseModel):
            return f"expected a mapping of the fields of {annotation.__name__} ({_field_list(annotation)})"
        return "expected a mapping"
    if kind.startswith("date") or kind.startswith("datetime"):
        return "expected a date such as 2025-06-10"
    if kind.startswith("time"):
        return "expected a time of day such as 09:00 (UTC)"
    if kind == "value_error":
        message = str(ctx.get("error", details["msg"]))
        return message if message.startswith("expected") else f"expected a valid value: {message}"
    return f"expected a valid value: {details['msg'][:1].lower()}{details['msg'][1:]}"


_NUMERIC = {
    "int_type", "int_parsing", "int_from_float", "int_parsing_size", "greater_than", "greater_than_equal",
    "less_than", "less_than_equal", "finite_number",
}  # fmt: skip


def _shown(value: object) -> object:
    """The value as given, shortened when it is a long text or a large structure."""
    if isinstance(value, str):
        return value if len(value) <= _MAX_SHOWN else value[: _MAX_SHOWN - 3] + "..."
    if isinstance(value, dict | list | tuple):
        text = repr(value)
        return value if len(text) <= _MAX_SHOWN else _Abbreviated(text[: _MAX_SHOWN - 3] + "...")
    return value


class _Abbreviated:
    """A value too long to show whole; its repr is the shortened text."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text
