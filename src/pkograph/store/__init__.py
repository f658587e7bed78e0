"""The stores the graph is asked through: embedded on disk, in memory, or a SPARQL endpoint.

- :mod:`~pkograph.store.base`: the ``GraphStore`` interface, its answers and errors, limits;
- :mod:`~pkograph.store.query_text`: every query's text checked, prefixed and bound, once;
- :mod:`~pkograph.store.embedded`: pyoxigraph on disk (the built graph) or in memory;
- :mod:`~pkograph.store.pool` and :mod:`~pkograph.store.worker`: the processes that evaluate
  on the on-disk store and are stopped at the time limit;
- :mod:`~pkograph.store.remote`: any SPARQL 1.1 endpoint, through SPARQLWrapper;
- :mod:`~pkograph.store.results`: media types, and reading answers back into RDF terms.

Stores are created here, by :func:`open_embedded` or :func:`open_remote`, and nowhere else.
This module imports its submodules only when called, so a worker process starts light.
"""

from __future__ import annotations

import os
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from pkograph.paths import Project
    from pkograph.store.base import Limits
    from pkograph.store.embedded import DiskStore
    from pkograph.store.remote import RemoteStore

ENV_ENDPOINT = "PKOGRAPH_ENDPOINT"


class GraphNotBuilt(Exception):
    """The project's graph is not built, or was built from other inputs than today's."""


def open_embedded(project: Project, limits: Limits | None = None,
                  workers: int | None = None) -> DiskStore:
    """The built graph of the project, read-only; raises GraphNotBuilt if it is missing or out
    of date (only the command line offers to build)."""
    from pkograph.fingerprint import current_store
    from pkograph.store.base import DEFAULT_LIMITS
    from pkograph.store.embedded import DiskStore

    location = current_store(project)
    if location is None:
        raise GraphNotBuilt(f"the graph of {project.root} is not built or out of date: run "
                            "`pkograph build`")
    return DiskStore(location, limits or DEFAULT_LIMITS, workers or default_workers())


def open_remote(endpoint: str, limits: Limits | None = None) -> RemoteStore:
    """A SPARQL 1.1 endpoint holding the pushed graph (see :mod:`pkograph.store.remote`)."""
    from pkograph.store.base import DEFAULT_LIMITS
    from pkograph.store.remote import RemoteStore

    return RemoteStore(endpoint, limits or DEFAULT_LIMITS)


def default_workers() -> int:
    """Query workers per store: one per core, and two more for queries waiting on others."""
    return (os.cpu_count() or 1) + 2


__all__ = ["ENV_ENDPOINT", "GraphNotBuilt", "Path", "default_workers", "open_embedded",
           "open_remote"]
