"""Query results as text: a terminal table, CSV, TSV or JSON, and one stable text per term.

The CSV, TSV and JSON forms are the W3C SPARQL 1.1 result formats, so other tools read them
as they read any endpoint's answer. The table is for people: IRIs shortened to prefixed names,
literals shown by their value, long cells wrapped so that a row fits the terminal.
``term_text`` is the form golden files keep: prefixed names and N-Triples-like literals, the
same for the same term on every run.

>>> from rdflib import Literal, URIRef
>>> term_text(URIRef("https://w3id.org/pkograph/id/person/yasushi-akashi"))
'id:person/yasushi-akashi'
>>> term_text(Literal("1992-09", datatype=URIRef("http://www.w3.org/2001/XMLSchema#gYearMonth")))
'"1992-09"^^xsd:gYearMonth'
"""

from __future__ import annotations

import csv
import io
import json
import shutil
import textwrap
from collections.abc import Iterable
from typing import Any

from rdflib import BNode, Literal, URIRef
from rdflib.namespace import XSD
from rdflib.term import Node

from pkograph.namespaces import PREFIXES
from pkograph.store.base import Rows
from pkograph.text import printable

FORMATS = ("table", "csv", "tsv", "json")

# Longest namespace first, so that ``id:`` wins over a shorter namespace that prefixes it.
_BY_LENGTH = sorted(PREFIXES.items(), key=lambda item: -len(item[1]))
#: The narrowest a wrapped table column becomes before the table is allowed to overflow.
MIN_COLUMN = 8
#: The widest a table column grows, even on a wide terminal.
MAX_COLUMN = 48


def shorten(iri: str) -> str:
    """An IRI as a prefixed name when one of the project's prefixes covers it."""
    for prefix, namespace in _BY_LENGTH:
        if iri.startswith(namespace) and len(iri) > len(namespace):
            return f"{prefix}:{iri[len(namespace):]}"
    return f"<{iri}>"


def expand(name: str) -> str | None:
    """The IRI of a prefixed name (``id:person/yasushi-akashi``), or None if it is not one."""
    prefix, sep, local = name.partition(":")
    if not sep or prefix not in PREFIXES or not local or local.startswith("/"):
        return None
    return PREFIXES[prefix] + local


def term_text(term: Node | None) -> str:
    """The stable text of a term: prefixed IRI, quoted literal with language or datatype."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return shorten(str(term))
    if isinstance(term, BNode):
        return "_:b"  # blank node labels change between runs; saved queries return none
    if isinstance(term, Literal):
        quoted = json.dumps(str(term), ensure_ascii=False)
        if term.language:
            return f"{quoted}@{term.language}"
        if term.datatype is not None and term.datatype != XSD.string:
            return f"{quoted}^^{shorten(str(term.datatype))}"
        return quoted
    raise TypeError(f"not an RDF term: {term!r}")


def cell_text(term: Node | None) -> str:
    """What a person reads in a table cell: prefixed IRI, or a literal's value (control
    characters escaped, so that a value cannot rewrite the terminal)."""
    if term is None:
        return ""
    if isinstance(term, URIRef):
        return shorten(str(term))
    return printable(str(term))


def _widths(rows: list[list[str]], header: list[str], total: int) -> list[int]:
    """Column widths that fit ``total`` characters, taking room from the widest first."""
    widths = [min(MAX_COLUMN, max([len(h), *(len(line) for r in rows
                                               for line in r[i].splitlines() or [""])]))
              for i, h in enumerate(header)]
    # Short columns keep their width; long ones give way, down to MIN_COLUMN.
    budget = total - 2 * (len(widths) - 1)
    while sum(widths) > budget:
        widest = max(range(len(widths)), key=lambda i: widths[i])
        if widths[widest] <= MIN_COLUMN:
            break
        widths[widest] -= 1
    return widths


def _wrapped_row(cells: list[str], widths: list[int]) -> list[str]:
    """One row as lines: each cell wrapped to its column's width."""
    wrapped = [textwrap.wrap(c, w, break_long_words=True, break_on_hyphens=False) or [""]
               for c, w in zip(cells, widths, strict=True)]
    return ["  ".join((w[n] if n < len(w) else "").ljust(width)
                      for w, width in zip(wrapped, widths, strict=True)).rstrip()
            for n in range(max(len(w) for w in wrapped))]


