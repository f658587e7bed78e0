"""SPARQL answers as sets of string rows, for tests that check what the built graph states."""

from __future__ import annotations

import re

from pkograph.iri import ID
from pkograph.store.base import GraphStore

_SHORT = re.compile(r"\bx:([a-z0-9-]+(?:/[a-z0-9-]+)+)")


def rows(store: GraphStore, query: str) -> set[tuple[str, ...]]:
    """The answer as a set of rows of strings (the union graph may repeat a row per source).

    ``x:kind/slug`` in the query stands for the pkograph IRI ``<.../id/kind/slug>`` (a prefixed
    name cannot hold a slash); an unbound variable reads "None"."""
    result = store.select(_SHORT.sub(lambda m: f"<{ID}{m[1]}>", query))
    return {tuple(str(row[v]) for v in result.variables) for row in result}


def iri(path: str) -> str:
    """The pkograph IRI of ``kind/slug``, as a string."""
    return ID + path
