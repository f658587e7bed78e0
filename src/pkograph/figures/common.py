"""What every figure shares: its description, its parameters, the style and deterministic files.

A figure is two functions kept apart: ``data`` asks the store (SPARQL through
:class:`~pkograph.store.GraphStore` only, so a remote endpoint serves as well) and returns the
rows the figure draws; ``draw`` turns those rows into a matplotlib figure. Tests check the
rows, and the web pages can reuse them without drawing.

Files are deterministic: the same graph gives byte-identical SVG. Matplotlib is told a fixed
hash salt for the ids it generates, no creation date, and one font, the DejaVu Sans files that
matplotlib itself ships, registered under a family name of our own so that a DejaVu Sans
installed on the machine is never chosen instead. Text is written as glyph outlines, so the
picture looks the same wherever it is opened; each text is also kept as an XML comment beside
its outlines, and each figure's title and source line are in the SVG metadata.
"""

from __future__ import annotations

import io
import re
import textwrap
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import date, timedelta
from pathlib import Path
from typing import Any, Generic, TypeVar
from xml.sax.saxutils import escape

import matplotlib
from matplotlib import font_manager
from matplotlib.figure import Figure
from rdflib.term import Node

from pkograph.queries import Param, SavedQuery, UsageError, bindings
from pkograph.store.base import GraphStore

D = TypeVar("D")

#: The file formats a figure is written in, chosen by the output file's suffix.
FORMATS = ("svg", "png", "pdf")
#: The font family every figure uses: matplotlib's own DejaVu Sans files, under our name.
FAMILY = "pkograph DejaVu Sans"
CREATOR = "pkograph"
#: Colours that stay apart for readers with the common colour-vision deficiencies (Okabe and
#: Ito), then more for longer lists; grey is kept for "other".
PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442",
           "#000000", "#8C564B", "#BCBD22", "#17BECF", "#9467BD", "#AEC7E8", "#FFBB78",
           "#98DF8A", "#FF9896", "#C5B0D5", "#C49C94")
GREY = "#999999"
DASH = "\u2013"  # between two years or dates


class NoData(Exception):
    """The graph holds nothing the figure could draw; the message explains what is missing."""


@dataclass(frozen=True)
class FigureSpec(Generic[D]):
    """One figure: what it shows, what it takes, how its rows are asked for and drawn."""

    name: str
    title: str
    description: str
    data: Callable[[GraphStore, Mapping[str, Node]], D]
    draw: Callable[[D], Drawing]
    params: tuple[Param, ...] = ()
    #: Parameters that take one of a few words (``by=recipient|item``).
    choices: Mapping[str, tuple[str, ...]] = field(default_factory=dict)
    examples: tuple[str, ...] = ()


def resolve(store: GraphStore, spec: FigureSpec[Any], given: Mapping[str, Any]) -> dict[str, Node]:
    """The RDF terms of a figure's parameters, resolved exactly as saved-query parameters are
    (names through :class:`~pkograph.lookup.NameLookup`); raises UsageError for a bad one."""
    check_params(spec, given)
    as_query = SavedQuery(spec.name, spec.title, spec.description, "", spec.params)
    return bindings(store, as_query, {k: str(v) for k, v in given.items()})


def check_params(spec: FigureSpec[Any], given: Mapping[str, Any]) -> None:
    """Refuse unknown parameters and words outside a parameter's choices (before any lookup)."""
    unknown = sorted(set(given) - {p.name for p in spec.params})
    if unknown:
        declared = ", ".join(p.name for p in spec.params) or "none"
        raise UsageError(f"figure {spec.name!r} has no parameter "
                         f"{', '.join(map(repr, unknown))} (parameters: {declared})")
    for name, allowed in spec.choices.items():
        if name in given and str(given[name]) not in allowed:
            raise UsageError(f"parameter '{name}' of figure {spec.name!r} takes one of "
                             f"{', '.join(allowed)}, not {str(given[name])!r}")


# --- style and deterministic files -------------------------------------------------------------

def _register_font() -> None:
    """Make FAMILY name matplotlib's bundled DejaVu Sans (regular and bold), once."""
    manager = font_manager.fontManager
    if any(entry.name == FAMILY for entry in manager.ttflist):
        return
    fonts = Path(matplotlib.get_data_path()) / "fonts" / "ttf"
    for file, weight in (("DejaVuSans.ttf", 400), ("DejaVuSans-Bold.ttf", 700)):
        manager.ttflist.append(font_manager.FontEntry(
            fname=str(fonts / file), name=FAMILY, style="normal", variant="normal",
            weight=weight, stretch="normal", size="scalable"))


STYLE: dict[Any, Any] = {
    "svg.hashsalt": "pkograph",
    "svg.fonttype": "path",
    "pdf.fonttype": 42,
    "font.family": FAMILY,
    "font.size": 9,
    "text.parse_math": False,  # a "$" in a name is a dollar sign, not mathematics
    "axes.spines.top": False,
    "axes.spines.right": False,
    "axes.titlesize": 12,
    "axes.titleweight": "bold",
    "axes.titlelocation": "left",
    "legend.frameon": False,
    "savefig.dpi": 150,
}


@contextmanager
def style() -> Iterator[None]:
    """Matplotlib settings for drawing and writing a figure, restored afterwards."""
    _register_font()
    with matplotlib.rc_context(STYLE):
        yield


