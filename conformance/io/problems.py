"""Turn pydantic's validation errors into problems a person can act on.

A problem is a `(field path, value, expected)` triple: the path in the form `cluster.volumes[2].sku`, the
value as written (shortened when long), and what was expected in words, with the allowed values or
fields and a "did you mean" where one is close.
"""

from __future__ import annotations

import difflib
import json
import re
import reprlib
import types
import typing
from collections.abc import Iterable, Sequence
from typing import Any

import annotated_types
from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from aks_backup_model.errors import MISSING
from aks_backup_model.operations import OPERATION_KINDS

__all__ = ["Problem", "escaped", "expected_kind", "field_list", "problems_from_validation_error", "shown"]

Problem = tuple[str, object, str]
"""(field path, value as given or MISSING, what was expected)."""

_MAX_SHOWN = 80
_REPR = reprlib.Repr()
_REPR.maxlevel, _REPR.maxdict, _REPR.maxlist, _REPR.maxtuple, _REPR.maxstring = 4, 8, 8, 8, _MAX_SHOWN


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
    value: object = MISSING if kind == "missing" else shown(details.get("input"))
    ctx = details.get("ctx") or {}
    path = located.path

    if kind == "extra_forbidden":
        return path, value, _unknown_field(located)
    if kind in ("union_tag_invalid", "union_tag_not_found"):
        tag = ctx.get("tag")
        return _join(path, "kind"), MISSING if tag is None else tag, expected_kind(tag)
    if kind == "value_error":
        duplicate = _DUPLICATE.match(str(ctx.get("error", "")))
        if duplicate:
            field, index, name = duplicate.groups()
            key = "claim" if field == "volumes" else "name"
            where = _join(path, f"{field}[{index}].{key}")
            return (
                where,
                shown(_unquote(name)),
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


def field_list(model: type[BaseModel]) -> str:
    return ", ".join(model.model_fields)


def _unknown_field(located: _Located) -> str:
    owner, name = located.owner, located.field
    if owner is None or name is None:
        return "expected no such field"
    allowed = list(owner.model_fields)
    close = difflib.get_close_matches(name, allowed, n=1)
    hint = f"; did you mean {close[0]!r}?" if close else ""
    return f"not a field of {owner.__name__}{hint} Allowed: {', '.join(allowed)}"


def expected_kind(tag: object) -> str:
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
            return f"expected a mapping of the fields of {annotation.__name__} ({field_list(annotation)})"
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


def shown(value: object) -> object:
    """The value as given, shortened when it is a long text or a large structure."""
    if isinstance(value, str):
        return value if len(value) <= _MAX_SHOWN else value[: _MAX_SHOWN - 3] + "..."
    if isinstance(value, dict | list | tuple):
        text = _REPR.repr(value)  # bounded: a large structure is not printed whole first
        if len(text) > _MAX_SHOWN:
            return _Abbreviated(text[: _MAX_SHOWN - 3] + "...")
        return value if "..." not in text else _Abbreviated(text)
    return value


def escaped(text: str) -> object:
    """Text that cannot be printed as is (a lone surrogate), shown with Python's escapes, shortened."""
    quoted = ascii(text)
    return _Abbreviated(quoted if len(quoted) <= _MAX_SHOWN else quoted[: _MAX_SHOWN - 3] + "...")


class _Abbreviated:
    """A value too long to show whole; its repr is the shortened text."""

    __slots__ = ("text",)

    def __init__(self, text: str) -> None:
        self.text = text

    def __repr__(self) -> str:
        return self.text
