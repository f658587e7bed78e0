"""What a built graph holds: triples, graphs, and things per class."""

from __future__ import annotations

from dataclasses import dataclass

from pkograph.output import shorten
from pkograph.store.base import GraphStore

_COUNTS = """
SELECT (COUNT(*) AS ?quads) (COUNT(DISTINCT ?g) AS ?graphs) WHERE {
  GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/pkograph/ontology>)
}"""

_TRIPLES = """
SELECT (COUNT(*) AS ?triples) WHERE {
  SELECT DISTINCT ?s ?p ?o WHERE {
    GRAPH ?g { ?s ?p ?o } FILTER(?g != <https://w3id.org/pkograph/ontology>)
  }
}"""

_CLASSES = """
SELECT ?class ?label (COUNT(DISTINCT ?s) AS ?n) WHERE {
  GRAPH ?g { ?s a ?class } FILTER(?g != <https://w3id.org/pkograph/ontology>)
  OPTIONAL { GRAPH <https://w3id.org/pkograph/ontology> { ?class rdfs:label ?label } }
} GROUP BY ?class ?label ORDER BY DESC(?n) ?class"""


#: The classes of the dispatch and contribution records, counted per source document.
_RECORD_CLASSES = ("Assignment", "UnitDeployment", "Phase", "ContributionInKind", "ItemLine")

_BY_DOCUMENT = """
SELECT ?doc ?class (COUNT(DISTINCT ?s) AS ?n) WHERE {{
  VALUES ?class {{ {} }}
  GRAPH ?g {{ ?s a ?class }}
  GRAPH <https://w3id.org/pkograph/graph/provenance> {{ ?g dcterms:isPartOf ?doc }}
}} GROUP BY ?doc ?class""".format(" ".join(f"pko:{c}" for c in _RECORD_CLASSES))


@dataclass
class Summary:
    triples: int
    quads: int
    graphs: int
    classes: list[tuple[str, str, int]]  # (class IRI, label, count)
    #: per source document: record class local name -> count of things it states
    by_document: dict[str, dict[str, int]]

    def count(self, class_iri: str) -> int:
        return next((n for iri, _, n in self.classes if iri == class_iri), 0)

    def lines(self) -> list[str]:
        out = [f"{self.triples} triples ({self.quads} quads in {self.graphs} graphs)",
               "things per class:"]
        width = max((len(label) for _, label, _ in self.classes), default=0)
        out += [f"  {label.ljust(width)}  {n:>6}" for _, label, n in self.classes]
        out.append("dispatch and contribution records by source document:")
        for doc, counts in sorted(self.by_document.items()):
            cells = ", ".join(f"{counts.get(c, 0)} {c}" for c in _RECORD_CLASSES)
            out.append(f"  {doc}: {cells}")
        return out


def summarize(store: GraphStore) -> Summary:
    counts = store.select(_COUNTS).rows[0]
    triples = store.select(_TRIPLES).rows[0]["triples"]
    classes = [(str(r["class"]), str(r["label"] or shorten(str(r["class"]))), int(str(r["n"])))
               for r in store.select(_CLASSES)]
    by_document: dict[str, dict[str, int]] = {}
    for r in store.select(_BY_DOCUMENT):
        doc = str(r["doc"]).rsplit("/", 1)[-1]
        by_document.setdefault(doc, {})[str(r["class"]).rsplit("#", 1)[-1]] = int(str(r["n"]))
    return Summary(int(str(triples)), int(str(counts["quads"])), int(str(counts["graphs"])),
                   classes, by_document)
