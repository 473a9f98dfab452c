"""Hostile input is bad input: each kind ends at once, in little memory, with exit 2 and a located message.

One table row per kind of hostile input. Each is run through the command line in-process (CliRunner)
while `tracemalloc` watches the memory it takes, so a limit that stops the work only after it was done
(an alias bomb expanded, a 50 MB file read) fails here; the kinds that could block (a FIFO, a device,
standard input that never ends) run as a subprocess with a timeout that only guards against a hang.
Limits are the loader's (`aks_backup_conformance.io.load.Limits`), stated in README.
"""

from __future__ import annotations

import contextlib
import json
import os
import subprocess
import sys
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from typer.testing import CliRunner

from aks_backup_conformance.cli import app
from aks_backup_conformance.io import load
from aks_backup_conformance.io.load import LIMITS, InvalidInput, read_document

MIB = 1024 * 1024
ANSWERS = {0, 3, 4, 5}  # supported, unsupported, warnings / not covered, unknown


def _bomb(levels: int = 9) -> str:
    lines = ['a: &a ["lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol", "lol"]']
    previous = "a"
    for name in "bcdefghij"[: levels - 1]:
        lines.append(f"{name}: &{name} [" + ", ".join([f"*{previous}"] * 9) + "]")
        previous = name
    return "\n".join(lines) + "\n"


def _block_nesting(depth: int) -> str:
    return "".join(f"{'  ' * level}k{level}:\n" for level in range(depth)) + f"{'  ' * depth}leaf: 1\n"


@dataclass(frozen=True)
class Case:
    """A file to check, what the message must say, and where (a line or path, or '' for the file)."""

    name: str
    write: Callable[[Path], None]
    says: str
    where: str = ""
    suffix: str = ".yaml"


def text(content: str) -> Callable[[Path], None]:
    return lambda path: path.write_text(content, encoding="utf-8")


def raw(content: bytes) -> Callable[[Path], None]:
    return lambda path: path.write_bytes(content)


def sparse(size: int) -> Callable[[Path], None]:
    def write(path: Path) -> None:
        with path.open("wb") as stream:
            stream.truncate(size)  # a file of `size` bytes that costs no disk

    return write


