"""Environments with facts left out: `forgetting(environment=...)`, and what `environments()` uses for
its `unknowns` option.

A fact is left out as a user's file leaves it out: the field becomes `None`, which the model reads as
unknown. Only fields whose `None` means unknown are ever forgotten (never those of a class's
`NONE_MEANS`, such as a policy's missing Vault tier, nor the operation).
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

from hypothesis import strategies as st
from hypothesis.errors import InvalidArgument
from pydantic import BaseModel

from ..environment import Environment
from ._values import _check_bounds

Path = tuple[str | int, ...]

_NOT_FACTS = frozenset({"operation", "as_of", "edition"})
"""Fields of the environment that are not facts about the cluster (the question, the date, the edition)."""


def unknowable_paths(model: BaseModel, prefix: Path = ()) -> Iterator[Path]:
    """The paths of the fields of `model` that hold a fact and could be left out (their `None` means
    unknown), in document order, nested models and list elements included."""
    none_means = getattr(type(model), "NONE_MEANS", {})
    for name, info in type(model).model_fields.items():
        if not prefix and name in _NOT_FACTS:
            continue
        value = getattr(model, name)
        path = (*prefix, name)
        if value is not None and info.default is None and name not in none_means:
            yield path
        if isinstance(value, BaseModel):
            yield from unknowable_paths(value, path)
        elif isinstance(value, tuple):
            for index, element in enumerate(value):
                if isinstance(element, BaseModel):
                    yield from unknowable_paths(element, (*path, index))


def forget(environment: Environment, paths: list[Path]) -> Environment:
    """`environment` with the facts at `paths` left out (set to `None`)."""
    data: Any = environment.model_dump(mode="json")
    for path in sorted(paths, key=len, reverse=True):  # inner facts first: an outer one may erase them
        node = data
        for part in path[:-1]:
            node = node[part] if node is not None else None
        if node is not None:
            node[path[-1]] = None
    return Environment.model_validate(data)


@st.composite
def _forgetting(draw: st.DrawFn, environment: Environment, min_facts: int, max_facts: int) -> Environment:
    paths = list(unknowable_paths(environment))
    if len(paths) < min_facts:
        raise InvalidArgument(f"the environment gives {len(paths)} facts, fewer than min_facts={min_facts}")
    chosen = draw(
        st.lists(st.sampled_from(paths), min_size=min_facts, max_size=max_facts, unique=True)
        if paths
        else st.just([])
    )
    return forget(environment, chosen)


def forgetting(
    *, environment: Environment, min_facts: int = 1, max_facts: int = 5
) -> st.SearchStrategy[Environment]:
    """`environment` with between `min_facts` and `max_facts` of its facts left out, as a file that
    does not mention them: each such field becomes `None` (unknown). Whole parts may go (the policy,
    the volumes) as well as single facts (a volume's SKU, the vault's tenant). Shrinks towards
    forgetting fewer facts. Raises `InvalidArgument` for bounds that are not `0 <= min <= max` or a
    minimum the environment cannot meet."""
    if not isinstance(environment, Environment):
        raise InvalidArgument(f"environment={environment!r} must be an Environment")
    _check_bounds("facts", min_facts, max_facts)
    return _forgetting(environment, min_facts, max_facts)
