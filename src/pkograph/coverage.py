"""How much of the graph each source document supports: ``pkograph coverage``.

Every fact sits in the graph of the citation that states it, and every citation is part of one
document, so a document's share is what its citations' graphs hold: the distinct subjects they
describe and the distinct triples they state, per class of subject. A document that adds little
shows up at once. The floors line counts the things the graph must not lose as data is revised.
Everything is asked in SPARQL of a :class:`~pkograph.store.GraphStore`.
"""

from __future__ import annotations

from dataclasses import dataclass

from rdflib import Literal, URIRef
from rdflib.term import Node

from pkograph.store.base import GraphStore, Rows

# The class of a subject: its most specific asserted class, "(untyped)" when it has none.
_SUBJECT_CLASS = """
    OPTIONAL {
      ?s a ?cls .
      FILTER NOT EXISTS { ?s a ?narrower . ?narrower rdfs:subClassOf+ ?cls . }
    }
"""

_BY_CLASS = f"""
SELECT ?document ?class ?class_label (COUNT(DISTINCT ?s) AS ?things) (COUNT(*) AS ?triples)
WHERE {{
  SELECT DISTINCT ?document ?class ?class_label ?s ?p ?o WHERE {{
    GRAPH <https://w3id.org/pkograph/graph/provenance> {{
      ?citation a pko:Citation ; dcterms:isPartOf ?document .
    }}
    GRAPH ?citation {{ ?s ?p ?o }}
    {_SUBJECT_CLASS}
    BIND(COALESCE(?cls, "(untyped)") AS ?class)
    OPTIONAL {{ GRAPH <https://w3id.org/pkograph/ontology> {{ ?cls rdfs:label ?label }} }}
    BIND(COALESCE(STR(?label), STR(?cls), "(untyped)") AS ?class_label)
  }}
}}
GROUP BY ?document ?class ?class_label
ORDER BY ?document DESC(?triples) ?class_label
"""

_BY_DOCUMENT = """
SELECT ?document (COUNT(DISTINCT ?s) AS ?things) (COUNT(?p) AS ?triples) WHERE {
  ?document a pko:SourceDocument .
  OPTIONAL {
    SELECT DISTINCT ?document ?s ?p ?o WHERE {
      GRAPH <https://w3id.org/pkograph/graph/provenance> {
        ?citation a pko:Citation ; dcterms:isPartOf ?document .
      }
      GRAPH ?citation { ?s ?p ?o }
    }
  }
}
GROUP BY ?document
ORDER BY ?document
"""

_CITATIONS = """
SELECT ?document (COUNT(DISTINCT ?citation) AS ?citations) WHERE {
  GRAPH <https://w3id.org/pkograph/graph/provenance> {
    ?citation a pko:Citation ; dcterms:isPartOf ?document .
  }
}
GROUP BY ?document
"""

#: The things the graph is expected to keep, by name: (label, SPARQL pattern over ?s).
FLOORS: tuple[tuple[str, str], ...] = (
    ("people", "?s a foaf:Person ."),
    ("organizations", "?s a/rdfs:subClassOf* org:Organization . "
                      "FILTER NOT EXISTS { ?s a/rdfs:subClassOf* pko:Mission }"),
    ("missions", "?s a/rdfs:subClassOf* pko:Mission ."),
    ("laws and agreements", "{ ?s a/rdfs:subClassOf* pko:Law } UNION "
                            "{ ?s a/rdfs:subClassOf* pko:Agreement }"),
    ("programmes", "?s a/rdfs:subClassOf* pko:Programme ."),
    ("events", "?s a/rdfs:subClassOf* pko:Event ."),
    ("financial figures", "{ ?s a pko:FinancialContribution } UNION "
                          "{ ?s a pko:Figure ; pko:currency ?currency }"),
)


@dataclass
class Coverage:
    """Per document: its totals and its share per class; and the floor counts."""

    documents: Rows
    classes: Rows
    citations: dict[str, int]
    floors: dict[str, int]

    def floors_line(self) -> str:
        return "floors: " + ", ".join(f"{name} {n}" for name, n in self.floors.items())


def floor_counts(store: GraphStore) -> dict[str, int]:
    counts = {}
    for name, pattern in FLOORS:
        rows = store.select(f"SELECT (COUNT(DISTINCT ?s) AS ?n) WHERE {{ {pattern} }}")
        counts[name] = int(str(rows.rows[0]["n"]))
    return counts


def coverage(store: GraphStore) -> Coverage:
    """What each document contributes, and the floors."""
    citations = {str(r["document"]): int(str(r["citations"])) for r in store.select(_CITATIONS)}
    return Coverage(store.select(_BY_DOCUMENT), store.select(_BY_CLASS), citations,
                    floor_counts(store))


def table_rows(cov: Coverage) -> Rows:
    """One table: each document's total row ("all"), then its classes."""
    out = Rows(["document", "class", "things", "triples"])
    per_doc: dict[str, list[dict[str, Node | None]]] = {}
    for r in cov.classes:
        per_doc.setdefault(str(r["document"]), []).append(r)
    for d in cov.documents:
        doc = str(d["document"])
        label = f"all ({cov.citations.get(doc, 0)} citations)"
        out.rows.append({"document": URIRef(doc), "class": Literal(label),
                         "things": d["things"], "triples": d["triples"]})
        for r in per_doc.get(doc, []):
            out.rows.append({"document": URIRef(doc), "class": r["class_label"],
                             "things": r["things"], "triples": r["triples"]})
    return out