CASES = [
    Case("billion-laughs", text(_bomb()), "aliases to repeat at most 100000 nodes", "line 6"),
    Case(
        "alias-cycle", text("cluster: &c {name: x, volumes: [*c]}\n"), "alias inside its own anchor", "line 1"
    ),
    Case(
        "undefined-alias", text("cluster: *nothing\n"), "expected valid YAML: found undefined alias", "line 1"
    ),
    Case("file-50MB", sparse(50 * MIB), "expected at most 16 MiB"),
    Case("yaml-over-4MiB", text("# " + "x" * (5 * MIB) + "\n"), "expected at most 4 MiB of YAML"),
    Case("json-50MB", sparse(50 * MIB), "expected at most 16 MiB", suffix=".json"),
    Case("flow-nesting-1000", text("cluster: " + "[" * 1000 + "]" * 1000 + "\n"), "nesting depth", "line 1"),
    Case("block-nesting-100", text(_block_nesting(100)), "nested at most 64 deep", "line 65"),
    Case(
        "json-nesting-1000",
        text('{"cluster": ' + "[" * 1000 + "]" * 1000 + "}"),
        "nested at most 64 deep",
        "line 1, column 76",
        ".json",
    ),
    Case(
        "json-nesting-100000", text("[" * 100_000 + "]" * 100_000), "nested at most 64 deep", suffix=".json"
    ),
    Case("tag-int-empty", text("cluster: {name: !!int ''}\n"), "explicit tags", "line 1, column 17"),
    Case("tag-float", text("vault: {policies: !!float .inf}\n"), "explicit tags", "line 1"),
    Case("tag-binary", text("cluster: {name: !!binary aGVsbG8=}\n"), "explicit tags", "line 1"),
    Case("tag-timestamp", text("as_of: !!timestamp x\n"), "explicit tags", "line 1"),
    Case("tag-set", text("cluster: !!set {a, b}\n"), "explicit tags", "line 1"),
    Case("tag-python", text("cluster: !!python/object/apply:os.system [ls]\n"), "explicit tags", "line 1"),
    Case("tag-local", text("cluster: !mine {name: x}\n"), "explicit tags", "line 1"),
    Case("anchor-on-key", text("cluster: {? &k [a] : 1}\n"), "expected valid YAML", "line 1"),
    Case("merge-of-scalar", text("cluster:\n  <<: [1, 2]\n"), "expected valid YAML", "line 2"),
    Case("huge-integer-yaml", text("vault: {policies: " + "9" * 5000 + "}\n"), "at most 20 digits", "line 1"),
    Case(
        "huge-integer-json",
        text('{"vault": {"policies": ' + "9" * 5000 + "}}"),
        "at most 20 digits",
        "line 1, column 24",
        ".json",
    ),
    Case("huge-float-json", text('{"vault": {"policies": 1e999}}'), "finite number", "line 1", ".json"),
    Case("nan-json", text('{"vault": {"policies": NaN}}'), "NaN is not JSON", "line 1, column 24", ".json"),
    Case(
        "infinity-json",
        text('{"vault": {"policies": -Infinity}}'),
        "-Infinity is not JSON",
        "line 1",
        ".json",
    ),
    Case(
        "surrogate-json-value",
        text('{"cluster": {"region": "\\ud800"}}'),
        "lone surrogate",
        "cluster.region",
        ".json",
    ),
    Case("surrogate-json-key", text('{"cluster": {"\\udfff": 1}}'), "lone surrogate", "cluster", ".json"),
    Case("surrogate-yaml", text('cluster: {region: "\\ud800"}\n'), "expected valid YAML", "line 1"),
    Case(
        "latin-1-bytes",
        raw("cluster: {name: 'caf\xe9'}\n".encode("latin-1")),
        "expected UTF-8 text",
        "line 1",
    ),
    Case("nul-bytes", raw(b"cluster: {name: a\x00b}\n"), "expected valid YAML", "line 1"),
]


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_file_is_bad_input_stopped_early(case: Case, tmp_path: Path) -> None:
    path = tmp_path / f"env{case.suffix}"
    case.write(path)
    tracemalloc.start()
    try:
        result = CliRunner().invoke(app, ["check", str(path)])
        _, peak = tracemalloc.get_traced_memory()
    finally:
        tracemalloc.stop()
    assert result.exit_code == 2, result.output
    assert "Traceback" not in result.output and "internal error" not in result.output
    assert case.says in result.stderr
    assert case.where in result.stderr
    # Stopped before the work was done: a 50 MB file is not read, an alias bomb not expanded.
    assert peak < 48 * MIB, f"peak {peak / MIB:.0f} MiB"


@pytest.mark.parametrize("case", CASES, ids=lambda c: c.name)
def test_hostile_file_as_json_output_is_valid_json(case: Case, tmp_path: Path) -> None:
    path = tmp_path / f"env{case.suffix}"
    case.write(path)
    result = CliRunner().invoke(app, ["check", str(path), "--format", "json"])
    assert result.exit_code == 2
    document = json.loads(result.stdout, parse_constant=_not_json)
    assert document["error"] == "invalid_input"
    assert any(case.says in problem["expected"] for problem in document["problems"])


