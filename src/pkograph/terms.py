"""Conversion of RDF terms between rdflib (the API's terms) and pyoxigraph (the query engine).

Also the strict reading of RDF text: pyoxigraph's parsers reject what the RDF 1.1 grammars
reject, where rdflib's accept many malformed documents.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import pyoxigraph as ox
from rdflib import BNode, Literal, URIRef
from rdflib.term import Node

from pkograph.records import Origin, RecordError, RecordErrors
from pkograph.text import UNPORTABLE, codepoints

Quad = tuple[Node, Node, Node, URIRef]


def to_ox(term: Node) -> ox.NamedNode | ox.BlankNode | ox.Literal:
    if isinstance(term, URIRef):
        return ox.NamedNode(str(term))
    if isinstance(term, BNode):
        return ox.BlankNode(str(term))
    if isinstance(term, Literal):
        if term.language:
            return ox.Literal(str(term), language=term.language)
        if term.datatype:
            return ox.Literal(str(term), datatype=ox.NamedNode(str(term.datatype)))
        return ox.Literal(str(term))
    raise TypeError(f"not an RDF term: {term!r}")


def from_ox(term: ox.NamedNode | ox.BlankNode | ox.Literal | ox.Triple) -> Node:
    if isinstance(term, ox.NamedNode):
        return URIRef(term.value)
    if isinstance(term, ox.BlankNode):
        return BNode(term.value)
    if isinstance(term, ox.Literal):
        if term.language:
            return Literal(term.value, lang=term.language)
        datatype = term.datatype.value
        if datatype == "http://www.w3.org/2001/XMLSchema#string":
            return Literal(term.value)
        return Literal(term.value, datatype=URIRef(datatype))
    raise TypeError(f"not a pyoxigraph term: {term!r}")


def nquads_lines(quads: Iterable[Quad]) -> list[str]:
    """Sorted N-Quads lines: the same quads always give the same text."""
    lines = set()
    for s, p, o, g in quads:
        lines.add(f"{s.n3()} {p.n3()} {o.n3()} {g.n3()} .\n")
    return sorted(lines)


def read_stored_nquads(path: Path, shown: str) -> list[Quad]:
    """The quads of an N-Quads file the project keeps (``data/contributed``); raises
    RecordErrors naming the file and line when it cannot be read (cut short, edited by hand)."""
    try:
        quads = list(read_nquads(path.read_bytes()))
        line, literal = next(((n, q[2]) for n, q in enumerate(quads, start=1)
                              if isinstance(q[2], Literal) and UNPORTABLE.search(str(q[2]))),
                             (0, None))
        if literal is None:
            return quads
        problem = (f"a literal holds {codepoints(str(literal))}, which RDF/XML (XML 1.0) cannot "
                   "carry")
    except OSError as exc:
        problem, line = f"cannot read the file: {exc.strerror or exc}", 1
    except SyntaxError as exc:
        message = re.sub(r"^Parser error at line \d+ (between columns|column) [\d and]+: ", "",
                         str(exc.msg or exc))
        problem, line = f"not valid N-Quads: {message}", exc.lineno or 1
    advice = ("the files there are written by 'pkograph add': restore it from version control, "
              "or remove it and add the contribution again")
    raise RecordErrors([RecordError(Origin(shown, line), f"{problem}; {advice}",
                                    "readable input")])


def read_nquads(data: bytes) -> Iterator[Quad]:
    for q in ox.parse(data, format=ox.RdfFormat.N_QUADS):
        graph = q.graph_name
        yield (from_ox(q.subject), from_ox(q.predicate), from_ox(q.object),
               URIRef(graph.value) if isinstance(graph, ox.NamedNode) else None)  # type: ignore[misc]
