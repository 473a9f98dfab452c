"""Read environments (and operations) from YAML or JSON into the model.

Every failure is an `InvalidInput` whose problems are `(field path, value, expected)` triples: the path
in the form `cluster.volumes[2].sku`, the value as written, and what was expected in words. Nothing
here lets a traceback reach a user.

YAML is read with the YAML 1.2 core rules for scalars, not PyYAML's YAML 1.1 ones: `On`, `yes` and `no`
stay text (the vault's `soft_delete: On` is Azure's value, not a boolean), `1.30` stays the version
`1.30` instead of the number 1.3, dates and times stay text for pydantic to parse, and `9:00` is not
read as the sexagesimal integer 540. Only `true`/`false`, `null`/`~` and plain decimal integers get a
type of their own; a mapping that repeats a key is refused instead of keeping the last value.

Hostile input is bad input: every file is stopped by stated limits (`Limits`, documented in README)
before the work they would cost is done, so that an alias bomb, a huge or endless file, a FIFO or a
device, a structure nested thousands deep, an explicit tag, a number of thousands of digits, a lone
surrogate or a non-finite number each end at once, in little memory, with a located `InvalidInput`.
"""

from __future__ import annotations

import functools
import json
import math
import os
import re
import stat
import typing
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from pydantic import TypeAdapter, ValidationError

from aks_backup_model.environment import Environment
from aks_backup_model.errors import MISSING, InvalidInput
from aks_backup_model.operations import OPERATION_KINDS, Operation

from .problems import Problem, escaped, expected_kind, field_list, problems_from_validation_error, shown
from .quantity import gib_of_quantity
from .sources import Source, pointer

__all__ = [
    "LIMITS",
    "Limits",
    "Problem",
    "decode",
    "load_environment",
    "parse_data",
    "parse_environment",
    "parse_operation",
    "problems_from_validation_error",
    "provenance",
    "read_bytes",
    "read_document",
    "read_stream",
    "read_text",
]


@functools.cache
def _operation_adapter() -> TypeAdapter[Operation]:
    """Built on first use: most checks name no operation, and building it costs a schema."""
    return TypeAdapter(Operation)


# --- limits -----------------------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Limits:
    """What a file may cost before it is refused as bad input (README, "Limits on input files")."""

    max_bytes: int = 16 * 1024 * 1024
    """A file (or standard input) of at most 16 MiB; read no further than that."""
    max_yaml_bytes: int = 4 * 1024 * 1024
    """YAML costs about a hundred times more per byte than JSON to read: at most 4 MiB of it."""
    max_depth: int = 64
    """Mappings and lists nested at most 64 deep (an environment is 6 deep, a Kubernetes object ~20)."""
    max_alias_nodes: int = 100_000
    """YAML aliases (`*name`) may repeat at most 100,000 nodes in all (an alias bomb repeats billions)."""
    max_digits: int = 20
    """An integer of at most 20 digits."""


LIMITS = Limits()
"""The limits every reader applies unless given others."""

_MIB = 1024 * 1024


def _size(count: int) -> str:
    return f"{count / _MIB:.0f} MiB" if count >= _MIB else f"{count} bytes"


# --- reading text -----------------------------------------------------------------------------------


def load_environment(path: str | Path, *, limits: Limits = LIMITS) -> Environment:
    """The environment described by the YAML or JSON file at `path` (JSON when it ends in `.json`).

    Raises:
        InvalidInput: the file is missing, unreadable, not a regular file, too large, not UTF-8, not
            valid YAML/JSON, beyond the limits, or does not describe a valid environment. `source` is
            the path as given.
    """
    source = str(path)
    return parse_environment(read_text(Path(path), source, limits=limits), source=source, limits=limits)


def parse_environment(
    text: str, source: str = "<string>", *, fmt: str | None = None, limits: Limits = LIMITS
) -> Environment:
    """The environment described by `text`.

    `fmt` is "json" or "yaml"; by default JSON when `source` ends in `.json`, else YAML (of which JSON
    is a subset, but the JSON parser gives the better message for a broken JSON file).

    Raises:
        InvalidInput: `text` is not valid YAML/JSON, is beyond the limits, or does not describe a
            valid environment.
    """
    return parse_data(read_document(text, source, fmt=fmt, limits=limits), source)


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
    data = _sizes_in_gib(data, source)
    try:
        return Environment.model_validate(data)
    except ValidationError as error:
        raise InvalidInput(source, problems_from_validation_error(error, Environment)) from None


