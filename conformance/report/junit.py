"""JUnit XML for `check --format junit`: one test suite per cluster, one test case per statement.

For each cluster judged, every statement whose rule runs for the operation asked is a test case
(`classname` = the statement's area, `name` = its id), judged by its findings on that cluster:

- **failure**: a finding that blocks (the operation is refused, status unsupported);
- **skipped**: a finding that puts it outside support (`not_covered`) or a fact it needs is unknown
  (`cannot_tell`): nothing was shown to pass;
- **passed**: the rule ran and found nothing against the operation, or only advice (`warns`),
  facts (`informs`) or parts left out (`skips`); those findings are in the case's `system-out`.

Each case carries properties `statement` (the id), `section`, and `effect` (the worst effect found, or
`none`). Written with junitparser; `tests/test_reports.py` checks the shape.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from junitparser import Failure, JUnitXml, Properties, Property, Skipped, TestCase, TestSuite

from aks_backup_model.outcome import Finding
from aks_backup_model.rules import RULES, Rule
from aks_backup_model.statements import STATEMENTS, Statement

from .sarif import Judged

_FAILS = ("blocks",)
_SKIPS = ("not_covered", "cannot_tell")
_RANK = {"blocks": 0, "not_covered": 1, "cannot_tell": 2, "skips": 3, "warns": 4, "informs": 5}


def junit_document(
    judged: Sequence[Judged],
    *,
    rules: Mapping[str, Rule] = RULES,
    statements: Mapping[str, Statement] = STATEMENTS,
) -> str:
    """The JUnit XML (a `testsuites` root) for the judged clusters."""
    xml = JUnitXml(name="aks-backup-conformance")
    for item in judged:
        xml.add_testsuite(_suite(item, rules, statements))
    xml.update_statistics()
    body = xml.tostring()
    text = body.decode("utf-8") if isinstance(body, bytes) else str(body)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + text + "\n"


def _suite(item: Judged, rules: Mapping[str, Rule], statements: Mapping[str, Statement]) -> TestSuite:
    outcome = item.outcome
    name = item.name or item.source or "environment"
    suite = TestSuite(f"{name}: {outcome.operation}")
    suite.add_property("operation", outcome.operation)
    suite.add_property("edition", outcome.edition)
    suite.add_property("status", outcome.status.value)
    if item.source:
        suite.add_property("source", item.source)
    by_statement: dict[str, list[Finding]] = {}
    for finding in outcome.findings:
        by_statement.setdefault(finding.statement_id, []).append(finding)
    ids = [rule_id for rule_id, rule in rules.items() if outcome.operation in rule.operations]
    ids += [statement_id for statement_id in by_statement if statement_id not in ids]  # an oracle's own
    for statement_id in ids:
        suite.add_testcase(_case(statement_id, by_statement.get(statement_id, []), item, statements))
    suite.update_statistics()
    return suite


def _case(
    statement_id: str, findings: list[Finding], item: Judged, statements: Mapping[str, Statement]
) -> TestCase:
    entry = statements.get(statement_id)
    case = TestCase(statement_id, classname=f"{entry.area if entry else 'statements'}.{statement_id}", time=0)
    worst = min((f.effect.value for f in findings), key=lambda e: _RANK.get(e, 3), default="none")
    properties = Properties()
    properties.add_property(Property("statement", statement_id))
    if entry is not None:
        properties.add_property(Property("section", entry.section))
    properties.add_property(Property("effect", worst))
    case.append(properties)
    lines = [f"{f.effect.value} {f.subject}: {f.message}" for f in findings]
    if worst in _FAILS:
        failure = Failure(_message(findings, worst), type_=worst)
        failure.text = "\n".join(lines)
        case.result = [failure]
    elif worst in _SKIPS:
        skipped = Skipped(_message(findings, worst), type_=worst)
        skipped.text = "\n".join(lines)
        case.result = [skipped]
    if lines:
        case.system_out = "\n".join(lines)
    return case


def _message(findings: list[Finding], effect: str) -> str:
    chosen = [f for f in findings if f.effect.value == effect]
    first = chosen[0]
    more = f" (and {len(chosen) - 1} more)" if len(chosen) > 1 else ""
    return f"{first.subject}: {first.message}{more}"
