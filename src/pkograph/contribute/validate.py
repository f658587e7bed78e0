"""Validating a contribution in the context of the existing graph, without re-validating it.

Steps: place every triple in the graph of its citation (``provenance``); find the focus nodes
and their neighbourhood in the existing graph (``context``); check the contribution rules
(``rules``) and the ontology's axioms the reasoner relies on (``consistency``); run the SHACL
shapes on the neighbourhood plus the contribution, restricted to the
focus nodes; run the project's ``queries/*-violation.rq`` checks on the same small graph,
keeping the rows about focus nodes. Each finding is located in the contributed files.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import PROV, RDF
from rdflib.term import Node

from pkograph.contribute import rules
from pkograph.contribute.consistency import contradictions, load_axioms
from pkograph.contribute.context import (
    Neighbourhood,
    backward_predicates,
    focus_nodes,
    names_by_type,
    neighbourhood,
)
from pkograph.contribute.findings import Located, StatementIndex
from pkograph.contribute.provenance import Placed, place
from pkograph.contribute.read import Delta, canonical, quiet_literal_warnings
from pkograph.contribute.vocabulary import load_vocabulary
from pkograph.namespaces import ONTOLOGY_GRAPH, PKO
from pkograph.output import term_text
from pkograph.shacl import Finding, validate
from pkograph.store.base import GraphStore
from pkograph.store.embedded import MemoryStore
from pkograph.terms import Quad


@dataclass(frozen=True)
class Check:
    """A quality check: a saved query that must return no rows (``*-violation.rq``)."""

    name: str
    query: str


def violation_checks(paths: Iterable[Path]) -> list[Check]:
    return [Check(p.stem, p.read_text(encoding="utf-8")) for p in paths]


@dataclass
class Outcome:
    """What validating a contribution found, and the quads it would add."""

    delta: Delta
    placed: list[Placed]
    focus: list[URIRef]
    findings: list[Located]
    #: the W3C SHACL validation report of the focus nodes
    report: Graph
    #: triples in the graph SHACL validated (neighbourhood and contribution)
    context_size: int = 0

    @property
    def conforms(self) -> bool:
        return not any(f.is_violation for f in self.findings)

    @property
    def violations(self) -> list[Located]:
        return [f for f in self.findings if f.is_violation]


def _citations(delta: Delta, near: Neighbourhood) -> set[Node]:
    typed = {st.subject for st in delta.statements
             if st.predicate == RDF.type and st.object == PKO.Citation}
    return typed | {s for s, p, o, _ in near.quads if p == RDF.type and o == PKO.Citation}


def _check_rows(checks: list[Check], quads: list[Quad], ontology: Graph,
                focus: set[URIRef], index: StatementIndex, report: Graph) -> list[Located]:
    """Rows of the quality checks on the small graph that name a focus node."""
    if not checks:
        return []
    store = MemoryStore([*quads, *((s, p, o, ONTOLOGY_GRAPH) for s, p, o in ontology)])
    out: list[Located] = []
    for check in checks:
        for row in store.select(check.query):
            named = [v for v in row.values() if v is not None and v in focus]
            if not named:
                continue
            cells = ", ".join(f"{k}={term_text(v)}" for k, v in row.items() if v is not None)
            finding = Finding(focus=named[0], path=None, value=None,
                              message=f"the quality check {check.name} returns a row: {cells}",
                              severity="Violation", shape=None, constraint=check.name,
                              rule=f"queries/{check.name}")
            out.append(Located(finding, index.locate(finding, report)))
    return out


def _shapes(near: Neighbourhood, placed: list[Placed], delta: Delta, shapes: Graph,
            ontology: Graph, focus: list[URIRef], index: StatementIndex
            ) -> tuple[list[Located], Graph, int]:
    """SHACL on the neighbourhood plus the contribution, restricted to the focus nodes: the
    findings about focus nodes, the report, and the size of the graph validated."""
    graph = Graph()
    for triple in near.triples():
        graph.add(triple)
    for q in placed:
        graph.add(q.quad[:3])
    for st in delta.statements:  # triples that could not be placed are still validated
        graph.add(st.triple)
    if not focus:
        return [], Graph(), len(graph)
    result = validate(graph, shapes, ontology, focus_nodes=focus)
    # pyshacl also lists the nested results that explain a result (sh:detail); their focus is
    # a value, such as a concept outside its scheme, and they are left to the W3C report.
    chosen = set(focus)
    found = [Located(f, index.locate(f, result.report)) for f in result.findings
             if f.focus in chosen]
    return found, result.report, len(graph)


def check_contribution(delta: Delta, store: GraphStore, shapes: Graph, ontology: Graph,
                       checks: list[Check] | None = None) -> Outcome:
    """Validate the contribution ``delta`` against the graph behind ``store``."""
    with quiet_literal_warnings():
        return _check(canonical(delta), store, shapes, ontology, checks or [])


def _check(delta: Delta, store: GraphStore, shapes: Graph, ontology: Graph,
           checks: list[Check]) -> Outcome:
    statements = delta.statements
    vocabulary = load_vocabulary(ontology)
    backward = backward_predicates(shapes)
    triples = [st.triple for st in statements]
    focus = focus_nodes(triples, backward)
    asked = {st.graph for st in statements if st.graph is not None}
    asked |= {st.object for st in statements if isinstance(st.object, URIRef)
              and st.predicate != RDF.type and not vocabulary.is_declared(st.object)}
    near = neighbourhood(store, focus, triples, backward, asked)

    def described(node: URIRef) -> bool:
        return node in near.described

    placed, found = place(statements, _citations(delta, near))
    new = rules.new_things(statements, described)
    labelled = rules.labelled_new_things(statements, new)
    types = {t for kinds, _ in labelled.values() for t in kinds if isinstance(t, URIRef)}
    axioms = load_axioms(ontology)

    def broader(cls: Node) -> frozenset[Node]:
        above = axioms.broader.get(cls) if isinstance(cls, URIRef) else None
        return frozenset(above) if above is not None else frozenset({cls})

    found += [
        *rules.known_terms(statements, vocabulary),
        *rules.resolved_references(statements, vocabulary, described),
        *rules.no_blank_nodes(statements),
        *rules.pkograph_iris(statements, new),
        *rules.well_typed_literals(statements),
        *rules.portable_text(statements),
        *rules.likely_duplicates(labelled, names_by_type(store, types)),
        *rules.duplicates_within(statements, new, broader),
        *contradictions(statements, near.quads, ontology, store, axioms),
    ]
    index = StatementIndex(statements)
    shacl, report, size = _shapes(near, placed, delta, shapes, ontology, focus, index)
    sourced = {f.finding.focus for f in shacl if f.finding.path == PROV.wasDerivedFrom}
    found = [f for f in found  # the shapes already say "no source" of a typed thing
             if not (f.finding.rule == "contribution/CitedStatement"
                     and f.finding.path == PROV.wasDerivedFrom and f.finding.focus in sourced)]
    quads = [*near.quads, *(q.quad for q in placed)]
    found += _check_rows(checks, quads, ontology, set(focus), index, report)
    return Outcome(delta, placed, focus, sorted(shacl + found, key=Located.sort_key), report,
                   size)