def _sizes_in_gib(data: dict[Any, Any], source: str) -> dict[Any, Any]:
    """`data` with each volume's `size_gib` given as a Kubernetes quantity (`10Gi`, `2Ti`) turned into
    whole GiB (see `quantity.gib_of_quantity`); other values are left for validation to judge.

    Raises:
        InvalidInput: a `size_gib` string that is not a quantity with a unit, located.
    """
    cluster = data.get("cluster")
    volumes = cluster.get("volumes") if isinstance(cluster, dict) else None
    if not isinstance(volumes, list) or not any(
        isinstance(v, dict) and isinstance(v.get("size_gib"), str) for v in volumes
    ):
        return data
    problems: list[Problem] = []
    converted: list[Any] = []
    for index, entry in enumerate(volumes):
        size = entry.get("size_gib") if isinstance(entry, dict) else None
        if isinstance(size, str):
            try:
                entry = {**entry, "size_gib": gib_of_quantity(size)}
            except ValueError as error:
                problems.append((f"cluster.volumes[{index}].size_gib", shown(size), str(error)))
        converted.append(entry)
    if problems:
        raise InvalidInput(source, problems)
    return {**data, "cluster": {**cluster, "volumes": converted}}  # type: ignore[dict-item]


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
        return _operation_adapter().validate_python({"kind": kind})
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
        return _operation_adapter().validate_python(data)
    except ValidationError as error:
        problems = problems_from_validation_error(error, Environment, prefix=("operation",))
        raise InvalidInput(source, problems) from None


def read_document(text: str, source: str, *, fmt: str | None = None, limits: Limits = LIMITS) -> Any:
    """Parse one YAML or JSON document (see `parse_environment` for `fmt`) within `limits`.

    What comes back holds only dicts with text keys (YAML may also give other scalar keys), lists,
    text, integers, finite floats (JSON), booleans and None, nested at most `limits.max_depth` deep.

    Raises:
        InvalidInput: a syntax error (located by line and column), a repeated key, or input beyond
            the limits (located by line and column, or for JSON by the path of the value).
    """
    if fmt is None:
        fmt = "json" if source.lower().endswith(".json") else "yaml"
    if fmt == "json":
        return _read_json(text, source, limits)
    if fmt != "yaml":
        raise ValueError(f"fmt={fmt!r}: expected 'json', 'yaml' or None")
    return _read_yaml(text, source, limits)


