"""The command line: `aks-backup-conformance check | statements | explain | schema | timeline | answer |
crosscheck | conform | docs`.

Exit codes, for scripts (constants in `aks_backup_model.outcome`): 0 supported; 2 bad input or usage;
3 unsupported; 4 not covered, or supported with warnings or skipped parts; 5 unknown (a fact a statement
needs is not given); 1 internal error. `check` judges as of today (UTC) unless `--as-of` or the file's
`as_of` gives the date. A bad
input file or a usage error prints what is wrong and where, never a traceback; an internal error
prints one line, and the traceback only with `--debug`.
"""

from __future__ import annotations

import contextlib
import enum
import json
import re
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Annotated, Any

import typer
from rich.console import Console
from rich.text import Text

from aks_backup_model import __version__
from aks_backup_model.editions import DEFAULT_EDITION, EDITIONS, JUDGED, NEWEST, previous
from aks_backup_model.environment import Environment
from aks_backup_model.errors import MISSING, ConformanceError, InvalidInput, UnknownEdition, UnknownStatement
from aks_backup_model.evaluate import evaluate
from aks_backup_model.outcome import (
    EXIT_BAD_INPUT,
    EXIT_SUPPORTED,
    EXIT_UNSUPPORTED,
    exit_code,
)
from aks_backup_model.rules import RULES
from aks_backup_model.statements import STATEMENTS, statement

from .commands import emit_json, judged_as_of, report_internal_error, report_invalid_input, run_check
from .io.load import load_environment, parse_environment, parse_operation, read_stream, read_text
from .oracles.command import DEFAULT_TIMEOUT
from .report import json_report, text
from .report.console import console

PROG = "aks-backup-conformance"

EXIT_ORACLE_FAULT = 1
"""crosscheck: the oracle crashed, hung, answered malformed, or answered one case two ways."""

app = typer.Typer(
    name=PROG,
    help="The AKS Backup support matrix, made executable: judge an environment, read the statements.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
)


class OutputFormat(enum.StrEnum):
    TEXT = "text"
    JSON = "json"


class CheckFormat(enum.StrEnum):
    """`check` also writes reports for CI."""

    TEXT = "text"
    JSON = "json"
    SARIF = "sarif"
    JUNIT = "junit"


@dataclass(frozen=True, slots=True)
class _Settings:
    debug: bool = False


def _stdout() -> Console:
    # Built per call, not at import: the console then writes to whatever sys.stdout is at that moment
    # (a test runner swaps it). No markup, no emoji codes; as wide as needed when piped.
    return console()


def _stderr() -> Console:
    return console(stderr=True)


def _emit_json(document: Any) -> None:
    emit_json(document)


@contextlib.contextmanager
def _guarded(ctx: typer.Context, output: str = "text") -> Iterator[None]:
    """Turn bad input into exit 2 and any unexpected exception into exit 1 with a one-line message."""
    try:
        yield
    except (typer.Exit, typer.Abort, typer.TyperException):
        raise
    except InvalidInput as error:
        raise typer.Exit(report_invalid_input(error, output)) from None
    except Exception as error:
        settings = ctx.find_object(_Settings)
        if settings is not None and settings.debug:
            raise
        raise typer.Exit(report_internal_error(error)) from None


def _version(value: bool) -> None:
    if value:
        typer.echo(f"{PROG} {__version__} (support matrix editions: {', '.join(EDITIONS)})")
        raise typer.Exit()


@app.callback()
def _main(
    ctx: typer.Context,
    version: Annotated[
        bool,
        typer.Option("--version", callback=_version, is_eager=True, help="Print the version and exit."),
    ] = False,
    debug: Annotated[bool, typer.Option("--debug", help="Show the traceback of an internal error.")] = False,
) -> None:
    """Judge AKS environments against the AKS Backup support matrix."""
    ctx.obj = _Settings(debug=debug)


