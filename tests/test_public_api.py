"""The public API of `aks_backup_model` is what `__all__` says: no more, no less, each name documented.

In the manner of Hypothesis' `_check_exports`: the module's public names (those not starting with an
underscore, submodules aside) must equal `__all__`, and each exported class or function has a docstring
of its own (not one inherited, nor the signature a dataclass writes when there is none).
"""

from __future__ import annotations
import __future__

import importlib.metadata
import inspect
import types

import pytest

import aks_backup_model
from aks_backup_model import strategies


def public_names(module: types.ModuleType) -> set[str]:
    """The names a user of `module` sees: not private, not a submodule the import system attached."""
    return {
        name
        for name, value in vars(module).items()
        if not name.startswith("_")
        and not isinstance(value, types.ModuleType)
        and value is not __future__.annotations
    }


def own_docstring(obj: object) -> str | None:
    """The docstring `obj` has of its own; None when it has none (or only an auto-generated one)."""
    doc = obj.__dict__.get("__doc__") if inspect.isclass(obj) else getattr(obj, "__doc__", None)
    if not isinstance(doc, str) or not doc.strip():
        return None
    name = getattr(obj, "__name__", "")
    if inspect.isclass(obj) and doc.startswith(f"{name}("):  # what @dataclass writes
        return None
    return doc


def test_all_lists_exactly_the_public_names() -> None:
    exported = set(aks_backup_model.__all__) - {"__version__"}
    public = public_names(aks_backup_model)
    assert len(aks_backup_model.__all__) == len(exported) + 1, "__all__ repeats a name or lacks __version__"
    assert exported == public, (
        f"in __all__ but not public: {sorted(exported - public)}; "
        f"public but not in __all__: {sorted(public - exported)}"
    )


def test_the_strategies_module_exports_exactly_the_strategies_it_defines() -> None:
    """The public functions `strategies` holds, defined in it or in one of its modules, are `__all__`."""
    defined = {
        name
        for name, value in vars(strategies).items()
        if not name.startswith("_")
        and inspect.isfunction(value)
        and (
            value.__module__ == strategies.__name__ or value.__module__.startswith(f"{strategies.__name__}.")
        )
    }
    assert set(strategies.__all__) == defined
    assert len(strategies.__all__) == len(defined), "strategies.__all__ repeats a name"


@pytest.mark.parametrize("name", aks_backup_model.__all__)
def test_every_exported_name_is_importable_and_documented(name: str) -> None:
    namespace: dict[str, object] = {}
    exec(f"from aks_backup_model import {name}", namespace)  # the import a user writes
    obj = namespace[name]
    assert obj is getattr(aks_backup_model, name)
    if inspect.isclass(obj) or inspect.isfunction(obj):
        assert own_docstring(obj), f"aks_backup_model.{name} has no docstring of its own"


@pytest.mark.parametrize("name", strategies.__all__)
def test_every_strategy_is_documented_and_takes_keyword_only_options(name: str) -> None:
    function = getattr(strategies, name)
    assert own_docstring(function), f"aks_backup_model.strategies.{name} has no docstring"
    parameters = inspect.signature(function).parameters.values()
    positional = [p.name for p in parameters if p.kind is not inspect.Parameter.KEYWORD_ONLY]
    assert not positional, f"strategies.{name} takes {positional} positionally; options are keyword-only"


def test_the_version_is_the_distribution_version() -> None:
    assert aks_backup_model.__version__ == importlib.metadata.version("aks-backup-conformance")


def test_the_environment_schema_describes_every_documented_field_from_its_docstring() -> None:
    """The JSON Schema's field descriptions come from the attribute docstrings (read when a schema is
    asked for, not at import): every field with a docstring has it as its description, word for word."""
    from aks_backup_model import Environment
    from aks_backup_model.docstrings import attribute_docstrings
    from aks_backup_model.environment import Cluster, StorageProfile

    schema = Environment.model_json_schema()
    storage = schema["$defs"]["StorageProfile"]["properties"]["disk_csi_driver"]
    assert storage["description"] == "`diskCSIDriver.enabled`. Read by SM-SUP-02."
    documented = 0
    for model in (Environment, Cluster, StorageProfile):
        props = (
            schema["properties"] if model is Environment else schema["$defs"][model.__name__]["properties"]
        )
        for name, doc in attribute_docstrings(model).items():
            assert props[name].get("description") == doc, (model.__name__, name)
            documented += 1
    assert documented > 20
