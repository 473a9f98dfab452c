"""The living-documentation site: statements, scenarios, statuses, tables, a time line, examples, schemas.

    aks-backup-conformance docs --out DIR [--results FILE ...]

`build_site` renders Jinja2 templates (package data) over the statement catalog, the feature files (read
with the official Gherkin parser) and the Cucumber JSON of conformance runs. `sources.features_dir` is
the one place that finds the feature files.
"""

from __future__ import annotations

from .results import Results, read_all, read_results
from .site import Built, build_site
from .sources import examples_dir, features_dir, last_results, last_runs

__all__ = [
    "Built",
    "Results",
    "build_site",
    "examples_dir",
    "features_dir",
    "last_results",
    "last_runs",
    "read_all",
    "read_results",
]
