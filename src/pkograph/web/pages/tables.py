"""Query results as an HTML table: the choices of the terminal table, with links.

As ``pkograph query`` prints them (:func:`pkograph.output.table`): columns with no value are
left out and named, a parameter column holding one value throughout is shown once above the
table, and a column ``x`` beside an ``x_label`` column is shown by its labels, each linked to
the page of its ``x``. Every other IRI is shown by its name when the graph gives one.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from dataclasses import dataclass, field

from rdflib import Literal, URIRef
from rdflib.term import Node

from pkograph.output import shorten
from pkograph.store.base import GraphStore, Rows
from pkograph.store.query_text import term_text
from pkograph.web.pages.context import Links, literal_note

#: Most rows a page shows; the downloads hold them all.
MAX_ROWS = 1000

_LABELS = """
SELECT DISTINCT ?x ?label WHERE {
  VALUES ?x { %s }
  { ?x rdfs:label ?label } UNION { ?x skos:prefLabel ?label }
}"""


@dataclass
class Cell:
    """One cell: its text, where it links to, and a note (a literal's language or datatype)."""

    text: str = ""
    href: str | None = None
    note: str = ""


@dataclass
class Table:
    """A result as the page shows it."""

    columns: list[str]
    rows: list[list[Cell]] = field(default_factory=list)
    hoisted: list[tuple[str, Cell]] = field(default_factory=list)
    empty: list[str] = field(default_factory=list)
    total: int = 0


def labels_of(store: GraphStore, iris: Iterable[URIRef]) -> dict[URIRef, str]:
    """The names of these IRIs, with one query (English or plain names first)."""
    wanted = sorted(set(iris))
    found: dict[URIRef, tuple[bool, str]] = {}
    for i in range(0, len(wanted), 800):
        values = " ".join(term_text(t) for t in wanted[i : i + 800])
        for row in store.select(_LABELS % values):
            x, label = row["x"], row["label"]
            if not isinstance(x, URIRef) or not isinstance(label, Literal):
                continue
            key = ((label.language or "en") != "en", str(label))
            if x not in found or key < found[x]:
                found[x] = key
    return {x: text for x, (_, text) in found.items()}


def iris_of(rows: Rows) -> set[URIRef]:
    return {v for row in rows for v in row.values() if isinstance(v, URIRef)}


def _cell(term: Node | None, links: Links, labels: Mapping[URIRef, str]) -> Cell:
    if term is None:
        return Cell()
    if isinstance(term, URIRef):
        return Cell(labels.get(term) or shorten(str(term)), links.iri(term))
    note = literal_note(term)
    return Cell(str(term), None, "" if ":" in note else note)  # a language, not a datatype


def table(rows: Rows, links: Links, labels: Mapping[URIRef, str], hoist: Iterable[str] = (),
          href: Mapping[str, Callable[[dict[str, Node | None]], str | None]] | None = None,
          ) -> Table:
    """The table of a result; ``href`` gives, per column, a link for each row's cell."""
    names = list(rows.variables)
    data = rows.rows
    empty = [v for v in names if data and all(r.get(v) is None for r in data)]
    hoisted = [v for v in names if v in hoist and v not in empty
               and len({r.get(v) for r in data}) == 1]
    labelled = {v for v in names if f"{v}_label" in names and f"{v}_label" not in empty}
    columns = [v for v in names if v not in empty and v not in hoisted and v not in labelled]
    out = Table(columns, empty=empty, total=len(data),
                hoisted=[(v, _cell(data[0].get(v), links, labels)) for v in hoisted])
    for row in data[:MAX_ROWS]:
        cells = []
        for v in columns:
            cell = _cell(row.get(v), links, labels)
            base = v[: -len("_label")] if v.endswith("_label") else None
            if base in labelled:
                target = row.get(base)
                cell.href = links.iri(target) if target is not None else None
            if href and v in href and row.get(v) is not None:
                cell.href = href[v](row) or cell.href
            cells.append(cell)
        out.rows.append(cells)
    return out