@app.command()
def check(
    ctx: typer.Context,
    env_file: Annotated[
        str | None,
        typer.Argument(metavar="ENV_FILE", help="Environment in YAML or JSON; '-' reads standard input."),
    ] = None,
    operation: Annotated[
        str | None,
        typer.Option(
            "--operation",
            "-o",
            metavar="KIND_OR_YAML",
            help="An operation kind (restore) or a whole operation ('{kind: restore, source_tier: Vault}'); "
            "default: the file's operation, else configure_backup.",
        ),
    ] = None,
    output: Annotated[
        CheckFormat,
        typer.Option(
            "--format",
            "-f",
            help="Output format: text, json, or for CI sarif (SARIF 2.1.0) or junit (JUnit XML).",
        ),
    ] = CheckFormat.TEXT,
    from_: Annotated[
        list[Path] | None,
        typer.Option(
            "--from",
            metavar="DIR",
            help="Artifacts (az, ARM, kubectl JSON/YAML, as `collect` writes them) instead of ENV_FILE: a "
            "cluster's folder, or a folder of cluster folders; repeat for a fleet.",
        ),
    ] = None,
    as_of: Annotated[
        str | None,
        typer.Option(
            "--as-of",
            metavar="DATE",
            help="Judge as of this date (YYYY-MM-DD); default: the file's as_of, else today (UTC).",
        ),
    ] = None,
    edition: Annotated[
        str | None,
        typer.Option(
            "--edition",
            "-e",
            metavar="EDITION",
            help=f"Judge by this edition ({', '.join(JUDGED)}); default: the file's `edition`, else {DEFAULT_EDITION}.",
        ),
    ] = None,
) -> None:
    """Say what the support matrix says about an operation on the environment in ENV_FILE, or on the
    clusters whose artifacts are in the --from folders (a fleet: one row per cluster, worst first).

    A fact the environment does not give is unknown: a statement that needs it cannot tell, and the
    answer lists the missing facts and where to find them. Exit 0 supported, 3 unsupported, 5 unknown,
    4 not covered or supported with warnings or skips, 2 bad input (also with --format sarif or junit:
    the report is printed and the exit code is the answer's); for a fleet, the worst cluster's code.
    Judged as of today (UTC) unless --as-of or the file's as_of gives the date.
    """
    if (env_file is None) == (from_ is None):
        raise typer.BadParameter(
            "give either ENV_FILE or --from DIR (not both)", ctx, param_hint="ENV_FILE / --from"
        )
    with _guarded(ctx, output.value):
        chosen = _judged_edition(edition) if edition is not None else None
        if from_ is not None:
            raise typer.Exit(_check_from(from_, operation, output, as_of, chosen))
        assert env_file is not None
        raise typer.Exit(run_check(env_file, operation, output.value, as_of, chosen))


EditionOption = Annotated[
    str,
    typer.Option(
        "--edition",
        "-e",
        metavar="EDITION",
        help=f"The edition of the matrix ({', '.join(EDITIONS)}); default {DEFAULT_EDITION}.",
    ),
]


