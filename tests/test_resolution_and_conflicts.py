"""Entity resolution and conflicting claims, checked on the built graph.

One IRI per real-world thing across documents (former and current names of places), and, where
the 2019 booklet and the 2022 seminar list disagree about a dispatch, both claims kept as unit
deployments of the same assignment, each with its own document.
"""

from __future__ import annotations

from rdflib import URIRef

from pkograph.iri import mint
from pkograph.store.base import GraphStore

RTP, SEMINAR = "road-to-peace-2019", "hisajima-seminar-2022"


def _hosts(store: GraphStore, assignment: str) -> set[str]:
    rows = store.select("SELECT ?a ?p WHERE { ?a pko:hostCountry ?p }",
                        {"a": mint("assignment", assignment)})
    return {str(r["p"]) for r in rows}


def _claims(store: GraphStore, assignment: str, unit_type: str) -> dict[str, set[tuple]]:
    """Per document: (strength, rotations, phase begin, deployment begin) of each phase."""
    rows = store.select("""
        SELECT ?a ?ut ?doc ?s ?r ?pb ?b WHERE {
          ?a pko:hasUnitDeployment ?d . ?d pko:unitType ?ut .
          GRAPH ?g { ?d pko:unitType ?ut } ?g dcterms:isPartOf ?doc .
          OPTIONAL { ?d pko:beginDate ?b }
          OPTIONAL { ?d pko:hasPhase ?p .
                     OPTIONAL { ?p pko:strength ?s } OPTIONAL { ?p pko:rotations ?r }
                     OPTIONAL { ?p pko:beginDate ?pb } }
        }""", {"a": mint("assignment", assignment), "ut": mint("unit-type", unit_type)})
    out: dict[str, set[tuple]] = {}
    for r in rows:
        doc = str(r["doc"]).rsplit("/", 1)[-1]
        out.setdefault(doc, set()).add(tuple(
            None if r[k] is None else (int(r[k]) if k in ("s", "r") else str(r[k]))  # type: ignore[arg-type]
            for k in ("s", "r", "pb", "b")))
    return out


def test_zaire_is_the_democratic_republic_of_the_congo(built_store: GraphStore) -> None:
    drc = mint("place", "democratic-republic-of-the-congo")
    assert str(drc) in _hosts(built_store, "rwandan-refugees-1994")
    assert str(drc) in _hosts(built_store, "democratic-republic-of-congo-2006")
    rows = built_store.select("SELECT ?p ?n ?code WHERE { ?p pko:formerName ?n ; "
                              "pko:iso3166Alpha2 ?code }", {"p": drc})
    assert {(str(r["n"]), str(r["code"])) for r in rows} == {("Zaire", "CD")}


def test_east_timor_is_timor_leste(built_store: GraphStore) -> None:
    timor = mint("place", "timor-leste")
    for assignment in ("east-timor-2001", "east-timor-2002", "timor-leste-2007",
                       "timor-leste-2010"):
        assert str(timor) in _hosts(built_store, assignment), assignment
    names = built_store.select("SELECT ?p ?n WHERE { ?p skos:altLabel ?n }", {"p": timor})
    assert "East Timor" in {str(r["n"]) for r in names}
    code = built_store.select("SELECT ?p ?c WHERE { ?p pko:iso3166Alpha2 ?c }", {"p": timor})
    assert [str(r["c"]) for r in code] == ["TL"]


def test_unamet_dispatch_period(built_store: GraphStore) -> None:
    """The 2019 table dates each unit (July 1999); the 2022 list dates the dispatch as a whole
    (07.1997, a date it gives no unit): each claim sits where its document puts it."""
    claims = _claims(built_store, "east-timor-1999", "civilian-police-officers")
    assert {b for *_, b in claims[RTP]} == {"1999-07"}
    assert {b for *_, b in claims[SEMINAR]} == {None}
    rows = built_store.select("""
        SELECT ?a ?b ?e ?doc WHERE {
          GRAPH ?g { ?a pko:beginDate ?b ; pko:endDate ?e } ?g dcterms:isPartOf ?doc }""",
                              {"a": mint("assignment", "east-timor-1999")})
    assert {(str(r["b"]), str(r["e"]), str(r["doc"]).rsplit("/", 1)[-1]) for r in rows} == {
        ("1997-07", "1999-09", SEMINAR)}


