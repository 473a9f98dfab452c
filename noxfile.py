"""Sessions: `nox -s tests` is what CI runs; `nox -s conformance` is the main job."""

from __future__ import annotations

import json
from pathlib import Path

import nox

nox.options.default_venv_backend = "uv|virtualenv"
nox.options.reuse_existing_virtualenvs = True
nox.options.sessions = ["tests"]

PYTHON = "3.11"
REPORTS = Path("reports")


def typecheck_packages(session: nox.Session) -> None:
    """mypy, strict, on both packages under their import names.

    The sources live in `model/` and `conformance/` but import each other as `aks_backup_model` and
    `aks_backup_conformance`; mypy does not follow the editable install's import hook, so it reads them
    through a folder of links named like the packages."""
    names = Path("build/typecheck")
    names.mkdir(parents=True, exist_ok=True)
    for name, folder in (("aks_backup_model", "model"), ("aks_backup_conformance", "conformance")):
        link = names / name
        if not link.is_symlink():
            link.symlink_to(Path("../..") / folder)
    session.run(
        "mypy", "-p", "aks_backup_model", "-p", "aks_backup_conformance", env={"MYPYPATH": str(names)}
    )


def editions(session: nox.Session) -> tuple[list[str], str]:
    """The editions of the matrix and the default one, asked of the installed package."""
    code = (
        "from aks_backup_model.editions import DEFAULT_EDITION, EDITIONS; print(DEFAULT_EDITION, *EDITIONS)"
    )
    output = session.run("python", "-c", code, silent=True)
    default, *names = str(output).split()
    return names, default


def install(session: nox.Session, *extras: str) -> None:
    """The project (editable, so tracebacks point at the sources) with its test extra."""
    session.install("-e", f".[{','.join(('test', *extras))}]")


@nox.session(python=PYTHON)
def tests(session: nox.Session) -> None:
    """Everything CI runs: unit, property (Hypothesis `ci` profile) and feature tests, ruff, mypy."""
    install(session)
    session.install("ruff>=0.5", "mypy>=1.10", "types-PyYAML>=6.0", "types-jsonschema>=4.20")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")
    typecheck_packages(session)
    session.run(
        "pytest", *session.posargs, env={"HYPOTHESIS_PROFILE": "ci"},
    )  # fmt: skip
    # The run above judges the features by the default edition; the others' feature sets run here.
    names, default = editions(session)
    for edition in names:
        if edition != default and not session.posargs:
            session.run("pytest", "steps", "-q", f"--edition={edition}", env={"HYPOTHESIS_PROFILE": "ci"})


def _take_option(arguments: list[str], name: str) -> tuple[list[str], list[str]]:
    """The values of `name V` / `name=V` (repeatable) taken out of the session's arguments, and the rest."""
    rest: list[str] = []
    values: list[str] = []
    take = False
    for argument in arguments:
        if take:
            values.append(argument)
            take = False
        elif argument == name:
            take = True
        elif argument.startswith(f"{name}="):
            values.append(argument.split("=", 1)[1])
        else:
            rest.append(argument)
    return values, rest


def _edition_option(arguments: list[str]) -> tuple[str | None, list[str]]:
    """`--edition E` (or `--edition=E`) taken out of the session's arguments."""
    editions, rest = _take_option(arguments, "--edition")
    return (editions[-1] if editions else None), rest


@nox.session(python=PYTHON)
def conformance(session: nox.Session) -> None:
    """Every edition's feature set against an oracle (default: the reference model), then the verdict
    per statement of that edition; `-- --edition E` runs one edition's set.

    Per edition, pytest writes what ran (`reports/<edition>/results.json`, by feature file and line,
    naming the edition), Cucumber JSON (every feature tagged `judged-by-<edition>`, so that the docs
    site files it under its edition) and JUnit; the summary judges only the statements selected
    (`--statement`) and covered (`--oracle-covers`, or what the oracle says it covers). The session fails
    when an edition does.

    `-- --oracle SPEC --with PATH_OR_REQUIREMENT` installs the oracle's plug-in (a folder, a wheel or a
    requirement; repeatable) into the session's venv first, so that its entry point is found there;
    `--strict` compares the informational findings too (pytest's `--oracle-strict`), `--no-plans` leaves
    the plans out (`--oracle-no-plans`)."""
    install(session)
    plugins, arguments = _take_option(list(session.posargs), "--with")
    for plugin in plugins:
        session.install(plugin)
    translated = {"--strict": "--oracle-strict", "--no-plans": "--oracle-no-plans"}
    arguments = [translated.get(a, a) for a in arguments]
    edition, arguments = _edition_option(arguments)
    failed = []
    for name in [edition] if edition else editions(session)[0]:
        folder = REPORTS / name
        folder.mkdir(parents=True, exist_ok=True)
        results, cucumber = folder / "results.json", folder / "cucumber.json"
        session.log(f"edition {name}")
        session.run(
            "pytest", "steps", "-q", "-p", "no:randomly", f"--edition={name}", f"--results={results}",
            f"--cucumberjson={cucumber}", f"--junitxml={folder / 'junit.xml'}",
            *arguments,
            success_codes=[0, 1, 5],
        )  # fmt: skip
        stamp(session, name, cucumber)
        summary = folder / "statements.json"
        session.run(
            "python", "-m", "aks_backup_conformance.report.conformance", str(results),
            "--cucumber", str(cucumber), "--summary", str(summary),
            success_codes=[0, 1],
        )  # fmt: skip
        if not json.loads(summary.read_text(encoding="utf-8")).get("ok"):
            failed.append(name)
    if failed:
        session.error(f"editions whose statements do not all conform: {', '.join(failed)}")