def _known_edition(name: str) -> str:
    """`name` if it is an edition; otherwise an error naming the known ones, exit 2."""
    if name not in EDITIONS:
        _stderr().print(Text(f"error: {UnknownEdition(name, known=EDITIONS)}", style="red"), soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    return name


def _check_from(
    folders: list[Path],
    operation: str | None,
    output: CheckFormat,
    as_of: str | None,
    edition: str | None = None,
) -> int:
    """`check --from`: one cluster rendered like a file, several as a fleet; the exit code to give."""
    from . import fleet
    from .report import fleet as fleet_report

    op = parse_operation(operation) if operation is not None else None
    rows = fleet.judge(folders, op, as_of=as_of, edition=edition)
    worst = fleet.worst_exit(rows)
    if output in (CheckFormat.SARIF, CheckFormat.JUNIT):
        for row in rows:
            if row.error is not None:
                text.render_invalid_input(_stderr(), row.error)
        from .report.sarif import Judged

        judged = [
            Judged(row.outcome, row.label, row.imported.provenance, name=row.cluster)
            for row in rows
            if row.outcome is not None and row.imported is not None
        ]
        if output is CheckFormat.SARIF:
            from .report.sarif import sarif_document

            _emit_json(sarif_document(judged))
        else:
            from .report.junit import junit_document

            typer.echo(junit_document(judged), nl=False)
        return worst
    if len(rows) == 1 and len(folders) == 1:
        row = rows[0]
        if row.error is not None:
            raise row.error
        assert row.outcome is not None and row.imported is not None
        if output is CheckFormat.JSON:
            document = json_report.outcome_document(row.outcome, source=row.label)
            document["artifacts"] = [{"file": f, "kind": k} for f, k in row.imported.artifacts]
            document["notes"] = list(row.imported.notes)
            _emit_json(document)
        else:
            text.render_outcome(_stdout(), row.outcome, source=row.label)
            for note in row.imported.notes:
                _stderr().print(Text(f"note: {note}", style="dim"), soft_wrap=True)
        return worst
    if output is CheckFormat.JSON:
        _emit_json(fleet_report.fleet_document(rows, worst))
    else:
        fleet_report.render_fleet(_stdout(), rows, worst)
    return worst


@app.command()
def collect(
    ctx: typer.Context,
    cluster: Annotated[str, typer.Option("--cluster", "-n", help="The AKS cluster's name.")],
    resource_group: Annotated[str, typer.Option("--resource-group", "-g", help="Its resource group.")],
    out: Annotated[
        Path | None, typer.Option("--out", metavar="DIR", help="Where to write the JSON (default: ./NAME).")
    ] = None,
    context: Annotated[
        str | None, typer.Option("--context", help="The kubectl context of the cluster (default: current).")
    ] = None,
    vault: Annotated[
        str | None,
        typer.Option("--vault", help="The Backup vault (default: found from the cluster's backup instance)."),
    ] = None,
    vault_group: Annotated[
        str | None, typer.Option("--vault-resource-group", help="The vault's resource group (default: -g).")
    ] = None,
) -> None:
    """Run read-only az and kubectl commands for one cluster and keep their JSON in a folder for
    `check --from`. Nothing is changed in Azure or in the cluster.

    Exit 0 collected (commands that failed are listed and their facts stay unknown), 2 az or kubectl
    missing, not logged in, or an essential command (az aks show, kubectl get) failed.
    """
    from .collect import CollectError
    from .collect import collect as run_collect

    with _guarded(ctx):
        folder = out or Path(cluster)
        try:
            done = run_collect(
                cluster, resource_group, folder, context=context, vault=vault, vault_group=vault_group
            )
        except CollectError as error:
            _stderr().print(Text(f"error: {error}", style="red"), soft_wrap=True)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        for warning in done.warnings:
            _stderr().print(
                Text(f"warning: {warning} (its facts stay unknown)", style="yellow"), soft_wrap=True
            )
        written = sum(1 for entry in done.entries if "command" in entry and "error" not in entry)
        typer.echo(f"collected {written} answers into {folder}; next: {PROG} check --from {folder}")


def _judged_edition(name: str) -> str:
    """`name` if the model judges by it; otherwise an error naming those it does, exit 2."""
    if name not in JUDGED:
        known = UnknownEdition(name, known=JUDGED) if name not in EDITIONS else None
        message = (
            str(known) if known else f"the model does not judge by edition {name} yet ({', '.join(JUDGED)})"
        )
        _stderr().print(Text(f"error: {message}", style="red"), soft_wrap=True)
        raise typer.Exit(EXIT_BAD_INPUT)
    return name


@app.command()
def statements(
    ctx: typer.Context,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.TEXT,
    edition: EditionOption = DEFAULT_EDITION,
) -> None:
    """List the statements of an edition: id, section, kind, text, and what the edition changed.

    JSON: a list of objects with keys id, section, kind, area, text, interpretation, source, edition,
    change (seed, added, changed, unchanged, retired), editions, changed_in, retired_in; the statements
    the edition retires come last.
    """
    with _guarded(ctx, output.value):
        name = _known_edition(edition)
        if output is OutputFormat.JSON:
            _emit_json(json_report.statements_document(edition=name))
        else:
            text.render_statements(_stdout(), list(STATEMENTS.values()), name)


@app.command()
def explain(
    ctx: typer.Context,
    statement_id: Annotated[str, typer.Argument(metavar="ID", help="A statement id, e.g. SM-SUP-05.")],
    edition: EditionOption = DEFAULT_EDITION,
) -> None:
    """Show one statement in full as an edition words it, how editions changed it, the rule function
    that carries it and the operations it runs on.

    An unknown id exits 2 and suggests the closest known one.
    """
    with _guarded(ctx):
        name = _known_edition(edition)
        try:
            entry = statement(normalise_id(statement_id))
        except UnknownStatement as error:
            _stderr().print(Text(f"error: {error}", style="red"), soft_wrap=True)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        text.render_statement(_stdout(), entry, RULES.get(entry.id), name)
        _explain_scenarios(entry.id)


def _explain_scenarios(statement_id: str) -> None:
    """The statement's scenarios (file:line, name) and, per edition that says it, their status in the
    last conformance run of that edition (`reports/<edition>/cucumber.json`, else `reports/cucumber.json`
    for the edition it judged by)."""
    from rich.table import Table

    from .docs.catalog import scenario_statuses, scenarios_of
    from .docs.results import Results, RunStatus, read_results
    from .docs.sources import features_dir, last_runs

    console = _stdout()
    try:
        scenarios = scenarios_of(statement_id, features_dir())
    except FileNotFoundError as error:
        console.print(Text(f"Scenarios: unknown ({error})", style="yellow"), soft_wrap=True)
        return
    if not scenarios:
        console.print(Text(f"No scenario carries {statement_id}: it is not covered.", style="yellow"))
        return
    latest: dict[str, Results] = {}
    for source in last_runs():
        try:
            run = read_results(source)
        except InvalidInput as error:
            console.print(Text(f"A run cannot be read, so it is left out: {error}", style="yellow"))
            continue
        latest.setdefault(run.edition, run)  # the edition's own folder first
    holding = [name for name in EDITIONS if STATEMENTS[statement_id].holds_in(name)]
    where = (
        "last runs: " + ", ".join(f"{r.edition} {r.source}" for r in latest.values() if r.edition in holding)
        if any(e in latest for e in holding)
        else "no conformance run found in reports/"
    )
    table = Table(title=f"Scenarios ({where})", title_justify="left")
    table.add_column("scenario", no_wrap=True)
    table.add_column("name")
    styles = {RunStatus.PASSED: "green", RunStatus.FAILED: "bold red", RunStatus.NOT_RUN: "yellow"}
    columns = []
    for name in holding:
        table.add_column(name)
        columns.append(scenario_statuses(scenarios, latest.get(name), name))
    for index, scenario in enumerate(scenarios):
        cells = []
        for rows in columns:
            _, status, counts = rows[index]
            if status is None:
                cells.append(Text("- (not in this edition)", style="dim"))
            else:
                cells.append(Text(f"{status}{counts}", style=styles[status]))
        table.add_row(scenario.location, Text(scenario.name), *cells)
    console.print(table)


def normalise_id(text: str) -> str:
    """`sm-sup-5` -> `SM-SUP-05`: ids as people type them, in the catalog's spelling."""
    match = re.fullmatch(r"(SM)-([A-Z]{3})-(\d+)", text.strip().upper())
    if match is None:
        return text.strip().upper()
    prefix, area, number = match.groups()
    return f"{prefix}-{area}-{int(number):02d}"


@app.command()
def schema(
    ctx: typer.Context,
    request: Annotated[
        bool, typer.Option("--request", help="The schema of the request document an oracle reads.")
    ] = False,
    answer: Annotated[
        bool,
        typer.Option("--answer", help="The schema of the answer document (oracles; check --format json)."),
    ] = False,
) -> None:
    """Print a JSON Schema: of an environment file (default), of an oracle's request, or of an answer.

    The request and answer schemas carry their `schema_version`; so does every such document.
    """
    with _guarded(ctx):
        from .oracles.wire import answer_schema, request_schema

        if request and answer:
            _stderr().print(Text("error: --request and --answer are exclusive", style="red"))
            raise typer.Exit(EXIT_BAD_INPUT)
        _emit_json(
            request_schema() if request else answer_schema() if answer else Environment.model_json_schema()
        )


@app.command()
def answer(ctx: typer.Context) -> None:
    """Answer one oracle request read on standard input, as the reference model (see `schema --request`).

    Prints the answer document (`schema --answer`). Exit 0 supported, 3 unsupported (or a refused
    policy), 4 not covered or supported with warnings or skips, 2 a request that is not a request.
    """
    with _guarded(ctx):
        raise typer.Exit(_answer(sys.stdin.buffer.read()))


def _answer(data: bytes) -> int:
    from .oracles import simulate_reference
    from .oracles.wire import (
        EvaluateRequest,
        MalformedAnswer,
        read_request,
        timeline_document,
        timeline_question,
    )

    try:
        request = read_request(json.loads(data.decode("utf-8")))
    except (UnicodeDecodeError, json.JSONDecodeError, MalformedAnswer) as error:
        _stderr().print(Text(f"error: <stdin>: not an oracle request: {error}", style="red"), soft_wrap=True)
        return EXIT_BAD_INPUT
    if isinstance(request, EvaluateRequest):
        env = request.environment.model_copy(update={"edition": request.edition})
        outcome = evaluate(env, request.operation)
        _emit_json(json_report.outcome_document(outcome))
        return exit_code(outcome)
    timeline = simulate_reference(timeline_question(request))
    _emit_json(timeline_document(timeline, edition=request.edition))
    return EXIT_UNSUPPORTED if timeline.refused else EXIT_SUPPORTED


@app.command()
def timeline(
    ctx: typer.Context,
    policy_file: Annotated[
        str, typer.Argument(metavar="POLICY_FILE", help="A policy in YAML or JSON (the `policy:` shape).")
    ],
    days: Annotated[int, typer.Option("--days", "-d", help="How many days to simulate.")] = 7,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.TEXT,
    edition: EditionOption = DEFAULT_EDITION,
) -> None:
    """Print a policy's time line: the schedule, which points reach the Vault tier, the worst-case RPO.

    Exit 0 printed, 3 the policy is refused (its findings are printed), 2 bad input.
    """
    with _guarded(ctx, output.value):
        from .report.timeline import timeline_command

        raise typer.Exit(timeline_command(policy_file, days, output.value, _judged_edition(edition)))


@app.command()
def docs(
    ctx: typer.Context,
    out: Annotated[str, typer.Option("--out", metavar="DIR", help="The folder to write the site into.")],
    results: Annotated[
        list[str] | None,
        typer.Option(
            "--results",
            metavar="FILE",
            help="Cucumber JSON of a conformance run, one per oracle and edition (repeatable; LABEL=FILE "
            "names it, LABEL@EDITION=FILE also the edition it judged by, else read from the file's "
            "judged-by- tags or the results.json beside it, else the default edition); "
            "default: reports/<edition>/cucumber.json and reports/cucumber.json when present.",
        ),
    ] = None,
) -> None:
    """Build the living-documentation site: statements, scenarios and their status, tables, time line.

    The site is static and needs no network: open DIR/index.html. Exit 0 built, 2 bad input.
    """
    with _guarded(ctx):
        try:
            from .docs import build_site, last_runs, read_all
        except ImportError as error:  # Jinja2 and the Gherkin parser are optional dependencies
            _stderr().print(
                f"error: docs needs Jinja2 and gherkin-official ({error}); pip install 'aks-backup-conformance[docs]'"
            )
            raise typer.Exit(EXIT_BAD_INPUT) from None
        from pathlib import Path

        paths = [Path(r) for r in results] if results else last_runs()
        runs = read_all(paths)
        try:
            built = build_site(Path(out), runs)
        except FileNotFoundError as error:
            _stderr().print(Text(f"error: {error}", style="red"), soft_wrap=True)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        counts = ", ".join(f"{n} {status}" for status, n in built.counts.items())
        used = ", ".join(f"{r.title} ({r.source})" for r in runs) or "none (nothing has run)"
        _stdout().print(
            Text(
                f"Built {built.pages} pages in {built.out}: {built.statements} statements ({counts}), "
                f"{built.scenarios} scenarios; results: {used}"
            ),
            soft_wrap=True,
        )


@app.command()
def crosscheck(
    ctx: typer.Context,
    oracle: Annotated[
        str,
        typer.Option(
            "--oracle",
            help="The oracle to check: a registered name (an entry point of group "
            "aks_backup_conformance.oracles) or 'command:<command line>'.",
        ),
    ],
    examples: Annotated[
        int, typer.Option("--examples", "-n", min=1, help="How many random cases to ask the oracle.")
    ] = 100,
    seed: Annotated[int, typer.Option("--seed", help="The same seed draws the same cases.")] = 0,
    covers: Annotated[
        str | None,
        typer.Option("--covers", metavar="IDS", help="Judge only these statements (comma-separated ids)."),
    ] = None,
    shrink_seconds: Annotated[
        float,
        typer.Option(
            "--shrink-seconds",
            min=0,
            help="Time allowed to cut each mistake down to the facts that matter.",
        ),
    ] = 60.0,
    kind: Annotated[
        list[str] | None, typer.Option("--kind", help="Only this operation kind (repeatable).")
    ] = None,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.001, help="Seconds a command oracle may take per question."),
    ] = DEFAULT_TIMEOUT,
    asks: Annotated[
        int, typer.Option("--asks", min=1, help="How many times each case is asked (to catch two answers).")
    ] = 2,
    complete: Annotated[
        bool,
        typer.Option(
            "--complete",
            help="Draw only environments that state every fact (for a tool that needs them all).",
        ),
    ] = False,
    no_plans: Annotated[
        bool,
        typer.Option(
            "--no-plans",
            help="Compare the status and the findings only (for a tool that gives no volume or namespace plan).",
        ),
    ] = False,
    max_mistakes: Annotated[
        int, typer.Option("--max-mistakes", min=0, help="Stop after this many mistakes (0: no limit).")
    ] = 0,
    save: Annotated[
        Path,
        typer.Option("--save", metavar="DIR", help="Where each mistake's counterexample file is written."),
    ] = Path("counterexamples"),
    replay_file: Annotated[
        Path | None,
        typer.Option(
            "--replay",
            metavar="FILE",
            help="Ask the oracle and the model about this one environment (a saved counterexample) instead.",
        ),
    ] = None,
    edition: EditionOption = DEFAULT_EDITION,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.TEXT,
) -> None:
    """Compare an oracle with the reference model on random environments; shrink each mistake.

    Each statement the oracle disagrees about is a mistake: shrunk to a small case, then cut down to the
    facts that matter, printed as the known-good baseline with those facts changed, with both answers,
    and saved to --save DIR as a file `check` reads (the whole environment), with the commands that
    replay it. A progress bar shows on a terminal (standard error; not with --format json).

    Exit 0 no disagreement found, 3 a disagreement, 1 the oracle is at fault: it crashed, hung past
    --timeout, answered with something that is not an answer to the request, or answered one case two
    ways (nondeterministic; both answers are printed); 2 bad usage.
    """
    with _guarded(ctx, output.value):
        from hypothesis.errors import InvalidArgument

        from .crosscheck import Report, Verdict, counterexample, replay
        from .crosscheck import crosscheck as run_crosscheck
        from .oracles import Oracle, Restricted, UnknownOracle, get

        chosen: Oracle | None = None
        try:
            chosen = get(oracle, timeout=timeout)
            if covers:
                ids = frozenset(normalise_id(i) for i in covers.split(",") if i.strip())
                for unknown in sorted(ids - set(STATEMENTS)):
                    statement(unknown)  # raises UnknownStatement, with a suggestion
                chosen = Restricted(chosen, ids)
            report: Report
            if replay_file is not None:
                env = load_environment(replay_file)
                report = replay(chosen, env, env.operation or parse_operation("configure_backup"),
                                plans=not no_plans, asks=asks)  # fmt: skip
            else:
                with _progress(output is OutputFormat.TEXT) as progress:
                    report = run_crosscheck(
                        chosen,
                        max_examples=examples,
                        seed=seed,
                        kinds=kind,
                        shrink_seconds=shrink_seconds,
                        asks=asks,
                        edition=_judged_edition(edition),
                        unknowns=not complete,
                        plans=not no_plans,
                        max_mistakes=max_mistakes,
                        progress=progress,
                    )
        except (UnknownOracle, UnknownStatement, InvalidArgument, ValueError, ConformanceError) as error:
            if isinstance(error, InvalidInput):
                raise
            # ConformanceError here: an oracle that cannot start (the harness's target is unavailable
            # or refused); faults while answering are reported by the cross-check itself
            _stderr().print(Text(f"error: {error}", style="red"), soft_wrap=True)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        finally:
            close = getattr(chosen, "close", None)
            if callable(close):
                close()
        judged = ",".join(sorted(chosen.covers())) if covers and chosen is not None else ""
        flags = (f" --covers {judged}" if judged else "") + (" --no-plans" if no_plans else "")
        saved = (
            {}
            if replay_file is not None
            else _save_counterexamples(report, save, oracle, flags, counterexample)
        )
        if output is OutputFormat.JSON:
            document = report.to_dict()
            for entry in document["mistakes"]:
                if entry["statement"] in saved:
                    entry["file"], entry["replay"] = saved[entry["statement"]]
            _emit_json(document)
        else:
            text.render_crosscheck(_stdout(), report, saved)
        codes = {
            Verdict.AGREE: EXIT_SUPPORTED,
            Verdict.DISAGREE: EXIT_UNSUPPORTED,
            Verdict.ORACLE_ERROR: EXIT_ORACLE_FAULT,
            Verdict.NONDETERMINISTIC: EXIT_ORACLE_FAULT,
        }
        raise typer.Exit(codes[report.verdict])


