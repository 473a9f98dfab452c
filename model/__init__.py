"""aks-backup-conformance: the AKS Backup support matrix, made executable.

The small public API: describe an environment, ask an operation, read the outcome.

    >>> from aks_backup_model import Environment, evaluate
    >>> evaluate(Environment()).status.value
    'supported'
"""

from __future__ import annotations

from .environment import (
    BackupInstance,
    Cluster,
    Environment,
    Extension,
    Namespace,
    NodePool,
    Policy,
    StorageAccount,
    Tooling,
    Vault,
    Volume,
)
from .errors import ConformanceError, DuplicateRegistration, InvalidInput, UnknownStatement
from .evaluate import evaluate
from .operations import OPERATION_KINDS, Operation
from .outcome import Destination, Effect, Finding, NamespacePlan, Outcome, Status, VolumePlan, exit_code
from .statements import STATEMENTS, Statement, statement

__version__ = "0.1.0"

__all__ = [
    # environment
    "BackupInstance",
    "Cluster",
    "Environment",
    "Extension",
    "Namespace",
    "NodePool",
    "Policy",
    "StorageAccount",
    "Tooling",
    "Vault",
    "Volume",
    # operations
    "OPERATION_KINDS",
    "Operation",
    # evaluation and outcome
    "Destination",
    "Effect",
    "Finding",
    "NamespacePlan",
    "Outcome",
    "Status",
    "VolumePlan",
    "evaluate",
    "exit_code",
    # statements
    "STATEMENTS",
    "Statement",
    "statement",
    # errors
    "ConformanceError",
    "DuplicateRegistration",
    "InvalidInput",
    "UnknownStatement",
    "__version__",
]
