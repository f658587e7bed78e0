"""pkograph: the validated, citable knowledge graph of Japan's international peace cooperation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pkograph.store.base import Rows

__version__ = "0.1.0"


def query(name: str, /, **params: Any) -> Rows:
    """Run a saved query by name: ``pkograph.query("person-trail", person="Akashi")``.

    Imported lazily so that ``import pkograph`` stays light; see :func:`pkograph.queries.query`.
    """
    from pkograph.queries import query as run_saved

    return run_saved(name, **params)


__all__ = ["__version__", "query"]