@pytest.mark.parametrize("case", [c for c in CASES if c.suffix == ".yaml"], ids=lambda c: c.name)
def test_hostile_yaml_is_refused_by_the_pure_python_loader_too(
    case: Case, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(load, "_Loader", load._PyLoader)  # as on a PyYAML built without libyaml
    path = tmp_path / "env.yaml"
    case.write(path)
    with pytest.raises(InvalidInput) as raised:
        load.load_environment(path)
    assert any(case.says in expected for _, _, expected in raised.value.problems) or case.name in {
        "flow-nesting-1000",  # libyaml's own limit words it "nesting depth"; ours, "nested at most 64 deep"
        "surrogate-yaml",  # libyaml refuses the escape; the Python scanner reads it and we refuse the text
        "nul-bytes",
    }, raised.value.problems


def _not_json(literal: str) -> object:
    raise AssertionError(f"{literal} is not JSON")


def _run(args: list[str], **kwargs: object) -> subprocess.CompletedProcess[str]:
    command = [sys.executable, "-m", "aks_backup_conformance", *args]
    env = {**os.environ, "PYTHONIOENCODING": "utf-8"}
    return subprocess.run(
        command, capture_output=True, text=True, timeout=120, env=env, check=False, **kwargs
    )  # type: ignore[call-overload,no-any-return]


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="no FIFOs on this system")
def test_a_fifo_is_refused_without_waiting_for_a_writer(tmp_path: Path) -> None:
    fifo = tmp_path / "env.yaml"
    os.mkfifo(fifo)
    result = _run(["check", str(fifo)])
    assert result.returncode == 2
    assert "expected a regular file; this is a FIFO" in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_a_device_is_refused_without_reading_it() -> None:
    result = _run(["check", "/dev/zero"])
    assert result.returncode == 2
    assert "expected a regular file; this is a character device" in result.stderr


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="no /dev/zero")
def test_endless_standard_input_is_cut_at_the_limit() -> None:
    with open("/dev/zero", "rb") as zero:
        result = _run(["check", "-"], stdin=zero)
    assert result.returncode == 2
    assert "expected at most 16 MiB" in result.stderr


def test_non_utf8_standard_input_is_bad_input() -> None:
    result = CliRunner().invoke(app, ["check", "-"], input=b"cluster: {name: caf\xe9}\n")
    assert result.exit_code == 2
    assert "expected UTF-8 text" in result.stderr
    assert "line 1" in result.stderr


def test_text_output_survives_an_encoding_that_cannot_carry_the_names(tmp_path: Path) -> None:
    path = tmp_path / "env.yaml"
    path.write_text("cluster: {name: café-😀, region: westeurope}\n", encoding="utf-8")
    command = [sys.executable, "-m", "aks_backup_conformance", "check", str(path)]
    env = {**os.environ, "PYTHONIOENCODING": "ascii"}
    result = subprocess.run(command, capture_output=True, timeout=120, env=env, check=False)
    assert result.returncode in ANSWERS | {2}, result.stderr
    assert b"UnicodeEncodeError" not in result.stderr and b"internal error" not in result.stderr


def test_the_limits_are_the_documented_ones() -> None:
    readme = (Path(__file__).parents[1] / "README.md").read_text(encoding="utf-8")
    assert (LIMITS.max_bytes, LIMITS.max_yaml_bytes) == (16 * MIB, 4 * MIB)
    for stated in (
        "16 MiB",
        "4 MiB",
        f"{LIMITS.max_depth} deep",
        "100,000 nodes",
        f"{LIMITS.max_digits} digits",
    ):
        assert stated in readme, stated


# --- anything else: an answer or exit 2, never exit 1 -------------------------------------------------

_FIELDS = ["cluster", "vault", "region", "name", "volumes", "claim", "sku", "size_gib", "node_pools",
           "policy", "as_of", "extension", "operation", "kind", "labels", "namespaces"]  # fmt: skip
_scalars = st.none() | st.booleans() | st.integers() | st.floats() | st.text(max_size=12)
_keys = st.sampled_from(_FIELDS) | st.text(max_size=6)
_values = st.recursive(
    _scalars,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(_keys, inner, max_size=4),
    max_leaves=20,
)


@settings(max_examples=150, deadline=None)
@given(document=st.dictionaries(_keys, _values, max_size=4))
def test_any_json_document_gets_an_answer_or_bad_input(document: dict[str, object]) -> None:
    payload = json.dumps(document)  # may hold NaN, Infinity, lone surrogates (json.dumps escapes them)
    result = CliRunner().invoke(app, ["check", "-", "--format", "json"], input=payload)
    assert result.exit_code in ANSWERS | {2}, result.output
    json.loads(result.stdout, parse_constant=_not_json)


@settings(max_examples=150, deadline=None)
@given(content=st.text(alphabet=st.sampled_from(list("ab: -[]{}&*!|>'\"\n#,?<~1.%@`\\\t")), max_size=60))
def test_any_yaml_text_is_read_or_refused_as_bad_input(content: str) -> None:
    with contextlib.suppress(InvalidInput):
        read_document(content, "fuzz.yaml")
