"""Reading what Pellet prints, as owlready2 passes it on: its realization (every individual
under its most specific classes) and ``pellet explain``'s account of a contradiction.

Pellet prints IRIs in full in a realization but by short name (the last segment of the IRI)
in an explanation; ``named`` maps the short names back to the IRIs of the graph.
"""

from __future__ import annotations

import re

from rdflib import Graph, Literal, URIRef

from pkograph.namespaces import OWL, RDF

_REALIZED = re.compile(r"^\s*\S+(?: = \S+)* - \((.*)\)\s*$")


def realized(output: str) -> set[str]:
    """The individuals Pellet's realization lists under their most specific classes."""
    text = output.split("Pellet output:", 1)[-1]
    found: set[str] = set()
    for line in text.splitlines():
        match = _REALIZED.match(line)
        if match:
            found.update(i for i in match.group(1).split(", ") if "Anonymous" not in i)
    return found


def explanation(message: str) -> list[str]:
    """The axioms and assertions of ``pellet explain``'s output, one a line."""
    _, _, text = message.partition("Explanation(s):")
    axioms: list[str] = []
    depth = 0
    for raw in text.splitlines():
        if not raw.strip():
            continue
        if not raw[0].isspace() and not re.match(r"^\d+\)", raw):
            break  # Java's log lines follow the explanation
        line = re.sub(r"^\d+\)", "", raw).strip()
        if depth > 0:
            axioms[-1] += " " + line
        else:
            axioms.append(line)
        depth += line.count("(") - line.count(")")
    return axioms


_LITERAL = re.compile(r'"(?:[^"\\]|\\.)*"(?:\^\^\S+|@\S+)?')
_TOKEN = re.compile(r"<([^>]+)>|([^\s()<>]+)")


def _local(iri: str) -> str:
    return re.split(r"[#/]", iri.rstrip("/#"))[-1]


def named(axioms: list[str], graph: Graph, known: set[URIRef],
          ) -> tuple[list[URIRef], list[URIRef]]:
    """The individuals (of ``known``) and the classes an explanation names.

    Pellet prints short names (the last segment of an IRI), which several IRIs may share; an
    individual counts only if the graph holds the assertion the explanation line states.
    """
    by_name: dict[str, set[URIRef]] = {}
    for triple in graph:
        for term in triple:
            if isinstance(term, URIRef):
                by_name.setdefault(_local(str(term)), set()).add(term)
    classes = {c for c in graph.subjects(RDF.type, OWL.Class) if isinstance(c, URIRef)}
    classes |= {c for c in graph.objects(None, RDF.type) if isinstance(c, URIRef)}
    individuals: set[URIRef] = set()
    named_classes: set[URIRef] = set()
    disjoint: set[URIRef] = set()
    for axiom in axioms:
        has_literal = bool(_LITERAL.search(axiom))
        tokens = _TOKEN.findall(_LITERAL.sub(" ", axiom))
        terms = [{URIRef(full)} if full else by_name.get(short, set()) for full, short in tokens]
        mentioned: set[URIRef] = set().union(*terms) if terms else set()
        if axiom.startswith(("DisjointClasses", "AllDisjointClasses")):
            disjoint |= mentioned & classes
            continue
        subjects = terms[0] & known if terms else set()
        if not subjects or len(terms) < 2:
            named_classes |= mentioned & classes
            continue
        predicates = {RDF.type} if tokens[1][1] == "type" else terms[1]
        objects = terms[2] if len(terms) > 2 else set()
        has_literal = has_literal or (len(terms) > 2 and not objects)  # 12 for "12"^^integer
        for s in subjects:
            for p in predicates:
                for o in graph.objects(s, p):
                    if (has_literal and isinstance(o, Literal)) or o in objects:
                        individuals.add(s)
                        if o in known:
                            individuals.add(o)  # type: ignore[arg-type]
                        if p == RDF.type:
                            named_classes.add(o)  # type: ignore[arg-type]
    # A disjointness axiom lists every class of the ontology's top level; keep those the rest
    # of the explanation involves.
    return sorted(individuals), sorted(named_classes or disjoint)