@contextlib.contextmanager
def _progress(wanted: bool) -> Iterator[Any]:
    """A progress bar on standard error while the cross-check runs, when that is a terminal and the
    output is text; otherwise a callback that does nothing."""
    err = _stderr()
    if not wanted or not err.is_terminal:
        yield None
        return
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
        console=err, transient=True,
    ) as bar:  # fmt: skip
        task = bar.add_task("cases", total=None)

        def tell(what: str, done: int, total: int) -> None:
            bar.update(task, description=what, completed=done, total=total)

        yield tell


def _save_counterexamples(
    report: Any, directory: Path, oracle: str, flags: str, render: Any
) -> dict[str, tuple[str, list[str]]]:
    """Write each mistake's counterexample to `directory` (`SM-XXX-NN.yaml`); statement -> (file, the
    commands that replay it)."""
    import shlex

    saved: dict[str, tuple[str, list[str]]] = {}
    if not report.mistakes:
        return saved
    try:
        directory.mkdir(parents=True, exist_ok=True)
    except OSError as error:
        _stderr().print(Text(f"error: cannot write counterexamples to {directory}: {error}"), soft_wrap=True)
        return saved
    for mistake in report.mistakes:
        path = directory / f"{mistake.statement_id}.yaml"
        commands = [
            f"{PROG} check {shlex.quote(str(path))}",
            f"{PROG} crosscheck --oracle {shlex.quote(oracle)}{flags} --replay {shlex.quote(str(path))}",
        ]
        header = [
            f"A counterexample found by `{PROG} crosscheck --oracle {oracle}` (edition {report.edition}):",
            f"the oracle disagrees with the model about {', '.join(mistake.statements)}.",
            "",
            "The model says:",
            *(f"  {line}" for line in mistake.model),
            "The oracle says:",
            *(f"  {line}" for line in mistake.oracle),
            "",
        ]
        if mistake.changes is not None:
            header += [
                "The facts that matter: the known-good baseline with"
                + (" no change" if not mistake.changes else ""),
                *(f"  {line}" for line in text.describe_changes(mistake.changes)),
                "Every other fact below is the baseline's (stated, so that none is unknown).",
                "",
            ]
        header += ["Replay: the model's answer, then both compared:", *(f"  {c}" for c in commands), ""]
        try:
            path.write_text(render(mistake, header), encoding="utf-8")
        except OSError as error:
            _stderr().print(Text(f"error: cannot write {path}: {error}"), soft_wrap=True)
            continue
        saved[mistake.statement_id] = (str(path), commands)
    return saved


