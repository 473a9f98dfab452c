"""The descriptions of the input models' fields, read from their attribute docstrings when a JSON Schema
is asked for, not when the models are defined.

pydantic's `use_attribute_docstrings` reads each class's source (`inspect.getsource`, a parse per class)
while the class is created, a tenth of the time `check` takes to start; the docstrings serve only the
JSON Schemas (`schema`, the wire format, the docs site). The models set `json_schema_extra=describe_fields`
instead, so the same descriptions appear in the same places, read on the first schema asked for.
"""

from __future__ import annotations

import ast
import functools
import inspect
import itertools
import textwrap
from typing import Any

__all__ = ["attribute_docstrings", "describe_fields"]


@functools.cache
def _own_docstrings(cls: type) -> dict[str, str]:
    """`{field: docstring}` for the annotated attributes that `cls`'s own body follows with a string."""
    try:
        source = textwrap.dedent(inspect.getsource(cls))
    except (OSError, TypeError):  # no source (a class built at run time): no descriptions
        return {}
    body = next(node for node in ast.parse(source).body if isinstance(node, ast.ClassDef)).body
    found: dict[str, str] = {}
    for statement, following in itertools.pairwise(body):
        if (
            isinstance(statement, ast.AnnAssign)
            and isinstance(statement.target, ast.Name)
            and isinstance(following, ast.Expr)
            and isinstance(following.value, ast.Constant)
            and isinstance(following.value.value, str)
        ):
            found[statement.target.id] = inspect.cleandoc(following.value.value)
    return found


def attribute_docstrings(cls: type) -> dict[str, str]:
    """The attribute docstrings of `cls` and of the classes it inherits from (its own win)."""
    found: dict[str, str] = {}
    for klass in reversed(cls.__mro__):
        if klass.__module__.startswith("aks_backup_model"):
            found.update(_own_docstrings(klass))
    return found


def describe_fields(schema: dict[str, Any], cls: type) -> None:
    """pydantic's `json_schema_extra` hook: give each property without a description its docstring."""
    docs = attribute_docstrings(cls)
    for name, prop in schema.get("properties", {}).items():
        if name in docs and isinstance(prop, dict) and "description" not in prop:
            prop["description"] = docs[name]
