"""An oracle that is a command: any tool, in any language, that speaks the wire format (`wire.py`).

The command reads one request document (JSON) on standard input and writes one answer document on
standard output. `aks-backup-conformance answer` is such a command (the reference model); so can be a
preflight script. Exit codes 0, 3 and 4 are answers (supported; unsupported; not covered, warnings or
skips); any other exit code, a timeout, output that is not UTF-8 JSON, or an answer that is not an
answer to its request is an `OracleError`: reported as an error of the oracle with the tail of its
standard error, never read as agreement.

Each question runs the command in its own session (a new process group); when it is done, or when it
outlives its timeout, the whole group is killed, so a child the tool left behind (one holding standard
output included) neither keeps us waiting nor outlives the question.

Whether a command answers time-line questions is declared when the oracle is made (`timelines=True`;
`--oracle-timelines` for the features); one that does not is never asked them.
"""

from __future__ import annotations

import contextlib
import json
import os
import shlex
import signal
import subprocess
from collections.abc import Sequence
from typing import Any

from aks_backup_model.environment import Environment
from aks_backup_model.errors import ConformanceError
from aks_backup_model.lifecycle import Timeline
from aks_backup_model.operations import ConfigureBackup, Operation
from aks_backup_model.outcome import Outcome
from aks_backup_model.statements import STATEMENTS

from .wire import (
    SCHEMA_VERSION,
    MalformedAnswer,
    SchemaViolation,
    TimelineQuestion,
    TimelineRequest,
    evaluate_request,
    outcome_from_document,
    read_request,
    timeline_from_document,
    timeline_request,
)

ANSWER_CODES = frozenset({0, 3, 4, 5})
"""The exit codes of a command that answered (supported, unsupported, warnings or not covered, unknown)."""

DEFAULT_TIMEOUT = 10.0
"""Seconds a command may take to answer one question (`--timeout`, `--oracle-timeout`)."""

_STDERR_TAIL = 600


class OracleError(ConformanceError):
    """Raised when an oracle crashes, hangs past its timeout, or answers with something not an answer.

    `stderr` holds the tail of what the command wrote on standard error (empty for an in-process oracle).
    """

    def __init__(self, message: str, *, stderr: str = "") -> None:
        self.stderr = stderr
        tail = " | ".join(line for line in stderr.strip().splitlines()[-3:] if line.strip())
        super().__init__(f"{message}; its stderr ends: {tail}" if tail else message)


def stderr_tail(data: bytes) -> str:
    """The last characters a command wrote on standard error, decoded leniently."""
    return data[-_STDERR_TAIL:].decode("utf-8", errors="replace")