class Drawing(Figure):
    """A matplotlib figure that knows its title, its source line and its hover texts.

    Not attached to any window or pyplot state, so it is safe in servers and tests."""

    def __init__(self, width: float, height: float) -> None:
        super().__init__(figsize=(width, height), layout="constrained")
        self.title_text = ""
        self.source_text = ""
        self.tooltips: dict[str, str] = {}

    def metadata(self, fmt: str) -> dict[str, str | None]:
        """The file's metadata: our name, the title and sources, and no date."""
        if fmt == "svg":
            return {"Creator": CREATOR, "Date": None, "Title": self.title_text,
                    "Description": self.source_text}
        if fmt == "pdf":
            return {"Creator": CREATOR, "Producer": CREATOR, "CreationDate": None,
                    "Title": self.title_text, "Subject": self.source_text}
        return {"Software": CREATOR, "Title": self.title_text, "Description": self.source_text}

    def tooltip(self, artist: Any, gid: str, text: str) -> None:
        """Show ``text`` when the pointer is over ``artist`` in the SVG file."""
        artist.set_gid(gid)
        self.tooltips[gid] = text

    def finish(self, title: str, source: str, note: str = "") -> Drawing:
        """Give the figure its title and, at the foot, an optional note and the source line."""
        self.suptitle(title, x=0.01, ha="left", fontsize=13, fontweight="bold")
        lines = [wrap(note, 170)] if note else []
        lines.append(wrap(source, 170))
        self.supxlabel("\n".join(lines), x=0.01, ha="left", fontsize=7.5, color="#444444")
        self.title_text, self.source_text = title, source
        # Lay the figure out once and keep it: a layout engine would move things again at each
        # save, and every file of the figure must be the same.
        self.draw_without_rendering()
        self.set_layout_engine("none")
        return self


def figure_bytes(fig: Drawing, fmt: str) -> bytes:
    """The figure as an SVG, PNG or PDF file: the same figure gives the same bytes."""
    if fmt not in FORMATS:
        raise UsageError(f"unknown figure format {fmt!r} (formats: {', '.join(FORMATS)})")
    buffer = io.BytesIO()
    with style():
        fig.savefig(buffer, format=fmt, metadata=fig.metadata(fmt))
    data = buffer.getvalue()
    if fmt == "svg" and fig.tooltips:
        data = _with_tooltips(data.decode("utf-8"), fig.tooltips).encode("utf-8")
    return data


def _with_tooltips(svg: str, tips: Mapping[str, str]) -> str:
    """Hover text for the SVG groups named by ``tips`` (artists given a gid when drawn)."""
    def add(match: re.Match[str]) -> str:
        if match[1] not in tips:
            return match[0]
        return f"{match[0]}\n   <title>{escape(tips[match[1]])}</title>"

    return re.sub(r'<g id="([^"]+)">', add, svg)


# --- text helpers ------------------------------------------------------------------------------

def wrap(text: str, width: int) -> str:
    """Text wrapped on word boundaries to lines of at most ``width`` characters."""
    return "\n".join(textwrap.wrap(text, width, break_on_hyphens=False)) or text


def shorten(text: str, width: int) -> str:
    """Text cut to ``width`` characters at a word boundary, with an ellipsis when cut."""
    return textwrap.shorten(text, width, placeholder="…")


def sources_line(documents: Iterable[str], numbered: bool = False) -> str:
    """``Sources: A; B`` naming the documents, sorted; numbered ``[1] A; [2] B`` on request."""
    names = sorted(set(documents))
    if numbered:
        names = [f"[{i}] {n}" for i, n in enumerate(names, start=1)]
    return ("Source: " if len(names) == 1 else "Sources: ") + "; ".join(names) + "."


def document_numbers(documents: Iterable[str]) -> dict[str, int]:
    """The number each document has in a numbered sources line."""
    return {n: i for i, n in enumerate(sorted(set(documents)), start=1)}


# --- dates -------------------------------------------------------------------------------------

def date_span(text: str) -> tuple[date, date]:
    """The first and last day of a date given at the source's precision.

    >>> date_span("1992-09")
    (datetime.date(1992, 9, 1), datetime.date(1992, 9, 30))
    >>> date_span("2001")
    (datetime.date(2001, 1, 1), datetime.date(2001, 12, 31))
    """
    parts = [int(p) for p in text[:10].split("-")]
    if len(parts) == 3:
        day = date(*parts)
        return day, day
    if len(parts) == 2:
        first = date(parts[0], parts[1], 1)
        following = date(parts[0] + parts[1] // 12, parts[1] % 12 + 1, 1)
        return first, following - timedelta(days=1)
    return date(parts[0], 1, 1), date(parts[0], 12, 31)


def same_at_precision(a: str, b: str) -> bool:
    """Whether two dates agree on the precision both give (1992 agrees with 1992-09)."""
    n = min(len(a), len(b))
    return a[:n] == b[:n]


def select(store: GraphStore, query: str,
           bindings: Mapping[str, Node] | None = None) -> list[dict[str, Node | None]]:
    """A query's rows in one order whatever order the store answers in (an embedded store and
    a remote endpoint may differ), so that the same graph always gives the same figure."""
    rows = store.select(query, bindings)
    return sorted(rows, key=lambda row: tuple(
        "" if row.get(v) is None else str(row[v]) for v in rows.variables))


def label(store: GraphStore, thing: Node) -> str:
    """A thing's label, for messages (its IRI if it has none)."""
    rows = select(store, "SELECT ?thing ?label WHERE { ?thing rdfs:label ?label }",
                  {"thing": thing})
    return str(rows[0]["label"]) if rows else str(thing)


def text(term: Node | None) -> str | None:
    """A term's lexical form, or None for an unbound variable."""
    return None if term is None else str(term)


def ink(colour: str) -> str:
    """Black or white, whichever reads better on a fill of this colour."""
    red, green, blue = (int(colour[i:i + 2], 16) for i in (1, 3, 5))
    return "#000000" if 0.299 * red + 0.587 * green + 0.114 * blue > 150 else "#FFFFFF"
