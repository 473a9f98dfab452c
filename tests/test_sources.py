"""Provenance of facts: JSON pointers, field paths and line lookup (`aks_backup_conformance.io.sources`)."""

from __future__ import annotations

import pytest

from aks_backup_conformance.io.sources import (
    Source,
    field_path,
    locate,
    lookup,
    parent_paths,
    pointer,
    pointer_parts,
)

YAML = """\
cluster:
  region: westeurope
  volumes:
    - claim: a/b
      sku: Premium_LRS
    - claim: c/d
vault: {region: westeurope}
"""

JSON = '{\n  "properties": {\n    "agentPoolProfiles": [\n      {"name": "sys"},\n      {"name": "a/b"}\n    ]\n  }\n}\n'


@pytest.mark.parametrize(
    ("path", "expected"),
    [
        ("cluster.volumes[2].sku", "/cluster/volumes/2/sku"),
        ("cluster", "/cluster"),
        ("cluster.labels.velero.io~x", "/cluster/labels/velero/io~0x"),
        ("", ""),
    ],
)
def test_field_paths_become_pointers(path: str, expected: str) -> None:
    assert field_path(path) == expected


def test_pointers_escape_and_unescape() -> None:
    assert pointer("a/b", 0, "t~") == "/a~1b/0/t~0"
    assert pointer_parts("/a~1b/0/t~0") == ["a/b", "0", "t~"]
    assert pointer_parts("") == []
    with pytest.raises(ValueError, match="starts with '/'"):
        pointer_parts("a/b")


def test_parent_paths_run_nearest_first() -> None:
    assert list(parent_paths("a.b[2].c")) == ["a.b[2].c", "a.b[2]", "a.b", "a"]


def test_lookup_falls_back_to_the_nearest_recorded_parent() -> None:
    volume = Source("env.yaml", "/cluster/volumes/1", 6, 7)
    provenance = {"cluster.volumes[1]": volume, "cluster": Source("env.yaml", "/cluster", 1, 1)}
    assert lookup(provenance, "cluster.volumes[1].sku") is volume
    assert lookup(provenance, "cluster.node_pools[0]") == provenance["cluster"]
    assert lookup(provenance, "vault.region") is None


@pytest.mark.parametrize(
    ("where", "line", "column"),
    [
        ("/cluster/region", 2, 11),
        ("/cluster/volumes/0/sku", 5, 12),
        ("/cluster/volumes/1", 6, 7),
        ("/vault/region", 7, 17),
        ("/cluster/volumes/1/sku", 6, 7),  # not written: its nearest ancestor
        ("/cluster/volumes/9", 4, 5),
        ("", 1, 1),
    ],
)
def test_locate_finds_the_line_of_a_yaml_value(where: str, line: int, column: int) -> None:
    assert locate(YAML, where) == (line, column)


def test_locate_reads_json_and_keys_with_slashes() -> None:
    assert locate(JSON, "/properties/agentPoolProfiles/1/name") == (5, 16)


def test_locate_gives_none_for_text_it_cannot_read() -> None:
    assert locate("a: [unclosed", "/a") is None
    assert locate("", "/a") is None


def test_a_source_reads_as_file_line_and_pointer() -> None:
    assert str(Source("az-aks-show.json", "/properties/kubernetesVersion", 12)) == (
        "az-aks-show.json:12 (/properties/kubernetesVersion)"
    )
    assert str(Source("<stdin>")) == "<stdin> (/)"
