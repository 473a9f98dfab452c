"""Steps shared by every feature: the baseline environment, the operations, and the verdicts.

Step code only builds inputs and calls the oracle. The environment is kept as plain data (what a user
writes in YAML) until the When step validates it, so a Given step changes one fact and nothing else.
"""

from __future__ import annotations

import copy
from collections.abc import Callable
from typing import Any

import pytest
import yaml
from pydantic import TypeAdapter
from pytest_bdd import given, parsers, then, when

from aks_backup_conformance.docs.sources import features_dir
from aks_backup_conformance.io.load import read_document
from aks_backup_conformance.oracles import Oracle, TimelineQuestion, answers_timelines, get
from aks_backup_conformance.pytest_plugin import (
    DECIDING,
    INFORMATIONAL,
    Mismatch,
    compares_plans,
    not_compared,
    skip_not_covered,
    strict,
)
from aks_backup_model import Destination, Effect, Environment, Finding, Outcome, Status
from aks_backup_model.lifecycle import Timeline
from aks_backup_model.operations import Operation
from aks_backup_model.statements import OVERLAPS

FEATURES = features_dir(own=True)
"""The suite's feature files: the repository's `features/`, or the wheel's copy of them."""


def feature(name: str) -> str:
    """The path of one of the suite's feature files, for `scenarios(...)` (found wherever the suite runs,
    whatever the current folder and the `bdd_features_base_dir` setting)."""
    return str(FEATURES / name)


BASELINE_FILE = FEATURES / "baseline.yaml"
BASELINE: dict[str, Any] = read_document(BASELINE_FILE.read_text(encoding="utf-8"), str(BASELINE_FILE))
"""A cluster that meets every requirement of the matrix, with the Vault tier on: every fact stated
(features/baseline.yaml), so that a Given step changes one fact and leaves nothing to a default."""

_OPERATION = TypeAdapter(Operation)

# Phrases of When steps -> operation kinds.
OPERATIONS: dict[str, str] = {
    "the extension is installed": "install_extension",
    "backup is configured": "configure_backup",
    "a scheduled backup runs": "scheduled_backup",
    "an on-demand backup is requested": "on_demand_backup",
    "a recovery point is moved to the Vault tier": "tier_to_vault",
    "a restore is requested": "restore",
    "expired recovery points are deleted": "delete_expired_recovery_points",
    "recovery points are deleted": "delete_recovery_points",
    "the backup instance is modified": "modify_backup_instance",
    "the policy is created": "create_policy",
    "the backup report is opened": "view_report",
    "alerts are configured": "configure_alerts",
    "a critical vault operation is requested": "critical_vault_operation",
}


def set_path(data: dict[str, Any], path: str, value: Any) -> None:
    """Set `a.b[2].c` in nested plain data, creating dicts on the way."""
    node: Any = data
    parts = path.replace("]", "").replace("[", ".").split(".")
    for part in parts[:-1]:
        key: Any = int(part) if part.isdigit() else part
        if isinstance(node, dict) and node.get(key) is None:
            node[key] = {}
        node = node[key]
    last: Any = int(parts[-1]) if parts[-1].isdigit() else parts[-1]
    node[last] = value


def parse_value(text: str) -> Any:
    """A step's literal as YAML: 'true', '5', '"westus3"', 'null', '{a: 1}'."""
    return yaml.safe_load(text)


def volume(env_data: dict[str, Any], claim: str) -> dict[str, Any]:
    """The volume entry of `claim`, added to the baseline if it is not there yet: then a copy of the
    baseline's last volume (every fact stated, all of them good) under the new claim."""
    volumes = env_data["cluster"].setdefault("volumes", [])
    for entry in volumes:
        if entry["claim"] == claim:
            return entry  # type: ignore[no-any-return]
    entry = {**copy.deepcopy(BASELINE["cluster"]["volumes"][-1]), "claim": claim}
    volumes.append(entry)
    namespace = claim.split("/", 1)[0]
    namespaces = env_data["cluster"].setdefault("namespaces", [])
    if all(n["name"] != namespace for n in namespaces):
        namespaces.append({"name": namespace})
    return entry


