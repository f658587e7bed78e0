"""Shared fixtures: the project, and the graph built from it once per test session.

``built_store`` builds a copy of the checkout's project in a temporary folder (validated,
exactly as ``pkograph build`` does, without touching ``build/``), so tests see the current data
through the on-disk store, as every command does.
``--regen-golden`` rewrites the golden results of the saved queries (tests/golden/) from that
graph instead of comparing them; review the diff before committing it.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from project_copy import copy_project
from rdflib import Graph

from pkograph.build import build, load_records
from pkograph.names import NameIndex
from pkograph.namespaces import ONTOLOGY_GRAPH
from pkograph.paths import Project
from pkograph.records import Record
from pkograph.store import open_embedded
from pkograph.store.base import GraphStore

ROOT = Path(__file__).resolve().parents[1]


def pytest_addoption(parser: pytest.Parser) -> None:
    parser.addoption("--regen-golden", action="store_true", default=False,
                     help="rewrite tests/golden/*.csv from the built graph instead of comparing")


@pytest.fixture(scope="session")
def regen_golden(request: pytest.FixtureRequest) -> bool:
    return bool(request.config.getoption("--regen-golden"))


@pytest.fixture(scope="session")
def project_root() -> Path:
    return ROOT


@pytest.fixture(scope="session")
def project(project_root: Path) -> Project:
    """The checkout as a read-only project (for extractor tests that read its files)."""
    return Project(project_root, project_root / "build", writable=False)


@pytest.fixture(scope="session")
def curated(project: Project) -> list[Record]:
    """The checkout's curated records."""
    return load_records(project)


@pytest.fixture(scope="session")
def names(curated: list[Record]) -> NameIndex:
    return NameIndex(curated)


@pytest.fixture(scope="session")
def built_project(tmp_path_factory: pytest.TempPathFactory) -> Project:
    """A copy of the checkout's project in a temporary folder, built once per session (so
    commands run with ``--project`` on it find the same graph; ``build/`` of the checkout is
    never touched)."""
    root = copy_project(ROOT, tmp_path_factory.mktemp("built") / "project")
    built = Project(root, root / "build", writable=True)
    build(built)
    return built


@pytest.fixture(scope="session")
def built_store(built_project: Project) -> Iterator[GraphStore]:
    """The on-disk store of the graph built from the checkout's data (built once per session),
    queried as every command queries it."""
    store = open_embedded(built_project)
    yield store
    store.close()


@pytest.fixture(scope="session")
def data(built_store: GraphStore) -> Graph:
    """The union of the built graph's data graphs (the ontology graph left out)."""
    graph = Graph()
    for s, p, o, g in built_store.quads():
        if g != ONTOLOGY_GRAPH:
            graph.add((s, p, o))
    return graph
