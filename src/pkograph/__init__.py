"""pkograph: the validated, citable knowledge graph of Japan's international peace cooperation."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from pathlib import Path

    from pkograph.figures import Drawing
    from pkograph.store.base import Rows

__version__ = "0.1.0"


def query(name: str, /, **params: Any) -> Rows:
    """Run a saved query by name: ``pkograph.query("person-trail", person="Akashi")``.

    Imported lazily so that ``import pkograph`` stays light; see :func:`pkograph.queries.query`.
    """
    from pkograph.queries import query as run_saved

    return run_saved(name, **params)


def plot(name: str, /, output: str | Path | None = None, **params: Any) -> Drawing:
    """Draw a figure by name, and write it if given a file: ``pkograph.plot("network",
    "akashi.svg", person="Akashi")``; returns the matplotlib figure.

    Imported lazily so that ``import pkograph`` does not load matplotlib; see
    :func:`pkograph.figures.plot`.
    """
    from pkograph.figures import plot as draw

    return draw(name, output, **params)


__all__ = ["__version__", "plot", "query"]