def node_pool(env_data: dict[str, Any], name: str) -> dict[str, Any]:
    """The node pool `name`, added if it is not there yet: then a User pool with the baseline pool's
    facts (Ubuntu on x86_64)."""
    pools = env_data["cluster"].setdefault("node_pools", [])
    for entry in pools:
        if entry["name"] == name:
            return entry  # type: ignore[no-any-return]
    entry = {**copy.deepcopy(BASELINE["cluster"]["node_pools"][0]), "name": name, "mode": "User"}
    pools.append(entry)
    return entry


# ## Fixtures ----------------------------------------------------------------------------------------


class Watched:
    """The oracle under test, counting its consecutive errors: after `limit` of them the run stops
    (`session.shouldfail`) and says why, instead of asking a hanging or broken oracle for hours."""

    def __init__(self, oracle: Oracle, session: pytest.Session, limit: int) -> None:
        self.oracle = oracle
        self.name = oracle.name
        self.answers_timelines = answers_timelines(oracle)
        self.session = session
        self.limit = limit
        self.errors = 0

    def covers(self) -> frozenset[str]:
        return self.oracle.covers()

    def evaluate(self, env: Environment, op: Operation | None = None) -> Outcome:
        return self._watch(lambda: self.oracle.evaluate(env, op))

    def simulate(self, question: TimelineQuestion) -> Timeline:
        simulate: Callable[[TimelineQuestion], Timeline] = self.oracle.simulate  # type: ignore[attr-defined]
        return self._watch(lambda: simulate(question))

    def _watch(self, ask: Callable[[], Any]) -> Any:
        try:
            answer = ask()
        except Exception as error:
            self.errors += 1
            if self.limit and self.errors >= self.limit:
                self.session.shouldfail = (
                    f"stopped after {self.errors} consecutive errors of the oracle {self.name}; the last: "
                    + str(error).splitlines()[0][:300]
                )
            raise
        self.errors = 0
        return answer


@pytest.fixture(scope="session")
def oracle(request: pytest.FixtureRequest) -> Oracle:
    """The oracle the features run against (`--oracle NAME`, default the reference model), with the
    timeout of `--oracle-timeout`, time-line questions if `--oracle-timelines`, and the fail-fast of
    `--oracle-max-errors`."""
    config = request.config
    chosen = get(
        config.getoption("--oracle"),
        timeout=config.getoption("--oracle-timeout"),
        timelines=config.getoption("--oracle-timelines"),
    )
    return Watched(chosen, request.session, config.getoption("--oracle-max-errors"))


@pytest.fixture(autouse=True)
def _only_covered_statements(request: pytest.FixtureRequest) -> None:
    """Skip a scenario whose statements the oracle under test does not cover (partial oracles), and a
    time-line scenario when the oracle does not answer time-line questions."""
    ids = {m.args[0] for m in request.node.iter_markers("statement") if m.args}
    if not ids:
        return
    option = request.config.getoption("--oracle-covers")
    chosen: Oracle = request.getfixturevalue("oracle")
    if option:
        covered = frozenset(i.strip().upper() for i in option.split(",") if i.strip())
    else:
        covered = chosen.covers()
    if not ids & covered:
        skip_not_covered(", ".join(sorted(ids)))
    if request.node.get_closest_marker("lifecycle") is not None and not answers_timelines(chosen):
        skip_not_covered(f"it does not answer time-line questions ({', '.join(sorted(ids))})")


EDITION_BASELINE: dict[str, dict[str, Any]] = {
    # On 2026-01-06 (the edition's date, the environment's default `as_of`) Kubernetes 1.31 is past its
    # end of life; the baseline of that edition runs a minor that is supported then.
    "2026-01-06": {"cluster.kubernetes_version": "1.33.5"},
}
"""What the baseline changes to meet every requirement of a given edition."""


@pytest.fixture
def env_data(request: pytest.FixtureRequest) -> dict[str, Any]:
    """The baseline as plain data, judged by the edition of `--edition`."""
    data = copy.deepcopy(BASELINE)
    edition = request.config.getoption("--edition")
    data["edition"] = edition
    for path, value in EDITION_BASELINE.get(edition, {}).items():
        set_path(data, path, value)
    return data


