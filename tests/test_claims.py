"""Which document states what, in every format: the plain Turtle dump alone (no named graphs)
tells, through the rdf:Statements that restate each triple of a thing described by several
sources, which document states each value; and a name is stated only by citations whose lines
give it."""

from __future__ import annotations

from collections import defaultdict
from pathlib import Path

import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, ORG, PROV, RDF, RDFS, SKOS

from pkograph.export import serialize
from pkograph.iri import mint
from pkograph.mapping import ISO_GRAPH, NAMES_GRAPH, names_on_lines
from pkograph.namespaces import ONTOLOGY_GRAPH, PKO
from pkograph.store.base import GraphStore

ROOT = Path(__file__).resolve().parents[1]
MOFA, KHARE = mint("document", "mofa-peacebuilding-2007"), mint("document", "khare-statement-2022")
RTP, SEMINAR = mint("document", "road-to-peace-2019"), mint("document", "hisajima-seminar-2022")


@pytest.fixture(scope="module")
def turtle(built_store: GraphStore) -> Graph:
    """The graph as the plain Turtle dump gives it, read back by rdflib."""
    quads = [q for q in built_store.quads() if q[3] != ONTOLOGY_GRAPH]
    return Graph().parse(data=serialize(quads, "turtle"), format="turtle")


def claims(graph: Graph, subject: URIRef, predicate: URIRef) -> set[tuple[str, str]]:
    """(value, source) of each statement restating ``subject predicate value``: the source is
    the document of the citation, or the build graph (ISO codes, pkograph's names)."""
    found = set()
    for st in graph.subjects(RDF.subject, subject):
        if graph.value(st, RDF.predicate) != predicate:
            continue
        source = graph.value(st, PROV.wasDerivedFrom)
        document = graph.value(source, DCTERMS.isPartOf) or source
        found.add((str(graph.value(st, RDF.object)), str(document)))
    return found


def test_akashis_untac_post_tells_which_document_states_which_role_and_title(
        turtle: Graph) -> None:
    post = mint("membership", "yasushi-akashi", "untac")
    assert claims(turtle, post, ORG.role) == {
        (str(mint("role", "srsg")), str(MOFA)), (str(mint("role", "head-of-mission")), str(KHARE))}
    assert claims(turtle, post, PKO.title) == {
        ("Special Representative of the Secretary General (SRSG) in UNTAC", str(MOFA)),
        ("Chief of Mission", str(KHARE))}
    # Both are in the dump as plain triples too, which alone could not tell them apart.
    assert len(set(turtle.objects(post, ORG.role))) == 2
    assert len(set(turtle.objects(post, PROV.wasDerivedFrom))) == 3


def test_the_five_principles_keep_each_documents_wording(turtle: Graph) -> None:
    third = claims(turtle, mint("principle", "five-principles", "3"), PKO.text)
    assert third == {
        ("The operations shall be conducted without partiality to any of the Parties to Armed "
         "Conflict.", str(RTP)),
        ("The operations shall be conducted without partial to any of the Parties to Armed "
         "Conflict.", str(SEMINAR))}


def test_dates_keep_their_documents(turtle: Graph) -> None:
    south_sudan = mint("assignment", "south-sudan-2011")
    assert claims(turtle, south_sudan, PKO.ongoingAsOf) == {
        ("2019-04", str(RTP)), ("2019-04-30", str(RTP)), ("2022-07-27", str(SEMINAR))}
    assert claims(turtle, mint("assignment", "east-timor-1999"), PKO.beginDate) == {
        ("1997-07", str(SEMINAR))}


def test_names_from_outside_the_documents_say_so(turtle: Graph) -> None:
    """A label pkograph gives is restated with the names graph as its source, even on a thing
    with one citation; an ISO 3166 code comes, by its property, from the ISO graph."""
    iraq = mint("figure", "iraq-population-mofa-2007")
    assert len(set(turtle.objects(iraq, PROV.wasDerivedFrom))) == 1
    assert claims(turtle, iraq, RDFS.label) == {("Population of Iraq", str(NAMES_GRAPH))}
    assert turtle.value(NAMES_GRAPH, RDFS.label) == Literal("Names pkograph gives", lang="en")
    assert claims(turtle, mint("place", "timor-leste"), PKO.iso3166Alpha2) == set()
    assert (ISO_GRAPH, RDFS.label, Literal("ISO 3166 codes", lang="en")) in turtle