@app.command(context_settings={"allow_extra_args": True, "ignore_unknown_options": True})
def conform(
    ctx: typer.Context,
    oracle: Annotated[
        str,
        typer.Option(
            "--oracle",
            help="The oracle under test: a registered name (entry point of group "
            "aks_backup_conformance.oracles), module:attribute, or 'command:<command line>'.",
        ),
    ] = "reference",
    edition: EditionOption = DEFAULT_EDITION,
    statement_ids: Annotated[
        list[str] | None,
        typer.Option("--statement", metavar="ID", help="Run only this statement's scenarios (repeatable)."),
    ] = None,
    covers: Annotated[
        str | None,
        typer.Option(
            "--covers", metavar="IDS", help="Judge the oracle only on these statements (comma-separated)."
        ),
    ] = None,
    strict: Annotated[
        bool,
        typer.Option(
            "--strict",
            help="Compare the informational findings (warns, informs), the findings' subjects and words too.",
        ),
    ] = False,
    no_plans: Annotated[
        bool,
        typer.Option(
            "--no-plans", help="Do not compare the volume and namespace plans (a tool that plans nothing)."
        ),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option("--timeout", min=0.001, help="Seconds a command oracle may take per question."),
    ] = DEFAULT_TIMEOUT,
    timelines: Annotated[
        bool, typer.Option("--timelines", help="The command oracle answers time-line questions too.")
    ] = False,
    junit_xml: Annotated[
        Path | None, typer.Option("--junit-xml", help="Write JUnit XML here (statement ids as properties).")
    ] = None,
    cucumber_json: Annotated[
        Path | None,
        typer.Option("--cucumber-json", help="Write Cucumber JSON here (tagged with statement ids)."),
    ] = None,
    results: Annotated[
        Path | None, typer.Option("--results", help="Write every scenario example's result here (JSON).")
    ] = None,
    summary: Annotated[
        Path | None, typer.Option("--summary", help="Write the per-statement summary here (JSON).")
    ] = None,
) -> None:
    """Run the conformance suite (every feature of the edition) against an oracle; print the verdict per
    statement. More pytest arguments may follow `--` (e.g. `-- -x -k restore`).

    Exit 0 every statement judged is ok, 1 one is not (a failed or unrun scenario), 2 bad usage or the
    suite could not run. Needs the `conformance` extra: pip install 'aks-backup-conformance[conformance]'.
    """
    with _guarded(ctx):
        try:
            import pytest_bdd  # noqa: F401
        except ImportError as error:
            _stderr().print(
                Text(f"error: conform needs the conformance extra ({error}); ")
                + Text("pip install 'aks-backup-conformance[conformance]'"),
                soft_wrap=True,
            )
            raise typer.Exit(EXIT_BAD_INPUT) from None
        from .oracles import UnknownOracle, get
        from .suite import Run, run

        selected = [normalise_id(i) for i in statement_ids or []]
        covered = [normalise_id(i) for i in (covers or "").split(",") if i.strip()]
        try:
            get(oracle, timeout=timeout, timelines=timelines)
            for unknown in sorted(set(selected + covered) - set(STATEMENTS)):
                statement(unknown)  # raises UnknownStatement, with a suggestion
        except (UnknownOracle, UnknownStatement, ValueError, ConformanceError) as error:
            _stderr().print(Text(f"error: {error}", style="red"), soft_wrap=True)
            raise typer.Exit(EXIT_BAD_INPUT) from None
        settings = Run(
            oracle=oracle,
            edition=_judged_edition(edition),
            statements=selected,
            covers=",".join(covered),
            strict=strict,
            no_plans=no_plans,
            timeout=timeout,
            timelines=timelines,
            junit_xml=junit_xml,
            cucumber_json=cucumber_json,
            results=results,
            summary=summary,
            extra=list(ctx.args),
        )
        raise typer.Exit(run(settings, _stdout()))


