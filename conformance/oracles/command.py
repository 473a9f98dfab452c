"""An oracle that is a command: any tool, in any language, that speaks the outcome document.

The command reads one environment document (JSON, the shape of an environment file, with its
`operation` set) on standard input and writes one outcome document (see `wire.py`) on standard output.
Exit codes 0, 3 and 4 are answers; any other exit code, a timeout, or output that is not an outcome
document is an `OracleError`: reported as an error of the oracle, never read as agreement.

`aks-backup-conformance check - --format json` is such a command; so can be a preflight script.
"""

from __future__ import annotations

import json
import shlex
import subprocess
from collections.abc import Sequence

from aks_backup_model.environment import Environment
from aks_backup_model.errors import ConformanceError
from aks_backup_model.operations import ConfigureBackup, Operation
from aks_backup_model.outcome import Outcome
from aks_backup_model.statements import STATEMENTS

from .wire import MalformedOutcome, outcome_from_document

ANSWER_CODES = frozenset({0, 3, 4})
"""The exit codes of a command that answered (supported, unsupported, warnings or not covered)."""


class OracleError(ConformanceError):
    """Raised when an oracle crashes, hangs past its timeout, or answers with something not an outcome."""


class CommandOracle:
    """Judge environments by running a command and reading its outcome document."""

    def __init__(
        self,
        command: str | Sequence[str],
        *,
        name: str | None = None,
        covers: frozenset[str] | None = None,
        timeout: float = 30.0,
    ) -> None:
        self.command = shlex.split(command) if isinstance(command, str) else list(command)
        if not self.command:
            raise ValueError("a command oracle needs a command to run")
        self.name = name or f"command:{shlex.join(self.command)}"
        self._covers = frozenset(STATEMENTS) if covers is None else covers
        self.timeout = timeout

    def covers(self) -> frozenset[str]:
        return self._covers

    def evaluate(self, env: Environment, op: Operation | None = None) -> Outcome:
        """Run the command on the environment with `op` (default: the environment's own, else
        configure_backup) and read its answer.

        Raises:
            OracleError: the command could not start, failed, hung, or answered with no outcome.
        """
        operation = op or env.operation or ConfigureBackup()
        request = env.model_copy(update={"operation": operation}).model_dump(mode="json")
        try:
            done = subprocess.run(
                self.command,
                input=json.dumps(request),
                capture_output=True,
                text=True,
                timeout=self.timeout,
                check=False,
            )
        except FileNotFoundError:
            raise OracleError(f"oracle {self.name}: command {self.command[0]!r} not found") from None
        except subprocess.TimeoutExpired:
            raise OracleError(f"oracle {self.name}: no answer within {self.timeout:g} s") from None
        if done.returncode not in ANSWER_CODES:
            detail = (done.stderr or done.stdout).strip().splitlines()[-1:] or ["(no output)"]
            raise OracleError(f"oracle {self.name}: exit code {done.returncode}: {detail[0]}")
        try:
            return outcome_from_document(json.loads(done.stdout))
        except (json.JSONDecodeError, MalformedOutcome) as error:
            raise OracleError(f"oracle {self.name}: its answer is not an outcome document: {error}") from None
