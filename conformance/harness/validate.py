"""Offline validation of rendered manifests against the Kubernetes OpenAPI schemas of one minor version.

The schemas are the ones `kubernetes-validate` ships (strict flavour: unknown fields are errors), and the
check is the one its `validate()` performs: a Draft 2020-12 JSON Schema validation of the object against
the schema of its kind and API version, with the shared definitions as a registry. `validate()` reloads
and re-parses the definitions (several MB) on every call; a harness run validates thousands of
objects, so the validators are built once per (version, kind, API version) and kept.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from functools import cache
from importlib import resources
from typing import Any

import jsonschema
from referencing import Registry, Resource

__all__ = ["InvalidManifest", "schema_version", "supported_versions", "validate_manifest"]


class InvalidManifest(Exception):
    """Raised when a rendered manifest does not validate against its Kubernetes schema."""

    def __init__(self, manifest: dict[str, Any], version: str, problem: str) -> None:
        kind = manifest.get("kind", "?")
        name = manifest.get("metadata", {}).get("name", "?")
        super().__init__(f"{kind}/{name} is not valid Kubernetes {version}: {problem}")
        self.manifest = manifest
        self.version = version
        self.problem = problem


_SCHEMAS = "kubernetes-json-schema"
_VERSION_DIR = re.compile(r"^v(\d+)\.(\d+)\.\d+-local-strict$")


@cache
def supported_versions() -> tuple[tuple[int, int], ...]:
    """The Kubernetes minors whose strict schemas `kubernetes-validate` ships, oldest first."""
    root = resources.files("kubernetes_validate").joinpath(_SCHEMAS)
    found = {
        (int(m.group(1)), int(m.group(2)))
        for entry in root.iterdir()
        if (m := _VERSION_DIR.match(entry.name))
    }
    return tuple(sorted(found))


def schema_version(kubernetes_version: str | None) -> tuple[int, int]:
    """The schema minor to validate a cluster of `kubernetes_version` against: its own minor when the
    schemas cover it, else the nearest one they have (the newest for a newer cluster, the oldest for an
    older one); the newest when the version is unknown."""
    versions = supported_versions()
    match = re.match(r"^v?(\d+)\.(\d+)", kubernetes_version or "")
    if not match:
        return versions[-1]
    wanted = (int(match.group(1)), int(match.group(2)))
    return min(max(wanted, versions[0]), versions[-1])


@dataclass(frozen=True)
class _Key:
    minor: tuple[int, int]
    kind: str
    api_version: str


@cache
def _folder(minor: tuple[int, int]) -> str:
    root = resources.files("kubernetes_validate").joinpath(_SCHEMAS)
    prefix = f"v{minor[0]}.{minor[1]}."
    return next(
        e.name for e in root.iterdir() if e.name.startswith(prefix) and e.name.endswith("-local-strict")
    )


@cache
def _definitions(minor: tuple[int, int]) -> Registry[Any]:
    path = resources.files("kubernetes_validate").joinpath(_SCHEMAS, _folder(minor), "_definitions.json")
    return Resource.from_contents(json.loads(path.read_text(encoding="utf-8"))) @ Registry()


@cache
def _validator(key: _Key) -> jsonschema.protocols.Validator:
    group_version = re.sub(r"^([^./]*)(?:\.[^/]*)?/", r"\1-", key.api_version)
    name = f"{key.kind.lower()}-{group_version}.json"
    path = resources.files("kubernetes_validate").joinpath(_SCHEMAS, _folder(key.minor), name)
    schema = json.loads(path.read_text(encoding="utf-8"))
    registry = Resource.from_contents(schema) @ _definitions(key.minor)
    return jsonschema.validators.Draft202012Validator(schema, registry=registry)


def validate_manifest(manifest: dict[str, Any], kubernetes_version: str | None) -> str:
    """Validate `manifest` for the minor of `kubernetes_version` (see `schema_version`); return the
    minor used ("1.31").

    Raises:
        InvalidManifest: the object does not validate, or no schema exists for its kind.
    """
    minor = schema_version(kubernetes_version)
    shown = f"{minor[0]}.{minor[1]}"
    try:
        validator = _validator(_Key(minor, str(manifest["kind"]), str(manifest["apiVersion"])))
    except (KeyError, FileNotFoundError) as missing:
        raise InvalidManifest(manifest, shown, f"no schema for it ({missing})") from None
    error = jsonschema.exceptions.best_match(validator.iter_errors(manifest))
    if error is not None:
        where = ".".join(str(p) for p in error.absolute_path) or "(the object)"
        raise InvalidManifest(manifest, shown, f"{where}: {error.message}")
    return shown