@pytest.fixture
def operation_data() -> dict[str, Any]:
    return {}


def uncited_overlaps(
    outcome: Outcome, judged: frozenset[str] | None = None, *, strict: bool = True
) -> list[str]:
    """Where the outcome cites a statement with an effect on a subject but not every statement that
    states the same fact (`statements.OVERLAPS`), as readable lines; empty when none is missing.

    With `judged`, only overlaps whose statements are all judged (covered by the oracle) are checked.
    With `strict=False` (the default comparison level) only deciding effects are compared, and not
    their subjects (a tool may name the subject its own way)."""
    cited = {
        (f.statement_id, f.effect, f.subject if strict else "")
        for f in outcome.findings
        if strict or f.effect in DECIDING
    }
    missing = []
    for overlap in OVERLAPS:
        if not overlap.holds_in(outcome.edition):
            continue
        if judged is not None and not set(overlap.statement_ids) <= judged:
            continue
        for statement_id, effect, subject in sorted(cited, key=str):
            if statement_id != overlap.narrow:
                continue
            for other in overlap.broad:
                if (other, effect, subject) not in cited:
                    missing.append(
                        f"{statement_id} {effect.value} {subject}".strip()
                        + f", but {other} does not ({overlap.fact})"
                    )
    return missing


def pytest_bdd_after_scenario(request: pytest.FixtureRequest) -> None:
    """Every scenario's answer cites all the statements that state a fact it cites (statements.OVERLAPS)."""
    if "outcome" not in request.fixturenames:
        return
    outcome = request.getfixturevalue("outcome")
    if not isinstance(outcome, Outcome):
        return
    option = request.config.getoption("--oracle-covers")
    covered = (
        frozenset(i.strip().upper() for i in option.split(",") if i.strip())
        if option
        else request.getfixturevalue("oracle").covers()
    )
    missing = uncited_overlaps(outcome, covered, strict=strict(request))
    if missing:
        others = f" (and {len(missing) - 1} more)" if len(missing) > 1 else ""
        raise Mismatch(None, missing[0] + others, "every statement that states this fact cited")


# ## Given -------------------------------------------------------------------------------------------


@given("a cluster that meets every requirement of the matrix")
def baseline(env_data: dict[str, Any]) -> None:
    """The baseline of every feature; other Given steps change one fact of it."""


@given(parsers.parse("the environment sets {path} to {value}"))
def set_environment_field(env_data: dict[str, Any], path: str, value: str) -> None:
    """Change one field of the environment by its path (the escape hatch for one-off facts)."""
    set_path(env_data, path, parse_value(value))


@given(parsers.parse("the environment does not give {path}"))
def forget_environment_field(env_data: dict[str, Any], path: str) -> None:
    """Leave one fact out of the environment, as a file that does not mention it (it becomes unknown)."""
    node: Any = env_data
    parts = path.replace("]", "").replace("[", ".").split(".")
    for part in parts[:-1]:
        node = node[int(part) if part.isdigit() else part]
    last = parts[-1]
    if isinstance(node, list):
        del node[int(last)]
    else:
        node.pop(last)


@given(parsers.parse("the operation sets {path} to {value}"))
def set_operation_field(operation_data: dict[str, Any], path: str, value: str) -> None:
    """Change one field of the operation about to be asked (restore target, staging, ...)."""
    set_path(operation_data, path, parse_value(value))


FILES_SHARE: dict[str, Any] = {
    "protocol": "SMB",
    "file_count": 1200,
    "key_in_secret": False,
    "storage_account": {
        "name": "stappfiles",
        "public_network_access": "Enabled",
        "default_action": "Allow",
        "private_endpoints": 0,
        "locks": [],
        "cluster_roles": ["Storage File Data Privileged Contributor"],
    },
}
"""An Azure file share that meets every requirement of 2026-01-06: SMB, few files, public, no lock."""