@app.command()
def diff(
    ctx: typer.Context,
    env_files: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="[ENV_FILE]...", help="Environments to judge under both editions ('-': stdin)."
        ),
    ] = None,
    old: Annotated[
        str | None,
        typer.Option("--from", metavar="EDITION", help="The older edition (default: the one before --to)."),
    ] = None,
    new: Annotated[
        str, typer.Option("--to", metavar="EDITION", help=f"The newer edition (default: {NEWEST}).")
    ] = NEWEST,
    operation: Annotated[
        str | None,
        typer.Option("--operation", "-o", metavar="KIND_OR_YAML", help="The operation (as for check)."),
    ] = None,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.TEXT,
) -> None:
    """What changes from one edition to another: without ENV_FILE, the statements added, retired and
    changed, with their sections; with environments, how each one's outcome and volume plan change,
    finding by finding.

    Exit 0 nothing changes for the environments given (or none given), 4 an outcome changes, 2 bad input.
    """
    from .report import diff as diffs

    with _guarded(ctx, output):
        new_name = _known_edition(new)
        old_name = _known_edition(old) if old is not None else previous(new_name)
        if old_name is None:
            _stderr().print(Text(f"error: {new_name} is the first edition; give --from", style="red"))
            raise typer.Exit(EXIT_BAD_INPUT)
        catalog = diffs.catalog_document(old_name, new_name)
        if not env_files:
            if output is OutputFormat.JSON:
                _emit_json(catalog)
            else:
                text.render_catalog_diff(_stdout(), catalog)
            raise typer.Exit(0)
        for name in (old_name, new_name):
            if name not in JUDGED:
                _stderr().print(
                    Text(
                        f"error: the model does not judge environments by edition {name} yet "
                        f"(it judges by {', '.join(JUDGED)}); without ENV_FILE, diff compares the catalogs",
                        style="red",
                    ),
                    soft_wrap=True,
                )
                raise typer.Exit(EXIT_BAD_INPUT)
        results = []
        for env_file in env_files:
            if env_file == "-":
                data = read_stream(sys.stdin.buffer, "<stdin>")
                env = parse_environment(
                    data, "<stdin>", fmt="json" if data.lstrip().startswith("{") else "yaml"
                )
            else:
                env = load_environment(env_file)
            env = judged_as_of(env, None)  # both editions judge the same day: the file's as_of, else today
            op = parse_operation(operation, current=env.operation) if operation is not None else None
            results.append(diffs.compare_outcomes(env, old_name, new_name, op, env_file))
        if output is OutputFormat.JSON:
            _emit_json(catalog | {"environments": [r.to_dict() for r in results]})
        else:
            for result in results:
                text.render_outcome_diff(_stdout(), result.to_dict(), old_name, new_name)
        raise typer.Exit(4 if any(r.changed for r in results) else 0)


