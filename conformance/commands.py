"""What `check` does, without the command-line framework: read, judge, print, return the exit code.

The typer command (`cli.check`) and the quick entry point (`entry.main`, which answers a plain
`check FILE [--format F] [--operation OP]` without importing typer) both call `run_check`, and both
turn errors into exit codes with `report_invalid_input` and `report_internal_error`, so the two paths
cannot answer differently. Only what a command needs is imported, when it needs it: rich for text
output, the SARIF and JUnit writers for those formats (`bench/bench_startup.py` measures the cost).
"""

from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from rich.console import Console

    from aks_backup_model.environment import Environment
    from aks_backup_model.errors import InvalidInput

CHECK_FORMATS = ("text", "json", "sarif", "junit")
EXIT_BAD_INPUT = 2  # = aks_backup_model.outcome.EXIT_BAD_INPUT (not imported: this module stays light)
EXIT_INTERNAL_ERROR = 1


def stdout_console() -> Console:
    from .report.console import console

    return console()


def stderr_console() -> Console:
    from .report.console import console

    return console(stderr=True)


def emit(text: str) -> None:
    """Write `text` and a newline to the current standard output."""
    sys.stdout.write(text + "\n")
    sys.stdout.flush()


def emit_json(document: Any) -> None:
    # allow_nan=False: never print NaN or Infinity, which are not JSON (the readers refuse them anyway).
    emit(json.dumps(document, indent=2, ensure_ascii=False, allow_nan=False))


def say_error(message: str) -> None:
    """One red line on standard error."""
    from rich.text import Text

    stderr_console().print(Text(message, style="red"), soft_wrap=True)


def report_invalid_input(error: InvalidInput, output: str) -> int:
    """Print a bad input's problems (JSON on stdout for `--format json`, else on stderr); exit 2."""
    if output == "json":
        from .report import json_report

        emit_json(json_report.invalid_input_document(error))
    else:  # text, and the CI reports (SARIF, JUnit): the problems on standard error
        from .report import text

        text.render_invalid_input(stderr_console(), error)
    return EXIT_BAD_INPUT


def report_internal_error(error: BaseException) -> int:
    """One line naming an unexpected exception; exit 1."""
    message = f"internal error: {type(error).__name__}: {error}".splitlines()[0]
    say_error(f"{message} (run with --debug for the traceback)")
    return EXIT_INTERNAL_ERROR


def today() -> dt.date:
    """The date `check` judges by when neither `--as-of` nor the file gives one: today, in UTC."""
    return dt.datetime.now(dt.UTC).date()


def as_of_date(as_of: str | None) -> dt.date | None:
    """The date `--as-of` gives (None when not given).

    Raises:
        InvalidInput: it is not a date written YYYY-MM-DD.
    """
    if as_of is None:
        return None
    try:
        if len(as_of) != 10:
            raise ValueError
        return dt.date.fromisoformat(as_of)
    except ValueError:
        from aks_backup_model.errors import InvalidInput

        raise InvalidInput("--as-of", [("as_of", as_of, "expected a date written YYYY-MM-DD")]) from None


def judged_as_of(env: Environment, as_of: str | None) -> Environment:
    """`env` with the date it is judged on: `--as-of`, else the environment's own `as_of`, else today.
    (The model reads only the date it is given; this is where the command line supplies today's.)

    Raises:
        InvalidInput: `as_of` is not a date written YYYY-MM-DD.
    """
    date = as_of_date(as_of)
    if date is not None:
        return env.model_copy(update={"as_of": date})
    if env.as_of is None:
        return env.model_copy(update={"as_of": today()})
    return env


def run_check(
    env_file: str, operation: str | None, output: str, as_of: str | None = None, edition: str | None = None
) -> int:
    """`check`: judge the environment in `env_file` ('-': standard input), print it as `output`, as of
    `as_of` (YYYY-MM-DD), else the file's `as_of`, else today; by `edition` when given (the caller has
    checked it is one the model judges by), else the file's, else the newest.

    Returns the answer's exit code. Raises `InvalidInput` for bad input (the caller reports it).
    """
    from aks_backup_model.evaluate import evaluate
    from aks_backup_model.outcome import exit_code

    from .io.load import parse_environment, parse_operation, read_stream, read_text

    if env_file == "-":
        source = "<stdin>"
        data = read_stream(sys.stdin.buffer, source)
        fmt: str | None = "json" if data.lstrip().startswith("{") else "yaml"
    else:
        source = env_file
        data = read_text(Path(env_file), source)
        fmt = None
    env = judged_as_of(parse_environment(data, source, fmt=fmt), as_of)
    op = parse_operation(operation, current=env.operation) if operation is not None else None
    if edition is not None:
        env = env.model_copy(update={"edition": edition})
    outcome = evaluate(env, op)
    if output == "json":
        from .report import json_report

        emit_json(json_report.outcome_document(outcome, source=source))
    elif output == "sarif":
        from .io.load import provenance
        from .report.sarif import Judged, sarif_document

        emit_json(sarif_document([Judged(outcome, source, provenance(data, source), name=env.cluster.name)]))
    elif output == "junit":
        from .report.junit import junit_document
        from .report.sarif import Judged

        sys.stdout.write(junit_document([Judged(outcome, source, name=env.cluster.name)]))
        sys.stdout.flush()
    else:
        from .report import text

        text.render_outcome(stdout_console(), outcome, source=source)
    return exit_code(outcome)