class CommandOracle:
    """Judge environments (and time lines, when it says it can) by running a command."""

    def __init__(
        self,
        command: str | Sequence[str],
        *,
        name: str | None = None,
        covers: frozenset[str] | None = None,
        timeout: float = DEFAULT_TIMEOUT,
        timelines: bool = False,
    ) -> None:
        self.command = shlex.split(command) if isinstance(command, str) else list(command)
        if not self.command:
            raise ValueError("a command oracle needs a command to run")
        if timeout <= 0:
            raise ValueError(f"a command oracle's timeout must be positive, not {timeout}")
        self.name = name or f"command:{shlex.join(self.command)}"
        self._covers = frozenset(STATEMENTS) if covers is None else covers
        self.timeout = timeout
        self.answers_timelines = timelines

    def covers(self) -> frozenset[str]:
        return self._covers

    def evaluate(self, env: Environment, op: Operation | None = None) -> Outcome:
        """Ask the command about `op` (default: the environment's own, else configure_backup).

        Raises:
            OracleError: the command could not start, failed, hung, or gave no answer to the request.
        """
        operation = op or env.operation or ConfigureBackup()
        document, stderr = self.ask(evaluate_request(env, operation))
        try:
            return outcome_from_document(document, edition=env.edition, operation=operation.kind)
        except MalformedAnswer as error:
            raise OracleError(_malformed(self.name, error), stderr=stderr) from None

    def simulate(self, question: TimelineQuestion) -> Timeline:
        """Ask the command the time-line question.

        Raises:
            OracleError: the command does not answer time lines, failed, hung, or gave no answer.
        """
        if not self.answers_timelines:
            raise OracleError(f"oracle {self.name} does not answer time-line questions")
        request = timeline_request(question)
        parsed = read_request(request)
        assert isinstance(parsed, TimelineRequest)
        document, stderr = self.ask(request)
        try:
            return timeline_from_document(document, parsed)
        except MalformedAnswer as error:
            raise OracleError(_malformed(self.name, error), stderr=stderr) from None

    def ask(self, request: dict[str, Any]) -> tuple[Any, str]:
        """Run the command on one request; return its answer as JSON data, and its stderr tail.

        Raises:
            OracleError: the command could not start, exited with a code that is not an answer, did not
                answer within the timeout, or printed something that is not UTF-8 JSON.
        """
        try:
            process = subprocess.Popen(
                self.command,
                stdin=subprocess.PIPE,
                stdout=subprocess.PIPE,
                stderr=subprocess.PIPE,
                start_new_session=True,
            )
        except OSError as error:
            raise OracleError(
                f"oracle {self.name}: command {self.command[0]!r} cannot run: {error}"
            ) from None
        try:
            out, err = process.communicate(json.dumps(request).encode("utf-8"), timeout=self.timeout)
        except subprocess.TimeoutExpired:
            _kill_group(process)
            out, err = _drain(process)
            raise OracleError(
                f"oracle {self.name}: no answer within {self.timeout:g} s (its process group was killed)",
                stderr=stderr_tail(err),
            ) from None
        finally:
            _kill_group(process)
        stderr = stderr_tail(err)
        if process.returncode not in ANSWER_CODES:
            reason = (
                f"killed by signal {-process.returncode}"
                if process.returncode < 0
                else f"exit code {process.returncode}"
            )
            raise OracleError(f"oracle {self.name}: {reason}", stderr=stderr)
        try:
            text = out.decode("utf-8")
        except UnicodeDecodeError as error:
            raise OracleError(
                f"oracle {self.name}: its answer is not UTF-8 (byte {out[error.start]:#04x} at offset {error.start})",
                stderr=stderr,
            ) from None
        try:
            return json.loads(text), stderr
        except json.JSONDecodeError as error:
            start = text.strip()[:60]
            raise OracleError(
                f"oracle {self.name}: its answer is not JSON ({error.msg} at line {error.lineno} column "
                f"{error.colno}; it begins {start!r})",
                stderr=stderr,
            ) from None


def _kill_group(process: subprocess.Popen[bytes]) -> None:
    """Kill the process group the command leads (its children too), if any of it is still there."""
    with contextlib.suppress(ProcessLookupError, PermissionError):
        os.killpg(process.pid, signal.SIGKILL)
    with contextlib.suppress(subprocess.TimeoutExpired):  # a process SIGKILL cannot stop
        process.wait(timeout=5)


def _drain(process: subprocess.Popen[bytes]) -> tuple[bytes, bytes]:
    """What the killed command had written; a descendant that left the group may still hold the pipes."""
    try:
        return process.communicate(timeout=1)
    except subprocess.TimeoutExpired:
        for pipe in (process.stdout, process.stderr):
            if pipe is not None:
                pipe.close()
        return b"", b""


def _malformed(name: str, error: MalformedAnswer) -> str:
    """`oracle NAME: its answer breaks the answer schema (1.0) at $.path: ...` for an answer that breaks
    the schema; `oracle NAME: its answer is malformed: ...` for one that is no answer to its request."""
    if isinstance(error, SchemaViolation):
        return f"oracle {name}: its answer breaks the answer schema ({SCHEMA_VERSION}) at {error.path}: {error.problem}"
    return f"oracle {name}: its answer is malformed: {error}"