def test_no_unit_of_the_2022_list_is_dated(built_store: GraphStore) -> None:
    rows = built_store.select("""
        SELECT DISTINCT ?d WHERE {
          GRAPH ?g { ?d a pko:UnitDeployment } ?g pko:locator ?where .
          FILTER(STRSTARTS(?where, "List 'Record of Japan's Dispatch to Peace Operations"))
          ?d pko:beginDate|pko:endDate|pko:ongoingAsOf [] }""")
    assert len(rows) == 0
    listed = built_store.select("""
        SELECT (COUNT(DISTINCT ?d) AS ?n) WHERE {
          GRAPH ?g { ?d a pko:UnitDeployment } ?g pko:locator ?where .
          FILTER(STRSTARTS(?where, "List 'Record of Japan's Dispatch to Peace Operations")) }""")
    assert [int(r["n"]) for r in listed] == [27]  # type: ignore[arg-type]


def test_undof_staff_officer_rotations(built_store: GraphStore) -> None:
    claims = _claims(built_store, "golan-heights-1996", "staff-officers")
    assert {(s, r) for s, r, _, _ in claims[RTP]} == {(2, 13), (3, 4)}
    assert {(s, r) for s, r, _, _ in claims[SEMINAR]} == {(2, 3), (3, 4)}


def test_unmiss_staff_officers(built_store: GraphStore) -> None:
    claims = _claims(built_store, "south-sudan-2011", "staff-officers")
    assert {(s, r) for s, r, _, _ in claims[RTP]} == {(3, 5), (4, 5)}
    assert {(s, r) for s, r, _, _ in claims[SEMINAR]} == {(3, 5), (4, 8)}


def test_unmiss_engineering_rotation_of_2016(built_store: GraphStore) -> None:
    claims = _claims(built_store, "south-sudan-2011", "engineering-units")
    assert {s for s, _, pb, _ in claims[RTP] if pb and pb.startswith("2016")} == {354}
    assert {s for s, _, pb, _ in claims[SEMINAR] if pb and pb.startswith("2016")} == {351}


def test_minustah_engineering_rotations(built_store: GraphStore) -> None:
    claims = _claims(built_store, "haiti-2010", "engineering-units")
    assert (330, 2) in {(s, r) for s, r, _, _ in claims[RTP]}
    assert (330, 2) not in {(s, r) for s, r, _, _ in claims[SEMINAR]}
    assert len(claims[RTP]) == 6 and len(claims[SEMINAR]) == 5


def test_mfo_staff_officers(built_store: GraphStore) -> None:
    claims = _claims(built_store, "sinai-peninsula-2019", "staff-officers")
    assert {(s, r) for s, r, _, _ in claims[RTP]} == {(2, 1)}
    assert {(s, r) for s, r, _, _ in claims[SEMINAR]} == {(2, None)}


def test_unmit_2010_unit_type(built_store: GraphStore) -> None:
    assert set(_claims(built_store, "timor-leste-2010", "military-liaison-officers")) == {RTP}
    assert set(_claims(built_store, "timor-leste-2010", "military-observers")) == {SEMINAR}


def test_each_claim_keeps_its_own_citation(built_store: GraphStore) -> None:
    rows = built_store.select("""
        SELECT DISTINCT ?a ?ut ?d ?where WHERE {
          ?a pko:hasUnitDeployment ?d . ?d pko:unitType ?ut .
          GRAPH ?g { ?d pko:unitType ?ut } ?g pko:locator ?where
        }""", {"a": mint("assignment", "golan-heights-1996"),
               "ut": mint("unit-type", "staff-officers")})
    assert len(rows) == 2
    assert all(isinstance(r["d"], URIRef) for r in rows)
    assert {str(r["where"]).split(" ")[0] for r in rows} == {"Table", "List"}