@given(
    parsers.re(r'the cluster also has an Azure Files volume "(?P<claim>[^"\s]+)" over (?P<protocol>SMB|NFS)$')
)
def files_volume(env_data: dict[str, Any], claim: str, protocol: str) -> None:
    """An Azure Files CSI volume whose share and cluster meet every requirement but the protocol given."""
    entry = volume(env_data, claim)
    entry.update(
        driver="file.csi.azure.com",
        sku=None,
        size_gib=100,
        provisioning="dynamic",
        storage_class="azurefile-csi",
        network_access=None,
        public_network_access=None,
        data_access_auth_mode=None,
        encryption_type=None,
        reclaim_policy="Retain",
        share={**copy.deepcopy(FILES_SHARE), "protocol": protocol},
    )
    set_path(env_data, "cluster.storage_profile.file_csi_driver_version", "1.32.2")


def files_share(env_data: dict[str, Any], claim: str) -> dict[str, Any]:
    """The share of the Azure Files volume `claim` (given by `files_volume`)."""
    return volume(env_data, claim)["share"]  # type: ignore[no-any-return]


@given("the policy keeps only the Operational tier")
def operational_only(env_data: dict[str, Any]) -> None:
    env_data["policy"]["vault"] = None


# ## When --------------------------------------------------------------------------------------------


def _ask(oracle: Oracle, env_data: dict[str, Any], operation_data: dict[str, Any], kind: str) -> Outcome:
    env = Environment.model_validate(env_data)
    op = _OPERATION.validate_python({**operation_data, "kind": kind})
    return oracle.evaluate(env, op)


for _phrase, _kind in OPERATIONS.items():

    def _make(kind: str) -> Callable[..., Outcome]:
        def step(oracle: Oracle, env_data: dict[str, Any], operation_data: dict[str, Any]) -> Outcome:
            return _ask(oracle, env_data, operation_data, kind)

        step.__doc__ = f"Ask the oracle about `{kind}`."
        return step

    when(_phrase, target_fixture="outcome")(_make(_kind))


# ## Then --------------------------------------------------------------------------------------------
#
# Each check compares at the run's comparison level (`pytest_plugin`: by default the status, the deciding
# findings with their ids and the plans; with --oracle-strict also the informational findings and the
# findings' subjects and words) and fails with a `Mismatch`: one line, the oracle's answer against what
# the matrix says.

_STATUS = {"supported": Status.SUPPORTED, "refused": Status.UNSUPPORTED, "not covered": Status.NOT_COVERED}
_SUBJECTS = r"(?:backup|restore|installation|operation|policy|request|deletion|report|change|configuration)"
_SHOWN = 4


def answered(outcome: Outcome, *, informational: bool = False) -> str:
    """The oracle's answer in a few words: its status and the findings that decide it (the informational
    ones too with `informational`), e.g. `unsupported, citing SM-REG-01 blocks cluster.region`."""
    shown = [f for f in outcome.findings if informational or f.effect in DECIDING]
    cited = ", ".join(f"{f.statement_id} {f.effect.value} {f.subject}" for f in shown[:_SHOWN])
    more = f" and {len(shown) - _SHOWN} more" if len(shown) > _SHOWN else ""
    return f"{outcome.status.value}" + (f", citing {cited}{more}" if cited else ", citing nothing")


def _effects(outcome: Outcome, statement_id: str) -> str:
    found = sorted({f.effect.value for f in outcome.findings if f.statement_id == statement_id})
    return f"{statement_id} {' and '.join(found)}" if found else f"nothing from {statement_id}"


@then(parsers.re(rf"the {_SUBJECTS} is (?P<status>supported|refused|not covered)$"))
def status_is(outcome: Outcome, status: str) -> None:
    if outcome.status is not _STATUS[status]:
        raise Mismatch(None, answered(outcome), _STATUS[status].value)


@then(
    parsers.re(
        rf"the {_SUBJECTS} is (?P<status>supported|refused|not covered) citing (?P<statement_id>SM-[A-Z]+-\d+)$"
    )
)
def status_citing(outcome: Outcome, status: str, statement_id: str) -> None:
    wanted = {"supported": None, "refused": Effect.BLOCKS, "not covered": Effect.NOT_COVERED}[status]
    expected = f"{_STATUS[status].value}, citing {statement_id}" + (f" {wanted.value}" if wanted else "")
    if outcome.status is not _STATUS[status] or not outcome.cites(statement_id, wanted):
        raise Mismatch(statement_id, answered(outcome), expected)


