"""Renderings of outcomes for people and tools, the time line, and the conformance reports."""

from __future__ import annotations
