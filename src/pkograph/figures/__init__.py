"""Figures of the graph: ``pkograph plot NAME``, ``pkograph.plot(...)`` and the web pages' SVG.

Each figure lives in its own module with its SPARQL, the function that computes the rows it
draws and the function that draws them (see :mod:`pkograph.figures.common`). This module is
the registry and the entry points: resolve a figure's parameters as saved-query parameters are
resolved, compute its rows, draw it, and write it as SVG, PNG or PDF.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path
from typing import Any

from pkograph.figures import law_timeline, network, personnel, supplies, timeline
from pkograph.figures.common import (
    FORMATS,
    Drawing,
    FigureSpec,
    NoData,
    figure_bytes,
    resolve,
    style,
)
from pkograph.queries import UsageError
from pkograph.store.base import GraphStore

FIGURES: dict[str, FigureSpec[Any]] = {spec.name: spec for spec in (
    network.FIGURE, timeline.FIGURE, supplies.FIGURE, personnel.FIGURE, law_timeline.FIGURE)}


def get(name: str) -> FigureSpec[Any]:
    """A figure by name; raises UsageError naming the known ones."""
    if name not in FIGURES:
        raise UsageError(f"no figure named {name!r} (figures: {', '.join(FIGURES)})")
    return FIGURES[name]


def data(store: GraphStore, name: str, params: Mapping[str, Any] | None = None) -> Any:
    """The rows a figure draws, for its parameters (names resolved as in saved queries)."""
    spec = get(name)
    return spec.data(store, resolve(store, spec, params or {}))


def draw(store: GraphStore, name: str, params: Mapping[str, Any] | None = None) -> Drawing:
    """A figure drawn from the store; raises UsageError for bad parameters, NoData when the
    graph holds nothing to draw."""
    spec = get(name)
    rows = spec.data(store, resolve(store, spec, params or {}))
    with style():
        return spec.draw(rows)


def figure_svg(store: GraphStore, name: str, params: Mapping[str, Any] | None = None) -> str:
    """A figure as SVG text (the same graph gives the same text), e.g. for the web pages."""
    return figure_bytes(draw(store, name, params), "svg").decode("utf-8")


def format_of(path: Path) -> str:
    """The file format an output path asks for, by its suffix."""
    fmt = path.suffix.lower().lstrip(".")
    if fmt not in FORMATS:
        raise UsageError(f"cannot tell the format of {path.name!r}: name the file .svg, .png or "
                         ".pdf")
    return fmt


def plot(name: str, /, output: str | Path | None = None, *, store: GraphStore | None = None,
         **params: Any) -> Drawing:
    """Draw a figure of the project's current graph (or of ``store``) and, given ``output``,
    write it there as SVG, PNG or PDF (by the suffix). Returns the matplotlib figure."""
    from pkograph.atomic import write_atomically
    from pkograph.paths import project
    from pkograph.queries import default_store

    path = Path(output) if output is not None else None
    fmt = format_of(path) if path is not None else None
    fig = draw(store if store is not None else default_store(project()), name, params)
    if path is not None and fmt is not None:
        write_atomically(path, figure_bytes(fig, fmt))
    return fig


__all__ = ["FIGURES", "FORMATS", "Drawing", "FigureSpec", "NoData", "data", "draw",
           "figure_bytes", "figure_svg", "format_of", "get", "plot"]
