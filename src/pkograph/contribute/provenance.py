"""Which named graph each contributed triple goes into: the graph of the citation that states it.

The graph keeps one named graph per citation (see ``pkograph.mapping``), and a contribution
keeps the provenance its contributor states. A citation is a ``pko:Citation`` (described in the
contribution or already in the graph) that points with ``dcterms:isPartOf`` to a
``pko:SourceDocument``. Each triple ``s p o`` of a contribution is placed by the first rule
that applies:

1. ``s`` is a citation: the provenance graph, where the build keeps what it states about
   citations (document, locator, lines, quote).
2. The file put the triple in a named graph (TriG, N-Quads, JSON-LD ``@graph`` with ``@id``):
   that graph, which must be a citation; ``s prov:wasDerivedFrom <graph>`` is added to it, as
   the build adds it for every record.
3. ``p`` is ``prov:wasDerivedFrom``: the graph of the citation ``o``.
4. ``s`` states exactly one citation (``s prov:wasDerivedFrom c`` anywhere in the
   contribution): the graph ``c``.
5. Otherwise the triple cannot be placed, and is reported: ``s`` states no citation (rule
   CitedStatement), or several, which leaves open which of them states this triple; put such
   triples in the named graph of their citation.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass

from rdflib import URIRef
from rdflib.term import Node

from pkograph.contribute.findings import Located, contribution_finding
from pkograph.contribute.read import Statement
from pkograph.namespaces import PROV, PROVENANCE_GRAPH
from pkograph.records import Origin
from pkograph.terms import Quad


@dataclass(frozen=True)
class Placed:
    """A contributed triple in the graph it goes into, and where it was written."""

    quad: Quad
    origin: Origin


def stated_citations(statements: list[Statement]) -> dict[Node, list[Node]]:
    """The citations each subject states, in the order written."""
    cited: dict[Node, list[Node]] = defaultdict(list)
    for st in statements:
        if st.predicate == PROV.wasDerivedFrom and st.object not in cited[st.subject]:
            cited[st.subject].append(st.object)
    return cited


def place(statements: list[Statement], citations: set[Node]) -> tuple[list[Placed], list[Located]]:
    """The quads of a contribution (rules in the module docstring), and what cannot be placed."""
    cited = stated_citations(statements)
    placed: dict[Quad, Origin] = {}
    problems: list[Located] = []
    unsourced: set[object] = set()  # subjects (and graphs) already reported
    for st in statements:
        s, p, o = st.triple
        graph: Node | None = None
        if s in citations:
            graph = PROVENANCE_GRAPH
        elif st.graph is not None:
            if st.graph not in citations:
                if (s, st.graph) not in unsourced:
                    unsourced.add((s, st.graph))
                    problems.append(contribution_finding(
                        "CitationGraph", s, None, st.graph, st.origin,
                        f"the named graph {st.graph.n3()} is not a citation: put the triples "
                        "in the graph of the pko:Citation that states them"))
                continue
            graph = st.graph
            placed.setdefault((s, PROV.wasDerivedFrom, graph, graph), st.origin)
        elif p == PROV.wasDerivedFrom:
            graph = o
        elif len(cited[s]) == 1:
            graph = cited[s][0]
        elif not cited[s]:
            if s not in unsourced:
                unsourced.add(s)
                problems.append(contribution_finding(
                    "CitedStatement", s, PROV.wasDerivedFrom, None, st.origin,
                    "states no source: add prov:wasDerivedFrom a pko:Citation (which points "
                    "with dcterms:isPartOf to its pko:SourceDocument)"))
            continue
        else:
            problems.append(contribution_finding(
                "CitedStatement", s, p, o, st.origin,
                f"states {len(cited[s])} citations, so which one states this triple is open: "
                "put it in the named graph of its citation (TriG, N-Quads or JSON-LD @graph)"))
            continue
        if not isinstance(graph, URIRef):
            continue  # a literal or blank citation is reported by the shapes and the rules
        placed.setdefault((s, p, o, graph), st.origin)
    return [Placed(q, origin) for q, origin in placed.items()], problems