def test_every_triple_of_a_thing_with_several_sources_is_restated(turtle: Graph) -> None:
    restated: dict[URIRef, set[tuple[URIRef, object]]] = defaultdict(set)
    for st in turtle.subjects(RDF.type, RDF.Statement):
        restated[turtle.value(st, RDF.subject)].add(  # type: ignore[index]
            (turtle.value(st, RDF.predicate), turtle.value(st, RDF.object)))
    several = [s for s in set(turtle.subjects(PROV.wasDerivedFrom, None))
               if len(set(turtle.objects(s, PROV.wasDerivedFrom))) > 1
               and (s, RDF.type, RDF.Statement) not in turtle]
    assert len(several) > 200
    missing = [(s, p, o) for s in several for p, o in turtle.predicate_objects(s)
               if p not in (RDF.type, PROV.wasDerivedFrom, PKO.iso3166Alpha2, PKO.iso3166Alpha3)
               and (p, o) not in restated[s]]
    assert missing == []


# --- names only where the cited lines give them -------------------------------------------------

def _lines(store: GraphStore) -> dict[URIRef, list[str]]:
    """The cited lines of every citation, from the document's text file."""
    rows = store.select("""
        SELECT ?c ?path ?first ?last WHERE {
          ?c a pko:Citation ; dcterms:isPartOf ?doc ; pko:firstLine ?first ; pko:lastLine ?last .
          ?doc pko:localPath ?path }""")
    texts: dict[str, list[str]] = {}
    out = {}
    for r in rows:
        path = str(r["path"])
        if path not in texts:
            texts[path] = (ROOT / path).read_text(encoding="utf-8").splitlines()
        out[URIRef(str(r["c"]))] = texts[path][int(r["first"]) - 1: int(r["last"])]  # type: ignore[arg-type]
    return out


def test_a_name_is_stated_only_by_citations_whose_lines_give_it(
        built_store: GraphStore) -> None:
    lines = _lines(built_store)
    names = (RDFS.label, SKOS.prefLabel, SKOS.altLabel, PKO.acronym, PKO.formerName)
    stated = [(s, p, o, g) for s, p, o, g in built_store.quads() if p in names]
    in_citations = [q for q in stated if q[3] in lines]
    assert len(in_citations) > 400
    assert [q for q in in_citations if not names_on_lines(lines[q[3]], str(q[2]))] == []
    # The rest are labels pkograph gives (no cited line names the thing so), the ontology's
    # own, and the provenance graph's names of the build graphs.
    others = {(p, g) for s, p, _, g in stated if g not in lines and s not in (ISO_GRAPH,
                                                                               NAMES_GRAPH)}
    assert {g for _, g in others} == {NAMES_GRAPH, ONTOLOGY_GRAPH}
    assert {p for p, g in others if g == NAMES_GRAPH} <= {RDFS.label, SKOS.prefLabel}
    unsc = mint("organization", "unhcr")
    graphs = {g for s, p, _, g in stated if s == unsc and p == RDFS.label}
    assert mint("citation", "hisajima-seminar-2022", "l86") not in graphs  # says only "UNHCR"
    assert mint("citation", "road-to-peace-2019", "l70") in graphs


def test_names_are_found_across_a_tables_cells() -> None:
    cells = ["PKO\t1\tUnited Nations Transitional Authority in\t1st: Sept. 11, 1992",
             "\t2\tCambodia (UNTAC)\t2 nd : Jan. 22, 1993"]
    assert names_on_lines(cells, "United Nations Transitional Authority in Cambodia")
    assert names_on_lines([" International Peace \tIndonesia", "8 Cooperation Assignment in"],
                          "International Peace Cooperation Assignment in")
    assert not names_on_lines(["Used for UNHCR's operations"], "Office of the United Nations "
                              "High Commissioner for Refugees")
    assert not names_on_lines(["Population: 28.1 millions", "Iraq"], "Population of Iraq")
