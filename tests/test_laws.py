"""Laws on the built graph: which amendment added which operation category, where a document
says so (and a note where none does), and a label on every legal event."""

from __future__ import annotations

from graph_rows import iri, rows

from pkograph.store.base import GraphStore


def test_the_2015_amendments_added_internationally_coordinated_operations(
        built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?category ?amendment ?date ?document ?first WHERE {
          GRAPH ?c { ?category pko:addedBy ?amendment }
          ?amendment a pko:Amendment ; pko:date ?date .
          ?c dcterms:isPartOf ?document ; pko:firstLine ?first }""") == {
        (iri("operation-category/internationally-coordinated-operations"),
         iri("legal-event/international-peace-cooperation-law-amendments-2015"), "2015",
         iri("document/road-to-peace-2019"), "66")}


def test_where_no_document_says_which_amendment_added_a_category_its_note_says_so(
        built_store: GraphStore) -> None:
    assert rows(built_store, """
        SELECT ?category WHERE {
          ?category skos:inScheme x:scheme/operation-category .
          FILTER NOT EXISTS { ?category pko:addedBy [] }
          ?category skos:note ?note . FILTER(CONTAINS(?note, "which amendment added"))
        }""") == {(iri("operation-category/international-election-observation-operations"),)}
    # All four are still set out by the law, as the 2019 booklet says.
    assert len(rows(built_store, """
        SELECT ?category WHERE {
          ?category pko:establishedBy x:instrument/international-peace-cooperation-law }""")) == 4


def test_every_legal_event_has_one_label(built_store: GraphStore) -> None:
    found = rows(built_store, """
        SELECT ?event (COUNT(DISTINCT ?label) AS ?labels) WHERE {
          ?event a/rdfs:subClassOf* pko:LegalEvent .
          OPTIONAL { ?event rdfs:label ?label }
        } GROUP BY ?event""")
    assert len(found) == 11
    assert {n for _, n in found} == {"1"}
    assert (iri("legal-event/international-peace-cooperation-law-amendments-2015"), "1") in found