@then(
    parsers.re(
        rf"the {_SUBJECTS} is unknown: (?P<statement_id>SM-[A-Z]+-\d+) cannot tell "
        r"(?:(?P<question>(?:whether|how|which|what) .+) )?without (?P<field>\S+)$"
    )
)
def unknown_naming(
    request: pytest.FixtureRequest, outcome: Outcome, statement_id: str, question: str | None, field: str
) -> None:
    """The status is unknown, and the statement says it cannot tell for want of exactly that field and,
    when given, what it cannot tell (the question's words count at the strict level only)."""
    found = _cannot_tell(outcome, statement_id, field)
    if outcome.status is not Status.UNKNOWN or not found or field not in [m.field for m in outcome.missing]:
        raise Mismatch(
            statement_id, answered(outcome), f"unknown, {statement_id} cannot tell without {field}"
        )
    if question is not None and not any(f.message.startswith(f"cannot tell {question}: ") for f in found):
        _words_differ(request, Mismatch(statement_id, _said(found), f"a finding that cannot tell {question}"))


@then(
    parsers.re(
        rf"the {_SUBJECTS} is unknown: (?P<statement_id>SM-[A-Z]+-\d+) cannot tell beyond the AKS calendar "
        r"it carries \(Kubernetes (?P<version>\S+)\)$"
    )
)
def unknown_beyond_calendar(
    request: pytest.FixtureRequest, outcome: Outcome, statement_id: str, version: str
) -> None:
    """The status is unknown because the version is newer than the calendar the model holds: the finding
    is about the (given) version and says so (its words count at the strict level only)."""
    expected = f"unknown, {statement_id} cannot tell about Kubernetes {version} beyond its calendar"
    found = _cannot_tell(outcome, statement_id, "cluster.kubernetes_version")
    if outcome.status is not Status.UNKNOWN or not found:
        raise Mismatch(statement_id, answered(outcome), expected)
    if not any(f"Kubernetes {version} " in f.message and "calendar" in f.message for f in found):
        named = f"a finding that names Kubernetes {version} and the calendar"
        _words_differ(request, Mismatch(statement_id, _said(found), named))


@then(parsers.re(r"(?P<statement_id>SM-[A-Z]+-\d+) (?P<effect>blocks|skips|warns|informs|is not covered)$"))
def statement_has_effect(
    request: pytest.FixtureRequest, outcome: Outcome, statement_id: str, effect: str
) -> None:
    wanted = Effect.NOT_COVERED if effect == "is not covered" else Effect(effect)
    if outcome.cites(statement_id, wanted):
        return
    if wanted in INFORMATIONAL and not strict(request):
        not_compared(request, f"{statement_id} {wanted.value}")
        return
    raise Mismatch(statement_id, _effects(outcome, statement_id), f"{statement_id} {wanted.value}")


@then(parsers.re(r"(?P<statement_id>SM-[A-Z]+-\d+) is not cited$"))
def statement_not_cited(request: pytest.FixtureRequest, outcome: Outcome, statement_id: str) -> None:
    """No finding of the statement; at the default level, no deciding one (informational notes are not
    compared)."""
    cited = [f for f in outcome.findings if f.statement_id == statement_id]
    deciding = [f for f in cited if f.effect in DECIDING]
    if deciding or (cited and strict(request)):
        raise Mismatch(statement_id, _effects(outcome, statement_id), f"{statement_id} not cited")
    if cited:
        not_compared(request, f"{statement_id} not cited (the answer has {_effects(outcome, statement_id)})")


@then(parsers.re(r"(?P<statement_id>SM-[A-Z]+-\d+) does not block$"))
def statement_does_not_block(outcome: Outcome, statement_id: str) -> None:
    if outcome.cites(statement_id, Effect.BLOCKS):
        raise Mismatch(statement_id, answered(outcome), f"{statement_id} does not block")


