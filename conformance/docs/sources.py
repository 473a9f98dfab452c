"""Where the site reads from: the feature files, the examples, the last conformance run.

Everything that looks for `features/` goes through `features_dir()`. The features ship inside the wheel
as package data (`aks_backup_conformance/features`, mapped from the repository's `features/` by
pyproject's `package-dir`: one source, no copy); in a checkout they are the `features/` beside the
package's folder.
"""

from __future__ import annotations

from pathlib import Path
from typing import Final

PACKAGE_DIR: Final = Path(__file__).resolve().parent.parent
"""The installed `aks_backup_conformance` package."""

LAST_RESULTS: Final = Path("reports") / "cucumber.json"
"""The Cucumber JSON a plain `pytest steps --cucumberjson=reports/cucumber.json` run writes."""
EDITION_RESULTS: Final = "cucumber.json"
"""`nox -s conformance` and `nox -s docs` write one run per edition: `reports/<edition>/cucumber.json`."""


def _first_existing(name: str, start: Path | None, *, own: bool = False) -> Path | None:
    here = (start or Path.cwd()).resolve()
    candidates = [PACKAGE_DIR / name, PACKAGE_DIR.parent / name]
    if not own:
        candidates.insert(0, here / name)
    return next((c for c in candidates if c.is_dir()), None)


def features_dir(start: Path | None = None, *, own: bool = False) -> Path:
    """The folder of the `.feature` files: `./features` (or `start/features`), else the suite's own.

    The suite's own features are the package's copy in an installed wheel (`aks_backup_conformance/
    features`, package data built from the repository's `features/`), or the repository's `features/`
    beside the package in a checkout. With `own=True` only the suite's own are looked for: the
    conformance suite never picks up a `features/` folder that happens to be in the current folder.

    Raises:
        FileNotFoundError: no folder of features can be found (named in the message).
    """
    found = _first_existing("features", None if own else start, own=own)
    if found is None:
        where = (
            f"beside the package {PACKAGE_DIR}"
            if own
            else (f"in {(start or Path.cwd()).resolve()} or beside the package {PACKAGE_DIR}")
        )
        raise FileNotFoundError(f"no features/ folder {where}")
    return found


def examples_dir(start: Path | None = None) -> Path | None:
    """The folder of example environments (`./examples`), or None when there is none."""
    return _first_existing("examples", start)


def last_results(start: Path | None = None) -> Path | None:
    """The Cucumber JSON of the last plain conformance run in this folder, or None."""
    path = (start or Path.cwd()) / LAST_RESULTS
    return path if path.is_file() else None


def last_runs(start: Path | None = None) -> list[Path]:
    """The Cucumber JSON of the last run of each edition (`reports/<edition>/cucumber.json`, oldest
    edition first), then `reports/cucumber.json`; those that exist."""
    from aks_backup_model.editions import EDITIONS

    reports = (start or Path.cwd()) / LAST_RESULTS.parent
    found = [reports / name / EDITION_RESULTS for name in EDITIONS]
    plain = last_results(start)
    return [p for p in found if p.is_file()] + ([plain] if plain is not None else [])
