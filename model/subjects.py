"""Subjects: the paths a finding uses to say what it is about, resolved to the values they name.

A subject is a path into the environment, in the spelling of the input files:

    cluster                                       the cluster
    cluster.volumes[3]                            the fourth volume
    cluster.node_pools["win1"]                    the node pool named win1
    cluster.namespaces["kube-system"]             the namespace named kube-system
    backup_instance.namespaces[0]                 the first namespace the backup instance names
    vault.role_assignments.granted                a field
    operation.target.region                       a field of the operation asked, not of the environment

`.name` reads a field of a model; `[3]` takes an element of a list by position; `["x"]` takes the
element whose `name` (or, for volumes, `claim`) is x, the element equal to x in a list of strings, or
the value under key x in a mapping (labels, annotations). Pure: no I/O.
"""

from __future__ import annotations

import re
from collections.abc import Mapping, Sequence

from pydantic import BaseModel

from .environment import Environment
from .operations import ConfigureBackup, Operation

__all__ = ["resolve"]

_TOKEN = re.compile(
    r"""
    (?P<dot>\.)?(?P<field>[A-Za-z_][A-Za-z0-9_]*)   # .field (the first one without the dot)
    | \[(?P<index>\d+)\]                              # [3]
    | \["(?P<key>(?:[^"\\]|\\.)*)"\]                  # ["name"], with \" and \\ escaped
    """,
    re.VERBOSE,
)
_KEYS = ("name", "claim")
"""The attributes `["x"]` matches an element of a list by."""


def resolve(env: Environment, op: Operation | None, subject: str) -> object:
    """The value that `subject` names in `env` (or, for `operation.`..., in the operation).

    `op` is the operation the outcome answers; None means the environment's own operation, then
    configure_backup, as `evaluate` does. A path that names a collection (`cluster.volumes`) or a field
    whose value is None (`policy.vault`) resolves to that collection or to None.

    Raises:
        LookupError: the path is malformed, or names a field, a position or a name that does not exist
            (the message gives the subject and the part that failed).
    """
    steps = _parse(subject)
    value: object = env
    walked = ""
    if steps[0] == ("field", "operation"):
        value, walked, steps = op or env.operation or ConfigureBackup(), "operation", steps[1:]
    for kind, token in steps:
        value = _step(value, kind, token, subject, walked)
        if kind == "field":
            walked = f"{walked}.{token}" if walked else token
        else:
            walked += f"[{token}]" if kind == "index" else f'["{token}"]'
    return value


def _parse(subject: str) -> list[tuple[str, str]]:
    if not isinstance(subject, str) or not subject:
        raise LookupError(f"subject {subject!r} is not a path (expected e.g. 'cluster.volumes[0]')")
    steps: list[tuple[str, str]] = []
    position = 0
    while position < len(subject):
        match = _TOKEN.match(subject, position)
        if match is None or (match["field"] is not None and bool(match["dot"]) != bool(steps)):
            raise LookupError(
                f"subject {subject!r} is not a path: cannot read it from {subject[position:]!r}"
            )
        if match["field"] is not None:
            steps.append(("field", match["field"]))
        elif match["index"] is not None:
            steps.append(("index", match["index"]))
        else:
            steps.append(("key", re.sub(r"\\(.)", r"\1", match["key"])))
        position = match.end()
    if steps[0][0] != "field":
        raise LookupError(f"subject {subject!r} does not start with a field name")
    return steps


def _step(value: object, kind: str, token: str, subject: str, walked: str) -> object:
    where = walked or "the environment"
    if value is None:
        raise LookupError(f"subject {subject!r} does not resolve: {where} is None")
    if kind == "field":
        if isinstance(value, BaseModel) and token in type(value).model_fields:
            return getattr(value, token)
        raise LookupError(f"subject {subject!r} does not resolve: {where} has no field {token!r}")
    if kind == "index":
        if isinstance(value, Sequence) and not isinstance(value, str):
            index = int(token)
            if index < len(value):
                return value[index]
            raise LookupError(
                f"subject {subject!r} does not resolve: {where} has {len(value)} element(s), no [{index}]"
            )
        raise LookupError(f"subject {subject!r} does not resolve: {where} is not a list")
    if isinstance(value, Mapping):
        if token in value:
            return value[token]
    elif isinstance(value, Sequence) and not isinstance(value, str):
        for element in value:
            if element == token or any(getattr(element, key, None) == token for key in _KEYS):
                return element
    else:
        raise LookupError(f"subject {subject!r} does not resolve: {where} is neither a list nor a mapping")
    raise LookupError(f"subject {subject!r} does not resolve: {where} has nothing named {token!r}")
