"""The `aks-backup-conformance` console script: a quick path for `check`, typer for everything else.

Most runs in CI are one `check FILE` (with `--format` and `--operation`), and importing the
command-line framework (typer and its vendored click) costs about as much as importing pydantic. So a
plain `check FILE [--format F] [--operation OP]` (and a leading `--debug`) is answered here without
typer, through the same `commands.run_check` the typer command calls; any other word, option or form
(`--help`, `-fjson`, an option this path does not know, a usage error) goes to the typer application
in `cli`, which stays the one definition of the command line and its help.
"""

from __future__ import annotations

import io
import sys
from collections.abc import Sequence

from .commands import CHECK_FORMATS, report_internal_error, report_invalid_input, run_check

PROG = "aks-backup-conformance"

_VALUE_OPTIONS = {"--format": "format", "-f": "format", "--operation": "operation", "-o": "operation"}


def quick_check_arguments(args: Sequence[str]) -> tuple[str, str | None, str, bool] | None:
    """`(env_file, operation, format, debug)` when `args` is a plain `check` this path answers, else None."""
    debug = False
    rest = list(args)
    if rest[:1] == ["--debug"]:
        debug, rest = True, rest[1:]
    if rest[:1] != ["check"]:
        return None
    env_file: str | None = None
    values: dict[str, str] = {}
    position = 1
    while position < len(rest):
        word = rest[position]
        name, _, inline = word.partition("=")
        if name in _VALUE_OPTIONS and name.startswith("--") and inline:
            key, value, position = _VALUE_OPTIONS[name], inline, position + 1
        elif word in _VALUE_OPTIONS and position + 1 < len(rest):
            key, value, position = _VALUE_OPTIONS[word], rest[position + 1], position + 2
            if value.startswith("-") and value != "-":
                return None
        elif (word == "-" or not word.startswith("-")) and env_file is None:
            env_file, position = word, position + 1
            continue
        else:
            return None  # anything else is typer's to parse, to refuse or to explain
        if key in values:
            return None
        values[key] = value
    output = values.get("format", "text")
    if env_file is None or output not in CHECK_FORMATS:
        return None
    return env_file, values.get("operation"), output, debug


def main(argv: Sequence[str] | None = None) -> None:
    """Entry point of the `aks-backup-conformance` console script."""
    for stream in (sys.stdout, sys.stderr):
        # A terminal or pipe whose encoding cannot carry a character (PYTHONIOENCODING=ascii) gets an
        # escape instead of a UnicodeEncodeError half-way through a report.
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="backslashreplace")
    args = list(sys.argv[1:] if argv is None else argv)
    quick = quick_check_arguments(args)
    if quick is None:
        from .cli import app

        app(args=args, prog_name=PROG)
        return
    env_file, operation, output, debug = quick
    sys.exit(_quick_check(env_file, operation, output, debug))


def _quick_check(env_file: str, operation: str | None, output: str, debug: bool) -> int:
    from aks_backup_model.errors import InvalidInput

    try:
        return run_check(env_file, operation, output)
    except InvalidInput as error:
        return report_invalid_input(error, output)
    except Exception as error:
        if debug:
            raise
        return report_internal_error(error)
