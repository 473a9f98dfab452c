"""Reading environment and policy files (YAML or JSON) into the model, with located errors."""

from __future__ import annotations