@then(
    parsers.re(
        r"the finding of (?P<statement_id>SM-[A-Z]+-\d+) is about (?P<subject>\S+?)"
        r"(?: and says \"(?P<text>.*)\"(?P<whole> and nothing more)?)?$"
    )
)
def finding_about(
    request: pytest.FixtureRequest,
    outcome: Outcome,
    statement_id: str,
    subject: str,
    text: str | None,
    whole: str | None,
) -> None:
    """The statement's finding names the subject it is about and, when given, says these words (all it
    says, with "and nothing more"); a difference in the subject or the words counts only at the strict
    level."""
    found = [f for f in outcome.findings if (f.statement_id, f.subject) == (statement_id, subject)]
    subjects = sorted({f.subject for f in outcome.findings if f.statement_id == statement_id})
    if not found:
        difference = Mismatch(
            statement_id, f"findings about {', '.join(subjects) or 'nothing'}", f"a finding about {subject}"
        )
    elif text is not None and not any(f.message == text if whole else text in f.message for f in found):
        says = f"a finding that says {text!r}" + (" and nothing more" if whole else "")
        difference = Mismatch(statement_id, _said(found), says)
    else:
        return
    _words_differ(request, difference)


def _cannot_tell(outcome: Outcome, statement_id: str, subject: str) -> list[Finding]:
    """The statement's findings that cannot tell for want of the fact at `subject`."""
    wanted = (statement_id, Effect.CANNOT_TELL, subject)
    return [f for f in outcome.findings if (f.statement_id, f.effect, f.subject) == wanted]


def _said(found: list[Finding]) -> str:
    """What the findings say, shortened for a one-line report."""
    return repr("; ".join(f.message for f in found)[:200])


def _words_differ(request: pytest.FixtureRequest, difference: Mismatch) -> None:
    """A finding's subject or words that differ fail the scenario at the strict level (always against the
    reference model); at the default level the difference is recorded as not compared."""
    if strict(request):
        raise difference
    not_compared(
        request, f"{difference.statement_id} {difference.answered} (the matrix: {difference.expected})"
    )


def _plan_differs(request: pytest.FixtureRequest, difference: Mismatch) -> None:
    """A plan that differs fails the scenario, unless the run does not compare plans (`--oracle-no-plans`)."""
    if compares_plans(request):
        raise difference
    not_compared(
        request,
        f"{difference.statement_id or 'plan'} {difference.answered} (the matrix: {difference.expected})",
    )


def _plan(outcome: Outcome, claim: str) -> Any:
    return next((entry for entry in outcome.volumes if entry.claim == claim), None)


def _volume(outcome: Outcome, claim: str) -> str:
    entry = _plan(outcome, claim)
    if entry is None:
        planned = ", ".join(v.claim for v in outcome.volumes) or "none"
        return f"no plan for volume {claim} (volumes planned: {planned})"
    citing = f" citing {entry.statement_id}" if entry.statement_id else ""
    return f"volume {entry.claim} {entry.destination.value}{citing}"


def _check_volume(
    request: pytest.FixtureRequest,
    outcome: Outcome,
    claim: str,
    destinations: tuple[Destination, ...],
    statement_id: str | None,
    expected: str,
) -> None:
    """The volume's plan has one of the destinations and, when given, is decided by the statement."""
    entry = _plan(outcome, claim)
    if (
        entry is None
        or entry.destination not in destinations
        or (statement_id is not None and entry.statement_id != statement_id)
    ):
        _plan_differs(request, Mismatch(statement_id, _volume(outcome, claim), expected))


_BACKED_UP = (Destination.OPERATIONAL, Destination.OPERATIONAL_AND_VAULT)


_PLACES = {
    "skipped": Destination.SKIPPED,
    "backed up to the Operational tier only": Destination.OPERATIONAL,
    "backed up to the Operational and Vault tiers": Destination.OPERATIONAL_AND_VAULT,
    "not selected": Destination.NOT_SELECTED,
}
"""How the features say where a volume goes, and the plan's destination each phrase means."""


