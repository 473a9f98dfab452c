"""Build the static site: Jinja2 templates (package data) over the catalog, the features and the runs.

    aks-backup-conformance docs --out DIR [--results FILE ...]

The site needs no network: its stylesheet and its script are copied beside the pages, and the time
line is inline SVG. Pages link to each other relatively, so the folder can be opened from disk.
"""

from __future__ import annotations

import functools
import json
import shutil
from collections import defaultdict
from dataclasses import dataclass
from importlib import resources
from pathlib import Path
from typing import Any

import jinja2

from aks_backup_model import __version__
from aks_backup_model.editions import DEFAULT_EDITION
from aks_backup_model.statements import SOURCE_URL

from .catalog import StatementStatus, StatementView, ordered_editions, slug, statement_views, worst_first
from .gherkin_doc import read_documents
from .matrix_tables import matrix_tables
from .results import Results, RunStatus
from .sources import examples_dir, features_dir
from .timeline_picture import picture
from .worked import examples, schemas


@dataclass(frozen=True, slots=True)
class Built:
    out: Path
    pages: int
    statements: int
    scenarios: int
    counts: dict[str, int]
    """Statements by status."""


@dataclass(frozen=True, slots=True)
class Group:
    """A section or an edition: its statements (worst first) and its counts."""

    key: str
    title: str
    views: list[StatementView]
    note: str = ""
    edition: str | None = None
    """For an edition's group: statuses are those in that edition."""

    def status(self, view: StatementView) -> StatementStatus:
        there = view.status_in(self.edition) if self.edition else None
        return there or view.status

    @property
    def scenarios(self) -> int:
        return len({s.scenario.location for v in self.views for s in v.scenarios})

    def counts(self) -> dict[str, int]:
        found = {s.value: 0 for s in StatementStatus}
        for view in self.views:
            found[self.status(view).value] += 1
        return found

    def passing(self, run: int) -> tuple[int, int]:
        """Statements passing in the `run`-th results file, of those it could judge: said by its edition
        and with scenarios there."""
        judged = [
            c
            for v in self.views
            for c in v.per_oracle
            if c.run == run and c.status not in (None, StatementStatus.NOT_COVERED)
        ]
        return sum(c.status is StatementStatus.PASSING for c in judged), len(judged)


@functools.cache
def _environment() -> jinja2.Environment:
    """The template environment, made once per process (Jinja2 compiles each template once)."""
    env = jinja2.Environment(
        loader=jinja2.PackageLoader("aks_backup_conformance.docs", "templates"),
        autoescape=jinja2.select_autoescape(default=True),
        undefined=jinja2.StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.filters["css"] = lambda status: str(status).replace(" ", "-")
    env.filters["slug"] = slug
    env.filters["tojson_pretty"] = lambda value: json.dumps(value, indent=2, ensure_ascii=False)
    return env


def build_site(
    out: Path, results: list[Results], *, features: Path | None = None, examples_folder: Path | None = None
) -> Built:
    """Write the site into `out` (created; pages already there are overwritten)."""
    features = features or features_dir()
    examples_folder = examples_folder if examples_folder is not None else examples_dir()
    documents = read_documents(features)
    views = statement_views(documents, results)
    labels = [r.label for r in results]
    env = _environment()
    out.mkdir(parents=True, exist_ok=True)
    for folder in ("statements", "sections", "editions", "schemas", "assets"):
        (out / folder).mkdir(exist_ok=True)

    sections: dict[str, list[StatementView]] = defaultdict(list)
    for view in views:
        sections[view.wording.section].append(view)
    section_groups = [Group(slug(name), name, worst_first(items)) for name, items in sections.items()]
    edition_groups = []
    edition_sections: dict[str, list[Group]] = {}
    for edition in ordered_editions():
        members = [v for v in views if edition.name in v.editions]
        runs = [r for r in results if r.edition == edition.name]
        judged = (
            f"statuses from {len(runs)} results file{'s' if len(runs) != 1 else ''} judged by it"
            if runs
            else "no results file judged by it: its covered statements are not run"
        )
        edition_groups.append(
            Group(
                edition.name,
                f"Edition {edition.name}",
                worst_first(members, edition.name),
                f"published {edition.published}; {judged}",
                edition.name,
            )
        )
        # Its sections under its own titles (an edition may rename a section), each a part of its page.
        titled: dict[str, list[StatementView]] = defaultdict(list)
        for view in members:
            titled[view.wording_in(edition.name).section].append(view)
        edition_sections[edition.name] = [
            Group(f"{edition.name}/{slug(title)}", title, worst_first(items, edition.name), "", edition.name)
            for title, items in titled.items()
        ]
    everything = Group("all", "All statements", worst_first(views))
    common: dict[str, Any] = {
        "version": __version__,
        "labels": labels,
        "runs": results,
        "source_url": SOURCE_URL,
        "sections": section_groups,
        "editions": edition_groups,
        "statuses": list(StatementStatus),
        "RunStatus": RunStatus,
    }
    pages = 0

    def write(name: str, template: str, **context: Any) -> None:
        nonlocal pages
        depth = name.count("/")
        html = env.get_template(template).render(**common, **context, root="../" * depth, page=name)
        (out / name).write_text(html, encoding="utf-8")
        pages += 1

    write("index.html", "index.html", group=everything, all_views=views)
    for group in section_groups:
        write(f"sections/{group.key}.html", "group.html", group=group, kind="section", subgroups=[])
    for group in edition_groups:
        subgroups = edition_sections[group.key]
        write(f"editions/{group.key}.html", "group.html", group=group, kind="edition", subgroups=subgroups)
    for view in views:
        write(f"statements/{view.id}.html", "statement.html", view=view)
    write("tables.html", "tables.html", tables=matrix_tables())
    policies = sorted((examples_folder / "policies").glob("*.yaml")) if examples_folder else []
    write(
        "timeline.html",
        "timeline.html",
        pictures=[picture(p) for p in policies],
        timeline_edition=DEFAULT_EDITION,
    )
    write("examples.html", "examples.html", examples=examples(examples_folder))
    documents_by_name = schemas()
    for name, schema in documents_by_name.items():
        (out / "schemas" / name).write_text(json.dumps(schema, indent=2) + "\n", encoding="utf-8")
    write("schemas.html", "schemas.html", schemas=documents_by_name)
    static = resources.files("aks_backup_conformance.docs") / "static"
    for asset in static.iterdir():
        if asset.is_file():
            with resources.as_file(asset) as path:
                shutil.copyfile(path, out / "assets" / asset.name)
    return Built(
        out=out,
        pages=pages,
        statements=len(views),
        scenarios=sum(len(d.scenarios) for d in documents),
        counts=everything.counts(),
    )
