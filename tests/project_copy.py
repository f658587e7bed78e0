"""A throw-away copy of the project (ontology, data, saved queries), for tests that change or
break its files without touching the checkout."""

from __future__ import annotations

import shutil
from pathlib import Path

from pkograph.build import build
from pkograph.paths import Project
from pkograph.store import GraphNotBuilt, open_embedded
from pkograph.store.embedded import DiskStore

PROJECT_FOLDERS = ("ontology", "data", "queries")


def copy_project(source: Path, target: Path) -> Path:
    """Copy the project folders of ``source`` into ``target``; returns ``target``."""
    target.mkdir(parents=True, exist_ok=True)
    for name in PROJECT_FOLDERS:
        shutil.copytree(source / name, target / name)
    return target


def open_built(proj: Project) -> DiskStore:
    """The project's graph, built first if it is missing or out of date (as the command line
    does)."""
    try:
        return open_embedded(proj)
    except GraphNotBuilt:
        build(proj)
        return open_embedded(proj)