def table(rows: Rows, width: int | None = None, hoist: Iterable[str] = ()) -> str:
    """A plain-text table that fits the terminal, long cells wrapped onto more lines.

    Columns with no value in any row are left out (and named below the table); a column named
    in ``hoist`` (a query's parameters) that holds one value throughout is shown once above; a
    column ``x`` beside an ``x_label`` column is shown by its labels only (CSV and JSON keep it).
    """
    names = list(rows.variables)
    if not names:
        return ""
    cells = {v: [cell_text(r.get(v)) for r in rows] for v in names}
    empty = [v for v in names if rows.rows and not any(cells[v])]
    hoisted = [v for v in names if v in hoist and v not in empty and len(set(cells[v])) == 1]
    labelled = {v for v in names if f"{v}_label" in names and f"{v}_label" not in empty}
    header = [v for v in names if v not in empty and v not in hoisted and v not in labelled]
    lines = [f"{v}: {cells[v][0]}" for v in hoisted]
    if header:  # every column may be empty or hoisted: then only the count is left to show
        body = [[cells[v][i] for v in header] for i in range(len(rows))]
        total = width or shutil.get_terminal_size((120, 24)).columns
        widths = _widths(body, header, total)
        lines += [*_wrapped_row(header, widths), "  ".join("-" * w for w in widths)]
        for row in body:
            lines += _wrapped_row(row, widths)
    lines.append(f"({len(rows)} row{'s' if len(rows) != 1 else ''}"
                 f"{'; empty: ' + ', '.join(empty) if empty else ''})")
    return "\n".join(lines) + "\n"


def to_csv(rows: Rows) -> str:
    """SPARQL 1.1 CSV results: IRIs in full, literals by their value."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(rows.variables)
    for r in rows:
        writer.writerow(["" if r.get(v) is None else str(r.get(v)) for v in rows.variables])
    return out.getvalue()


def _tsv_term(term: Node | None) -> str:
    if term is None:
        return ""
    return term.n3().replace("\t", "\\t").replace("\n", "\\n")


def to_tsv(rows: Rows) -> str:
    """SPARQL 1.1 TSV results: terms in their N-Triples form."""
    lines = ["\t".join(f"?{v}" for v in rows.variables)]
    lines += ["\t".join(_tsv_term(r.get(v)) for v in rows.variables) for r in rows]
    return "\n".join(lines) + "\n"


def _json_term(term: Node) -> dict[str, Any]:
    if isinstance(term, URIRef):
        return {"type": "uri", "value": str(term)}
    if isinstance(term, BNode):
        return {"type": "bnode", "value": str(term)}
    assert isinstance(term, Literal)
    out: dict[str, Any] = {"type": "literal", "value": str(term)}
    if term.language:
        out["xml:lang"] = term.language
    elif term.datatype is not None and term.datatype != XSD.string:
        out["datatype"] = str(term.datatype)
    return out


def to_json(rows: Rows) -> str:
    """SPARQL 1.1 JSON results."""
    bindings = [{v: _json_term(t) for v, t in r.items() if t is not None} for r in rows]
    doc = {"head": {"vars": rows.variables}, "results": {"bindings": bindings}}
    return json.dumps(doc, ensure_ascii=False, indent=1) + "\n"


def render(rows: Rows, fmt: str, hoist: Iterable[str] = ()) -> str:
    """Rows in one of ``FORMATS``; ``hoist`` names the query's parameters (see ``table``)."""
    if fmt == "table":
        return table(rows, hoist=hoist)
    if fmt == "csv":
        return to_csv(rows)
    if fmt == "tsv":
        return to_tsv(rows)
    if fmt == "json":
        return to_json(rows)
    raise ValueError(f"unknown format {fmt!r}: use one of {', '.join(FORMATS)}")