@then(
    parsers.re(
        rf'volume "(?P<claim>[^"]+)" is (?P<place>{"|".join(_PLACES)}) citing (?P<statement_id>SM-[A-Z]+-\d+)$'
    )
)
def volume_placed_citing(
    request: pytest.FixtureRequest, outcome: Outcome, claim: str, place: str, statement_id: str
) -> None:
    """The volume's plan has the destination the phrase names, decided by the statement."""
    expected = f"volume {claim} {_PLACES[place].value} citing {statement_id}"
    _check_volume(request, outcome, claim, (_PLACES[place],), statement_id, expected)


@then(parsers.parse('volume "{claim}" is backed up to the Operational and Vault tiers'))
def volume_both_tiers(request: pytest.FixtureRequest, outcome: Outcome, claim: str) -> None:
    expected = f"volume {claim} {Destination.OPERATIONAL_AND_VAULT.value}"
    _check_volume(request, outcome, claim, (Destination.OPERATIONAL_AND_VAULT,), None, expected)


@then(parsers.parse('volume "{claim}" is backed up'))
def volume_backed_up(request: pytest.FixtureRequest, outcome: Outcome, claim: str) -> None:
    _check_volume(request, outcome, claim, _BACKED_UP, None, f"volume {claim} backed up")


@then(parsers.parse('every volume other than "{claim}" is backed up'))
def other_volumes_backed_up(request: pytest.FixtureRequest, outcome: Outcome, claim: str) -> None:
    expected = f"every volume other than {claim} backed up"
    others = [v for v in outcome.volumes if v.claim != claim]
    if not others:
        _plan_differs(request, Mismatch(None, "no plan for any other volume", expected))
        return
    for entry in others:
        if entry.destination not in _BACKED_UP:
            _plan_differs(request, Mismatch(None, _volume(outcome, entry.claim), expected))
            return


def _namespace(outcome: Outcome, name: str) -> str:
    entry = next((n for n in outcome.namespaces if n.name == name), None)
    if entry is None:
        return f"no plan for namespace {name}"
    citing = f" citing {entry.statement_id}" if entry.statement_id else ""
    return f"namespace {name} {'included' if entry.included else 'left out'}{citing}"


@then(parsers.parse('namespace "{name}" is left out citing {statement_id}'))
def namespace_left_out(
    request: pytest.FixtureRequest, outcome: Outcome, name: str, statement_id: str
) -> None:
    entry = next((n for n in outcome.namespaces if n.name == name), None)
    if entry is None or entry.included or entry.statement_id != statement_id:
        expected = f"namespace {name} left out citing {statement_id}"
        _plan_differs(request, Mismatch(statement_id, _namespace(outcome, name), expected))


@then(parsers.parse('namespace "{name}" is left out'))
def namespace_left_out_by_instance(request: pytest.FixtureRequest, outcome: Outcome, name: str) -> None:
    entry = next((n for n in outcome.namespaces if n.name == name), None)
    if entry is None or entry.included or entry.statement_id is not None:
        expected = f"namespace {name} left out (by the backup instance)"
        _plan_differs(request, Mismatch(None, _namespace(outcome, name), expected))


@then(parsers.parse('volume "{claim}" is not selected'))
def volume_not_selected(request: pytest.FixtureRequest, outcome: Outcome, claim: str) -> None:
    expected = f"volume {claim} {Destination.NOT_SELECTED.value}"
    _check_volume(request, outcome, claim, (Destination.NOT_SELECTED,), None, expected)


@then(parsers.parse('the destination of volume "{claim}" is unknown citing {statement_id}'))
def volume_unknown(request: pytest.FixtureRequest, outcome: Outcome, claim: str, statement_id: str) -> None:
    expected = f"volume {claim} {Destination.UNKNOWN.value} citing {statement_id}"
    _check_volume(request, outcome, claim, (Destination.UNKNOWN,), statement_id, expected)


@then(parsers.parse('namespace "{name}" is included'))
def namespace_included(request: pytest.FixtureRequest, outcome: Outcome, name: str) -> None:
    entry = next((n for n in outcome.namespaces if n.name == name), None)
    if entry is None or not entry.included:
        _plan_differs(request, Mismatch(None, _namespace(outcome, name), f"namespace {name} included"))