_FILE_KINDS = (
    (stat.S_ISFIFO, "a FIFO (named pipe); give its content on standard input with '-'"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)


def read_bytes(path: Path, source: str, *, limits: Limits = LIMITS) -> bytes:
    """The bytes of a regular file of at most `limits.max_bytes`, or `InvalidInput` saying why not.

    The file is opened without blocking and looked at before anything is read, so a FIFO, a device
    (`/dev/zero`) or a directory is refused at once, and a file that is too large is not read.
    """
    try:
        descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_CLOEXEC", 0))
    except FileNotFoundError:
        raise InvalidInput(
            source, [("", source, "expected an existing file; there is no such file")]
        ) from None
    except IsADirectoryError:
        raise InvalidInput(source, [("", source, "expected a file; this is a directory")]) from None
    except PermissionError:
        raise InvalidInput(source, [("", source, "expected a readable file; permission denied")]) from None
    except (OSError, ValueError) as error:  # ValueError: a NUL byte in the path
        reason = getattr(error, "strerror", None) or str(error)
        raise InvalidInput(source, [("", source, f"expected a readable file; {reason}")]) from None
    try:
        mode = os.fstat(descriptor).st_mode
        if stat.S_ISDIR(mode):
            raise InvalidInput(source, [("", source, "expected a file; this is a directory")])
        for test, kind in _FILE_KINDS:
            if test(mode):
                raise InvalidInput(source, [("", source, f"expected a regular file; this is {kind}")])
        if not stat.S_ISREG(mode):
            raise InvalidInput(source, [("", source, "expected a regular file")])
    except BaseException:
        os.close(descriptor)
        raise
    with os.fdopen(descriptor, "rb") as stream:
        try:
            return _read_at_most(stream, source, limits)
        except OSError as error:
            raise InvalidInput(
                source, [("", source, f"expected a readable file; {error.strerror}")]
            ) from None


def read_stream(stream: typing.BinaryIO, source: str = "<stdin>", *, limits: Limits = LIMITS) -> str:
    """The UTF-8 text of a byte stream (standard input), read no further than `limits.max_bytes`."""
    try:
        raw = _read_at_most(stream, source, limits)
    except OSError as error:
        raise InvalidInput(source, [("", source, f"expected readable input; {error.strerror}")]) from None
    return decode(raw, source)


def _read_at_most(stream: typing.BinaryIO, source: str, limits: Limits) -> bytes:
    raw = stream.read(limits.max_bytes + 1)
    if len(raw) > limits.max_bytes:
        raise InvalidInput(
            source,
            [("", f"more than {_size(limits.max_bytes)}", f"expected at most {_size(limits.max_bytes)}")],
        )
    return raw


def read_text(path: Path, source: str, *, limits: Limits = LIMITS) -> str:
    """The UTF-8 text of a regular file (see `read_bytes`), or `InvalidInput` saying why it cannot be read."""
    return decode(read_bytes(path, source, limits=limits), source)


def decode(raw: bytes, source: str) -> str:
    """`raw` as UTF-8 text (a byte order mark is dropped), or `InvalidInput` locating the first bad byte."""
    try:
        return raw.decode("utf-8-sig")
    except UnicodeDecodeError as error:
        line = raw[: error.start].count(b"\n") + 1
        bad = raw[error.start : error.start + 1]
        raise InvalidInput(
            source, [(f"line {line}", f"byte 0x{bad.hex()} at offset {error.start}", "expected UTF-8 text")]
        ) from None


# --- where each field was written -------------------------------------------------------------------


def provenance(text: str, file: str, *, limits: Limits = LIMITS) -> dict[str, Source]:
    """Where each field of an environment file was written: field path -> `Source` (pointer, line, column).

    Keys are field paths in the notation of findings' subjects, `cluster.volumes[2].sku`; an element of
    a list that has a `name` (or, for volumes, a `claim`) is also keyed by it, `cluster.node_pools["win"]`,
    and a text element by itself, `backup_instance.namespaces["payments"]`. A mapping entry is placed
    at its key (`sku:`), a list element at its first line. JSON is read as the YAML it also is; text
    that cannot be read (it was refused when loading) gives an empty provenance.
    """
    loader: _PyLoader | None = None
    try:
        if len(text) > limits.max_yaml_bytes:
            return {}
        loader = _Loader(text, limits)
        root = loader.get_single_node()
    except yaml.YAMLError:
        return {}
    finally:
        if loader is not None:
            loader.dispose()
    found: dict[str, Source] = {}
    if root is None:
        return found
    stack: list[tuple[yaml.Node, str, tuple[str | int, ...], yaml.Node]] = [(root, "", (), root)]
    while stack:
        node, path, parts, placed = stack.pop()
        if path:
            source = Source(file, pointer(*parts), placed.start_mark.line + 1, placed.start_mark.column + 1)
            found.setdefault(path, source)
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                if isinstance(key, yaml.ScalarNode):
                    name = key.value
                    child = (
                        f"{path}.{name}"
                        if path and _IDENTIFIER.fullmatch(name)
                        else (name if not path else f"{path}[{json.dumps(name, ensure_ascii=False)}]")
                    )
                    stack.append((value, child, (*parts, name), key))
        elif isinstance(node, yaml.SequenceNode):
            for index, item in enumerate(node.value):
                stack.append((item, f"{path}[{index}]", (*parts, index), item))
                for name in _names(item):
                    stack.append(
                        (item, f"{path}[{json.dumps(name, ensure_ascii=False)}]", (*parts, index), item)
                    )
    return found


_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")


def _names(node: yaml.Node) -> list[str]:
    """The names a list element is known by in subjects: its `name` or `claim`, or its own text."""
    if isinstance(node, yaml.ScalarNode):
        return [node.value]
    if isinstance(node, yaml.MappingNode):
        return [
            value.value
            for key, value in node.value
            if isinstance(key, yaml.ScalarNode)
            and key.value in ("name", "claim")
            and isinstance(value, yaml.ScalarNode)
        ]
    return []


# --- JSON ---------------------------------------------------------------------------------------------


class _Refused(Exception):
    """A JSON value beyond the limits, raised from inside the decoder's hooks."""

    def __init__(self, literal: str, expected: str) -> None:
        super().__init__(literal)
        self.literal = literal
        self.expected = expected


def _read_json(text: str, source: str, limits: Limits) -> Any:
    if len(text) > limits.max_bytes:
        raise InvalidInput(
            source, [("", f"{len(text)} characters", f"expected at most {_size(limits.max_bytes)}")]
        )

    def pairs(items: list[tuple[str, Any]]) -> dict[str, Any]:
        result = dict(items)
        if len(result) != len(items):  # a key repeats: find the first one
            seen: set[str] = set()
            for key, _ in items:
                if key in seen:
                    raise _DuplicateKey(key)
                seen.add(key)
        return result

    def integer(literal: str) -> int:
        if len(literal.lstrip("-")) > limits.max_digits:
            raise _Refused(literal, f"expected an integer of at most {limits.max_digits} digits")
        return int(literal)

    def number(literal: str) -> float:
        value = float(literal)
        if not math.isfinite(value):
            raise _Refused(literal, "expected a finite number; this one is too large for a float")
        return value

    def constant(literal: str) -> float:
        raise _Refused(literal, f"expected a JSON value; {literal} is not JSON (JSON has no NaN or Infinity)")

    try:
        data = json.loads(
            text, object_pairs_hook=pairs, parse_int=integer, parse_float=number, parse_constant=constant
        )
    except json.JSONDecodeError as error:
        where = f"line {error.lineno}, column {error.colno}"
        raise InvalidInput(
            source, [(where, _line(text, error.lineno), f"expected valid JSON: {error.msg}")]
        ) from None
    except _DuplicateKey as error:
        raise InvalidInput(
            source, [("", error.key, "expected each key once in an object; this one repeats")]
        ) from None
    except _Refused as error:
        raise InvalidInput(
            source, [(_json_position(text, error.literal), shown(error.literal), error.expected)]
        ) from None
    except RecursionError:  # deeper than the decoder's stack: find where the limit is crossed
        raise InvalidInput(source, [(_json_too_deep_at(text, limits), MISSING, _too_deep(limits))]) from None
    _check_tree(data, source, limits, json_strings=_SURROGATE_ESCAPE.search(text) is not None)
    return data


_JSON_STRING = r'"(?:[^"\\]|\\.)*"'
_SURROGATE_ESCAPE = re.compile(r"\\u[dD][89a-fA-F]")


def _json_position(text: str, literal: str) -> str:
    """`line L, column C` of the first `literal` outside a JSON string."""
    for match in re.finditer(f"{_JSON_STRING}|{re.escape(literal)}", text):
        if not match.group().startswith('"'):
            return _position(text, match.start())
    return ""


def _json_too_deep_at(text: str, limits: Limits) -> str:
    depth = 0
    for match in re.finditer(f"{_JSON_STRING}|[\\[\\]{{}}]", text):
        token = match.group()
        if token in "[{":
            depth += 1
            if depth > limits.max_depth:
                return _position(text, match.start())
        elif token in "]}":
            depth -= 1
    return ""


def _position(text: str, offset: int) -> str:
    line = text.count("\n", 0, offset) + 1
    column = offset - (text.rfind("\n", 0, offset) + 1) + 1
    return f"line {line}, column {column}"


def _too_deep(limits: Limits) -> str:
    return f"expected mappings and lists nested at most {limits.max_depth} deep"


def _check_tree(data: Any, source: str, limits: Limits, *, json_strings: bool) -> None:
    """Refuse JSON data nested deeper than the limit, or holding a lone surrogate (a `\\ud800` escape).

    Large inputs (a cluster's `kubectl get` listing) hold hundreds of thousands of values: only
    containers are walked (and strings when the text has a surrogate escape at all), and the path of a
    value is kept as a link to its parent's, spelt out only for the message.
    """
    Link = tuple[Any, str | int] | None
    stack: list[tuple[Any, int, Link]] = [(data, 0, None)]
    containers = (dict, list)
    while stack:
        value, depth, link = stack.pop()
        if isinstance(value, dict):
            if depth >= limits.max_depth:
                raise InvalidInput(source, [(_path_text(_unlink(link)), MISSING, _too_deep(limits))])
            for key, item in value.items():
                if json_strings:
                    if _SURROGATE.search(key):
                        raise InvalidInput(source, [(_path_text(_unlink(link)), escaped(key), _NO_SURROGATE)])
                    stack.append((item, depth + 1, (link, key)))
                elif isinstance(item, containers):
                    stack.append((item, depth + 1, (link, key)))
        elif isinstance(value, list):
            if depth >= limits.max_depth:
                raise InvalidInput(source, [(_path_text(_unlink(link)), MISSING, _too_deep(limits))])
            for index, item in enumerate(value):
                if json_strings or isinstance(item, containers):
                    stack.append((item, depth + 1, (link, index)))
        elif json_strings and isinstance(value, str) and _SURROGATE.search(value):
            raise InvalidInput(source, [(_path_text(_unlink(link)), escaped(value), _NO_SURROGATE)])


def _unlink(link: Any) -> tuple[str | int, ...]:
    parts: list[str | int] = []
    while link is not None:
        link, part = link
        parts.append(part)
    return tuple(reversed(parts))


_SURROGATE = re.compile("[\ud800-\udfff]")
_NO_SURROGATE = (
    "expected Unicode text; this holds a lone surrogate (half of a UTF-16 pair), which no text can carry"
)


def _path_text(parts: tuple[str | int, ...]) -> str:
    text = ""
    for part in parts:
        if isinstance(part, int):
            text += f"[{part}]"
        elif re.fullmatch(r"[A-Za-z_][A-Za-z0-9_]*", part):
            text = f"{text}.{part}" if text else part
        else:
            text += "[" + json.dumps(part, ensure_ascii=True) + "]"
    return text


class _DuplicateKey(Exception):
    def __init__(self, key: str) -> None:
        super().__init__(key)
        self.key = key


# --- YAML ---------------------------------------------------------------------------------------------


def _read_yaml(text: str, source: str, limits: Limits) -> Any:
    if len(text) > limits.max_yaml_bytes:
        raise InvalidInput(
            source,
            [
                (
                    "",
                    f"{len(text)} characters of YAML",
                    f"expected at most {_size(limits.max_yaml_bytes)} of YAML (JSON may have {_size(limits.max_bytes)})",
                )
            ],
        )
    loader: _PyLoader | None = None
    try:
        loader = _Loader(text, limits)  # the pure-Python reader already checks the characters here
        return loader.get_single_data()
    except yaml.MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        problem = error.problem or error.context or "not valid YAML"
        if mark is None:
            raise InvalidInput(source, [("", MISSING, f"expected valid YAML: {problem}")]) from None
        line, column = mark.line + 1, mark.column + 1
        lines = text.splitlines()
        if line > len(lines) and lines:  # libyaml reports the end of input on the line after the last
            line, column = len(lines), len(lines[-1]) + 1
        where = f"line {line}, column {column}"
        if isinstance(error, _RepeatedKey):
            raise InvalidInput(source, [(where, error.key, problem)]) from None
        if isinstance(error, _BeyondLimits):
            raise InvalidInput(source, [(where, error.value, problem)]) from None
        raise InvalidInput(source, [(where, _line(text, line), f"expected valid YAML: {problem}")]) from None
    except yaml.reader.ReaderError as error:  # a control character: located by its offset
        character = error.character if isinstance(error.character, str) else chr(error.character)
        where = _position(text, error.position) if isinstance(error.position, int) else ""
        raise InvalidInput(
            source, [(where, escaped(character), f"expected valid YAML: {error.reason}")]
        ) from None
    except yaml.YAMLError as error:
        raise InvalidInput(source, [("", MISSING, f"expected valid YAML: {error}")]) from None
    finally:
        if loader is not None:
            loader.dispose()


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


class _BeyondLimits(yaml.composer.ComposerError):
    """Input refused by a limit while composing, before anything is built from it."""

    def __init__(self, value: object, expected: str, mark: Any) -> None:
        super().__init__(None, None, expected, mark)
        self.value = value


_TAG = "tag:yaml.org,2002:"
_PLAIN_TAGS = frozenset({None, "!", _TAG + "str", _TAG + "map", _TAG + "seq"})


class _LimitedComposer(yaml.composer.Composer):
    """PyYAML's composer, stopped by the limits while it reads events (before any object is built).

    It counts nesting depth, the nodes that aliases repeat (each alias costs the whole tree of its
    anchor), refuses an alias inside its own anchor (a cycle), explicit tags other than `!!str`,
    `!!map` and `!!seq`, integers of too many digits, and lone surrogates in text.
    """

    limits: Limits

    def _init_limits(self, limits: Limits) -> None:
        self.limits = limits
        self._depth = 0
        self._nodes = 0
        self._repeated = 0
        self._sizes: dict[int, int] = {}

    def compose_node(self, parent: yaml.Node | None, index: Any) -> yaml.Node | None:
        event = typing.cast(Any, self).peek_event()  # the parser's, later in the method order
        limits = self.limits
        if isinstance(event, yaml.AliasEvent):
            node = super().compose_node(parent, index)  # raises for an undefined alias
            size = self._sizes.get(id(node))
            if size is None:
                raise _BeyondLimits(
                    f"*{event.anchor}", "expected no alias inside its own anchor (a cycle)", event.start_mark
                )
            self._repeated += size
            self._nodes += size
            if self._repeated > limits.max_alias_nodes:
                raise _BeyondLimits(
                    f"*{event.anchor}",
                    f"expected aliases to repeat at most {limits.max_alias_nodes} nodes in all",
                    event.start_mark,
                )
            return node
        tag = getattr(event, "tag", None)
        if isinstance(tag, str) and tag not in _PLAIN_TAGS:
            shown_tag = "!!" + tag.removeprefix(_TAG) if tag.startswith(_TAG) else tag
            raise _BeyondLimits(
                shown_tag,
                "expected a plain value; explicit tags other than !!str, !!map and !!seq are not read",
                event.start_mark,
            )
        if isinstance(event, yaml.ScalarEvent):
            if _SURROGATE.search(event.value):
                raise _BeyondLimits(escaped(event.value), _NO_SURROGATE, event.start_mark)
        else:
            self._depth += 1
            if self._depth > limits.max_depth:
                raise _BeyondLimits(MISSING, _too_deep(limits), event.start_mark)
        before = self._nodes
        node = super().compose_node(parent, index)
        if isinstance(node, yaml.ScalarNode):
            if node.tag == _TAG + "int" and len(node.value.lstrip("+-")) > limits.max_digits:
                raise _BeyondLimits(
                    shown(node.value),
                    f"expected an integer of at most {limits.max_digits} digits",
                    node.start_mark,
                )
        else:
            self._depth -= 1
        self._nodes += 1
        self._sizes[id(node)] = self._nodes - before
        return node


class _Constructor(yaml.constructor.SafeConstructor):
    """SafeConstructor that refuses a mapping repeating a key instead of keeping the last value."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict[Any, Any]:
        seen: dict[Any, yaml.Node] = {}
        for key_node, _ in node.value:
            if key_node.tag == "tag:yaml.org,2002:merge":
                continue
            key = self.construct_object(key_node, deep=deep)
            if not isinstance(key, typing.Hashable):
                continue  # SafeConstructor refuses it below, with its own located message
            if key in seen:
                raise _RepeatedKey(str(key), key_node, seen[key])
            seen[key] = key_node
        return super().construct_mapping(node, deep=deep)


class _Resolver(yaml.resolver.Resolver):
    """YAML 1.2 core scalars (see the module docstring)."""


class _PyLoader(
    yaml.reader.Reader, yaml.scanner.Scanner, yaml.parser.Parser, _LimitedComposer, _Constructor, _Resolver
):
    """The loader in pure Python (PyYAML built without libyaml)."""

    def __init__(self, text: str, limits: Limits) -> None:
        yaml.reader.Reader.__init__(self, text)
        yaml.scanner.Scanner.__init__(self)
        yaml.parser.Parser.__init__(self)
        _LimitedComposer.__init__(self)
        _Constructor.__init__(self)
        _Resolver.__init__(self)
        self._init_limits(limits)

    def dispose(self) -> None:
        yaml.parser.Parser.dispose(self)


_Loader: type[_PyLoader] = _PyLoader

if getattr(yaml, "__with_libyaml__", False):  # libyaml scans and parses (~5x faster); composing stays here
    from yaml.cyaml import CParser as _Parser  # type: ignore[attr-defined]

    class _CLoader(_LimitedComposer, _Parser, _Constructor, _Resolver):
        """The loader with libyaml's scanner and parser."""

        def __init__(self, text: str, limits: Limits) -> None:
            _Parser.__init__(self, text)
            _LimitedComposer.__init__(self)
            _Constructor.__init__(self)
            _Resolver.__init__(self)
            self._init_limits(limits)

    _Loader = _CLoader  # type: ignore[assignment]


_YAML11_ONLY = {
    "tag:yaml.org,2002:bool",
    "tag:yaml.org,2002:int",
    "tag:yaml.org,2002:float",
    "tag:yaml.org,2002:timestamp",
}
_Resolver.yaml_implicit_resolvers = {
    first: [(tag, regexp) for tag, regexp in resolvers if tag not in _YAML11_ONLY]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:bool", re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF")
)
_Resolver.add_implicit_resolver(
    "tag:yaml.org,2002:int", re.compile(r"^[-+]?(?:0|[1-9][0-9]*)$"), list("-+0123456789")
)