def stamp(session: nox.Session, edition: str, cucumber: Path) -> None:
    """Tag every feature of a run's Cucumber JSON with the edition it judged by (`judged-by-<edition>`)."""
    if cucumber.is_file():
        session.run("python", "-m", "aks_backup_conformance.docs.results", "--stamp", edition, str(cucumber))


@nox.session(python=PYTHON)
def docs(session: nox.Session) -> None:
    """The living-documentation site in build/site: runs every edition's features, then builds the pages
    from those runs (`reports/<edition>/cucumber.json`, each under its edition).

    `-- --results FILE ...` builds from other runs (one Cucumber JSON per oracle and edition;
    `LABEL@EDITION=FILE` says the edition) instead of running."""
    install(session, "docs")
    out = Path("build/site")
    arguments = list(session.posargs)
    if "--results" not in arguments:
        for name in editions(session)[0]:
            folder = REPORTS / name
            folder.mkdir(parents=True, exist_ok=True)
            cucumber = folder / "cucumber.json"
            session.run(
                "pytest", "steps", "-q", "-p", "no:randomly", f"--edition={name}",
                f"--cucumberjson={cucumber}", success_codes=[0, 1],
            )  # fmt: skip
            stamp(session, name, cucumber)
            arguments += ["--results", f"reference@{name}={cucumber}"]
    session.run("aks-backup-conformance", "docs", "--out", str(out), *arguments)
    session.log(f"open {(out / 'index.html').resolve().as_uri()}")


@nox.session(python=PYTHON)
def mutation(session: nox.Session) -> None:
    """Mutation testing of the model (tools/mutation): the features, then the tests on the survivors.

    Writes reports/mutation.json and reports/mutation.md. `-- model/tables.py` mutates only that file,
    `-- --match TEXT` only the mutants whose id contains TEXT. Not part of `tests` (it takes a while)."""
    install(session)
    session.install("coverage>=7.4")
    session.run("python", "-m", "tools.mutation", *session.posargs)


@nox.session(python=PYTHON)
def thorough(session: nox.Session) -> None:
    """The property tests with many random examples (Hypothesis `thorough` profile, not derandomized)."""
    install(session)
    session.run("pytest", "tests", "-q", *session.posargs, env={"HYPOTHESIS_PROFILE": "thorough"})


@nox.session(python=PYTHON)
def crosscheck(session: nox.Session) -> None:
    """Random environments through an oracle and the model; disagreements shrunk (`-- --oracle NAME`)."""
    install(session)
    arguments = session.posargs or ["--oracle", "reference"]
    session.run("aks-backup-conformance", "crosscheck", *arguments)


@nox.session(python=PYTHON)
def bench(session: nox.Session) -> None:
    """Speed, as ratios against a baseline measured in the same run."""
    install(session)
    for script in sorted(Path("bench").glob("bench_*.py")):
        session.run("python", str(script))


@nox.session(python=PYTHON)
def trace(session: nox.Session) -> None:
    """Rewrite TRACEABILITY.md from the catalog, the rules and the features."""
    install(session)
    session.run("python", "-m", "aks_backup_conformance.report.traceability", "--write")


@nox.session(python=PYTHON)
def lint(session: nox.Session) -> None:
    """ruff, check and format."""
    session.install("ruff>=0.5")
    session.run("ruff", "check", ".")
    session.run("ruff", "format", "--check", ".")


@nox.session(python=PYTHON)
def typecheck(session: nox.Session) -> None:
    """mypy, strict, on the package."""
    install(session)
    session.install("mypy>=1.10", "types-PyYAML>=6.0", "types-jsonschema>=4.20")
    typecheck_packages(session)


@nox.session(python=PYTHON)
def kind(session: nox.Session) -> None:
    """The cluster harness against a kind cluster it creates (needs `kind` and a Docker engine that runs
    privileged containers; skips with the reason where they are missing)."""
    install(session)
    reason = session.run(
        "python", "-c",
        "from aks_backup_conformance.harness.targets import KindTarget; print(KindTarget.unavailable() or '')",
        silent=True,
    )  # fmt: skip
    if isinstance(reason, str) and reason.strip():
        session.skip(f"the kind target cannot run here: {reason.strip()}")
    REPORTS.mkdir(exist_ok=True)
    arguments = session.posargs or ["--examples", "50"]
    session.run("aks-backup-conformance", "crosscheck", "--oracle", "harness:kind", *arguments)