@app.command()
def drift(
    ctx: typer.Context,
    page: Annotated[
        str,
        typer.Argument(
            metavar="PAGE",
            help="A copy of the support-matrix page: Markdown as published, or the HTML page saved from a browser.",
        ),
    ],
    edition: Annotated[
        str,
        typer.Option(
            "--edition",
            "-e",
            metavar="EDITION",
            help=f"Compare with this edition's fingerprints (default: the newest, {NEWEST}).",
        ),
    ] = NEWEST,
    output: Annotated[
        OutputFormat, typer.Option("--format", "-f", help="Output format.")
    ] = OutputFormat.TEXT,
) -> None:
    """Say which statements a new copy of the page touches: paragraphs new, removed, changed, or only
    reworded (editorial), each with the statement ids it makes.

    Exit 0 nothing but editorial rewording, 4 statements to revisit or new paragraphs, 2 bad input.
    """
    from .drift import drift as run_drift
    from .drift import stored_editions

    with _guarded(ctx, output):
        name = _known_edition(edition)
        if name not in stored_editions():
            _stderr().print(Text(f"error: no fingerprints are stored for edition {name}", style="red"))
            raise typer.Exit(EXIT_BAD_INPUT)
        content = read_stream(sys.stdin.buffer, "<stdin>") if page == "-" else read_text(Path(page), page)
        report = run_drift(content, name)
        if all(entry.page_index is None for entry in report.entries):
            raise InvalidInput(
                page, [("", MISSING, "a support-matrix page with paragraphs (Markdown or HTML)")]
            )
        if output is OutputFormat.JSON:
            _emit_json(report.to_dict() | {"page": page})
        else:
            text.render_drift(_stdout(), report, page)
        raise typer.Exit(4 if report.drifted else 0)


def main() -> None:
    """Entry point (kept for `python -c "...cli import main"`): see `entry.main`."""
    from .entry import main as entry_main

    entry_main()
